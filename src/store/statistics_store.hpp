// The statistics aggregator's tables (docs/statistics.md, schema migration 13): the counters, the
// places records hold in stock indicators, the employers' active contracts and the position in the
// ledger up to which events are folded.
//
// Free functions over a connection the caller holds inside one transaction: the aggregator
// (service/statistics.hpp) writes a batch's deltas, places and position together, so a crash
// repeats nothing and loses nothing. These tables are not tables of documents and are not
// recorded in the ledger: they are derived from it, and `corridor stats rebuild` derives them
// again.
// Thread-safety: as the connection (one thread).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "core/time.hpp"
#include "domain/statistics.hpp"
#include "store/database.hpp"

namespace corridor::store {

// Takes the position row's lock for this write transaction (folders queue here: a node's periodic
// fold and a rebuild never fold the same event twice) and returns the position.
Result<uint64_t> LockStatsPosition(Connection& conn);
Result<uint64_t> StatsPosition(Connection& conn);
Status SetStatsPosition(Connection& conn, uint64_t folded);

// Adds each delta to its counter (created at 0).
Status AddStatDeltas(Connection& conn, std::span<const domain::StatDelta> deltas);
// Every non-zero counter, of one indicator ("" for all), ordered by key.
Result<std::vector<domain::StatDelta>> ListStatCounters(Connection& conn,
                                                        std::string_view indicator = "");

// The stock places of one record.
Result<std::vector<domain::StockPlace>> StatPlacesOf(Connection& conn, std::string_view record);
Status PutStatPlace(Connection& conn, const domain::StockPlace& place);
Status DeleteStatPlace(Connection& conn, const domain::StockPlace& place);

// An employer's active contracts (zeros and month "" for one never seen).
Result<domain::EmployerActivity> GetEmployerActivity(Connection& conn, std::string_view employer);
Status PutEmployerActivity(Connection& conn, std::string_view employer,
                           const domain::EmployerActivity& a);

// Empties the counters, places and employers, and sets the position to 0.
Status ClearStatistics(Connection& conn);

// Ledger events from index `from` on, at most `limit`, in index order.
struct LedgerRow {
  uint64_t index = 0;
  std::string type;
  std::string subject;
  Timestamp time;
  std::string event;  // the stored event (ledger::DecodeEvent)
};
Result<std::vector<LedgerRow>> LedgerEventsFrom(Connection& conn, uint64_t from, int limit);

}  // namespace corridor::store
