#include "service/clearance.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "service/clearance_queries.hpp"
#include "service/notifier.hpp"
#include "service/testing.hpp"

namespace corridor::service {
namespace {

using domain::Role;
using domain::testing::D;
using namespace service::testing;

Money NPR(const char* amount) { return *Money::Parse(amount, "NPR"); }

bool OffersToIssue(const std::vector<domain::ClearanceCheckStep>& steps) {
  return std::find(steps.begin(), steps.end(), domain::ClearanceCheckStep::kIssueClearance) !=
         steps.end();
}

domain::OrientationCompletion Orientation(const char* centre, const char* on) {
  domain::OrientationCompletion o;
  o.centre = centre;
  o.completed_on = D(on);
  return o;
}

domain::MedicalFitness Medical(const char* centre, const char* on,
                               domain::MedicalOutcome outcome = domain::MedicalOutcome::kFit) {
  domain::MedicalFitness m;
  m.centre = centre;
  m.examined_on = D(on);
  m.outcome = outcome;
  return m;
}

TEST(ClearanceRequirementFiles, EveryFileReadsAndIsNamedByItsCountry) {
  auto all = BuiltInClearanceRequirements();
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_TRUE(all->count("NPL"));
  ASSERT_TRUE(all->count("PHL"));
  EXPECT_EQ(all->at("NPL").insurance.minimum_sum_insured, NPR("2000000"));
  for (const auto& [country, r] : *all) EXPECT_EQ(country, r.country);
}

// A Nepali node: a Kuwaiti employer, a licensed Nepali agency, a Nepali worker, and a contract
// between them drafted by the agency, accepted by the worker and attested.
class ClearanceServiceTest : public ::testing::Test {
 protected:
  // Whatever a test wrote, the state agrees with the ledger afterwards.
  void TearDown() override {
    if (node_.store) {
      EXPECT_EQ(store::testing::AuditProblems(*node_.store), "");
    }
  }

  void SetUp() override {
    auto n = store::testing::TestNode::Create("node-npl", "NPL",
                                              *Timestamp::Parse("2026-11-29T08:00:00Z"));
    ASSERT_TRUE(n.ok()) << n.status().ToString() << " " << n.status().detail();
    node_ = std::move(*n);
    registry_ = std::make_unique<Registry>(*node_.store);
    ASSERT_TRUE(SeedReferenceData(*registry_).ok());
    auto rules = BuiltInClearanceRequirements();
    ASSERT_TRUE(rules.ok());
    clearances_ = std::make_unique<Clearances>(*node_.store, ClearanceConfig{*rules});
    access_ = std::make_unique<AccessLog>(*node_.store, 10);
    queries_ = std::make_unique<ClearanceQueries>(*node_.store, *access_, *clearances_);

    const domain::Actor sys = domain::SystemActor();
    domain::Employer e = domain::testing::SampleEmployer();
    e.id = EmployerId();
    employer_ = registry_->RegisterEmployer(sys, e)->id;
    domain::Agency ag = domain::testing::SampleAgency();
    ag.id = AgencyId();
    agency_ = registry_->RegisterAgency(sys, ag)->id;
    domain::Worker w = domain::testing::SampleWorker();
    w.id = WorkerId();
    worker_ = registry_->RegisterWorker(officer_, w)->id;
    domain::ContractTerms t = domain::testing::SampleTerms();
    t.worker = worker_;
    t.employer = employer_;
    t.agency = agency_;
    auto c = registry_->DraftContract(AgencyActor(agency_), t);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    contract_ = c->id;
    ASSERT_TRUE(registry_->OfferContract(AgencyActor(agency_), contract_).ok());
    ASSERT_TRUE(registry_->AcceptContract(WorkerActor(worker_), contract_).ok());
  }

  void Attest() { ASSERT_TRUE(registry_->AttestContract(officer_, contract_).ok()); }

  // Records what Nepal requires: orientation, a fit examination and a policy over the term.
  void Evidence() {
    ASSERT_TRUE(clearances_
                    ->RecordOrientation(officer_, worker_,
                                        Orientation("Kathmandu Orientation Centre", "2026-11-20"))
                    .ok());
    ASSERT_TRUE(
        clearances_
            ->RecordMedical(officer_, worker_, Medical("Norvic Medical Centre", "2026-11-25"))
            .ok());
    auto p = clearances_->RecordInsurance(officer_, contract_, Policy("2029-01-31"));
    ASSERT_TRUE(p.ok()) << p.status().ToString();
  }

