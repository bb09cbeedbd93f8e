// The daily jobs of wage protection: months closed without a file, the escalation ladder's
// steps, and arrears that unlock a job change without notice.
#include <algorithm>
#include <initializer_list>
#include <set>
#include <sstream>
#include <streambuf>

#include "core/csv.hpp"
#include "core/encoding.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "crypto/crypto.hpp"
#include "payroll/amounts.hpp"
#include "service/cases.hpp"
#include "service/notifier.hpp"
#include "service/wages.hpp"
#include "service/wages_internal.hpp"

namespace corridor::service {
namespace {

using domain::Actor;
using domain::Role;

using wages_internal::FindingDoc;

std::string MonthText(const payroll::Month& m) { return m.ToString(); }

// The day a month's wages are due: `due_day` of the following month, clamped to its length.
Date DueDate(const payroll::Month& m, int due_day, int grace_days) {
  const payroll::Month next = m.next();
  const int day = std::min(due_day, next.days());
  return next.first_day().AddDays(day - 1 + grace_days);
}

const std::string& DocText(const json::Value& doc, const char* key) {
  static const std::string kEmpty;
  const json::Value* v = doc.Get(key);
  return v != nullptr && v->is_string() ? v->AsString() : kEmpty;
}

// A ladder step that refers the employer to an authority (`inspection_referral`,
// `prosecution_referral`): a protection signal.
bool IsReferral(std::string_view action) {
  constexpr std::string_view kSuffix = "_referral";
  return action.size() > kSuffix.size() && action.ends_with(kSuffix);
}

// A signal's source made of the natural key of what raised it (the parts joined by "."): as it
// is when it is a valid id, else `SK-` and the first 16 hex digits of its SHA-256 (an id is at
// most 64 characters).
std::string SignalSource(std::initializer_list<std::string_view> parts) {
  std::string key;
  for (std::string_view p : parts) {
    if (!key.empty()) key += '.';
    key += p;
  }
  if (CheckIdText(key).ok()) return key;
  return "SK-" + HexEncode(crypto::Sha256(key)).substr(0, 16);
}

}  // namespace

Result<JobReport> Wages::RunDailyJobs(Timestamp now) {
  JobReport report;
  const Date today = now.date();
  RETURN_IF_ERROR(CloseMonthsWithoutFile(today, report));
  RETURN_IF_ERROR(ApplyLadder(today, report));
  RETURN_IF_ERROR(ApplyArrears(today, report));
  return report;
}

Status Wages::CloseMonthsWithoutFile(Date today, JobReport& report) {
  const std::string country = store_.identity().country;
  int due_day = domain::CountryRules{}.payment_due_day;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto rules, tx.FindCountryRules(country));
    if (rules) due_day = rules->payment_due_day;
    return Status::Ok();
  }));
  payroll::Month month = payroll::Month::Of(today);
  for (int k = 0; k < config_.lookback_months; ++k) {
    month = month.prev();
    const Date due = DueDate(month, due_day, config_.grace_days);
    if (today <= due) continue;
    NodeBook nb;
    RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(nb, BuildBook(tx, country, month, std::nullopt));
      return Status::Ok();
    }));
    if (nb.book.size() == 0) continue;
    // Every contract is missing from an empty month; the employers that filed are left out below.
    payroll::Session session(nb.book, payroll::ReconcileConfig{month, config_.grace_days, 0});
    session.KeepEveryBalance();
    RETURN_IF_ERROR(session.Close());
    std::map<std::string, std::vector<size_t>> findings_of;  // employer key -> finding indexes
    for (size_t i = 0; i < session.findings().size(); ++i) {
      findings_of[session.findings()[i].employer].push_back(i);
    }
    for (const auto& employer_findings : findings_of) {
      const std::string& key = employer_findings.first;
      const std::vector<size_t>& indexes = employer_findings.second;
      auto it = nb.employer_of_key.find(key);
      if (it == nb.employer_of_key.end()) continue;
      const EmployerId employer = it->second;
      RETURN_IF_ERROR(store_.Write("system", [&](store::WriteTx& tx) -> Status {
        ASSIGN_OR_RETURN(auto filed,
                         store::CurrentPayrollFile(tx.conn(), employer, MonthText(month)));
        if (filed) return Status::Ok();
        store::PayrollFile file;
        file.id = NewIdText("PF", tx.rng());
        file.employer = employer;
        file.month = MonthText(month);
        file.version = 1;
        file.format = "none";
        file.name = "no-file";
        file.submitted_by = "system";
        file.submitted = tx.now();
        std::vector<store::StoredFinding> findings;
        std::vector<store::StoredBalance> balances;
        std::map<std::string, int64_t> owed;
        int64_t seq = 0;
        for (size_t i : indexes) {
          const payroll::Finding& f = session.findings()[i];
          store::StoredFinding s;
          s.file_id = file.id;
          s.seq = ++seq;
          s.code = std::string(payroll::FindingCodeName(f.code));
          s.worker = f.worker;
          s.contract = f.contract;
          auto origin = nb.origin_of_worker.find(f.worker);
          if (origin != nb.origin_of_worker.end()) s.origin_country = origin->second;
          s.doc = FindingDoc(f, file.id, employer, f.worker);
          owed[f.currency] += f.expected;
          findings.push_back(std::move(s));
        }
        seq = 0;
        for (const payroll::Balance& b : session.balances()) {
          if (b.employer != key) continue;
          store::StoredBalance s;
          s.file_id = file.id;
          s.seq = ++seq;
          s.worker = WorkerId(b.worker);
          s.employer = employer;
          s.month = file.month;
          s.currency = b.currency;
          s.owed = b.owed;
          s.paid = b.paid;
          balances.push_back(std::move(s));
        }
        file.findings = static_cast<int64_t>(findings.size());
        RETURN_IF_ERROR(store::InsertPayrollFile(tx.conn(), file, ""));
        RETURN_IF_ERROR(store::InsertFindings(tx.conn(), findings));
        RETURN_IF_ERROR(store::InsertBalances(tx.conn(), balances));
        json::Object data;
        data.Set("employer", employer.value());
        data.Set("month", file.month);
        data.Set("due", due.ToString());
        data.Set("workers", static_cast<int64_t>(findings.size()));
        json::Object owed_json;
        for (const auto& [currency, minor] : owed) {
          owed_json.Set(currency,
                        payroll::FormatFixed(minor, CurrencyExponent(currency).value_or(2)));
        }
        data.Set("owed", std::move(owed_json));
        RETURN_IF_ERROR(
            tx.Record(domain::EventType::kPayrollMonthClosedWithoutFile, file.id, data));
        RETURN_IF_ERROR(
            Notify(tx, "employer:" + employer.value(), "payroll.no_file", file.id, data));
        RETURN_IF_ERROR(
            Notify(tx, "authority:" + country, "payroll.no_file", file.id, std::move(data)));
        ++report.months_closed;
        return Status::Ok();
      }));
    }
  }
  return Status::Ok();
}

