#include "codec/reader.hpp"

namespace corridor::codec {

ObjectReader::ObjectReader(const json::Value& value, std::string path)
    : value_(value), path_(std::move(path)) {
  if (!value_.is_object()) {
    status_ = Status::InvalidArgument("must be a JSON object", path_.empty() ? "body" : path_);
  }
}

std::string ObjectReader::Path(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void ObjectReader::Fail(Status s) {
  if (status_.ok() && !s.ok()) status_ = std::move(s);
}

const json::Value* ObjectReader::Member(std::string_view key, bool required) {
  seen_.emplace(key);
  if (!ok()) return nullptr;
  const json::Value* v = value_.Get(key);
  if (v == nullptr || v->is_null()) {
    if (required) Fail(Status::InvalidArgument("is required", Path(key)));
    return nullptr;
  }
  return v;
}

bool ObjectReader::Has(std::string_view key) {
  if (!ok()) return false;
  const json::Value* v = value_.Get(key);
  return v != nullptr && !v->is_null();
}

const json::Value* ObjectReader::Raw(std::string_view key) { return Member(key, false); }

std::string ObjectReader::String(std::string_view key) {
  const json::Value* v = Member(key, true);
  if (v == nullptr) return {};
  if (!v->is_string()) {
    Fail(Status::InvalidArgument("must be a string", Path(key)));
    return {};
  }
  return v->AsString();
}

std::string ObjectReader::OptionalString(std::string_view key) {
  const json::Value* v = Member(key, false);
  if (v == nullptr) return {};
  if (!v->is_string()) {
    Fail(Status::InvalidArgument("must be a string", Path(key)));
    return {};
  }
  return v->AsString();
}

std::optional<int64_t> ObjectReader::OptionalInt64(std::string_view key) {
  const json::Value* v = Member(key, false);
  if (v == nullptr) return std::nullopt;
  auto n = v->AsInt64();
  if (!n.ok()) {
    Fail(Status::InvalidArgument("must be a whole number", Path(key)));
    return std::nullopt;
  }
  return *n;
}

int64_t ObjectReader::Int64(std::string_view key) {
  const json::Value* v = Member(key, true);
  if (v == nullptr) return 0;
  auto n = v->AsInt64();
  if (!n.ok()) {
    Fail(Status::InvalidArgument("must be a whole number", Path(key)));
    return 0;
  }
  return *n;
}

int ObjectReader::Int(std::string_view key, int lo, int hi) {
  const json::Value* v = Member(key, true);
  if (v == nullptr) return lo;
  auto n = v->AsInt64();
  if (!n.ok()) {
    Fail(Status::InvalidArgument("must be a whole number", Path(key)));
    return lo;
  }
  if (*n < lo || *n > hi) {
    Fail(Status::InvalidArgument(
        "must be between " + std::to_string(lo) + " and " + std::to_string(hi), Path(key)));
    return lo;
  }
  return static_cast<int>(*n);
}

bool ObjectReader::Bool(std::string_view key) {
  const json::Value* v = Member(key, true);
  if (v == nullptr) return false;
  if (!v->is_bool()) {
    Fail(Status::InvalidArgument("must be true or false", Path(key)));
    return false;
  }
  return v->AsBool();
}

std::optional<Date> ObjectReader::OptionalDate(std::string_view key) {
  const json::Value* v = Member(key, false);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    Fail(Status::InvalidArgument("must be a date written YYYY-MM-DD", Path(key)));
    return std::nullopt;
  }
  auto d = Date::Parse(v->AsString());
  if (!d.ok()) {
    Fail(d.status().WithField(Path(key)));
    return std::nullopt;
  }
  return *d;
}

Date ObjectReader::DateField(std::string_view key) {
  if (!Has(key)) {
    Member(key, true);
    return {};
  }
  return OptionalDate(key).value_or(Date());
}

std::optional<Timestamp> ObjectReader::OptionalTimestamp(std::string_view key) {
  const json::Value* v = Member(key, false);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    Fail(Status::InvalidArgument("must be a time written YYYY-MM-DDTHH:MM:SSZ", Path(key)));
    return std::nullopt;
  }
  auto t = Timestamp::Parse(v->AsString());
  if (!t.ok()) {
    Fail(t.status().WithField(Path(key)));
    return std::nullopt;
  }
  return *t;
}

Timestamp ObjectReader::TimestampField(std::string_view key) {
  if (!Has(key)) {
    Member(key, true);
    return {};
  }
  return OptionalTimestamp(key).value_or(Timestamp());
}

std::optional<Money> ObjectReader::OptionalMoney(std::string_view key) {
  const json::Value* v = Member(key, false);
  if (v == nullptr) return std::nullopt;
  auto m = MoneyFromJson(*v, Path(key));
  if (!m.ok()) {
    Fail(m.status());
    return std::nullopt;
  }
  return *m;
}

Money ObjectReader::MoneyField(std::string_view key) {
  if (!Has(key)) {
    Member(key, true);
    return {};
  }
  return OptionalMoney(key).value_or(Money());
}

std::vector<std::string> ObjectReader::StringList(std::string_view key) {
  const json::Value* v = Member(key, true);
  std::vector<std::string> out;
  if (v == nullptr) return out;
  if (!v->is_array()) {
    Fail(Status::InvalidArgument("must be a list of strings", Path(key)));
    return out;
  }
  for (size_t i = 0; i < v->AsArray().size(); ++i) {
    const auto& e = v->AsArray()[i];
    if (!e.is_string()) {
      Fail(Status::InvalidArgument("must be a string", Path(key) + "[" + std::to_string(i) + "]"));
      return out;
    }
    out.push_back(e.AsString());
  }
  return out;
}

Status ObjectReader::Finish() {
  if (!ok()) return status_;
  for (const auto& [key, v] : value_.AsObject()) {
    if (seen_.find(key) == seen_.end()) {
      return Status::InvalidArgument("is not a known field", Path(key));
    }
  }
  return Status::Ok();
}

json::Value MoneyToJson(const Money& m) {
  json::Object o;
  o.Set("amount", m.AmountText());
  o.Set("currency", m.currency);
  return o;
}

Result<Money> MoneyFromJson(const json::Value& v, const std::string& path) {
  ObjectReader r(v, path);
  const std::string amount = r.String("amount");
  const std::string currency = r.String("currency");
  RETURN_IF_ERROR(r.Finish());
  auto m = Money::Parse(amount, currency);
  if (!m.ok()) return m.status().WithField(path);
  return m;
}

}  // namespace corridor::codec
