#include "domain/clearance.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "domain/named.hpp"

namespace corridor::domain {
namespace {

constexpr Named<MedicalOutcome> kOutcomes[] = {{MedicalOutcome::kFit, "fit"},
                                               {MedicalOutcome::kUnfit, "unfit"}};
constexpr Named<ClearanceState> kStates[] = {{ClearanceState::kIssued, "issued"},
                                             {ClearanceState::kRevoked, "revoked"}};
constexpr Named<RevocationReason> kReasons[] = {
    {RevocationReason::kAgencyLicenceRevoked, "agency_licence_revoked"},
    {RevocationReason::kContractWithdrawn, "contract_withdrawn"},
    {RevocationReason::kRequirementLapsed, "requirement_lapsed"},
    {RevocationReason::kIssuedInError, "issued_in_error"},
};
constexpr Named<Requirement> kRequirements[] = {
    {Requirement::kContractAttested, "contract_attested"},
    {Requirement::kOrientation, "orientation"},
    {Requirement::kInsurance, "insurance"},
    {Requirement::kMedical, "medical"},
    {Requirement::kAgencyLicence, "agency_licence"},
    {Requirement::kPassport, "passport"},
};

Status Text(std::string& value, std::string_view field, size_t max_chars) {
  ASSIGN_OR_RETURN(value, RequiredText(value, field, max_chars));
  return Status::Ok();
}

Status NotAfter(Date d, Date today, std::string_view field) {
  if (d <= today) return Status::Ok();
  return Status::InvalidArgument(
      "is in the future (" + d.ToString() + ", today is " + today.ToString() + ")",
      std::string(field));
}

RequirementResult Met(Requirement r, std::string detail) { return {r, true, std::move(detail)}; }
RequirementResult Unmet(Requirement r, std::string detail) { return {r, false, std::move(detail)}; }

RequirementResult CheckContract(const Contract& c) {
  if (c.state == ContractState::kAttested || c.state == ContractState::kAuthenticated) {
    return Met(Requirement::kContractAttested, "the contract is " + std::string(ToString(c.state)));
  }
  std::string why = "the contract is " + std::string(ToString(c.state));
  if (c.state == ContractState::kActive || c.state == ContractState::kEnded) {
    why += "; a clearance is issued before the worker starts work";
  } else if (c.state != ContractState::kRejected && c.state != ContractState::kWithdrawn) {
    why += "; the origin's authority attests it first";
  }
  return Unmet(Requirement::kContractAttested, why);
}

RequirementResult CheckOrientation(const ClearanceRequirements::Orientation& rule,
                                   const ClearanceFacts& f, ClearanceEvidence& ev) {
  const Requirement r = Requirement::kOrientation;
  if (!rule.required) return Met(r, "not required");
  if (!f.orientation) {
    return Unmet(r, "no orientation completion is recorded for worker " + f.worker->id.value());
  }
  const OrientationCompletion& o = *f.orientation;
  const int age = o.completed_on.DaysUntil(f.today);
  if (age > rule.within_days) {
    return Unmet(r, "the latest orientation was completed on " + o.completed_on.ToString() + ", " +
                        std::to_string(age) + " days ago; it must be within " +
                        std::to_string(rule.within_days) + " days");
  }
  ev.orientation = o.id;
  return Met(r, "completed on " + o.completed_on.ToString() + " (" + o.id.value() + ")");
}

// Why one policy does not meet the rule for the contract's term, or "" when it does.
std::string PolicyShortfall(const ClearanceRequirements::Insurance& rule, const InsurancePolicy& p,
                            Date start, Date end) {
  std::vector<std::string> why;
  if (p.cover_from > start) {
    why.push_back("its cover starts on " + p.cover_from.ToString() +
                  ", after the contract's start " + start.ToString());
  }
  if (p.cover_until < end) {
    why.push_back("it covers until " + p.cover_until.ToString() + "; the contract runs until " +
                  end.ToString());
  }
  if (p.sum_insured.currency != rule.minimum_sum_insured.currency) {
    why.push_back("its sum insured is in " + p.sum_insured.currency + "; " +
                  rule.minimum_sum_insured.currency + " is required");
  } else if (p.sum_insured.minor < rule.minimum_sum_insured.minor) {
    why.push_back("its sum insured " + p.sum_insured.ToString() + " is below the " +
                  rule.minimum_sum_insured.ToString() + " required");
  }
  std::string out;
  for (const auto& w : why) out += (out.empty() ? "" : " and ") + w;
  return out;
}

RequirementResult CheckInsurance(const ClearanceRequirements::Insurance& rule,
                                 const ClearanceFacts& f, ClearanceEvidence& ev) {
  const Requirement r = Requirement::kInsurance;
  if (!rule.required) return Met(r, "not required");
  if (f.policies.empty()) {
    return Unmet(r, "no insurance policy is recorded for contract " + f.contract->id.value());
  }
  const Date start = f.contract->terms.start_date;
  const Date end = f.contract->terms.end_date();
  for (const auto& p : f.policies) {
    if (PolicyShortfall(rule, p, start, end).empty()) {
      ev.insurance = p.id;
      return Met(r, "policy " + p.policy_number + " of " + p.insurer + " covers " +
                        p.cover_from.ToString() + " to " + p.cover_until.ToString() + " (" +
                        p.id.value() + ")");
    }
  }
  // None fits: say why for each, so the officer knows which to replace.
  std::string detail;
  for (const auto& p : f.policies) {
    detail += (detail.empty() ? "" : "; ") + std::string("policy ") + p.id.value() + ": " +
              PolicyShortfall(rule, p, start, end);
  }
  return Unmet(r, detail);
}

RequirementResult CheckMedical(const ClearanceRequirements::Medical& rule, const ClearanceFacts& f,
                               ClearanceEvidence& ev) {
  const Requirement r = Requirement::kMedical;
  if (!rule.required) return Met(r, "not required");
  if (!f.medical) {
    return Unmet(r, "no medical fitness record is recorded for worker " + f.worker->id.value());
  }
  const MedicalFitness& m = *f.medical;
  const int age = m.examined_on.DaysUntil(f.today);
  std::vector<std::string> why;
  if (m.outcome != MedicalOutcome::kFit) {
    why.push_back("the latest examination, on " + m.examined_on.ToString() + ", found the worker " +
                  "unfit");
  }
  if (age > rule.within_days) {
    why.push_back("the latest examination was on " + m.examined_on.ToString() + ", " +
                  std::to_string(age) + " days ago; it must be within " +
                  std::to_string(rule.within_days) + " days");
  }
  if (!why.empty()) {
    std::string detail;
    for (const auto& w : why) detail += (detail.empty() ? "" : " and ") + w;
    return Unmet(r, detail);
  }
  ev.medical = m.id;
  return Met(r, "fit on " + m.examined_on.ToString() + " (" + m.id.value() + ")");
}

RequirementResult CheckAgency(bool required, const ClearanceFacts& f) {
  const Requirement r = Requirement::kAgencyLicence;
  if (!required) return Met(r, "not required");
  if (!f.contract->terms.agency) return Met(r, "a direct placement: the contract names no agency");
  if (f.agency == nullptr || f.agency->id != *f.contract->terms.agency) {
    return Unmet(r, "agency " + f.contract->terms.agency->value() + " is not known here");
  }
  const Agency& a = *f.agency;
  if (a.status != LicenceStatus::kActive) {
    return Unmet(
        r, "the licence of agency " + a.id.value() + " is " + std::string(ToString(a.status)));
  }
  if (a.licence_expiry && *a.licence_expiry < f.today) {
    return Unmet(
        r, "the licence of agency " + a.id.value() + " expired on " + a.licence_expiry->ToString());
  }
  return Met(r, "agency " + a.id.value() + " holds an active licence" +
                    (a.licence_expiry ? " until " + a.licence_expiry->ToString() : ""));
}

RequirementResult CheckPassport(const ClearanceRequirements::Passport& rule,
                                const ClearanceFacts& f) {
  const Requirement r = Requirement::kPassport;
  if (!rule.required) return Met(r, "not required");
  const Date needed = f.contract->terms.end_date().AddMonths(rule.margin_months);
  const Date expiry = f.worker->passport.expiry;
  const std::string margin = "the contract's end plus " + std::to_string(rule.margin_months) +
                             " months is " + needed.ToString();
  if (expiry < needed) {
    return Unmet(r, "passport " + f.worker->passport.number + " expires on " + expiry.ToString() +
                        "; " + margin);
  }
  return Met(r, "passport expires on " + expiry.ToString() + "; " + margin);
}

bool IsOriginOfficer(const Actor& a, std::string_view origin, const NodeContext& node) {
  return a.role == Role::kOriginOfficer && a.country == node.country && a.country == origin;
}

}  // namespace

std::string_view ToString(MedicalOutcome o) { return NameOf(kOutcomes, o); }
Result<MedicalOutcome> ParseMedicalOutcome(std::string_view text) {
  return ParseNamed(kOutcomes, text, "a medical outcome");
}
std::string_view ToString(ClearanceState s) { return NameOf(kStates, s); }
Result<ClearanceState> ParseClearanceState(std::string_view text) {
  return ParseNamed(kStates, text, "a clearance state");
}
std::string_view ToString(RevocationReason r) { return NameOf(kReasons, r); }
Result<RevocationReason> ParseRevocationReason(std::string_view text) {
  return ParseNamed(kReasons, text, "a revocation reason");
}
std::string_view ToString(Requirement r) { return NameOf(kRequirements, r); }

Status ValidateOrientation(OrientationCompletion& o, Date today) {
  RETURN_IF_ERROR(Text(o.centre, "centre", 200));
  return NotAfter(o.completed_on, today, "completed_on");
}

Status ValidateInsurance(InsurancePolicy& p, Date today) {
  RETURN_IF_ERROR(Text(p.insurer, "insurer", 200));
  RETURN_IF_ERROR(Text(p.policy_number, "policy_number", 64));
  if (p.cover_until < p.cover_from) {
    return Status::InvalidArgument("must not be before cover_from " + p.cover_from.ToString(),
                                   "cover_until");
  }
  if (p.cover_until < today) {
    return Status::InvalidArgument(
        "the policy's cover ended on " + p.cover_until.ToString() + "; record a policy in force",
        "cover_until");
  }
  if (p.sum_insured.minor <= 0) return Status::InvalidArgument("must be above zero", "sum_insured");
  return Status::Ok();
}

Status ValidateMedical(MedicalFitness& m, Date today) {
  RETURN_IF_ERROR(Text(m.centre, "centre", 200));
  return NotAfter(m.examined_on, today, "examined_on");
}

Status ValidateClearanceRequirements(const ClearanceRequirements& r) {
  if (r.country.size() != 3 || !IsAsciiUpper(r.country)) {
    return Status::InvalidArgument("must be an ISO 3166-1 alpha-3 code", "country");
  }
  auto days = [](int v, const char* field) {
    if (v >= 1 && v <= 3660) return Status::Ok();
    return Status::InvalidArgument("must be from 1 to 3660 days", field);
  };
  RETURN_IF_ERROR(days(r.departure_within_days, "departure_within_days"));
  RETURN_IF_ERROR(days(r.orientation.within_days, "orientation.within_days"));
  RETURN_IF_ERROR(days(r.medical.within_days, "medical.within_days"));
  if (r.insurance.minimum_sum_insured.currency.empty() ||
      r.insurance.minimum_sum_insured.minor < 0) {
    return Status::InvalidArgument("must be an amount in a currency",
                                   "insurance.minimum_sum_insured");
  }
  if (r.passport.margin_months < 0 || r.passport.margin_months > 60) {
    return Status::InvalidArgument("must be from 0 to 60 months", "passport.margin_months");
  }
  return Status::Ok();
}

bool ClearanceCheck::ready() const {
  return std::all_of(results.begin(), results.end(),
                     [](const RequirementResult& r) { return r.met; });
}

std::vector<RequirementResult> ClearanceCheck::Missing() const {
  std::vector<RequirementResult> out;
  for (const auto& r : results) {
    if (!r.met) out.push_back(r);
  }
  return out;
}

ClearanceCheck CheckRequirements(const ClearanceRequirements& r, const ClearanceFacts& f) {
  ClearanceCheck out;
  out.results.push_back(CheckContract(*f.contract));
  out.results.push_back(CheckOrientation(r.orientation, f, out.evidence));
  out.results.push_back(CheckInsurance(r.insurance, f, out.evidence));
  out.results.push_back(CheckMedical(r.medical, f, out.evidence));
  out.results.push_back(CheckAgency(r.agency_licence_required, f));
  out.results.push_back(CheckPassport(r.passport, f));
  return out;
}

Result<Clearance> Issue(const ClearanceRequirements& r, const ClearanceFacts& f,
                        const ClearanceCheck& check, ClearanceId id, const std::string& officer) {
  if (!check.ready()) {
    std::string names;
    for (const auto& m : check.Missing()) {
      names += (names.empty() ? "" : ", ") + std::string(ToString(m.requirement));
    }
    return Status::FailedPrecondition("the clearance's requirements do not hold: " + names);
  }
  const Contract& c = *f.contract;
  Clearance out;
  out.id = std::move(id);
  out.contract = c.id;
  out.worker = c.terms.worker;
  out.origin_country = c.terms.origin_country;
  out.destination_country = c.terms.destination_country;
  out.contract_digest = c.attested_digest;
  out.passport = PassportRef{f.worker->passport.number, f.worker->passport.issuing_state};
  out.issued_on = f.today;
  out.valid_until = f.today.AddDays(r.departure_within_days);
  out.issued_by = officer;
  out.evidence = check.evidence;
  out.state = ClearanceState::kIssued;
  return out;
}

Status Revoke(Clearance& c, RevocationReason reason, std::string_view note,
              const std::string& officer, Date today) {
  if (c.state == ClearanceState::kRevoked) {
    return Status::FailedPrecondition("clearance " + c.id.value() + " was revoked on " +
                                      (c.revoked_on ? c.revoked_on->ToString() : "?") + " already");
  }
  ASSIGN_OR_RETURN(std::string text, RequiredText(note, "note", 500));
  c.state = ClearanceState::kRevoked;
  c.revoked_on = today;
  c.revoked_by = officer;
  c.revocation_reason = reason;
  c.revocation_note = std::move(text);
  return Status::Ok();
}

std::string_view ToString(ClearanceStanding s) {
  switch (s) {
    case ClearanceStanding::kValid:
      return "valid";
    case ClearanceStanding::kExpired:
      return "expired";
    case ClearanceStanding::kRevoked:
      return "revoked";
  }
  return "?";
}

ClearanceStanding StandingOn(const Clearance& c, Date day) {
  if (c.state == ClearanceState::kRevoked) return ClearanceStanding::kRevoked;
  return day > c.valid_until ? ClearanceStanding::kExpired : ClearanceStanding::kValid;
}

Clearance CrossingForm(Clearance c) {
  c.passport.reset();
  c.evidence.reset();
  return c;
}

ClearanceSight SightOfClearance(const Actor& a, const WorkerId& worker, std::string_view origin,
                                std::string_view destination, const NodeContext& node) {
  switch (a.role) {
    case Role::kSystem:
      return ClearanceSight::kFull;
    case Role::kOriginOfficer:
      return IsOriginOfficer(a, origin, node) ? ClearanceSight::kFull : ClearanceSight::kNone;
    case Role::kWorker:
      return a.worker && *a.worker == worker ? ClearanceSight::kFull : ClearanceSight::kNone;
    case Role::kDestinationOfficer:
      return a.country == node.country && destination == a.country ? ClearanceSight::kCrossingForm
                                                                   : ClearanceSight::kNone;
    case Role::kEmbassy:
      return origin == a.country && destination == node.country ? ClearanceSight::kCrossingForm
                                                                : ClearanceSight::kNone;
    case Role::kAdministrator:
    case Role::kEmployer:
    case Role::kAgency:
    case Role::kBorderOfficer:
    case Role::kInvestigator:
    case Role::kAnalyst:
    case Role::kCaseworker:
    case Role::kCaseSupervisor:
    case Role::kHotlineOperator:
    case Role::kOrientationCentre:
      return ClearanceSight::kNone;
  }
  return ClearanceSight::kNone;
}

bool MayViewClearanceRecords(const Actor& a, const WorkerId& worker, std::string_view nationality,
                             const NodeContext& node) {
  switch (a.role) {
    case Role::kSystem:
      return true;
    case Role::kOriginOfficer:
      return IsOriginOfficer(a, nationality, node);
    case Role::kWorker:
      return a.worker && *a.worker == worker;
    default:
      return false;
  }
}

Status CheckMayClear(const Actor& a, std::string_view origin, const NodeContext& node) {
  if (a.role == Role::kSystem || IsOriginOfficer(a, origin, node)) return Status::Ok();
  return Status::PermissionDenied("only an origin-authority officer of " + std::string(origin) +
                                  " records clearance evidence and issues or revokes clearances");
}

std::string_view ToString(ClearanceStep s) {
  switch (s) {
    case ClearanceStep::kRevoke:
      return "revoke";
  }
  return "unknown";
}

std::vector<ClearanceStep> AllowedClearanceActions(const Actor& a, const Clearance& c,
                                                   const NodeContext& node) {
  std::vector<ClearanceStep> out;
  if (c.state == ClearanceState::kIssued && node.country == c.origin_country &&
      CheckMayClear(a, c.origin_country, node).ok()) {
    out.push_back(ClearanceStep::kRevoke);
  }
  return out;
}

std::string_view ToString(ClearanceCheckStep s) {
  switch (s) {
    case ClearanceCheckStep::kIssueClearance:
      return "issue_clearance";
    case ClearanceCheckStep::kRecordOrientation:
      return "record_orientation";
    case ClearanceCheckStep::kRecordInsurance:
      return "record_insurance";
    case ClearanceCheckStep::kRecordMedical:
      return "record_medical";
  }
  return "unknown";
}

std::vector<ClearanceCheckStep> AllowedClearanceCheckActions(const Actor& a,
                                                             const ClearanceCheck& check,
                                                             std::string_view origin, bool issued,
                                                             const NodeContext& node) {
  std::vector<ClearanceCheckStep> out;
  if (node.country != origin || !CheckMayClear(a, origin, node).ok()) return out;
  if (check.ready() && !issued) out.push_back(ClearanceCheckStep::kIssueClearance);
  // The evidence may be recorded whenever the officer may clear: a record replaces none, and the
  // check reads the latest.
  out.insert(out.end(), {ClearanceCheckStep::kRecordOrientation,
                         ClearanceCheckStep::kRecordInsurance, ClearanceCheckStep::kRecordMedical});
  return out;
}

}  // namespace corridor::domain
