#include "federation/heads.hpp"

#include <gtest/gtest.h>

#include "federation/testing.hpp"
#include "ledger/merkle.hpp"

namespace corridor::federation {
namespace {

using testing::KeyFromSeed;
using testing::T;

// A peer's ledger in memory: leaves appended, heads signed, proofs served.
class PeerLedger {
 public:
  explicit PeerLedger(const crypto::SigningKey& key) : key_(key) {}
  explicit PeerLedger(crypto::SigningKey&&) = delete;  // it keeps a reference
  void Append(const std::string& leaf) {
    std::vector<ledger::NodeRecord> done;
    tree_.Append(ledger::LeafHash(leaf), &done);
    ASSERT_TRUE(nodes_.PutAll(done).ok());
  }
  ledger::SignedTreeHead Head(const char* time) {
    return ledger::SignTreeHead({"node-npl", tree_.size(), tree_.Root(), T(time)}, key_);
  }
  HeadMessage Message(uint64_t from, const char* time) {
    HeadMessage m;
    m.head = Head(time);
    m.consistency.old_size = from;
    m.consistency.new_size = tree_.size();
    m.consistency.proof = *ledger::ConsistencyProof(from, tree_.size(), nodes_);
    return m;
  }

 private:
  const crypto::SigningKey& key_;
  ledger::CompactTree tree_;
  ledger::MemoryNodeSource nodes_;
};

class HeadsTest : public ::testing::Test {
 protected:
  void SetUp() override { crypto::Init(); }
  Status Check(const std::optional<ledger::SignedTreeHead>& last, const HeadMessage& m) {
    return CheckPeerHead(last, m, "node-npl", key_.public_key());
  }
  crypto::SigningKey key_ = KeyFromSeed(0);
};

TEST_F(HeadsTest, AcceptsAGrowingHistory) {
  PeerLedger peer(key_);
  for (int i = 0; i < 5; ++i) peer.Append("event " + std::to_string(i));
  const HeadMessage first = peer.Message(0, "2026-11-29T08:00:00.000Z");
  EXPECT_TRUE(Check(std::nullopt, first).ok());
  for (int i = 5; i < 13; ++i) peer.Append("event " + std::to_string(i));
  const HeadMessage second = peer.Message(5, "2026-11-29T08:00:30.000Z");
  EXPECT_TRUE(Check(first.head, second).ok());
  // The same size again, same root: nothing new, and fine.
  const HeadMessage same = peer.Message(13, "2026-11-29T08:01:00.000Z");
  EXPECT_TRUE(Check(second.head, same).ok());
}

TEST_F(HeadsTest, DetectsARewrittenHistory) {
  PeerLedger honest(key_);
  PeerLedger rewritten(key_);
  for (int i = 0; i < 8; ++i) {
    honest.Append("event " + std::to_string(i));
    rewritten.Append(i == 3 ? "event 3, edited" : "event " + std::to_string(i));
  }
  const HeadMessage kept = honest.Message(0, "2026-11-29T08:00:00.000Z");
  for (int i = 8; i < 11; ++i) rewritten.Append("event " + std::to_string(i));
  // The rewriting node signs a new head and proves its new tree from its own old one: the proof
  // cannot lead from the root the peer kept.
  const HeadMessage next = rewritten.Message(8, "2026-11-29T08:00:30.000Z");
  Status s = Check(kept.head, next);
  EXPECT_EQ(s.code(), Code::kDataLoss);
  EXPECT_EQ(s.message().rfind("node-npl rewrote its history: the head of size 11 "
                              "(2026-11-29T08:00:30.000Z) is not consistent with the head of size "
                              "8 it signed on 2026-11-29T08:00:00.000Z (",
                              0),
            0u)
      << s.message();
  // A rewritten history of the same size is a second root for one size: caught the same way.
  PeerLedger forked(key_);
  for (int i = 0; i < 8; ++i) forked.Append(i == 7 ? "other" : "event " + std::to_string(i));
  EXPECT_EQ(Check(kept.head, forked.Message(8, "2026-11-29T08:00:30.000Z")).code(),
            Code::kDataLoss);
}

TEST_F(HeadsTest, RefusesAShrinkingLedgerAndTimeGoingBack) {
  PeerLedger peer(key_);
  for (int i = 0; i < 6; ++i) peer.Append("e" + std::to_string(i));
  const HeadMessage six = peer.Message(0, "2026-11-29T08:00:00.000Z");
  PeerLedger shorter(key_);
  for (int i = 0; i < 4; ++i) shorter.Append("e" + std::to_string(i));
  HeadMessage m = shorter.Message(4, "2026-11-29T08:01:00.000Z");
  m.consistency.old_size = 6;
  Status s = Check(six.head, m);
  EXPECT_EQ(s.code(), Code::kDataLoss);
  EXPECT_NE(s.message().find("node-npl's ledger shrank"), std::string::npos) << s.message();
  peer.Append("e6");
  s = Check(six.head, peer.Message(6, "2026-11-29T07:59:00.000Z"));
  EXPECT_EQ(s.code(), Code::kDataLoss);
  EXPECT_NE(s.message().find("is older than the head of size 6"), std::string::npos);
}

TEST_F(HeadsTest, TheProofMustStartAtTheKeptHead) {
  PeerLedger peer(key_);
  for (int i = 0; i < 6; ++i) peer.Append("e" + std::to_string(i));
  const HeadMessage six = peer.Message(0, "2026-11-29T08:00:00.000Z");
  for (int i = 6; i < 9; ++i) peer.Append("e" + std::to_string(i));
  Status s = Check(six.head, peer.Message(3, "2026-11-29T08:01:00.000Z"));
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "the consistency proof starts at size 3, but the last head kept from "
            "node-npl has size 6");
  s = Check(std::nullopt, peer.Message(6, "2026-11-29T08:01:00.000Z"));
  EXPECT_EQ(s.message(),
            "the consistency proof starts at size 6, but the last head kept from "
            "node-npl has size 0");
}

TEST_F(HeadsTest, TheHeadMustBeThePeers) {
  const crypto::SigningKey stranger_key = KeyFromSeed(9);  // PeerLedger keeps a reference
  PeerLedger stranger(stranger_key);
  stranger.Append("x");
  EXPECT_EQ(Check(std::nullopt, stranger.Message(0, "2026-11-29T08:00:00.000Z")).code(),
            Code::kUnauthenticated);
  PeerLedger peer(key_);
  peer.Append("x");
  HeadMessage m = peer.Message(0, "2026-11-29T08:00:00.000Z");
  EXPECT_EQ(CheckPeerHead(std::nullopt, m, "node-phl", key_.public_key()).code(),
            Code::kUnauthenticated);
}

TEST_F(HeadsTest, BodyRoundTrips) {
  PeerLedger peer(key_);
  for (int i = 0; i < 3; ++i) peer.Append("e" + std::to_string(i));
  const HeadMessage m = peer.Message(1, "2026-11-29T08:00:00.000Z");
  auto back = HeadFromBody(*json::Parse(json::Write(HeadBody(m))));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, m);
  EXPECT_EQ(HeadFromBody(*json::Parse(R"({"head":{}})")).status().field(), "consistency");
  EXPECT_EQ(HeadFromBody(*json::Parse(R"({"x":1})")).status().field(), "x");
}

}  // namespace
}  // namespace corridor::federation
