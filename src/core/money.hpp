// Money as an exact count of the currency's minor unit (fils, paisa, halala), never a float.
//
// The number of decimals comes from ISO 4217 for the currencies of the corridors Corridor serves
// (KWD, BHD, OMR and JOD have three; most others two). Amounts are written as decimal text
// with exactly that many decimals ("350.000 KWD").
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace corridor {

// Decimals of the minor unit, or nullopt for a currency code Corridor does not know.
std::optional<int> CurrencyExponent(std::string_view code);

struct Money {
  int64_t minor = 0;     // count of minor units
  std::string currency;  // ISO 4217 alphabetic code

  // Parses "350", "350.5" or "350.500" in `currency`; refuses more decimals than the currency has,
  // signs, exponents and amounts beyond 10^15 major units.
  static Result<Money> Parse(std::string_view amount, std::string_view currency);
  // "350.500" (no currency code).
  std::string AmountText() const;
  // "350.500 KWD".
  std::string ToString() const;

  bool operator==(const Money&) const = default;
};

// Scales `m` by numerator/denominator, rounding half away from zero (pro-rata pay).
Money ProRata(const Money& m, int64_t numerator, int64_t denominator);

}  // namespace corridor
