#include "payroll/consequences.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "core/csv.hpp"
#include "core/ids.hpp"
#include "payroll/amounts.hpp"

namespace corridor::payroll {

Result<Ladder> LoadLadderCsv(std::istream& in, std::string_view country) {
  CsvReader reader(in, CsvReader::Options{.skip_comment_lines = true});
  std::vector<std::string> row;
  ASSIGN_OR_RETURN(bool any, reader.Next(row));
  if (!any) return Status::InvalidArgument("line 1: the header row is missing");
  ASSIGN_OR_RETURN(CsvHeader h, CsvHeader::From(row, {"country", "day", "action"}, {}));
  Ladder ladder;
  ladder.country = country;
  for (;;) {
    ASSIGN_OR_RETURN(bool more, reader.Next(row));
    if (!more) break;
    const std::string line = "line " + std::to_string(reader.record_line()) + ": ";
    if (row.size() != h.size()) return Status::InvalidArgument(line + "wrong number of fields");
    if (h.Get(row, "country") != country) continue;
    int64_t day = 0;
    if (!ParseCount(h.Get(row, "day"), 4, &day)) {
      return Status::InvalidArgument(line + "day: must be a number of days", "day");
    }
    LadderStep step{static_cast<int>(day), std::string(h.Get(row, "action"))};
    Status s = CheckIdText(step.action);
    if (!s.ok()) return Status::InvalidArgument(line + "action: " + s.message(), "action");
    for (const auto& other : ladder.steps) {
      if (other.action == step.action) {
        return Status::InvalidArgument(line + "action: '" + step.action + "' is named twice",
                                       "action");
      }
    }
    ladder.steps.push_back(std::move(step));
  }
  if (ladder.steps.empty()) {
    return Status::NotFound("the ladder has no step for country " + std::string(country));
  }
  std::stable_sort(ladder.steps.begin(), ladder.steps.end(),
                   [](const LadderStep& a, const LadderStep& b) { return a.day < b.day; });
  return ladder;
}

std::vector<Overdue> OverdueFrom(std::span<const Finding> findings) {
  std::map<std::pair<std::string, Month>, Overdue> groups;
  std::set<std::pair<std::string, Month>> unresolved;
  for (const Finding& f : findings) {
    const bool unpaid = f.code == FindingCode::kUnpaid || f.code == FindingCode::kMissingWorker;
    if (!unpaid && f.code != FindingCode::kLate) continue;
    const auto key = std::make_pair(f.employer, f.month);
    auto [it, fresh] = groups.try_emplace(key, Overdue{f.employer, f.month, f.due, std::nullopt});
    Overdue& o = it->second;
    if (f.due < o.due) o.due = f.due;
    if (unpaid) {
      unresolved.insert(key);
    } else {
      const Date paid = Date::FromDays(static_cast<int32_t>(f.actual));
      if (!o.paid_on || paid > *o.paid_on) o.paid_on = paid;
    }
  }
  std::vector<Overdue> out;
  out.reserve(groups.size());
  for (auto& [key, o] : groups) {
    if (unresolved.count(key)) o.paid_on.reset();
    out.push_back(std::move(o));
  }
  return out;
}

std::vector<StepDue> StepsDue(const Ladder& ladder, std::span<const Overdue> overdue, Date today,
                              std::span<const StepTaken> taken) {
  std::vector<StepDue> out;
  for (const Overdue& o : overdue) {
    for (const LadderStep& step : ladder.steps) {
      const Date due_on = o.due.AddDays(step.day);
      if (today < due_on) continue;
      // A wage paid before the step's day stops the ladder there (day 0: paid after the due).
      if (o.paid_on && o.due.DaysUntil(*o.paid_on) < std::max(step.day, 1)) continue;
      StepDue s{o.employer, o.month, step.day, step.action, due_on, false};
      for (const StepTaken& t : taken) {
        if (t.employer == o.employer && t.month == o.month && t.action == step.action) {
          s.already_taken = true;
        }
      }
      out.push_back(std::move(s));
    }
  }
  std::sort(out.begin(), out.end(), [](const StepDue& a, const StepDue& b) {
    return std::tie(a.employer, a.month, a.day, a.action) <
           std::tie(b.employer, b.month, b.day, b.action);
  });
  return out;
}

std::vector<Unlock> Arrears::Apply(std::span<const Balance> balances) {
  std::vector<Unlock> out;
  for (const Balance& b : balances) {
    Account& a = accounts_[{b.worker, b.employer}];
    if (b.owed > b.paid) {
      auto it = std::find_if(a.months.begin(), a.months.end(),
                             [&](const auto& m) { return m.first == b.month; });
      if (it != a.months.end()) {
        it->second += b.owed - b.paid;
      } else {
        a.months.emplace_back(b.month, b.owed - b.paid);
        std::sort(a.months.begin(), a.months.end());
      }
    } else {
      int64_t surplus = b.paid - b.owed;  // pays the oldest month first
      while (surplus > 0 && !a.months.empty()) {
        auto& oldest = a.months.front();
        const int64_t take = std::min(surplus, oldest.second);
        oldest.second -= take;
        surplus -= take;
        if (oldest.second == 0) a.months.erase(a.months.begin());
      }
    }
    const int months = static_cast<int>(a.months.size());
    if (months >= threshold_ && !a.unlocked) {
      a.unlocked = true;
      int64_t total = 0;
      for (const auto& m : a.months) total += m.second;
      out.push_back(Unlock{b.worker, b.employer, b.month, months, total});
    } else if (months < threshold_) {
      a.unlocked = false;
    }
  }
  return out;
}

int Arrears::MonthsInArrears(const std::string& worker, const std::string& employer) const {
  auto it = accounts_.find({worker, employer});
  return it == accounts_.end() ? 0 : static_cast<int>(it->second.months.size());
}

int64_t Arrears::Outstanding(const std::string& worker, const std::string& employer) const {
  auto it = accounts_.find({worker, employer});
  if (it == accounts_.end()) return 0;
  int64_t total = 0;
  for (const auto& m : it->second.months) total += m.second;
  return total;
}

}  // namespace corridor::payroll
