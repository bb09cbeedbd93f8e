#include "federation/audit.hpp"

#include <gtest/gtest.h>

#include "federation/testing.hpp"

namespace corridor::federation {
namespace {

using testing::KeyFromSeed;
using testing::T;

// node-npl's message log with node-kwt: sent 1 (acknowledged), sent 2 (pending), received 1
// (applied) and received 2 (an accepted head, which has no ledger event), with the ledger events
// that record them.
class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    crypto::Init();
    FederationEvent set;
    set.index = 0;
    set.type = std::string(kEventPeerSet);
    set.subject = "node-kwt";
    json::Object d;
    d.Set("country", "KWT");
    d.Set("url", "http://127.0.0.1:1");
    d.Set("public_key", HexEncode(peer_.public_key()));
    set.data = json::Value(std::move(d));
    events_.push_back(set);

    Envelope s1 = Make("node-npl", "node-kwt", 1, kAgencyRecord, "A-1", own_);
    Receipt r1 = ReceiptFor(s1, peer_);
    sent_.push_back({"node-kwt", 1, s1.type, s1.subject, BodyDigest(s1.body), "acknowledged",
                     json::Write(EnvelopeToJson(s1)), json::Write(ReceiptToJson(r1))});
    AddEvent(kEventQueued, "A-1", 1, BodyDigest(s1.body), "", "", "");
    Envelope s2 = Make("node-npl", "node-kwt", 2, kAgencyRecord, "A-2", own_);
    sent_.push_back({"node-kwt", 2, s2.type, s2.subject, BodyDigest(s2.body), "pending", "", ""});
    AddEvent(kEventQueued, "A-2", 2, BodyDigest(s2.body), "", "", "");
    AddEvent(kEventAcknowledged, "A-1", 1, "", EnvelopeDigest(s1), ReceiptDigest(r1), "applied");

    Envelope g1 = Make("node-kwt", "node-npl", 1, kEmployerRecord, "E-1", peer_);
    Receipt q1 = ReceiptFor(g1, own_);
    received_.push_back({"node-kwt", 1, g1.type, g1.subject, json::Write(EnvelopeToJson(g1)),
                         EnvelopeDigest(g1), BodyDigest(g1.body), "applied", "",
                         json::Write(ReceiptToJson(q1))});
    AddEvent(kEventReceived, "E-1", 1, "", EnvelopeDigest(g1), ReceiptDigest(q1), "applied");
    Envelope g2 = Make("node-kwt", "node-npl", 2, kLedgerHead, "node-kwt", peer_);
    Receipt q2 = ReceiptFor(g2, own_);
    received_.push_back({"node-kwt", 2, g2.type, g2.subject, json::Write(EnvelopeToJson(g2)),
                         EnvelopeDigest(g2), BodyDigest(g2.body), "applied", "",
                         json::Write(ReceiptToJson(q2))});
  }

  Envelope Make(const char* from, const char* to, uint64_t seq, std::string_view type,
                const char* subject, const crypto::SigningKey& key) {
    Envelope e = testing::SampleEnvelope();
    e.sender = from;
    e.receiver = to;
    e.seq = seq;
    e.type = std::string(type);
    e.subject = subject;
    e.body["n"] = seq;
    SignEnvelope(e, key);
    return e;
  }
  Receipt ReceiptFor(const Envelope& e, const crypto::SigningKey& key) {
    Receipt r;
    r.sender = e.receiver;
    r.receiver = e.sender;
    r.seq = e.seq;
    r.envelope_digest = EnvelopeDigest(e);
    r.body_digest = BodyDigest(e.body);
    r.time = T("2026-11-29T08:00:02.000Z");
    SignReceipt(r, key);
    return r;
  }
  void AddEvent(std::string_view type, const char* subject, uint64_t seq,
                const std::string& body_digest, const std::string& env, const std::string& rec,
                const std::string& outcome) {
    FederationEvent e;
    e.index = events_.size();
    e.type = std::string(type);
    e.subject = subject;
    json::Object d;
    d.Set("peer", "node-kwt");
    d.Set("seq", seq);
    if (!body_digest.empty()) d.Set("body_digest", body_digest);
    d.Set("type", type == kEventReceived ? (seq == 1 ? "employer.record" : "ledger.head")
                                         : "agency.record");
    if (!env.empty()) d.Set("envelope_digest", env);
    if (!rec.empty()) d.Set("receipt_digest", rec);
    if (!outcome.empty()) d.Set("outcome", outcome);
    e.data = json::Value(std::move(d));
    events_.push_back(std::move(e));
  }
  LogReport Verify() {
    return VerifyMessageLog(sent_, received_, events_, "node-npl", own_.public_key());
  }
  void ExpectProblem(const std::string& start) {
    const LogReport r = Verify();
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.problem.rfind(start, 0), 0u) << r.problem;
  }

  crypto::SigningKey own_ = KeyFromSeed(0);
  crypto::SigningKey peer_ = KeyFromSeed(100);
  std::vector<SentRecord> sent_;
  std::vector<ReceivedRecord> received_;
  std::vector<FederationEvent> events_;
};

