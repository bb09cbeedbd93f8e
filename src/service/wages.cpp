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

namespace corridor::service {
namespace {

using domain::Actor;
using domain::Role;

Status Notify(store::WriteTx& tx, std::string recipient, std::string_view type,
              std::string_view subject, json::Value data) {
  store::Notification n;
  n.id = NewIdText("M", tx.rng());
  n.recipient = std::move(recipient);
  n.type = std::string(type);
  n.subject = std::string(subject);
  n.time = tx.now();
  n.data = std::move(data);
  return tx.InsertNotification(n);
}

// Reads a string without copying it.
class ViewBuffer final : public std::streambuf {
 public:
  explicit ViewBuffer(std::string_view v) {
    char* p = const_cast<char*>(v.data());
    setg(p, p, p + v.size());
  }
};

// The id an employer's payroll files carry: its registration (establishment) number, or its
// Corridor id when the number is not written with the characters a file id may hold.
std::string EmployerKey(const domain::Employer& e) {
  return CheckIdText(e.registration_number).ok() ? e.registration_number : e.id.value();
}

Money Cash(const domain::Allowance& a, const std::string& currency) {
  if (a.kind == domain::AllowanceKind::kCash && a.amount) return *a.amount;
  return Money{0, currency};
}

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

std::string MonthText(const payroll::Month& m) { return m.ToString(); }

// The day a month's wages are due: `due_day` of the following month, clamped to its length.
Date DueDate(const payroll::Month& m, int due_day, int grace_days) {
  const payroll::Month next = m.next();
  const int day = std::min(due_day, next.days());
  return next.first_day().AddDays(day - 1 + grace_days);
}

json::Value FindingDoc(const payroll::Finding& f, const std::string& file_id,
                       const EmployerId& employer, const std::string& worker) {
  json::Object o;
  o.Set("file", file_id);
  o.Set("code", std::string(payroll::FindingCodeName(f.code)));
  o.Set("worker", worker);
  o.Set("contract", f.contract.empty() ? json::Value() : json::Value(f.contract));
  o.Set("employer", employer.value());
  o.Set("month", f.month.ToString());
  o.Set("expected", f.ExpectedText());
  o.Set("actual", f.ActualText());
  o.Set("currency", f.currency);
  o.Set("due", f.contract.empty() ? json::Value() : json::Value(f.due.ToString()));
  o.Set("line", static_cast<int64_t>(f.line));
  o.Set("rule", f.rule);
  return o;
}

const std::string& DocText(const json::Value& doc, const char* key) {
  static const std::string kEmpty;
  const json::Value* v = doc.Get(key);
  return v != nullptr && v->is_string() ? v->AsString() : kEmpty;
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

json::Value CountsByCode(const std::vector<store::StoredFinding>& findings) {
  std::map<std::string, int64_t> counts;
  for (const auto& f : findings) ++counts[f.code];
  json::Object o;
  for (const auto& [code, n] : counts) o.Set(code, n);
  return o;
}

bool IsDestinationOfficer(const Actor& a, const std::string& country) {
  return a.role == Role::kSystem || (a.role == Role::kDestinationOfficer && a.country == country);
}

}  // namespace

Result<std::map<std::string, payroll::Ladder>> LoadLadders(std::istream& in) {
  std::ostringstream all;
  all << in.rdbuf();
  const std::string text = all.str();
  std::set<std::string> countries;
  {
    std::istringstream scan(text);
    CsvReader csv(scan);
    std::vector<std::string> row;
    bool header = true;
    for (;;) {
      ASSIGN_OR_RETURN(bool more, csv.Next(row));
      if (!more) break;
      if (header) {
        header = false;
        if (row.empty() || row[0] != "country") {
          return Status::InvalidArgument("line 1: the header must start with country", "country");
        }
        continue;
      }
      if (!row.empty() && !row[0].empty()) countries.insert(row[0]);
    }
  }
  std::map<std::string, payroll::Ladder> out;
  for (const auto& country : countries) {
    std::istringstream again(text);
    ASSIGN_OR_RETURN(out[country], payroll::LoadLadderCsv(again, country));
  }
  return out;
}

Result<NodeBook> BuildBook(store::ReadTx& tx, const std::string& country, payroll::Month month,
                           const std::optional<EmployerId>& employer) {
  NodeBook nb;
  auto add_employer = [&](const domain::Employer& e) {
    const std::string key = EmployerKey(e);
    nb.employer_of_key.emplace(key, e.id);
    nb.key_of_employer.emplace(e.id.value(), key);
  };
  if (employer) {
    ASSIGN_OR_RETURN(auto e, tx.GetEmployer(*employer));
    add_employer(e);
  } else {
    store::Page page{"", 1000};
    for (;;) {
      ASSIGN_OR_RETURN(auto list, tx.ListEmployers(country, page));
      for (const auto& e : list) add_employer(e);
      if (list.size() < 1000) break;
      page.after = list.back().id.value();
    }
  }
  ASSIGN_OR_RETURN(auto found_rules, tx.FindCountryRules(country));
  domain::CountryRules rules = found_rules ? *found_rules : domain::CountryRules{};
  const Date first = month.first_day();
  const Date last = month.last_day();
  RETURN_IF_ERROR(store::ForEachPayrollContract(
      tx.conn(), country, employer,
      [&](const domain::Contract& c, const std::string& person) -> Status {
        // Wages are owed from the contract's start, or from the permit if it came later.
        const Date start = c.active_from && *c.active_from > c.terms.start_date
                               ? *c.active_from
                               : c.terms.start_date;
        Date end = c.terms.end_date().AddDays(-1);
        if (c.ended_on && *c.ended_on < end) end = *c.ended_on;
        if (end < first || start > last) return Status::Ok();
        const std::string& currency = c.terms.basic_wage.currency;
        payroll::ContractTerms t;
        t.contract_id = c.id.value();
        t.worker_id = c.terms.worker.value();
        // A worker without a person number yet can be paid through an extended file only.
        t.person_id = person.empty() ? c.terms.worker.value() : person;
        auto key = nb.key_of_employer.find(c.terms.employer.value());
        t.employer_id = key == nb.key_of_employer.end() ? c.terms.employer.value() : key->second;
        t.country = c.terms.destination_country;
        t.isco_code = c.terms.isco_code;
        t.basic = c.terms.basic_wage;
        t.housing = Cash(c.terms.housing, currency);
        t.food = Cash(c.terms.food, currency);
        t.transport = Cash(c.terms.transport, currency);
        t.other = Money{0, currency};
        t.hours_per_day_centi = c.terms.hours_per_day * 100;
        t.days_per_week = c.terms.days_per_week;
        t.overtime_rate_milli = c.terms.overtime_percent * 10;
        t.start = start;
        t.end = end;
        t.payment_due_day = rules.payment_due_day;
        t.max_deduction_percent = rules.max_deduction_percent;
        Status s = nb.book.Add(t);
        if (!s.ok()) return s.WithContext("contract " + c.id.value());
        nb.origin_of_worker[t.worker_id] = c.terms.origin_country;
        if (nb.currency.empty()) nb.currency = currency;
        return Status::Ok();
      }));
  // The floors in force on the month's first day, per occupation ("*": every other one).
  ASSIGN_OR_RETURN(auto floors, tx.ListWageFloors(country));
  std::map<std::string, domain::WageFloor> in_force;
  for (const auto& f : floors) {
    if (f.effective_from > first) continue;
    auto it = in_force.find(f.isco_code);
    if (it == in_force.end() || it->second.effective_from < f.effective_from) {
      in_force[f.isco_code] = f;
    }
  }
  for (const auto& [isco, f] : in_force) {
    RETURN_IF_ERROR(nb.book.AddFloor(
        payroll::WageFloor{country, isco.empty() ? std::string("*") : isco, f.minimum}));
  }
  RETURN_IF_ERROR(nb.book.Build());
  return nb;
}

PayrollFormat DetectFormat(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  const std::string_view first = head.substr(0, 4);
  if (first == "EDR," || first == "EVP," || first == "SCR,") return PayrollFormat::kSif;
  return PayrollFormat::kExtended;
}

namespace {

std::vector<std::string_view> SplitCommas(std::string_view line) {
  std::vector<std::string_view> out;
  for (;;) {
    const size_t comma = line.find(',');
    out.push_back(line.substr(0, comma));
    if (comma == std::string_view::npos) return out;
    line.remove_prefix(comma + 1);
  }
}

std::string_view FirstLine(std::string_view s) {
  s = s.substr(0, s.find('\n'));
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

}  // namespace

PayrollFileFacts SniffPayroll(std::string_view head, std::string_view tail) {
  PayrollFileFacts facts;
  facts.format = DetectFormat(head);
  if (facts.format == PayrollFormat::kSif) {
    while (!tail.empty() && (tail.back() == '\n' || tail.back() == '\r')) tail.remove_suffix(1);
    const size_t start = tail.rfind('\n');
    const auto f = SplitCommas(start == std::string_view::npos ? tail : tail.substr(start + 1));
    if (f.size() != 10 || f[0] != "SCR") return facts;
    facts.employer_id = std::string(f[1]);
    if (auto d = Date::Parse(f[3]); d.ok()) facts.created = *d;
    if (f[5].size() == 6)
      facts.month = std::string(f[5].substr(2)) + "-" + std::string(f[5].substr(0, 2));
    facts.currency = std::string(f[8]);
    return facts;
  }
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  const std::string_view header = FirstLine(head);
  if (header.size() >= head.size()) return facts;
  const auto columns = SplitCommas(header);
  const auto values = SplitCommas(FirstLine(head.substr(header.size() + 1)));
  for (size_t i = 0; i < columns.size() && i < values.size(); ++i) {
    if (columns[i] == "month") facts.month = std::string(values[i]);
  }
  return facts;
}

Wages::Wages(store::Store& store, WagesConfig config) : store_(store), config_(std::move(config)) {}

Result<SubmissionOutcome> Wages::SubmitFile(const Actor& a, const Submission& s,
                                            std::string_view content) {
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
  RETURN_IF_ERROR(store_.Write(a.account, [&](store::WriteTx& tx) -> Status {
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
    RETURN_IF_ERROR(tx.Record("payroll.file_submitted", file.id, data));
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
      for (const auto& c : codes) list.push_back(c);
      note.Set("findings", std::move(list));
      RETURN_IF_ERROR(Notify(tx, "worker:" + worker, "payroll.finding", file.id, std::move(note)));
    }
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<store::PayrollFile>> Wages::ListFiles(const Actor& a,
                                                         const std::optional<EmployerId>& employer,
                                                         const std::string& month, int limit,
                                                         int offset) {
  std::optional<EmployerId> scope = employer;
  if (a.role == Role::kEmployer) {
    if (employer && employer != a.employer) return std::vector<store::PayrollFile>();
    scope = a.employer;
  } else if (!IsDestinationOfficer(a, store_.identity().country)) {
    return Status::PermissionDenied(
        "only the employer and the destination authority list "
        "payroll files");
  }
  if (!month.empty() && !payroll::Month::Parse(month).ok()) {
    return Status::InvalidArgument("must be YYYY-MM", "month");
  }
  std::vector<store::PayrollFile> out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(out, store::ListPayrollFiles(tx.conn(), scope, month, false, limit, offset));
    return Status::Ok();
  }));
  return out;
}

Result<FileReport> Wages::Report(const Actor& a, const std::string& file_id) {
  FileReport out;
  const Status missing = Status::NotFound("payroll file " + file_id + " does not exist");
  if (!CheckIdText(file_id).ok()) return missing;
  bool found = false;
  std::vector<store::StoredBalance> balances;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto file, store::GetPayrollFile(tx.conn(), file_id));
    if (!file) return Status::Ok();
    found = true;
    out.file = std::move(*file);
    ASSIGN_OR_RETURN(out.findings, store::ListFindings(tx.conn(), file_id));
    ASSIGN_OR_RETURN(balances, store::FileBalances(tx.conn(), file_id));
    return Status::Ok();
  }));
  if (!found) return missing;
  const std::string country = store_.identity().country;
  if (IsDestinationOfficer(a, country) ||
      (a.role == Role::kEmployer && a.employer == out.file.employer)) {
    out.lines = std::move(balances);
    return out;
  }
  auto keep = [&](auto pred) {
    std::erase_if(out.findings, [&](const store::StoredFinding& f) { return !pred(f); });
  };
  if (a.role == Role::kEmbassy) {
    keep([&](const store::StoredFinding& f) { return f.origin_country == a.country; });
    if (out.findings.empty()) return missing;
    return out;
  }
  if (a.role == Role::kWorker && a.worker) {
    keep([&](const store::StoredFinding& f) { return f.worker == a.worker->value(); });
    for (auto& b : balances) {
      if (b.worker == *a.worker) out.lines.push_back(std::move(b));
    }
    if (out.findings.empty() && out.lines.empty()) return missing;
    return out;
  }
  return missing;
}

