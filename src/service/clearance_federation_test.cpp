// Departure clearance across the corridor: issued and revoked in Nepal, seen in Kuwait before
// the contract is authenticated, as its crossing form only.
#include <gtest/gtest.h>

#include <algorithm>

#include "service/clearance.hpp"
#include "service/clearance_queries.hpp"
#include "service/contract_queries.hpp"
#include "service/federation_testing.hpp"
#include "service/notifier.hpp"
#include "store/clearance_store.hpp"

namespace corridor::service {
namespace {

using domain::Role;
using domain::testing::D;
using namespace service::testing;

class ClearanceFederationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    crypto::Init();
    auto c = TestCorridor::Create(*Timestamp::Parse("2026-11-29T08:00:00Z"));
    ASSERT_TRUE(c.ok()) << c.status().ToString() << " " << c.status().detail();
    c_ = std::move(*c);
    auto rules = BuiltInClearanceRequirements();
    ASSERT_TRUE(rules.ok());
    clearances_ = std::make_unique<Clearances>(*c_->origin.node.store, ClearanceConfig{*rules});

    Registry& np = *c_->origin.registry;
    Registry& kw = *c_->destination.registry;
    domain::Employer e = domain::testing::SampleEmployer();
    e.id = EmployerId();
    auto employer = kw.RegisterEmployer(kw_officer_, e);
    ASSERT_TRUE(employer.ok()) << employer.status().ToString();
    domain::Agency a = domain::testing::SampleAgency();
    a.id = AgencyId();
    auto agency = np.RegisterAgency(domain::SystemActor(), a);
    ASSERT_TRUE(agency.ok());
    domain::Worker w = domain::testing::SampleWorker();
    w.id = WorkerId();
    auto worker = np.RegisterWorker(np_officer_, w);
    ASSERT_TRUE(worker.ok());
    worker_ = worker->id;
    ASSERT_TRUE(c_->DeliverAll().ok());
    domain::ContractTerms t = domain::testing::SampleTerms();
    t.worker = worker_;
    t.employer = employer->id;
    t.agency = agency->id;
    auto contract = np.DraftContract(AgencyActor(agency->id), t);
    ASSERT_TRUE(contract.ok()) << contract.status().ToString();
    contract_ = contract->id;
    ASSERT_TRUE(np.OfferContract(AgencyActor(agency->id), contract_).ok());
    ASSERT_TRUE(np.AcceptContract(WorkerActor(worker_), contract_).ok());
    ASSERT_TRUE(np.AttestContract(np_officer_, contract_).ok());
    ASSERT_TRUE(c_->DeliverAll().ok());

    domain::OrientationCompletion o;
    o.centre = "Kathmandu Orientation Centre";
    o.completed_on = D("2026-11-20");
    ASSERT_TRUE(clearances_->RecordOrientation(np_officer_, worker_, o).ok());
    domain::MedicalFitness m;
    m.centre = "Norvic Medical Centre";
    m.examined_on = D("2026-11-25");
    m.outcome = domain::MedicalOutcome::kFit;
    ASSERT_TRUE(clearances_->RecordMedical(np_officer_, worker_, m).ok());
    domain::InsurancePolicy p;
    p.insurer = "Himalayan Life";
    p.policy_number = "HL-2026-0042";
    p.cover_from = D("2026-12-01");
    p.cover_until = D("2029-01-31");
    p.sum_insured = *Money::Parse("2500000", "NPR");
    ASSERT_TRUE(clearances_->RecordInsurance(np_officer_, contract_, p).ok());
  }

