#include "ledger/event.hpp"

#include <gtest/gtest.h>

#include "core/encoding.hpp"
#include "ledger/merkle.hpp"

namespace corridor::ledger {
namespace {

// The version 1 example (an event as recorded before version 2).
Event ExampleEvent() {
  Event e;
  e.version = 1;
  e.index = 7;
  e.time = *Timestamp::Parse("2026-03-01T09:30:00.125Z");
  e.node_id = "origin-np";
  e.type = "contract.attested";
  e.subject = "C-5N3QK8Z1RDX2T7M0";
  e.actor = "U-0000000000000001";
  e.data["digest"] = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  e.data["terms_version"] = 2;
  return e;
}

const char kExampleBytes[] =
    R"({"actor":"U-0000000000000001","data":{"digest":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","terms_version":2},"index":7,"node":"origin-np","subject":"C-5N3QK8Z1RDX2T7M0","time":"2026-03-01T09:30:00.125Z","type":"contract.attested","v":1})";

// The same change as a node records it now: version 2, with the contract it wrote (§1.1).
Event ExampleEventV2() {
  Event e = ExampleEvent();
  e.version = 2;
  crypto::Digest doc{};
  const auto bytes = HexDecode("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  if (bytes.ok() && bytes->size() == 32) std::copy(bytes->begin(), bytes->end(), doc.begin());
  e.records = {{"contracts", "C-5N3QK8Z1RDX2T7M0", doc}};
  return e;
}

const char kExampleBytesV2[] =
    R"({"actor":"U-0000000000000001","data":{"digest":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","terms_version":2},"index":7,"node":"origin-np","records":[{"id":"C-5N3QK8Z1RDX2T7M0","sha256":"44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","table":"contracts"}],"subject":"C-5N3QK8Z1RDX2T7M0","time":"2026-03-01T09:30:00.125Z","type":"contract.attested","v":2})";

// The example of docs/formats/ledger.md §1: its bytes and its leaf hash.
TEST(EventTest, DocumentExampleV2) {
  const std::string bytes = EncodeEvent(ExampleEventV2());
  EXPECT_EQ(bytes, kExampleBytesV2);
  EXPECT_EQ(bytes.size(), 396u);
  EXPECT_EQ(HashToHex(LeafHash(bytes)),
            "28619fa7a8981141ab0993bc686470c607c57df76d475b7bff30027beaccbd2f");
  auto back = DecodeEvent(bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, ExampleEventV2());
}

// The version 1 example of docs/formats/ledger.md §1: a node still reads it as it was recorded.
TEST(EventTest, DocumentExample) {
  const std::string bytes = EncodeEvent(ExampleEvent());
  EXPECT_EQ(bytes, kExampleBytes);
  EXPECT_EQ(bytes.size(), 260u);
  EXPECT_EQ(HashToHex(LeafHash(bytes)),
            "044696109ee4b5f1112e2e4cab2f40834ada1c66e41e7e6f1bdc9038f5eb6f47");
}

TEST(EventTest, DecodeIsTheInverseOfEncode) {
  const Event e = ExampleEvent();
  auto back = DecodeEvent(EncodeEvent(e));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, e);
  // Any JSON data, including non-ASCII text, nesting and none at all.
  Event other = e;
  other.index = 0;
  other.actor = "system";
  other.data = json::Value();
  other.data["name"] = "सीता";
  other.data["list"] = json::Array{1, 2.5, "x", nullptr, true, json::Object{}};
  back = DecodeEvent(EncodeEvent(other));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, other);
  other.data = json::Value();
  EXPECT_EQ(*DecodeEvent(EncodeEvent(other)), other);
  EXPECT_TRUE(CheckEvent(e).ok());
}

// EncodeEvent writes the canonical form directly; it must equal RFC 8785 applied to the object.
TEST(EventTest, EncodingIsTheCanonicalFormOfTheEventObject) {
  std::vector<Event> events = {ExampleEvent()};
  Event e = ExampleEvent();
  e.index = 0;
  e.data = json::Value();
  events.push_back(e);
  e.index = 9007199254740991ull;
  e.data = *json::Parse(R"({"z":[1e21,1e-7,-0.5,"\u0001\"\\"],"a":{"€":1,"\ud83d\ude00":2,"":3}})");
  events.push_back(e);
  e.index = 123456789;
  e.data = json::Value("just text");
  events.push_back(e);
  e = ExampleEventV2();
  events.push_back(e);
  e.records.clear();  // a change that wrote no document
  events.push_back(e);
  e = ExampleEventV2();
  e.records.push_back({"workers", "W-1", crypto::Sha256("x")});
  events.push_back(e);
  for (const Event& ev : events) {
    json::Object o;
    o.Set("v", ev.version);
    if (ev.version == 2) {
      json::Array records;
      for (const RecordHash& r : ev.records) {
        json::Object ro;
        ro.Set("table", r.table);
        ro.Set("id", r.id);
        ro.Set("sha256", HexEncode(r.sha256));
        records.push_back(std::move(ro));
      }
      o.Set("records", std::move(records));
    }
    o.Set("index", ev.index);
    o.Set("time", ev.time.ToString());
    o.Set("node", ev.node_id);
    o.Set("type", ev.type);
    o.Set("subject", ev.subject);
    o.Set("actor", ev.actor);
    o.Set("data", ev.data);
    EXPECT_EQ(EncodeEvent(ev), json::Canonical(json::Value(o)));
    auto back = DecodeEvent(EncodeEvent(ev));
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, ev);
  }
}