Result<WageHistory> Wages::WorkerHistory(const Actor& a, const WorkerId& worker) {
  WageHistory out;
  const Status missing = Status::NotFound("worker " + worker.value() + " does not exist");
  if (!CheckIdText(worker.value()).ok()) return missing;
  std::vector<store::StoredBalance> balances;
  std::vector<store::TransferUnlock> unlocks;
  bool found = false;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    auto w = tx.GetWorker(worker);
    if (!w.ok()) return w.status().code() == Code::kNotFound ? Status::Ok() : w.status();
    found = true;
    out.worker = std::move(*w);
    ASSIGN_OR_RETURN(balances, store::CurrentBalances(tx.conn(), worker));
    ASSIGN_OR_RETURN(unlocks, store::ListTransferUnlocks(tx.conn()));
    return Status::Ok();
  }));
  if (!found) return missing;
  const std::string country = store_.identity().country;
  std::optional<EmployerId> only;
  if (a.role == Role::kWorker) {
    if (a.worker != worker) return missing;
  } else if (a.role == Role::kEmbassy) {
    if (a.country != out.worker.nationality) return missing;
  } else if (a.role == Role::kEmployer && a.employer) {
    only = a.employer;
  } else if (!IsDestinationOfficer(a, country)) {
    return missing;
  }
  if (only) {
    std::erase_if(balances, [&](const store::StoredBalance& b) { return b.employer != *only; });
    if (balances.empty()) return missing;
  }
  // Arrears carried month by month per employer, as the daily job counts them.
  std::map<std::string, payroll::Arrears> arrears;
  for (size_t i = 0; i < balances.size();) {
    const std::string month = balances[i].month;
    std::map<std::string, std::vector<payroll::Balance>> of_employer;
    std::map<std::string, WageMonth> rows;
    size_t j = i;
    for (; j < balances.size() && balances[j].month == month; ++j) {
      const auto& b = balances[j];
      payroll::Balance pb;
      pb.worker = b.worker.value();
      pb.employer = b.employer.value();
      pb.month = *payroll::Month::Parse(b.month);
      pb.owed = b.owed;
      pb.paid = b.paid;
      pb.currency = b.currency;
      pb.decimals = CurrencyExponent(b.currency).value_or(2);
      of_employer[pb.employer].push_back(pb);
      WageMonth& row = rows[pb.employer];
      row.month = month;
      row.employer = b.employer;
      row.currency = b.currency;
      row.expected += b.owed;
      row.paid += b.paid;
    }
    for (auto& [employer, list] : of_employer) {
      auto it = arrears.try_emplace(employer, config_.unlock_months).first;
      (void)it->second.Apply(list);
      rows[employer].arrears = it->second.Outstanding(worker.value(), employer);
      out.months.push_back(rows[employer]);
    }
    i = j;
  }
  for (auto& u : unlocks) {
    if (u.worker == worker && (!only || u.employer == *only)) out.unlocks.push_back(std::move(u));
  }
  return out;
}

