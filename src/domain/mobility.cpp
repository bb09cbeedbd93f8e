#include "domain/mobility.hpp"

#include "core/text.hpp"

namespace corridor::domain {

std::string_view ToString(PermitStatus s) {
  switch (s) {
    case PermitStatus::kActive:
      return "active";
    case PermitStatus::kSuspended:
      return "suspended";
    case PermitStatus::kCancelled:
      return "cancelled";
    case PermitStatus::kExpired:
      return "expired";
  }
  return "?";
}

Result<PermitStatus> ParsePermitStatus(std::string_view text) {
  if (text == "active") return PermitStatus::kActive;
  if (text == "suspended") return PermitStatus::kSuspended;
  if (text == "cancelled") return PermitStatus::kCancelled;
  if (text == "expired") return PermitStatus::kExpired;
  return Status::InvalidArgument("must be active, suspended, cancelled or expired");
}

Date PermitGrantEnd(Date from, Date contract_end, int max_months) {
  if (max_months <= 0) return contract_end;
  const Date limit = from.AddMonths(max_months);
  return limit < contract_end ? limit : contract_end;
}

Result<Permit> IssuePermit(const Contract& c, PermitId id, Date today, int max_months) {
  if (c.state != ContractState::kAuthenticated) {
    return Status::FailedPrecondition(
        "a permit needs an authenticated contract; this one is " + std::string(ToString(c.state)),
        "contract");
  }
  const Date end = c.terms.end_date();
  if (today >= end) {
    return Status::FailedPrecondition("the contract ended on " + end.ToString(), "contract");
  }
  Permit p;
  p.id = std::move(id);
  p.worker = c.terms.worker;
  p.contract = c.id;
  p.employer = c.terms.employer;
  p.valid_from = today < c.terms.start_date ? c.terms.start_date : today;
  p.valid_until = PermitGrantEnd(p.valid_from, end, max_months);
  return p;
}

namespace {

// The Luhn check digit of `digits` (ISO/IEC 7812-1).
char LuhnDigit(std::string_view digits) {
  int sum = 0;
  bool twice = true;  // the rightmost payload digit is doubled
  for (size_t i = digits.size(); i-- > 0;) {
    int d = digits[i] - '0';
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    twice = !twice;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

}  // namespace

std::string MakePersonNumber(uint64_t serial) {
  constexpr uint64_t kLow = 1'000'000'000'000;  // 13 digits, the first not 0
  std::string n = std::to_string(kLow + serial % (9 * kLow));
  n.push_back(LuhnDigit(n));
  return n;
}

Status CheckPersonNumber(std::string_view number, std::string_view field) {
  if (number.size() != 14 || number.find_first_not_of("0123456789") != std::string_view::npos ||
      number[0] == '0') {
    return Status::InvalidArgument("must be 14 digits, the first not 0", std::string(field));
  }
  if (LuhnDigit(number.substr(0, 13)) != number[13]) {
    return Status::InvalidArgument("has a wrong check digit", std::string(field));
  }
  return Status::Ok();
}

namespace {

Status ChangePermit(Permit& p, PermitStatus to, const std::string& reason,
                    std::initializer_list<PermitStatus> from) {
  bool allowed = false;
  for (auto f : from) allowed = allowed || p.status == f;
  if (!allowed) {
    return Status::FailedPrecondition("the permit is " + std::string(ToString(p.status)), "status");
  }
  auto r = RequiredText(reason, "reason", 500);
  if (!r.ok()) return r.status();
  p.status = to;
  p.status_reason = *r;
  return Status::Ok();
}

}  // namespace

Status CancelPermit(Permit& p, const std::string& reason) {
  return ChangePermit(p, PermitStatus::kCancelled, reason,
                      {PermitStatus::kActive, PermitStatus::kSuspended});
}

Status SuspendPermit(Permit& p, const std::string& reason) {
  return ChangePermit(p, PermitStatus::kSuspended, reason, {PermitStatus::kActive});
}

Status ReinstatePermit(Permit& p, const std::string& reason) {
  return ChangePermit(p, PermitStatus::kActive, reason, {PermitStatus::kSuspended});
}

bool ExpireIfDue(Permit& p, Date today) {
  if ((p.status == PermitStatus::kActive || p.status == PermitStatus::kSuspended) &&
      today >= p.valid_until) {
    p.status = PermitStatus::kExpired;
    p.status_reason = "reached its end date";
    return true;
  }
  return false;
}

Result<bool> FollowContractTerm(Permit& p, const ContractTerms& amended, Date today,
                                int max_months) {
  if (p.status != PermitStatus::kActive && p.status != PermitStatus::kSuspended) return false;
  const Date end = amended.end_date();
  if (end <= today) {
    return Status::FailedPrecondition("the amended term ends on " + end.ToString() +
                                          ", not after today (" + today.ToString() +
                                          "): end the contract instead",
                                      "duration_months");
  }
  Date from = p.valid_from;
  if (from > today) from = amended.start_date < today ? today : amended.start_date;
  if (from >= end) {
    return Status::FailedPrecondition(
        "the amended term would end on " + end.ToString() + ", before the permit begins",
        "start_date");
  }
  Date until = end;
  if (max_months > 0) {
    // The permit's own grant: its start plus the country's longest grant, or a renewal's end.
    Date granted = PermitGrantEnd(from, end, max_months);
    if (p.valid_until > granted) granted = p.valid_until;
    if (granted < until) until = granted;
  }
  if (from == p.valid_from && until == p.valid_until) return false;
  p.valid_from = from;
  p.valid_until = until;
  return true;
}

Status RenewPermit(Permit& p, const Contract& c, Date new_end, Date today, int max_months) {
  if (p.status != PermitStatus::kActive) {
    return Status::FailedPrecondition(
        "only an active permit is renewed; this one is " + std::string(ToString(p.status)),
        "status");
  }
  if (c.id != p.contract) return Status::Internal("permit renewed with another contract");
  if (c.state != ContractState::kActive) {
    return Status::FailedPrecondition(
        "the permit's contract is " + std::string(ToString(c.state)) + ", not active", "contract");
  }
  if (new_end <= p.valid_until) {
    return Status::FailedPrecondition(
        "must be after the permit's current end, " + p.valid_until.ToString(), "end");
  }
  if (new_end <= today) {
    return Status::FailedPrecondition("must be after today, " + today.ToString(), "end");
  }
  const Date contract_end = c.terms.end_date();
  if (new_end > contract_end) {
    return Status::FailedPrecondition("is beyond the contract's term, which ends on " +
                                          contract_end.ToString() +
                                          ": the contract is renewed (amended) first",
                                      "end");
  }
  if (max_months > 0 && new_end > today.AddMonths(max_months)) {
    return Status::FailedPrecondition(
        "is more than " + std::to_string(max_months) +
            " months from today, the longest this country grants a permit for at a time: at "
            "most " +
            today.AddMonths(max_months).ToString(),
        "end");
  }
  p.valid_until = new_end;
  return Status::Ok();
}

bool MayRenewPermit(const Permit& p, const Contract& c) {
  return p.status == PermitStatus::kActive && c.state == ContractState::kActive &&
         c.terms.end_date() > p.valid_until;
}

bool NoticeExpiryIfDue(Permit& p, Date today, int notice_days) {
  if (p.status != PermitStatus::kActive && p.status != PermitStatus::kSuspended) return false;
  const int32_t days_left = today.DaysUntil(p.valid_until);
  if (days_left <= 0 || days_left > notice_days) return false;
  if (p.expiry_notice_for == p.valid_until) return false;
  p.expiry_notice_for = p.valid_until;
  return true;
}

std::string_view ToString(TransferState s) {
  switch (s) {
    case TransferState::kFiled:
      return "filed";
    case TransferState::kCompleted:
      return "completed";
    case TransferState::kCancelled:
      return "cancelled";
  }
  return "?";
}

Result<Transfer> FileTransfer(const Contract& current, const Contract& offer, TransferId id,
                              Date today, const std::string& waiver) {
  if (current.state != ContractState::kActive) {
    return Status::FailedPrecondition("a job change starts from an active contract; this one is " +
                                          std::string(ToString(current.state)),
                                      "from_contract");
  }
  if (offer.terms.worker != current.terms.worker) {
    return Status::FailedPrecondition("the new offer is for another worker", "to_contract");
  }
  if (offer.terms.employer == current.terms.employer) {
    return Status::FailedPrecondition("the new offer is from the same employer", "to_contract");
  }
  if (offer.terms.destination_country != current.terms.destination_country) {
    return Status::FailedPrecondition("the new offer is for work in another country",
                                      "to_contract");
  }
  if (offer.state != ContractState::kAccepted && offer.state != ContractState::kAttested &&
      offer.state != ContractState::kAuthenticated) {
    return Status::FailedPrecondition("the worker must first accept the new employer's offer",
                                      "to_contract");
  }
  Transfer t;
  t.id = std::move(id);
  t.worker = current.terms.worker;
  t.from_contract = current.id;
  t.to_contract = offer.id;
  t.from_employer = current.terms.employer;
  t.to_employer = offer.terms.employer;
  t.filed_on = today;
  if (!waiver.empty()) {
    auto r = RequiredText(waiver, "waiver", 300);
    if (!r.ok()) return r.status();
    t.notice_waived = true;
    t.waiver_reason = *r;
    t.effective_on = today;
  } else {
    t.effective_on = today.AddDays(current.terms.notice_period_days);
  }
  return t;
}

Status CheckTransferMayComplete(const Transfer& t, const Contract& offer, Date today) {
  if (t.state != TransferState::kFiled) {
    return Status::FailedPrecondition("the transfer is " + std::string(ToString(t.state)), "state");
  }
  if (today < t.effective_on) {
    return Status::FailedPrecondition("the notice period runs until " + t.effective_on.ToString(),
                                      "effective_on");
  }
  if (offer.id != t.to_contract)
    return Status::Internal("transfer completed with another contract");
  if (offer.state != ContractState::kAuthenticated) {
    return Status::FailedPrecondition(
        "the new contract must be authenticated by the destination authority; it is " +
            std::string(ToString(offer.state)),
        "to_contract");
  }
  return Status::Ok();
}

Status CompleteTransfer(Transfer& t, Date today) {
  if (t.state != TransferState::kFiled) {
    return Status::FailedPrecondition("the transfer is " + std::string(ToString(t.state)), "state");
  }
  if (today < t.effective_on) {
    return Status::FailedPrecondition("the notice period runs until " + t.effective_on.ToString(),
                                      "effective_on");
  }
  t.state = TransferState::kCompleted;
  return Status::Ok();
}

Status CancelTransfer(Transfer& t) {
  if (t.state != TransferState::kFiled) {
    return Status::FailedPrecondition("the transfer is " + std::string(ToString(t.state)), "state");
  }
  t.state = TransferState::kCancelled;
  return Status::Ok();
}

std::string_view ToString(AbsenceReportState s) {
  switch (s) {
    case AbsenceReportState::kOpen:
      return "open";
    case AbsenceReportState::kRefused:
      return "refused";
    case AbsenceReportState::kClosed:
      return "closed";
  }
  return "?";
}

Result<AbsenceReport> ReportAbsence(const Contract& c, const AbsenceContext& ctx, NoticeId id,
                                    Date last_seen, const std::string& details, Date today) {
  if (!ctx.contract_active || c.state != ContractState::kActive) {
    return Status::FailedPrecondition("an absence can be reported only under an active contract",
                                      "contract");
  }
  if (last_seen > today) return Status::InvalidArgument("is in the future", "last_seen");
  auto d = RequiredText(details, "details", 1000);
  if (!d.ok()) return d.status();
  AbsenceReport r;
  r.id = std::move(id);
  r.worker = c.terms.worker;
  r.contract = c.id;
  r.employer = c.terms.employer;
  r.last_seen = last_seen;
  r.details = *d;
  if (ctx.transfer_filed) {
    r.state = AbsenceReportState::kRefused;
    r.refusal_reason =
        "the worker has filed a job change; an absence report against them is not accepted";
  } else if (ctx.exit_notified) {
    r.state = AbsenceReportState::kRefused;
    r.refusal_reason =
        "the worker has notified an exit; an absence report against them is not accepted";
  }
  return r;
}

std::string_view ToString(ExitKind k) { return k == ExitKind::kFinal ? "final" : "returning"; }

Result<ExitKind> ParseExitKind(std::string_view text) {
  if (text == "final") return ExitKind::kFinal;
  if (text == "returning") return ExitKind::kReturning;
  return Status::InvalidArgument("must be final or returning");
}

std::optional<ExitNotice> FinalExitCompleted(const std::vector<ExitNotice>& notices,
                                             Date exit_day) {
  const ExitNotice* latest = nullptr;
  for (const auto& n : notices) {
    if (n.departure_date < exit_day.AddDays(-30) || n.departure_date > exit_day.AddDays(30)) {
      continue;
    }
    if (latest == nullptr || n.notified_at > latest->notified_at) latest = &n;
  }
  if (latest == nullptr || latest->kind != ExitKind::kFinal) return std::nullopt;
  return *latest;
}

Result<ExitNotice> NotifyExit(const WorkerId& worker, const Contract* active, NoticeId id,
                              ExitKind kind, Date departure, std::optional<Date> return_date,
                              Date today, Timestamp now) {
  if (departure < today) return Status::InvalidArgument("is in the past", "departure_date");
  if (departure > today.AddDays(366)) {
    return Status::InvalidArgument("is more than a year ahead", "departure_date");
  }
  if (active && active->terms.worker != worker) {
    return Status::Internal("exit notice with another worker's contract");
  }
  if (kind == ExitKind::kReturning) {
    if (!return_date)
      return Status::InvalidArgument("a returning exit needs a return date", "return_date");
    if (*return_date <= departure) {
      return Status::InvalidArgument("must be after the departure date", "return_date");
    }
    if (active && *return_date >= active->terms.end_date()) {
      return Status::InvalidArgument(
          "must be before the contract ends on " + active->terms.end_date().ToString(),
          "return_date");
    }
  } else if (return_date) {
    return Status::InvalidArgument("a final exit has no return date", "return_date");
  }
  ExitNotice n;
  n.id = std::move(id);
  n.worker = worker;
  if (active) n.contract = active->id;
  n.kind = kind;
  n.departure_date = departure;
  n.return_date = return_date;
  n.notified_at = now;
  return n;
}

}  // namespace corridor::domain
