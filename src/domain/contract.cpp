#include "domain/contract.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "domain/reference.hpp"

namespace corridor::domain {
namespace {

template <typename E, size_t N>
Result<E> ParseEnum(std::string_view text, const std::pair<E, std::string_view> (&table)[N]) {
  for (const auto& [value, name] : table) {
    if (name == text) return value;
  }
  std::string list;
  for (const auto& [value, name] : table) {
    if (!list.empty()) list += ", ";
    list += name;
  }
  return Status::InvalidArgument("must be one of " + list);
}

template <typename E, size_t N>
std::string_view EnumName(E value, const std::pair<E, std::string_view> (&table)[N]) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "?";
}

constexpr std::pair<AllowanceKind, std::string_view> kAllowanceKinds[] = {
    {AllowanceKind::kNone, "none"},
    {AllowanceKind::kCash, "cash"},
    {AllowanceKind::kInKind, "in_kind"}};
constexpr std::pair<Payer, std::string_view> kPayers[] = {{Payer::kEmployer, "employer"},
                                                          {Payer::kWorker, "worker"}};
constexpr std::pair<Weekday, std::string_view> kWeekdays[] = {
    {Weekday::kMonday, "monday"},       {Weekday::kTuesday, "tuesday"},
    {Weekday::kWednesday, "wednesday"}, {Weekday::kThursday, "thursday"},
    {Weekday::kFriday, "friday"},       {Weekday::kSaturday, "saturday"},
    {Weekday::kSunday, "sunday"}};
constexpr std::pair<Accommodation, std::string_view> kAccommodations[] = {
    {Accommodation::kProvidedFree, "provided_free"},
    {Accommodation::kAllowance, "allowance"},
    {Accommodation::kWorkerArranged, "worker_arranged"}};
constexpr std::pair<ContractState, std::string_view> kStates[] = {
    {ContractState::kDraft, "draft"},
    {ContractState::kOffered, "offered"},
    {ContractState::kAccepted, "accepted"},
    {ContractState::kRejected, "rejected"},
    {ContractState::kWithdrawn, "withdrawn"},
    {ContractState::kAttested, "attested"},
    {ContractState::kAuthenticated, "authenticated"},
    {ContractState::kActive, "active"},
    {ContractState::kEnded, "ended"}};
constexpr std::pair<EndReason, std::string_view> kEndReasons[] = {
    {EndReason::kExpiry, "expiry"},
    {EndReason::kResignation, "resignation"},
    {EndReason::kTermination, "termination"},
    {EndReason::kTransfer, "transfer"},
    {EndReason::kFinalExit, "final_exit"}};

Status CheckRange(int value, int lo, int hi, std::string_view field) {
  if (value < lo || value > hi) {
    return Status::InvalidArgument(
        "must be between " + std::to_string(lo) + " and " + std::to_string(hi), std::string(field));
  }
  return Status::Ok();
}

Status CheckText(const std::string& value, std::string_view field, size_t max, bool required) {
  if (value.empty() && !required) return Status::Ok();
  auto r = RequiredText(value, field, max);
  if (!r.ok()) return r.status();
  if (*r != value)
    return Status::InvalidArgument("has leading or trailing spaces", std::string(field));
  return Status::Ok();
}

Status CheckAllowance(const Allowance& a, const std::string& currency, const std::string& field) {
  switch (a.kind) {
    case AllowanceKind::kNone:
      if (a.amount)
        return Status::InvalidArgument("an allowance of kind none has no amount",
                                       field + ".amount");
      return Status::Ok();
    case AllowanceKind::kCash:
      if (!a.amount)
        return Status::InvalidArgument("a cash allowance needs an amount", field + ".amount");
      [[fallthrough]];
    case AllowanceKind::kInKind:
      if (a.amount) {
        if (a.amount->currency != currency) {
          return Status::InvalidArgument("must be in the basic wage's currency " + currency,
                                         field + ".amount");
        }
        if (a.amount->minor <= 0) {
          return Status::InvalidArgument("must be more than zero", field + ".amount");
        }
      }
      return Status::Ok();
  }
  return Status::Ok();
}

std::string AllowanceText(const Allowance& a) {
  std::string s(ToString(a.kind));
  if (a.amount) s += " " + a.amount->ToString();
  return s;
}

std::string StateError(const Contract& c, std::string_view action, std::string_view needs) {
  return "cannot " + std::string(action) + " a contract that is " + std::string(ToString(c.state)) +
         " (it must be " + std::string(needs) + ")";
}

}  // namespace