Result<ComplianceHistory> Wages::EmployerCompliance(const Actor& a, const EmployerId& employer) {
  ComplianceHistory out;
  const Status missing = Status::NotFound("employer " + employer.value() + " does not exist");
  if (!CheckIdText(employer.value()).ok()) return missing;
  if (!IsDestinationOfficer(a, store_.identity().country) &&
      !(a.role == Role::kEmployer && a.employer == employer)) {
    return missing;
  }
  bool found = false;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    auto e = tx.GetEmployer(employer);
    if (!e.ok()) return e.status().code() == Code::kNotFound ? Status::Ok() : e.status();
    found = true;
    out.employer = std::move(*e);
    ASSIGN_OR_RETURN(auto files, store::ListPayrollFiles(tx.conn(), employer, "", true, 120, 0));
    for (auto& f : files) {
      ComplianceMonth m;
      ASSIGN_OR_RETURN(auto findings, store::ListFindings(tx.conn(), f.id));
      for (const auto& x : findings) ++m.findings_by_code[x.code];
      ASSIGN_OR_RETURN(auto balances, store::FileBalances(tx.conn(), f.id));
      for (const auto& b : balances) {
        if (b.paid < b.owed) {
          ++m.workers_short;
          m.shortfall[b.currency] += b.owed - b.paid;
        }
      }
      m.file = std::move(f);
      out.months.push_back(std::move(m));
    }
    ASSIGN_OR_RETURN(out.steps, store::ListEscalationSteps(tx.conn(), employer));
    return Status::Ok();
  }));
  if (!found) return missing;
  return out;
}

