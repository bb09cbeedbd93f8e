// The strict, iterative JSON parser. Containers being filled live on an explicit stack, so the
// depth of the input costs heap memory bounded by max_depth, never the machine stack.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <memory>
#include <unordered_set>
#include <utility>

#include "json/json.hpp"
#include "json/utf8.hpp"

namespace corridor::json {
namespace {

// Depth beyond which even a caller's explicit limit is not honoured: values are destroyed
// recursively, so depth must stay far from anything that could exhaust the stack.
constexpr int kMaxDepthCap = 512;

// Objects switch from a linear scan to a hash set for duplicate detection past this size.
constexpr size_t kLinearKeyScan = 16;

// Bytes a string scan must stop at: the quote, the backslash, controls, and the lead bytes
// that may start a noncharacter (0xEF for U+FDD0.. and U+FFFE/F, 0xF0.. for the other planes).
constexpr std::array<bool, 256> kStringStop = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = true;
  t['"'] = true;
  t['\\'] = true;
  t[0xEF] = true;
  for (int c = 0xF0; c < 0x100; ++c) t[c] = true;
  return t;
}();

bool IsWs(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string HexCodePoint(uint32_t cp) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "U+";
  const int digits = cp > 0xFFFF ? (cp > 0xFFFFF ? 6 : 5) : 4;
  for (int i = digits - 1; i >= 0; --i) out.push_back(kHex[(cp >> (4 * i)) & 15]);
  return out;
}

}  // namespace

class Parser {
 public:
  Parser(std::string_view text, const ParseLimits& limits)
      : text_(text),
        limits_(limits),
        max_depth_(limits.max_depth > kMaxDepthCap ? kMaxDepthCap : limits.max_depth) {}

  Result<Value> Run();

 private:
  struct Frame {
    Value container;
    std::string key;  // the member name awaiting its value (objects)
    size_t open_pos = 0;
    // Member names, kept only once the object outgrows a linear scan.
    std::unique_ptr<std::unordered_set<std::string>> keys;
  };

  Status Error(size_t pos, const std::string& what) const;
  std::string Describe(size_t pos) const;
  std::string Where(size_t pos) const;
  void SkipWs() {
    while (pos_ < text_.size() && IsWs(text_[pos_])) ++pos_;
  }
  bool AtEnd() const { return pos_ >= text_.size(); }

  Status ParseScalar(Value* out);
  Status ParseString(std::string* out);
  Status ParseEscape(std::string* out, size_t string_start);
  Status ParseNumber(Value* out);
  Status ParseWord(Value* out);
  Status ParseKey(Frame* frame);
  Status UnexpectedForValue();

  std::string_view text_;
  ParseLimits limits_;
  int max_depth_;
  size_t pos_ = 0;
  std::vector<Frame> stack_;
};

