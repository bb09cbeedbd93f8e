#include "core/time.hpp"

#include <cstdio>

namespace corridor {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
constexpr int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

struct Civil {
  int year;
  int month;
  int day;
};

constexpr Civil CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

bool ParseDigits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

constexpr int64_t kMillisPerDay = 86'400'000;

}  // namespace

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

Result<Date> Date::FromYmd(int year, int month, int day) {
  if (year < 1 || year > 9999) return Status::InvalidArgument("year must be between 1 and 9999");
  if (month < 1 || month > 12) return Status::InvalidArgument("month must be between 1 and 12");
  if (day < 1 || day > DaysInMonth(year, month)) {
    return Status::InvalidArgument("day " + std::to_string(day) + " does not exist in " +
                                   std::to_string(year) + "-" + (month < 10 ? "0" : "") +
                                   std::to_string(month));
  }
  return Date(static_cast<int32_t>(
      DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day))));
}

Result<Date> Date::Parse(std::string_view text) {
  int y = 0;
  int m = 0;
  int d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !ParseDigits(text, 0, 4, &y) ||
      !ParseDigits(text, 5, 2, &m) || !ParseDigits(text, 8, 2, &d)) {
    return Status::InvalidArgument("must be a date written YYYY-MM-DD");
  }
  return FromYmd(y, m, d);
}

int Date::year() const { return CivilFromDays(days_).year; }
int Date::month() const { return CivilFromDays(days_).month; }
int Date::day() const { return CivilFromDays(days_).day; }

int Date::iso_weekday() const {
  // 1970-01-01 was a Thursday (3 with Monday = 0).
  const int64_t w = (static_cast<int64_t>(days_) + 3) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

Date Date::AddMonths(int n) const {
  const Civil c = CivilFromDays(days_);
  int64_t total = static_cast<int64_t>(c.year) * 12 + (c.month - 1) + n;
  const int y = static_cast<int>(total / 12);
  const int m = static_cast<int>(total % 12) + 1;
  const int d = std::min(c.day, DaysInMonth(y, m));
  return Date(
      static_cast<int32_t>(DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d))));
}

std::string Date::ToString() const {
  const Civil c = CivilFromDays(days_);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

Result<Timestamp> Timestamp::Parse(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS[.fff]Z
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't') || text[13] != ':' ||
      text[16] != ':' || (text.back() != 'Z' && text.back() != 'z')) {
    return Status::InvalidArgument("must be a UTC time written YYYY-MM-DDTHH:MM:SSZ");
  }
  auto date = Date::Parse(text.substr(0, 10));
  if (!date.ok()) return date.status();
  int hh = 0;
  int mm = 0;
  int ss = 0;
  if (!ParseDigits(text, 11, 2, &hh) || !ParseDigits(text, 14, 2, &mm) ||
      !ParseDigits(text, 17, 2, &ss) || hh > 23 || mm > 59 || ss > 59) {
    return Status::InvalidArgument("has an invalid time of day");
  }
  int ms = 0;
  const size_t rest = text.size() - 20;  // characters between seconds and 'Z'
  if (rest > 0) {
    if (text[19] != '.' || rest < 2 || rest > 10) {
      return Status::InvalidArgument("has invalid fractional seconds");
    }
    int frac = 0;
    const size_t digits = rest - 1;
    if (!ParseDigits(text, 20, digits > 3 ? 3 : digits, &frac)) {
      return Status::InvalidArgument("has invalid fractional seconds");
    }
    for (size_t i = 20 + 3; i < 20 + digits; ++i) {
      if (text[i] < '0' || text[i] > '9') {
        return Status::InvalidArgument("has invalid fractional seconds");
      }
    }
    for (size_t i = digits; i < 3; ++i) frac *= 10;
    ms = frac;
  }
  return Timestamp(static_cast<int64_t>(date->days_since_epoch()) * kMillisPerDay +
                   (static_cast<int64_t>(hh) * 3600 + mm * 60 + ss) * 1000 + ms);
}

Date Timestamp::date() const {
  int64_t days = ms_ / kMillisPerDay;
  if (ms_ % kMillisPerDay < 0) --days;
  return Date::FromDays(static_cast<int32_t>(days));
}

std::string Timestamp::ToString() const {
  const Date d = date();
  int64_t in_day = ms_ - static_cast<int64_t>(d.days_since_epoch()) * kMillisPerDay;
  const int ms = static_cast<int>(in_day % 1000);
  in_day /= 1000;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d.%03dZ", d.ToString().c_str(),
                static_cast<int>(in_day / 3600), static_cast<int>(in_day / 60 % 60),
                static_cast<int>(in_day % 60), ms);
  return buf;
}

}  // namespace corridor