// ---------------------------------------------------------------------------------------------
// The daily job

Result<JobReport> Wages::RunDailyJobs(Timestamp now) {
  JobReport report;
  const Date today = now.date();
  RETURN_IF_ERROR(CloseMonthsWithoutFile(today, report));
  RETURN_IF_ERROR(ApplyLadder(today, report));
  RETURN_IF_ERROR(ApplyArrears(report));
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
        RETURN_IF_ERROR(tx.Record("payroll.month_closed_without_file", file.id, data));
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
      RETURN_IF_ERROR(tx.Record("wages.escalation_step", d->employer, data));
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
      RETURN_IF_ERROR(tx.Record("wages.permits_suspension_lifted", s->employer.value(), data));
      RETURN_IF_ERROR(Notify(tx, "employer:" + s->employer.value(),
                             "wages.permits_suspension_lifted", s->employer.value(),
                             std::move(data)));
    }
    report.steps_taken += static_cast<int>(fresh.size());
    report.suspensions_lifted += static_cast<int>(lift.size());
    return Status::Ok();
  });
}

Status Wages::ApplyArrears(JobReport& report) {
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
      data.Set("contract", std::move(contract));
      data.Set("months_in_arrears", u.months);
      data.Set("outstanding",
               payroll::FormatFixed(u.outstanding, CurrencyExponent(u.currency).value_or(2)));
      data.Set("currency", u.currency);
      data.Set("note", "wage arrears waive the notice of a job change away from this employer");
      RETURN_IF_ERROR(tx.Record("wages.transfer_unlocked", u.worker.value(), data));
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
      RETURN_IF_ERROR(tx.Record("wages.transfer_unlock_ended", u.worker.value(), data));
      RETURN_IF_ERROR(Notify(tx, "worker:" + u.worker.value(), "wages.transfer_unlock_ended",
                             u.worker.value(), std::move(data)));
    }
    report.unlocked += static_cast<int>(start.size());
    report.unlocks_ended += static_cast<int>(end.size());
    return Status::Ok();
  });
}

}  // namespace corridor::service
