// Fuzz target for the national-list and lost-or-stolen-document CSV reader
// (docs/formats/watchlists.md), with the default limits and small ones. Besides "no crash, no
// sanitizer report": a list loads whole with entries that keep the parser's promises
// (watchlist_checks.hpp), or is refused with an error naming its line.
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
    limits.max_field_bytes = max_entries == 2 ? 32 : 64 * 1024;
    std::istringstream in(text);
    const auto entries = corridor::screening::ParseNationalList(in, limits);
    if (!entries.ok()) {
      corridor::fuzz::CheckRefusal(entries.status());
      FUZZ_REQUIRE(entries.status().message().rfind("line ", 0) == 0);
      continue;
    }
    FUZZ_REQUIRE(entries->size() <= max_entries);
    corridor::fuzz::CheckEntries(*entries);
  }
  return 0;
}
