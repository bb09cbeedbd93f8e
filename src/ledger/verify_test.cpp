#include "ledger/verify.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "ledger/event.hpp"

namespace corridor::ledger {
namespace {

constexpr char kNode[] = "origin-np";

Event MakeEvent(uint64_t i) {
  Event e;
  e.index = i;
  e.time = Timestamp::FromMillis(1'772'000'000'000 + static_cast<int64_t>(i) * 1000);
  e.node_id = kNode;
  e.type = "worker.registered";
  e.subject = "W-" + std::to_string(1000 + i);
  e.actor = "system";
  e.data["n"] = i;
  return e;
}

StoredEvent Store(const Event& e) {
  StoredEvent s;
  s.index = e.index;
  s.bytes = EncodeEvent(e);
  s.leaf_hash = LeafHash(s.bytes);
  return s;
}

// A node's ledger as its store holds it: events, every completed node, and signed heads.
struct Log {
  std::vector<StoredEvent> events;
  MemoryNodeSource nodes;
  std::vector<SignedTreeHead> heads;
};

Log BuildLog(uint64_t n, const std::vector<uint64_t>& head_sizes, const crypto::SigningKey& key) {
  Log log;
  CompactTree tree;
  auto sign_at = [&](uint64_t size) {
    for (uint64_t s : head_sizes) {
      if (s != size) continue;
      TreeHead h;
      h.node_id = kNode;
      h.size = size;
      h.root = tree.Root();
      h.time = Timestamp::FromMillis(1'772'000'000'000 + static_cast<int64_t>(size) * 1000 + 500);
      log.heads.push_back(SignTreeHead(h, key));
    }
  };
  sign_at(0);
  for (uint64_t i = 0; i < n; ++i) {
    log.events.push_back(Store(MakeEvent(i)));
    std::vector<NodeRecord> completed;
    tree.Append(log.events.back().leaf_hash, &completed);
    EXPECT_TRUE(log.nodes.PutAll(completed).ok());
    sign_at(i + 1);
  }
  return log;
}

// What a thorough attacker does after rewriting events: recompute every stored node.
MemoryNodeSource RebuildNodes(const std::vector<StoredEvent>& events) {
  MemoryNodeSource nodes;
  CompactTree tree;
  for (const StoredEvent& e : events) {
    std::vector<NodeRecord> completed;
    tree.Append(e.leaf_hash, &completed);
    EXPECT_TRUE(nodes.PutAll(completed).ok());
  }
  return nodes;
}

class VerifyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { crypto::Init(); }

  VerifyReport Verify(const Log& log, NodeSource* nodes) {
    MemoryEventReader reader(log.events);
    return VerifyLog(reader, log.heads, key_.public_key(), kNode, nodes);
  }
  VerifyReport Verify(Log& log) { return Verify(log, &log.nodes); }

  crypto::SigningKey key_ = crypto::SigningKey::Generate();
};

TEST_F(VerifyTest, CleanLogVerifies) {
  Log log = BuildLog(100, {0, 10, 64, 64, 90}, key_);
  VerifyReport r = Verify(log);
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.events_checked, 100u);
  EXPECT_EQ(r.heads_checked, 5u);
  EXPECT_EQ(r.nodes_checked, 2u * 100 - 3);  // popcount(100) = 3
  EXPECT_FALSE(r.first_bad_event);
  EXPECT_FALSE(r.bad_range);
  EXPECT_EQ(r.problem, "");
  EXPECT_EQ(r.events_not_covered, 10u);
  EXPECT_EQ(r.note, "events 90..99 are not yet covered by a signed tree head");
  // Without stored nodes, the same, with no nodes checked.
  r = Verify(log, nullptr);
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.nodes_checked, 0u);
}

TEST_F(VerifyTest, EmptyLogAndNoHeads) {
  Log empty = BuildLog(0, {0}, key_);
  VerifyReport r = Verify(empty);
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.heads_checked, 1u);
  EXPECT_EQ(r.note, "");
  Log unsigned_log = BuildLog(3, {}, key_);
  r = Verify(unsigned_log);
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.events_not_covered, 3u);
  EXPECT_EQ(r.note, "events 0..2 are not yet covered by a signed tree head");
  Log one_after = BuildLog(5, {4}, key_);
  EXPECT_EQ(Verify(one_after).note, "event 4 is not yet covered by a signed tree head");
}