struct BadCase {
  std::string bytes;
  std::string message;
};

TEST(EventTest, DecodeRefusesEveryDeviation) {
  const std::string good = kExampleBytes;
  auto with = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    const size_t at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    s.replace(at, from.size(), to);
    return s;
  };
  const std::vector<BadCase> cases = {
      {"", "event is not valid JSON: line 1, column 1: the document is empty"},
      {"[1]", "event must be a JSON object, not array"},
      {good + " ",
       "event bytes are not in canonical form (RFC 8785): they first differ at byte 260"},
      {with(R"("actor")", R"( "actor")"),
       "event bytes are not in canonical form (RFC 8785): they first differ at byte 1"},
      {with(R"("terms_version":2)", R"("terms_version":2.0)"),
       "event bytes are not in canonical form (RFC 8785): they first differ at byte 131"},
      {with(R"("origin-np")", R"("origin\u002dnp")"),
       "event bytes are not in canonical form (RFC 8785): they first differ at byte 157"},
      {with(R"("index":7,"node":"origin-np",)", R"("node":"origin-np","index":7,)"),
       "event bytes are not in canonical form (RFC 8785): they first differ at byte 134"},
      {with(R"("v":1)", R"("v":3)"),
       "event v: unsupported event format version 3 (this software reads versions 1 and 2)"},
      {with(R"("v":1)", R"("v":"1")"),
       "event v: unsupported event format version \"1\" (this software reads versions 1 and 2)"},
      {with(R"("v":1)", R"("v":2)"), "event records: is missing"},
      {with(R"("node":"origin-np",)", R"("node":"origin-np","records":[],)"),
       "event has an unknown member \"records\""},
      {with(R"(,"v":1)", ""), "event v: is missing"},
      {with(R"("actor":"U-0000000000000001",)", ""), "event actor: is missing"},
      {with(R"("v":1)", R"("v":1,"w":0)"), "event has an unknown member \"w\""},
      {with(R"("index":7)", R"("index":-7)"), "event index: must not be negative"},
      {with(R"("index":7)", R"("index":7.5)"), "event index: must be an integer, not a fraction"},
      {with(R"("index":7)", R"("index":"7")"), "event index: must be an integer, not string"},
      {with(R"("index":7)", R"("index":9007199254740992)"),
       "event index: must be an integer within ±(2^53-1)"},
      {with(R"(09:30:00.125Z)", R"(09:30:00Z)"),
       "event time: must be written YYYY-MM-DDTHH:MM:SS.mmmZ"},
      {with(R"(2026-03-01T)", R"(2026-02-30T)"), "event time: day 30 does not exist in 2026-02"},
      {with(R"("node":"origin-np")", R"("node":7)"), "event node: must be a string, not number"},
      {with(R"("node":"origin-np")", R"("node":"origin np")"),
       "event node: an identifier may hold only A-Z, a-z, 0-9, '.', '_', '-'"},
      {with(R"("contract.attested")", R"("Contract.attested")"),
       "event type: must be two or more lower-case segments [a-z][a-z0-9_]* joined by '.', at "
       "most 64 characters"},
      {with(R"("contract.attested")", R"("contract")"),
       "event type: must be two or more lower-case segments [a-z][a-z0-9_]* joined by '.', at "
       "most 64 characters"},
      {with(R"("subject":"C-5N3QK8Z1RDX2T7M0")", R"("subject":"")"),
       "event subject: an identifier must be 1 to 64 characters long"},
      {with(R"("actor":"U-0000000000000001")", R"("actor":null)"),
       "event actor: must be a string, not null"},
  };
  for (const BadCase& c : cases) {
    auto e = DecodeEvent(c.bytes);
    ASSERT_FALSE(e.ok()) << c.bytes;
    EXPECT_EQ(e.status().code(), Code::kInvalidArgument);
    EXPECT_EQ(e.status().message(), c.message) << c.bytes;
  }
}

