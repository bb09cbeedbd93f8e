// The engine behind `corridor audit verify`: re-reads a node's ledger once, in order, recomputes
// the Merkle tree and checks it against the node's signed tree heads and, when given, against the
// stored perfect-subtree nodes. It names the first problem precisely: the missing, edited or
// reordered event, or the smallest range a rewrite can be pinned to. What is checked, in what
// order, and the wording are in docs/formats/ledger.md §5.
//
// Streaming: memory is constant apart from the tree's right edge (at most 64 hashes), so it runs
// over millions of events. Pure: the store is reached only through EventReader and NodeSource.
//
// Thread-safety: VerifyLog uses its reader and node source from the calling thread only.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "crypto/crypto.hpp"
#include "ledger/event.hpp"
#include "ledger/merkle.hpp"
#include "ledger/tree_head.hpp"

namespace corridor::ledger {

// One event as the store holds it: its index (the store's key), its bytes (the leaf input) and
// the leaf hash written beside them.
struct StoredEvent {
  uint64_t index = 0;
  std::string bytes;
  Hash leaf_hash{};
  // The columns the store finds events by, when the reader reads them: an observer checks them
  // against the event (docs/formats/ledger.md §6).
  struct Indexed {
    std::string type;
    std::string subject;
    int64_t time_ms = 0;
  };
  std::optional<Indexed> indexed;
};

// Told of each event VerifyLog found sound, in order, with the event decoded: what the store's
// audit of the state needs from the ledger, gathered in the same single pass.
class EventObserver {
 public:
  virtual ~EventObserver() = default;
  virtual void Observe(const StoredEvent& stored, const Event& event) = 0;
};

class EventReader {
 public:
  virtual ~EventReader() = default;
  // The next event in ascending stored order into `out`; false at the end.
  virtual Result<bool> Next(StoredEvent& out) = 0;
};

// Events from a vector: for tests and small tools.
class MemoryEventReader final : public EventReader {
 public:
  explicit MemoryEventReader(std::span<const StoredEvent> events) : events_(events) {}
  Result<bool> Next(StoredEvent& out) override;

 private:
  std::span<const StoredEvent> events_;
  size_t next_ = 0;
};

// Leaves [begin, end), 0-based.
struct EventRange {
  uint64_t begin = 0;
  uint64_t end = 0;
  bool operator==(const EventRange&) const = default;
};

struct VerifyReport {
  bool ok = false;
  uint64_t events_checked = 0;  // events read and found sound before any problem
  uint64_t heads_checked = 0;   // signed heads whose root was matched against the events
  uint64_t nodes_checked = 0;   // stored nodes compared with the recomputed ones
  std::optional<uint64_t> first_bad_event;  // when one event is to blame
  std::optional<EventRange> bad_range;      // when a range is all that can be named
  std::string problem;                      // one line; empty when ok
  uint64_t events_not_covered = 0;          // events after the last signed head (not an error)
  std::string note;                         // says so, when there are such events
};

// `heads` in ascending size; `node_id` and `key` are the node's; `stored_nodes` and `observer`
// may be null. The observer sees every event up to the first problem.
VerifyReport VerifyLog(EventReader& events, std::span<const SignedTreeHead> heads,
                       const crypto::PublicKey& key, const std::string& node_id,
                       NodeSource* stored_nodes, EventObserver* observer = nullptr);

}  // namespace corridor::ledger
