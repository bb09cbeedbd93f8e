// Corridor's own JSON: a value type, a strict parser with limits, and three writers (RFC 8785
// canonical, compact, pretty). The rules are written down in docs/formats/json.md.
//
// The parser accepts exactly RFC 8259 JSON restricted to I-JSON (RFC 7493): valid UTF-8, no
// duplicate member names, no surrogates or noncharacters (escaped or not), numbers that are finite
// IEEE 754 doubles; nothing else (no comments, trailing commas, NaN, leading zeros, or anything
// after the value). Errors name the line and column. Nesting depth and sizes are limited, and the
// parser is iterative, so hostile input can cost neither the stack nor unbounded memory.
//
// Canonical() is RFC 8785 (JCS): the bytes hashed and signed by the ledger and by contract
// digests. A value built in code is written as given; strings must hold valid UTF-8 (CheckIJson
// says whether a value is fit for canonical form).
//
// Thread-safety: values; a Value may be read from many threads, written from one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/status.hpp"

namespace corridor::json {

enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };

// "null", "bool", "number", "string", "array", "object": for error messages.
std::string_view TypeName(Type type);

class Value;
using Array = std::vector<Value>;

// An object: members in insertion order, names unique. Lookups are linear, which is the fast
// choice for the small objects Corridor exchanges; the parser detects duplicates with a hash set.
class Object {
 public:
  using Member = std::pair<std::string, Value>;
  using const_iterator = std::vector<Member>::const_iterator;
  using iterator = std::vector<Member>::iterator;

  const Value* Find(std::string_view key) const;
  Value* Find(std::string_view key);
  bool Contains(std::string_view key) const { return Find(key) != nullptr; }
  // Replaces the value of an existing key in place (keeping its position), else appends.
  void Set(std::string key, Value v);
  // Removes the key; false when it was not there.
  bool Erase(std::string_view key);

  // Defined below Value: the members need the complete type.
  size_t size() const;
  bool empty() const;
  const_iterator begin() const;
  const_iterator end() const;
  iterator begin();
  iterator end();

  // Same members with equal values, in any order.
  bool operator==(const Object& other) const;

 private:
  friend class Parser;
  friend class Value;
  // For the parser and Value::operator[], which have already checked that `key` is new.
  void AppendUnchecked(std::string key, Value v);

  std::vector<Member> members_;
};

// A JSON value. Numbers are IEEE 754 doubles (as in I-JSON and ECMAScript); integers are exact
// up to ±(2^53−1), and AsInt64 refuses anything else.
//
// Accessors of the wrong type (AsString on a number, …) are defects in the caller, not input
// errors: they throw std::bad_variant_access. Check type() first, or use Get().
class Value {
 public:
  Value() = default;                                 // null
  Value(std::nullptr_t) {}                           // NOLINT(google-explicit-constructor)
  Value(bool b) : v_(b) {}                           // NOLINT(google-explicit-constructor)
  Value(int n) : v_(static_cast<double>(n)) {}       // NOLINT(google-explicit-constructor)
  Value(unsigned n) : v_(static_cast<double>(n)) {}  // NOLINT(google-explicit-constructor)
  // 64-bit integers beyond ±2^53 are rounded to the nearest double, as every JSON peer would.
  Value(int64_t n) : v_(static_cast<double>(n)) {}   // NOLINT(google-explicit-constructor)
  Value(uint64_t n) : v_(static_cast<double>(n)) {}  // NOLINT(google-explicit-constructor)
  Value(double d) : v_(d) {}                         // NOLINT(google-explicit-constructor)
  Value(const char* s) : v_(std::string(s)) {}       // NOLINT(google-explicit-constructor)
  Value(std::string s) : v_(std::move(s)) {}         // NOLINT(google-explicit-constructor)
  Value(std::string_view s) : v_(std::string(s)) {}  // NOLINT(google-explicit-constructor)
  Value(Array a) : v_(std::move(a)) {}               // NOLINT(google-explicit-constructor)
  Value(Object o) : v_(std::move(o)) {}              // NOLINT(google-explicit-constructor)

