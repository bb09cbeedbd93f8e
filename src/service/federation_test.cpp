#include "service/federation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "codec/codec.hpp"
#include "federation/heads.hpp"
#include "service/federation_testing.hpp"
#include "service/federation_worker.hpp"
#include "service/permits.hpp"

namespace corridor::service {
namespace {

using domain::Role;
using domain::testing::D;
using domain::testing::KWD;
using namespace service::testing;

// A Nepal-Kuwait corridor: an employer registered in Kuwait, an agency and a worker in Nepal,
// and the contract between them drafted, accepted and attested in Nepal.
class FederationTest : public ::testing::Test {
 protected:
  // Whatever a test wrote on either node, each state agrees with its node's ledger afterwards.
  void TearDown() override {
    if (!c_) return;
    for (CorridorNode* n : {&c_->origin, &c_->destination}) {
      if (n->node.store) {
        EXPECT_EQ(store::testing::AuditProblems(*n->node.store), "")
            << n->node.store->identity().node_id;
      }
    }
  }

  void SetUp() override {
    crypto::Init();
    auto c = TestCorridor::Create(*Timestamp::Parse("2026-11-29T08:00:00Z"));
    ASSERT_TRUE(c.ok()) << c.status().ToString() << " " << c.status().detail();
    c_ = std::move(*c);
    np_officer_ = Officer(Role::kOriginOfficer, "NPL", "U-np-officer");
    kw_officer_ = Officer(Role::kDestinationOfficer, "KWT", "U-kw-officer");
  }

  Registry& np() { return *c_->origin.registry; }
  Registry& kw() { return *c_->destination.registry; }
  Federation& npf() { return *c_->origin.federation; }
  Federation& kwf() { return *c_->destination.federation; }

  // Registers the parties on their own sides and lets the organisations cross.
  void Parties() {
    domain::Employer e = domain::testing::SampleEmployer();
    e.id = EmployerId();
    auto emp = kw().RegisterEmployer(kw_officer_, e);
    ASSERT_TRUE(emp.ok()) << emp.status().ToString();
    employer_ = *emp;
    domain::Agency a = domain::testing::SampleAgency();
    a.id = AgencyId();
    auto ag = np().RegisterAgency(domain::SystemActor(), a);
    ASSERT_TRUE(ag.ok()) << ag.status().ToString();
    agency_ = *ag;
    domain::Worker w = domain::testing::SampleWorker();
    w.id = WorkerId();
    auto wk = np().RegisterWorker(np_officer_, w);
    ASSERT_TRUE(wk.ok()) << wk.status().ToString();
    worker_ = *wk;
    ASSERT_TRUE(c_->DeliverAll().ok());
  }

  domain::ContractTerms Terms() {
    domain::ContractTerms t = domain::testing::SampleTerms();
    t.worker = worker_.id;
    t.employer = employer_.id;
    t.agency = agency_.id;
    t.start_date = D("2026-12-15");
    return t;
  }

  // Drafted by the agency, accepted by the worker and attested, all in Nepal.
  domain::Contract AttestedAtOrigin() {
    auto c = np().DraftContract(AgencyActor(agency_.id), Terms());
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    EXPECT_TRUE(np().OfferContract(AgencyActor(agency_.id), c->id).ok());
    EXPECT_TRUE(np().AcceptContract(WorkerActor(worker_.id), c->id).ok());
    auto attested = np().AttestContract(np_officer_, c->id);
    EXPECT_TRUE(attested.ok()) << attested.status().ToString();
    return *attested;
  }

  std::optional<domain::Contract> ContractAt(CorridorNode& n, const ContractId& id) {
    std::optional<domain::Contract> out;
    EXPECT_TRUE(n.node.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      auto c = tx.GetContract(id);
                      if (c.ok()) out = *c;
                      return c.ok() || c.status().code() == Code::kNotFound ? Status::Ok()
                                                                            : c.status();
                    })
                    .ok());
    return out;
  }

