#include "federation/checks.hpp"

#include <gtest/gtest.h>

#include "federation/testing.hpp"

namespace corridor::federation {
namespace {

using testing::KeyFromSeed;
using testing::SignedSample;
using testing::T;

class ChecksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    crypto::Init();
    peer_ = {"node-npl", key_.public_key()};
    ctx_ = {"node-kwt", T("2026-11-29T08:00:01.000Z"), kDefaultSkewMs};
  }
  std::optional<Refusal> Check(const Envelope& e) { return CheckEnvelope(e, &peer_, ctx_); }

  crypto::SigningKey key_ = KeyFromSeed(0);
  PeerKey peer_;
  ReceiverContext ctx_;
};

TEST_F(ChecksTest, AGoodEnvelopePasses) { EXPECT_EQ(Check(SignedSample(key_)), std::nullopt); }

TEST_F(ChecksTest, UnknownSenderIsRefused) {
  auto r = CheckEnvelope(SignedSample(key_), nullptr, ctx_);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, RefusalCode::kUnknownSender);
  EXPECT_EQ(r->reason, "node node-npl is not a configured peer of node-kwt");
  PeerKey other{"node-phl", key_.public_key()};
  EXPECT_EQ(CheckEnvelope(SignedSample(key_), &other, ctx_)->code, RefusalCode::kUnknownSender);
}

TEST_F(ChecksTest, TamperedEnvelopeIsRefused) {
  Envelope e = SignedSample(key_);
  e.body["agency"]["status"] = "revoked";
  auto r = Check(e);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, RefusalCode::kBadSignature);
  EXPECT_EQ(r->reason,
            "the signature of message 1 does not verify under the key pinned for node node-npl "
            "(the envelope was altered, or signed with another key)");
}

TEST_F(ChecksTest, WrongKeyIsRefused) {
  auto r = Check(SignedSample(KeyFromSeed(7)));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, RefusalCode::kBadSignature);
}

TEST_F(ChecksTest, WrongReceiverIsRefused) {
  Envelope e = testing::SampleEnvelope();
  e.receiver = "node-phl";
  SignEnvelope(e, key_);
  auto r = Check(e);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, RefusalCode::kWrongReceiver);
  EXPECT_EQ(r->reason, "message 1 is addressed to node-phl, not to node-kwt");
}

TEST_F(ChecksTest, TimeOutsideTheWindowIsRefusedOnBothSides) {
  const Envelope e = SignedSample(key_);  // signed at 08:00:01.000
  ctx_.now = e.time.AddMillis(kDefaultSkewMs);
  EXPECT_EQ(Check(e), std::nullopt) << "the window's edge is inside";
  ctx_.now = e.time.AddMillis(kDefaultSkewMs + 1);
  auto stale = Check(e);
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->code, RefusalCode::kStale);
  EXPECT_EQ(stale->reason,
            "message 1 was signed at 2026-11-29T08:00:01.000Z, 300001 ms before this node's clock "
            "(2026-11-29T08:05:01.001Z); the window is 300 s");
  ctx_.now = e.time.AddMillis(-kDefaultSkewMs);
  EXPECT_EQ(Check(e), std::nullopt);
  ctx_.now = e.time.AddMillis(-kDefaultSkewMs - 1000);
  auto future = Check(e);
  ASSERT_TRUE(future);
  EXPECT_EQ(future->code, RefusalCode::kFuture);
  EXPECT_EQ(future->reason,
            "message 1 was signed at 2026-11-29T08:00:01.000Z, 301 s after this node's clock "
            "(2026-11-29T07:55:00.000Z); the window is 300 s");
}

TEST_F(ChecksTest, SignatureIsCheckedBeforeTime) {
  // A stale envelope from a stranger is a stranger's envelope: nothing about it is believed.
  ctx_.now = T("2027-01-01T00:00:00.000Z");
  EXPECT_EQ(Check(SignedSample(KeyFromSeed(9)))->code, RefusalCode::kBadSignature);
}

TEST_F(ChecksTest, ReadEnvelopeNamesMalformedAndTooLarge) {
  Refusal r;
  json::Value v = EnvelopeToJson(SignedSample(key_));
  v.AsObject().Erase("seq");
  EXPECT_FALSE(ReadEnvelope(v, &r).ok());
  EXPECT_EQ(r.code, RefusalCode::kMalformed);
  EXPECT_EQ(r.reason, "envelope member \"seq\" is missing");
  json::Value big = EnvelopeToJson(SignedSample(key_));
  big["body"]["padding"] = std::string(kMaxEnvelopeBytes, 'x');
  EXPECT_FALSE(ReadEnvelope(big, &r).ok());
  EXPECT_EQ(r.code, RefusalCode::kTooLarge);
  EXPECT_NE(r.reason.find("more than the limit of 262144"), std::string::npos) << r.reason;
  auto good = ReadEnvelope(EnvelopeToJson(SignedSample(key_)), &r);
  EXPECT_TRUE(good.ok());
}

TEST(SequenceTest, ClassifiesAgainstTheNextExpected) {
  const std::string d = "aa";
  EXPECT_EQ(ClassifySeq(5, 5, std::nullopt, d), SeqVerdict::kApply);
  EXPECT_EQ(ClassifySeq(6, 5, std::nullopt, d), SeqVerdict::kOutOfOrder);
  EXPECT_EQ(ClassifySeq(4, 5, std::string("aa"), d), SeqVerdict::kDuplicate);
  EXPECT_EQ(ClassifySeq(4, 5, std::string("bb"), d), SeqVerdict::kConflict);
  EXPECT_EQ(ClassifySeq(4, 5, std::nullopt, d), SeqVerdict::kConflict);
  EXPECT_EQ(ClassifySeq(1, 1, std::nullopt, d), SeqVerdict::kApply);
}

TEST(SequenceTest, RefusalsSayWhy) {
  EXPECT_EQ(
      SeqRefusal(SeqVerdict::kOutOfOrder, 9, 7),
      (Refusal{RefusalCode::kOutOfOrder, "message 9 is out of order: the next expected is 7"}));
  EXPECT_EQ(SeqRefusal(SeqVerdict::kDuplicate, 3, 7).code, RefusalCode::kDuplicate);
  EXPECT_EQ(SeqRefusal(SeqVerdict::kDuplicate, 3, 7).reason,
            "message 3 was received already; nothing was applied again");
  EXPECT_EQ(SeqRefusal(SeqVerdict::kConflict, 3, 7).code, RefusalCode::kConflict);
}

TEST(RefusalCodeTest, NamesRoundTrip) {
  for (RefusalCode c :
       {RefusalCode::kMalformed, RefusalCode::kTooLarge, RefusalCode::kUnknownSender,
        RefusalCode::kBadSignature, RefusalCode::kWrongReceiver, RefusalCode::kStale,
        RefusalCode::kFuture, RefusalCode::kOutOfOrder, RefusalCode::kConflict,
        RefusalCode::kDuplicate, RefusalCode::kUnavailable}) {
    auto back = ParseRefusalCode(ToString(c));
    ASSERT_TRUE(back.ok()) << ToString(c);
    EXPECT_EQ(*back, c);
  }
  EXPECT_FALSE(ParseRefusalCode("nope").ok());
  EXPECT_TRUE(IsUnauthenticated(RefusalCode::kBadSignature));
  EXPECT_TRUE(IsUnauthenticated(RefusalCode::kUnknownSender));
  EXPECT_FALSE(IsUnauthenticated(RefusalCode::kStale));
  EXPECT_FALSE(IsUnauthenticated(RefusalCode::kDuplicate));
}

}  // namespace
}  // namespace corridor::federation
