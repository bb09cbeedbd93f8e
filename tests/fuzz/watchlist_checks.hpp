// What every watchlist parser promises of a list it loaded (src/screening/lists.hpp,
// docs/formats/watchlists.md), checked by the list fuzz targets. Test-only.
#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "fuzz_check.hpp"
#include "screening/watchlist.hpp"

namespace corridor::fuzz {

// A loaded list: entries with an id unique within their list, a name unless the entry is a
// document, document keys in their compared form, birth dates that write and read back.
inline void CheckEntries(const std::vector<screening::WatchlistEntry>& entries) {
  std::set<std::pair<std::string, std::string>> ids;
  for (const screening::WatchlistEntry& e : entries) {
    FUZZ_REQUIRE(!e.list.empty());
    FUZZ_REQUIRE(!e.entry_id.empty());
    FUZZ_REQUIRE(ids.emplace(e.list, e.entry_id).second);
    if (e.kind == screening::EntryKind::kDocument) {
      FUZZ_REQUIRE(!e.documents.empty());
    } else {
      FUZZ_REQUIRE(!e.names.empty());
    }
    for (const screening::TravelDocument& d : e.documents) {
      FUZZ_REQUIRE(d.key == screening::NormalizeDocumentNumber(d.number));
    }
    for (const screening::BirthDate& b : e.dobs) {
      FUZZ_REQUIRE(b.from_year <= b.to_year);
      const Result<screening::BirthDate> again = screening::ParseBirthDate(b.ToString());
      FUZZ_REQUIRE(again.ok());
      FUZZ_REQUIRE(again->ToString() == b.ToString());
    }
  }
}

// A refused list: an InvalidArgument naming where.
inline void CheckRefusal(const Status& s) {
  FUZZ_REQUIRE(s.code() == Code::kInvalidArgument || s.code() == Code::kResourceExhausted);
  FUZZ_REQUIRE(!s.message().empty());
}

}  // namespace corridor::fuzz