  static domain::InsurancePolicy Policy(const char* until) {
    domain::InsurancePolicy p;
    p.insurer = "Himalayan Life";
    p.policy_number = "HL-2026-0042";
    p.cover_from = D("2026-12-01");
    p.cover_until = D(until);
    p.sum_insured = NPR("2500000");
    return p;
  }

  uint64_t LedgerSize() {
    uint64_t n = 0;
    EXPECT_TRUE(node_.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(n, tx.LedgerSize());
                      return Status::Ok();
                    })
                    .ok());
    return n;
  }

  store::testing::TestNode node_;
  std::unique_ptr<Registry> registry_;
  std::unique_ptr<Clearances> clearances_;
  std::unique_ptr<AccessLog> access_;
  std::unique_ptr<ClearanceQueries> queries_;
  domain::Actor officer_ = Officer(Role::kOriginOfficer, "NPL", "U-np-officer");
  EmployerId employer_;
  AgencyId agency_;
  WorkerId worker_;
  ContractId contract_;
};

TEST_F(ClearanceServiceTest, NothingIsIssuedUntilEveryRequirementHolds) {
  const uint64_t before = LedgerSize();
  auto refused = clearances_->Issue(officer_, contract_);
  ASSERT_TRUE(refused.ok()) << refused.status().ToString();
  EXPECT_FALSE(refused->clearance);
  std::vector<std::string> missing;
  for (const auto& m : refused->check.Missing()) missing.emplace_back(ToString(m.requirement));
  EXPECT_EQ(missing,
            (std::vector<std::string>{"contract_attested", "orientation", "insurance", "medical"}));
  EXPECT_EQ(LedgerSize(), before);

  Attest();
  Evidence();
  auto check = queries_->Check(officer_, contract_);
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  EXPECT_TRUE(check->check.ready());
  EXPECT_TRUE(OffersToIssue(check->allowed_actions));

  const uint64_t ready = LedgerSize();
  auto issued = clearances_->Issue(officer_, contract_);
  ASSERT_TRUE(issued.ok()) << issued.status().ToString();
  ASSERT_TRUE(issued->clearance);
  const domain::Clearance& c = *issued->clearance;
  EXPECT_EQ(c.valid_until, D("2027-02-27"));  // Nepal: 90 days to depart
  EXPECT_EQ(c.passport, (domain::PassportRef{"PA1234567", "NPL"}));
  ASSERT_TRUE(c.evidence);
  EXPECT_TRUE(c.evidence->orientation && c.evidence->insurance && c.evidence->medical);
  EXPECT_EQ(LedgerSize(), ready + 1);  // clearance.issued (no peer: nothing queued)

  // While it is valid, a second is refused; the check no longer offers to issue.
  auto again = clearances_->Issue(officer_, contract_);
  EXPECT_EQ(again.status().code(), Code::kAlreadyExists);
  EXPECT_FALSE(OffersToIssue(queries_->Check(officer_, contract_)->allowed_actions));

  // The worker was told, and the ledger verifies.
  auto notes = node_.store->Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto list, tx.ListNotifications(WorkerRecipient(worker_), {"", 100}));
    bool told = false;
    for (const auto& n : list) told = told || n.type == "clearance.issued";
    EXPECT_TRUE(told);
    return Status::Ok();
  });
  EXPECT_TRUE(notes.ok());
  auto verified = node_.store->Verify();
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->ok) << verified->problem;
}

TEST_F(ClearanceServiceTest, RevocationWithAReasonThenANewClearance) {
  Attest();
  Evidence();
  const domain::Clearance c = *clearances_->Issue(officer_, contract_)->clearance;
  EXPECT_EQ(clearances_->Revoke(officer_, c.id, domain::RevocationReason::kAgencyLicenceRevoked, "")
                .status()
                .field(),
            "note");
  auto revoked =
      clearances_->Revoke(officer_, c.id, domain::RevocationReason::kAgencyLicenceRevoked,
                          "licence DOFE-1234/2075 revoked");
  ASSERT_TRUE(revoked.ok()) << revoked.status().ToString();
  EXPECT_EQ(revoked->state, domain::ClearanceState::kRevoked);
  EXPECT_EQ(
      clearances_->Revoke(officer_, c.id, domain::RevocationReason::kContractWithdrawn, "again")
          .status()
          .code(),
      Code::kFailedPrecondition);
  auto got = queries_->Get(officer_, c.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->record.standing, domain::ClearanceStanding::kRevoked);
  EXPECT_TRUE(got->allowed_actions.empty());
  // A new clearance for the same contract, with a new id.
  auto second = clearances_->Issue(officer_, contract_);
  ASSERT_TRUE(second.ok() && second->clearance) << second.status().ToString();
  EXPECT_NE(second->clearance->id, c.id);
}

