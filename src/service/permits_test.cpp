#include "service/permits.hpp"

#include <gtest/gtest.h>

#include <mutex>

#include "codec/codec.hpp"
#include "core/log.hpp"
#include "service/registry.hpp"
#include "service/testing.hpp"

namespace corridor::service {
namespace {

using domain::Role;
using domain::testing::D;
using namespace service::testing;

// A Kuwaiti node (the destination, which issues permits) with one worker in force: a contract
// from 2026-12-01 for 24 months, so its permit ends on 2028-12-01.
class PermitsTest : public ::testing::Test {
 protected:
  // Whatever a test wrote, the state agrees with the ledger afterwards.
  void TearDown() override {
    if (node_.store) {
      EXPECT_EQ(store::testing::AuditProblems(*node_.store), "");
    }
  }

  void SetUp() override {
    auto node = store::testing::TestNode::Create("node-kw", "KWT",
                                                 *Timestamp::Parse("2026-11-29T08:00:00Z"));
    ASSERT_TRUE(node.ok()) << node.status().ToString();
    node_ = std::move(*node);
    registry_ = std::make_unique<Registry>(*node_.store);
    permits_ = std::make_unique<Permits>(*node_.store, PermitsConfig{});
    ASSERT_TRUE(SeedReferenceData(*registry_).ok());
    const domain::Actor sys = domain::SystemActor();
    if (MaxMonths() > 0) {
      domain::CountryRules rules = domain::testing::KuwaitRules();
      rules.permit_max_months = MaxMonths();
      ASSERT_TRUE(registry_->SetCountryRules(sys, rules).ok());
    }
    domain::Employer e = domain::testing::SampleEmployer();
    e.id = EmployerId();
    employer_ = registry_->RegisterEmployer(sys, e)->id;
    domain::Worker w = domain::testing::SampleWorker();
    w.id = WorkerId();
    worker_ = registry_->RegisterWorker(sys, w)->id;
    domain::ContractTerms t = domain::testing::SampleTerms();
    t.worker = worker_;
    t.employer = employer_;
    t.agency.reset();
    t.start_date = D("2026-12-01");
    contract_ = registry_->DraftContract(sys, t)->id;
    ASSERT_TRUE(registry_->OfferContract(sys, contract_).ok());
    ASSERT_TRUE(registry_->AcceptContract(sys, contract_).ok());
    ASSERT_TRUE(registry_->AttestContract(sys, contract_).ok());
    ASSERT_TRUE(registry_->AuthenticateContract(sys, contract_, std::nullopt).ok());
    auto permit = registry_->IssuePermit(sys, contract_);
    ASSERT_TRUE(permit.ok()) << permit.status().ToString();
    permit_ = permit->id;
  }

  // The country's longest grant (permit_max_months) when the permit is issued; 0, none.
  virtual int MaxMonths() const { return 0; }

  // The daily job on `day` at 02:00 on the node's clock (never backwards).
  PermitJobReport RunOn(const char* day) {
    const Timestamp at = *Timestamp::Parse(std::string(day) + "T02:00:00Z");
    if (node_.clock->Now() < at) node_.clock->Set(at);
    auto r = permits_->RunDailyJobs(node_.clock->Now());
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : PermitJobReport{};
  }

  domain::Permit StoredPermit() {
    domain::Permit p;
    EXPECT_TRUE(node_.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(p, tx.GetPermit(permit_));
                      return Status::Ok();
                    })
                    .ok());
    return p;
  }