  Type type() const { return static_cast<Type>(v_.index()); }
  bool is_null() const { return type() == Type::kNull; }
  bool is_bool() const { return type() == Type::kBool; }
  bool is_number() const { return type() == Type::kNumber; }
  bool is_string() const { return type() == Type::kString; }
  bool is_array() const { return type() == Type::kArray; }
  bool is_object() const { return type() == Type::kObject; }

  bool AsBool() const { return std::get<bool>(v_); }
  double AsNumber() const { return std::get<double>(v_); }
  const std::string& AsString() const { return std::get<std::string>(v_); }
  const Array& AsArray() const { return std::get<Array>(v_); }
  Array& AsArray() { return std::get<Array>(v_); }
  const Object& AsObject() const { return std::get<Object>(v_); }
  Object& AsObject() { return std::get<Object>(v_); }

  // The number as an integer; an error unless it is a number, integral, and within ±(2^53−1).
  Result<int64_t> AsInt64() const;

  // The member `key`, or nullptr unless this is an object holding it.
  const Value* Get(std::string_view key) const;
  // The member `key` of an object, inserted as null when missing; a null value becomes an empty
  // object first. Any other type is a defect (throws std::logic_error).
  Value& operator[](std::string_view key);

  // Same type and value; numbers compare as doubles (so 0 == -0), objects ignore member order.
  bool operator==(const Value& other) const;

 private:
  // The order of the alternatives is the order of Type.
  std::variant<std::nullptr_t, bool, double, std::string, Array, Object> v_{nullptr};
};

inline size_t Object::size() const { return members_.size(); }
inline bool Object::empty() const { return members_.empty(); }
inline Object::const_iterator Object::begin() const { return members_.begin(); }
inline Object::const_iterator Object::end() const { return members_.end(); }
inline Object::iterator Object::begin() { return members_.begin(); }
inline Object::iterator Object::end() { return members_.end(); }

struct ParseLimits {
  size_t max_bytes = 16u << 20;        // whole document
  int max_depth = 64;                  // arrays and objects nested inside each other
  size_t max_string_bytes = 1u << 20;  // one string or member name, after unescaping
};

// Parses one JSON document. Errors are InvalidArgument, "line L, column C: what is wrong";
// columns count characters (code points) from 1.
Result<Value> Parse(std::string_view text, const ParseLimits& limits = {});

// RFC 8785: members sorted by the UTF-16 code units of their names, no whitespace, numbers as
// ECMAScript Number::toString (shortest round trip), strings with only the JCS escapes.
// A non-finite number (which Parse never produces) is written as null, as ECMAScript's
// JSON.stringify does; CheckIJson reports it.
std::string Canonical(const Value& v);
// Canonical(v) appended to *out: for writers that compose canonical text around a value.
void AppendCanonical(std::string* out, const Value& v);
// The JSON string literal of `s` with exactly the JCS escapes, appended to *out.
void AppendQuoted(std::string* out, std::string_view s);
// Compact, members in insertion order, numbers and strings as Canonical.
std::string Write(const Value& v);
// For people: two-space indent, insertion order, a newline after the last line.
std::string WritePretty(const Value& v);
// Adds `members` (written compactly, in order) after the members of *object_text, the text of a
// JSON object as Write or Canonical wrote it: for serving a stored document with a few members
// of the reader's own, without parsing it. InvalidArgument (and *object_text unchanged) when the
// text does not open and close as an object. The caller makes sure that the names are new.
Status AppendMembers(std::string* object_text, const Object& members);

// OK when Canonical(v) parses back to v: every number finite, every string and member name valid
// UTF-8 without noncharacters, depth within `max_depth`. The error names the path ("/a/3/b").
Status CheckIJson(const Value& v, int max_depth = ParseLimits{}.max_depth);

// The ECMAScript form of a finite double ("1e+21", "0.000001", "-5e-324", "0" for -0).
std::string FormatNumber(double d);

}  // namespace corridor::json
