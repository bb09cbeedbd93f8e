#include "federation/envelope.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "federation/testing.hpp"
#include "ledger/tree_head.hpp"

namespace corridor::federation {
namespace {

using testing::KeyFromSeed;
using testing::SignedSample;
using testing::T;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The fenced block that follows the line containing `marker` in the format document.
std::string BlockAfter(const std::string& doc, const std::string& marker) {
  size_t at = doc.find(marker);
  if (at == std::string::npos) return "";
  at = doc.find("```\n", at);
  if (at == std::string::npos) return "";
  at += 4;
  const size_t end = doc.find("\n```", at);
  return doc.substr(at, end - at);
}

TEST(EnvelopeTest, DocumentExample) {
  crypto::Init();
  const auto key = KeyFromSeed(0);
  EXPECT_EQ(HexEncode(key.public_key()),
            "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8");
  const Envelope e = SignedSample(key);
  const std::string doc =
      ReadFile(std::string(CORRIDOR_SOURCE_DIR) + "/docs/formats/federation.md");
  ASSERT_FALSE(doc.empty());
  EXPECT_EQ(BlockAfter(doc, "an agency record, signed at"), json::Canonical(EnvelopeToJson(e)));
  EXPECT_EQ(BlockAfter(doc, "Its signing input is"), EnvelopeSigningInput(e));
  // The document's envelope reads back and verifies.
  auto parsed = json::Parse(BlockAfter(doc, "an agency record, signed at"));
  ASSERT_TRUE(parsed.ok());
  auto back = EnvelopeFromJson(*parsed);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_TRUE(VerifyEnvelope(*back, key.public_key()).ok());
}

TEST(EnvelopeTest, RoundTripsThroughItsTransportForm) {
  crypto::Init();
  const Envelope e = SignedSample(KeyFromSeed(0));
  // Member order and whitespace do not matter to the reader.
  auto parsed = json::Parse(json::WritePretty(EnvelopeToJson(e)));
  ASSERT_TRUE(parsed.ok());
  auto back = EnvelopeFromJson(*parsed);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, e);
  EXPECT_EQ(EnvelopeDigest(*back), EnvelopeDigest(e));
}

TEST(EnvelopeTest, SignatureCoversEveryMember) {
  crypto::Init();
  const auto key = KeyFromSeed(0);
  const Envelope e = SignedSample(key);
  ASSERT_TRUE(VerifyEnvelope(e, key.public_key()).ok());
  std::vector<std::function<void(Envelope&)>> changes = {
      [](Envelope& x) { x.sender = "node-xxx"; },
      [](Envelope& x) { x.receiver = "node-xxx"; },
      [](Envelope& x) { x.seq = 2; },
      [](Envelope& x) { x.time = x.time.AddMillis(1); },
      [](Envelope& x) { x.created = x.created.AddMillis(1); },
      [](Envelope& x) { x.type = std::string(kEmployerRecord); },
      [](Envelope& x) { x.subject = "A-2"; },
      [](Envelope& x) { x.body["agency"]["name"] = "Other Manpower"; },
      [](Envelope& x) { x.signature[0] ^= 1; },
  };
  for (size_t i = 0; i < changes.size(); ++i) {
    Envelope changed = e;
    changes[i](changed);
    const Status s = VerifyEnvelope(changed, key.public_key());
    EXPECT_EQ(s.code(), Code::kUnauthenticated) << "change " << i;
  }
  EXPECT_EQ(VerifyEnvelope(e, KeyFromSeed(1).public_key()).code(), Code::kUnauthenticated);
}

TEST(EnvelopeTest, SigningInputsAreSeparatedByType) {
  crypto::Init();
  const auto key = KeyFromSeed(0);
  const Envelope e = SignedSample(key);
  const std::string input = EnvelopeSigningInput(e);
  EXPECT_EQ(input.rfind("{\"envelope\":{", 0), 0u) << input;
  EXPECT_NE(input.find(",\"type\":\"corridor.envelope.v1\"}"), std::string::npos);
  // A signature over the bare members (without the type wrapper) is not an envelope signature.
  json::Value bare = EnvelopeToJson(e);
  bare.AsObject().Erase("signature");
  Envelope forged = e;
  forged.signature = key.Sign(AsBytes(json::Canonical(bare)));
  EXPECT_FALSE(VerifyEnvelope(forged, key.public_key()).ok());
  // A receipt signature never verifies as an envelope's, nor a tree head's.
  Receipt r;
  r.sender = e.sender;
  r.receiver = e.receiver;
  r.seq = e.seq;
  r.envelope_digest = EnvelopeDigest(e);
  r.body_digest = BodyDigest(e.body);
  r.time = e.time;
  SignReceipt(r, key);
  forged.signature = r.signature;
  EXPECT_FALSE(VerifyEnvelope(forged, key.public_key()).ok());
  ledger::TreeHead h{e.sender, 1, {}, e.time};
  forged.signature = ledger::SignTreeHead(h, key).signature;
  EXPECT_FALSE(VerifyEnvelope(forged, key.public_key()).ok());
}

TEST(EnvelopeTest, BodyDigestIgnoresMemberOrder) {
  auto a = json::Parse(R"({"b":1,"a":{"y":"2","x":[1,2]}})");
  auto b = json::Parse(R"({"a":{"x":[1,2],"y":"2"},"b":1})");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(BodyDigest(*a), BodyDigest(*b));
  EXPECT_EQ(BodyDigest(*a).size(), 64u);
  auto c = json::Parse(R"({"a":{"x":[2,1],"y":"2"},"b":1})");
  EXPECT_NE(BodyDigest(*a), BodyDigest(*c));
}

// tests/data/federation/envelope_cases.json: each case changes the sample envelope's transport
// form ("set" members to values, "remove" members) and names the error the reader must give, or
// "" when the result must read.
TEST(EnvelopeTest, ReaderCases) {
  crypto::Init();
  const std::string text =
      ReadFile(std::string(CORRIDOR_SOURCE_DIR) + "/tests/data/federation/envelope_cases.json");
  auto cases = json::Parse(text);
  ASSERT_TRUE(cases.ok()) << cases.status().ToString();
  ASSERT_TRUE(cases->is_array());
  ASSERT_GE(cases->AsArray().size(), 20u);
  const json::Value base = EnvelopeToJson(SignedSample(KeyFromSeed(0)));
  for (const json::Value& c : cases->AsArray()) {
    const std::string name = c.Get("name")->AsString();
    json::Value v = base;
    if (const json::Value* set = c.Get("set")) {
      for (const auto& [member, value] : set->AsObject()) v.AsObject().Set(member, value);
    }
    if (const json::Value* remove = c.Get("remove")) {
      for (const auto& member : remove->AsArray()) v.AsObject().Erase(member.AsString());
    }
    if (const json::Value* whole = c.Get("replace")) v = *whole;
    const std::string expect = c.Get("error")->AsString();
    auto r = EnvelopeFromJson(v);
    if (expect.empty()) {
      EXPECT_TRUE(r.ok()) << name << ": " << r.status().ToString();
    } else {
      ASSERT_FALSE(r.ok()) << name;
      EXPECT_EQ(r.status().code(), Code::kInvalidArgument) << name;
      EXPECT_EQ(r.status().message(), expect) << name;
    }
  }
}

Receipt SampleReceipt(const crypto::SigningKey& key) {
  const Envelope e = SignedSample(KeyFromSeed(0));
  Receipt r;
  r.sender = "node-kwt";
  r.receiver = "node-npl";
  r.seq = 1;
  r.envelope_digest = EnvelopeDigest(e);
  r.body_digest = BodyDigest(e.body);
  r.outcome = Outcome::kApplied;
  r.time = T("2026-11-29T08:00:01.250Z");
  SignReceipt(r, key);
  return r;
}

TEST(ReceiptTest, RoundTripsAndVerifies) {
  crypto::Init();
  const auto key = KeyFromSeed(100);
  const Receipt r = SampleReceipt(key);
  auto back = ReceiptFromJson(*json::Parse(json::Write(ReceiptToJson(r))));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, r);
  EXPECT_TRUE(VerifyReceipt(r, key.public_key()).ok());
  EXPECT_EQ(VerifyReceipt(r, KeyFromSeed(0).public_key()).code(), Code::kUnauthenticated);
  Receipt changed = r;
  changed.outcome = Outcome::kRejected;
  changed.reason = "no";
  EXPECT_FALSE(VerifyReceipt(changed, key.public_key()).ok());
  EXPECT_EQ(ReceiptSigningInput(r).rfind("{\"receipt\":{", 0), 0u);
  EXPECT_NE(ReceiptDigest(r), ReceiptDigest(changed));
}