Status Wages::ApplyLadder(Date today, JobReport& report) {
  const std::string country = store_.identity().country;
  auto ladder = config_.ladders.find(country);
  if (ladder == config_.ladders.end()) return Status::Ok();
  std::vector<store::StoredFinding> stored;
  std::vector<store::EscalationStep> steps;
  const std::vector<std::string> codes = {"unpaid", "missing_worker", "late"};
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(stored, store::CurrentFindingsWithCodes(tx.conn(), codes));
    ASSIGN_OR_RETURN(steps, store::ListEscalationSteps(tx.conn(), std::nullopt));
    return Status::Ok();
  }));
  std::vector<payroll::Finding> findings;
  findings.reserve(stored.size());
  for (const auto& s : stored) {
    payroll::Finding f;
    f.code = s.code == "unpaid"           ? payroll::FindingCode::kUnpaid
             : s.code == "missing_worker" ? payroll::FindingCode::kMissingWorker
                                          : payroll::FindingCode::kLate;
    f.worker = s.worker;
    f.contract = s.contract;
    f.employer = DocText(s.doc, "employer");
    auto month = payroll::Month::Parse(DocText(s.doc, "month"));
    auto due = Date::Parse(DocText(s.doc, "due"));
    if (!month.ok() || !due.ok()) return Status::DataLoss("a stored payroll finding is damaged");
    f.month = *month;
    f.due = *due;
    if (f.code == payroll::FindingCode::kLate) {
      auto paid = Date::Parse(DocText(s.doc, "actual"));
      if (!paid.ok()) return Status::DataLoss("a stored late finding has no payment date");
      f.dates = true;
      f.expected = due->days_since_epoch();
      f.actual = paid->days_since_epoch();
    }
    findings.push_back(std::move(f));
  }
  const std::vector<payroll::Overdue> overdue = payroll::OverdueFrom(findings);
  std::vector<payroll::StepTaken> taken;
  for (const auto& s : steps) {
    auto m = payroll::Month::Parse(s.month);
    if (!m.ok()) return Status::DataLoss("a stored escalation step is damaged");
    taken.push_back({s.employer.value(), *m, s.action});
  }
  const auto due = payroll::StepsDue(ladder->second, overdue, today, taken);
  std::vector<const payroll::StepDue*> fresh;
  for (const auto& d : due) {
    if (!d.already_taken) fresh.push_back(&d);
  }
  // Suspensions whose month has been paid since (or is no longer overdue) are lifted.
  std::vector<const store::EscalationStep*> lift;
  for (const auto& s : steps) {
    if (s.action != "permits_suspended" || s.lifted) continue;
    bool still_unpaid = false;
    for (const auto& o : overdue) {
      still_unpaid = still_unpaid || (o.employer == s.employer.value() &&
                                      o.month.ToString() == s.month && !o.paid_on);
    }
    if (!still_unpaid) lift.push_back(&s);
  }
  if (fresh.empty() && lift.empty()) return Status::Ok();
  return store_.Write("system", [&](store::WriteTx& tx) -> Status {
    for (const payroll::StepDue* d : fresh) {
      store::EscalationStep s;
      s.employer = EmployerId(d->employer);
      s.month = d->month.ToString();
      s.action = d->action;
      s.due_on = d->due_on.ToString();
      s.taken = tx.now();
      RETURN_IF_ERROR(store::InsertEscalationStep(tx.conn(), s));
      json::Object data;
      data.Set("employer", d->employer);
      data.Set("month", s.month);
      data.Set("action", d->action);
      data.Set("day", d->day);
      data.Set("due_on", s.due_on);
      RETURN_IF_ERROR(tx.Record(domain::EventType::kWagesEscalationStep, d->employer, data));
      if (cases_ != nullptr && IsReferral(d->action)) {
        RETURN_IF_ERROR(cases_
                            ->TakeSignal(tx, {std::nullopt, s.employer},
                                         domain::SignalKind::kLadderReferral,
                                         SignalSource({d->employer, s.month, d->action}))
                            .status());
      }
      RETURN_IF_ERROR(
          Notify(tx, "employer:" + d->employer, "wages.escalation_step", d->employer, data));
      RETURN_IF_ERROR(Notify(tx, "authority:" + country, "wages.escalation_step", d->employer,
                             std::move(data)));
    }
    for (const store::EscalationStep* s : lift) {
      RETURN_IF_ERROR(
          store::LiftEscalationStep(tx.conn(), s->employer, s->month, s->action, tx.now()));
      json::Object data;
      data.Set("employer", s->employer.value());
      data.Set("month", s->month);
      data.Set("action", s->action);
      RETURN_IF_ERROR(
          tx.Record(domain::EventType::kWagesPermitsSuspensionLifted, s->employer.value(), data));
      RETURN_IF_ERROR(Notify(tx, "employer:" + s->employer.value(),
                             "wages.permits_suspension_lifted", s->employer.value(),
                             std::move(data)));
    }
    report.steps_taken += static_cast<int>(fresh.size());
    report.suspensions_lifted += static_cast<int>(lift.size());
    return Status::Ok();
  });
}