  std::vector<store::Notification> Notes(CorridorNode& n, const std::string& recipient) {
    std::vector<store::Notification> out;
    EXPECT_TRUE(n.node.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(out, tx.ListNotifications(recipient, {"", 1000}));
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  void ExpectAuditsPass() {
    for (CorridorNode* n : {&c_->origin, &c_->destination}) {
      EXPECT_EQ(store::testing::AuditProblems(*n->node.store), "");
      auto log = store::VerifyMessageLog(*n->node.store);
      ASSERT_TRUE(log.ok()) << log.status().ToString();
      EXPECT_TRUE(log->ok) << n->node.store->identity().node_id << ": " << log->problem;
    }
  }

  int64_t Pending(CorridorNode& n) { return n.Count("fed_outbox", "state = 'pending'"); }

  std::unique_ptr<TestCorridor> c_;
  domain::Actor np_officer_;
  domain::Actor kw_officer_;
  domain::Employer employer_;
  domain::Agency agency_;
  domain::Worker worker_;
};

TEST_F(FederationTest, OrganisationsCrossToThePeer) {
  Parties();
  auto emp = c_->origin.node.store->Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto e, tx.GetEmployer(employer_.id));
    EXPECT_EQ(e, employer_);
    return Status::Ok();
  });
  EXPECT_TRUE(emp.ok()) << emp.ToString();
  EXPECT_TRUE(c_->destination.node.store
                  ->Read([&](store::ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto a, tx.GetAgency(agency_.id));
                    EXPECT_EQ(a, agency_);
                    // The worker stays at home until a contract takes them abroad.
                    EXPECT_EQ(tx.GetWorker(worker_.id).status().code(), Code::kNotFound);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(Pending(c_->origin), 0);
  EXPECT_EQ(Pending(c_->destination), 0);
  ExpectAuditsPass();
}

TEST_F(FederationTest, HappyPathOneContractTwoCountries) {
  Parties();
  const domain::Contract attested = AttestedAtOrigin();
  ASSERT_TRUE(c_->DeliverAll().ok());

  // The destination holds the attested contract with the same digest, and a minimised worker.
  auto at_kw = ContractAt(c_->destination, attested.id);
  ASSERT_TRUE(at_kw);
  EXPECT_EQ(at_kw->state, domain::ContractState::kAttested);
  EXPECT_EQ(at_kw->digest, attested.digest);
  EXPECT_EQ(at_kw->attested_digest, attested.digest);
  EXPECT_EQ(at_kw->terms, attested.terms);
  EXPECT_TRUE(c_->destination.node.store
                  ->Read([&](store::ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto w, tx.GetWorker(worker_.id));
                    EXPECT_EQ(w.phone, "") << "the phone number does not cross";
                    EXPECT_EQ(w.passport, worker_.passport);
                    EXPECT_EQ(w.name_native, worker_.name_native);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_FALSE(Notes(c_->destination, "embassy:NPL").empty()) << "the embassy sees its national";

  // On arrival the destination authenticates the terms the worker holds, and issues a permit.
  auto auth = kw().AuthenticateContract(kw_officer_, attested.id, attested.terms);
  ASSERT_TRUE(auth.ok()) << auth.status().ToString();
  EXPECT_FALSE(auth->substitution);
  auto permit = kw().IssuePermit(kw_officer_, attested.id);
  ASSERT_TRUE(permit.ok()) << permit.status().ToString();
  ASSERT_TRUE(c_->DeliverAll().ok());

  auto at_np = ContractAt(c_->origin, attested.id);
  ASSERT_TRUE(at_np);
  EXPECT_EQ(at_np->state, domain::ContractState::kActive);
  EXPECT_EQ(at_np->authenticated_digest, attested.digest);
  EXPECT_TRUE(c_->origin.node.store
                  ->Read([&](store::ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto p, tx.GetPermit(permit->id));
                    EXPECT_EQ(p, *permit);
                    ASSIGN_OR_RETURN(auto w, tx.GetWorker(worker_.id));
                    EXPECT_EQ(w.phone, worker_.phone) << "the origin keeps its own record whole";
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_FALSE(Notes(c_->origin, "worker:" + worker_.id.value()).empty());

  // Nothing pending, nothing rejected, both message logs and ledgers verify.
  EXPECT_EQ(Pending(c_->origin), 0);
  EXPECT_EQ(Pending(c_->destination), 0);
  EXPECT_EQ(c_->origin.Count("fed_inbox", "outcome = 'rejected'"), 0);
  EXPECT_EQ(c_->destination.Count("fed_inbox", "outcome = 'rejected'"), 0);
  EXPECT_EQ(c_->origin.Count("fed_refused"), 0);
  ExpectAuditsPass();

  // What each side sent is what the other received, receipt for receipt.
  auto sent = npf().Sent(np_officer_, {});
  auto received = kwf().Received(kw_officer_, {});
  ASSERT_TRUE(sent.ok() && received.ok());
  ASSERT_EQ(sent->size(), received->size());
  for (size_t i = 0; i < sent->size(); ++i) {
    EXPECT_EQ((*sent)[i].seq, (*received)[i].seq);
    EXPECT_EQ((*sent)[i].envelope, (*received)[i].envelope);
    EXPECT_EQ((*sent)[i].receipt, (*received)[i].receipt);
    EXPECT_EQ((*sent)[i].state, "acknowledged");
  }
}

TEST_F(FederationTest, SubstitutionIsShownToBothCountries) {
  Parties();
  const domain::Contract attested = AttestedAtOrigin();
  ASSERT_TRUE(c_->DeliverAll().ok());
  domain::ContractTerms presented = attested.terms;
  presented.basic_wage = KWD("75");
  presented.hours_per_day = 8;
  presented.accommodation_details = "shared room";
  auto auth = kw().AuthenticateContract(kw_officer_, attested.id, presented);
  ASSERT_TRUE(auth.ok()) << auth.status().ToString();
  ASSERT_TRUE(auth->substitution);
  ASSERT_TRUE(c_->DeliverAll().ok());

  // The destination's authorities, the embassy and the worker were told there; the origin's
  // authority and the worker are told here, with the differences computed from the terms the
  // origin attested.
  for (const char* who : {"authority:KWT", "authority:NPL", "embassy:NPL"}) {
    EXPECT_FALSE(Notes(c_->destination, who).empty()) << who;
  }
  for (const std::string& who : {std::string("authority:NPL"), "worker:" + worker_.id.value()}) {
    auto notes = Notes(c_->origin, who);
    bool found = false;
    for (const auto& n : notes) {
      if (n.type != "contract.substitution_flagged") continue;
      found = true;
      const json::Value* diffs = n.data.Get("differences");
      ASSERT_TRUE(diffs && diffs->is_array());
      std::vector<std::string> fields;
      for (const auto& d : diffs->AsArray()) fields.push_back(d.Get("field")->AsString());
      EXPECT_EQ(fields, (std::vector<std::string>{"basic_wage", "accommodation_details"}));
      EXPECT_EQ(n.data.Get("attested_digest")->AsString(), attested.digest);
    }
    EXPECT_TRUE(found) << who;
  }
  // The contract stays attested on both sides; nothing was authenticated.
  EXPECT_EQ(ContractAt(c_->origin, attested.id)->state, domain::ContractState::kAttested);
  EXPECT_EQ(ContractAt(c_->destination, attested.id)->state, domain::ContractState::kAttested);
  ExpectAuditsPass();
}

TEST_F(FederationTest, ThePeerDownQueuesAndNothingIsLostOrAppliedTwice) {
  Parties();
  c_->transport.SetReachable(c_->destination.url, false);
  std::vector<AgencyId> agencies;
  for (int i = 0; i < 30; ++i) {
    domain::Agency a = domain::testing::SampleAgency();
    a.id = AgencyId();
    a.licence_number = "DOFE-" + std::to_string(2000 + i) + "/2081";
    auto ag = np().RegisterAgency(domain::SystemActor(), a);
    ASSERT_TRUE(ag.ok()) << ag.status().ToString();
    agencies.push_back(ag->id);
  }
  EXPECT_EQ(Pending(c_->origin), 30);
  // Attempts fail and back off; the peer's state says why.
  for (int round = 0; round < 5; ++round) {
    ASSERT_TRUE(c_->DeliverAll().ok());
    c_->Advance(70'000);
  }
  EXPECT_EQ(Pending(c_->origin), 30);
  auto peers = npf().Peers(np_officer_);
  ASSERT_TRUE(peers.ok());
  ASSERT_EQ(peers->size(), 1u);
  EXPECT_EQ((*peers)[0].peer.failures, 5);
  EXPECT_NE((*peers)[0].peer.last_error.find("does not answer"), std::string::npos)
      << (*peers)[0].peer.last_error;
  EXPECT_EQ((*peers)[0].pending, 30);
  // Back up: everything arrives, once, in order.
  c_->transport.SetReachable(c_->destination.url, true);
  ASSERT_TRUE(c_->DeliverAll().ok());
  EXPECT_EQ(Pending(c_->origin), 0);
  EXPECT_EQ(c_->destination.Count("agencies"), 31);
  EXPECT_EQ(c_->destination.Count("fed_inbox", "peer = 'node-npl'"), 31);
  peers = npf().Peers(np_officer_);
  EXPECT_EQ((*peers)[0].peer.failures, 0);
  EXPECT_EQ((*peers)[0].peer.last_error, "");
  ExpectAuditsPass();
}

TEST_F(FederationTest, LostReceiptsAreAnsweredAgainWithoutASecondEffect) {
  Parties();
  // The connection breaks after the destination committed: the origin never sees the receipts.
  int lose = 1;
  c_->transport.SetReplyFilter([&lose](federation::HttpReply&) { return lose-- <= 0; });
  const domain::Contract attested = AttestedAtOrigin();
  const uint64_t kw_ledger_before = [&] {
    uint64_t n = 0;
    (void)c_->destination.node.store->Read([&](store::ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(n, tx.LedgerSize());
      return Status::Ok();
    });
    return n;
  }();
  ASSERT_TRUE(c_->DeliverAll().ok());
  EXPECT_EQ(Pending(c_->origin), 1) << "the receipt was lost: the message is still pending";
  c_->Advance(2'000);  // the origin signs its next copy a moment later
  ASSERT_TRUE(c_->DeliverAll().ok());
  EXPECT_EQ(Pending(c_->origin), 0);
  // Applied once: one inbox row, one contract, one federation.received event.
  EXPECT_EQ(c_->destination.Count("fed_inbox", "type = 'contract.update'"), 1);
  EXPECT_EQ(c_->destination.Count("contracts"), 1);
  EXPECT_EQ(c_->destination.Count("ledger_events", "type = 'federation.received'"), 2);
  uint64_t kw_ledger_after = 0;
  (void)c_->destination.node.store->Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(kw_ledger_after, tx.LedgerSize());
    return Status::Ok();
  });
  EXPECT_EQ(kw_ledger_after, kw_ledger_before + 1);
  // The retransmission is logged as a duplicate, and the origin stored the copy that was applied.
  EXPECT_EQ(c_->destination.Count("fed_refused", "code = 'duplicate'"), 1);
  auto sent = npf().SentMessage(np_officer_, "node-kwt", 2);
  auto received = kwf().ReceivedMessage(kw_officer_, "node-npl", 2);
  ASSERT_TRUE(sent.ok() && received.ok()) << sent.status().ToString();
  EXPECT_EQ(sent->envelope, received->envelope);
  EXPECT_EQ(sent->receipt, received->receipt);
  EXPECT_EQ(ContractAt(c_->destination, attested.id)->digest, attested.digest);
  ExpectAuditsPass();
}

TEST_F(FederationTest, EitherSideRestartsWithoutLossOrRepetition) {
  Parties();
  c_->transport.SetReachable(c_->destination.url, false);
  const domain::Contract attested = AttestedAtOrigin();
  ASSERT_TRUE(c_->DeliverAll().ok());
  // Both nodes restart: the outbox, the sequence numbers and the received ones are in the store.
  ASSERT_TRUE(c_->origin.Restart(c_->transport).ok());
  ASSERT_TRUE(c_->destination.Restart(c_->transport).ok());
  c_->transport.SetReachable(c_->destination.url, true);
  c_->Advance(120'000);
  ASSERT_TRUE(c_->DeliverAll().ok());
  EXPECT_EQ(Pending(c_->origin), 0);
  EXPECT_EQ(ContractAt(c_->destination, attested.id)->state, domain::ContractState::kAttested);
  // After the restart the observer is in place again: a new change still queues its message.
  auto auth = kw().AuthenticateContract(kw_officer_, attested.id, std::nullopt);
  ASSERT_TRUE(auth.ok());
  ASSERT_TRUE(c_->DeliverAll().ok());
  EXPECT_EQ(ContractAt(c_->origin, attested.id)->state, domain::ContractState::kAuthenticated);
  ExpectAuditsPass();
}

TEST_F(FederationTest, RefusalsAreRecordedWithinEachAddresssAllowance) {
  Parties();
  federation::Envelope e;
  e.sender = "node-npl";
  e.receiver = "node-kwt";
  e.seq = 3;
  e.time = c_->destination.node.clock->Now();
  e.created = e.time;
  e.type = std::string(federation::kAgencyRecord);
  e.subject = agency_.id.value();
  e.body["agency"] = codec::ToJson(agency_);
  federation::SignEnvelope(e, crypto::SigningKey::Generate());  // a key nobody pinned
  const std::string forged = json::Write(federation::RequestToJson({e}));
  const int64_t before = c_->destination.Count("fed_refused");
  const int burst = FederationOptions{}.refusals.burst;
  for (int i = 0; i < burst + 10; ++i) {
    auto r = kwf().Receive(forged, "192.0.2.9");
    ASSERT_TRUE(r.ok());
    ASSERT_TRUE(r->refused);
  }
  // The address's allowance is recorded, the rest counted; the address is turned away now, and
  // another is not.
  EXPECT_EQ(c_->destination.Count("fed_refused"), before + burst);
  EXPECT_GT(kwf().RefusalWait("192.0.2.9"), 0);
  EXPECT_EQ(kwf().RefusalWait("192.0.2.10"), 0);
  // When its allowance comes back, the next refusal recorded says how many were not.
  c_->Advance(FederationOptions{}.refusals.refill_ms);
  EXPECT_EQ(kwf().RefusalWait("192.0.2.9"), 0);
  ASSERT_TRUE(kwf().Receive(forged, "192.0.2.9").ok());
  auto refused = kwf().Refused(kw_officer_, 0, 1);
  ASSERT_TRUE(refused.ok());
  ASSERT_EQ(refused->size(), 1U);
  EXPECT_EQ(
      (*refused)[0].reason.rfind("(11 earlier refusals from this address were not recorded", 0), 0U)
      << (*refused)[0].reason;
  // A request that is not of the protocol's form is recorded too, by its size alone.
  auto garbage = kwf().Receive("not json at all", "198.51.100.3");
  EXPECT_EQ(garbage.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(c_->destination.Count("fed_refused",
                                  "remote = '198.51.100.3' AND code = 'malformed' "
                                  "AND envelope_bytes = 15 AND envelope_digest = ''"),
            1);
}

TEST_F(FederationTest, ATamperedEnvelopeIsRefusedAndRecorded) {
  Parties();
  c_->transport.SetRequestFilter([](std::string& body) {
    const size_t at = body.find("Himal Manpower");
    if (at != std::string::npos) body.replace(at, 5, "Hamil");
  });
  domain::Agency a = domain::testing::SampleAgency();
  a.id = AgencyId();
  a.licence_number = "DOFE-9999/2081";
  ASSERT_TRUE(np().RegisterAgency(domain::SystemActor(), a).ok());
  ASSERT_TRUE(c_->DeliverAll().ok());
  EXPECT_EQ(Pending(c_->origin), 1);
  EXPECT_EQ(c_->destination.Count("fed_refused", "code = 'bad_signature'"), 1);
  auto refused = kwf().Refused(kw_officer_, 0, 10);
  ASSERT_TRUE(refused.ok());
  ASSERT_EQ(refused->size(), 1u);
  EXPECT_EQ((*refused)[0].claimed_sender, "node-npl");
  // Kept as a small record, never as a copy: the digests say which message it was (the body
  // digest of the tampered body, beside the sender's own).
  EXPECT_GT((*refused)[0].envelope_bytes, 100);
  EXPECT_EQ((*refused)[0].envelope_digest.size(), 64U);
  EXPECT_EQ((*refused)[0].body_digest.size(), 64U);
  store::LogQuery pending;
  pending.state = "pending";
  auto sent = npf().Sent(np_officer_, pending);
  ASSERT_TRUE(sent.ok());
  ASSERT_EQ(sent->size(), 1U);
  EXPECT_NE((*refused)[0].body_digest, (*sent)[0].body_digest);  // the body was altered
  EXPECT_EQ(c_->destination.Count("fed_refused", "envelope <> ''"), 0);
  auto peers = npf().Peers(np_officer_);
  EXPECT_NE((*peers)[0].peer.last_error.find("(bad_signature)"), std::string::npos)
      << (*peers)[0].peer.last_error;
  // The tampering stops: the message goes through untouched.
  c_->transport.SetRequestFilter(nullptr);
  c_->Advance(1'000);
  ASSERT_TRUE(c_->DeliverAll().ok());
  EXPECT_EQ(Pending(c_->origin), 0);
  ExpectAuditsPass();
}

TEST_F(FederationTest, AWrongKeyAnUnknownSenderAndAnotherReceiverAreRefused) {
  Parties();
  auto send = [&](federation::Envelope e, const crypto::SigningKey& key) {
    federation::SignEnvelope(e, key);
    auto r = kwf().Receive(json::Write(federation::RequestToJson({e})), "192.0.2.1");
    EXPECT_TRUE(r.ok());
    EXPECT_TRUE(r->results.empty());
    return r->refused ? r->refused->refusal.code : federation::RefusalCode::kUnavailable;
  };
  federation::Envelope e;
  e.sender = "node-npl";
  e.receiver = "node-kwt";
  e.seq = 3;
  e.time = c_->destination.node.clock->Now();
  e.created = e.time;
  e.type = std::string(federation::kAgencyRecord);
  e.subject = agency_.id.value();
  e.body["agency"] = codec::ToJson(agency_);
  const crypto::SigningKey stranger = crypto::SigningKey::Generate();
  EXPECT_EQ(send(e, stranger), federation::RefusalCode::kBadSignature);
  federation::Envelope phl = e;
  phl.sender = "node-phl";
  EXPECT_EQ(send(phl, stranger), federation::RefusalCode::kUnknownSender);
  federation::Envelope other = e;
  other.receiver = "node-sau";
  EXPECT_EQ(send(other, *c_->origin.node.key), federation::RefusalCode::kWrongReceiver);
  federation::Envelope gap = e;
  gap.seq = 9;
  EXPECT_EQ(send(gap, *c_->origin.node.key), federation::RefusalCode::kOutOfOrder);
  federation::Envelope conflict = e;
  conflict.seq = 1;  // received already, with another body
  conflict.body["agency"]["name"] = "Changed Manpower";
  EXPECT_EQ(send(conflict, *c_->origin.node.key), federation::RefusalCode::kConflict);
  EXPECT_EQ(c_->destination.Count("fed_refused"), 5);
  EXPECT_EQ(c_->destination.Count("fed_refused", "code = 'bad_signature' AND remote = '192.0.2.1'"),
            1);
  // None of them changed anything or used up a sequence number.
  auto peers = kwf().Peers(kw_officer_);
  EXPECT_EQ((*peers)[0].peer.next_in_seq, 2u);
  ExpectAuditsPass();
}

TEST_F(FederationTest, AReplayHasNoSecondEffectAndAStaleCopyIsRefused) {
  auto captured = std::make_shared<std::vector<std::string>>();
  c_->transport.SetRequestFilter([captured](std::string& body) { captured->push_back(body); });
  Parties();
  ASSERT_FALSE(captured->empty());
  const int64_t agencies = c_->destination.Count("agencies");
  const int64_t events = c_->destination.Count("ledger_events");
  // A third party replays a captured request while it is fresh: answered as a duplicate.
  auto replay = kwf().Receive(captured->front(), "198.51.100.7");
  ASSERT_TRUE(replay.ok());
  ASSERT_EQ(replay->results.size(), 1u);
  EXPECT_TRUE(replay->results[0].duplicate);
  EXPECT_EQ(c_->destination.Count("agencies"), agencies);
  EXPECT_EQ(c_->destination.Count("ledger_events"), events);
  EXPECT_EQ(c_->destination.Count("fed_refused", "code = 'duplicate' AND remote = '198.51.100.7'"),
            1);
  // A request of more duplicates than an address's allowance (a whole batch sent again after a
  // lost answer) is one record, saying how many, and the address is not turned away for it.
  auto request = json::Parse(captured->front());
  ASSERT_TRUE(request.ok());
  const json::Value first = request->Get("envelopes")->AsArray().at(0);
  json::Array copies;
  const int many = FederationOptions{}.refusals.burst + 10;
  for (int i = 0; i < many; ++i) copies.push_back(first);
  json::Object batch;
  batch.Set("envelopes", json::Value(std::move(copies)));
  auto again = kwf().Receive(json::Write(json::Value(std::move(batch))), "198.51.100.8");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->results.size(), static_cast<size_t>(many));
  EXPECT_EQ(c_->destination.Count("fed_refused",
                                  "code = 'duplicate' AND remote = '198.51.100.8' AND reason LIKE "
                                  "'%(and " +
                                      std::to_string(many - 1) +
                                      " more duplicates in the same request)'"),
            1);
  EXPECT_EQ(kwf().RefusalWait("198.51.100.8"), 0);
  // Later, outside the window, the same bytes are stale.
  c_->Advance(federation::kDefaultSkewMs + 1'000);
  auto stale = kwf().Receive(captured->front(), "198.51.100.7");
  ASSERT_TRUE(stale.ok());
  ASSERT_TRUE(stale->refused);
  EXPECT_EQ(stale->refused->refusal.code, federation::RefusalCode::kStale);
  EXPECT_EQ(c_->destination.Count("fed_refused", "code = 'stale'"), 1);
  EXPECT_EQ(c_->destination.Count("ledger_events"), events);
  ExpectAuditsPass();
}

TEST_F(FederationTest, ClocksApartMeanStaleUntilTheyAgree) {
  Parties();
  c_->destination.node.clock->Advance(10 * 60'000);  // Kuwait's clock runs ten minutes ahead
  domain::Agency a = domain::testing::SampleAgency();
  a.id = AgencyId();
  a.licence_number = "DOFE-7777/2081";
  ASSERT_TRUE(np().RegisterAgency(domain::SystemActor(), a).ok());
  ASSERT_TRUE(c_->DeliverAll().ok());
  EXPECT_EQ(Pending(c_->origin), 1);
  EXPECT_EQ(c_->destination.Count("fed_refused", "code = 'stale'"), 1);
  auto peers = npf().Peers(np_officer_);
  EXPECT_NE((*peers)[0].peer.last_error.find("(stale)"), std::string::npos);
  c_->origin.node.clock->Advance(10 * 60'000);  // the clocks agree again
  ASSERT_TRUE(c_->DeliverAll().ok());
  EXPECT_EQ(Pending(c_->origin), 0);
  ExpectAuditsPass();
}

TEST_F(FederationTest, ARuleThatRefusesAMessageIsRecordedAndTheStreamMovesOn) {
  Parties();
  // Nepal holds a different record under the Kuwaiti registration number Kuwait will use.
  domain::Employer clash = domain::testing::SampleEmployer();
  clash.id = EmployerId();
  clash.registration_number = "KW-2024-0042";
  ASSERT_TRUE(np().RegisterEmployer(domain::SystemActor(), clash).ok());
  domain::Employer e = domain::testing::SampleEmployer();
  e.id = EmployerId();
  e.registration_number = "KW-2024-0042";
  e.name = "Another Establishment";
  auto emp = kw().RegisterEmployer(kw_officer_, e);
  ASSERT_TRUE(emp.ok());
  domain::Employer e2 = e;
  e2.registration_number = "KW-2024-0043";
  auto emp2 = kw().RegisterEmployer(kw_officer_, e2);
  ASSERT_TRUE(emp2.ok());
  ASSERT_TRUE(c_->DeliverAll().ok());
  EXPECT_EQ(Pending(c_->destination), 0);
  store::LogQuery rejected_only;
  rejected_only.state = "rejected";
  auto rejected = kwf().Sent(kw_officer_, rejected_only);
  ASSERT_TRUE(rejected.ok());
  ASSERT_EQ(rejected->size(), 1u);
  EXPECT_EQ((*rejected)[0].subject, emp->id.value());
  EXPECT_NE((*rejected)[0].reason.find("holds registration number KW-2024-0042 here already"),
            std::string::npos)
      << (*rejected)[0].reason;
  auto here = npf().Received(np_officer_, rejected_only);
  ASSERT_TRUE(here.ok());
  ASSERT_EQ(here->size(), 1u);
  EXPECT_EQ((*here)[0].reason, (*rejected)[0].reason);
  EXPECT_FALSE(Notes(c_->origin, "authority:NPL").empty());
  // The message behind it was applied.
  EXPECT_TRUE(c_->origin.node.store
                  ->Read([&](store::ReadTx& tx) { return tx.GetEmployer(emp2->id).status(); })
                  .ok());
  ExpectAuditsPass();
}

TEST_F(FederationTest, ApplyingAMessageNeverEchoesBack) {
  Parties();
  const int64_t kw_sent = c_->destination.Count("fed_outbox");
  AttestedAtOrigin();
  ASSERT_TRUE(c_->DeliverAll().ok());
  EXPECT_EQ(c_->destination.Count("fed_outbox"), kw_sent);
}

TEST_F(FederationTest, HeadsAreKeptAndARewrittenHistoryIsDetected) {
  Parties();
  ASSERT_EQ(*npf().QueueHeads(), 1);
  ASSERT_TRUE(c_->DeliverAll().ok());
  EXPECT_EQ(*npf().QueueHeads(), 0) << "nothing new: no head";
  AttestedAtOrigin();
  ASSERT_EQ(*npf().QueueHeads(), 1);
  ASSERT_TRUE(c_->DeliverAll().ok());
  auto heads = kwf().Heads(kw_officer_, "node-npl", 10);
  ASSERT_TRUE(heads.ok());
  ASSERT_EQ(heads->size(), 2u);
  const ledger::SignedTreeHead kept = (*heads)[0].head;
  EXPECT_EQ(c_->destination.Count("fed_inbox", "type = 'ledger.head' AND outcome = 'applied'"), 2);

  // Nepal rewrites its history: a ledger with the same key and id but other events, a new head
  // over it, and a consistency proof from its own rewritten past.
  auto location = store::testing::TestLocation::Create();
  ASSERT_TRUE(location.ok());
  ASSERT_TRUE(store::Store::Initialise((*location)->uri(),
                                       {"node-npl", "NPL", c_->origin.node.key->public_key()})
                  .ok());
  store::StoreOptions o;
  o.clock = c_->origin.node.clock.get();
  o.rng = c_->origin.node.rng.get();
  o.key = c_->origin.node.key.get();
  auto forged = store::Store::Open((*location)->uri(), o);
  ASSERT_TRUE(forged.ok()) << forged.status().ToString();
  for (uint64_t i = 0; i < kept.head.size + 3; ++i) {
    ASSERT_TRUE((*forged)
                    ->Write("system",
                            [&](store::WriteTx& tx) {
                              return tx.Record(domain::EventType::kOccupationSet,
                                               "X-" + std::to_string(i), json::Object());
                            })
                    .ok());
  }
  auto head = (*forged)->SignHead();
  ASSERT_TRUE(head.ok());
  federation::HeadMessage m;
  m.head = *head;
  m.consistency = {kept.head.size, head->head.size,
                   *(*forged)->ConsistencyProof(kept.head.size, head->head.size)};
  federation::Envelope e;
  e.sender = "node-npl";
  e.receiver = "node-kwt";
  auto peers = kwf().Peers(kw_officer_);
  e.seq = (*peers)[0].peer.next_in_seq;
  e.time = c_->destination.node.clock->Now();
  e.created = e.time;
  e.type = std::string(federation::kLedgerHead);
  e.subject = "node-npl";
  e.body = federation::HeadBody(m);
  federation::SignEnvelope(e, *c_->origin.node.key);
  auto r = kwf().Receive(json::Write(federation::RequestToJson({e})), "test");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->results.size(), 1u);
  EXPECT_EQ(r->results[0].receipt.outcome, federation::Outcome::kRejected);
  EXPECT_EQ(r->results[0].receipt.reason.rfind("node-npl rewrote its history", 0), 0u)
      << r->results[0].receipt.reason;
  // Kuwait keeps the proof (Nepal's own signed envelope), a ledger event, and tells its officers.
  auto received = kwf().ReceivedMessage(kw_officer_, "node-npl", e.seq);
  ASSERT_TRUE(received.ok());
  EXPECT_EQ(received->outcome, "rejected");
  EXPECT_EQ(c_->destination.Count("ledger_events",
                                  "type = 'federation.received' AND subject = 'node-npl'"),
            1);
  bool told = false;
  for (const auto& n : Notes(c_->destination, "authority:KWT")) {
    told = told || n.type == "federation.message_rejected";
  }
  EXPECT_TRUE(told);
  heads = kwf().Heads(kw_officer_, "node-npl", 10);
  EXPECT_EQ(heads->size(), 2u) << "the rewritten head is not kept";
  ExpectAuditsPass();
}

TEST_F(FederationTest, TheOtherFlowsReachTheOrigin) {
  Parties();
  const domain::Contract attested = AttestedAtOrigin();
  ASSERT_TRUE(c_->DeliverAll().ok());
  ASSERT_TRUE(kw().AuthenticateContract(kw_officer_, attested.id, std::nullopt).ok());
  ASSERT_TRUE(kw().IssuePermit(kw_officer_, attested.id).ok());
  // An amendment the worker accepts at the destination.
  domain::ContractTerms better = attested.terms;
  better.basic_wage = KWD("140");
  auto employer_actor = EmployerActor(employer_.id);
  ASSERT_TRUE(kw().ProposeAmendment(employer_actor, attested.id, better, "annual raise").ok());
  auto amended = kw().DecideAmendment(WorkerActor(worker_.id), attested.id, true);
  ASSERT_TRUE(amended.ok()) << amended.status().ToString();
  // A wage alert recorded by the destination's wage protection.
  ASSERT_TRUE(c_->destination.node.store
                  ->Write("system",
                          [&](store::WriteTx& tx) {
                            json::Object data;
                            data.Set("contract", attested.id.value());
                            data.Set("month", "2027-02");
                            data.Set("finding", "unpaid");
                            return tx.Record(domain::EventType::kWagesEscalationStep,
                                             attested.id.value(), std::move(data));
                          })
                  .ok());
  // The worker leaves on a returning exit.
  auto exit = kw().NotifyExit(WorkerActor(worker_.id), worker_.id, domain::ExitKind::kReturning,
                              D("2026-12-20"), D("2027-01-10"));
  ASSERT_TRUE(exit.ok()) << exit.status().ToString();
  ASSERT_TRUE(c_->DeliverAll().ok());
  EXPECT_EQ(Pending(c_->destination), 0);
  EXPECT_EQ(c_->origin.Count("fed_inbox", "outcome = 'rejected'"), 0);
  auto at_np = ContractAt(c_->origin, attested.id);
  EXPECT_EQ(at_np->version, 2);
  EXPECT_EQ(at_np->terms.basic_wage, KWD("140"));
  EXPECT_EQ(at_np->digest, amended->digest);
  EXPECT_EQ(c_->origin.Count("exit_notices"), 1);
  std::set<std::string> types;
  for (const auto& n : Notes(c_->origin, "authority:NPL")) types.insert(n.type);
  EXPECT_TRUE(types.count("wage.alert")) << "wage alerts reach the origin";
  EXPECT_TRUE(types.count("exit.notified"));
  EXPECT_TRUE(types.count("permit.issued"));
  ExpectAuditsPass();
}

// An extension accepted at the destination moves the permit there, and the origin's copy of the
// permit follows through permit.record (cause permit.amended); the worker is told at both.
TEST_F(FederationTest, AnExtendedTermMovesThePermitInBothCountries) {
  Parties();
  const domain::Contract attested = AttestedAtOrigin();
  ASSERT_TRUE(c_->DeliverAll().ok());
  ASSERT_TRUE(kw().AuthenticateContract(kw_officer_, attested.id, std::nullopt).ok());
  auto permit = kw().IssuePermit(kw_officer_, attested.id);
  ASSERT_TRUE(permit.ok()) << permit.status().ToString();
  ASSERT_TRUE(c_->DeliverAll().ok());
  domain::ContractTerms longer = attested.terms;
  longer.duration_months = attested.terms.duration_months + 12;
  ASSERT_TRUE(
      kw().ProposeAmendment(EmployerActor(employer_.id), attested.id, longer, "extension").ok());
  auto amended = kw().DecideAmendment(WorkerActor(worker_.id), attested.id, true);
  ASSERT_TRUE(amended.ok()) << amended.status().ToString();
  ASSERT_TRUE(c_->DeliverAll().ok());
  EXPECT_EQ(Pending(c_->destination), 0);
  EXPECT_EQ(c_->origin.Count("fed_inbox", "outcome = 'rejected'"), 0);
  const Date new_end = longer.end_date();
  for (CorridorNode* n : {&c_->destination, &c_->origin}) {
    EXPECT_TRUE(n->node.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(auto p, tx.GetPermit(permit->id));
                      EXPECT_EQ(p.valid_until, new_end) << n->node.store->identity().node_id;
                      EXPECT_EQ(p.status, domain::PermitStatus::kActive);
                      return Status::Ok();
                    })
                    .ok());
  }
  std::set<std::string> types;
  for (const auto& n : Notes(c_->origin, "worker:" + worker_.id.value())) types.insert(n.type);
  EXPECT_TRUE(types.count("permit.amended")) << "the worker is told at home too";
  types.clear();
  for (const auto& n : Notes(c_->origin, "authority:NPL")) types.insert(n.type);
  EXPECT_TRUE(types.count("permit.amended"));
  ExpectAuditsPass();
}

// A renewal at the destination reaches the origin's copy of the permit through permit.record
// (cause permit.renewed); the origin's authority and the worker are told there.
TEST_F(FederationTest, ARenewedPermitIsRenewedInBothCountries) {
  Parties();
  const domain::Contract attested = AttestedAtOrigin();
  ASSERT_TRUE(c_->DeliverAll().ok());
  ASSERT_TRUE(kw().AuthenticateContract(kw_officer_, attested.id, std::nullopt).ok());
  // Kuwait grants a permit for a year of the contract's term at a time.
  domain::CountryRules rules = domain::testing::KuwaitRules();
  rules.permit_max_months = 12;
  ASSERT_TRUE(kw().SetCountryRules(domain::SystemActor(), rules).ok());
  auto permit = kw().IssuePermit(kw_officer_, attested.id);
  ASSERT_TRUE(permit.ok()) << permit.status().ToString();
  const Date first_end = permit->valid_from.AddMonths(12);
  ASSERT_EQ(permit->valid_until, first_end);
  ASSERT_TRUE(c_->DeliverAll().ok());
  // A month before that end, both clocks on, the destination renews it.
  const Timestamp now = c_->destination.node.clock->Now();
  const Timestamp renewal_day =
      *Timestamp::Parse(first_end.AddMonths(-1).ToString() + "T08:00:00Z");
  c_->Advance(renewal_day.millis() - now.millis());
  Permits permits(*c_->destination.node.store, PermitsConfig{});
  // As far as the country's 12 months from the day of the renewal reach, within the contract.
  const Date most = c_->destination.node.clock->Now().date().AddMonths(12);
  const Date new_end = std::min(attested.terms.end_date(), most);
  ASSERT_GT(new_end, first_end);
  auto renewed = permits.Renew(kw_officer_, permit->id, new_end);
  ASSERT_TRUE(renewed.ok()) << renewed.status().ToString();
  ASSERT_TRUE(c_->DeliverAll().ok());
  EXPECT_EQ(Pending(c_->destination), 0);
  EXPECT_EQ(c_->origin.Count("fed_inbox", "outcome = 'rejected'"), 0);
  for (CorridorNode* n : {&c_->destination, &c_->origin}) {
    EXPECT_TRUE(n->node.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(auto p, tx.GetPermit(permit->id));
                      EXPECT_EQ(p.valid_until, new_end) << n->node.store->identity().node_id;
                      EXPECT_EQ(p.person_number, permit->person_number);
                      return Status::Ok();
                    })
                    .ok());
  }
  std::set<std::string> types;
  for (const auto& n : Notes(c_->origin, "worker:" + worker_.id.value())) types.insert(n.type);
  EXPECT_TRUE(types.count("permit.renewed")) << "the worker is told at home too";
  types.clear();
  for (const auto& n : Notes(c_->origin, "authority:NPL")) types.insert(n.type);
  EXPECT_TRUE(types.count("permit.renewed"));
  ExpectAuditsPass();
}

// A permit expires where it was issued, and the origin's copy follows by federation: the origin
// never expires its copy itself.
TEST_F(FederationTest, APermitExpiresAtTheDestinationAndTheOriginFollows) {
  Parties();
  const domain::Contract attested = AttestedAtOrigin();
  ASSERT_TRUE(c_->DeliverAll().ok());
  ASSERT_TRUE(kw().AuthenticateContract(kw_officer_, attested.id, std::nullopt).ok());
  auto permit = kw().IssuePermit(kw_officer_, attested.id);
  ASSERT_TRUE(permit.ok()) << permit.status().ToString();
  ASSERT_TRUE(c_->DeliverAll().ok());
  Permits at_np(*c_->origin.node.store, PermitsConfig{});
  Permits at_kw(*c_->destination.node.store, PermitsConfig{});
  // Ten days before the end the destination tells the worker and the employer; the notice stays
  // there (the origin learns of the permit's end when it comes), and the origin tells no one.
  Timestamp now = c_->destination.node.clock->Now();
  const Timestamp before =
      *Timestamp::Parse(permit->valid_until.AddDays(-10).ToString() + "T03:00:00Z");
  c_->Advance(before.millis() - now.millis());
  auto np_notice = at_np.RunDailyJobs(c_->origin.node.clock->Now());
  ASSERT_TRUE(np_notice.ok()) << np_notice.status().ToString();
  EXPECT_EQ(np_notice->noticed, 0u);
  auto kw_notice = at_kw.RunDailyJobs(c_->destination.node.clock->Now());
  ASSERT_TRUE(kw_notice.ok()) << kw_notice.status().ToString();
  EXPECT_EQ(kw_notice->noticed, 1u);
  EXPECT_EQ(Pending(c_->destination), 0) << "a notice is not sent to the origin";
  // Both clocks move to the permit's end.
  now = c_->destination.node.clock->Now();
  const Timestamp end = *Timestamp::Parse(permit->valid_until.ToString() + "T03:00:00Z");
  c_->Advance(end.millis() - now.millis());
  auto np_report = at_np.RunDailyJobs(c_->origin.node.clock->Now());
  ASSERT_TRUE(np_report.ok()) << np_report.status().ToString();
  EXPECT_EQ(np_report->expired, 0u) << "the origin leaves its copy to the destination";
  auto kw_report = at_kw.RunDailyJobs(c_->destination.node.clock->Now());
  ASSERT_TRUE(kw_report.ok()) << kw_report.status().ToString();
  EXPECT_EQ(kw_report->expired, 1u);
  ASSERT_TRUE(c_->DeliverAll().ok());
  EXPECT_EQ(Pending(c_->destination), 0);
  EXPECT_EQ(c_->origin.Count("fed_inbox", "outcome = 'rejected'"), 0);
  EXPECT_TRUE(c_->origin.node.store
                  ->Read([&](store::ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto p, tx.GetPermit(permit->id));
                    EXPECT_EQ(p.status, domain::PermitStatus::kExpired);
                    return Status::Ok();
                  })
                  .ok());
  auto at_origin = ContractAt(c_->origin, attested.id);
  ASSERT_TRUE(at_origin);
  EXPECT_EQ(at_origin->state, domain::ContractState::kEnded);
  EXPECT_EQ(at_origin->end_reason, domain::EndReason::kExpiry);
  std::set<std::string> types;
  for (const auto& n : Notes(c_->origin, "worker:" + worker_.id.value())) types.insert(n.type);
  EXPECT_TRUE(types.count("permit.expired"));
  ExpectAuditsPass();
}

TEST_F(FederationTest, TheWorkerDeliversAsSoonAsAChangeCommits) {
  Parties();
  FederationWorker worker(npf(), {3'600'000, 60'000});
  worker.Start();
  const domain::Contract attested = AttestedAtOrigin();
  // Wait for the destination to commit it (each commit there wakes this wait).
  for (int i = 0; i < 200 && !ContractAt(c_->destination, attested.id); ++i) {
    kwf().WaitForWork(100);
  }
  worker.Stop();
  EXPECT_TRUE(ContractAt(c_->destination, attested.id));
  EXPECT_EQ(worker.last_error(), "");
}

TEST_F(FederationTest, OnlyOfficersSeeTheMessages) {
  Parties();
  const auto admin = Officer(Role::kAdministrator, "NPL", "U-admin");
  EXPECT_TRUE(npf().Peers(admin).ok());
  EXPECT_TRUE(npf().Sent(admin, {}).ok());
  EXPECT_EQ(npf().SentMessage(admin, "node-kwt", 1).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(npf().Refused(admin, 0, 10).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(npf().Sent(WorkerActor(worker_.id), {}).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(npf().Sent(kw_officer_, {}).status().code(), Code::kPermissionDenied)
      << "another country's officer is not this node's officer";
  EXPECT_TRUE(npf().SentMessage(np_officer_, "node-kwt", 1).ok());
  EXPECT_EQ(npf().SentMessage(np_officer_, "node-kwt", 99).status().code(), Code::kNotFound);
}

TEST_F(FederationTest, PeersArePinnedByAdministratorsOnly) {
  const PeerConfig p{"node-phl", "PHL", "http://phl.test",
                     crypto::SigningKey::Generate().public_key()};
  EXPECT_EQ(npf().SetPeer(np_officer_, p).code(), Code::kPermissionDenied);
  const auto admin = Officer(Role::kAdministrator, "NPL", "U-admin");
  EXPECT_TRUE(npf().SetPeer(admin, p).ok());
  PeerConfig bad = p;
  bad.country = "NPL";
  EXPECT_EQ(npf().SetPeer(admin, bad).field(), "country");
  bad = p;
  bad.url = "ftp://x";
  EXPECT_EQ(npf().SetPeer(admin, bad).field(), "url");
  bad = p;
  bad.node_id = "node-npl";
  EXPECT_EQ(npf().SetPeer(admin, bad).field(), "node_id");
  bad = p;
  bad.node_id = "node-other";
  EXPECT_EQ(npf().SetPeer(admin, bad).code(), Code::kAlreadyExists) << "one peer per country";
  bad = p;
  bad.public_key = {};
  EXPECT_EQ(npf().SetPeer(admin, bad).field(), "public_key");
}

}  // namespace
}  // namespace corridor::service
