#include "ledger/tree_head.hpp"

#include <gtest/gtest.h>

#include "ledger/transport.hpp"

namespace corridor::ledger {
namespace {

crypto::SigningKey KeyFromSeedByte(uint8_t start) {
  std::array<uint8_t, 32> seed{};
  for (size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<uint8_t>(start + i);
  return std::move(crypto::SigningKey::FromSeed(seed)).value();
}

TreeHead ExampleHead() {
  TreeHead h;
  h.node_id = "origin-np";
  h.size = 8;
  h.root = *HashFromHex("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
  h.time = *Timestamp::Parse("2026-03-01T10:00:00.000Z");
  return h;
}

class TreeHeadTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { crypto::Init(); }
};

// The example of docs/formats/ledger.md §3, signed with the key of seed 00 01 .. 1f.
TEST_F(TreeHeadTest, DocumentExample) {
  const TreeHead h = ExampleHead();
  EXPECT_EQ(
      TreeHeadSigningInput(h),
      R"({"node":"origin-np","root":"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328","size":8,"time":"2026-03-01T10:00:00.000Z","type":"corridor.tree_head.v1"})");
  const crypto::SigningKey key = KeyFromSeedByte(0);
  EXPECT_EQ(HexEncode(key.public_key()),
            "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8");
  const SignedTreeHead sth = SignTreeHead(h, key);
  EXPECT_EQ(
      json::Write(SignedTreeHeadToJson(sth)),
      R"({"node":"origin-np","size":8,"root":"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328","time":"2026-03-01T10:00:00.000Z","signature":"_HtWHjfHrGoQyMOY3TjM8NLJo-FVgSblRZTuODd7Z0IftVm_S-tI3OKPVPLAwUeTPZgFNRCqXovNzyO-ZxijDw"})");
}

TEST_F(TreeHeadTest, SignVerifyRoundTrip) {
  const crypto::SigningKey key = crypto::SigningKey::Generate();
  const SignedTreeHead sth = SignTreeHead(ExampleHead(), key);
  EXPECT_TRUE(VerifyTreeHead(sth, key.public_key()).ok());
  EXPECT_EQ(sth.head, ExampleHead());
}

TEST_F(TreeHeadTest, EveryChangedFieldFails) {
  const crypto::SigningKey key = KeyFromSeedByte(7);
  const SignedTreeHead good = SignTreeHead(ExampleHead(), key);
  std::vector<SignedTreeHead> bad(6, good);
  bad[0].head.node_id = "origin-np2";
  bad[1].head.size = 9;
  bad[2].head.root[31] ^= 1;
  bad[3].head.time = bad[3].head.time.AddMillis(1);
  bad[4].signature[0] ^= 0x80;
  bad[5].signature[63] ^= 0x01;
  for (size_t i = 0; i < bad.size(); ++i) {
    Status s = VerifyTreeHead(bad[i], key.public_key());
    EXPECT_EQ(s.code(), Code::kUnauthenticated) << "case " << i;
  }
  EXPECT_EQ(VerifyTreeHead(bad[1], key.public_key()).message(),
            "the signature of the tree head of node origin-np at size 9 does not verify with the "
            "node's key");
}

TEST_F(TreeHeadTest, KeyOfAnotherNodeFails) {
  const crypto::SigningKey origin = KeyFromSeedByte(1);
  const crypto::SigningKey destination = KeyFromSeedByte(2);
  const SignedTreeHead sth = SignTreeHead(ExampleHead(), origin);
  EXPECT_TRUE(VerifyTreeHead(sth, origin.public_key()).ok());
  EXPECT_EQ(VerifyTreeHead(sth, destination.public_key()).code(), Code::kUnauthenticated);
}

// The "type" member separates tree head signatures from anything else the key signs: the
// signature over the same members without it does not verify.
TEST_F(TreeHeadTest, SigningInputCarriesTheType) {
  const crypto::SigningKey key = KeyFromSeedByte(3);
  const TreeHead h = ExampleHead();
  const std::string input = TreeHeadSigningInput(h);
  EXPECT_NE(input.find(R"("type":"corridor.tree_head.v1")"), std::string::npos);
  std::string untyped = input;
  untyped.erase(untyped.find(R"(,"type")"),
                std::string(R"(,"type":"corridor.tree_head.v1")").size());
  SignedTreeHead forged;
  forged.head = h;
  forged.signature = key.Sign(AsBytes(untyped));
  EXPECT_FALSE(VerifyTreeHead(forged, key.public_key()).ok());
}

}  // namespace
}  // namespace corridor::ledger
