// Calendar dates and instants, without time zones in the domain.
//
// Date is a proleptic Gregorian civil date (a count of days since 1970-01-01); Timestamp is an
// instant in UTC with millisecond resolution. Both are plain values. Conversions use the
// well-known days-from-civil algorithms, so they need no time-zone database and behave the same
// on every platform.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace corridor {

class Date {
 public:
  constexpr Date() = default;
  static constexpr Date FromDays(int32_t days_since_epoch) { return Date(days_since_epoch); }
  // Checks the calendar: 2025-02-29 is refused.
  static Result<Date> FromYmd(int year, int month, int day);
  // Strict "YYYY-MM-DD".
  static Result<Date> Parse(std::string_view text);

  int32_t days_since_epoch() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  // 0 = Monday ... 6 = Sunday (ISO 8601).
  int iso_weekday() const;

  Date AddDays(int32_t n) const { return Date(days_ + n); }
  // Adds calendar months; the day is clamped to the end of a shorter month (Jan 31 + 1 = Feb 28).
  Date AddMonths(int n) const;
  int32_t DaysUntil(Date later) const { return later.days_ - days_; }

  std::string ToString() const;  // "YYYY-MM-DD"
  auto operator<=>(const Date&) const = default;

 private:
  explicit constexpr Date(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);

class Timestamp {
 public:
  constexpr Timestamp() = default;
  static constexpr Timestamp FromMillis(int64_t ms) { return Timestamp(ms); }
  // RFC 3339 in UTC: "2026-11-29T01:26:26Z" or with ".123" milliseconds.
  static Result<Timestamp> Parse(std::string_view text);

  int64_t millis() const { return ms_; }
  Date date() const;
  Timestamp AddMillis(int64_t ms) const { return Timestamp(ms_ + ms); }
  // Always "YYYY-MM-DDTHH:MM:SS.mmmZ".
  std::string ToString() const;
  auto operator<=>(const Timestamp&) const = default;

 private:
  explicit constexpr Timestamp(int64_t ms) : ms_(ms) {}
  int64_t ms_ = 0;
};

}  // namespace corridor