  std::optional<domain::Clearance> At(CorridorNode& n, const domain::ClearanceId& id) {
    std::optional<domain::Clearance> out;
    EXPECT_TRUE(n.node.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      auto c = store::GetClearance(tx, id);
                      if (c.ok()) out = *c;
                      return c.ok() || c.status().code() == Code::kNotFound ? Status::Ok()
                                                                            : c.status();
                    })
                    .ok());
    return out;
  }

  // The clearance notifications of `recipient`, by type (notifications are listed by id).
  std::vector<std::string> NoteTypes(CorridorNode& n, const std::string& recipient) {
    std::vector<std::string> out;
    EXPECT_TRUE(n.node.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(auto list, tx.ListNotifications(recipient, {"", 1000}));
                      for (const auto& note : list) {
                        if (note.type.rfind("clearance.", 0) == 0) out.push_back(note.type);
                      }
                      std::sort(out.begin(), out.end());
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  void ExpectAuditsPass() {
    for (CorridorNode* n : {&c_->origin, &c_->destination}) {
      auto ledger = n->node.store->Verify();
      ASSERT_TRUE(ledger.ok());
      EXPECT_TRUE(ledger->ok) << ledger->problem;
      auto log = store::VerifyMessageLog(*n->node.store);
      ASSERT_TRUE(log.ok()) << log.status().ToString();
      EXPECT_TRUE(log->ok) << log->problem;
    }
  }

  std::unique_ptr<TestCorridor> c_;
  std::unique_ptr<Clearances> clearances_;
  domain::Actor np_officer_ = Officer(Role::kOriginOfficer, "NPL", "U-np-officer");
  domain::Actor kw_officer_ = Officer(Role::kDestinationOfficer, "KWT", "U-kw-officer");
  WorkerId worker_;
  ContractId contract_;
};

TEST_F(ClearanceFederationTest, TheDestinationSeesTheClearanceBeforeAuthenticating) {
  auto issued = clearances_->Issue(np_officer_, contract_);
  ASSERT_TRUE(issued.ok() && issued->clearance) << issued.status().ToString();
  const domain::Clearance& c = *issued->clearance;
  ASSERT_TRUE(c_->DeliverAll().ok());

  // Kuwait holds the crossing form: no passport, no evidence (so no medical centre).
  auto copy = At(c_->destination, c.id);
  ASSERT_TRUE(copy);
  EXPECT_EQ(*copy, domain::CrossingForm(c));
  EXPECT_FALSE(copy->evidence);
  EXPECT_FALSE(copy->passport);
  EXPECT_EQ(NoteTypes(c_->destination, AuthorityRecipient("KWT")),
            std::vector<std::string>{"clearance.issued"});
  EXPECT_EQ(NoteTypes(c_->destination, EmbassyRecipient("NPL")),
            std::vector<std::string>{"clearance.issued"});

  // The destination's officer reads the contract, still attested, with its clearance.
  AccessLog access(*c_->destination.node.store, 10);
  IntegrityAlarms alarms(*c_->destination.node.store);
  ContractQueries contracts(*c_->destination.node.store, access, alarms);
  auto doc = contracts.Get(kw_officer_, contract_);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_NE(doc->json.find("\"state\":\"attested\""), std::string::npos);
  ASSERT_TRUE(doc->clearance && *doc->clearance);
  const ClearanceItem& seen = **doc->clearance;
  EXPECT_EQ(seen.record.clearance.id, c.id);
  EXPECT_EQ(seen.record.standing, domain::ClearanceStanding::kValid);
  EXPECT_TRUE(seen.allowed_actions.empty());  // revoking is the origin's
  EXPECT_NE(std::find(doc->allowed_actions.begin(), doc->allowed_actions.end(),
                      domain::ContractStep::kAuthenticate),
            doc->allowed_actions.end());
  // The destination's reads never show what stayed at home.
  const Clearances kw_clearances(*c_->destination.node.store, ClearanceConfig{});
  ClearanceQueries kw_queries(*c_->destination.node.store, access, kw_clearances);
  auto item = kw_queries.Get(kw_officer_, c.id);
  ASSERT_TRUE(item.ok());
  EXPECT_FALSE(item->record.clearance.evidence);
  EXPECT_EQ(kw_queries.Medical(kw_officer_, worker_).status().code(), Code::kNotFound);
  ASSERT_TRUE(kw_queries.Get(Officer(Role::kEmbassy, "NPL", "U-embassy"), c.id).ok());
  EXPECT_EQ(kw_queries.Get(Officer(Role::kBorderOfficer, "KWT", "U-b"), c.id).status().code(),
            Code::kNotFound);

  // Revoked in Nepal: revoked in Kuwait, and no longer valid there.
  ASSERT_TRUE(clearances_
                  ->Revoke(np_officer_, c.id, domain::RevocationReason::kAgencyLicenceRevoked,
                           "licence DOFE-1234/2075 revoked")
                  .ok());
  ASSERT_TRUE(c_->DeliverAll().ok());
  copy = At(c_->destination, c.id);
  ASSERT_TRUE(copy);
  EXPECT_EQ(copy->state, domain::ClearanceState::kRevoked);
  EXPECT_EQ(copy->revocation_reason, domain::RevocationReason::kAgencyLicenceRevoked);
  EXPECT_EQ(kw_queries.Get(kw_officer_, c.id)->record.standing,
            domain::ClearanceStanding::kRevoked);
  EXPECT_EQ(NoteTypes(c_->destination, AuthorityRecipient("KWT")),
            (std::vector<std::string>{"clearance.issued", "clearance.revoked"}));
  EXPECT_EQ(c_->origin.Count("fed_outbox", "type = 'clearance.record' AND state = 'acknowledged'"),
            2);
  ExpectAuditsPass();
}

TEST_F(ClearanceFederationTest, ARecordThatDoesNotMatchTheContractHereIsRefused) {
  auto issued = clearances_->Issue(np_officer_, contract_);
  ASSERT_TRUE(issued.ok() && issued->clearance);
  ASSERT_TRUE(c_->DeliverAll().ok());
  domain::Clearance c = domain::CrossingForm(*issued->clearance);
  auto apply = [&](const std::string& peer, std::string_view cause, domain::Clearance record) {
    json::Object facts;
    // As the receiver does: the record applied, then the event that carries it.
    return c_->destination.node.store->Write("peer", [&](store::WriteTx& tx) -> Status {
      RETURN_IF_ERROR(ApplyPeerClearance(tx, peer, cause, record, facts));
      return tx.Record(domain::EventType::kFederationReceived, record.id.value(), facts);
    });
  };
  domain::Clearance other = c;
  other.contract_digest = std::string(64, '0');
  EXPECT_EQ(apply("NPL", "clearance.issued", other).code(), Code::kFailedPrecondition);
  other = c;
  other.contract = ContractId("C-NOWHERE");
  EXPECT_EQ(apply("NPL", "clearance.issued", other).code(), Code::kNotFound);
  EXPECT_EQ(apply("PHL", "clearance.issued", c).code(), Code::kFailedPrecondition);
  EXPECT_EQ(apply("NPL", "clearance.revoked", c).code(), Code::kInvalidArgument);
  EXPECT_EQ(apply("NPL", "clearance.issued", *issued->clearance).code(),
            Code::kInvalidArgument);  // more than the crossing form
  // A repetition changes nothing; a revocation is final.
  EXPECT_TRUE(apply("NPL", "clearance.issued", c).ok());
  domain::Clearance revoked = c;
  ASSERT_TRUE(domain::Revoke(revoked, domain::RevocationReason::kIssuedInError, "typo", "U",
                             D("2026-11-29"))
                  .ok());
  EXPECT_TRUE(apply("NPL", "clearance.revoked", revoked).ok());
  EXPECT_EQ(apply("NPL", "clearance.issued", c).code(), Code::kFailedPrecondition);
}

}  // namespace
}  // namespace corridor::service
