// Statistics releases in the store (docs/statistics.md, "Releases"; schema migration 14): the
// release record (a table of documents, so the ledger vouches for it), its published tables as the
// API serves them, its files, and the secret seed of its random rounding.
//
// Everything of a release is written once, in the write transaction that records
// statistics.released; nothing here updates or deletes a release.
// Thread-safety: as the transaction (one thread).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "domain/statistics_release.hpp"
#include "store/store.hpp"

namespace corridor::store {

// AlreadyExists when a release of that id is stored.
Status InsertRelease(WriteTx& tx, const domain::ReleaseSummary& r);
Result<std::optional<domain::ReleaseSummary>> GetRelease(ReadTx& tx, std::string_view id);
// Every release, newest month first.
Result<std::vector<domain::ReleaseSummary>> ListReleases(ReadTx& tx);

Status PutReleaseSeed(WriteTx& tx, std::string_view release, uint64_t seed);

// A stored body (a table's JSON, a file) and its SHA-256 in hex.
struct StoredBody {
  std::string content_type;
  std::string body;
  std::string sha256;
};
// cols "" for a one-dimensional table.
Status InsertReleaseTable(WriteTx& tx, std::string_view release, std::string_view indicator,
                          std::string_view rows, std::string_view cols, const std::string& body);
Result<std::optional<StoredBody>> GetReleaseTable(ReadTx& tx, std::string_view release,
                                                  std::string_view indicator, std::string_view rows,
                                                  std::string_view cols);
Status InsertReleaseFile(WriteTx& tx, std::string_view release, std::string_view name,
                         std::string_view content_type, const std::string& body);
Result<std::optional<StoredBody>> GetReleaseFile(ReadTx& tx, std::string_view release,
                                                 std::string_view name);

// The earliest time of a ledger event at or after index `from`, if any (whether the aggregator
// has folded every event of a month).
Result<std::optional<Timestamp>> EarliestEventFrom(ReadTx& tx, uint64_t from);

}  // namespace corridor::store