std::string_view ToString(AllowanceKind k) { return EnumName(k, kAllowanceKinds); }
Result<AllowanceKind> ParseAllowanceKind(std::string_view t) {
  return ParseEnum(t, kAllowanceKinds);
}
std::string_view ToString(Payer p) { return EnumName(p, kPayers); }
Result<Payer> ParsePayer(std::string_view t) { return ParseEnum(t, kPayers); }
std::string_view ToString(Weekday d) { return EnumName(d, kWeekdays); }
Result<Weekday> ParseWeekday(std::string_view t) { return ParseEnum(t, kWeekdays); }
std::string_view ToString(Accommodation a) { return EnumName(a, kAccommodations); }
Result<Accommodation> ParseAccommodation(std::string_view t) {
  return ParseEnum(t, kAccommodations);
}
std::string_view ToString(ContractState s) { return EnumName(s, kStates); }
Result<ContractState> ParseContractState(std::string_view t) { return ParseEnum(t, kStates); }
std::string_view ToString(EndReason r) { return EnumName(r, kEndReasons); }
Result<EndReason> ParseEndReason(std::string_view t) { return ParseEnum(t, kEndReasons); }

std::string_view ToString(AmendmentState s) {
  switch (s) {
    case AmendmentState::kProposed:
      return "proposed";
    case AmendmentState::kAccepted:
      return "accepted";
    case AmendmentState::kRejected:
      return "rejected";
  }
  return "?";
}

Status ValidateTerms(const ContractTerms& t) {
  if (t.worker.empty()) return Status::InvalidArgument("is required", "worker");
  if (t.employer.empty()) return Status::InvalidArgument("is required", "employer");
  RETURN_IF_ERROR(CheckCountry(t.origin_country, "origin_country"));
  RETURN_IF_ERROR(CheckCountry(t.destination_country, "destination_country"));
  if (t.origin_country == t.destination_country) {
    return Status::InvalidArgument("must differ from the origin country", "destination_country");
  }
  RETURN_IF_ERROR(CheckText(t.position, "position", 120, true));
  RETURN_IF_ERROR(CheckIscoCode(t.isco_code, "isco_code"));
  if (!CurrencyExponent(t.basic_wage.currency)) {
    return Status::InvalidArgument("unknown currency '" + t.basic_wage.currency + "'",
                                   "basic_wage.currency");
  }
  if (t.basic_wage.minor <= 0)
    return Status::InvalidArgument("must be more than zero", "basic_wage");
  RETURN_IF_ERROR(CheckAllowance(t.housing, t.basic_wage.currency, "housing"));
  RETURN_IF_ERROR(CheckAllowance(t.food, t.basic_wage.currency, "food"));
  RETURN_IF_ERROR(CheckAllowance(t.transport, t.basic_wage.currency, "transport"));
  RETURN_IF_ERROR(CheckRange(t.hours_per_day, 1, 12, "hours_per_day"));
  RETURN_IF_ERROR(CheckRange(t.days_per_week, 1, 6, "days_per_week"));
  RETURN_IF_ERROR(CheckRange(t.overtime_percent, 100, 300, "overtime_percent"));
  RETURN_IF_ERROR(CheckRange(t.annual_leave_days, 0, 60, "annual_leave_days"));
  RETURN_IF_ERROR(CheckRange(t.probation_months, 0, 12, "probation_months"));
  RETURN_IF_ERROR(CheckRange(t.duration_months, 1, 60, "duration_months"));
  RETURN_IF_ERROR(CheckRange(t.notice_period_days, 0, 180, "notice_period_days"));
  if (t.probation_months >= t.duration_months) {
    return Status::InvalidArgument("must be shorter than the contract", "probation_months");
  }
  RETURN_IF_ERROR(CheckText(t.place_of_work, "place_of_work", 300, true));
  RETURN_IF_ERROR(CheckText(t.accommodation_details, "accommodation_details", 300, false));
  if (t.accommodation == Accommodation::kAllowance && t.housing.kind != AllowanceKind::kCash) {
    return Status::InvalidArgument("accommodation by allowance needs a cash housing allowance",
                                   "housing");
  }
  if (t.worker_fees.currency != t.basic_wage.currency) {
    return Status::InvalidArgument("must be in the basic wage's currency " + t.basic_wage.currency,
                                   "worker_fees");
  }
  if (t.worker_fees.minor < 0) return Status::InvalidArgument("cannot be negative", "worker_fees");
  if (t.languages.empty()) {
    return Status::InvalidArgument("name at least one language the worker received it in",
                                   "languages");
  }
  for (size_t i = 0; i < t.languages.size(); ++i) {
    const std::string field = "languages[" + std::to_string(i) + "]";
    RETURN_IF_ERROR(CheckLanguage(t.languages[i], field));
    for (size_t j = 0; j < i; ++j) {
      if (t.languages[j] == t.languages[i]) return Status::InvalidArgument("appears twice", field);
    }
  }
  return Status::Ok();
}

