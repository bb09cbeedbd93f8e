#include "core/text.hpp"

#include <cstdint>
#include <cstring>

namespace corridor {

bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  // ASCII fast path, eight bytes at a time (most fields of most files are plain ASCII).
  while (end - p >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    if (w & 0x8080808080808080ULL) break;
    p += 8;
  }
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int n = 0;
    uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (end - p <= n) return false;
    for (int i = 1; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = cp << 6 | (p[i] & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000)) return false;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    p += n + 1;
  }
  return true;
}

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string_view TrimAscii(std::string_view s) {
  size_t b = 0;
  size_t e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n')) {
    --e;
  }
  return s.substr(b, e - b);
}

Result<std::string> RequiredText(std::string_view value, std::string_view field, size_t max_chars) {
  const std::string_view t = TrimAscii(value);
  if (t.empty()) return Status::InvalidArgument("is required", std::string(field));
  if (!IsValidUtf8(t)) return Status::InvalidArgument("is not valid UTF-8", std::string(field));
  for (char c : t) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      return Status::InvalidArgument("contains a control character", std::string(field));
    }
  }
  if (Utf8Length(t) > max_chars) {
    return Status::InvalidArgument("is longer than " + std::to_string(max_chars) + " characters",
                                   std::string(field));
  }
  return std::string(t);
}

bool IsAsciiDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool IsAsciiUpper(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

}  // namespace corridor

namespace corridor {

std::string ErrnoText(int err) {
  char buf[256];
  // The GNU strerror_r returns the message, which may or may not be written into `buf`.
  const char* text = ::strerror_r(err, buf, sizeof(buf));
  return text != nullptr ? std::string(text) : "error " + std::to_string(err);
}

}  // namespace corridor