std::string Parser::Where(size_t pos) const {
  size_t line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < pos && i < text_.size(); ++i) {
    if (text_[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  size_t column = 1;
  for (size_t i = line_start; i < pos && i < text_.size(); ++i) {
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

Status Parser::Error(size_t pos, const std::string& what) const {
  return Status::InvalidArgument(Where(pos) + ": " + what);
}

// "'x'" for a printable ASCII character, "U+XXXX" otherwise, "end of input" past the end.
std::string Parser::Describe(size_t pos) const {
  if (pos >= text_.size()) return "end of input";
  const auto c = static_cast<unsigned char>(text_[pos]);
  if (c >= 0x21 && c < 0x7F) return std::string("'") + static_cast<char>(c) + "'";
  size_t len = 0;
  return HexCodePoint(DecodeUtf8At(text_, pos, &len));
}

Result<Value> Parser::Run() {
  if (text_.size() > limits_.max_bytes) {
    return Status::InvalidArgument("the document is " + std::to_string(text_.size()) +
                                   " bytes, more than the limit of " +
                                   std::to_string(limits_.max_bytes));
  }
  const size_t bad = FindInvalidUtf8(text_);
  if (bad != std::string_view::npos) {
    char hex[8];
    const auto b = static_cast<unsigned char>(text_[bad]);
    static constexpr char kHex[] = "0123456789abcdef";
    hex[0] = kHex[b >> 4];
    hex[1] = kHex[b & 15];
    return Error(bad, "invalid UTF-8 (byte 0x" + std::string(hex, 2) + ")");
  }
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") {
    return Error(0, "a byte order mark is not allowed before JSON text");
  }

  stack_.reserve(8);
  Value current;
  for (;;) {
    // A value is expected at pos_.
    SkipWs();
    if (AtEnd()) {
      if (stack_.empty()) {
        return Error(pos_, text_.empty() ? "the document is empty" : "expected a JSON value");
      }
      const Frame& f = stack_.back();
      return Error(pos_, std::string("unexpected end of input: the ") +
                             (f.container.is_array() ? "array" : "object") + " opened at " +
                             Where(f.open_pos) + " is not closed");
    }
    const char c = text_[pos_];
    bool have_value = true;
    if (c == '[' || c == '{') {
      if (static_cast<int>(stack_.size()) >= max_depth_) {
        return Error(pos_, "nesting deeper than the limit of " + std::to_string(max_depth_));
      }
      Frame frame;
      frame.container = c == '[' ? Value(Array{}) : Value(Object{});
      frame.open_pos = pos_;
      stack_.push_back(std::move(frame));
      ++pos_;
      SkipWs();
      if (!AtEnd() && text_[pos_] == (c == '[' ? ']' : '}')) {
        ++pos_;
        current = std::move(stack_.back().container);
        stack_.pop_back();
      } else if (c == '{') {
        RETURN_IF_ERROR(ParseKey(&stack_.back()));
        have_value = false;
      } else {
        have_value = false;
      }
    } else {
      RETURN_IF_ERROR(ParseScalar(&current));
    }
    if (!have_value) continue;

    // A complete value is in `current`: place it, then close containers as far as they end.
    bool need_value = false;
    while (!need_value) {
      if (stack_.empty()) {
        SkipWs();
        if (!AtEnd()) {
          return Error(pos_, "unexpected " + Describe(pos_) + " after the end of the JSON value");
        }
        return current;
      }
      Frame& f = stack_.back();
      const bool is_array = f.container.is_array();
      if (is_array) {
        f.container.AsArray().push_back(std::exchange(current, Value()));
      } else {
        f.container.AsObject().AppendUnchecked(std::move(f.key), std::exchange(current, Value()));
        f.key.clear();
      }
      SkipWs();
      if (AtEnd()) {
        return Error(pos_, std::string("unexpected end of input: the ") +
                               (is_array ? "array" : "object") + " opened at " + Where(f.open_pos) +
                               " is not closed");
      }
      const char d = text_[pos_];
      const char close = is_array ? ']' : '}';
      if (d == ',') {
        const size_t comma = pos_;
        ++pos_;
        SkipWs();
        if (!AtEnd() && text_[pos_] == close) {
          return Error(comma, std::string("trailing comma before '") + close + "'");
        }
        if (!is_array) RETURN_IF_ERROR(ParseKey(&f));
        need_value = true;
      } else if (d == close) {
        ++pos_;
        current = std::move(f.container);
        stack_.pop_back();
      } else if (d == '/') {
        return Error(pos_, "comments are not allowed in JSON");
      } else {
        return Error(pos_, std::string("expected ',' or '") + close + "' after " +
                               (is_array ? "an array element" : "an object member") + ", found " +
                               Describe(pos_));
      }
    }
  }
}

Status Parser::ParseKey(Frame* frame) {
  SkipWs();
  if (AtEnd() || text_[pos_] != '"') {
    if (!AtEnd() && text_[pos_] == '/') return Error(pos_, "comments are not allowed in JSON");
    if (!AtEnd() && text_[pos_] == '\'') {
      return Error(pos_, "member names must be in double quotes");
    }
    return Error(pos_, "expected a member name in double quotes, found " + Describe(pos_));
  }
  const size_t key_pos = pos_;
  std::string key;
  RETURN_IF_ERROR(ParseString(&key));
  Object& obj = frame->container.AsObject();
  bool duplicate = false;
  if (obj.size() < kLinearKeyScan) {
    duplicate = obj.Contains(key);
  } else {
    if (!frame->keys) {
      frame->keys = std::make_unique<std::unordered_set<std::string>>();
      for (const auto& member : obj) frame->keys->insert(member.first);
    }
    duplicate = !frame->keys->insert(key).second;
  }
  if (duplicate) return Error(key_pos, "duplicate member name \"" + key + "\"");
  SkipWs();
  if (AtEnd() || text_[pos_] != ':') {
    return Error(pos_, "expected ':' after member name \"" + key + "\", found " + Describe(pos_));
  }
  ++pos_;
  frame->key = std::move(key);
  return Status::Ok();
}

Status Parser::UnexpectedForValue() {
  const char c = text_[pos_];
  switch (c) {
    case '/':
      return Error(pos_, "comments are not allowed in JSON");
    case '\'':
      return Error(pos_, "strings must be in double quotes");
    case '+':
      return Error(pos_, "a number must not start with '+'");
    case '.':
      return Error(pos_, "a number must start with a digit");
    default:
      return Error(pos_, "expected a JSON value, found " + Describe(pos_));
  }
}

Status Parser::ParseScalar(Value* out) {
  const char c = text_[pos_];
  if (c == '"') {
    std::string s;
    RETURN_IF_ERROR(ParseString(&s));
    *out = Value(std::move(s));
    return Status::Ok();
  }
  if (c == '-' || IsDigit(c)) return ParseNumber(out);
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return ParseWord(out);
  return UnexpectedForValue();
}

Status Parser::ParseWord(Value* out) {
  const size_t start = pos_;
  size_t end = pos_;
  while (end < text_.size() &&
         ((text_[end] >= 'a' && text_[end] <= 'z') || (text_[end] >= 'A' && text_[end] <= 'Z') ||
          IsDigit(text_[end]) || text_[end] == '_')) {
    ++end;
  }
  const std::string_view word = text_.substr(start, end - start);
  if (word == "true") {
    *out = Value(true);
  } else if (word == "false") {
    *out = Value(false);
  } else if (word == "null") {
    *out = Value(nullptr);
  } else if (word == "NaN" || word == "Infinity") {
    return Error(start, std::string(word) + " is not a JSON number");
  } else {
    return Error(start, "unknown word '" + std::string(word.substr(0, 32)) +
                            "' (the only literals are true, false and null)");
  }
  pos_ = end;
  return Status::Ok();
}

Status Parser::ParseNumber(Value* out) {
  const size_t start = pos_;
  size_t p = pos_;
  const bool negative = text_[p] == '-';
  if (negative) {
    ++p;
    if (text_.substr(p, 8) == "Infinity") return Error(start, "-Infinity is not a JSON number");
    if (p >= text_.size() || !IsDigit(text_[p])) {
      return Error(p, "expected a digit after '-', found " + Describe(p));
    }
  }
  // Integer part: the decimal order of magnitude of the number is tracked so that a result out
  // of double range can be told apart as overflow (an error) or underflow (zero).
  int64_t magnitude = 0;
  bool seen_nonzero = false;
  if (text_[p] == '0') {
    ++p;
    if (p < text_.size() && IsDigit(text_[p])) {
      return Error(p - 1, "a number must not have a leading zero");
    }
  } else {
    while (p < text_.size() && IsDigit(text_[p])) {
      if (seen_nonzero || text_[p] != '0') {
        if (seen_nonzero) ++magnitude;
        seen_nonzero = true;
      }
      ++p;
    }
  }
  if (p < text_.size() && text_[p] == '.') {
    ++p;
    if (p >= text_.size() || !IsDigit(text_[p])) {
      return Error(p, "expected a digit after the decimal point, found " + Describe(p));
    }
    int64_t leading_zeros = 0;
    while (p < text_.size() && IsDigit(text_[p])) {
      if (!seen_nonzero) {
        if (text_[p] == '0') {
          ++leading_zeros;
        } else {
          seen_nonzero = true;
          magnitude = -(leading_zeros + 1);
        }
      }
      ++p;
    }
  }
  int64_t exponent = 0;
  if (p < text_.size() && (text_[p] == 'e' || text_[p] == 'E')) {
    ++p;
    bool exp_negative = false;
    if (p < text_.size() && (text_[p] == '+' || text_[p] == '-')) {
      exp_negative = text_[p] == '-';
      ++p;
    }
    if (p >= text_.size() || !IsDigit(text_[p])) {
      return Error(p, "expected a digit in the exponent, found " + Describe(p));
    }
    while (p < text_.size() && IsDigit(text_[p])) {
      if (exponent < 100000) exponent = exponent * 10 + (text_[p] - '0');
      ++p;
    }
    if (exp_negative) exponent = -exponent;
  }
  double d = 0;
  const auto r = std::from_chars(text_.data() + start, text_.data() + p, d);
  if (r.ec == std::errc::result_out_of_range) {
    if (seen_nonzero && magnitude + exponent >= 0) {
      return Error(start, "number " +
                              std::string(text_.substr(start, std::min<size_t>(p - start, 40))) +
                              " is too large for a double");
    }
    d = negative ? -0.0 : 0.0;  // below the smallest subnormal: rounds to zero
  } else if (r.ec != std::errc() || r.ptr != text_.data() + p) {
    return Error(start, "malformed number");
  }
  *out = Value(d);
  pos_ = p;
  return Status::Ok();
}

Status Parser::ParseString(std::string* out) {
  const size_t start = pos_;
  ++pos_;  // the opening quote
  for (;;) {
    // Copy a run of bytes that need no attention.
    size_t run = pos_;
    while (run < text_.size() && !kStringStop[static_cast<unsigned char>(text_[run])]) ++run;
    out->append(text_.data() + pos_, run - pos_);
    pos_ = run;
    if (out->size() > limits_.max_string_bytes) {
      return Error(start, "string longer than the limit of " +
                              std::to_string(limits_.max_string_bytes) + " bytes");
    }
    if (AtEnd()) {
      return Error(start, "unterminated string (no closing '\"' before the end of input)");
    }
    const auto b = static_cast<unsigned char>(text_[pos_]);
    if (b == '"') {
      ++pos_;
      return Status::Ok();
    }
    if (b == '\\') {
      RETURN_IF_ERROR(ParseEscape(out, start));
    } else if (b < 0x20) {
      return Error(pos_,
                   "control character " + HexCodePoint(b) + " must be escaped inside a string");
    } else {
      // A lead byte that may start a noncharacter (the input is known to be valid UTF-8).
      size_t len = 0;
      const uint32_t cp = DecodeUtf8At(text_, pos_, &len);
      if (IsNoncharacter(cp)) {
        return Error(pos_, "noncharacter " + HexCodePoint(cp) + " is not allowed (I-JSON)");
      }
      out->append(text_.data() + pos_, len);
      pos_ += len;
    }
  }
}

Status Parser::ParseEscape(std::string* out, size_t string_start) {
  const size_t esc = pos_;
  ++pos_;
  if (AtEnd()) {
    return Error(string_start, "unterminated string (no closing '\"' before the end of input)");
  }
  const char c = text_[pos_];
  ++pos_;
  switch (c) {
    case '"':
      out->push_back('"');
      return Status::Ok();
    case '\\':
      out->push_back('\\');
      return Status::Ok();
    case '/':
      out->push_back('/');
      return Status::Ok();
    case 'b':
      out->push_back('\b');
      return Status::Ok();
    case 'f':
      out->push_back('\f');
      return Status::Ok();
    case 'n':
      out->push_back('\n');
      return Status::Ok();
    case 'r':
      out->push_back('\r');
      return Status::Ok();
    case 't':
      out->push_back('\t');
      return Status::Ok();
    case 'u':
      break;
    default:
      return Error(esc, "invalid escape '\\" +
                            (c >= 0x21 && c < 0x7F ? std::string(1, c) : Describe(pos_ - 1)) +
                            "' (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
  }
  auto read4 = [&](size_t at, uint32_t* v) -> bool {
    if (at + 4 > text_.size()) return false;
    uint32_t x = 0;
    for (size_t i = 0; i < 4; ++i) {
      const int h = HexDigit(text_[at + i]);
      if (h < 0) return false;
      x = x << 4 | static_cast<uint32_t>(h);
    }
    *v = x;
    return true;
  };
  uint32_t cp = 0;
  if (!read4(pos_, &cp)) return Error(esc, "\\u must be followed by four hex digits");
  pos_ += 4;
  if (cp >= 0xDC00 && cp <= 0xDFFF) {
    return Error(esc, "lone low surrogate \\u" + HexCodePoint(cp).substr(2) +
                          " (not preceded by a high surrogate)");
  }
  if (cp >= 0xD800 && cp <= 0xDBFF) {
    uint32_t low = 0;
    if (pos_ + 1 < text_.size() && text_[pos_] == '\\' && text_[pos_ + 1] == 'u' &&
        read4(pos_ + 2, &low) && low >= 0xDC00 && low <= 0xDFFF) {
      pos_ += 6;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    } else {
      return Error(esc, "lone high surrogate \\u" + HexCodePoint(cp).substr(2) +
                            " (not followed by a low surrogate \\uDC00..\\uDFFF)");
    }
  }
  if (IsNoncharacter(cp)) {
    return Error(esc, "noncharacter " + HexCodePoint(cp) + " is not allowed (I-JSON)");
  }
  AppendUtf8(out, cp);
  return Status::Ok();
}

Result<Value> Parse(std::string_view text, const ParseLimits& limits) {
  Parser parser(text, limits);
  return parser.Run();
}

}  // namespace corridor::json
