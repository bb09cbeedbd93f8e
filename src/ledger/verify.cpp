#include "ledger/verify.hpp"

#include "ledger/event.hpp"

namespace corridor::ledger {
namespace {

std::string Num(uint64_t n) { return std::to_string(n); }

// "event 7" or "events 4..7" for the 0-based half-open range [begin, end).
std::string DescribeRange(uint64_t begin, uint64_t end) {
  if (end == begin + 1) return "event " + Num(begin);
  return "events " + Num(begin) + ".." + Num(end - 1);
}

std::string DescribeHead(size_t i, const SignedTreeHead& h) {
  return "signed tree head #" + Num(i) + " (size " + Num(h.head.size) + ", " +
         h.head.time.ToString() + ")";
}

// The lowest stored node found to disagree with the recomputed tree since the last good head.
struct NodeMismatch {
  uint32_t level = 0;
  uint64_t index = 0;
  bool missing = false;
  EventRange range() const { return {index << level, (index + 1) << level}; }
  std::string Describe() const {
    const EventRange r = range();
    return "the stored node at level " + std::to_string(level) + ", index " + Num(index) +
           (missing ? " is missing" : " disagrees with the recomputed one") + " (it covers " +
           DescribeRange(r.begin, r.end) + ")";
  }
};

VerifyReport Fail(VerifyReport r, std::string problem) {
  r.ok = false;
  r.problem = std::move(problem);
  return r;
}

}  // namespace

Result<bool> MemoryEventReader::Next(StoredEvent& out) {
  if (next_ >= events_.size()) return false;
  out = events_[next_++];
  return true;
}

VerifyReport VerifyLog(EventReader& events, std::span<const SignedTreeHead> heads,
                       const crypto::PublicKey& key, const std::string& node_id,
                       NodeSource* stored_nodes, EventObserver* observer) {
  VerifyReport r;

  // 1. The heads themselves.
  for (size_t i = 0; i < heads.size(); ++i) {
    const SignedTreeHead& h = heads[i];
    if (h.head.node_id != node_id) {
      return Fail(r, DescribeHead(i, h) + " names node " + h.head.node_id + ", not " + node_id);
    }
    if (!VerifyTreeHead(h, key).ok()) {
      return Fail(r, DescribeHead(i, h) + " has a bad signature: it was not signed by node " +
                         node_id + "'s key over these values");
    }
    if (h.head.size == 0 && h.head.root != EmptyRoot()) {
      return Fail(r, DescribeHead(i, h) + " has size 0 but not the root of the empty tree");
    }
    if (i > 0) {
      const SignedTreeHead& prev = heads[i - 1];
      if (h.head.size < prev.head.size) {
        return Fail(r, DescribeHead(i, h) + " is smaller than the head before it (size " +
                           Num(prev.head.size) + "): heads must come in ascending size");
      }
      if (h.head.size == prev.head.size && h.head.root != prev.head.root) {
        return Fail(r, "signed tree heads #" + Num(i - 1) + " and #" + Num(i) + " both have size " +
                           Num(h.head.size) + " but different roots: the history was forked");
      }
    }
  }

  // 2-4. The events, in order, against the heads and the stored nodes.
  CompactTree tree;
  size_t next_head = 0;
  uint64_t covered = 0;  // size of the last head matched
  while (next_head < heads.size() && heads[next_head].head.size == 0) {
    ++r.heads_checked;
    ++next_head;
  }
  std::optional<NodeMismatch> mismatch;
  std::vector<NodeRecord> completed;
  StoredEvent ev;
  uint64_t p = 0;
  for (;;) {
    auto more = events.Next(ev);
    if (!more.ok()) {
      return Fail(
          r, "reading the event at position " + Num(p) + " failed: " + more.status().ToString());
    }
    if (!*more) break;
    if (ev.index != p) {
      if (ev.index > p) {
        r.first_bad_event = p;
        r.bad_range = EventRange{p, ev.index};
        return Fail(r, (ev.index == p + 1
                            ? "event " + Num(p) + " is missing"
                            : "events " + Num(p) + ".." + Num(ev.index - 1) + " are missing") +
                           ": the next stored event has index " + Num(ev.index));
      }
      r.first_bad_event = p;
      return Fail(r, "the stored order is broken at position " + Num(p) + ": index " +
                         Num(ev.index) + " comes after index " + Num(p - 1) +
                         " (a duplicated or reordered row)");
    }
    if (LeafHash(ev.bytes) != ev.leaf_hash) {
      r.first_bad_event = p;
      return Fail(
          r, "event " + Num(p) + " was edited: its bytes no longer hash to its stored leaf hash");
    }
    auto decoded = DecodeEvent(ev.bytes);
    if (!decoded.ok()) {
      r.first_bad_event = p;
      return Fail(r, "event " + Num(p) + " is not a valid event: " + decoded.status().message());
    }
    if (decoded->index != p) {
      r.first_bad_event = p;
      return Fail(r, "events were reordered: the bytes stored as event " + Num(p) +
                         " are those of event " + Num(decoded->index));
    }
    if (decoded->node_id != node_id) {
      r.first_bad_event = p;
      return Fail(r,
                  "event " + Num(p) + " belongs to node " + decoded->node_id + ", not " + node_id);
    }
    if (observer != nullptr) observer->Observe(ev, *decoded);
    completed.clear();
    tree.Append(ev.leaf_hash, stored_nodes != nullptr ? &completed : nullptr);
    for (const NodeRecord& rec : completed) {
      auto stored = stored_nodes->PerfectSubtree(rec.level, rec.index);
      ++r.nodes_checked;
      bool missing = false;
      if (!stored.ok()) {
        if (stored.status().code() != Code::kNotFound) {
          return Fail(r, "reading the stored node at level " + std::to_string(rec.level) +
                             ", index " + Num(rec.index) +
                             " failed: " + stored.status().ToString());
        }
        missing = true;
      }
      if ((missing || *stored != rec.hash) && (!mismatch || rec.level < mismatch->level)) {
        mismatch = NodeMismatch{rec.level, rec.index, missing};
      }
    }
    ++p;
    ++r.events_checked;

    while (next_head < heads.size() && heads[next_head].head.size == p) {
      const SignedTreeHead& h = heads[next_head];
      if (tree.Root() != h.head.root) {
        std::string problem = "the events do not match " + DescribeHead(next_head, h) +
                              ": something in " + DescribeRange(covered, p) +
                              " was rewritten together with its leaf hash";
        if (mismatch) {
          const EventRange pinned = mismatch->range();
          problem += "; " + mismatch->Describe() + ", which pins the change to " +
                     DescribeRange(pinned.begin, pinned.end);
          r.bad_range = pinned;
          if (pinned.end == pinned.begin + 1) r.first_bad_event = pinned.begin;
        } else {
          r.bad_range = EventRange{covered, p};
        }
        return Fail(r, std::move(problem));
      }
      ++r.heads_checked;
      covered = p;
      ++next_head;
      if (mismatch) {
        r.bad_range = mismatch->range();
        return Fail(r, mismatch->Describe() + ", while the events match " +
                           DescribeHead(next_head - 1, h) +
                           ": the stored node is corrupt and proofs served from it would be wrong");
      }
    }
  }

  // 5. The end of the log.
  if (next_head < heads.size()) {
    const SignedTreeHead& h = heads[next_head];
    r.first_bad_event = p;
    r.bad_range = EventRange{p, h.head.size};
    return Fail(r, DescribeHead(next_head, h) + " is larger than the log, which holds " + Num(p) +
                       " events: " + DescribeRange(p, h.head.size) +
                       (h.head.size == p + 1 ? " is" : " are") + " missing");
  }
  if (mismatch) {
    r.bad_range = mismatch->range();
    return Fail(r, mismatch->Describe() + " (no signed tree head covers it yet)");
  }
  r.events_not_covered = p - covered;
  if (r.events_not_covered > 0) {
    r.note = DescribeRange(covered, p) + (r.events_not_covered == 1 ? " is" : " are") +
             " not yet covered by a signed tree head";
  }
  r.ok = true;
  return r;
}

}  // namespace corridor::ledger