TEST_F(AuditTest, ASoundLogVerifies) {
  const LogReport r = Verify();
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.sent_checked, 2u);
  EXPECT_EQ(r.received_checked, 2u);
  EXPECT_EQ(r.events_checked, 5u);
}

TEST_F(AuditTest, ARemovedRowIsFound) {
  sent_.erase(sent_.begin());
  ExpectProblem(
      "ledger event 1 (federation.queued) records message 1 to node-kwt, which is "
      "missing from the message log");
}

TEST_F(AuditTest, AGapInTheSequenceIsFound) {
  received_.erase(received_.begin());
  events_.erase(events_.begin() + 4);
  ExpectProblem("the received messages from node-kwt skip from 0 to 2: message 1 is missing");
}

TEST_F(AuditTest, AnEditedEnvelopeIsFound) {
  auto v = json::Parse(received_[0].envelope);
  (*v)["body"]["n"] = 7;
  received_[0].envelope = json::Write(*v);
  ExpectProblem(
      "received message 1 from node-kwt's envelope body does not match its recorded "
      "body digest");
  // Edited with its digest: the signature gives it away.
  received_[0].body_digest = BodyDigest((*v)["body"]);
  ExpectProblem("received message 1 from node-kwt's envelope signature does not verify");
}

TEST_F(AuditTest, AForgedReceiptIsFound) {
  auto env = EnvelopeFromJson(*json::Parse(sent_[0].envelope));
  sent_[0].receipt = json::Write(ReceiptToJson(ReceiptFor(*env, KeyFromSeed(5))));
  ExpectProblem(
      "sent message 1 to node-kwt's receipt signature does not verify under "
      "node-kwt's key");
}

TEST_F(AuditTest, AMissingLedgerEventIsFound) {
  events_.erase(events_.begin() + 4);
  ExpectProblem("received message 1 from node-kwt has no federation.received event");
}

TEST_F(AuditTest, AnOutcomeThatDisagreesIsFound) {
  sent_[0].state = "rejected";
  ExpectProblem("sent message 1 to node-kwt's receipt says applied, the log rejected");
}

TEST_F(AuditTest, APendingMessageWithAnAcknowledgementIsFound) {
  Envelope s2 = Make("node-npl", "node-kwt", 2, kAgencyRecord, "A-2", own_);
  AddEvent(kEventAcknowledged, "A-2", 2, "", EnvelopeDigest(s2), "x", "applied");
  ExpectProblem(
      "sent message 2 to node-kwt is pending, but the ledger records its "
      "acknowledgement");
}

TEST_F(AuditTest, AKeyNeverPinnedIsFound) {
  events_.erase(events_.begin());
  const LogReport r = Verify();
  EXPECT_FALSE(r.ok);
}

TEST_F(AuditTest, AnEventRecordedTwiceIsFound) {
  events_.push_back(events_[1]);
  ExpectProblem("ledger events record federation.queued twice for message 1 of node-kwt");
}

TEST_F(AuditTest, ARejectedHeadNeedsItsLedgerEvent) {
  auto env = EnvelopeFromJson(*json::Parse(received_[1].envelope));
  Receipt r = ReceiptFor(*env, own_);
  r.outcome = Outcome::kRejected;
  r.reason = "node-kwt rewrote its history";
  SignReceipt(r, own_);
  received_[1].outcome = "rejected";
  received_[1].reason = r.reason;
  received_[1].receipt = json::Write(ReceiptToJson(r));
  ExpectProblem("received message 2 from node-kwt has no federation.received event");
}

}  // namespace
}  // namespace corridor::federation