TEST(EventTest, DecodeRefusesMalformedRecords) {
  const std::string good = kExampleBytesV2;
  const std::string entry =
      R"({"id":"C-5N3QK8Z1RDX2T7M0","sha256":"44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","table":"contracts"})";
  auto records = [&](const std::string& to) {
    std::string s = good;
    const size_t at = s.find(entry);
    EXPECT_NE(at, std::string::npos);
    s.replace(at - 1, entry.size() + 2, to);
    return s;
  };
  const std::vector<BadCase> cases = {
      {records("{}"), "event records: must be an array, not object"},
      {records("[1]"), "event records[0]: must be an object of exactly id, sha256 and table"},
      {records(R"([{"id":"C-1","sha256":"00","table":"contracts"}])"),
       "event records[0].sha256: must be 64 lower-case hex digits"},
      {records(R"([{"id":"C-1","sha256":")" + std::string(64, 'A') + R"(","table":"contracts"}])"),
       "event records[0].sha256: must be 64 lower-case hex digits"},
      {records(R"([{"id":"C-1","sha256":7,"table":"contracts"}])"),
       "event records[0].sha256: must be a string"},
      {records(R"([{"id":"C 1","sha256":")" + std::string(64, 'a') + R"(","table":"contracts"}])"),
       "event records[0].id: an identifier may hold only A-Z, a-z, 0-9, '.', '_', '-'"},
      {records(R"([{"id":"C-1","sha256":")" + std::string(64, 'a') + R"(","table":"Contracts"}])"),
       "event records[0].table: must be [a-z][a-z0-9_]*, at most 64 characters"},
      {records("[" + entry + "," + entry + "]"),
       "event records[1]: names contracts C-5N3QK8Z1RDX2T7M0 a second time"},
      {records(R"([{"id":"C-1","sha256":")" + std::string(64, 'a') +
               R"(","table":"contracts","x":1}])"),
       "event records[0]: must be an object of exactly id, sha256 and table"},
  };
  for (const BadCase& c : cases) {
    auto e = DecodeEvent(c.bytes);
    ASSERT_FALSE(e.ok()) << c.bytes;
    EXPECT_EQ(e.status().code(), Code::kInvalidArgument);
    EXPECT_EQ(e.status().message(), c.message) << c.bytes;
  }
  Event v1 = ExampleEvent();
  v1.records = ExampleEventV2().records;
  EXPECT_EQ(CheckEvent(v1).message(), "event records: is not part of a version 1 event");
}

// What CheckEvent lets through, DecodeEvent reads back; one step beyond is refused by both.
TEST(EventTest, LimitsOfCheckAndDecodeAgree) {
  Event e = ExampleEvent();
  json::Value deep;
  for (int i = 0; i < kMaxEventDataDepth; ++i) deep = json::Array{deep};
  e.data = deep;
  ASSERT_TRUE(CheckEvent(e).ok());
  auto back = DecodeEvent(EncodeEvent(e));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, e);
  e.data = json::Array{deep};
  std::string path;
  for (int i = 0; i < kMaxEventDataDepth; ++i) path += "/0";
  EXPECT_EQ(CheckEvent(e).message(), "event data: " + path + ": nesting deeper than 63");
  EXPECT_FALSE(DecodeEvent(EncodeEvent(e)).ok());

  e = ExampleEvent();
  const size_t overhead = EncodeEvent(e).size() + std::string(R"(,"note":"")").size();
  e.data["note"] = std::string(kMaxEventBytes - overhead, 'x');
  ASSERT_EQ(EncodeEvent(e).size(), kMaxEventBytes);
  ASSERT_TRUE(CheckEvent(e).ok()) << CheckEvent(e).ToString();
  EXPECT_TRUE(DecodeEvent(EncodeEvent(e)).ok());
  e.data["note"] = std::string(kMaxEventBytes - overhead + 1, 'x');
  EXPECT_EQ(CheckEvent(e).message(),
            "event data: the encoded event is 1048577 bytes, more than the limit of 1048576");
  EXPECT_FALSE(DecodeEvent(EncodeEvent(e)).ok());
}

TEST(EventTest, EventTypes) {
  EXPECT_TRUE(IsValidEventType("contract.attested"));
  EXPECT_TRUE(IsValidEventType("payroll.file_2.received"));
  EXPECT_TRUE(IsValidEventType("a.b"));
  EXPECT_FALSE(IsValidEventType(""));
  EXPECT_FALSE(IsValidEventType("contract"));
  EXPECT_FALSE(IsValidEventType("contract."));
  EXPECT_FALSE(IsValidEventType(".attested"));
  EXPECT_FALSE(IsValidEventType("contract..attested"));
  EXPECT_FALSE(IsValidEventType("contract.Attested"));
  EXPECT_FALSE(IsValidEventType("contract.2nd"));
  EXPECT_FALSE(IsValidEventType("contract-attested.x"));
  EXPECT_FALSE(IsValidEventType("a." + std::string(62, 'b') + "c"));  // 65 characters
  EXPECT_TRUE(IsValidEventType("a." + std::string(62, 'b')));         // 64 characters
}

TEST(EventTest, CheckEventNamesTheField) {
  Event e = ExampleEvent();
  e.index = 9007199254740992ull;
  Status s = CheckEvent(e);
  EXPECT_EQ(s.field(), "index");
  e = ExampleEvent();
  e.data["bad"] = std::numeric_limits<double>::infinity();
  s = CheckEvent(e);
  EXPECT_EQ(s.field(), "data");
  EXPECT_EQ(s.message(), "event data: /bad: number is not finite (NaN or infinity)");
  e = ExampleEvent();
  e.actor = "";
  EXPECT_EQ(CheckEvent(e).field(), "actor");
}

}  // namespace
}  // namespace corridor::ledger
