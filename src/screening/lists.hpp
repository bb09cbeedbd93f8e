// Parsers for the watchlists Corridor screens against, each producing WatchlistEntry values:
//
//  - the UN Security Council consolidated list, in its official XML format;
//  - the OFAC Specially Designated Nationals list, in its official CSV files (the main file and
//    the alias file), with dates of birth, nationalities, sex and passports taken out of the
//    free-text Remarks;
//  - the plain CSV of national lists and lost or stolen travel documents described in
//    docs/formats/watchlists.md.
//
// Every parser reads a stream record by record (the XML one element by element), checks each
// value it uses, and on the first error returns a Status naming the line (and for XML the
// element) and no entries at all: a list is loaded whole or not at all.
//
// Thread-safety: the functions share no state; each call may run on its own thread.
#pragma once

#include <istream>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "screening/watchlist.hpp"

namespace corridor::screening {

struct ListLimits {
  size_t max_entries = 5'000'000;
  size_t max_field_bytes = 64 * 1024;
};

// The UN consolidated list (INDIVIDUALS and ENTITIES). list = "UN", entry_id = DATAID.
Result<std::vector<WatchlistEntry>> ParseUnConsolidatedList(std::istream& xml,
                                                            const ListLimits& limits = {});

// The OFAC SDN main file (sdn.csv: 12 columns, no header, "-0-" for empty) and its alias file
// (alt.csv: 5 columns). list = "OFAC-SDN", entry_id = ent_num. An alias whose ent_num is not in
// the main file is an error.
Result<std::vector<WatchlistEntry>> ParseOfacSdn(std::istream& sdn_csv, std::istream& alt_csv,
                                                 const ListLimits& limits = {});

// What ParseOfacSdn takes out of one Remarks text (exposed for tests and for the officer's view).
struct OfacRemarks {
  std::vector<BirthDate> dobs;
  std::vector<std::string> nationalities;  // alpha-3 when recognised
  std::vector<TravelDocument> documents;   // passports and national ids with their country
  Sex sex = Sex::kUnknown;
  std::vector<std::string> aliases;  // a.k.a. 'X' inside the remarks
};
// Unrecognised parts of the text are ignored; a "DOB" whose date cannot be read is an error.
Result<OfacRemarks> ParseOfacRemarks(std::string_view remarks);

// The national-list and lost/stolen-document CSV of docs/formats/watchlists.md (with header).
Result<std::vector<WatchlistEntry>> ParseNationalList(std::istream& csv,
                                                      const ListLimits& limits = {});

}  // namespace corridor::screening