TEST(ReceiptTest, ReaderRefusesWithTheMemberNamed) {
  crypto::Init();
  const json::Value base = ReceiptToJson(SampleReceipt(KeyFromSeed(100)));
  struct Case {
    const char* member = nullptr;
    json::Value value;
    const char* error = nullptr;
  };
  const Case cases[] = {
      {"outcome", "maybe", "receipt member \"outcome\" must be \"applied\" or \"rejected\""},
      {"reason", "because",
       "receipt member \"reason\" must be empty when the outcome is \"applied\""},
      {"envelope_digest", "ABCD",
       "receipt member \"envelope_digest\" must be 64 lower-case hex digits"},
      {"body_digest", std::string(64, 'A'),
       "receipt member \"body_digest\" must be 64 lower-case hex digits"},
      {"seq", 0, "receipt member \"seq\" must be an integer from 1 to 9007199254740991"},
      {"time", "2026-11-29T08:00:01Z",
       "receipt member \"time\" must be written YYYY-MM-DDTHH:MM:SS.mmmZ"},
      {"v", 2, "receipt member \"v\" must be 1"},
      {"extra", 1, "receipt member \"extra\" is not allowed here"},
  };
  for (const Case& c : cases) {
    json::Value v = base;
    v.AsObject().Set(c.member, c.value);
    auto r = ReceiptFromJson(v);
    ASSERT_FALSE(r.ok()) << c.member;
    EXPECT_EQ(r.status().message(), c.error);
  }
  json::Value rejected = base;
  rejected.AsObject().Set("outcome", "rejected");
  EXPECT_EQ(ReceiptFromJson(rejected).status().message(),
            "receipt member \"reason\" must say why when the outcome is \"rejected\"");
  rejected.AsObject().Set("reason", "contract C-1 is unknown here");
  EXPECT_TRUE(ReceiptFromJson(rejected).ok());
}

TEST(EnvelopeTest, KnowsItsMessageTypes) {
  for (auto t :
       {kAgencyRecord, kEmployerRecord, kJobOrderRecord, kContractUpdate, kContractSubstitution,
        kPermitRecord, kTransferRecord, kExitRecord, kWageAlert, kClearanceRecord, kLedgerHead}) {
    EXPECT_TRUE(IsMessageType(t)) << t;
  }
  EXPECT_FALSE(IsMessageType("contract.attested"));
  EXPECT_FALSE(IsMessageType(""));
}

}  // namespace
}  // namespace corridor::federation
