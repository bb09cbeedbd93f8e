// The ledger's Merkle storage as the ledger module reads it: perfect-subtree hashes stored one
// by one (the events' leaf hashes and the ledger_nodes table), the same read ahead in batches
// for the audit, and the stored events streamed in index order. Internal to src/store.
//
// Thread-safety: each object belongs to the thread that holds its connection.
#pragma once

#include <cstdint>
#include <vector>

#include "ledger/merkle.hpp"
#include "ledger/verify.hpp"
#include "store/database.hpp"

namespace corridor::store {

// Perfect-subtree hashes as stored: level 0 is the events' leaf hashes, higher levels the
// ledger_nodes table.
class DbNodeSource final : public ledger::NodeSource {
 public:
  explicit DbNodeSource(Connection& conn) : conn_(conn) {}
  Result<ledger::Hash> PerfectSubtree(uint32_t level, uint64_t index) override {
    std::optional<ledger::Hash> hash;
    auto take = [&](const Row& r) {
      const auto b = r.Blob(0);
      if (b.size() != 32) return Status::DataLoss("a stored ledger hash is not 32 bytes");
      ledger::Hash h;
      std::copy(b.begin(), b.end(), h.begin());
      hash = h;
      return Status::Ok();
    };
    if (level == 0) {
      RETURN_IF_ERROR(conn_.Query("SELECT leaf_hash FROM ledger_events WHERE idx = $1",
                                  {static_cast<int64_t>(index)}, take));
    } else {
      RETURN_IF_ERROR(conn_.Query("SELECT hash FROM ledger_nodes WHERE level = $1 AND idx = $2",
                                  {static_cast<int64_t>(level), static_cast<int64_t>(index)},
                                  take));
    }
    if (!hash) {
      return Status::DataLoss("the ledger has no stored node at level " + std::to_string(level) +
                              ", index " + std::to_string(index));
    }
    return *hash;
  }

 private:
  Connection& conn_;
};

// The same hashes read ahead a batch at a time, for a reader that asks for each level's nodes in
// increasing index order (the audit): one query per 4096 nodes instead of one per node.
class BatchedNodeSource final : public ledger::NodeSource {
 public:
  explicit BatchedNodeSource(Connection& conn) : conn_(conn) {}
  Result<ledger::Hash> PerfectSubtree(uint32_t level, uint64_t index) override {
    if (level >= levels_.size()) levels_.resize(level + 1);
    Level& l = levels_[level];
    if (index < l.first || index >= l.first + l.hashes.size()) {
      l.first = index;
      l.hashes.clear();
      auto take = [&](const Row& r) {
        const auto b = r.Blob(1);
        if (static_cast<uint64_t>(r.Int(0)) != l.first + l.hashes.size() || b.size() != 32) {
          return Status::Ok();  // a gap or a damaged hash: stop the batch here
        }
        ledger::Hash h;
        std::copy(b.begin(), b.end(), h.begin());
        l.hashes.push_back(h);
        return Status::Ok();
      };
      if (level == 0) {
        RETURN_IF_ERROR(conn_.Query(
            "SELECT idx, leaf_hash FROM ledger_events WHERE idx >= $1 ORDER BY idx LIMIT 4096",
            {static_cast<int64_t>(index)}, take));
      } else {
        RETURN_IF_ERROR(conn_.Query(
            "SELECT idx, hash FROM ledger_nodes WHERE level = $1 AND idx >= $2 ORDER BY idx "
            "LIMIT 4096",
            {static_cast<int64_t>(level), static_cast<int64_t>(index)}, take));
      }
      if (l.hashes.empty()) {
        return Status::DataLoss("the ledger has no stored node at level " + std::to_string(level) +
                                ", index " + std::to_string(index));
      }
    }
    return l.hashes[index - l.first];
  }

 private:
  struct Level {
    uint64_t first = 0;
    std::vector<ledger::Hash> hashes;
  };
  Connection& conn_;
  std::vector<Level> levels_;
};

// Streams the stored events in index order, a batch at a time (PostgreSQL returns a whole result
// at once, so one query over millions of events would hold them all in memory).
// With `indexed`, each event carries its row's indexed columns too (type, subject, time_ms).
class DbEventReader final : public ledger::EventReader {
 public:
  explicit DbEventReader(Connection& conn, bool indexed = false) : conn_(conn), indexed_(indexed) {}
  Result<bool> Next(ledger::StoredEvent& out) override {
    if (pos_ == batch_.size()) {
      if (done_) return false;
      batch_.clear();
      pos_ = 0;
      RETURN_IF_ERROR(conn_.Query(
          indexed_ ? "SELECT idx, event, leaf_hash, type, subject, time_ms FROM ledger_events "
                     "WHERE idx > $1 ORDER BY idx LIMIT $2"
                   : "SELECT idx, event, leaf_hash FROM ledger_events WHERE idx > $1 ORDER BY idx "
                     "LIMIT $2",
          {after_, int64_t{kBatch}}, [&](const Row& r) {
            ledger::StoredEvent e;
            e.index = static_cast<uint64_t>(r.Int(0));
            const auto ev = r.Blob(1);
            e.bytes.assign(reinterpret_cast<const char*>(ev.data()), ev.size());
            const auto lh = r.Blob(2);
            if (lh.size() == 32) std::copy(lh.begin(), lh.end(), e.leaf_hash.begin());
            if (indexed_)
              e.indexed = ledger::StoredEvent::Indexed{r.String(3), r.String(4), r.Int(5)};
            batch_.push_back(std::move(e));
            return Status::Ok();
          }));
      if (batch_.size() < kBatch) done_ = true;
      if (batch_.empty()) return false;
      after_ = static_cast<int64_t>(batch_.back().index);
    }
    out = std::move(batch_[pos_++]);
    return true;
  }

 private:
  static constexpr size_t kBatch = 4096;
  Connection& conn_;
  bool indexed_;
  std::vector<ledger::StoredEvent> batch_;
  size_t pos_ = 0;
  int64_t after_ = -1;
  bool done_ = false;
};

}  // namespace corridor::store
