#include "federation/outbox.hpp"

#include <gtest/gtest.h>

#include "federation/testing.hpp"

namespace corridor::federation {
namespace {

using testing::KeyFromSeed;
using testing::SignedSample;
using testing::T;

TEST(OutboxStateTest, PendingSettlesOnceOnly) {
  EXPECT_EQ(*Settle(OutboxState::kPending, Outcome::kApplied), OutboxState::kAcknowledged);
  EXPECT_EQ(*Settle(OutboxState::kPending, Outcome::kRejected), OutboxState::kRejected);
  auto again = Settle(OutboxState::kAcknowledged, Outcome::kApplied);
  EXPECT_EQ(again.status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(again.status().message(), "the message is acknowledged already");
  EXPECT_FALSE(Settle(OutboxState::kRejected, Outcome::kApplied).ok());
  for (OutboxState s :
       {OutboxState::kPending, OutboxState::kAcknowledged, OutboxState::kRejected}) {
    EXPECT_EQ(*ParseOutboxState(ToString(s)), s);
  }
  EXPECT_FALSE(ParseOutboxState("sent").ok());
}

TEST(BackoffTest, DoublesFromHalfASecondUpToAMinute) {
  const BackoffPolicy p;
  const int64_t expected[] = {500, 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000};
  for (int i = 0; i < 9; ++i) EXPECT_EQ(BackoffCeiling(p, i + 1), expected[i]) << i + 1;
  EXPECT_EQ(BackoffCeiling(p, 1000), 60000) << "no overflow after many failures";
  EXPECT_EQ(BackoffCeiling({100, 250}, 3), 250);
}

TEST(BackoffTest, DelayIsDrawnFromTheUpperHalf) {
  SeededRng rng(42);
  const BackoffPolicy p;
  for (int failures = 1; failures <= 10; ++failures) {
    const int64_t ceiling = BackoffCeiling(p, failures);
    int64_t lowest = ceiling, highest = 0;
    for (int i = 0; i < 200; ++i) {
      const int64_t d = BackoffDelay(p, failures, rng);
      ASSERT_GE(d, ceiling / 2);
      ASSERT_LE(d, ceiling);
      lowest = std::min(lowest, d);
      highest = std::max(highest, d);
    }
    EXPECT_LT(lowest, highest) << "jitter spreads the retries of failure " << failures;
  }
}

TEST(BatchTest, FillsUpToTheLimitsAndAlwaysTakesOne) {
  EXPECT_EQ(BatchCount({}, {}), 0u);
  EXPECT_EQ(BatchCount(std::vector<size_t>(100, 10), {}), 64u);
  EXPECT_EQ(BatchCount(std::vector<size_t>(100, 10), {8, 1000}), 8u);
  EXPECT_EQ(BatchCount({400, 400, 400}, {64, 1000}), 2u);
  EXPECT_EQ(BatchCount({5000, 10}, {64, 1000}), 1u) << "one oversized envelope still goes alone";
  EXPECT_EQ(BatchCount(std::vector<size_t>(100, 10), {500, 1u << 20}), 64u)
      << "the request limit caps the configured one";
}

class ReceiptCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    crypto::Init();
    sent_env_ = SignedSample(own_);
    sent_ = {"node-npl",
             "node-kwt",
             1,
             sent_env_.type,
             sent_env_.subject,
             BodyDigest(sent_env_.body),
             EnvelopeDigest(sent_env_)};
  }
  Receipt ReceiptFor(const Envelope& e, const crypto::SigningKey& signer,
                     Outcome outcome = Outcome::kApplied) {
    Receipt r;
    r.sender = "node-kwt";
    r.receiver = "node-npl";
    r.seq = e.seq;
    r.envelope_digest = EnvelopeDigest(e);
    r.body_digest = BodyDigest(e.body);
    r.outcome = outcome;
    r.reason = outcome == Outcome::kRejected ? "contract unknown" : "";
    r.time = T("2026-11-29T08:00:02.000Z");
    SignReceipt(r, signer);
    return r;
  }
  Status Check(const Receipt& r, const Envelope* returned = nullptr) {
    return CheckReceipt(r, sent_, returned, peer_.public_key(), own_.public_key());
  }

  crypto::SigningKey own_ = KeyFromSeed(0);
  crypto::SigningKey peer_ = KeyFromSeed(100);
  Envelope sent_env_;
  SentMessage sent_;
};

TEST_F(ReceiptCheckTest, AcceptsTheReceiptForTheCopySent) {
  EXPECT_TRUE(Check(ReceiptFor(sent_env_, peer_)).ok());
  EXPECT_TRUE(Check(ReceiptFor(sent_env_, peer_, Outcome::kRejected)).ok());
}

TEST_F(ReceiptCheckTest, RefusesAReceiptNotSignedByThePeer) {
  Status s = Check(ReceiptFor(sent_env_, KeyFromSeed(5)));
  EXPECT_EQ(s.code(), Code::kUnauthenticated);
  Receipt r = ReceiptFor(sent_env_, peer_);
  r.sender = "node-phl";
  SignReceipt(r, peer_);
  EXPECT_EQ(Check(r).message(),
            "the receipt for message 1 to node-kwt is signed as node-phl, "
            "not by the peer");
}

TEST_F(ReceiptCheckTest, RefusesAReceiptForAnotherMessage) {
  Receipt r = ReceiptFor(sent_env_, peer_);
  r.seq = 2;
  SignReceipt(r, peer_);
  EXPECT_EQ(Check(r).message(), "the receipt for message 1 to node-kwt names message 2");
  r = ReceiptFor(sent_env_, peer_);
  r.receiver = "node-phl";
  SignReceipt(r, peer_);
  EXPECT_EQ(Check(r).message(), "the receipt for message 1 to node-kwt is addressed to node-phl");
  r = ReceiptFor(sent_env_, peer_);
  r.body_digest = std::string(64, 'a');
  SignReceipt(r, peer_);
  EXPECT_EQ(Check(r).code(), Code::kInvalidArgument);
}

TEST_F(ReceiptCheckTest, ADuplicateNeedsTheCopyTheReceiverApplied) {
  // The receiver applied an earlier copy (signed a second earlier).
  Envelope earlier = testing::SampleEnvelope();
  earlier.time = earlier.time.AddMillis(-1000);
  SignEnvelope(earlier, own_);
  const Receipt r = ReceiptFor(earlier, peer_);
  EXPECT_EQ(Check(r).message(),
            "the receipt for message 1 to node-kwt names an envelope other than the one sent, and "
            "the peer did not return the copy it applied");
  EXPECT_TRUE(Check(r, &earlier).ok());
  // A copy this node never signed is not accepted as its own.
  Envelope forged = earlier;
  SignEnvelope(forged, KeyFromSeed(9));
  EXPECT_EQ(Check(ReceiptFor(forged, peer_), &forged).code(), Code::kUnauthenticated);
  // Nor the copy of another message.
  Envelope other = earlier;
  other.body["agency"]["name"] = "Another";
  SignEnvelope(other, own_);
  Receipt ro = ReceiptFor(other, peer_);
  ro.body_digest = sent_.body_digest;
  SignReceipt(ro, peer_);
  EXPECT_EQ(Check(ro, &other).message(),
            "the copy of message 1 the peer returned is not that message");
  // The returned copy must be the one the receipt names.
  EXPECT_EQ(Check(r, &sent_env_).message(),
            "the receipt for message 1 to node-kwt does not name the copy the peer returned");
}

}  // namespace
}  // namespace corridor::federation