Status Wages::ApplyArrears(Date today, JobReport& report) {
  const std::string country = store_.identity().country;
  std::vector<store::StoredBalance> balances;
  std::vector<store::TransferUnlock> unlocks;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(balances, store::CurrentBalances(tx.conn(), std::nullopt));
    ASSIGN_OR_RETURN(unlocks, store::ListTransferUnlocks(tx.conn()));
    return Status::Ok();
  }));
  struct State {
    int months = 0;
    int64_t outstanding = 0;
    std::string currency;
  };
  std::map<std::pair<std::string, std::string>, State> now;  // (worker, employer)
  for (size_t i = 0; i < balances.size();) {
    const std::string worker = balances[i].worker.value();
    const std::string employer = balances[i].employer.value();
    payroll::Arrears arrears(config_.unlock_months);
    size_t j = i;
    while (j < balances.size() && balances[j].worker.value() == worker &&
           balances[j].employer.value() == employer) {
      std::vector<payroll::Balance> month;
      const std::string m = balances[j].month;
      for (; j < balances.size() && balances[j].worker.value() == worker &&
             balances[j].employer.value() == employer && balances[j].month == m;
           ++j) {
        const auto& b = balances[j];
        payroll::Balance pb;
        pb.worker = worker;
        pb.employer = employer;
        pb.month = *payroll::Month::Parse(b.month);
        pb.owed = b.owed;
        pb.paid = b.paid;
        pb.currency = b.currency;
        pb.decimals = CurrencyExponent(b.currency).value_or(2);
        month.push_back(std::move(pb));
      }
      (void)arrears.Apply(month);
    }
    now[{worker, employer}] = {arrears.MonthsInArrears(worker, employer),
                               arrears.Outstanding(worker, employer), balances[i].currency};
    i = j;
  }
  std::vector<store::TransferUnlock> start, end;
  std::map<std::pair<std::string, std::string>, const store::TransferUnlock*> known;
  for (const auto& u : unlocks) known[{u.worker.value(), u.employer.value()}] = &u;
  for (const auto& [key, state] : now) {
    if (state.months < config_.unlock_months) continue;
    auto it = known.find(key);
    if (it != known.end() && it->second->active) continue;
    store::TransferUnlock u;
    u.worker = WorkerId(key.first);
    u.employer = EmployerId(key.second);
    u.months = state.months;
    u.outstanding = state.outstanding;
    u.currency = state.currency;
    u.active = true;
    start.push_back(std::move(u));
  }
  for (const auto& u : unlocks) {
    if (!u.active) continue;
    auto it = now.find({u.worker.value(), u.employer.value()});
    if (it != now.end() && it->second.months >= config_.unlock_months) continue;
    store::TransferUnlock ended = u;
    ended.active = false;
    ended.months = it == now.end() ? 0 : it->second.months;
    ended.outstanding = it == now.end() ? 0 : it->second.outstanding;
    end.push_back(std::move(ended));
  }
  if (start.empty() && end.empty()) return Status::Ok();
  return store_.Write("system", [&](store::WriteTx& tx) -> Status {
    // The contract the arrears are owed under, when it is still active: federation carries the
    // event to the origin country as a wage alert on that contract.
    auto active_contract = [&tx](const store::TransferUnlock& u) -> Result<json::Value> {
      store::ContractFilter f;
      f.worker = u.worker;
      f.employer = u.employer;
      f.state = domain::ContractState::kActive;
      store::Page page;
      page.limit = 1;
      ASSIGN_OR_RETURN(auto found, tx.ListContracts(f, page));
      if (found.empty()) return json::Value();
      return json::Value(found.front().id.value());
    };
    for (auto& u : start) {
      u.updated = tx.now();
      RETURN_IF_ERROR(store::PutTransferUnlock(tx.conn(), u));
      ASSIGN_OR_RETURN(auto worker, tx.GetWorker(u.worker));
      json::Object data;
      data.Set("worker", u.worker.value());
      data.Set("employer", u.employer.value());
      ASSIGN_OR_RETURN(json::Value contract, active_contract(u));
      if (cases_ != nullptr) {
        // The unlock's source: the contract the arrears are owed under (else the worker and the
        // employer) and the day it began, so arrears that end and come back join as a second one.
        const std::string day = today.ToString();
        const std::string source = contract.is_string()
                                       ? SignalSource({contract.AsString(), day})
                                       : SignalSource({u.worker.value(), u.employer.value(), day});
        RETURN_IF_ERROR(cases_
                            ->TakeSignal(tx, {u.worker, u.employer},
                                         domain::SignalKind::kArrearsTransferUnlocked, source)
                            .status());
      }
      data.Set("contract", std::move(contract));
      data.Set("months_in_arrears", u.months);
      data.Set("outstanding",
               payroll::FormatFixed(u.outstanding, CurrencyExponent(u.currency).value_or(2)));
      data.Set("currency", u.currency);
      data.Set("note", "wage arrears waive the notice of a job change away from this employer");
      RETURN_IF_ERROR(tx.Record(domain::EventType::kWagesTransferUnlocked, u.worker.value(), data));
      for (const std::string& recipient :
           {"worker:" + u.worker.value(), "embassy:" + worker.nationality,
            "authority:" + country}) {
        RETURN_IF_ERROR(Notify(tx, recipient, "wages.transfer_unlocked", u.worker.value(), data));
      }
    }
    for (auto& u : end) {
      u.updated = tx.now();
      RETURN_IF_ERROR(store::PutTransferUnlock(tx.conn(), u));
      json::Object data;
      data.Set("worker", u.worker.value());
      data.Set("employer", u.employer.value());
      ASSIGN_OR_RETURN(json::Value contract, active_contract(u));
      data.Set("contract", std::move(contract));
      data.Set("months_in_arrears", u.months);
      RETURN_IF_ERROR(
          tx.Record(domain::EventType::kWagesTransferUnlockEnded, u.worker.value(), data));
      RETURN_IF_ERROR(Notify(tx, "worker:" + u.worker.value(), "wages.transfer_unlock_ended",
                             u.worker.value(), std::move(data)));
    }
    report.unlocked += static_cast<int>(start.size());
    report.unlocks_ended += static_cast<int>(end.size());
    return Status::Ok();
  });
}

}  // namespace corridor::service
