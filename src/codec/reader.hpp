// Reads a JSON object field by field into domain values, remembering the first problem with its
// full field path ("terms.housing.amount"), and refusing fields it does not know. Decoders stay
// short: read every field, then return Finish().
//
// Thread-safety: one reader per decode.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/money.hpp"
#include "core/status.hpp"
#include "core/time.hpp"
#include "json/json.hpp"

namespace corridor::codec {

class ObjectReader {
 public:
  // `path` is the prefix for field names in errors ("" at the top).
  ObjectReader(const json::Value& value, std::string path);

  bool ok() const { return status_.ok(); }
  // True when the object holds `key` (and it is not null).
  bool Has(std::string_view key);

  std::string String(std::string_view key);          // required
  std::string OptionalString(std::string_view key);  // "" when absent or null
  int Int(std::string_view key, int lo, int hi);     // required, in [lo, hi]
  std::optional<int64_t> OptionalInt64(std::string_view key);
  int64_t Int64(std::string_view key);
  bool Bool(std::string_view key);
  Date DateField(std::string_view key);
  std::optional<Date> OptionalDate(std::string_view key);
  Timestamp TimestampField(std::string_view key);
  std::optional<Timestamp> OptionalTimestamp(std::string_view key);
  Money MoneyField(std::string_view key);
  std::optional<Money> OptionalMoney(std::string_view key);
  std::vector<std::string> StringList(std::string_view key);
  // The raw member (nullptr if absent), marked as known.
  const json::Value* Raw(std::string_view key);
  // A nested object's path, for a nested reader.
  std::string Path(std::string_view key) const;

  // Parses an enum through `parse` (returning Result<E>); records the error with the field.
  template <typename E, typename F>
  E Enum(std::string_view key, F parse, E fallback) {
    const std::string text = String(key);
    if (!ok()) return fallback;
    auto r = parse(text);
    if (!r.ok()) {
      Fail(r.status().WithField(Path(key)));
      return fallback;
    }
    return *r;
  }

  // Records `s` (with its field made absolute) if no error was recorded yet.
  void Fail(Status s);
  // The first problem, or an error naming an unknown field.
  Status Finish();

 private:
  const json::Value* Member(std::string_view key, bool required);

  const json::Value& value_;
  std::string path_;
  std::set<std::string, std::less<>> seen_;
  Status status_;
};

// An optional member's JSON: its text, or null when absent.
inline json::Value OptDate(const std::optional<Date>& d) {
  return d ? json::Value(d->ToString()) : json::Value();
}
inline json::Value OptTime(const std::optional<Timestamp>& t) {
  return t ? json::Value(t->ToString()) : json::Value();
}
template <typename IdT>
json::Value OptId(const std::optional<IdT>& id) {
  return id ? json::Value(id->value()) : json::Value();
}

// The id in the string member `key`, or nullopt when it is absent, null or empty.
template <typename IdT>
std::optional<IdT> OptionalId(ObjectReader& r, std::string_view key) {
  const std::string text = r.OptionalString(key);
  if (text.empty()) return std::nullopt;
  return IdT(text);
}

// Money as {"amount": "120.000", "currency": "KWD"}.
json::Value MoneyToJson(const Money& m);
Result<Money> MoneyFromJson(const json::Value& v, const std::string& path);

}  // namespace corridor::codec
