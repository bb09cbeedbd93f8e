#include "domain/departure.hpp"

#include <gtest/gtest.h>

#include "domain/testing.hpp"

namespace corridor::domain {
namespace {

using testing::D;

// A Nepali worker leaving on 2026-12-10 with contract C-1 for work in Kuwait, attested in Nepal,
// and clearance DC-1 issued for it on 2026-12-01, valid until 2027-03-01.
class DepartureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Contract c;
    c.id = ContractId("C-1");
    c.terms = testing::SampleTerms();
    c.state = ContractState::kAttested;
    facts_.contracts.push_back(c);
    clearance_.id = ClearanceId("DC-1");
    clearance_.contract = c.id;
    clearance_.worker = c.terms.worker;
    clearance_.origin_country = "NPL";
    clearance_.destination_country = "KWT";
    clearance_.passport = PassportRef{"PA1234567", "NPL"};
    clearance_.issued_on = D("2026-12-01");
    clearance_.valid_until = D("2027-03-01");
    facts_.clearance = clearance_;
    facts_.node_country = "NPL";
    facts_.direction = Direction::kExit;
    facts_.passport = "NPL:PA1234567";
    facts_.today = D("2026-12-10");
  }

  std::string Code() {
    auto f = DepartureClearanceFinding(facts_);
    return f ? f->code : "none";
  }

  DepartureFacts facts_;
  Clearance clearance_;
};

TEST_F(DepartureTest, AValidClearanceIsShownWithItsLastDay) {
  auto f = DepartureClearanceFinding(facts_);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->code, kDepartureClearanceValid);
  EXPECT_EQ(f->subject, "DC-1");
  EXPECT_NE(f->message.find("until 2027-03-01"), std::string::npos) << f->message;
  facts_.today = D("2027-03-01");  // the last day is still valid
  EXPECT_EQ(Code(), kDepartureClearanceValid);
}

TEST_F(DepartureTest, NoClearanceForThePassportIsMissingAndNamesTheContract) {
  facts_.clearance.reset();
  auto f = DepartureClearanceFinding(facts_);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->code, kDepartureClearanceMissing);
  EXPECT_EQ(f->subject, "C-1");
  EXPECT_NE(f->message.find("NPL:PA1234567"), std::string::npos) << f->message;
  EXPECT_NE(f->message.find("KWT"), std::string::npos) << f->message;
}

TEST_F(DepartureTest, AClearanceOfAnotherContractIsMissingForThisOne) {
  facts_.clearance->contract = ContractId("C-old");
  auto f = DepartureClearanceFinding(facts_);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->code, kDepartureClearanceMissing);
  EXPECT_EQ(f->subject, "C-1");
  EXPECT_NE(f->message.find("C-old"), std::string::npos) << f->message;
}

TEST_F(DepartureTest, AClearancePastItsLastDayIsExpired) {
  facts_.today = D("2027-03-02");
  auto f = DepartureClearanceFinding(facts_);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->code, kDepartureClearanceExpired);
  EXPECT_EQ(f->subject, "DC-1");
  EXPECT_NE(f->message.find("2027-03-01"), std::string::npos) << f->message;
}

TEST_F(DepartureTest, ARevokedClearanceIsRevokedWithItsReasonEvenBeforeItsLastDay) {
  ASSERT_TRUE(Revoke(*facts_.clearance, RevocationReason::kAgencyLicenceRevoked,
                     "licence revoked by the department", "U-np", D("2026-12-05"))
                  .ok());
  auto f = DepartureClearanceFinding(facts_);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->code, kDepartureClearanceRevoked);
  EXPECT_EQ(f->subject, "DC-1");
  EXPECT_NE(f->message.find("agency_licence_revoked"), std::string::npos) << f->message;
  EXPECT_NE(f->message.find("2026-12-05"), std::string::npos) << f->message;
  facts_.today = D("2027-04-01");  // revoked stays revoked, not expired
  EXPECT_EQ(Code(), kDepartureClearanceRevoked);
}

TEST_F(DepartureTest, AnAuthenticatedContractNotYetStartedStillNeedsTheClearance) {
  facts_.contracts.front().state = ContractState::kAuthenticated;
  facts_.clearance.reset();
  EXPECT_EQ(Code(), kDepartureClearanceMissing);
}

TEST_F(DepartureTest, OnlyDeparturesAreChecked) {
  facts_.clearance.reset();
  facts_.direction = Direction::kEntry;
  EXPECT_EQ(Code(), "none");
}

TEST_F(DepartureTest, OnlyTheOriginsNodeChecks) {
  facts_.clearance.reset();
  facts_.node_country = "KWT";  // the destination's border sees the worker leave Kuwait
  EXPECT_EQ(Code(), "none");
}

TEST_F(DepartureTest, ATravellerNotBoundForWorkGetsNoFinding) {
  facts_.clearance.reset();
  // Not registered: no contracts.
  DepartureFacts unknown = facts_;
  unknown.contracts.clear();
  EXPECT_FALSE(DepartureClearanceFinding(unknown));
  // A contract not attested yet, withdrawn, already started or ended clears nobody's departure.
  for (ContractState s : {ContractState::kDraft, ContractState::kOffered, ContractState::kAccepted,
                          ContractState::kRejected, ContractState::kWithdrawn,
                          ContractState::kActive, ContractState::kEnded}) {
    facts_.contracts.front().state = s;
    EXPECT_EQ(Code(), "none") << ToString(s);
  }
}

TEST_F(DepartureTest, TheClearedContractIsFoundAmongSeveral) {
  Contract other = facts_.contracts.front();
  other.id = ContractId("C-2");
  other.terms.destination_country = "QAT";
  facts_.contracts.insert(facts_.contracts.begin(), other);
  facts_.contracts.push_back(other);
  facts_.contracts.back().id = ContractId("C-3");
  facts_.contracts.back().state = ContractState::kEnded;
  EXPECT_EQ(Code(), kDepartureClearanceValid);
  const auto bound = BoundForWork(facts_.contracts, "NPL");
  ASSERT_EQ(bound.size(), 2u);
  EXPECT_EQ(bound[0]->id, ContractId("C-2"));
  EXPECT_EQ(bound[1]->id, ContractId("C-1"));
}

}  // namespace
}  // namespace corridor::domain