TEST_F(ClearanceServiceTest, BadInputIsRefusedPreciselyAndChangesNothing) {
  Attest();
  const uint64_t before = LedgerSize();
  auto expired = clearances_->RecordInsurance(officer_, contract_, Policy("2026-11-28"));
  EXPECT_EQ(expired.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(expired.status().field(), "cover_until");
  auto future = clearances_->RecordMedical(officer_, worker_, Medical("Centre", "2026-12-01"));
  EXPECT_EQ(future.status().field(), "examined_on");
  auto no_centre =
      clearances_->RecordOrientation(officer_, worker_, Orientation(" ", "2026-11-01"));
  EXPECT_EQ(no_centre.status().field(), "centre");
  EXPECT_EQ(
      clearances_->RecordOrientation(officer_, WorkerId("W-none"), Orientation("C", "2026-11-01"))
          .status()
          .code(),
      Code::kNotFound);
  EXPECT_EQ(clearances_->Issue(officer_, ContractId("C-none")).status().code(), Code::kNotFound);
  EXPECT_EQ(LedgerSize(), before);
  EXPECT_TRUE(queries_->Insurance(officer_, contract_)->empty());
}

TEST_F(ClearanceServiceTest, OnlyTheOriginOfficerActsAndOthersSeeNothing) {
  Attest();
  const uint64_t before = LedgerSize();
  // The worker sees her own records but may not record them: 403.
  EXPECT_EQ(
      clearances_->RecordOrientation(WorkerActor(worker_), worker_, Orientation("C", "2026-11-01"))
          .status()
          .code(),
      Code::kPermissionDenied);
  EXPECT_EQ(clearances_->Issue(WorkerActor(worker_), contract_).status().code(),
            Code::kPermissionDenied);
  EXPECT_TRUE(queries_->Check(WorkerActor(worker_), contract_).ok());
  // Everyone else: as if there were no such worker or contract.
  for (const domain::Actor& a :
       {Officer(Role::kOriginOfficer, "PHL", "U-ph"),
        Officer(Role::kDestinationOfficer, "KWT", "U-kw"),
        Officer(Role::kBorderOfficer, "NPL", "U-b"), Officer(Role::kAdministrator, "NPL", "U-a"),
        AgencyActor(agency_), EmployerActor(employer_), WorkerActor(WorkerId("W-other"))}) {
    EXPECT_EQ(clearances_->RecordMedical(a, worker_, Medical("C", "2026-11-01")).status().code(),
              Code::kNotFound)
        << ToString(a.role);
    EXPECT_EQ(clearances_->Issue(a, contract_).status().code(), Code::kNotFound)
        << ToString(a.role);
    EXPECT_EQ(queries_->Medical(a, worker_).status().code(), Code::kNotFound) << ToString(a.role);
    EXPECT_EQ(queries_->Check(a, contract_).status().code(), Code::kNotFound) << ToString(a.role);
  }
  EXPECT_EQ(LedgerSize(), before);
}

TEST_F(ClearanceServiceTest, TheDocumentIsTheWorkersAndHerOfficersOnly) {
  Attest();
  Evidence();
  const domain::Clearance c = *clearances_->Issue(officer_, contract_)->clearance;
  for (const domain::Actor& a : {officer_, WorkerActor(worker_)}) {
    auto p = queries_->Printable(a, c.id);
    ASSERT_TRUE(p.ok()) << ToString(a.role) << ": " << p.status().ToString();
    EXPECT_EQ(p->clearance, c);
    EXPECT_EQ(p->standing, domain::ClearanceStanding::kValid);
    EXPECT_EQ(p->worker.id, worker_);
    EXPECT_EQ(p->position, domain::testing::SampleTerms().position);
    EXPECT_EQ(p->employer, domain::testing::SampleEmployer().name);
  }
  const domain::Actor others[] = {
      Officer(Role::kDestinationOfficer, "KWT", "U-kw-officer"),
      Officer(Role::kEmbassy, "NPL", "U-embassy"),
      Officer(Role::kOriginOfficer, "PHL", "U-ph-officer"),
      Officer(Role::kBorderOfficer, "NPL", "U-border"),
      Officer(Role::kAdministrator, "NPL", "U-admin"),
      Officer(Role::kInvestigator, "NPL", "U-investigator"),
      Officer(Role::kAnalyst, "NPL", "U-analyst"),
      Officer(Role::kCaseworker, "NPL", "U-caseworker"),
      Officer(Role::kCaseSupervisor, "NPL", "U-supervisor"),
      Officer(Role::kHotlineOperator, "NPL", "U-hotline"),
      EmployerActor(employer_),
      AgencyActor(agency_),
      WorkerActor(WorkerId("W-someone-else")),
  };
  for (const auto& a : others) {
    EXPECT_EQ(queries_->Printable(a, c.id).status().code(), Code::kNotFound) << ToString(a.role);
  }
  EXPECT_EQ(queries_->Printable(officer_, domain::ClearanceId("DC-NOTHING")).status().code(),
            Code::kNotFound);
}

TEST_F(ClearanceServiceTest, ThePublicCheckSaysWhereAClearanceStandsAndNothingMore) {
  for (const char* id : {"DC-NOTHING", "../x", ""}) {
    auto none = queries_->PublicCheck(id, "req");
    ASSERT_TRUE(none.ok()) << id;
    EXPECT_FALSE(none->registered) << id;
    EXPECT_FALSE(none->clearance) << id;
  }
  Attest();
  Evidence();
  const domain::Clearance c = *clearances_->Issue(officer_, contract_)->clearance;
  auto valid = queries_->PublicCheck(c.id.value(), "req");
  ASSERT_TRUE(valid.ok()) << valid.status().ToString();
  EXPECT_TRUE(valid->registered);
  EXPECT_TRUE(valid->integrity_ok);
  ASSERT_TRUE(valid->clearance);
  EXPECT_EQ(valid->clearance->id, c.id);
  EXPECT_EQ(valid->standing, domain::ClearanceStanding::kValid);

  node_.clock->Set(*Timestamp::Parse(c.valid_until.AddDays(1).ToString() + "T08:00:00Z"));
  EXPECT_EQ(queries_->PublicCheck(c.id.value(), "req")->standing,
            domain::ClearanceStanding::kExpired);
  ASSERT_TRUE(clearances_
                  ->Revoke(officer_, c.id, domain::RevocationReason::kIssuedInError,
                           "issued for the wrong contract")
                  .ok());
  EXPECT_EQ(queries_->PublicCheck(c.id.value(), "req")->standing,
            domain::ClearanceStanding::kRevoked);
}

std::vector<std::string> MissingNames(const ClearanceQueueItem& item) {
  std::vector<std::string> out;
  for (const auto& m : item.check.Missing()) out.emplace_back(ToString(m.requirement));
  return out;
}

TEST_F(ClearanceServiceTest, TheQueueHoldsAttestedContractsUntilClearedWithWhatTheyLack) {
  auto before = queries_->Queue(officer_, {"", 50});
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  EXPECT_TRUE(before->items.empty());  // accepted, not attested: not the officer's yet

  Attest();
  auto lacking = queries_->Queue(officer_, {"", 50});
  ASSERT_TRUE(lacking.ok()) << lacking.status().ToString();
  ASSERT_EQ(lacking->items.size(), 1u);
  EXPECT_EQ(lacking->items[0].contract.id, contract_);
  EXPECT_EQ(MissingNames(lacking->items[0]),
            (std::vector<std::string>{"orientation", "insurance", "medical"}));
  EXPECT_FALSE(OffersToIssue(lacking->items[0].allowed_actions));
  EXPECT_FALSE(lacking->items[0].last);
  EXPECT_EQ(lacking->next, "");

  Evidence();
  auto ready = queries_->Queue(officer_, {"", 50});
  ASSERT_EQ(ready->items.size(), 1u);
  EXPECT_TRUE(ready->items[0].check.ready());
  EXPECT_TRUE(OffersToIssue(ready->items[0].allowed_actions));

  // Cleared: out of the queue; revoked: back in it, naming the clearance it held.
  const domain::Clearance c = *clearances_->Issue(officer_, contract_)->clearance;
  EXPECT_TRUE(queries_->Queue(officer_, {"", 50})->items.empty());
  ASSERT_TRUE(
      clearances_->Revoke(officer_, c.id, domain::RevocationReason::kIssuedInError, "wrong").ok());
  auto revoked = queries_->Queue(officer_, {"", 50});
  ASSERT_EQ(revoked->items.size(), 1u);
  ASSERT_TRUE(revoked->items[0].last);
  EXPECT_EQ(revoked->items[0].last->clearance.id, c.id);
  EXPECT_EQ(revoked->items[0].last->standing, domain::ClearanceStanding::kRevoked);
  EXPECT_TRUE(OffersToIssue(revoked->items[0].allowed_actions));

  // A clearance that expired unused leaves the contract to be cleared again.
  const domain::Clearance second = *clearances_->Issue(officer_, contract_)->clearance;
  EXPECT_TRUE(queries_->Queue(officer_, {"", 50})->items.empty());
  node_.clock->Set(*Timestamp::Parse(second.valid_until.AddDays(1).ToString() + "T08:00:00Z"));
  auto expired = queries_->Queue(officer_, {"", 50});
  ASSERT_EQ(expired->items.size(), 1u);
  ASSERT_TRUE(expired->items[0].last);
  EXPECT_EQ(expired->items[0].last->clearance.id, second.id);
  EXPECT_EQ(expired->items[0].last->standing, domain::ClearanceStanding::kExpired);
}

TEST_F(ClearanceServiceTest, TheQueuePagesByContractAndSkipsThoseCleared) {
  Attest();
  Evidence();
  // Two more attested contracts, for two more workers.
  std::vector<ContractId> ids{contract_};
  for (const char* passport : {"PA0000002", "PA0000003"}) {
    domain::Worker w = domain::testing::SampleWorker();
    w.id = WorkerId();
    w.passport.number = passport;
    auto registered = registry_->RegisterWorker(officer_, w);
    ASSERT_TRUE(registered.ok()) << registered.status().ToString();
    const WorkerId worker = registered->id;
    domain::ContractTerms t = domain::testing::SampleTerms();
    t.worker = worker;
    t.employer = employer_;
    t.agency = agency_;
    auto drafted = registry_->DraftContract(AgencyActor(agency_), t);
    ASSERT_TRUE(drafted.ok()) << drafted.status().ToString();
    const ContractId id = drafted->id;
    ASSERT_TRUE(registry_->OfferContract(AgencyActor(agency_), id).ok());
    ASSERT_TRUE(registry_->AcceptContract(WorkerActor(worker), id).ok());
    ASSERT_TRUE(registry_->AttestContract(officer_, id).ok());
    ids.push_back(id);
  }
  std::sort(ids.begin(), ids.end(),
            [](const ContractId& a, const ContractId& b) { return a.value() < b.value(); });
  auto first = queries_->Queue(officer_, {"", 2});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->items.size(), 2u);
  EXPECT_EQ(first->items[0].contract.id, ids[0]);
  EXPECT_EQ(first->items[1].contract.id, ids[1]);
  EXPECT_EQ(first->next, ids[1].value());
  auto rest = queries_->Queue(officer_, {first->next, 2});
  ASSERT_EQ(rest->items.size(), 1u);
  EXPECT_EQ(rest->items[0].contract.id, ids[2]);
  EXPECT_EQ(rest->next, "");

  // The first worker's contract cleared: a page of one skips it.
  ASSERT_TRUE(clearances_->Issue(officer_, contract_)->clearance);
  std::vector<ContractId> seen;
  std::string after;
  do {
    auto page = queries_->Queue(officer_, {after, 1});
    ASSERT_TRUE(page.ok());
    for (const auto& item : page->items) seen.push_back(item.contract.id);
    after = page->next;
  } while (!after.empty());
  EXPECT_EQ(seen.size(), 2u);
  EXPECT_EQ(std::count(seen.begin(), seen.end(), contract_), 0);
}

