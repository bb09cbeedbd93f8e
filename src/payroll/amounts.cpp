#include "payroll/amounts.hpp"

namespace corridor::payroll {

namespace {
__extension__ typedef __int128 Int128;

constexpr int64_t kPow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
}  // namespace

bool ParseFixed(std::string_view s, int decimals, int64_t* out) {
  if (s.empty() || decimals < 0 || decimals > 6) return false;
  int64_t major = 0;
  size_t i = 0;
  for (; i < s.size() && s[i] != '.'; ++i) {
    const char c = s[i];
    if (c < '0' || c > '9') return false;
    major = major * 10 + (c - '0');
    if (major > kMaxMajorUnits) return false;
  }
  if (i == 0) return false;
  int64_t frac = 0;
  int n = 0;
  if (i < s.size()) {
    ++i;
    if (i == s.size()) return false;
    for (; i < s.size(); ++i) {
      const char c = s[i];
      if (c < '0' || c > '9' || ++n > decimals) return false;
      frac = frac * 10 + (c - '0');
    }
  }
  *out = major * kPow10[decimals] + frac * kPow10[decimals - n];
  return true;
}

bool ParseCount(std::string_view s, int max_digits, int64_t* out) {
  if (s.empty() || s.size() > static_cast<size_t>(max_digits)) return false;
  int64_t v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

int64_t MulDivFloor(int64_t a, int64_t b, int64_t c) {
  return static_cast<int64_t>(static_cast<Int128>(a) * b / c);
}

std::string FormatFixed(int64_t units, int decimals) {
  const bool negative = units < 0;
  const uint64_t abs =
      negative ? static_cast<uint64_t>(-(units + 1)) + 1 : static_cast<uint64_t>(units);
  const auto scale = static_cast<uint64_t>(kPow10[decimals]);
  std::string out = negative ? "-" : "";
  out += std::to_string(abs / scale);
  if (decimals > 0) {
    const std::string frac = std::to_string(abs % scale);
    out += '.';
    out.append(static_cast<size_t>(decimals) - frac.size(), '0');
    out += frac;
  }
  return out;
}

}  // namespace corridor::payroll
