// Byte encodings used at boundaries: hex (digests in logs and files), base64url without padding
// (signatures and keys in JSON), and Crockford base32 (identifiers people may read aloud).
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace corridor {

using Bytes = std::vector<uint8_t>;

std::string HexEncode(std::span<const uint8_t> bytes);
Result<Bytes> HexDecode(std::string_view hex);

std::string Base64UrlEncode(std::span<const uint8_t> bytes);  // RFC 4648 §5, no padding
Result<Bytes> Base64UrlDecode(std::string_view text);

std::string Base32Encode(std::span<const uint8_t> bytes);  // Crockford alphabet, no padding

inline std::span<const uint8_t> AsBytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

}  // namespace corridor