std::vector<FieldDiff> DiffTerms(const ContractTerms& a, const ContractTerms& b) {
  std::vector<FieldDiff> out;
  auto add = [&out](std::string field, std::string before, std::string after) {
    if (before != after) out.push_back({std::move(field), std::move(before), std::move(after)});
  };
  auto num = [](int v) { return std::to_string(v); };
  auto langs = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& l : v) s += (s.empty() ? "" : ",") + l;
    return s;
  };
  add("worker", a.worker.value(), b.worker.value());
  add("employer", a.employer.value(), b.employer.value());
  add("agency", a.agency ? a.agency->value() : "", b.agency ? b.agency->value() : "");
  add("origin_country", a.origin_country, b.origin_country);
  add("destination_country", a.destination_country, b.destination_country);
  add("position", a.position, b.position);
  add("isco_code", a.isco_code, b.isco_code);
  add("basic_wage", a.basic_wage.ToString(), b.basic_wage.ToString());
  add("housing", AllowanceText(a.housing), AllowanceText(b.housing));
  add("food", AllowanceText(a.food), AllowanceText(b.food));
  add("transport", AllowanceText(a.transport), AllowanceText(b.transport));
  add("hours_per_day", num(a.hours_per_day), num(b.hours_per_day));
  add("days_per_week", num(a.days_per_week), num(b.days_per_week));
  add("weekly_rest_day", std::string(ToString(a.weekly_rest_day)),
      std::string(ToString(b.weekly_rest_day)));
  add("overtime_percent", num(a.overtime_percent), num(b.overtime_percent));
  add("annual_leave_days", num(a.annual_leave_days), num(b.annual_leave_days));
  add("probation_months", num(a.probation_months), num(b.probation_months));
  add("start_date", a.start_date.ToString(), b.start_date.ToString());
  add("duration_months", num(a.duration_months), num(b.duration_months));
  add("notice_period_days", num(a.notice_period_days), num(b.notice_period_days));
  add("place_of_work", a.place_of_work, b.place_of_work);
  add("accommodation", std::string(ToString(a.accommodation)),
      std::string(ToString(b.accommodation)));
  add("accommodation_details", a.accommodation_details, b.accommodation_details);
  add("recruitment_fees_paid_by", std::string(ToString(a.recruitment_fees_paid_by)),
      std::string(ToString(b.recruitment_fees_paid_by)));
  add("travel_paid_by", std::string(ToString(a.travel_paid_by)),
      std::string(ToString(b.travel_paid_by)));
  add("repatriation_paid_by", std::string(ToString(a.repatriation_paid_by)),
      std::string(ToString(b.repatriation_paid_by)));
  add("worker_fees", a.worker_fees.ToString(), b.worker_fees.ToString());
  add("languages", langs(a.languages), langs(b.languages));
  return out;
}