TEST_F(VerifyTest, EditedEventIsNamed) {
  Log log = BuildLog(50, {20, 50}, key_);
  std::string& bytes = log.events[33].bytes;
  bytes.replace(bytes.find("W-1033"), 6, "W-9999");  // leaf hash left as it was
  VerifyReport r = Verify(log);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_event, 33u);
  EXPECT_EQ(r.events_checked, 33u);
  EXPECT_EQ(r.heads_checked, 1u);
  EXPECT_EQ(r.problem, "event 33 was edited: its bytes no longer hash to its stored leaf hash");
}

TEST_F(VerifyTest, UndecodableOrNonCanonicalEventIsNamed) {
  Log log = BuildLog(10, {10}, key_);
  // Re-hashed, so the leaf hash agrees, but the bytes are no longer canonical.
  StoredEvent& e = log.events[4];
  e.bytes.insert(1, " ");
  e.leaf_hash = LeafHash(e.bytes);
  VerifyReport r = Verify(log);
  EXPECT_EQ(r.first_bad_event, 4u);
  EXPECT_EQ(r.problem,
            "event 4 is not a valid event: event bytes are not in canonical form (RFC 8785): they "
            "first differ at byte 1");
  e.bytes = "garbage";
  e.leaf_hash = LeafHash(e.bytes);
  r = Verify(log);
  EXPECT_EQ(r.first_bad_event, 4u);
  EXPECT_EQ(r.problem,
            "event 4 is not a valid event: event is not valid JSON: line 1, column 1: unknown word "
            "'garbage' (the only literals are true, false and null)");
}

TEST_F(VerifyTest, DeletedEventIsNamed) {
  Log log = BuildLog(30, {30}, key_);
  log.events.erase(log.events.begin() + 12);
  VerifyReport r = Verify(log);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_event, 12u);
  EXPECT_EQ(r.problem, "event 12 is missing: the next stored event has index 13");
  log.events.erase(log.events.begin() + 12, log.events.begin() + 15);
  r = Verify(log);
  EXPECT_EQ(r.first_bad_event, 12u);
  EXPECT_EQ(r.bad_range, (EventRange{12, 16}));
  EXPECT_EQ(r.problem, "events 12..15 are missing: the next stored event has index 16");
}

TEST_F(VerifyTest, ReorderedEventsAreNamed) {
  Log log = BuildLog(30, {30}, key_);
  // Swap the rows' contents (bytes with their leaf hashes); the stored keys stay in order.
  std::swap(log.events[7].bytes, log.events[8].bytes);
  std::swap(log.events[7].leaf_hash, log.events[8].leaf_hash);
  VerifyReport r = Verify(log);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_event, 7u);
  EXPECT_EQ(r.problem, "events were reordered: the bytes stored as event 7 are those of event 8");
}

TEST_F(VerifyTest, BrokenStoredOrderIsNamed) {
  Log log = BuildLog(10, {10}, key_);
  log.events.insert(log.events.begin() + 5, log.events[4]);  // a duplicated row
  VerifyReport r = Verify(log);
  EXPECT_EQ(r.first_bad_event, 5u);
  EXPECT_EQ(r.problem,
            "the stored order is broken at position 5: index 4 comes after index 4 (a duplicated "
            "or reordered row)");
}

