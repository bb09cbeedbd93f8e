// The border's records in the store: watchlists with every version they had, crossings,
// screening hits and overstay flags (schema migration 4).
//
// Watchlists are kept as a history: an entry's row lives from the version that added it until
// the version that removed or changed it, so any version of a list can be read back exactly.
// A version's digest is the SHA-256 of its entries' canonical JSON lines in entry-id order
// (docs/formats/watchlists.md, "Stored versions"); the service records it in the ledger, so a
// version read back can be checked against what the ledger says was in force.
//
// Free functions over the transaction the caller holds: writes go through Store::Write (with
// their ledger events recorded by the caller in the same transaction), reads through Store::Read.
// Thread-safety: as the transaction they are given (one thread).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "domain/border.hpp"
#include "json/json.hpp"
#include "screening/watchlist.hpp"
#include "store/store.hpp"

namespace corridor::store {

// ---------------------------------------------------------------- watchlists

// The stored JSON form of a watchlist entry; its canonical text is the entry's line in a
// version's digest and export. Decoding refuses unknown fields and names the field path.
json::Value WatchlistEntryToJson(const screening::WatchlistEntry& e);
Result<screening::WatchlistEntry> WatchlistEntryFromJson(const json::Value& v);

// A file an import was read from: its name (without directories), SHA-256 and size.
struct ListSource {
  std::string name;
  std::string sha256;
  uint64_t bytes = 0;
};

struct ListVersionInfo {
  std::string list_id;
  int64_t version = 0;
  std::string format;  // "un-xml", "ofac-csv", "csv"
  std::string digest;  // SHA-256 (hex) of the version's entry lines
  int64_t entries = 0;
  int64_t added = 0;    // entries new in this version
  int64_t changed = 0;  // entries whose content changed
  int64_t removed = 0;  // entries of the previous version no longer listed
  std::vector<ListSource> sources;
  std::string imported_by;
  Timestamp imported_at;
};

// The digest of a version from its entry lines (each an entry's canonical JSON), which must be
// sorted by entry id.
std::string ListDigest(const std::vector<std::string>& sorted_lines);

struct ListReplacement {
  ListVersionInfo now;
  std::optional<ListVersionInfo> previous;
};

// Replaces the list `list_id` by `entries` (every one of them of that list, entry ids unique):
// a new version numbered one above the current, with the unchanged entries carried over and the
// others closed or added. Records no ledger event (the caller does, in the same transaction).
Result<ListReplacement> ReplaceWatchlist(
    WriteTx& tx, std::string_view list_id, std::string_view format,
    const std::vector<const screening::WatchlistEntry*>& entries,
    const std::vector<ListSource>& sources, const std::string& imported_by);

// The current version of every list, by list id.
Result<std::vector<ListVersionInfo>> ListWatchlists(ReadTx& tx);
// Every version of one list, oldest first.
Result<std::vector<ListVersionInfo>> ListWatchlistVersions(ReadTx& tx, std::string_view list_id);
// The entry lines of one version in entry-id order (NotFound for an unknown list or version).
Status ReadWatchlistVersion(ReadTx& tx, std::string_view list_id, int64_t version,
                            const std::function<Status(const std::string& line)>& on_line);
// The entries of the current version of every list.
Result<std::vector<screening::WatchlistEntry>> LoadCurrentWatchlists(ReadTx& tx);

// ---------------------------------------------------------------- crossings

// Numbers the crossing after every one stored (its order among crossings of the same instant).
Status InsertCrossing(WriteTx& tx, const domain::Crossing& c);
Result<domain::Crossing> GetCrossing(ReadTx& tx, const domain::CrossingId& id);

struct CrossingFilter {
  std::optional<WorkerId> worker;
  std::string document_key;  // "ISSUING_STATE:NUMBER"
};
Result<std::vector<domain::Crossing>> ListCrossings(ReadTx& tx, const CrossingFilter& f,
                                                    const Page& page);
// The latest crossing of the person (domain::PersonKey), if any.
Result<std::optional<domain::Crossing>> LatestCrossing(ReadTx& tx, std::string_view person_key);
// Entries that are their person's latest crossing and have no overstay flag, by id.
Result<std::vector<domain::Crossing>> UnflaggedOpenEntries(ReadTx& tx, const Page& page);

// ---------------------------------------------------------------- hits

Status InsertHit(WriteTx& tx, const domain::ScreeningHit& h);
Status UpdateHit(WriteTx& tx, const domain::ScreeningHit& h);
Result<domain::ScreeningHit> GetHit(ReadTx& tx, const domain::HitId& id);
struct HitFilter {
  std::optional<domain::HitState> state;
  std::optional<domain::CrossingId> crossing;
};
Result<std::vector<domain::ScreeningHit>> ListHits(ReadTx& tx, const HitFilter& f,
                                                   const Page& page);

// ---------------------------------------------------------------- overstays

// Refuses a second flag for the same entry (AlreadyExists).
Status InsertOverstay(WriteTx& tx, const domain::OverstayFlag& f);
Status UpdateOverstay(WriteTx& tx, const domain::OverstayFlag& f);
Result<std::optional<domain::OverstayFlag>> FindOverstayForEntry(ReadTx& tx,
                                                                 const domain::CrossingId& entry);
// Flags by id; `open_only`: those whose person has not departed since.
Result<std::vector<domain::OverstayFlag>> ListOverstays(ReadTx& tx, bool open_only,
                                                        const Page& page);

}  // namespace corridor::store