Status CheckLawful(const ContractTerms& t, const AttestationContext& ctx) {
  RETURN_IF_ERROR(ValidateTerms(t));
  if (ctx.worker == nullptr || ctx.rules == nullptr) {
    return Status::Internal("attestation context incomplete");
  }
  const Worker& w = *ctx.worker;
  const CountryRules& r = *ctx.rules;
  if (t.worker != w.id) return Status::Internal("attestation context names another worker");
  if (r.country != t.destination_country) {
    return Status::Internal("attestation context has another country's rules");
  }
  // The Employer Pays Principle: the worker pays nothing to get or keep the job.
  if (t.worker_fees.minor > 0) {
    return Status::FailedPrecondition(
        "the worker is charged " + t.worker_fees.ToString() +
            "; under the Employer Pays Principle the worker pays no fee",
        "worker_fees");
  }
  if (t.recruitment_fees_paid_by != Payer::kEmployer) {
    return Status::FailedPrecondition("recruitment fees must be paid by the employer",
                                      "recruitment_fees_paid_by");
  }
  if (t.travel_paid_by != Payer::kEmployer) {
    return Status::FailedPrecondition("travel must be paid by the employer", "travel_paid_by");
  }
  if (t.repatriation_paid_by != Payer::kEmployer) {
    return Status::FailedPrecondition("repatriation must be paid by the employer",
                                      "repatriation_paid_by");
  }
  // The wage floor.
  static const std::vector<WageFloor> kNoFloors;
  const auto floor = ApplicableFloor(ctx.floors ? *ctx.floors : kNoFloors, t.destination_country,
                                     t.isco_code, t.start_date);
  if (floor) {
    if (floor->minimum.currency != t.basic_wage.currency) {
      return Status::FailedPrecondition("the wage floor for this occupation is set in " +
                                            floor->minimum.currency + ", the contract pays in " +
                                            t.basic_wage.currency,
                                        "basic_wage.currency");
    }
    if (t.basic_wage.minor < floor->minimum.minor) {
      return Status::FailedPrecondition("the basic wage " + t.basic_wage.ToString() +
                                            " is below the wage floor of " +
                                            floor->minimum.ToString() + " for ISCO " + t.isco_code +
                                            " in " + t.destination_country,
                                        "basic_wage");
    }
  }
  // The destination's labour rules.
  if (t.hours_per_day > r.max_hours_per_day) {
    return Status::FailedPrecondition(
        "more than the lawful " + std::to_string(r.max_hours_per_day) + " hours a day",
        "hours_per_day");
  }
  if (t.days_per_week > r.max_days_per_week) {
    return Status::FailedPrecondition(
        "more than the lawful " + std::to_string(r.max_days_per_week) + " days a week",
        "days_per_week");
  }
  if (t.overtime_percent < r.min_overtime_percent) {
    return Status::FailedPrecondition(
        "overtime must be paid at least " + std::to_string(r.min_overtime_percent) + "%",
        "overtime_percent");
  }
  if (t.annual_leave_days < r.min_annual_leave_days) {
    return Status::FailedPrecondition("fewer than the lawful " +
                                          std::to_string(r.min_annual_leave_days) +
                                          " days of annual leave",
                                      "annual_leave_days");
  }
  if (t.probation_months > r.max_probation_months) {
    return Status::FailedPrecondition(
        "longer than the lawful " + std::to_string(r.max_probation_months) + " months of probation",
        "probation_months");
  }
  if (t.notice_period_days < r.min_notice_days) {
    return Status::FailedPrecondition(
        "shorter than the lawful " + std::to_string(r.min_notice_days) + " days of notice",
        "notice_period_days");
  }
  // The worker and the recruitment agency.
  if (w.nationality != t.origin_country) {
    return Status::FailedPrecondition("the worker's nationality is " + w.nationality +
                                          ", not the contract's origin " + t.origin_country,
                                      "origin_country");
  }
  if (std::find(t.languages.begin(), t.languages.end(), w.preferred_language) ==
      t.languages.end()) {
    return Status::FailedPrecondition(
        "the worker has not received the contract in their language (" + w.preferred_language + ")",
        "languages");
  }
  if (w.passport.expiry < t.start_date) {
    return Status::FailedPrecondition("the worker's passport expires before the contract starts",
                                      "start_date");
  }
  if (t.agency) {
    if (ctx.agency == nullptr || ctx.agency->id != *t.agency) {
      return Status::Internal("attestation context lacks the contract's agency");
    }
    RETURN_IF_ERROR(CheckAgencyMayPlace(*ctx.agency, ctx.today));
  }
  return Status::Ok();
}

Status Offer(Contract& c, Timestamp now) {
  if (c.state != ContractState::kDraft) {
    return Status::FailedPrecondition(StateError(c, "offer", "draft"), "state");
  }
  RETURN_IF_ERROR(ValidateTerms(c.terms));
  c.state = ContractState::kOffered;
  c.offered_at = now;
  return Status::Ok();
}

Status Withdraw(Contract& c) {
  if (c.state != ContractState::kDraft && c.state != ContractState::kOffered) {
    return Status::FailedPrecondition(StateError(c, "withdraw", "draft or offered"), "state");
  }
  c.state = ContractState::kWithdrawn;
  return Status::Ok();
}

Status Accept(Contract& c, Timestamp now) {
  if (c.state != ContractState::kOffered) {
    return Status::FailedPrecondition(StateError(c, "accept", "offered"), "state");
  }
  c.state = ContractState::kAccepted;
  c.decided_at = now;
  return Status::Ok();
}

Status Reject(Contract& c, const std::string& reason, Timestamp now) {
  if (c.state != ContractState::kOffered) {
    return Status::FailedPrecondition(StateError(c, "reject", "offered"), "state");
  }
  auto r = RequiredText(reason, "reason", 500);
  if (!r.ok()) return r.status();
  c.state = ContractState::kRejected;
  c.rejection_reason = *r;
  c.decided_at = now;
  return Status::Ok();
}

