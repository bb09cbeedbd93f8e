// What follows from the findings: the escalation ladder and the arrears that unlock a worker's
// transfer without notice, docs/formats/payroll.md §5.
//
// Both are pure: the ladder is data (CSV), today's date and the steps already taken are
// parameters, so a daily job calling StepsDue any number of times acts on each step once; the
// arrears accumulator is a value the caller keeps between months.
//
// Thread-safety: values and pure functions; an Arrears is used by one thread at a time.
#pragma once

#include <cstdint>
#include <istream>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/status.hpp"
#include "core/time.hpp"
#include "payroll/month.hpp"
#include "payroll/reconcile.hpp"

namespace corridor::payroll {

struct LadderStep {
  int day = 0;         // days after the due date
  std::string action;  // e.g. "notice_to_employer"
};

// One destination country's ladder, steps in order of day.
struct Ladder {
  std::string country;
  std::vector<LadderStep> steps;
};

// Reads `country,day,action` rows (header required) and returns the ladder of `country`.
// Refuses a country with no step, a negative day and an action named twice.
Result<Ladder> LoadLadderCsv(std::istream& in, std::string_view country);

// A month's wage an employer paid late or not at all.
struct Overdue {
  std::string employer;
  Month month;
  Date due;
  std::optional<Date> paid_on;  // nullopt: still unpaid
};

// Groups unpaid, missing_worker and late findings by employer and month: the earliest due date;
// unpaid until the last late payment, or still unpaid if any worker was not paid at all.
std::vector<Overdue> OverdueFrom(std::span<const Finding> findings);

struct StepTaken {
  std::string employer;
  Month month;
  std::string action;
};

struct StepDue {
  std::string employer;
  Month month;
  int day = 0;
  std::string action;
  Date due_on;  // the day the step became due
  bool already_taken = false;
};

// The steps due by `today` for each overdue month: a step is due when today >= due + day and
// the wage was still unpaid on that day. Sorted by employer, month, day.
std::vector<StepDue> StepsDue(const Ladder& ladder, std::span<const Overdue> overdue, Date today,
                              std::span<const StepTaken> taken);

struct Unlock {
  std::string worker;
  std::string employer;
  Month month;  // the month whose balance made the worker cross the threshold
  int months_in_arrears = 0;
  int64_t outstanding = 0;  // minor units
};

// Arrears per worker and employer: each month's owed − paid, carried until paid, a later
// surplus paying the oldest month first; a surplus beyond all arrears is not carried forward.
class Arrears {
 public:
  explicit Arrears(int unlock_threshold_months) : threshold_(unlock_threshold_months) {}

  // Applies one month's balances; returns the workers who newly reach the threshold.
  std::vector<Unlock> Apply(std::span<const Balance> balances);

  int MonthsInArrears(const std::string& worker, const std::string& employer) const;
  int64_t Outstanding(const std::string& worker, const std::string& employer) const;

 private:
  struct Account {
    std::vector<std::pair<Month, int64_t>> months;  // oldest first, amounts > 0
    bool unlocked = false;
  };
  int threshold_;
  std::map<std::pair<std::string, std::string>, Account> accounts_;
};

}  // namespace corridor::payroll
