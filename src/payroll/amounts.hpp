// Exact, allocation-free parsing and arithmetic of the numbers in payroll files.
//
// Amounts are counts of the currency's minor unit. Parsing refuses signs, exponents, thousands
// separators and more decimals than allowed. Expected amounts are rounded down (in the
// employer's favour) so that `paid < expected` always means a real underpayment.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace corridor::payroll {

// Largest accepted amount: 10^12 major units (keeps every sum of a line far from overflow).
inline constexpr int64_t kMaxMajorUnits = 1'000'000'000'000;

// Parses "1234", "1234.5" or "1234.50" with at most `decimals` decimals into units of
// 10^-decimals. Returns false for anything else (empty, sign, ".5", "5.", too large).
bool ParseFixed(std::string_view s, int decimals, int64_t* out);

// Parses 1..max_digits ASCII digits.
bool ParseCount(std::string_view s, int max_digits, int64_t* out);

// floor(a * b / c) computed exactly; requires a, b >= 0 and c > 0.
int64_t MulDivFloor(int64_t a, int64_t b, int64_t c);

// "1234.50" for minor = 123450 and decimals = 2.
std::string FormatFixed(int64_t units, int decimals);

}  // namespace corridor::payroll
