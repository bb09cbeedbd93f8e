#include "federation/protocol.hpp"

#include <gtest/gtest.h>

#include "federation/testing.hpp"

namespace corridor::federation {
namespace {

using testing::KeyFromSeed;
using testing::SignedSample;
using testing::T;

TEST(ProtocolTest, RequestRoundTrips) {
  crypto::Init();
  const Envelope e = SignedSample(KeyFromSeed(0));
  auto parsed = json::Parse(json::Write(RequestToJson({e, e})));
  ASSERT_TRUE(parsed.ok());
  auto list = RequestFromJson(*parsed);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ(*EnvelopeFromJson((*list)[1]), e);
}

TEST(ProtocolTest, RequestOuterFormIsChecked) {
  const std::pair<const char*, const char*> cases[] = {
      {"[]", "the request must be a JSON object"},
      {"{}", "must be an array of envelopes"},
      {R"({"envelopes":{}})", "must be an array of envelopes"},
      {R"({"envelopes":[]})", "must hold 1 to 64 envelopes"},
      {R"({"envelopes":[1],"more":2})", "is not allowed here"},
  };
  for (const auto& [text, error] : cases) {
    auto r = RequestFromJson(*json::Parse(text));
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().message(), error) << text;
  }
  json::Array many(65, json::Value(json::Object()));
  json::Object o;
  o.Set("envelopes", json::Value(std::move(many)));
  EXPECT_EQ(RequestFromJson(json::Value(std::move(o))).status().message(),
            "must hold 1 to 64 envelopes");
  // Envelopes themselves are not read here: a bad one is the receiver's refusal, not a 400.
  EXPECT_TRUE(RequestFromJson(*json::Parse(R"({"envelopes":[1,"x"]})")).ok());
}

TEST(ProtocolTest, ResponseRoundTrips) {
  crypto::Init();
  const auto peer = KeyFromSeed(100);
  const Envelope e = SignedSample(KeyFromSeed(0));
  Receipt r;
  r.sender = "node-kwt";
  r.receiver = "node-npl";
  r.seq = 1;
  r.envelope_digest = EnvelopeDigest(e);
  r.body_digest = BodyDigest(e.body);
  r.time = T("2026-11-29T08:00:02.000Z");
  SignReceipt(r, peer);
  DeliveryResponse resp;
  resp.results.push_back({1, r, false, std::nullopt});
  resp.results.push_back({2, r, true, e});
  resp.refused = RefusalReport{3, {RefusalCode::kStale, "too old"}};
  auto back = ResponseFromJson(*json::Parse(json::Write(ResponseToJson(resp))));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->results.size(), 2u);
  EXPECT_EQ(back->results[0].receipt, r);
  EXPECT_FALSE(back->results[0].duplicate);
  EXPECT_FALSE(back->results[0].envelope);
  EXPECT_TRUE(back->results[1].duplicate);
  EXPECT_EQ(*back->results[1].envelope, e);
  ASSERT_TRUE(back->refused);
  EXPECT_EQ(back->refused->seq, 3u);
  EXPECT_EQ(back->refused->refusal, (Refusal{RefusalCode::kStale, "too old"}));

  DeliveryResponse empty;
  auto none = ResponseFromJson(ResponseToJson(empty));
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->results.empty());
  EXPECT_FALSE(none->refused);
}

TEST(ProtocolTest, ResponseReaderRefusesWhatItDoesNotKnow) {
  const std::pair<const char*, const char*> cases[] = {
      {"[]", "the peer's response is not a JSON object"},
      {"{}", "the peer's response has no \"results\" array"},
      {R"({"results":[],"x":1})", "the peer's response has an unknown member \"x\""},
      {R"({"results":[1]})", "the peer's response has a result that is not an object"},
      {R"({"results":[{"seq":0}]})", "the peer's response has a result without a valid \"seq\""},
      {R"({"results":[{"seq":1}]})", "the peer's response has a result without a receipt"},
      {R"({"results":[],"refused":{"seq":1,"code":"nope","reason":"x"}})",
       "the peer's response has an unknown refusal code \"nope\""},
      {R"({"results":[],"refused":{"seq":1,"code":"stale"}})",
       "the peer's response has a refusal without a reason"},
  };
  for (const auto& [text, error] : cases) {
    auto r = ResponseFromJson(*json::Parse(text));
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().message(), error) << text;
  }
}

}  // namespace
}  // namespace corridor::federation
