#include "core/money.hpp"

#include <array>
#include <utility>

namespace corridor {
namespace {

struct CurrencyInfo {
  std::string_view code;
  int exponent;
};

// The corridor currencies (origin and destination countries) and a few reference currencies.
constexpr std::array<CurrencyInfo, 24> kCurrencies{{
    {"AED", 2}, {"BDT", 2}, {"BHD", 3}, {"EUR", 2}, {"ETB", 2}, {"GBP", 2}, {"IDR", 2}, {"INR", 2},
    {"JOD", 3}, {"KES", 2}, {"KWD", 3}, {"LBP", 2}, {"LKR", 2}, {"MYR", 2}, {"NPR", 2}, {"OMR", 3},
    {"PHP", 2}, {"PKR", 2}, {"QAR", 2}, {"SAR", 2}, {"UGX", 0}, {"USD", 2}, {"VND", 0}, {"GHS", 2},
}};

__extension__ typedef __int128 Int128;

constexpr int64_t kMaxMajor = 1'000'000'000'000'000;  // 10^15

}  // namespace

std::optional<int> CurrencyExponent(std::string_view code) {
  for (const auto& c : kCurrencies) {
    if (c.code == code) return c.exponent;
  }
  return std::nullopt;
}

Result<Money> Money::Parse(std::string_view amount, std::string_view currency) {
  const auto exponent = CurrencyExponent(currency);
  if (!exponent) {
    return Status::InvalidArgument("unknown currency '" + std::string(currency) +
                                   "' (an ISO 4217 code such as KWD or NPR)");
  }
  if (amount.empty()) return Status::InvalidArgument("an amount is required");
  int64_t major = 0;
  size_t i = 0;
  for (; i < amount.size() && amount[i] != '.'; ++i) {
    const char c = amount[i];
    if (c < '0' || c > '9') {
      return Status::InvalidArgument("amount '" + std::string(amount) +
                                     "' must be digits with an optional decimal point");
    }
    major = major * 10 + (c - '0');
    if (major >= kMaxMajor) return Status::InvalidArgument("amount is too large");
  }
  if (i == 0) return Status::InvalidArgument("amount must start with a digit");
  int64_t frac = 0;
  int decimals = 0;
  if (i < amount.size()) {
    ++i;  // '.'
    if (i == amount.size()) return Status::InvalidArgument("amount ends with a decimal point");
    for (; i < amount.size(); ++i) {
      const char c = amount[i];
      if (c < '0' || c > '9') {
        return Status::InvalidArgument("amount '" + std::string(amount) +
                                       "' must be digits with an optional decimal point");
      }
      if (++decimals > *exponent) {
        return Status::InvalidArgument(std::string(currency) + " amounts have at most " +
                                       std::to_string(*exponent) + " decimals");
      }
      frac = frac * 10 + (c - '0');
    }
  }
  int64_t scale = 1;
  for (int k = 0; k < *exponent; ++k) scale *= 10;
  for (int k = decimals; k < *exponent; ++k) frac *= 10;
  return Money{major * scale + frac, std::string(currency)};
}

std::string Money::AmountText() const {
  const int exponent = CurrencyExponent(currency).value_or(2);
  int64_t scale = 1;
  for (int k = 0; k < exponent; ++k) scale *= 10;
  const bool negative = minor < 0;
  const uint64_t abs =
      negative ? static_cast<uint64_t>(-(minor + 1)) + 1 : static_cast<uint64_t>(minor);
  std::string out = negative ? "-" : "";
  out += std::to_string(abs / static_cast<uint64_t>(scale));
  if (exponent > 0) {
    std::string frac = std::to_string(abs % static_cast<uint64_t>(scale));
    out += '.';
    out.append(static_cast<size_t>(exponent) - frac.size(), '0');
    out += frac;
  }
  return out;
}

std::string Money::ToString() const { return AmountText() + " " + currency; }

Money ProRata(const Money& m, int64_t numerator, int64_t denominator) {
  if (denominator <= 0) return m;
  const Int128 product = static_cast<Int128>(m.minor) * numerator;
  Int128 q = product / denominator;
  const Int128 r = product % denominator;
  if (2 * (r < 0 ? -r : r) >= denominator) q += (product < 0 ? -1 : 1);
  return Money{static_cast<int64_t>(q), m.currency};
}

}  // namespace corridor