  domain::Contract StoredContract() {
    domain::Contract c;
    EXPECT_TRUE(node_.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(c, tx.GetContract(contract_));
                      return Status::Ok();
                    })
                    .ok());
    return c;
  }

  std::vector<store::Notification> Notes(const std::string& recipient, const std::string& type) {
    std::vector<store::Notification> out;
    EXPECT_TRUE(node_.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(auto all, tx.ListNotifications(recipient, {"", 1000}));
                      for (auto& n : all) {
                        if (n.type == type) out.push_back(std::move(n));
                      }
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  std::vector<std::string> EventTypes(const std::string& subject) {
    std::vector<std::string> types;
    EXPECT_TRUE(node_.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(auto events, tx.History(subject, 100));
                      for (const auto& e : events) types.push_back(e.Get("type")->AsString());
                      return Status::Ok();
                    })
                    .ok());
    return types;
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

  std::string PermitNote(const char* status, const char* until) {
    return R"({"permit":")" + permit_.value() + R"(","contract":")" + contract_.value() +
           R"(","status":")" + status + R"(","valid_until":")" + until + R"("})";
  }

  store::testing::TestNode node_;
  std::unique_ptr<Registry> registry_;
  std::unique_ptr<Permits> permits_;
  EmployerId employer_;
  WorkerId worker_;
  ContractId contract_;
  PermitId permit_;
};

TEST_F(PermitsTest, TheWorkerAndEmployerAreToldThirtyDaysAheadOnce) {
  PermitJobReport r = RunOn("2028-10-31");  // 31 days before the end
  EXPECT_EQ(r.examined, 1u);
  EXPECT_EQ(r.noticed, 0u);
  EXPECT_TRUE(Notes("worker:" + worker_.value(), "permit.expiring").empty());
  r = RunOn("2028-11-01");  // 30 days before
  EXPECT_EQ(r.noticed, 1u);
  EXPECT_EQ(r.expired, 0u);
  EXPECT_EQ(StoredPermit().expiry_notice_for, D("2028-12-01"));
  EXPECT_EQ(StoredPermit().status, domain::PermitStatus::kActive);
  EXPECT_EQ(EventTypes(permit_.value()).back(), "permit.expiry_notified");
  for (const std::string& recipient :
       {"worker:" + worker_.value(), "employer:" + employer_.value()}) {
    auto notes = Notes(recipient, "permit.expiring");
    ASSERT_EQ(notes.size(), 1u) << recipient;
    EXPECT_EQ(notes[0].subject, permit_.value());
    EXPECT_EQ(json::Write(notes[0].data), PermitNote("active", "2028-12-01"))
        << "ids, state and the end; nothing personal";
  }
  // Again the same day, and the days after: nothing more.
  const uint64_t size = LedgerSize();
  for (const char* day : {"2028-11-01", "2028-11-02", "2028-11-30"}) {
    r = RunOn(day);
    EXPECT_EQ(r.noticed, 0u) << day;
    EXPECT_EQ(r.expired, 0u) << day;
  }
  EXPECT_EQ(LedgerSize(), size);
  EXPECT_EQ(Notes("worker:" + worker_.value(), "permit.expiring").size(), 1u);
}

TEST_F(PermitsTest, APermitExpiresOnItsEndWithItsContractOnce) {
  EXPECT_EQ(RunOn("2028-11-30").expired, 0u);
  const uint64_t size = LedgerSize();
  PermitJobReport r = RunOn("2028-12-01");
  EXPECT_EQ(r.expired, 1u);
  EXPECT_EQ(r.contracts_ended, 1u);
  const domain::Permit p = StoredPermit();
  EXPECT_EQ(p.status, domain::PermitStatus::kExpired);
  EXPECT_EQ(p.status_reason, "reached its end date");
  EXPECT_EQ(p.valid_until, D("2028-12-01"));
  const domain::Contract c = StoredContract();
  EXPECT_EQ(c.state, domain::ContractState::kEnded);
  EXPECT_EQ(c.end_reason, domain::EndReason::kExpiry);
  EXPECT_EQ(c.ended_on, D("2028-12-01"));
  // contract.ended, then permit.expired; each after its document.
  EXPECT_EQ(LedgerSize(), size + 2);
  EXPECT_EQ(EventTypes(permit_.value()).back(), "permit.expired");
  EXPECT_EQ(EventTypes(contract_.value()).back(), "contract.ended");
  for (const std::string& recipient :
       {"worker:" + worker_.value(), "employer:" + employer_.value()}) {
    auto notes = Notes(recipient, "permit.expired");
    ASSERT_EQ(notes.size(), 1u) << recipient;
    EXPECT_EQ(json::Write(notes[0].data), PermitNote("expired", "2028-12-01"));
  }
  // Twice the same day, or later: nothing changes.
  for (const char* day : {"2028-12-01", "2028-12-02"}) {
    r = RunOn(day);
    EXPECT_EQ(r.expired, 0u);
    EXPECT_EQ(r.examined, 0u) << "an expired permit is no longer looked at";
  }
  EXPECT_EQ(LedgerSize(), size + 2);
}

