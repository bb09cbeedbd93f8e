// Which writing system a piece of text is written in (ICU's script property of its letters),
// and UTF-8 <-> code point helpers shared by the screening code.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "screening/watchlist.hpp"

namespace corridor::screening {

// The script of most letters of `text` (Han wins over Kana when kana is absent; any kana makes
// the text Japanese). Digits and punctuation do not count.
Script DetectScript(std::string_view text);

// The script of one code point (kUnknown for non-letters).
Script ScriptOf(char32_t c);

std::u32string ToU32(std::string_view utf8);  // invalid bytes become U+FFFD
std::string ToUtf8(std::u32string_view text);

}  // namespace corridor::screening
