// The three writers. Numbers follow ECMAScript's Number::toString (ECMA-262 §7.1.12.1 in the
// edition RFC 8785 cites): the shortest digits that read back as the same double, which
// std::to_chars gives us, laid out by ECMAScript's rules for where the decimal point and the
// exponent go.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "json/append.hpp"
#include "json/json.hpp"

namespace corridor::json {

std::string FormatNumber(double d) {
  if (!std::isfinite(d)) return "null";
  if (d == 0) return "0";  // and -0, which ECMAScript writes as 0
  char buf[40];
  // Shortest round-trip digits, as "-d.ddde+XX" or "de-XX".
  const auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  const std::string_view sci(buf, static_cast<size_t>(r.ptr - buf));
  const size_t e_pos = sci.find('e');
  std::string digits;
  size_t i = 0;
  const bool negative = sci[0] == '-';
  if (negative) i = 1;
  for (; i < e_pos; ++i) {
    if (sci[i] != '.') digits.push_back(sci[i]);
  }
  int exponent = 0;
  std::from_chars(sci.data() + e_pos + (sci[e_pos + 1] == '+' ? 2 : 1), sci.data() + sci.size(),
                  exponent);
  // ECMAScript's k (digit count) and n (the decimal point sits after n digits).
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;
  std::string out;
  if (negative) out.push_back('-');
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out.append(digits, 0, static_cast<size_t>(n));
    out.push_back('.');
    out.append(digits, static_cast<size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-n), '0');
    out += digits;
  } else {
    out.push_back(digits[0]);
    if (k > 1) {
      out.push_back('.');
      out.append(digits, 1);
    }
    out.push_back('e');
    const int e = n - 1;
    out.push_back(e < 0 ? '-' : '+');
    out += std::to_string(e < 0 ? -e : e);
  }
  return out;
}

namespace {

// Bytes that are escaped: controls, the quote and the backslash.
constexpr std::array<bool, 256> kEscaped = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = true;
  t['"'] = true;
  t['\\'] = true;
  return t;
}();

}  // namespace

void AppendQuoted(std::string* out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t run = 0;  // start of the current run of bytes copied as they are
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (!kEscaped[c]) continue;
    out->append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\b':
        *out += "\\b";
        break;
      case '\f':
        *out += "\\f";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      case '\t':
        *out += "\\t";
        break;
      default:
        *out += "\\u00";
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 15]);
    }
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

namespace {

// Orders member names by their UTF-16 code units (RFC 8785 §3.2.3) while reading UTF-8.
// UTF-8 byte order is code point order, which differs from UTF-16 order in one place only:
// U+E000..U+FFFF (lead bytes 0xEE, 0xEF) sort after the supplementary planes (lead bytes
// 0xF0..0xF4, which UTF-16 writes with surrogates 0xD800..0xDBFF).
bool Utf16Less(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  size_t i = 0;
  while (i < n && a[i] == b[i]) ++i;
  if (i == n) return a.size() < b.size();
  const auto x = static_cast<unsigned char>(a[i]);
  const auto y = static_cast<unsigned char>(b[i]);
  const bool x_high_bmp = x == 0xEE || x == 0xEF;
  const bool y_high_bmp = y == 0xEE || y == 0xEF;
  if (x_high_bmp && y >= 0xF0) return false;
  if (y_high_bmp && x >= 0xF0) return true;
  return x < y;
}

enum class Style { kCanonical, kCompact, kPretty };

void WriteValue(std::string* out, const Value& v, Style style, int indent);

void Newline(std::string* out, int indent) {
  out->push_back('\n');
  out->append(static_cast<size_t>(indent) * 2, ' ');
}

void WriteArray(std::string* out, const Array& a, Style style, int indent) {
  out->push_back('[');
  for (size_t i = 0; i < a.size(); ++i) {
    if (i > 0) out->push_back(',');
    if (style == Style::kPretty) Newline(out, indent + 1);
    WriteValue(out, a[i], style, indent + 1);
  }
  if (style == Style::kPretty && !a.empty()) Newline(out, indent);
  out->push_back(']');
}

void WriteObject(std::string* out, const Object& o, Style style, int indent) {
  std::vector<const Object::Member*> members;
  members.reserve(o.size());
  for (const Object::Member& m : o) members.push_back(&m);
  if (style == Style::kCanonical) {
    std::sort(members.begin(), members.end(), [](const Object::Member* x, const Object::Member* y) {
      return Utf16Less(x->first, y->first);
    });
  }
  out->push_back('{');
  for (size_t i = 0; i < members.size(); ++i) {
    if (i > 0) out->push_back(',');
    if (style == Style::kPretty) Newline(out, indent + 1);
    AppendQuoted(out, members[i]->first);
    out->push_back(':');
    if (style == Style::kPretty) out->push_back(' ');
    WriteValue(out, members[i]->second, style, indent + 1);
  }
  if (style == Style::kPretty && !members.empty()) Newline(out, indent);
  out->push_back('}');
}

void WriteValue(std::string* out, const Value& v, Style style, int indent) {
  switch (v.type()) {
    case Type::kNull:
      *out += "null";
      return;
    case Type::kBool:
      *out += v.AsBool() ? "true" : "false";
      return;
    case Type::kNumber:
      *out += FormatNumber(v.AsNumber());
      return;
    case Type::kString:
      AppendQuoted(out, v.AsString());
      return;
    case Type::kArray:
      WriteArray(out, v.AsArray(), style, indent);
      return;
    case Type::kObject:
      WriteObject(out, v.AsObject(), style, indent);
      return;
  }
}

}  // namespace

void AppendCanonical(std::string* out, const Value& v) { WriteValue(out, v, Style::kCanonical, 0); }

std::string Canonical(const Value& v) {
  std::string out;
  AppendCanonical(&out, v);
  return out;
}

std::string Write(const Value& v) {
  std::string out;
  WriteValue(&out, v, Style::kCompact, 0);
  return out;
}

std::string WritePretty(const Value& v) {
  std::string out;
  WriteValue(&out, v, Style::kPretty, 0);
  out.push_back('\n');
  return out;
}

Result<ObjectAppender> ObjectAppender::Open(std::string* object_text, size_t reserve) {
  std::string& text = *object_text;
  const size_t open = text.find_first_not_of(" \t\r\n");
  const size_t close = text.find_last_not_of(" \t\r\n");
  if (open == std::string::npos || text[open] != '{' || text[close] != '}' || close == open) {
    return Status::InvalidArgument("the text is not a JSON object");
  }
  const bool empty = text.find_first_not_of(" \t\r\n", open + 1) == close;
  text.resize(close);
  if (reserve > 0) text.reserve(close + reserve + 1);
  return ObjectAppender(object_text, empty);
}

void ObjectAppender::Name(std::string_view name) {
  if (!first_) text_->push_back(',');
  first_ = false;
  AppendQuoted(text_, name);
  text_->push_back(':');
}

void ObjectAppender::String(std::string_view name, std::string_view value) {
  Name(name);
  AppendQuoted(text_, value);
}

void ObjectAppender::Member(std::string_view name, const Value& value) {
  Name(name);
  WriteValue(text_, value, Style::kCompact, 0);
}

void ObjectAppender::Close() { text_->push_back('}'); }

Status AppendMembers(std::string* object_text, const Object& members) {
  ASSIGN_OR_RETURN(ObjectAppender out, ObjectAppender::Open(object_text));
  for (const auto& [name, value] : members) out.Member(name, value);
  out.Close();
  return Status::Ok();
}

}  // namespace corridor::json
