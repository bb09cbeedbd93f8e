#include "ledger/event.hpp"

#include <algorithm>
#include <array>

#include "core/ids.hpp"

namespace corridor::ledger {
namespace {

constexpr uint64_t kMaxIndex = 9007199254740991;  // 2^53 - 1: exact in every JSON peer

constexpr std::array<std::string_view, 8> kMembers = {"v",    "index",   "time",  "node",
                                                      "type", "subject", "actor", "data"};

Status FieldError(std::string_view field, const Status& s) {
  return Status::InvalidArgument("event " + std::string(field) + ": " + s.message(),
                                 std::string(field));
}

Status FieldError(std::string_view field, const std::string& message) {
  return Status::InvalidArgument("event " + std::string(field) + ": " + message,
                                 std::string(field));
}

Result<std::string> StringMember(const json::Object& o, std::string_view name) {
  const json::Value* v = o.Find(name);
  if (!v->is_string()) {
    return FieldError(name, "must be a string, not " + std::string(json::TypeName(v->type())));
  }
  return v->AsString();
}

}  // namespace

bool IsValidEventType(std::string_view type) {
  if (type.empty() || type.size() > 64) return false;
  int segments = 0;
  size_t i = 0;
  while (i <= type.size()) {
    // One segment: [a-z][a-z0-9_]*
    if (i == type.size() || !(type[i] >= 'a' && type[i] <= 'z')) return false;
    ++i;
    while (i < type.size() && ((type[i] >= 'a' && type[i] <= 'z') ||
                               (type[i] >= '0' && type[i] <= '9') || type[i] == '_')) {
      ++i;
    }
    ++segments;
    if (i == type.size()) break;
    if (type[i] != '.') return false;
    ++i;
  }
  return segments >= 2;
}

// Everything CheckEvent checks except the data, which a parsed event has already passed.
Status CheckEventFields(const Event& e) {
  if (e.index > kMaxIndex) return FieldError("index", "must be at most 2^53-1");
  if (Status s = CheckIdText(e.node_id); !s.ok()) return FieldError("node", s);
  if (!IsValidEventType(e.type)) {
    return FieldError("type",
                      "must be two or more lower-case segments [a-z][a-z0-9_]* joined by '.', at "
                      "most 64 characters");
  }
  if (Status s = CheckIdText(e.subject); !s.ok()) return FieldError("subject", s);
  if (Status s = CheckIdText(e.actor); !s.ok()) return FieldError("actor", s);
  return Status::Ok();
}

Status CheckEvent(const Event& e) {
  RETURN_IF_ERROR(CheckEventFields(e));
  if (Status s = json::CheckIJson(e.data, kMaxEventDataDepth); !s.ok()) {
    return FieldError("data", s);
  }
  const size_t size = EncodeEvent(e).size();
  if (size > kMaxEventBytes) {
    return FieldError("data", "the encoded event is " + std::to_string(size) +
                                  " bytes, more than the limit of " +
                                  std::to_string(kMaxEventBytes));
  }
  return Status::Ok();
}

// The canonical form written out directly: the member names are ASCII, so their RFC 8785 order
// is plain byte order, fixed here; values go through the canonical writer. The tests check this
// against json::Canonical of the same object.
std::string EncodeEvent(const Event& e) {
  std::string out;
  out.reserve(192);
  out += "{\"actor\":";
  json::AppendQuoted(&out, e.actor);
  out += ",\"data\":";
  json::AppendCanonical(&out, e.data);
  out += ",\"index\":";
  out += json::FormatNumber(static_cast<double>(e.index));
  out += ",\"node\":";
  json::AppendQuoted(&out, e.node_id);
  out += ",\"subject\":";
  json::AppendQuoted(&out, e.subject);
  out += ",\"time\":";
  json::AppendQuoted(&out, e.time.ToString());
  out += ",\"type\":";
  json::AppendQuoted(&out, e.type);
  out += ",\"v\":";
  out += std::to_string(kEventVersion);
  out += "}";
  return out;
}

Result<Event> DecodeEvent(std::string_view bytes) {
  json::ParseLimits limits;
  limits.max_bytes = kMaxEventBytes;
  limits.max_depth = kMaxEventDataDepth + 1;
  limits.max_string_bytes = kMaxEventBytes;
  auto parsed = json::Parse(bytes, limits);
  if (!parsed.ok()) {
    return Status::InvalidArgument("event is not valid JSON: " + parsed.status().message());
  }
  if (!parsed->is_object()) {
    return Status::InvalidArgument("event must be a JSON object, not " +
                                   std::string(json::TypeName(parsed->type())));
  }
  const json::Object& o = parsed->AsObject();
  for (std::string_view name : kMembers) {
    if (!o.Contains(name)) return FieldError(name, "is missing");
  }
  for (const auto& [name, value] : o) {
    if (std::find(kMembers.begin(), kMembers.end(), name) == kMembers.end()) {
      return Status::InvalidArgument("event has an unknown member \"" + name + "\"", name);
    }
  }
  const json::Value& v = *o.Find("v");
  if (!v.is_number() || v.AsNumber() != kEventVersion) {
    return FieldError("v", "unsupported event format version " + json::Write(v) +
                               " (this software reads version 1)");
  }
  Event e;
  auto index = o.Find("index")->AsInt64();
  if (!index.ok()) return FieldError("index", index.status());
  if (*index < 0) return FieldError("index", "must not be negative");
  e.index = static_cast<uint64_t>(*index);
  ASSIGN_OR_RETURN(std::string time_text, StringMember(o, "time"));
  auto time = Timestamp::Parse(time_text);
  if (!time.ok()) return FieldError("time", time.status());
  if (time->ToString() != time_text) {
    return FieldError("time", "must be written YYYY-MM-DDTHH:MM:SS.mmmZ");
  }
  e.time = *time;
  ASSIGN_OR_RETURN(e.node_id, StringMember(o, "node"));
  ASSIGN_OR_RETURN(e.type, StringMember(o, "type"));
  ASSIGN_OR_RETURN(e.subject, StringMember(o, "subject"));
  ASSIGN_OR_RETURN(e.actor, StringMember(o, "actor"));
  RETURN_IF_ERROR(CheckEventFields(e));
  // Every member was taken over exactly, so the event's encoding is the canonical form of what
  // was parsed; the bytes must be that form.
  const std::string canonical = json::Canonical(*parsed);
  if (canonical != bytes) {
    size_t at = 0;
    while (at < canonical.size() && at < bytes.size() && canonical[at] == bytes[at]) ++at;
    return Status::InvalidArgument(
        "event bytes are not in canonical form (RFC 8785): they first differ at byte " +
        std::to_string(at));
  }
  e.data = std::move(*parsed->AsObject().Find("data"));
  return e;
}

}  // namespace corridor::ledger
