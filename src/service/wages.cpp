// Payroll submissions: an employer's file reconciled against the registry and stored with its
// findings and balances, in one write.
#include "service/wages.hpp"

#include <algorithm>
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
#include "service/wages_internal.hpp"

namespace corridor::service {
namespace {

using domain::Actor;
using domain::Role;

using wages_internal::EmployerKey;

using wages_internal::FindingDoc;

// Reads a string without copying it.
class ViewBuffer final : public std::streambuf {
 public:
  explicit ViewBuffer(std::string_view v) {
    char* p = const_cast<char*>(v.data());
    setg(p, p, p + v.size());
  }
};

// The currency an SCR control line (the last record of a SIF) names, or "" if there is none.
std::string ScrCurrency(std::string_view content) {
  while (!content.empty() && (content.back() == '\n' || content.back() == '\r')) {
    content.remove_suffix(1);
  }
  const size_t start = content.rfind('\n');
  std::string_view last = start == std::string_view::npos ? content : content.substr(start + 1);
  if (last.substr(0, 4) != "SCR,") return "";
  for (int i = 0; i < 8; ++i) {
    const size_t comma = last.find(',');
    if (comma == std::string_view::npos) return "";
    last.remove_prefix(comma + 1);
  }
  const std::string currency(last.substr(0, last.find(',')));
  return CurrencyExponent(currency) ? currency : "";
}

// Turns the engine's findings and balances into stored rows. A book scoped to one employer knows
// only that employer's contracts, so a line for a worker the registry knows under another
// employer (or under none active) is `no_active_contract`, not `unknown_worker`.
Status StoredRows(store::WriteTx& tx, const NodeBook& nb, const payroll::Session& session,
                  const std::string& file_id, const EmployerId& default_employer,
                  std::vector<store::StoredFinding>& findings,
                  std::vector<store::StoredBalance>& balances) {
  auto employer_of = [&](const std::string& key) {
    auto it = nb.employer_of_key.find(key);
    return it == nb.employer_of_key.end() ? default_employer : it->second;
  };
  int64_t seq = 0;
  for (const payroll::Finding& f : session.findings()) {
    payroll::Finding g = f;
    std::string worker = f.worker;
    std::string origin;
    if (f.contract.empty() && f.code == payroll::FindingCode::kUnknownWorker) {
      std::optional<WorkerId> known;
      ASSIGN_OR_RETURN(known, store::FindWorkerByPersonNumber(tx.conn(), f.worker));
      if (!known && CheckIdText(f.worker).ok()) {
        auto w = tx.GetWorker(WorkerId(f.worker));
        if (w.ok()) known = w->id;
      }
      if (known) {
        store::ContractFilter filter;
        filter.worker = *known;
        ASSIGN_OR_RETURN(auto contracts, tx.ListContracts(filter, {"", 1}));
        if (!contracts.empty()) {
          g.code = payroll::FindingCode::kNoActiveContract;
          g.rule = "a line for a worker whose contracts are not active in " + f.month.ToString() +
                   " with this employer";
          worker = known->value();
          origin = contracts.front().terms.origin_country;
        }
      }
    } else if (auto it = nb.origin_of_worker.find(f.worker); it != nb.origin_of_worker.end()) {
      origin = it->second;
    }
    store::StoredFinding s;
    s.file_id = file_id;
    s.seq = ++seq;
    s.code = std::string(payroll::FindingCodeName(g.code));
    s.worker = worker;
    s.contract = g.contract;
    s.origin_country = origin;
    s.doc = FindingDoc(g, file_id, employer_of(g.employer), worker);
    findings.push_back(std::move(s));
  }
  seq = 0;
  for (const payroll::Balance& b : session.balances()) {
    store::StoredBalance s;
    s.file_id = file_id;
    s.seq = ++seq;
    s.worker = WorkerId(b.worker);
    s.employer = employer_of(b.employer);
    s.month = b.month.ToString();
    s.currency = b.currency;
    s.owed = b.owed;
    s.paid = b.paid;
    balances.push_back(std::move(s));
  }
  return Status::Ok();
}

// Each unlawful deduction on a line matched to a contract is a protection signal about the
// line's worker and the employer; its source is the finding (`<file>.<seq>`).
Status TakeDeductionSignals(Cases& cases, store::WriteTx& tx, const EmployerId& employer,
                            const std::vector<store::StoredFinding>& findings) {
  for (const auto& f : findings) {
    if (f.contract.empty() || f.code != "deduction_unlawful_reason") continue;
    RETURN_IF_ERROR(cases
                        .TakeSignal(tx, {WorkerId(f.worker), employer},
                                    domain::SignalKind::kUnlawfulDeduction,
                                    f.file_id + "." + std::to_string(f.seq))
                        .status());
  }
  return Status::Ok();
}

json::Value CountsByCode(const std::vector<store::StoredFinding>& findings) {
  std::map<std::string, int64_t> counts;
  for (const auto& f : findings) ++counts[f.code];
  json::Object o;
  for (const auto& [code, n] : counts) o.Set(code, n);
  return o;
}

}  // namespace

Wages::Wages(store::Store& store, WagesConfig config, Cases* cases)
    : store_(store), config_(std::move(config)), cases_(cases) {}

Result<SubmissionOutcome> Wages::SubmitFile(const Actor& a, const Submission& s,
                                            std::string_view content,
                                            const store::WriteOptions& write) {
  if (a.role != Role::kEmployer || !a.employer) {
    return Status::PermissionDenied("only an employer submits its own payroll files");
  }
  if (static_cast<int64_t>(content.size()) > config_.max_file_bytes) {
    return Status::InvalidArgument("the file is " + std::to_string(content.size()) +
                                       " bytes; at most " + std::to_string(config_.max_file_bytes) +
                                       " are accepted",
                                   "file");
  }
  if (content.empty()) return Status::InvalidArgument("line 1: the file is empty", "file");
  auto month = payroll::Month::Parse(s.month);
  if (!month.ok()) return Status::InvalidArgument("must be YYYY-MM", "month");
  const std::string name = s.name.empty() ? "payroll-" + s.month : s.name;
  if (name.size() > 64 || !CheckIdText(name).ok()) {
    return Status::InvalidArgument("must be 1 to 64 of A-Z, a-z, 0-9, '.', '_', '-'", "name");
  }
  const std::string country = store_.identity().country;
  const Date today = store_.clock().Now().date();
  NodeBook nb;
  domain::Employer employer;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    // Wages are paid for a month that has begun; a later one (9999-12, say) is a mistake.
    if (month->first_day() > today) {
      return Status::InvalidArgument("is a month that has not begun", "month");
    }
    ASSIGN_OR_RETURN(employer, tx.GetEmployer(*a.employer));
    ASSIGN_OR_RETURN(nb, BuildBook(tx, country, *month, a.employer));
    return Status::Ok();
  }));
  const std::string key = EmployerKey(employer);
  const PayrollFormat format = DetectFormat(content.substr(0, 16));

  payroll::Session session(nb.book, payroll::ReconcileConfig{*month, config_.grace_days, 0});
  session.KeepEveryBalance();
  ViewBuffer buffer(content);
  std::istream in(&buffer);
  Result<payroll::FileReport> read = Status::Internal("no file read");
  if (format == PayrollFormat::kSif) {
    if (!s.paid_on) {
      return Status::InvalidArgument("is required with a SIF: the day the salaries were credited",
                                     "paid_on");
    }
    if (*s.paid_on > today) return Status::InvalidArgument("is in the future", "paid_on");
    payroll::SifSubmission sub;
    sub.employer_id = key;
    sub.currency = !s.currency.empty()    ? s.currency
                   : !nb.currency.empty() ? nb.currency
                                          : ScrCurrency(content);
    if (sub.currency.empty()) {
      return Status::InvalidArgument("is required: the employer has no contract active in " +
                                         s.month + " and the file names no known currency",
                                     "currency");
    }
    sub.paid_on = *s.paid_on;
    read = session.AddSif(in, sub);
  } else {
    if (s.paid_on) {
      return Status::InvalidArgument("is given by each line of an extended file", "paid_on");
    }
    read = session.AddExtended(in, payroll::ExtendedSubmission{key});
  }
  if (!read.ok()) return read.status();
  RETURN_IF_ERROR(session.Close());

  SubmissionOutcome out;
  store::PayrollFile& file = out.file;
  file.employer = employer.id;
  file.month = s.month;
  file.format = format == PayrollFormat::kSif ? "sif" : "extended";
  file.name = name;
  file.digest = HexEncode(crypto::Sha256(content));
  file.size = static_cast<int64_t>(content.size());
  file.lines = static_cast<int64_t>(read->lines);
  file.paid_on = s.paid_on ? s.paid_on->ToString() : "";
  file.submitted_by = a.account;
  RETURN_IF_ERROR(store_.Write(a.account, write, [&](store::WriteTx& tx) -> Status {
    out.findings.clear();
    ASSIGN_OR_RETURN(out.replaced, store::CurrentPayrollFile(tx.conn(), employer.id, s.month));
    file.id = NewIdText("PF", tx.rng());
    file.version = out.replaced ? out.replaced->version + 1 : 1;
    file.current = true;
    file.submitted = tx.now();
    std::vector<store::StoredBalance> balances;
    RETURN_IF_ERROR(StoredRows(tx, nb, session, file.id, employer.id, out.findings, balances));
    file.findings = static_cast<int64_t>(out.findings.size());
    if (out.replaced) RETURN_IF_ERROR(store::RetirePayrollFile(tx.conn(), out.replaced->id));
    RETURN_IF_ERROR(store::InsertPayrollFile(tx.conn(), file, content));
    RETURN_IF_ERROR(store::InsertFindings(tx.conn(), out.findings));
    RETURN_IF_ERROR(store::InsertBalances(tx.conn(), balances));
    json::Object data;
    data.Set("employer", employer.id.value());
    data.Set("month", file.month);
    data.Set("version", file.version);
    data.Set("format", file.format);
    data.Set("name", file.name);
    data.Set("digest", file.digest);
    data.Set("size", file.size);
    data.Set("lines", file.lines);
    data.Set("paid_on", file.paid_on.empty() ? json::Value() : json::Value(file.paid_on));
    data.Set("findings", CountsByCode(out.findings));
    if (out.replaced) {
      data.Set("replaces", out.replaced->id);
      data.Set("replaces_digest", out.replaced->digest);
    } else {
      data.Set("replaces", json::Value());
    }
    RETURN_IF_ERROR(tx.Record(domain::EventType::kPayrollFileSubmitted, file.id, data));
    if (cases_ != nullptr) {
      RETURN_IF_ERROR(TakeDeductionSignals(*cases_, tx, employer.id, out.findings));
    }
    if (out.findings.empty()) return Status::Ok();
    RETURN_IF_ERROR(
        Notify(tx, "authority:" + country, "payroll.findings", file.id, std::move(data)));
    std::map<std::string, std::set<std::string>> codes_of_worker;
    for (const auto& f : out.findings) {
      if (!f.contract.empty()) codes_of_worker[f.worker].insert(f.code);
    }
    for (const auto& [worker, codes] : codes_of_worker) {
      json::Object note;
      note.Set("file", file.id);
      note.Set("month", file.month);
      json::Array list;
      for (const auto& c : codes) list.emplace_back(c);
      note.Set("findings", std::move(list));
      RETURN_IF_ERROR(Notify(tx, "worker:" + worker, "payroll.finding", file.id, std::move(note)));
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace corridor::service
