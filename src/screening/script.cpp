#include "screening/script.hpp"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <array>

namespace corridor::screening {

Script ScriptOf(char32_t c) {
  if (!u_isalpha(static_cast<UChar32>(c)) &&
      u_charType(static_cast<UChar32>(c)) != U_NON_SPACING_MARK &&
      u_charType(static_cast<UChar32>(c)) != U_COMBINING_SPACING_MARK) {
    return Script::kUnknown;
  }
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode code = uscript_getScript(static_cast<UChar32>(c), &status);
  if (U_FAILURE(status)) return Script::kOther;
  switch (code) {
    case USCRIPT_LATIN:
      return Script::kLatin;
    case USCRIPT_ARABIC:
      return Script::kArabic;
    case USCRIPT_HEBREW:
      return Script::kHebrew;
    case USCRIPT_CYRILLIC:
      return Script::kCyrillic;
    case USCRIPT_GREEK:
      return Script::kGreek;
    case USCRIPT_DEVANAGARI:
      return Script::kDevanagari;
    case USCRIPT_BENGALI:
      return Script::kBengali;
    case USCRIPT_HAN:
      return Script::kHan;
    case USCRIPT_HANGUL:
      return Script::kHangul;
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
      return Script::kKana;
    case USCRIPT_THAI:
      return Script::kThai;
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED:
      return Script::kUnknown;
    default:
      return Script::kOther;
  }
}

Script DetectScript(std::string_view text) {
  std::array<int, static_cast<size_t>(Script::kUnknown) + 1> counts{};
  for (char32_t c : ToU32(text)) ++counts[static_cast<size_t>(ScriptOf(c))];
  if (counts[static_cast<size_t>(Script::kKana)] > 0) return Script::kKana;
  Script best = Script::kUnknown;
  int best_count = 0;
  for (size_t i = 0; i < static_cast<size_t>(Script::kUnknown); ++i) {
    if (counts[i] > best_count) {
      best_count = counts[i];
      best = static_cast<Script>(i);
    }
  }
  return best;
}

std::u32string ToU32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(c);
      ++i;
      continue;
    }
    const size_t n = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 0;
    char32_t cp = n == 1 ? (c & 0x1F) : n == 2 ? (c & 0x0F) : (c & 0x07);
    bool ok = n > 0 && i + n < s.size();
    for (size_t k = 1; ok && k <= n; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) ok = false;
      cp = cp << 6 | (cc & 0x3F);
    }
    if (!ok) {
      out.push_back(U'\uFFFD');
      ++i;
      continue;
    }
    out.push_back(cp);
    i += n + 1;
  }
  return out;
}

std::string ToUtf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t c : text) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

}  // namespace corridor::screening
