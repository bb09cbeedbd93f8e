#include <cmath>
#include <stdexcept>

#include "json/json.hpp"
#include "json/utf8.hpp"

namespace corridor::json {

std::string_view TypeName(Type type) {
  switch (type) {
    case Type::kNull:
      return "null";
    case Type::kBool:
      return "bool";
    case Type::kNumber:
      return "number";
    case Type::kString:
      return "string";
    case Type::kArray:
      return "array";
    case Type::kObject:
      return "object";
  }
  return "unknown";
}

const Value* Object::Find(std::string_view key) const {
  for (const Member& m : members_) {
    if (m.first == key) return &m.second;
  }
  return nullptr;
}

Value* Object::Find(std::string_view key) {
  for (Member& m : members_) {
    if (m.first == key) return &m.second;
  }
  return nullptr;
}

void Object::Set(std::string key, Value v) {
  if (Value* existing = Find(key)) {
    *existing = std::move(v);
    return;
  }
  members_.emplace_back(std::move(key), std::move(v));
}

bool Object::Erase(std::string_view key) {
  for (auto it = members_.begin(); it != members_.end(); ++it) {
    if (it->first == key) {
      members_.erase(it);
      return true;
    }
  }
  return false;
}

void Object::AppendUnchecked(std::string key, Value v) {
  members_.emplace_back(std::move(key), std::move(v));
}

bool Object::operator==(const Object& other) const {
  if (members_.size() != other.members_.size()) return false;
  for (const Member& m : members_) {
    const Value* theirs = other.Find(m.first);
    if (theirs == nullptr || !(*theirs == m.second)) return false;
  }
  return true;
}

Result<int64_t> Value::AsInt64() const {
  constexpr double kMaxSafe = 9007199254740991.0;  // 2^53 - 1
  if (!is_number()) {
    return Status::InvalidArgument("must be an integer, not " + std::string(TypeName(type())));
  }
  const double d = AsNumber();
  if (!std::isfinite(d) || d != std::trunc(d)) {
    return Status::InvalidArgument("must be an integer, not a fraction");
  }
  if (d > kMaxSafe || d < -kMaxSafe) {
    return Status::InvalidArgument("must be an integer within ±(2^53-1)");
  }
  return static_cast<int64_t>(d);
}

const Value* Value::Get(std::string_view key) const {
  if (!is_object()) return nullptr;
  return AsObject().Find(key);
}

Value& Value::operator[](std::string_view key) {
  if (is_null()) v_ = Object{};
  if (!is_object()) {
    throw std::logic_error("json::Value::operator[] on a " + std::string(TypeName(type())));
  }
  Object& o = AsObject();
  if (Value* existing = o.Find(key)) return *existing;
  o.AppendUnchecked(std::string(key), Value());
  return (o.end() - 1)->second;
}

bool Value::operator==(const Value& other) const { return v_ == other.v_; }

namespace {

// JSON Pointer escaping (RFC 6901) of one path segment.
std::string PointerSegment(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

Status CheckText(std::string_view s, const std::string& path, std::string_view what) {
  const size_t bad = FindInvalidUtf8(s);
  if (bad != std::string_view::npos) {
    return Status::InvalidArgument((path.empty() ? "/" : path) + ": " + std::string(what) +
                                   " is not valid UTF-8 (at byte " + std::to_string(bad) + ")");
  }
  const size_t nonchar = FindNoncharacter(s);
  if (nonchar != std::string_view::npos) {
    return Status::InvalidArgument((path.empty() ? "/" : path) + ": " + std::string(what) +
                                   " holds a Unicode noncharacter (at byte " +
                                   std::to_string(nonchar) + ")");
  }
  return Status::Ok();
}

Status CheckRec(const Value& v, const std::string& path, int depth, int max_depth) {
  switch (v.type()) {
    case Type::kNull:
    case Type::kBool:
      return Status::Ok();
    case Type::kNumber:
      if (!std::isfinite(v.AsNumber())) {
        return Status::InvalidArgument((path.empty() ? "/" : path) +
                                       ": number is not finite (NaN or infinity)");
      }
      return Status::Ok();
    case Type::kString:
      return CheckText(v.AsString(), path, "string");
    case Type::kArray:
    case Type::kObject:
      break;
  }
  if (depth >= max_depth) {
    return Status::InvalidArgument((path.empty() ? "/" : path) + ": nesting deeper than " +
                                   std::to_string(max_depth));
  }
  if (v.is_array()) {
    const Array& a = v.AsArray();
    for (size_t i = 0; i < a.size(); ++i) {
      RETURN_IF_ERROR(CheckRec(a[i], path + "/" + std::to_string(i), depth + 1, max_depth));
    }
    return Status::Ok();
  }
  for (const auto& [key, member] : v.AsObject()) {
    const std::string member_path = path + "/" + PointerSegment(key);
    RETURN_IF_ERROR(CheckText(key, member_path, "member name"));
    RETURN_IF_ERROR(CheckRec(member, member_path, depth + 1, max_depth));
  }
  return Status::Ok();
}

}  // namespace

Status CheckIJson(const Value& v, int max_depth) { return CheckRec(v, "", 0, max_depth); }

}  // namespace corridor::json
