#include "domain/contract.hpp"

#include <gtest/gtest.h>

#include "domain/testing.hpp"

namespace corridor::domain {
namespace {

using testing::D;
using testing::KWD;

const Timestamp kNow = *Timestamp::Parse("2026-11-29T10:00:00Z");

class ContractTest : public ::testing::Test {
 protected:
  Worker worker = testing::SampleWorker();
  Agency agency = testing::SampleAgency();
  CountryRules rules = testing::KuwaitRules();
  std::vector<WageFloor> floors = testing::KuwaitFloors();

  AttestationContext Ctx() { return {&worker, &agency, &floors, &rules, D("2026-11-29")}; }

  Contract Accepted() {
    Contract c;
    c.id = ContractId("C-1");
    c.terms = testing::SampleTerms();
    c.digest = "d1";
    EXPECT_TRUE(Offer(c, kNow).ok());
    EXPECT_TRUE(Accept(c, kNow).ok());
    return c;
  }
  Contract Attested() {
    Contract c = Accepted();
    EXPECT_TRUE(Attest(c, Ctx(), "U-origin", kNow).ok());
    return c;
  }
  Contract Authenticated() {
    Contract c = Attested();
    EXPECT_TRUE(Authenticate(c, c.terms, c.digest, "U-dest", kNow, nullptr).ok());
    return c;
  }
  Status Lawful(void (*change)(ContractTerms&)) {
    ContractTerms t = testing::SampleTerms();
    change(t);
    return CheckLawful(t, Ctx());
  }
};

TEST_F(ContractTest, SampleTermsAreValidAndLawful) {
  EXPECT_TRUE(ValidateTerms(testing::SampleTerms()).ok());
  EXPECT_TRUE(CheckLawful(testing::SampleTerms(), Ctx()).ok());
}

TEST_F(ContractTest, ValidationNamesTheField) {
  struct Case {
    void (*change)(ContractTerms&);
    const char* field;
  } cases[] = {
      {[](ContractTerms& t) { t.position = ""; }, "position"},
      {[](ContractTerms& t) { t.isco_code = "53"; }, "isco_code"},
      {[](ContractTerms& t) { t.basic_wage = KWD("0"); }, "basic_wage"},
      {[](ContractTerms& t) { t.destination_country = "NPL"; }, "destination_country"},
      {[](ContractTerms& t) {
         t.food = {AllowanceKind::kCash, std::nullopt};
       },
       "food.amount"},
      {[](ContractTerms& t) {
         t.food = {AllowanceKind::kCash, *Money::Parse("15", "AED")};
       },
       "food.amount"},
      {[](ContractTerms& t) {
         t.transport = {AllowanceKind::kNone, KWD("1")};
       },
       "transport.amount"},
      {[](ContractTerms& t) { t.hours_per_day = 13; }, "hours_per_day"},
      {[](ContractTerms& t) { t.days_per_week = 7; }, "days_per_week"},
      {[](ContractTerms& t) { t.overtime_percent = 90; }, "overtime_percent"},
      {[](ContractTerms& t) { t.duration_months = 0; }, "duration_months"},
      {[](ContractTerms& t) { t.probation_months = 24; }, "probation_months"},
      {[](ContractTerms& t) { t.place_of_work = ""; }, "place_of_work"},
      {[](ContractTerms& t) { t.accommodation = Accommodation::kAllowance; }, "housing"},
      {[](ContractTerms& t) { t.worker_fees = *Money::Parse("0", "NPR"); }, "worker_fees"},
      {[](ContractTerms& t) { t.languages = {}; }, "languages"},
      {[](ContractTerms& t) {
         t.languages = {"ne", "ne"};
       },
       "languages[1]"},
      {[](ContractTerms& t) {
         t.languages = {"ne", "klingon"};
       },
       "languages[1]"},
  };
  for (const auto& c : cases) {
    ContractTerms t = testing::SampleTerms();
    c.change(t);
    Status s = ValidateTerms(t);
    EXPECT_EQ(s.code(), Code::kInvalidArgument) << c.field;
    EXPECT_EQ(s.field(), c.field) << s.ToString();
  }
}

TEST_F(ContractTest, EmployerPaysPrinciple) {
  EXPECT_EQ(Lawful([](ContractTerms& t) { t.worker_fees = KWD("250"); }).field(), "worker_fees");
  EXPECT_EQ(Lawful([](ContractTerms& t) { t.recruitment_fees_paid_by = Payer::kWorker; }).field(),
            "recruitment_fees_paid_by");
  EXPECT_EQ(Lawful([](ContractTerms& t) { t.travel_paid_by = Payer::kWorker; }).field(),
            "travel_paid_by");
  EXPECT_EQ(Lawful([](ContractTerms& t) { t.repatriation_paid_by = Payer::kWorker; }).field(),
            "repatriation_paid_by");
}

TEST_F(ContractTest, WageFloor) {
  EXPECT_EQ(Lawful([](ContractTerms& t) { t.basic_wage = KWD("99.999"); }).field(), "basic_wage");
  EXPECT_TRUE(Lawful([](ContractTerms& t) { t.basic_wage = KWD("100"); }).ok());
  // Another occupation falls back to the country-wide floor.
  EXPECT_TRUE(Lawful([](ContractTerms& t) {
                t.isco_code = "9313";
                t.basic_wage = KWD("75");
              }).ok());
  EXPECT_EQ(Lawful([](ContractTerms& t) {
              t.basic_wage = *Money::Parse("400", "AED");
              t.food = {AllowanceKind::kNone, std::nullopt};
              t.worker_fees = *Money::Parse("0", "AED");
            }).field(),
            "basic_wage.currency");
}

TEST_F(ContractTest, DestinationLabourRules) {
  EXPECT_EQ(Lawful([](ContractTerms& t) { t.hours_per_day = 10; }).field(), "hours_per_day");
  EXPECT_EQ(Lawful([](ContractTerms& t) { t.overtime_percent = 110; }).field(), "overtime_percent");
  EXPECT_EQ(Lawful([](ContractTerms& t) { t.annual_leave_days = 21; }).field(),
            "annual_leave_days");
  EXPECT_EQ(Lawful([](ContractTerms& t) { t.probation_months = 6; }).field(), "probation_months");
  EXPECT_EQ(Lawful([](ContractTerms& t) { t.notice_period_days = 7; }).field(),
            "notice_period_days");
}

TEST_F(ContractTest, WorkerAndAgencyChecks) {
  EXPECT_EQ(Lawful([](ContractTerms& t) { t.languages = {"en", "ar"}; }).field(), "languages");
  EXPECT_EQ(Lawful([](ContractTerms& t) { t.start_date = D("2031-06-01"); }).field(), "start_date");
  EXPECT_EQ(Lawful([](ContractTerms& t) { t.origin_country = "PHL"; }).field(), "origin_country");
  agency.status = LicenceStatus::kRevoked;
  EXPECT_EQ(CheckLawful(testing::SampleTerms(), Ctx()).field(), "agency");
}

TEST_F(ContractTest, Lifecycle) {
  Contract c;
  c.terms = testing::SampleTerms();
  EXPECT_EQ(Accept(c, kNow).code(), Code::kFailedPrecondition);  // not offered yet
  ASSERT_TRUE(Offer(c, kNow).ok());
  EXPECT_EQ(Offer(c, kNow).code(), Code::kFailedPrecondition);
  EXPECT_EQ(Attest(c, Ctx(), "U", kNow).code(), Code::kFailedPrecondition);  // not accepted
  ASSERT_TRUE(Accept(c, kNow).ok());
  EXPECT_EQ(Withdraw(c).code(), Code::kFailedPrecondition);  // the worker accepted
  ASSERT_TRUE(Attest(c, Ctx(), "U-origin", kNow).ok());
  EXPECT_EQ(c.attested_by, "U-origin");
  EXPECT_EQ(Activate(c, D("2027-01-01")).code(), Code::kFailedPrecondition);  // not authenticated
  ASSERT_TRUE(Authenticate(c, c.terms, c.digest, "U-dest", kNow, nullptr).ok());
  ASSERT_TRUE(Activate(c, D("2026-12-15")).ok());
  EXPECT_EQ(*c.active_from, D("2027-01-01"));  // not before the start date
  ASSERT_TRUE(End(c, EndReason::kExpiry, D("2029-01-01")).ok());
  EXPECT_EQ(c.state, ContractState::kEnded);
  EXPECT_EQ(End(c, EndReason::kExpiry, D("2029-01-01")).code(), Code::kFailedPrecondition);
}

TEST_F(ContractTest, RejectionNeedsAReason) {
  Contract c;
  c.terms = testing::SampleTerms();
  ASSERT_TRUE(Offer(c, kNow).ok());
  EXPECT_EQ(Reject(c, "  ", kNow).field(), "reason");
  EXPECT_EQ(c.state, ContractState::kOffered);
  ASSERT_TRUE(Reject(c, "wage lower than promised", kNow).ok());
  EXPECT_EQ(c.state, ContractState::kRejected);
  EXPECT_EQ(Attest(c, Ctx(), "U", kNow).code(), Code::kFailedPrecondition);
}

TEST_F(ContractTest, AttestationRefusalChangesNothing) {
  Contract c = Accepted();
  c.terms.worker_fees = KWD("300");
  const Contract before = c;
  EXPECT_FALSE(Attest(c, Ctx(), "U", kNow).ok());
  EXPECT_EQ(c, before);
}

TEST_F(ContractTest, SubstitutionIsRefusedFieldByField) {
  Contract c = Attested();
  ContractTerms presented = c.terms;
  presented.basic_wage = KWD("80");
  presented.hours_per_day = 12;
  presented.position = "Cleaner";
  std::vector<FieldDiff> diffs;
  Status s = Authenticate(c, presented, "other", "U-dest", kNow, &diffs);
  EXPECT_EQ(s.code(), Code::kFailedPrecondition);
  EXPECT_NE(s.message().find("substitution"), std::string::npos);
  ASSERT_EQ(diffs.size(), 3u);
  EXPECT_EQ(diffs[0], (FieldDiff{"position", "Care worker", "Cleaner"}));
  EXPECT_EQ(diffs[1], (FieldDiff{"basic_wage", "120.000 KWD", "80.000 KWD"}));
  EXPECT_EQ(diffs[2], (FieldDiff{"hours_per_day", "8", "12"}));
  EXPECT_EQ(c.state, ContractState::kAttested);
  // Same terms but a different digest is also refused.
  EXPECT_FALSE(Authenticate(c, c.terms, "not-the-digest", "U", kNow, &diffs).ok());
}

TEST_F(ContractTest, AmendmentsNeedTheWorkersAcceptance) {
  Contract c = Authenticated();
  ASSERT_TRUE(Activate(c, D("2027-01-01")).ok());
  ContractTerms better = c.terms;
  better.basic_wage = KWD("130");
  ASSERT_TRUE(ProposeAmendment(c, better, "annual raise", Ctx(), kNow).ok());
  EXPECT_EQ(c.terms.basic_wage, KWD("120"));  // nothing changes until the worker accepts
  EXPECT_EQ(ProposeAmendment(c, better, "again", Ctx(), kNow).field(), "amendment");
  ASSERT_TRUE(AcceptAmendment(c).ok());
  EXPECT_EQ(c.terms.basic_wage, KWD("130"));
  EXPECT_EQ(c.version, 2);
  EXPECT_EQ(c.state, ContractState::kActive);
  EXPECT_EQ(AcceptAmendment(c).field(), "amendment");

  ContractTerms worse = c.terms;
  worse.basic_wage = KWD("50");  // below the floor
  EXPECT_EQ(ProposeAmendment(c, worse, "cost cutting", Ctx(), kNow).field(), "basic_wage");
  worse = c.terms;
  worse.employer = EmployerId("E-2");
  EXPECT_EQ(ProposeAmendment(c, worse, "sold", Ctx(), kNow).field(), "employer");
  EXPECT_EQ(ProposeAmendment(c, c.terms, "nothing", Ctx(), kNow).code(), Code::kInvalidArgument);
  worse = c.terms;
  worse.hours_per_day = 7;
  ASSERT_TRUE(ProposeAmendment(c, worse, "fewer hours", Ctx(), kNow).ok());
  ASSERT_TRUE(RejectAmendment(c).ok());
  EXPECT_EQ(c.terms.hours_per_day, 8);
  EXPECT_EQ(c.version, 2);
}

TEST_F(ContractTest, AmendmentBeforeAuthenticationIsAttestedAgain) {
  Contract c = Attested();
  ContractTerms t = c.terms;
  t.annual_leave_days = 35;
  ASSERT_TRUE(ProposeAmendment(c, t, "more leave", Ctx(), kNow).ok());
  ASSERT_TRUE(AcceptAmendment(c).ok());
  EXPECT_EQ(c.state, ContractState::kAccepted);
  EXPECT_TRUE(c.attested_digest.empty());
}

TEST_F(ContractTest, DraftsCanBeWithdrawn) {
  Contract c;
  c.terms = testing::SampleTerms();
  ASSERT_TRUE(Offer(c, kNow).ok());
  ASSERT_TRUE(Withdraw(c).ok());
  EXPECT_EQ(Accept(c, kNow).code(), Code::kFailedPrecondition);
}

TEST(ContractNamesTest, RoundTrip) {
  for (auto s : {ContractState::kDraft, ContractState::kOffered, ContractState::kAccepted,
                 ContractState::kRejected, ContractState::kWithdrawn, ContractState::kAttested,
                 ContractState::kAuthenticated, ContractState::kActive, ContractState::kEnded}) {
    EXPECT_EQ(*ParseContractState(ToString(s)), s);
  }
  EXPECT_FALSE(ParseContractState("approved").ok());
  EXPECT_NE(ParsePayer("sponsor").status().message().find("employer, worker"), std::string::npos);
}

}  // namespace
}  // namespace corridor::domain
