// The audit behind `corridor audit verify`: the ledger recomputed and checked against its signed
// heads (ledger/verify.hpp), and in the same pass over the events the current state checked
// against the ledger (docs/formats/ledger.md §6):
//   - each event row's indexed columns (type, subject, time_ms) against the event;
//   - each record of every table of documents (store/documents.hpp): its stored document against
//     the hash the last event that wrote it carries, its ledger_idx against that event, the
//     columns it is found by against its document, and a contract's terms against the digest
//     the ledger recorded;
//   - each record an event names against its table (a record deleted behind the node's back).
// Every disagreeing record is named (table, key, what differs); no value of a record appears.
//
// Memory: the ledger's right edge, plus one entry per record the events name (its hash and the
// event's index), so the tables are read once, in key order, in batches.
// Thread-safety: uses the store's connections from the calling thread only.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "ledger/verify.hpp"

namespace corridor::store {

class Store;

struct StateFinding {
  std::string table;    // a table of documents, or "ledger_events"
  std::string id;       // the record's key, or the event's index
  std::string problem;  // what differs: columns and events by name and index, never values
  bool operator==(const StateFinding&) const = default;
};

struct StateReport {
  bool checked = false;           // false when the ledger itself did not verify
  uint64_t events_checked = 0;    // event rows whose indexed columns were compared
  uint64_t records_checked = 0;   // rows read from the tables of documents
  uint64_t records_verified = 0;  // rows whose document is the one their last event carries
  // Rows no event of record format 2 names, in a ledger that began before record hashes
  // (version 1 events): written by an older node, they cannot be checked against a hash.
  uint64_t records_unverifiable = 0;
  uint64_t findings_total = 0;
  std::vector<StateFinding> findings;  // the first kMaxFindings, in table and key order
  bool ok() const { return checked && findings_total == 0; }
};

inline constexpr size_t kMaxFindings = 1000;

struct AuditReport {
  ledger::VerifyReport ledger;
  StateReport state;
  bool ok() const { return ledger.ok && state.ok(); }
};

// The ledger, then the state. When the ledger does not verify the state is not checked (the
// events it would be checked against are in doubt); the report says so.
// The ledger and the tables are read in one snapshot, so the audit may run beside a serving node.
// `between`, for tests, runs after the ledger's verification and before the tables are read.
Result<AuditReport> Audit(Store& store, const std::function<void()>& between = {});

}  // namespace corridor::store