TEST_F(PermitsTest, TheNoticeDaysAreConfiguration) {
  permits_ = std::make_unique<Permits>(*node_.store, PermitsConfig{60});
  EXPECT_EQ(RunOn("2028-10-01").noticed, 0u);  // 61 days ahead
  EXPECT_EQ(RunOn("2028-10-02").noticed, 1u);
  permits_ = std::make_unique<Permits>(*node_.store, PermitsConfig{0});
  EXPECT_TRUE(PermitsConfig{0}.Validate().ok());
  EXPECT_TRUE(PermitsConfig{365}.Validate().ok());
  for (int bad : {-1, 366}) {
    EXPECT_EQ(PermitsConfig{bad}.Validate().field(), "permit_expiry_notice_days") << bad;
  }
}

TEST_F(PermitsTest, AnExtendedContractIsNoticedAndExpiresAtItsNewEnd) {
  EXPECT_EQ(RunOn("2028-11-01").noticed, 1u);
  domain::ContractTerms longer = StoredContract().terms;
  longer.duration_months = 36;  // to 2029-12-01
  const domain::Actor sys = domain::SystemActor();
  ASSERT_TRUE(registry_->ProposeAmendment(sys, contract_, longer, "extension").ok());
  ASSERT_TRUE(registry_->DecideAmendment(sys, contract_, true).ok());
  EXPECT_EQ(RunOn("2028-12-01").expired, 0u);
  EXPECT_EQ(StoredPermit().status, domain::PermitStatus::kActive);
  EXPECT_EQ(StoredContract().state, domain::ContractState::kActive);
  EXPECT_EQ(RunOn("2029-11-01").noticed, 1u) << "told again, of the new end";
  EXPECT_EQ(StoredPermit().expiry_notice_for, D("2029-12-01"));
  EXPECT_EQ(RunOn("2029-12-01").expired, 1u);
}

// A permit whose contract was extended before permits followed their contract's term still
// carries the old end: the job moves it to the contract's end rather than expire it.
TEST_F(PermitsTest, APermitLeftAtAnOldEndFollowsItsContractInsteadOfExpiring) {
  domain::ContractTerms longer = StoredContract().terms;
  longer.duration_months = 36;
  const domain::Actor sys = domain::SystemActor();
  ASSERT_TRUE(registry_->ProposeAmendment(sys, contract_, longer, "extension").ok());
  ASSERT_TRUE(registry_->DecideAmendment(sys, contract_, true).ok());
  // Put the permit back to its old end, as an amendment accepted by an earlier version left it.
  ASSERT_TRUE(node_.store
                  ->Write("system",
                          [&](store::WriteTx& tx) -> Status {
                            ASSIGN_OR_RETURN(auto p, tx.GetPermit(permit_));
                            p.valid_until = D("2028-12-01");
                            RETURN_IF_ERROR(tx.UpdatePermit(p));
                            return tx.Record(domain::EventType::kPermitIssued, p.id.value(),
                                             codec::ToJson(p));
                          })
                  .ok());
  PermitJobReport r = RunOn("2028-12-01");
  EXPECT_EQ(r.expired, 0u);
  EXPECT_EQ(StoredPermit().valid_until, D("2029-12-01"));
  EXPECT_EQ(StoredPermit().status, domain::PermitStatus::kActive);
  EXPECT_EQ(EventTypes(permit_.value()).back(), "permit.amended");
  EXPECT_EQ(StoredContract().state, domain::ContractState::kActive);
}

