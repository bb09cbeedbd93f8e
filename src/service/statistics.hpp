// The statistics aggregator (docs/statistics.md, "Computing figures from the ledger"): folds the
// node's ledger events into counters, in ledger order, from where it stopped.
//
// Each batch of events is folded in one write transaction that also moves the aggregator's
// position past it (store/statistics_store.hpp), so a crash in the middle repeats nothing and
// loses nothing. The facts an event's figures are broken down by (corridor, occupation, sex, age
// band, employer size band) are read from the records the event names when it is folded
// (domain/statistics.hpp has the folds). The node runs FoldNew after each head interval
// (app/node.cpp); `corridor stats rebuild` runs Rebuild.
//
// Thread-safety: shared by all threads; concurrent folds (also from another process) queue on
// the position's row lock.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "domain/statistics.hpp"
#include "store/store.hpp"

namespace corridor::service {

class Statistics {
 public:
  // `batch`: events folded per transaction.
  explicit Statistics(store::Store& store, int batch = 500) : store_(store), batch_(batch) {}

  // Folds the events past the position, whole batches until at least `at_most` events are folded
  // or none is left (the node bounds each run so that a long catch-up, after an upgrade or a
  // rebuild, never holds its periodic thread for long); returns how many were folded.
  Result<uint64_t> FoldNew(uint64_t at_most = UINT64_MAX);
  // Empties the counters and folds the whole ledger from its first event; returns how many
  // events were folded. Figures read meanwhile are partial.
  Result<uint64_t> Rebuild();
  // The position: events with an index below it are folded.
  Result<uint64_t> Position();
  // Every non-zero counter of an indicator ("" for all), ordered by key. Raw counts: never
  // published as they are (disclosure control comes first, docs/statistics.md).
  Result<std::vector<domain::StatDelta>> Counters(std::string_view indicator = "");

 private:
  // Folds at most one batch; returns how many events it folded (0 at the ledger's end).
  Result<uint64_t> FoldBatch();

  store::Store& store_;
  int batch_;
};

}  // namespace corridor::service