// An event rewritten together with its leaf hash passes the per-event checks; the signed head
// catches it. Stored nodes that were left alone pin the change down to the event itself.
TEST_F(VerifyTest, RewrittenEventAndLeafHashCaughtByHeadAndPinnedByNodes) {
  Log log = BuildLog(40, {16, 32, 40}, key_);
  Event forged = MakeEvent(21);
  forged.data["n"] = 9999;
  log.events[21] = Store(forged);

  VerifyReport r = Verify(log);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.heads_checked, 1u);
  EXPECT_EQ(r.events_checked, 32u);
  EXPECT_EQ(r.first_bad_event, 21u);
  EXPECT_EQ(r.bad_range, (EventRange{21, 22}));
  EXPECT_EQ(
      r.problem,
      "the events do not match signed tree head #1 (size 32, " + log.heads[1].head.time.ToString() +
          "): something in events 16..31 was rewritten together with its leaf hash; the stored "
          "node at level 0, index 21 disagrees with the recomputed one (it covers event 21), "
          "which pins the change to event 21");

  // Without stored nodes, only the range between the two heads can be named.
  r = Verify(log, nullptr);
  EXPECT_FALSE(r.first_bad_event);
  EXPECT_EQ(r.bad_range, (EventRange{16, 32}));
  EXPECT_EQ(r.problem,
            "the events do not match signed tree head #1 (size 32, " +
                log.heads[1].head.time.ToString() +
                "): something in events 16..31 was rewritten together with its leaf hash");

  // With the leaf node rewritten too (as when the store reads level 0 from the events), the
  // lowest disagreeing node is at level 1: two events.
  MemoryNodeSource partly = RebuildNodes(log.events);
  const Log original = BuildLog(40, {}, key_);
  CompactTree tree;
  for (const StoredEvent& e : original.events) {
    std::vector<NodeRecord> completed;
    tree.Append(e.leaf_hash, &completed);
    for (const NodeRecord& rec : completed) {
      if (rec.level >= 1) {
        ASSERT_TRUE(partly.Replace(rec).ok());
      }
    }
  }
  r = Verify(log, &partly);
  EXPECT_FALSE(r.first_bad_event);
  EXPECT_EQ(r.bad_range, (EventRange{20, 22}));
  EXPECT_NE(r.problem.find("the stored node at level 1, index 10 disagrees with the recomputed "
                           "one (it covers events 20..21), which pins the change to events 20..21"),
            std::string::npos)
      << r.problem;

  // A thorough attacker who recomputed every stored node: the head still names the range.
  MemoryNodeSource rebuilt = RebuildNodes(log.events);
  r = Verify(log, &rebuilt);
  EXPECT_FALSE(r.ok);
  EXPECT_FALSE(r.first_bad_event);
  EXPECT_EQ(r.bad_range, (EventRange{16, 32}));
}

TEST_F(VerifyTest, RewriteBeforeTheFirstHead) {
  Log log = BuildLog(8, {5}, key_);
  Event forged = MakeEvent(0);
  forged.actor = "U-ATTACKER";
  log.events[0] = Store(forged);
  VerifyReport r = Verify(log, nullptr);
  EXPECT_EQ(r.bad_range, (EventRange{0, 5}));
  EXPECT_NE(r.problem.find("something in events 0..4 was rewritten"), std::string::npos)
      << r.problem;
}

TEST_F(VerifyTest, CorruptStoredNodeWithIntactEvents) {
  Log log = BuildLog(20, {8, 20}, key_);
  ASSERT_TRUE(log.nodes.Replace({2, 2, LeafHash("junk")}).ok());  // covers events 8..11
  VerifyReport r = Verify(log);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.bad_range, (EventRange{8, 12}));
  EXPECT_EQ(r.heads_checked, 2u);
  EXPECT_EQ(r.problem,
            "the stored node at level 2, index 2 disagrees with the recomputed one (it covers "
            "events 8..11), while the events match signed tree head #1 (size 20, " +
                log.heads[1].head.time.ToString() +
                "): the stored node is corrupt and proofs served from it would be wrong");
  // Past the last head.
  Log tail = BuildLog(20, {8}, key_);
  ASSERT_TRUE(tail.nodes.Replace({0, 15, LeafHash("junk")}).ok());
  r = Verify(tail);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.problem,
            "the stored node at level 0, index 15 disagrees with the recomputed one (it covers "
            "event 15) (no signed tree head covers it yet)");
}

TEST_F(VerifyTest, MissingStoredNode) {
  Log log = BuildLog(6, {6}, key_);
  MemoryNodeSource partial;
  CompactTree tree;
  for (const StoredEvent& e : log.events) {
    std::vector<NodeRecord> completed;
    tree.Append(e.leaf_hash, &completed);
    for (const NodeRecord& rec : completed) {
      if (rec.level < 2) {
        ASSERT_TRUE(partial.Put(rec).ok());
      }
    }
  }
  VerifyReport r = Verify(log, &partial);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.bad_range, (EventRange{0, 4}));
  EXPECT_NE(
      r.problem.find("the stored node at level 2, index 0 is missing (it covers events 0..3)"),
      std::string::npos)
      << r.problem;
}