Status Attest(Contract& c, const AttestationContext& ctx, const std::string& officer,
              Timestamp now) {
  if (c.state != ContractState::kAccepted) {
    return Status::FailedPrecondition(StateError(c, "attest", "accepted by the worker"), "state");
  }
  RETURN_IF_ERROR(CheckLawful(c.terms, ctx));
  c.state = ContractState::kAttested;
  c.attested_digest = c.digest;
  c.attested_by = officer;
  c.attested_at = now;
  return Status::Ok();
}

Status Authenticate(Contract& c, const ContractTerms& presented, const std::string& digest,
                    const std::string& officer, Timestamp now, std::vector<FieldDiff>* diffs) {
  if (c.state != ContractState::kAttested) {
    return Status::FailedPrecondition(StateError(c, "authenticate", "attested"), "state");
  }
  std::vector<FieldDiff> d = DiffTerms(c.terms, presented);
  if (!d.empty() || digest != c.attested_digest) {
    if (diffs) *diffs = d;
    std::string fields;
    for (const auto& f : d) fields += (fields.empty() ? "" : ", ") + f.field;
    return Status::FailedPrecondition(
        "substitution: the presented terms differ from the attested contract" +
            (fields.empty() ? std::string(" (digest differs)") : " in " + fields),
        "terms");
  }
  c.state = ContractState::kAuthenticated;
  c.authenticated_digest = digest;
  c.authenticated_by = officer;
  c.authenticated_at = now;
  return Status::Ok();
}

Status Activate(Contract& c, Date on) {
  if (c.state != ContractState::kAuthenticated) {
    return Status::FailedPrecondition(StateError(c, "activate", "authenticated"), "state");
  }
  if (on >= c.terms.end_date()) {
    return Status::FailedPrecondition("the contract ended on " + c.terms.end_date().ToString(),
                                      "state");
  }
  c.state = ContractState::kActive;
  c.active_from = on < c.terms.start_date ? c.terms.start_date : on;
  return Status::Ok();
}

Status End(Contract& c, EndReason reason, Date on) {
  if (c.state != ContractState::kActive) {
    return Status::FailedPrecondition(StateError(c, "end", "active"), "state");
  }
  if (c.active_from && on < *c.active_from) {
    return Status::InvalidArgument("cannot end before the contract became active", "ended_on");
  }
  c.state = ContractState::kEnded;
  c.ended_on = on;
  c.end_reason = reason;
  c.pending_amendment.reset();
  return Status::Ok();
}

Status ProposeAmendment(Contract& c, ContractTerms terms, const std::string& reason,
                        const AttestationContext& ctx, Timestamp now) {
  if (c.state != ContractState::kAttested && c.state != ContractState::kAuthenticated &&
      c.state != ContractState::kActive) {
    return Status::FailedPrecondition(StateError(c, "amend", "attested, authenticated or active"),
                                      "state");
  }
  if (c.pending_amendment) {
    return Status::FailedPrecondition("an amendment is already awaiting the worker's decision",
                                      "amendment");
  }
  if (terms.worker != c.terms.worker || terms.employer != c.terms.employer) {
    return Status::FailedPrecondition(
        "an amendment cannot change the worker or the employer; a new employer means a transfer",
        terms.worker != c.terms.worker ? "worker" : "employer");
  }
  if (terms.origin_country != c.terms.origin_country ||
      terms.destination_country != c.terms.destination_country) {
    return Status::FailedPrecondition("an amendment cannot change the countries",
                                      "destination_country");
  }
  if (terms == c.terms) return Status::InvalidArgument("the amendment changes nothing", "terms");
  RETURN_IF_ERROR(CheckLawful(terms, ctx));
  auto r = RequiredText(reason, "reason", 500);
  if (!r.ok()) return r.status();
  c.pending_amendment =
      Amendment{c.version + 1, std::move(terms), *r, AmendmentState::kProposed, now};
  return Status::Ok();
}

Status AcceptAmendment(Contract& c) {
  if (!c.pending_amendment) {
    return Status::FailedPrecondition("no amendment awaits the worker's decision", "amendment");
  }
  c.terms = std::move(c.pending_amendment->terms);
  c.version = c.pending_amendment->number;
  c.pending_amendment.reset();
  // Attested but not yet authenticated: the origin attested other terms, so it attests again.
  if (c.state == ContractState::kAttested) {
    c.state = ContractState::kAccepted;
    c.attested_digest.clear();
    c.attested_by.clear();
    c.attested_at.reset();
  }
  return Status::Ok();
}

Status RejectAmendment(Contract& c) {
  if (!c.pending_amendment) {
    return Status::FailedPrecondition("no amendment awaits the worker's decision", "amendment");
  }
  c.pending_amendment.reset();
  return Status::Ok();
}

}  // namespace corridor::domain