TEST_F(ClearanceServiceTest, TheQueueIsTheOriginOfficersAlone) {
  Attest();
  EXPECT_TRUE(queries_->Queue(domain::SystemActor(), {"", 50}).ok());
  const domain::Actor others[] = {
      Officer(Role::kOriginOfficer, "PHL", "U-ph-officer"),
      Officer(Role::kDestinationOfficer, "KWT", "U-kw-officer"),
      Officer(Role::kDestinationOfficer, "NPL", "U-np-dest"),
      Officer(Role::kEmbassy, "NPL", "U-embassy"),
      Officer(Role::kBorderOfficer, "NPL", "U-border"),
      Officer(Role::kAdministrator, "NPL", "U-admin"),
      Officer(Role::kInvestigator, "NPL", "U-investigator"),
      Officer(Role::kAnalyst, "NPL", "U-analyst"),
      Officer(Role::kCaseworker, "NPL", "U-caseworker"),
      Officer(Role::kCaseSupervisor, "NPL", "U-supervisor"),
      Officer(Role::kHotlineOperator, "NPL", "U-hotline"),
      Officer(Role::kOrientationCentre, "NPL", "U-centre"),
      EmployerActor(employer_),
      AgencyActor(agency_),
      WorkerActor(worker_),
  };
  for (const auto& a : others) {
    EXPECT_EQ(queries_->Queue(a, {"", 50}).status().code(), Code::kPermissionDenied)
        << ToString(a.role) << " " << a.country;
  }
}

}  // namespace
}  // namespace corridor::service
