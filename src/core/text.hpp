// Text checks shared by every parser: UTF-8 validity, trimming, and length limits.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/status.hpp"

namespace corridor {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Counts code points of well-formed UTF-8.
size_t Utf8Length(std::string_view s);

std::string_view TrimAscii(std::string_view s);

// A required, trimmed text field of 1..max_chars code points, valid UTF-8 and free of control
// characters; the error names `field`.
Result<std::string> RequiredText(std::string_view value, std::string_view field, size_t max_chars);

bool IsAsciiDigits(std::string_view s);
bool IsAsciiUpper(std::string_view s);

}  // namespace corridor
