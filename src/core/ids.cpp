#include "core/ids.hpp"

#include <array>

#include "core/encoding.hpp"

namespace corridor {

std::string NewIdText(std::string_view prefix, Rng& rng) {
  std::array<uint8_t, 10> bytes{};
  rng.Fill(bytes);
  std::string out(prefix);
  out += '-';
  out += Base32Encode(bytes);
  return out;
}

Status CheckIdText(std::string_view text) {
  if (text.empty() || text.size() > 64) {
    return Status::InvalidArgument("an identifier must be 1 to 64 characters long");
  }
  for (char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok)
      return Status::InvalidArgument("an identifier may hold only A-Z, a-z, 0-9, '.', '_', '-'");
  }
  return Status::Ok();
}

}  // namespace corridor