TEST_F(VerifyTest, BadHeadSignatureIsNamed) {
  Log log = BuildLog(10, {4, 10}, key_);
  log.heads[1].signature[5] ^= 1;
  VerifyReport r = Verify(log);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.events_checked, 0u);
  EXPECT_EQ(r.problem, "signed tree head #1 (size 10, " + log.heads[1].head.time.ToString() +
                           ") has a bad signature: it was not signed by node origin-np's key "
                           "over these values");
  // A head signed by another node's key.
  const crypto::SigningKey other = crypto::SigningKey::Generate();
  Log foreign = BuildLog(10, {10}, other);
  EXPECT_NE(Verify(foreign).problem.find("has a bad signature"), std::string::npos);
  // A head with a root changed after signing.
  Log changed = BuildLog(10, {10}, key_);
  changed.heads[0].head.root[0] ^= 1;
  EXPECT_NE(Verify(changed).problem.find("has a bad signature"), std::string::npos);
}

TEST_F(VerifyTest, HeadOfAnotherNodeOrOutOfOrderOrForked) {
  Log log = BuildLog(10, {4, 8}, key_);
  TreeHead h = log.heads[0].head;
  h.node_id = "destination-qa";
  log.heads[0] = SignTreeHead(h, key_);
  EXPECT_EQ(Verify(log).problem, "signed tree head #0 (size 4, " + h.time.ToString() +
                                     ") names node destination-qa, not origin-np");

  Log unordered = BuildLog(10, {4, 8}, key_);
  std::swap(unordered.heads[0], unordered.heads[1]);
  EXPECT_NE(Verify(unordered).problem.find("is smaller than the head before it (size 8)"),
            std::string::npos);

  Log forked = BuildLog(10, {4, 4}, key_);
  h = forked.heads[1].head;
  h.root = LeafHash("another history");
  forked.heads[1] = SignTreeHead(h, key_);
  EXPECT_EQ(Verify(forked).problem,
            "signed tree heads #0 and #1 both have size 4 but different roots: the history was "
            "forked");

  Log zero = BuildLog(3, {}, key_);
  TreeHead empty;
  empty.node_id = kNode;
  empty.size = 0;
  empty.root = LeafHash("not empty");
  zero.heads.push_back(SignTreeHead(empty, key_));
  EXPECT_NE(Verify(zero).problem.find("has size 0 but not the root of the empty tree"),
            std::string::npos);
}

TEST_F(VerifyTest, HeadLargerThanTheLogNamesTheMissingTail) {
  Log log = BuildLog(20, {10, 20}, key_);
  const std::vector<StoredEvent> all = log.events;
  log.events.resize(17);
  VerifyReport r = Verify(log);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_event, 17u);
  EXPECT_EQ(r.bad_range, (EventRange{17, 20}));
  EXPECT_EQ(r.heads_checked, 1u);
  EXPECT_EQ(r.problem, "signed tree head #1 (size 20, " + log.heads[1].head.time.ToString() +
                           ") is larger than the log, which holds 17 events: events 17..19 are "
                           "missing");
  log.events = all;
  EXPECT_TRUE(Verify(log).ok);
}

TEST_F(VerifyTest, EventOfAnotherNode) {
  Log log = BuildLog(5, {5}, key_);
  Event e = MakeEvent(3);
  e.node_id = "destination-qa";
  log.events[3] = Store(e);
  VerifyReport r = Verify(log);
  EXPECT_EQ(r.first_bad_event, 3u);
  EXPECT_EQ(r.problem, "event 3 belongs to node destination-qa, not origin-np");
}

class FailingReader final : public EventReader {
 public:
  Result<bool> Next(StoredEvent& out) override {
    if (served_ == 2) return Status::Unavailable("the store went away");
    out = Store(MakeEvent(served_++));
    return true;
  }

 private:
  uint64_t served_ = 0;
};

TEST_F(VerifyTest, ReaderFailureIsReported) {
  FailingReader reader;
  VerifyReport r = VerifyLog(reader, {}, key_.public_key(), kNode, nullptr);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.events_checked, 2u);
  EXPECT_EQ(r.problem, "reading the event at position 2 failed: UNAVAILABLE: the store went away");
}

}  // namespace
}  // namespace corridor::ledger
