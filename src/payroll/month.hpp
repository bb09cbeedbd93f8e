// A calendar month ("2026-03"), the unit of payroll: wages are owed per month and due on a day
// of the following month.
//
// Thread-safety: a plain value.
#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "core/status.hpp"
#include "core/time.hpp"

namespace corridor::payroll {

struct Month {
  int year = 1970;
  int month = 1;  // 1..12

  // Strict "YYYY-MM".
  static Result<Month> Parse(std::string_view text);
  static Month Of(Date d) { return Month{d.year(), d.month()}; }

  Date first_day() const;
  Date last_day() const;
  int days() const { return DaysInMonth(year, month); }
  Month next() const { return month == 12 ? Month{year + 1, 1} : Month{year, month + 1}; }
  Month prev() const { return month == 1 ? Month{year - 1, 12} : Month{year, month - 1}; }
  // Months since year 0, so that differences count months.
  int index() const { return year * 12 + (month - 1); }
  bool Contains(Date d) const { return d >= first_day() && d <= last_day(); }
  std::string ToString() const;  // "YYYY-MM"

  auto operator<=>(const Month&) const = default;
};

}  // namespace corridor::payroll
