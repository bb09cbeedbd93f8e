// Fuzz target for the OFAC SDN reader: the input is the main file (sdn.csv), then, after the
// first line holding only "%%" if there is one, the alias file (alt.csv); the free-text Remarks
// reader is also given the whole input. Besides "no crash, no sanitizer report": a list loads
// whole with entries that keep the parser's promises (watchlist_checks.hpp), or is refused with a
// precise error; remarks read into dates that write and read back and documents keyed as
// compared.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "screening/lists.hpp"
#include "watchlist_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 256 * 1024) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string_view sdn = text;
  std::string_view alt;
  if (const size_t cut = text.find("\n%%\n"); cut != std::string_view::npos) {
    sdn = text.substr(0, cut + 1);
    alt = text.substr(cut + 4);
  }
  std::istringstream sdn_in{std::string(sdn)};
  std::istringstream alt_in{std::string(alt)};
  const auto entries = corridor::screening::ParseOfacSdn(sdn_in, alt_in);
  if (entries.ok()) {
    corridor::fuzz::CheckEntries(*entries);
  } else {
    corridor::fuzz::CheckRefusal(entries.status());
  }
  const auto remarks = corridor::screening::ParseOfacRemarks(text.substr(0, 4096));
  if (remarks.ok()) {
    for (const auto& b : remarks->dobs) {
      const auto again = corridor::screening::ParseBirthDate(b.ToString());
      FUZZ_REQUIRE(again.ok() && again->ToString() == b.ToString());
    }
    for (const auto& d : remarks->documents) {
      FUZZ_REQUIRE(d.key == corridor::screening::NormalizeDocumentNumber(d.number));
    }
  }
  return 0;
}
