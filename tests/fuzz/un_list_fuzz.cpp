// Fuzz target for the UN Security Council consolidated list reader (XML, libxml2's reader under
// our checks), with small limits so that the limit paths are reached too. Besides "no crash, no
// sanitizer report, no network or file access by the XML parser": a list loads whole with entries
// that keep the parser's promises (watchlist_checks.hpp), or is refused with a precise error.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "screening/lists.hpp"
#include "watchlist_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 256 * 1024) return 0;
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (const size_t max_entries : {size_t{5'000'000}, size_t{2}}) {
    corridor::screening::ListLimits limits;
    limits.max_entries = max_entries;
    limits.max_field_bytes = max_entries == 2 ? 64 : 64 * 1024;
    std::istringstream in(text);
    const auto entries = corridor::screening::ParseUnConsolidatedList(in, limits);
    if (!entries.ok()) {
      corridor::fuzz::CheckRefusal(entries.status());
      continue;
    }
    FUZZ_REQUIRE(entries->size() <= max_entries);
    corridor::fuzz::CheckEntries(*entries);
  }
  return 0;
}