// A job change whose notice period outlasts the old contract: the old contract expires with its
// permit on its end date, and the job change still completes on its day with the new permit.
TEST_F(PermitsTest, AJobChangeCompletesAfterTheOldContractExpired) {
  const domain::Actor sys = domain::SystemActor();
  domain::Employer other = domain::testing::SampleEmployer();
  other.id = EmployerId();
  other.registration_number = "KW-2019-1001";
  other.name = "Al Noor Cleaning Co.";
  auto employer2 = registry_->RegisterEmployer(sys, other);
  ASSERT_TRUE(employer2.ok()) << employer2.status().ToString();
  node_.clock->Set(*Timestamp::Parse("2028-11-20T08:00:00Z"));
  domain::ContractTerms t = StoredContract().terms;
  t.employer = employer2->id;
  t.start_date = D("2028-12-20");
  auto offer = registry_->DraftContract(sys, t);
  ASSERT_TRUE(offer.ok()) << offer.status().ToString();
  ASSERT_TRUE(registry_->OfferContract(sys, offer->id).ok());
  ASSERT_TRUE(registry_->AcceptContract(sys, offer->id).ok());
  auto transfer = registry_->FileTransfer(sys, contract_, offer->id, "");
  ASSERT_TRUE(transfer.ok()) << transfer.status().ToString();
  EXPECT_EQ(transfer->effective_on, D("2028-12-20"));
  ASSERT_TRUE(registry_->AttestContract(sys, offer->id).ok());
  ASSERT_TRUE(registry_->AuthenticateContract(sys, offer->id, std::nullopt).ok());
  EXPECT_EQ(RunOn("2028-12-01").expired, 1u);
  EXPECT_EQ(StoredContract().state, domain::ContractState::kEnded);
  node_.clock->Set(*Timestamp::Parse("2028-12-20T08:00:00Z"));
  auto done = registry_->CompleteTransfer(sys, transfer->id);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(StoredContract().end_reason, domain::EndReason::kExpiry) << "ended once, by expiry";
  EXPECT_EQ(StoredPermit().status, domain::PermitStatus::kExpired);
  domain::Permit next;
  ASSERT_TRUE(node_.store
                  ->Read([&](store::ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto p, tx.ActivePermitForContract(offer->id));
                    if (!p) return Status::NotFound("no permit for the new contract");
                    next = *p;
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(next.person_number, StoredPermit().person_number) << "the person number stays";
}

// The job's log lines carry the day and counts; never a name, a passport or a person number.
TEST_F(PermitsTest, TheJobLogsNothingPersonal) {
  std::mutex mu;
  std::vector<std::string> lines;
  log::SetSink([&](std::string_view line) {
    std::lock_guard<std::mutex> lock(mu);
    lines.emplace_back(line);
  });
  EXPECT_EQ(RunOn("2028-11-01").noticed, 1u);
  EXPECT_EQ(RunOn("2028-12-01").expired, 1u);
  log::SetSink({});
  const std::string person_number = StoredPermit().person_number;
  ASSERT_FALSE(person_number.empty());
  ASSERT_FALSE(lines.empty());
  for (const auto& l : lines) {
    for (const std::string& secret :
         {std::string("THAPA"), std::string("SITA"), std::string("PA1234567"), person_number,
          std::string("Gulf Care")}) {
      EXPECT_EQ(l.find(secret), std::string::npos) << secret << " in " << l;
    }
  }
}

// Bad configuration is refused by name, and a notice of 0 days tells no one.
TEST_F(PermitsTest, ANoticeOfZeroDaysTellsNoOne) {
  permits_ = std::make_unique<Permits>(*node_.store, PermitsConfig{0});
  EXPECT_EQ(RunOn("2028-11-30").noticed, 0u);
  EXPECT_FALSE(StoredPermit().expiry_notice_for);
  EXPECT_EQ(RunOn("2028-12-01").expired, 1u);
  EXPECT_TRUE(Notes("worker:" + worker_.value(), "permit.expiring").empty());
  EXPECT_EQ(Notes("worker:" + worker_.value(), "permit.expired").size(), 1u);
}

// A suspended permit (the wage ladder's) is told and expires like an active one.
TEST_F(PermitsTest, ASuspendedPermitIsToldAndExpires) {
  ASSERT_TRUE(node_.store
                  ->Write("system",
                          [&](store::WriteTx& tx) -> Status {
                            ASSIGN_OR_RETURN(auto p, tx.GetPermit(permit_));
                            RETURN_IF_ERROR(domain::SuspendPermit(p, "wage arrears"));
                            RETURN_IF_ERROR(tx.UpdatePermit(p));
                            return tx.Record(domain::EventType::kPermitIssued, p.id.value(),
                                             codec::ToJson(p));
                          })
                  .ok());
  EXPECT_EQ(RunOn("2028-11-15").noticed, 1u);
  EXPECT_EQ(
      Notes("employer:" + employer_.value(), "permit.expiring")[0].data.Get("status")->AsString(),
      "suspended");
  EXPECT_EQ(RunOn("2028-12-01").expired, 1u);
  EXPECT_EQ(StoredPermit().status, domain::PermitStatus::kExpired);
  EXPECT_EQ(StoredContract().state, domain::ContractState::kEnded);
}

// A contract its officer ended before its term: its permit was cancelled then, and the job
// leaves both alone.
TEST_F(PermitsTest, ACancelledPermitIsNeitherToldNorExpired) {
  node_.clock->Set(*Timestamp::Parse("2027-06-01T08:00:00Z"));
  ASSERT_TRUE(registry_
                  ->EndContract(domain::SystemActor(), contract_, domain::EndReason::kResignation,
                                D("2027-06-01"))
                  .ok());
  const uint64_t size = LedgerSize();
  for (const char* day : {"2028-11-01", "2028-12-01", "2029-01-01"}) {
    const PermitJobReport r = RunOn(day);
    EXPECT_EQ(r.examined, 0u) << day;
  }
  EXPECT_EQ(LedgerSize(), size);
  EXPECT_EQ(StoredPermit().status, domain::PermitStatus::kCancelled);
  EXPECT_EQ(StoredContract().end_reason, domain::EndReason::kResignation);
}

// Renewal (POST /permits/{id}/renew): Kuwait grants permits for 12 months at a time, so the
// permit of a 24-month contract from 2026-12-01 ends on 2027-12-01 and is renewed by the
// destination's officer within the contract's term.
class PermitRenewalTest : public PermitsTest {
 protected:
  int MaxMonths() const override { return 12; }
  void SetUp() override {
    PermitsTest::SetUp();
    ASSERT_EQ(StoredPermit().valid_from, D("2026-12-01"));
    ASSERT_EQ(StoredPermit().valid_until, D("2027-12-01"));
    // The daily job leaves a permit granted for less than its contract as it is: it waits for its
    // renewal instead of following the contract's end.
    EXPECT_EQ(RunOn("2027-06-01").expired, 0u);
    EXPECT_EQ(StoredPermit().valid_until, D("2027-12-01"));
    // A month before its end.
    node_.clock->Set(*Timestamp::Parse("2027-11-01T08:00:00Z"));
    officer_.account = "U-dest";
    officer_.role = Role::kDestinationOfficer;
    officer_.country = "KWT";
  }
  static domain::Actor Of(Role r, const std::string& country = "KWT") {
    domain::Actor a;
    a.account = "U-other";
    a.role = r;
    a.country = country;
    return a;
  }
  domain::Actor officer_;
};

TEST_F(PermitRenewalTest, TheDestinationRenewsKeepingTheIdAndPersonNumber) {
  const domain::Permit before = StoredPermit();
  const uint64_t size = LedgerSize();
  auto renewed = permits_->Renew(officer_, permit_, D("2028-06-01"));
  ASSERT_TRUE(renewed.ok()) << renewed.status().ToString();
  EXPECT_EQ(renewed->id, permit_);
  EXPECT_EQ(renewed->valid_until, D("2028-06-01"));
  EXPECT_EQ(renewed->valid_from, before.valid_from);
  EXPECT_EQ(renewed->person_number, before.person_number);
  EXPECT_EQ(renewed->status, domain::PermitStatus::kActive);
  EXPECT_EQ(StoredPermit(), *renewed);
  EXPECT_EQ(LedgerSize(), size + 1);
  EXPECT_EQ(EventTypes(permit_.value()).back(), "permit.renewed");
  json::Value data;
  ASSERT_TRUE(node_.store
                  ->Read([&](store::ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto events, tx.History(permit_.value(), 100));
                    data = *events.back().Get("data");
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(data.Get("previous_valid_until")->AsString(), "2027-12-01");
  EXPECT_EQ(data.Get("valid_until")->AsString(), "2028-06-01");
  EXPECT_EQ(data.Get("contract_version")->AsNumber(), 1);
  for (const std::string& recipient :
       {"worker:" + worker_.value(), "employer:" + employer_.value()}) {
    auto notes = Notes(recipient, "permit.renewed");
    ASSERT_EQ(notes.size(), 1u) << recipient;
    EXPECT_EQ(json::Write(notes[0].data), PermitNote("active", "2028-06-01"));
  }
  // The daily job tells of the new end and expires the permit then, not at the old end.
  EXPECT_EQ(RunOn("2027-12-01").expired, 0u);
  EXPECT_EQ(RunOn("2028-05-02").noticed, 1u);
  EXPECT_EQ(StoredPermit().expiry_notice_for, D("2028-06-01"));
  EXPECT_EQ(RunOn("2028-06-01").expired, 1u);
}

// Under the country's longest grant an amendment that extends the contract leaves a renewed
// permit's end alone (a further renewal extends it), and one that shortens the contract cuts it.
TEST_F(PermitRenewalTest, AnAmendmentAfterARenewalCutsButNeverExtendsIt) {
  ASSERT_TRUE(permits_->Renew(officer_, permit_, D("2028-06-01")).ok());
  const domain::Actor sys = domain::SystemActor();
  domain::ContractTerms longer = StoredContract().terms;
  longer.duration_months = 36;  // to 2029-12-01
  ASSERT_TRUE(registry_->ProposeAmendment(sys, contract_, longer, "extension").ok());
  ASSERT_TRUE(registry_->DecideAmendment(sys, contract_, true).ok());
  EXPECT_EQ(StoredPermit().valid_until, D("2028-06-01"));
  EXPECT_EQ(EventTypes(permit_.value()).back(), "permit.renewed");
  domain::ContractTerms shorter = StoredContract().terms;
  shorter.duration_months = 16;  // to 2028-04-01
  ASSERT_TRUE(registry_->ProposeAmendment(sys, contract_, shorter, "shorter").ok());
  ASSERT_TRUE(registry_->DecideAmendment(sys, contract_, true).ok());
  EXPECT_EQ(StoredPermit().valid_until, D("2028-04-01"));
  EXPECT_EQ(EventTypes(permit_.value()).back(), "permit.amended");
  // Nothing left to renew, until the contract is extended again.
  auto r = permits_->Renew(officer_, permit_, D("2028-05-01"));
  EXPECT_EQ(r.status().field(), "end");
}

TEST_F(PermitRenewalTest, EachRoleIsRefusedAsItShouldBeAndNothingChanges) {
  const uint64_t size = LedgerSize();
  domain::Actor worker = Of(Role::kWorker, "");
  worker.worker = worker_;
  domain::Actor other_worker = Of(Role::kWorker, "");
  other_worker.worker = WorkerId("W-OTHER");
  domain::Actor employer = Of(Role::kEmployer, "");
  employer.employer = employer_;
  domain::Actor other_employer = Of(Role::kEmployer, "");
  other_employer.employer = EmployerId("E-OTHER");
  struct Case {
    const char* name;
    domain::Actor actor;
    Code code;
  };
  const Case cases[] = {
      {"the worker", worker, Code::kPermissionDenied},
      {"the employer", employer, Code::kPermissionDenied},
      {"the border", Of(Role::kBorderOfficer), Code::kPermissionDenied},
      {"the origin's officer, who sees the origin's copy", Of(Role::kOriginOfficer, "NPL"),
       Code::kNotFound},
      {"the embassy", Of(Role::kEmbassy, "NPL"), Code::kPermissionDenied},
      {"another worker", other_worker, Code::kNotFound},
      {"another employer", other_employer, Code::kNotFound},
      {"another destination", Of(Role::kDestinationOfficer, "SAU"), Code::kNotFound},
      {"an agency", Of(Role::kAgency), Code::kNotFound},
      {"an administrator", Of(Role::kAdministrator), Code::kNotFound},
      {"an investigator", Of(Role::kInvestigator), Code::kNotFound},
      {"an analyst", Of(Role::kAnalyst), Code::kNotFound},
  };
  for (const Case& k : cases) {
    EXPECT_EQ(permits_->Renew(k.actor, permit_, D("2028-06-01")).status().code(), k.code) << k.name;
    EXPECT_EQ(permits_->Renew(k.actor, PermitId("P-NOSUCH"), D("2028-06-01")).status().code(),
              Code::kNotFound)
        << k.name;
  }
  EXPECT_EQ(permits_->Renew(officer_, PermitId("P-NOSUCH"), D("2028-06-01")).status().code(),
            Code::kNotFound);
  EXPECT_EQ(LedgerSize(), size);
  EXPECT_EQ(StoredPermit().valid_until, D("2027-12-01"));
}

TEST_F(PermitRenewalTest, TheRulesRefusalsNameTheirFieldAndChangeNothing) {
  const uint64_t size = LedgerSize();
  EXPECT_EQ(permits_->Renew(officer_, permit_, D("2027-12-01")).status().field(), "end");
  EXPECT_EQ(permits_->Renew(officer_, permit_, D("2027-11-30")).status().field(), "end");
  auto beyond = permits_->Renew(officer_, permit_, D("2028-12-02"));
  EXPECT_EQ(beyond.status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(beyond.status().field(), "end");
  // Within the contract's term but more than Kuwait's 12 months from today (2027-11-01).
  auto too_long = permits_->Renew(officer_, permit_, D("2028-11-02"));
  EXPECT_EQ(too_long.status().field(), "end");
  EXPECT_NE(too_long.status().message().find("2028-11-01"), std::string::npos)
      << too_long.status().ToString();
  EXPECT_EQ(LedgerSize(), size);
  // An expired permit is not renewed, even within the country's grace: its contract ended with it.
  EXPECT_EQ(RunOn("2027-12-01").expired, 1u);
  auto expired = permits_->Renew(officer_, permit_, D("2028-06-01"));
  EXPECT_EQ(expired.status().field(), "status") << expired.status().ToString();
  EXPECT_EQ(StoredPermit().status, domain::PermitStatus::kExpired);
}

}  // namespace
}  // namespace corridor::service
