// The table of an enumeration's names, as a record's JSON and the API spell them, and the two
// look-ups every domain file with such a table needs: a value's name and a name's value. A name
// that is not in the table is refused with the names that are, so the caller's error says what
// it could have written.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace corridor::domain {

template <typename E>
struct Named {
  E value;
  std::string_view name;
};

// The name of `value`; "?" for a value the table lacks (a table's test proves none is lacking).
template <typename E, std::size_t N>
std::string_view NameOf(const Named<E> (&table)[N], E value) {
  for (const auto& n : table) {
    if (n.value == value) return n.name;
  }
  return "?";
}

// The value named `text`, or InvalidArgument "'text' is not WHAT (name, name, ...)".
template <typename E, std::size_t N>
Result<E> ParseNamed(const Named<E> (&table)[N], std::string_view text, std::string_view what) {
  for (const auto& n : table) {
    if (n.name == text) return n.value;
  }
  std::string names;
  for (const auto& n : table) names += (names.empty() ? "" : ", ") + std::string(n.name);
  return Status::InvalidArgument("'" + std::string(text) + "' is not " + std::string(what) + " (" +
                                 names + ")");
}

}  // namespace corridor::domain
