#include "ledger/transport.hpp"

#include <gtest/gtest.h>

namespace corridor::ledger {
namespace {

class TransportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { crypto::Init(); }
};

SignedTreeHead ExampleSth() {
  TreeHead h;
  h.node_id = "destination-qa";
  h.size = 1234;
  h.root = LeafHash("root");
  h.time = *Timestamp::Parse("2026-03-01T10:00:00.250Z");
  return SignTreeHead(h, crypto::SigningKey::Generate());
}

TEST_F(TransportTest, SignedTreeHeadRoundTrip) {
  const SignedTreeHead sth = ExampleSth();
  const json::Value v = SignedTreeHeadToJson(sth);
  auto back = SignedTreeHeadFromJson(*json::Parse(json::Write(v)));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, sth);
}

TEST_F(TransportTest, SignedTreeHeadRefusesBadMembers) {
  const json::Value good = SignedTreeHeadToJson(ExampleSth());
  auto expect_error = [&](const std::function<void(json::Object&)>& change,
                          const std::string& message) {
    json::Value v = good;
    change(v.AsObject());
    auto r = SignedTreeHeadFromJson(v);
    ASSERT_FALSE(r.ok()) << message;
    EXPECT_EQ(r.status().message(), message);
  };
  expect_error([](json::Object& o) { o.Erase("root"); },
               "signed tree head member \"root\" is missing");
  expect_error([](json::Object& o) { o.Set("extra", 1); },
               "signed tree head member \"extra\" is not allowed here");
  expect_error([](json::Object& o) { o.Set("size", -1); },
               "signed tree head member \"size\" must be an integer from 0 to 9007199254740991");
  expect_error([](json::Object& o) { o.Set("size", 1.5); },
               "signed tree head member \"size\" must be an integer from 0 to 9007199254740991");
  expect_error([](json::Object& o) { o.Set("root", "abcd"); },
               "signed tree head member \"root\" a hash must be 64 hex digits, not 4 characters");
  expect_error([](json::Object& o) { o.Set("time", "yesterday"); },
               "signed tree head member \"time\" must be a UTC time written YYYY-MM-DDTHH:MM:SSZ");
  expect_error([](json::Object& o) { o.Set("signature", "AAAA"); },
               "signed tree head member \"signature\" must be 64 bytes in base64url without "
               "padding");
  expect_error([](json::Object& o) { o.Set("node", "a b"); },
               "signed tree head member \"node\" an identifier may hold only A-Z, a-z, 0-9, '.', "
               "'_', '-'");
  expect_error([](json::Object& o) { o.Set("node", 3); },
               "signed tree head member \"node\" must be a string");
  auto not_object = SignedTreeHeadFromJson(json::Value("x"));
  EXPECT_EQ(not_object.status().message(), "signed tree head must be a JSON object, not string");
}

TEST_F(TransportTest, ProofsRoundTripAndRefuseBadMembers) {
  InclusionProofMessage inc{5, 8, {LeafHash("a"), LeafHash("b"), LeafHash("c")}};
  auto inc_back = InclusionProofFromJson(*json::Parse(json::Write(InclusionProofToJson(inc))));
  ASSERT_TRUE(inc_back.ok()) << inc_back.status().ToString();
  EXPECT_EQ(*inc_back, inc);
  EXPECT_EQ(json::Write(InclusionProofToJson({0, 1, {}})),
            R"({"leaf_index":0,"tree_size":1,"path":[]})");

  ConsistencyProofMessage con{6, 8, {LeafHash("x")}};
  auto con_back = ConsistencyProofFromJson(*json::Parse(json::Write(ConsistencyProofToJson(con))));
  ASSERT_TRUE(con_back.ok()) << con_back.status().ToString();
  EXPECT_EQ(*con_back, con);

  auto bad = InclusionProofFromJson(*json::Parse(R"({"leaf_index":0,"tree_size":1,"path":[1]})"));
  EXPECT_EQ(bad.status().message(),
            "inclusion proof member \"path\" must hold 64-digit hex strings");
  bad = InclusionProofFromJson(*json::Parse(R"({"leaf_index":0,"tree_size":1,"path":{}})"));
  EXPECT_EQ(bad.status().message(),
            "inclusion proof member \"path\" must be an array of hex strings");
  json::Array long_path(65, json::Value(HashToHex(LeafHash("a"))));
  json::Object o;
  o.Set("old_size", 1);
  o.Set("new_size", 2);
  o.Set("proof", long_path);
  auto too_long = ConsistencyProofFromJson(json::Value(o));
  EXPECT_EQ(too_long.status().message(),
            "consistency proof member \"proof\" holds more than 64 hashes");
  o.Erase("new_size");
  EXPECT_EQ(ConsistencyProofFromJson(json::Value(o)).status().message(),
            "consistency proof member \"new_size\" is missing");
}

}  // namespace
}  // namespace corridor::ledger
