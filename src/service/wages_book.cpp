// The registry as the payroll engines see it (the node's contract book), the escalation ladders
// a node is configured with, and what a payroll file is before it is parsed.
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
#include "service/notifier.hpp"
#include "service/wages.hpp"
#include "service/wages_internal.hpp"

namespace corridor::service {

namespace wages_internal {

// The id an employer's payroll files carry: its registration (establishment) number, or its
// Corridor id when the number is not written with the characters a file id may hold.
std::string EmployerKey(const domain::Employer& e) {
  return CheckIdText(e.registration_number).ok() ? e.registration_number : e.id.value();
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

}  // namespace wages_internal

namespace {

using wages_internal::EmployerKey;

Money Cash(const domain::Allowance& a, const std::string& currency) {
  if (a.kind == domain::AllowanceKind::kCash && a.amount) return *a.amount;
  return Money{0, currency};
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

}  // namespace corridor::service
