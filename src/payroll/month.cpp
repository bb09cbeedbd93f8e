#include "payroll/month.hpp"

#include <cstdio>

namespace corridor::payroll {

Result<Month> Month::Parse(std::string_view t) {
  auto digits = [&](size_t from, size_t n, int* out) {
    int v = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return false;
      v = v * 10 + (t[i] - '0');
    }
    *out = v;
    return true;
  };
  Month m;
  if (t.size() != 7 || t[4] != '-' || !digits(0, 4, &m.year) || !digits(5, 2, &m.month) ||
      m.year < 1 || m.month < 1 || m.month > 12) {
    return Status::InvalidArgument("must be a month written YYYY-MM");
  }
  return m;
}

Date Month::first_day() const { return Date::FromYmd(year, month, 1).value(); }

Date Month::last_day() const { return Date::FromYmd(year, month, days()).value(); }

std::string Month::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

}  // namespace corridor::payroll
