// UTF-8 helpers private to the JSON module: locating the first invalid sequence or noncharacter,
// decoding one code point, and encoding one. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace corridor::json {

// Offset of the first byte that does not start a well-formed UTF-8 sequence (overlong forms,
// surrogates and values above U+10FFFF are ill-formed), or npos.
size_t FindInvalidUtf8(std::string_view s);

// Offset of the first noncharacter (U+FDD0..U+FDEF, U+xxFFFE, U+xxFFFF) in well-formed UTF-8,
// or npos. RFC 7493 §2.1 forbids them in I-JSON.
size_t FindNoncharacter(std::string_view s);

bool IsNoncharacter(uint32_t cp);

// Decodes the code point starting at s[pos] of well-formed UTF-8; sets *len to its byte count.
uint32_t DecodeUtf8At(std::string_view s, size_t pos, size_t* len);

void AppendUtf8(std::string* out, uint32_t cp);

}  // namespace corridor::json
