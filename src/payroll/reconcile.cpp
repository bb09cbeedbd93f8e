#include "payroll/reconcile.hpp"

#include <algorithm>
#include <array>

#include "payroll/amounts.hpp"

namespace corridor::payroll {

namespace {

__extension__ typedef __int128 Int128;

constexpr uint64_t kProgressEvery = 1 << 20;

// floor(hours × hourly rate × overtime rate), with hourly = basic / (dpw × hpd × 52 / 12):
// hours_c × basic × 12 × rate_milli / (dpw × hpd_c × 52 × 1000), exactly.
int64_t OvertimeOwed(int64_t hours_centi, int64_t basic, const ContractRecord& r) {
  const Int128 num = static_cast<Int128>(hours_centi) * basic * 12 * r.overtime_rate_milli;
  const Int128 den = static_cast<Int128>(r.days_per_week) * r.hours_per_day_centi * 52 * 1000;
  return static_cast<int64_t>(num / den);
}

std::string Amount(int64_t minor, std::string_view currency, int decimals) {
  return FormatFixed(minor, decimals) + " " + std::string(currency);
}

Status LineError(uint64_t line, std::string_view field, const std::string& what) {
  return Status::InvalidArgument(
      "line " + std::to_string(line) + ": " + std::string(field) + ": " + what, std::string(field));
}

}  // namespace

std::string_view FindingCodeName(FindingCode code) {
  static constexpr std::array<std::string_view, kFindingCodes> kNames = {
      "unpaid",
      "partial",
      "late",
      "below_contract_basic",
      "below_contract_allowances",
      "below_wage_floor",
      "overtime_unpaid",
      "deduction_over_cap",
      "deduction_unlawful_reason",
      "missing_worker",
      "unknown_worker",
      "no_active_contract",
      "duplicate_line",
  };
  return kNames[static_cast<size_t>(code)];
}

std::string Finding::ExpectedText() const {
  return dates ? Date::FromDays(static_cast<int32_t>(expected)).ToString()
               : Amount(expected, currency, decimals);
}

std::string Finding::ActualText() const {
  return dates ? Date::FromDays(static_cast<int32_t>(actual)).ToString()
               : Amount(actual, currency, decimals);
}

Session::Session(const ContractBook& book, ReconcileConfig config)
    : book_(book),
      config_(config),
      month_first_(config.month.first_day().days_since_epoch()),
      month_last_(config.month.last_day().days_since_epoch()),
      next_first_(config.month.next().first_day().days_since_epoch()),
      next_days_(config.month.next().days()),
      seen_(book.size(), 0),
      person_stamp_(book.size(), 0),
      file_state_(1, kRejected) {}

Status Session::BeginFile() {
  if (closed_) return Status::FailedPrecondition("the month is closed");
  if (!book_.built()) return Status::FailedPrecondition("the contract book is not built");
  if (file_state_.size() >= 0xFFFFFFF0u) return Status::ResourceExhausted("too many files");
  file_ = static_cast<uint32_t>(file_state_.size());
  file_state_.push_back(kPending);
  pending_findings_.clear();
  pending_balances_.clear();
  unknown_in_file_.clear();
  return Status::Ok();
}

void Session::EndFile(bool accepted) {
  file_state_[file_] = accepted ? kAccepted : kRejected;
  if (accepted) {
    findings_.insert(findings_.end(), std::make_move_iterator(pending_findings_.begin()),
                     std::make_move_iterator(pending_findings_.end()));
    balances_.insert(balances_.end(), std::make_move_iterator(pending_balances_.begin()),
                     std::make_move_iterator(pending_balances_.end()));
  }
  pending_findings_.clear();
  pending_balances_.clear();
  unknown_in_file_.clear();
}

bool Session::MarkSeen(uint32_t c) {
  const uint32_t prior = seen_[c];
  if (prior == file_ || Committed(prior)) return true;
  seen_[c] = file_;
  return false;
}

Session::Owed Session::OwedFor(uint32_t c, int leave_days) const {
  const ContractRecord& r = book_.record(c);
  const int days = config_.month.days();
  Owed o;
  o.contract_days = DaysInMonth(r);
  o.payable_days = std::max(0, o.contract_days - leave_days);
  o.basic = MulDivFloor(r.basic, o.payable_days, days);
  o.allowances = MulDivFloor(r.allowances, o.payable_days, days);
  if (r.floor >= 0) o.floor = MulDivFloor(r.floor, o.payable_days, days);
  return o;
}

Date Session::DueDate(uint32_t c) const {
  const int day = std::min<int>(book_.record(c).due_day, next_days_);
  return Date::FromDays(next_first_ + day - 1 + config_.grace_days);
}

Finding& Session::Emit(FindingCode code, uint32_t c, std::string_view worker,
                       std::string_view employer, uint64_t line, std::string_view currency,
                       int decimals) {
  Finding& f = pending_findings_.emplace_back();
  f.code = code;
  if (c != kNoContract) {
    f.worker = book_.worker_id(c);
    f.contract = book_.contract_id(c);
    f.due = DueDate(c);
  } else {
    f.worker = worker;
  }
  f.employer = employer;
  f.month = config_.month;
  f.currency = currency;
  f.decimals = decimals;
  f.file = file_;
  f.line = line;
  return f;
}

void Session::EmitBalance(uint32_t c, std::string_view employer, int64_t owed, int64_t paid) {
  Balance& b = pending_balances_.emplace_back();
  b.worker = book_.worker_id(c);
  b.employer = employer;
  b.month = config_.month;
  b.owed = owed;
  b.paid = paid;
  b.currency = book_.currency(c);
  b.decimals = book_.exponent(c);
}

// ---------------------------------------------------------------------------------------------
// SIF

Result<FileReport> Session::AddSif(std::istream& in, const SifSubmission& s,
                                   const ProgressFn& progress) {
  RETURN_IF_ERROR(BeginFile());
  FileReport report;
  report.file = file_;
  SifReader reader(in, s.currency);
  const uint32_t employer = book_.FindEmployer(s.employer_id);
  SifEmployee e;
  uint64_t next_progress = kProgressEvery;
  for (;;) {
    auto more = reader.Next(e);
    if (!more.ok()) {
      EndFile(false);
      return more.status();
    }
    if (!*more) break;
    ++report.lines;
    Status st = ReconcileSif(e, s, employer);
    if (!st.ok()) {
      EndFile(false);
      return st;
    }
    if (progress && reader.bytes_read() >= next_progress) {
      progress(reader.bytes_read());
      next_progress = reader.bytes_read() + kProgressEvery;
    }
  }
  const SifControl& scr = reader.control();
  if (scr.employer_id != s.employer_id) {
    EndFile(false);
    return LineError(scr.line, "employer_id",
                     "is " + scr.employer_id + " but the file was submitted by " + s.employer_id);
  }
  report.bytes = reader.bytes_read();
  report.findings = pending_findings_.size();
  EndFile(true);
  if (progress) progress(report.bytes);
  return report;
}

Status Session::ReconcileSif(const SifEmployee& e, const SifSubmission& s, uint32_t employer) {
  if (Month::Of(e.pay_start) != config_.month) {
    return LineError(e.line, "pay_start",
                     "is in " + Month::Of(e.pay_start).ToString() +
                         ", the month being reconciled is " + config_.month.ToString());
  }
  const int decimals = CurrencyExponent(s.currency).value_or(2);
  const int64_t total = e.fixed_income + e.variable_income;
  const uint32_t head = book_.FirstOfPerson(e.employee_id);
  if (head == kNoContract) {
    if (!unknown_in_file_.emplace(e.employee_id).second) {
      return LineError(e.line, "employee_id",
                       "employee " + std::string(e.employee_id) + " appears twice in the file");
    }
    Finding& f = Emit(FindingCode::kUnknownWorker, kNoContract, e.employee_id, s.employer_id,
                      e.line, s.currency, decimals);
    f.actual = total;
    f.rule = "person " + std::string(e.employee_id) +
             " has no registered contract, yet is paid by this employer";
    return Status::Ok();
  }
  if (person_stamp_[head] == file_) {
    return LineError(e.line, "employee_id",
                     "employee " + std::string(e.employee_id) + " appears twice in the file");
  }
  person_stamp_[head] = file_;

  // The person's contracts with this employer active in the month (normally one).
  std::array<uint32_t, 8> active{};
  size_t n = 0;
  for (uint32_t c = head; c != kNoContract; c = book_.record(c).next_of_person) {
    const ContractRecord& r = book_.record(c);
    if (r.employer == employer && DaysInMonth(r) > 0 && n < active.size()) {
      active[n++] = c;
    }
  }
  if (n == 0) {
    Finding& f = Emit(FindingCode::kNoActiveContract, kNoContract, e.employee_id, s.employer_id,
                      e.line, s.currency, decimals);
    f.worker = book_.worker_id(head);
    f.actual = total;
    f.rule = "person " + std::string(e.employee_id) + " has no contract with employer " +
             s.employer_id + " active in " + config_.month.ToString();
    return Status::Ok();
  }
  for (size_t i = 0; i < n; ++i) {
    if (book_.currency(active[i]) != s.currency) {
      return LineError(e.line, "fixed_income",
                       "is paid in " + s.currency + " but contract " +
                           std::string(book_.contract_id(active[i])) + " is in " +
                           std::string(book_.currency(active[i])));
    }
  }
  bool duplicate = false;
  for (size_t i = 0; i < n; ++i) duplicate = MarkSeen(active[i]) || duplicate;
  const uint32_t first = active[0];
  if (duplicate) {
    Finding& f =
        Emit(FindingCode::kDuplicateLine, first, {}, s.employer_id, e.line, s.currency, decimals);
    f.actual = total;
    f.rule = "a second line for this worker and month; it is not held to the contract again";
    EmitBalance(first, s.employer_id, 0, total);
    return Status::Ok();
  }

  // Owed: each active contract for its own days; unpaid leave is taken from the earliest first.
  int64_t owed = 0;
  int64_t floor = -1;
  int leave = e.leave_days;
  int payable = 0;
  for (size_t i = 0; i < n; ++i) {
    const Owed o = OwedFor(active[i], leave);
    leave = std::max(0, leave - o.contract_days);
    owed += o.basic + o.allowances;
    payable += o.payable_days;
    if (o.floor >= 0) floor = std::max<int64_t>(floor, 0) + o.floor;
  }
  const int64_t regular = e.regular_pay();
  const int64_t tol = config_.tolerance_minor;
  if (total == 0) {
    if (owed > 0) {
      Finding& f =
          Emit(FindingCode::kUnpaid, first, {}, s.employer_id, e.line, s.currency, decimals);
      f.expected = owed;
      f.rule = "nothing was paid; " + Amount(owed, s.currency, decimals) + " was owed for " +
               std::to_string(payable) + " payable days";
    }
  } else {
    if (regular < owed - tol) {
      Finding& f =
          Emit(FindingCode::kPartial, first, {}, s.employer_id, e.line, s.currency, decimals);
      f.expected = owed;
      f.actual = regular;
      f.rule = "regular pay " + Amount(regular, s.currency, decimals) +
               " is below the contract's basic and cash allowances for " + std::to_string(payable) +
               " payable days, " + Amount(owed, s.currency, decimals);
    }
    if (floor >= 0 && regular < floor - tol) {
      Finding& f = Emit(FindingCode::kBelowWageFloor, first, {}, s.employer_id, e.line, s.currency,
                        decimals);
      f.expected = floor;
      f.actual = regular;
      f.rule = "regular pay " + Amount(regular, s.currency, decimals) +
               " is below the wage floor for " + std::to_string(payable) + " payable days, " +
               Amount(floor, s.currency, decimals);
    }
    const Date due = DueDate(first);
    if (s.paid_on > due) {
      Finding& f = Emit(FindingCode::kLate, first, {}, s.employer_id, e.line, s.currency, decimals);
      f.dates = true;
      f.expected = due.days_since_epoch();
      f.actual = s.paid_on.days_since_epoch();
      f.rule = "paid on " + s.paid_on.ToString() + ", " + std::to_string(due.DaysUntil(s.paid_on)) +
               " days after the wage was due on " + due.ToString();
    }
  }
  if (owed != regular || every_balance_) EmitBalance(first, s.employer_id, owed, regular);
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// Extended CSV

Result<FileReport> Session::AddExtended(std::istream& in, const ExtendedSubmission& s,
                                        const ProgressFn& progress) {
  RETURN_IF_ERROR(BeginFile());
  FileReport report;
  report.file = file_;
  ExtendedReader reader(in);
  // Two lines in flight: the next line is parsed while the current line's index slot loads.
  ExtendedLine lines[2];
  int cur = 0;
  uint64_t next_progress = kProgressEvery;
  Result<bool> have = reader.Next(lines[cur]);
  if (have.ok() && *have) book_.PrefetchContract(lines[cur].contract_ref);
  for (;;) {
    if (!have.ok()) {
      EndFile(false);
      return have.status();
    }
    if (!*have) break;
    Result<bool> next = reader.Next(lines[cur ^ 1]);
    if (next.ok() && *next) book_.PrefetchContract(lines[cur ^ 1].contract_ref);
    const ExtendedLine& l = lines[cur];
    ++report.lines;
    if (!s.employer_id.empty() && l.employer_id != s.employer_id) {
      EndFile(false);
      return LineError(
          l.line, "employer_id",
          "is " + std::string(l.employer_id) + " but the file was submitted by " + s.employer_id);
    }
    Status st = ReconcileExtended(l);
    if (!st.ok()) {
      EndFile(false);
      return st;
    }
    if (progress && reader.bytes_read() >= next_progress) {
      progress(reader.bytes_read());
      next_progress = reader.bytes_read() + kProgressEvery;
    }
    have = std::move(next);
    cur ^= 1;
  }
  if (report.lines == 0) {
    EndFile(false);
    return Status::InvalidArgument("line 2: row: the file has no payroll line", "row");
  }
  report.bytes = reader.bytes_read();
  report.findings = pending_findings_.size();
  EndFile(true);
  if (progress) progress(report.bytes);
  return report;
}

Status Session::ReconcileExtended(const ExtendedLine& l) {
  if (l.month != config_.month) {
    return LineError(
        l.line, "month",
        "is " + l.month.ToString() + ", the month being reconciled is " + config_.month.ToString());
  }
  const int64_t gross = l.gross();
  const int64_t deducted = l.total_deductions();
  const int64_t net = gross - deducted;
  const int d = l.decimals;

  // Deductions with a reason off the list or for recruitment fees are unlawful whatever the
  // contract says, so they are reported even for lines held to no contract.
  auto report_unlawful = [&](uint32_t c) {
    for (int i = 0; i < l.deduction_count; ++i) {
      const Deduction& ded = l.deductions[static_cast<size_t>(i)];
      if (IsLawful(ded.reason)) continue;
      Finding& f = Emit(FindingCode::kDeductionUnlawfulReason, c, l.worker_id, l.employer_id,
                        l.line, l.currency, d);
      f.actual = ded.amount;
      f.rule = ded.reason == DeductionReason::kRecruitmentFeeRecovery
                   ? "deducted " + Amount(ded.amount, l.currency, d) +
                         " to recover a recruitment fee; workers pay no recruitment fee"
                   : "deducted " + Amount(ded.amount, l.currency, d) + " for '" +
                         std::string(ded.reason_text) + "', a reason not on the lawful list";
    }
  };

  const uint32_t c = book_.FindContract(l.contract_ref);
  if (c == kNoContract || book_.worker_id(c) != l.worker_id) {
    const bool known = book_.FirstOfWorker(l.worker_id) != kNoContract;
    Finding& f = Emit(known ? FindingCode::kNoActiveContract : FindingCode::kUnknownWorker,
                      kNoContract, l.worker_id, l.employer_id, l.line, l.currency, d);
    f.actual = net;
    f.rule = known ? "contract " + std::string(l.contract_ref) + " is not a contract of worker " +
                         std::string(l.worker_id)
                   : "worker " + std::string(l.worker_id) +
                         " has no registered contract, yet is paid by this employer";
    report_unlawful(kNoContract);
    return Status::Ok();
  }
  const ContractRecord& r = book_.record(c);
  if (book_.employer_id(c) != l.employer_id || DaysInMonth(r) == 0) {
    Finding& f = Emit(FindingCode::kNoActiveContract, kNoContract, l.worker_id, l.employer_id,
                      l.line, l.currency, d);
    f.contract = l.contract_ref;
    f.actual = net;
    f.rule = book_.employer_id(c) != l.employer_id
                 ? "contract " + std::string(l.contract_ref) + " is with employer " +
                       std::string(book_.employer_id(c))
                 : "contract " + std::string(l.contract_ref) + " is not active in " +
                       config_.month.ToString();
    report_unlawful(kNoContract);
    return Status::Ok();
  }
  if (book_.currency(c) != l.currency) {
    return LineError(l.line, "currency",
                     "is " + std::string(l.currency) + " but contract " +
                         std::string(l.contract_ref) + " is in " + std::string(book_.currency(c)));
  }
  if (MarkSeen(c)) {
    Finding& f = Emit(FindingCode::kDuplicateLine, c, {}, l.employer_id, l.line, l.currency, d);
    f.actual = net;
    f.rule = "a second line for this worker and month; it is not held to the contract again";
    report_unlawful(c);
    EmitBalance(c, l.employer_id, 0, net);
    return Status::Ok();
  }

  const Owed o = OwedFor(c, l.unpaid_leave_days);
  const int64_t ot_owed =
      l.overtime_hours_centi > 0 ? OvertimeOwed(l.overtime_hours_centi, r.basic, r) : 0;
  const int64_t tol = config_.tolerance_minor;
  const int64_t owed_gross = o.basic + o.allowances + ot_owed;

  report_unlawful(c);
  // Deduction cap: all deductions together against the gross pay.
  const int64_t cap = MulDivFloor(gross, r.max_deduction_percent, 100);
  if (static_cast<Int128>(deducted) * 100 > static_cast<Int128>(r.max_deduction_percent) * gross) {
    Finding& f = Emit(FindingCode::kDeductionOverCap, c, {}, l.employer_id, l.line, l.currency, d);
    f.expected = cap;
    f.actual = deducted;
    f.rule = "deductions of " + Amount(deducted, l.currency, d) + " exceed " +
             std::to_string(r.max_deduction_percent) + "% of the gross pay " +
             Amount(gross, l.currency, d);
  }

  if (net == 0 && owed_gross > 0) {
    Finding& f = Emit(FindingCode::kUnpaid, c, {}, l.employer_id, l.line, l.currency, d);
    f.expected = owed_gross;
    f.rule = "nothing reached the worker; " + Amount(owed_gross, l.currency, d) + " was owed for " +
             std::to_string(o.payable_days) + " payable days";
  } else if (net > 0) {
    if (l.basic < o.basic - tol) {
      Finding& f =
          Emit(FindingCode::kBelowContractBasic, c, {}, l.employer_id, l.line, l.currency, d);
      f.expected = o.basic;
      f.actual = l.basic;
      f.rule = "basic paid " + Amount(l.basic, l.currency, d) + " is below the contract's " +
               Amount(o.basic, l.currency, d) + " for " + std::to_string(o.payable_days) +
               " payable days";
    }
    const int64_t cash = l.cash_allowances();
    if (cash < o.allowances - tol) {
      Finding& f =
          Emit(FindingCode::kBelowContractAllowances, c, {}, l.employer_id, l.line, l.currency, d);
      f.expected = o.allowances;
      f.actual = cash;
      const bool any_in_kind = l.in_kind[kHousing] || l.in_kind[kFood] || l.in_kind[kTransport] ||
                               l.in_kind[kOtherAllowance];
      f.rule = "cash allowances paid " + Amount(cash, l.currency, d) +
               " are below the contract's " + Amount(o.allowances, l.currency, d) + " for " +
               std::to_string(o.payable_days) + " payable days" +
               (any_in_kind ? " (an allowance the contract pays in cash was given in kind)" : "");
    }
    if (o.floor >= 0 && l.basic < o.floor - tol) {
      Finding& f = Emit(FindingCode::kBelowWageFloor, c, {}, l.employer_id, l.line, l.currency, d);
      f.expected = o.floor;
      f.actual = l.basic;
      f.rule = "basic paid " + Amount(l.basic, l.currency, d) + " is below the wage floor of " +
               Amount(o.floor, l.currency, d) + " for " + std::to_string(o.payable_days) +
               " payable days";
    }
    if (l.overtime_hours_centi > 0 && l.overtime_pay < ot_owed - tol) {
      Finding& f = Emit(FindingCode::kOvertimeUnpaid, c, {}, l.employer_id, l.line, l.currency, d);
      f.expected = ot_owed;
      f.actual = l.overtime_pay;
      f.rule = FormatFixed(l.overtime_hours_centi, 2) + " overtime hours were paid " +
               Amount(l.overtime_pay, l.currency, d) + ", below " + Amount(ot_owed, l.currency, d) +
               " (hourly rate × " + FormatFixed(r.overtime_rate_milli, 3) + ")";
    }
    const Date due = DueDate(c);
    if (l.payment_date > due) {
      Finding& f = Emit(FindingCode::kLate, c, {}, l.employer_id, l.line, l.currency, d);
      f.dates = true;
      f.expected = due.days_since_epoch();
      f.actual = l.payment_date.days_since_epoch();
      f.rule = "paid on " + l.payment_date.ToString() + ", " +
               std::to_string(due.DaysUntil(l.payment_date)) + " days after the wage was due on " +
               due.ToString();
    }
  }

  // Owed net: the lawful deductions, up to the cap, reduce what is owed.
  int64_t lawful = 0;
  for (int i = 0; i < l.deduction_count; ++i) {
    const Deduction& ded = l.deductions[static_cast<size_t>(i)];
    if (IsLawful(ded.reason)) lawful += ded.amount;
  }
  const int64_t owed_net = std::max<int64_t>(0, owed_gross - std::min(lawful, cap));
  if (owed_net != net || every_balance_) EmitBalance(c, l.employer_id, owed_net, net);
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------

Status Session::Close() {
  if (closed_) return Status::FailedPrecondition("the month is already closed");
  if (!book_.built()) return Status::FailedPrecondition("the contract book is not built");
  closed_ = true;
  file_ = 0;
  for (uint32_t c = 0; c < book_.size(); ++c) {
    if (Committed(seen_[c])) continue;
    const ContractRecord& r = book_.record(c);
    if (DaysInMonth(r) == 0) continue;
    const Owed o = OwedFor(c, 0);
    const int64_t owed = o.basic + o.allowances;
    if (owed <= 0) continue;
    const std::string_view employer = book_.employer_id(c);
    Finding& f =
        Emit(FindingCode::kMissingWorker, c, {}, employer, 0, book_.currency(c), book_.exponent(c));
    f.expected = owed;
    f.rule = "no line in any accepted file of " + config_.month.ToString() + "; " +
             Amount(owed, book_.currency(c), book_.exponent(c)) + " was owed for " +
             std::to_string(o.payable_days) + " days";
    EmitBalance(c, employer, owed, 0);
  }
  findings_.insert(findings_.end(), std::make_move_iterator(pending_findings_.begin()),
                   std::make_move_iterator(pending_findings_.end()));
  balances_.insert(balances_.end(), std::make_move_iterator(pending_balances_.begin()),
                   std::make_move_iterator(pending_balances_.end()));
  pending_findings_.clear();
  pending_balances_.clear();
  return Status::Ok();
}

}  // namespace corridor::payroll
