#include "ledger/event.hpp"

#include <algorithm>
#include <array>

#include "core/encoding.hpp"
#include "core/ids.hpp"

namespace corridor::ledger {
namespace {

constexpr uint64_t kMaxIndex = 9007199254740991;  // 2^53 - 1: exact in every JSON peer

// The members of a version 1 event; version 2 has "records" besides.
constexpr std::array<std::string_view, 8> kMembers = {"v",    "index",   "time",  "node",
                                                      "type", "subject", "actor", "data"};
constexpr std::string_view kRecords = "records";
constexpr std::array<std::string_view, 3> kRecordMembers = {"id", "sha256", "table"};

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

bool IsValidTableName(std::string_view table) {
  if (table.empty() || table.size() > 64 || !(table[0] >= 'a' && table[0] <= 'z')) return false;
  for (char c : table) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

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

namespace {

Status CheckRecords(const Event& e) {
  if (e.version == 1) {
    if (!e.records.empty()) return FieldError(kRecords, "is not part of a version 1 event");
    return Status::Ok();
  }
  for (size_t i = 0; i < e.records.size(); ++i) {
    const RecordHash& r = e.records[i];
    const std::string at = "records[" + std::to_string(i) + "]";
    if (!IsValidTableName(r.table)) {
      return FieldError(at + ".table", "must be [a-z][a-z0-9_]*, at most 64 characters");
    }
    if (Status s = CheckIdText(r.id); !s.ok()) return FieldError(at + ".id", s);
    // Small lists (the records of one change): a quadratic check is the fast one.
    for (size_t j = 0; j < i; ++j) {
      if (e.records[j].table == r.table && e.records[j].id == r.id) {
        return FieldError(at, "names " + r.table + " " + r.id + " a second time");
      }
    }
  }
  return Status::Ok();
}

}  // namespace

// Everything CheckEvent checks except the data, which a parsed event has already passed.
Status CheckEventFields(const Event& e) {
  if (e.version != 1 && e.version != 2) return FieldError("v", "must be 1 or 2");
  if (e.index > kMaxIndex) return FieldError("index", "must be at most 2^53-1");
  if (Status s = CheckIdText(e.node_id); !s.ok()) return FieldError("node", s);
  if (!IsValidEventType(e.type)) {
    return FieldError("type",
                      "must be two or more lower-case segments [a-z][a-z0-9_]* joined by '.', at "
                      "most 64 characters");
  }
  if (Status s = CheckIdText(e.subject); !s.ok()) return FieldError("subject", s);
  if (Status s = CheckIdText(e.actor); !s.ok()) return FieldError("actor", s);
  return CheckRecords(e);
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
  if (e.version != 1) {
    out += ",\"records\":[";
    for (size_t i = 0; i < e.records.size(); ++i) {
      const RecordHash& r = e.records[i];
      if (i > 0) out += ',';
      out += "{\"id\":";
      json::AppendQuoted(&out, r.id);
      out += ",\"sha256\":\"";
      out += HexEncode(r.sha256);
      out += "\",\"table\":";
      json::AppendQuoted(&out, r.table);
      out += '}';
    }
    out += ']';
  }
  out += ",\"subject\":";
  json::AppendQuoted(&out, e.subject);
  out += ",\"time\":";
  json::AppendQuoted(&out, e.time.ToString());
  out += ",\"type\":";
  json::AppendQuoted(&out, e.type);
  out += ",\"v\":";
  out += std::to_string(e.version);
  out += "}";
  return out;
}

namespace {

Status DecodeRecords(const json::Value& v, std::vector<RecordHash>& out) {
  if (!v.is_array()) {
    return FieldError(kRecords, "must be an array, not " + std::string(json::TypeName(v.type())));
  }
  out.reserve(v.AsArray().size());
  for (size_t i = 0; i < v.AsArray().size(); ++i) {
    const json::Value& item = v.AsArray()[i];
    const std::string at = "records[" + std::to_string(i) + "]";
    if (!item.is_object() || item.AsObject().size() != kRecordMembers.size()) {
      return FieldError(at, "must be an object of exactly id, sha256 and table");
    }
    RecordHash r;
    for (std::string_view name : kRecordMembers) {
      const json::Value* m = item.Get(name);
      if (m == nullptr || !m->is_string()) {
        return FieldError(at + "." + std::string(name), "must be a string");
      }
    }
    r.table = item.Get("table")->AsString();
    r.id = item.Get("id")->AsString();
    const std::string& hex = item.Get("sha256")->AsString();
    auto bytes = HexDecode(hex);
    if (hex.size() != 64 || !bytes.ok() || HexEncode(*bytes) != hex) {
      return FieldError(at + ".sha256", "must be 64 lower-case hex digits");
    }
    std::copy(bytes->begin(), bytes->end(), r.sha256.begin());
    out.push_back(std::move(r));
  }
  return Status::Ok();
}

}  // namespace

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
  const json::Value* v = o.Find("v");
  if (v == nullptr) return FieldError("v", "is missing");
  if (!v->is_number() || (v->AsNumber() != 1 && v->AsNumber() != 2)) {
    return FieldError("v", "unsupported event format version " + json::Write(*v) +
                               " (this software reads versions 1 and 2)");
  }
  Event e;
  e.version = static_cast<int>(v->AsNumber());
  for (std::string_view name : kMembers) {
    if (!o.Contains(name)) return FieldError(name, "is missing");
  }
  if (e.version == 2 && !o.Contains(kRecords)) return FieldError(kRecords, "is missing");
  for (const auto& [name, value] : o) {
    if (std::find(kMembers.begin(), kMembers.end(), name) == kMembers.end() &&
        !(e.version == 2 && name == kRecords)) {
      return Status::InvalidArgument("event has an unknown member \"" + name + "\"", name);
    }
  }
  if (e.version == 2) RETURN_IF_ERROR(DecodeRecords(*o.Find(kRecords), e.records));
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
