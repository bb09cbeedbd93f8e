#include "domain/clearance.hpp"

#include <gtest/gtest.h>

#include "domain/testing.hpp"

namespace corridor::domain {
namespace {

using testing::D;

Money NPR(const char* amount) { return *Money::Parse(amount, "NPR"); }

ClearanceRequirements Nepal() {
  ClearanceRequirements r;
  r.country = "NPL";
  r.departure_within_days = 90;
  r.orientation = {true, 180};
  r.insurance = {true, NPR("2000000")};
  r.medical = {true, 90};
  r.agency_licence_required = true;
  r.passport = {true, 6};
  return r;
}

// A contract attested in Nepal (2027-01-01 for 24 months), and every record it needs, on
// 2026-11-29.
class ClearanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    worker_ = testing::SampleWorker();
    agency_ = testing::SampleAgency();
    contract_.id = ContractId("C-1");
    contract_.terms = testing::SampleTerms();
    contract_.state = ContractState::kAttested;
    contract_.digest = std::string(64, 'a');
    contract_.attested_digest = contract_.digest;
    orientation_ = {OrientationId("OC-1"), worker_.id, "Kathmandu Orientation Centre",
                    D("2026-10-01"),       "U-np",     *Timestamp::Parse("2026-10-01T10:00:00Z"),
                    std::nullopt};
    policy_ = {InsurancePolicyId("IP-1"),
               contract_.id,
               worker_.id,
               "Himalayan Life",
               "HL-2026-0042",
               D("2026-12-15"),
               D("2029-01-31"),
               NPR("2500000"),
               "U-np",
               *Timestamp::Parse("2026-11-20T10:00:00Z")};
    medical_ = {MedicalRecordId("MF-1"),
                worker_.id,
                "Norvic Medical Centre",
                D("2026-11-02"),
                MedicalOutcome::kFit,
                "U-np",
                *Timestamp::Parse("2026-11-02T10:00:00Z")};
  }

  ClearanceFacts Facts() {
    ClearanceFacts f;
    f.contract = &contract_;
    f.worker = &worker_;
    f.agency = &agency_;
    f.orientation = orientation_;
    f.policies = {policy_};
    f.medical = medical_;
    f.today = D("2026-11-29");
    return f;
  }

  static std::vector<std::string> MissingNames(const ClearanceCheck& c) {
    std::vector<std::string> out;
    for (const auto& m : c.Missing()) out.emplace_back(ToString(m.requirement));
    return out;
  }

  Worker worker_;
  Agency agency_;
  Contract contract_;
  OrientationCompletion orientation_;
  InsurancePolicy policy_;
  MedicalFitness medical_;
};

TEST_F(ClearanceTest, EveryRequirementHoldsAndTheClearanceIsIssued) {
  const ClearanceFacts f = Facts();
  const ClearanceCheck check = CheckRequirements(Nepal(), f);
  ASSERT_EQ(check.results.size(), 6u);
  for (const auto& r : check.results) EXPECT_TRUE(r.met) << ToString(r.requirement) << r.detail;
  EXPECT_TRUE(check.ready());
  EXPECT_EQ(check.evidence.orientation, OrientationId("OC-1"));
  EXPECT_EQ(check.evidence.insurance, InsurancePolicyId("IP-1"));
  EXPECT_EQ(check.evidence.medical, MedicalRecordId("MF-1"));

  auto c = Issue(Nepal(), f, check, ClearanceId("DC-1"), "U-np");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->contract, contract_.id);
  EXPECT_EQ(c->worker, worker_.id);
  EXPECT_EQ(c->origin_country, "NPL");
  EXPECT_EQ(c->destination_country, "KWT");
  EXPECT_EQ(c->contract_digest, contract_.attested_digest);
  EXPECT_EQ(c->passport, (PassportRef{"PA1234567", "NPL"}));
  EXPECT_EQ(c->issued_on, D("2026-11-29"));
  EXPECT_EQ(c->valid_until, D("2027-02-27"));
  EXPECT_EQ(c->evidence, check.evidence);
  EXPECT_EQ(c->state, ClearanceState::kIssued);
}

TEST_F(ClearanceTest, EveryMissingRequirementIsListedNotOnlyTheFirst) {
  contract_.state = ContractState::kAccepted;
  ClearanceFacts f = Facts();
  f.orientation.reset();
  f.policies.clear();
  f.medical.reset();
  agency_.status = LicenceStatus::kSuspended;
  worker_.passport.expiry = D("2029-03-01");
  const ClearanceCheck check = CheckRequirements(Nepal(), f);
  EXPECT_FALSE(check.ready());
  EXPECT_EQ(MissingNames(check),
            (std::vector<std::string>{"contract_attested", "orientation", "insurance", "medical",
                                      "agency_licence", "passport"}));
  const auto missing = check.Missing();
  EXPECT_EQ(missing[0].detail, "the contract is accepted; the origin's authority attests it first");
  EXPECT_EQ(missing[1].detail, "no orientation completion is recorded for worker W-1");
  EXPECT_EQ(missing[2].detail, "no insurance policy is recorded for contract C-1");
  EXPECT_EQ(missing[3].detail, "no medical fitness record is recorded for worker W-1");
  EXPECT_EQ(missing[4].detail, "the licence of agency A-1 is suspended");
  EXPECT_EQ(missing[5].detail,
            "passport PA1234567 expires on 2029-03-01; the contract's end plus 6 months is "
            "2029-07-01");
  // Nothing is issued, and the refusal names them all.
  auto c = Issue(Nepal(), f, check, ClearanceId("DC-1"), "U-np");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(c.status().message(),
            "the clearance's requirements do not hold: contract_attested, orientation, "
            "insurance, medical, agency_licence, passport");
}

TEST_F(ClearanceTest, TheContractMustBeAttestedAndNotYetActive) {
  for (ContractState s : {ContractState::kDraft, ContractState::kOffered, ContractState::kAccepted,
                          ContractState::kRejected, ContractState::kWithdrawn,
                          ContractState::kActive, ContractState::kEnded}) {
    contract_.state = s;
    EXPECT_EQ(MissingNames(CheckRequirements(Nepal(), Facts())),
              std::vector<std::string>{"contract_attested"})
        << ToString(s);
  }
  contract_.state = ContractState::kActive;
  EXPECT_EQ(CheckRequirements(Nepal(), Facts()).Missing()[0].detail,
            "the contract is active; a clearance is issued before the worker starts work");
  contract_.state = ContractState::kAuthenticated;
  EXPECT_TRUE(CheckRequirements(Nepal(), Facts()).ready());
}

TEST_F(ClearanceTest, OrientationAndMedicalMustBeRecent) {
  orientation_.completed_on = D("2026-06-01");  // 181 days before
  medical_.examined_on = D("2026-08-30");       // 91 days before
  const ClearanceCheck check = CheckRequirements(Nepal(), Facts());
  EXPECT_EQ(MissingNames(check), (std::vector<std::string>{"orientation", "medical"}));
  EXPECT_EQ(check.Missing()[0].detail,
            "the latest orientation was completed on 2026-06-01, 181 days ago; it must be within "
            "180 days");
  EXPECT_EQ(check.Missing()[1].detail,
            "the latest examination was on 2026-08-30, 91 days ago; it must be within 90 days");
  EXPECT_FALSE(check.evidence.orientation);
  EXPECT_FALSE(check.evidence.medical);
  // The last day of the window still counts.
  orientation_.completed_on = D("2026-06-02");
  medical_.examined_on = D("2026-08-31");
  EXPECT_TRUE(CheckRequirements(Nepal(), Facts()).ready());
}

TEST_F(ClearanceTest, AnUnfitFindingIsNeverEnough) {
  medical_.outcome = MedicalOutcome::kUnfit;
  const ClearanceCheck check = CheckRequirements(Nepal(), Facts());
  EXPECT_EQ(MissingNames(check), std::vector<std::string>{"medical"});
  EXPECT_EQ(check.Missing()[0].detail,
            "the latest examination, on 2026-11-02, found the worker unfit");
}

TEST_F(ClearanceTest, TheInsuranceMustCoverTheWholeTermWithTheSumRequired) {
  policy_.cover_until = D("2028-06-30");
  policy_.sum_insured = NPR("1000000");
  ClearanceCheck check = CheckRequirements(Nepal(), Facts());
  EXPECT_EQ(MissingNames(check), std::vector<std::string>{"insurance"});
  EXPECT_EQ(check.Missing()[0].detail,
            "policy IP-1: it covers until 2028-06-30; the contract runs until 2029-01-01 and its "
            "sum insured 1000000.00 NPR is below the 2000000.00 NPR required");
  // Cover that starts after the contract, and a sum in another currency.
  policy_ =
      InsurancePolicy{policy_.id, contract_.id,       worker_.id,      "Himalayan Life",
                      "HL-1",     D("2027-02-01"),    D("2029-02-01"), *Money::Parse("5000", "USD"),
                      "U-np",     policy_.recorded_at};
  check = CheckRequirements(Nepal(), Facts());
  EXPECT_EQ(check.Missing()[0].detail,
            "policy IP-1: its cover starts on 2027-02-01, after the contract's start 2027-01-01 "
            "and its sum insured is in USD; NPR is required");
  // Any one policy that fits is enough, and it is the evidence.
  InsurancePolicy good = {InsurancePolicyId("IP-2"),
                          contract_.id,
                          worker_.id,
                          "Nepal Life",
                          "NL-7",
                          D("2026-12-01"),
                          D("2029-01-01"),
                          NPR("2000000"),
                          "U-np",
                          policy_.recorded_at};
  ClearanceFacts f = Facts();
  f.policies.push_back(good);
  check = CheckRequirements(Nepal(), f);
  EXPECT_TRUE(check.ready());
  EXPECT_EQ(check.evidence.insurance, InsurancePolicyId("IP-2"));
}

TEST_F(ClearanceTest, TheAgencysLicenceMustBeValidUnlessThePlacementIsDirect) {
  agency_.licence_expiry = D("2026-11-28");
  EXPECT_EQ(CheckRequirements(Nepal(), Facts()).Missing()[0].detail,
            "the licence of agency A-1 expired on 2026-11-28");
  agency_.licence_expiry = D("2028-07-15");
  agency_.status = LicenceStatus::kRevoked;
  EXPECT_EQ(CheckRequirements(Nepal(), Facts()).Missing()[0].detail,
            "the licence of agency A-1 is revoked");
  contract_.terms.agency.reset();
  ClearanceFacts f = Facts();
  f.agency = nullptr;
  EXPECT_TRUE(CheckRequirements(Nepal(), f).ready());
}

TEST_F(ClearanceTest, ARequirementTheCountryDoesNotSetAlwaysHolds) {
  ClearanceRequirements r = Nepal();
  r.orientation.required = false;
  r.insurance.required = false;
  r.medical.required = false;
  r.agency_licence_required = false;
  r.passport.required = false;
  ClearanceFacts f = Facts();
  f.orientation.reset();
  f.policies.clear();
  f.medical.reset();
  agency_.status = LicenceStatus::kRevoked;
  worker_.passport.expiry = D("2027-01-01");
  const ClearanceCheck check = CheckRequirements(r, f);
  EXPECT_TRUE(check.ready());
  EXPECT_EQ(check.evidence, ClearanceEvidence{});
  // The contract's own state is never optional.
  contract_.state = ContractState::kOffered;
  EXPECT_FALSE(CheckRequirements(r, f).ready());
}

TEST_F(ClearanceTest, RevocationNeedsAReasonAndIsFinal) {
  const ClearanceFacts f = Facts();
  Clearance c = *Issue(Nepal(), f, CheckRequirements(Nepal(), f), ClearanceId("DC-1"), "U-np");
  EXPECT_EQ(
      Revoke(c, RevocationReason::kAgencyLicenceRevoked, "  ", "U-np", D("2026-12-01")).field(),
      "note");
  EXPECT_EQ(c.state, ClearanceState::kIssued);
  ASSERT_TRUE(Revoke(c, RevocationReason::kAgencyLicenceRevoked, " licence DOFE-1234 revoked ",
                     "U-np2", D("2026-12-01"))
                  .ok());
  EXPECT_EQ(c.state, ClearanceState::kRevoked);
  EXPECT_EQ(c.revoked_on, D("2026-12-01"));
  EXPECT_EQ(c.revoked_by, "U-np2");
  EXPECT_EQ(c.revocation_reason, RevocationReason::kAgencyLicenceRevoked);
  EXPECT_EQ(c.revocation_note, "licence DOFE-1234 revoked");
  const Status again =
      Revoke(c, RevocationReason::kContractWithdrawn, "withdrawn", "U-np", D("2026-12-02"));
  EXPECT_EQ(again.code(), Code::kFailedPrecondition);
  EXPECT_EQ(again.message(), "clearance DC-1 was revoked on 2026-12-01 already");
  EXPECT_EQ(c.revocation_reason, RevocationReason::kAgencyLicenceRevoked);
}

TEST_F(ClearanceTest, StandingOnADay) {
  const ClearanceFacts f = Facts();
  Clearance c = *Issue(Nepal(), f, CheckRequirements(Nepal(), f), ClearanceId("DC-1"), "U-np");
  EXPECT_EQ(StandingOn(c, D("2026-11-29")), ClearanceStanding::kValid);
  EXPECT_EQ(StandingOn(c, D("2027-02-27")), ClearanceStanding::kValid);
  EXPECT_EQ(StandingOn(c, D("2027-02-28")), ClearanceStanding::kExpired);
  ASSERT_TRUE(Revoke(c, RevocationReason::kContractWithdrawn, "the employer withdrew the demand",
                     "U-np", D("2026-12-01"))
                  .ok());
  EXPECT_EQ(StandingOn(c, D("2026-12-01")), ClearanceStanding::kRevoked);
}

TEST_F(ClearanceTest, TheCrossingFormHoldsNoPassportAndNoEvidence) {
  const ClearanceFacts f = Facts();
  const Clearance c =
      *Issue(Nepal(), f, CheckRequirements(Nepal(), f), ClearanceId("DC-1"), "U-np");
  const Clearance x = CrossingForm(c);
  EXPECT_FALSE(x.passport);
  EXPECT_FALSE(x.evidence);
  EXPECT_EQ(x.id, c.id);
  EXPECT_EQ(x.valid_until, c.valid_until);
  EXPECT_EQ(x.contract_digest, c.contract_digest);
}

TEST(ClearanceRecords, AreCheckedAndTrimmed) {
  const Date today = D("2026-11-29");
  OrientationCompletion o{
      OrientationId("OC-1"), WorkerId("W-1"), " Centre ", D("2026-11-29"), "", {}, std::nullopt};
  ASSERT_TRUE(ValidateOrientation(o, today).ok());
  EXPECT_EQ(o.centre, "Centre");
  o.completed_on = D("2026-11-30");
  EXPECT_EQ(ValidateOrientation(o, today).field(), "completed_on");
  o.completed_on = today;
  o.centre = "";
  EXPECT_EQ(ValidateOrientation(o, today).field(), "centre");

  MedicalFitness m{MedicalRecordId("MF-1"),
                   WorkerId("W-1"),
                   "Centre",
                   D("2026-11-30"),
                   MedicalOutcome::kFit,
                   "",
                   {}};
  EXPECT_EQ(ValidateMedical(m, today).field(), "examined_on");
  m.examined_on = today;
  EXPECT_TRUE(ValidateMedical(m, today).ok());
  m.centre = std::string(201, 'x');
  EXPECT_EQ(ValidateMedical(m, today).field(), "centre");

  InsurancePolicy p{InsurancePolicyId("IP-1"), ContractId("C-1"), WorkerId("W-1"), "Insurer", "P-1",
                    D("2026-01-01"),           D("2026-11-28"),   NPR("100"),      "",        {}};
  // An expired policy is refused with its date.
  Status s = ValidateInsurance(p, today);
  EXPECT_EQ(s.field(), "cover_until");
  EXPECT_EQ(s.message(), "the policy's cover ended on 2026-11-28; record a policy in force");
  p.cover_until = D("2025-12-31");
  EXPECT_EQ(ValidateInsurance(p, today).message(), "must not be before cover_from 2026-01-01");
  p.cover_until = today;
  EXPECT_TRUE(ValidateInsurance(p, today).ok());
  p.sum_insured = NPR("0");
  EXPECT_EQ(ValidateInsurance(p, today).field(), "sum_insured");
  p.sum_insured = NPR("1");
  p.policy_number = std::string(65, '1');
  EXPECT_EQ(ValidateInsurance(p, today).field(), "policy_number");
  p.policy_number = "P-1";
  p.insurer = "\t";
  EXPECT_EQ(ValidateInsurance(p, today).field(), "insurer");
}

TEST(ClearanceRequirementsData, AreChecked) {
  ClearanceRequirements r = Nepal();
  EXPECT_TRUE(ValidateClearanceRequirements(r).ok());
  r.country = "NP";
  EXPECT_EQ(ValidateClearanceRequirements(r).field(), "country");
  r = Nepal();
  r.medical.within_days = 0;
  EXPECT_EQ(ValidateClearanceRequirements(r).field(), "medical.within_days");
  r = Nepal();
  r.passport.margin_months = -1;
  EXPECT_EQ(ValidateClearanceRequirements(r).field(), "passport.margin_months");
  r = Nepal();
  r.insurance.minimum_sum_insured = Money{};
  EXPECT_EQ(ValidateClearanceRequirements(r).field(), "insurance.minimum_sum_insured");
}

TEST(ClearanceAccess, WhoSeesHowMuch) {
  const NodeContext npl{"NPL"};
  const NodeContext kwt{"KWT"};
  const WorkerId w("W-1");
  auto actor = [](Role role, std::string country, std::optional<WorkerId> worker = std::nullopt) {
    Actor a;
    a.account = "U-x";
    a.role = role;
    a.country = std::move(country);
    a.worker = std::move(worker);
    return a;
  };
  using S = ClearanceSight;
  EXPECT_EQ(SightOfClearance(actor(Role::kOriginOfficer, "NPL"), w, "NPL", "KWT", npl), S::kFull);
  EXPECT_EQ(SightOfClearance(actor(Role::kOriginOfficer, "PHL"), w, "NPL", "KWT", npl), S::kNone);
  EXPECT_EQ(SightOfClearance(actor(Role::kOriginOfficer, "NPL"), w, "NPL", "KWT", kwt), S::kNone);
  EXPECT_EQ(SightOfClearance(actor(Role::kWorker, "", w), w, "NPL", "KWT", kwt), S::kFull);
  EXPECT_EQ(SightOfClearance(actor(Role::kWorker, "", WorkerId("W-2")), w, "NPL", "KWT", kwt),
            S::kNone);
  EXPECT_EQ(SightOfClearance(actor(Role::kDestinationOfficer, "KWT"), w, "NPL", "KWT", kwt),
            S::kCrossingForm);
  EXPECT_EQ(SightOfClearance(actor(Role::kDestinationOfficer, "KWT"), w, "NPL", "QAT", kwt),
            S::kNone);
  EXPECT_EQ(SightOfClearance(actor(Role::kEmbassy, "NPL"), w, "NPL", "KWT", kwt), S::kCrossingForm);
  EXPECT_EQ(SightOfClearance(actor(Role::kEmbassy, "PHL"), w, "NPL", "KWT", kwt), S::kNone);
  for (Role r : {Role::kAdministrator, Role::kEmployer, Role::kAgency, Role::kBorderOfficer,
                 Role::kInvestigator, Role::kAnalyst, Role::kCaseworker, Role::kCaseSupervisor,
                 Role::kHotlineOperator}) {
    EXPECT_EQ(SightOfClearance(actor(r, "NPL"), w, "NPL", "KWT", npl), S::kNone) << ToString(r);
    EXPECT_FALSE(MayViewClearanceRecords(actor(r, "NPL"), w, "NPL", npl)) << ToString(r);
    EXPECT_FALSE(CheckMayClear(actor(r, "NPL"), "NPL", npl).ok()) << ToString(r);
  }
  EXPECT_TRUE(MayViewClearanceRecords(actor(Role::kOriginOfficer, "NPL"), w, "NPL", npl));
  EXPECT_FALSE(MayViewClearanceRecords(actor(Role::kOriginOfficer, "NPL"), w, "PHL", npl));
  EXPECT_FALSE(MayViewClearanceRecords(actor(Role::kDestinationOfficer, "KWT"), w, "NPL", kwt));
  EXPECT_TRUE(MayViewClearanceRecords(actor(Role::kWorker, "", w), w, "NPL", kwt));
  EXPECT_TRUE(CheckMayClear(actor(Role::kOriginOfficer, "NPL"), "NPL", npl).ok());
  EXPECT_FALSE(CheckMayClear(actor(Role::kOriginOfficer, "NPL"), "NPL", kwt).ok());
  EXPECT_EQ(CheckMayClear(actor(Role::kWorker, "", w), "NPL", npl).code(), Code::kPermissionDenied);
}

TEST_F(ClearanceTest, AllowedActions) {
  const NodeContext npl{"NPL"};
  Actor officer;
  officer.role = Role::kOriginOfficer;
  officer.country = "NPL";
  Actor worker;
  worker.role = Role::kWorker;
  worker.worker = worker_.id;
  const ClearanceFacts f = Facts();
  const ClearanceCheck check = CheckRequirements(Nepal(), f);
  const std::vector<ClearanceCheckStep> record = {ClearanceCheckStep::kRecordOrientation,
                                                  ClearanceCheckStep::kRecordInsurance,
                                                  ClearanceCheckStep::kRecordMedical};
  std::vector<ClearanceCheckStep> issue_and_record = {ClearanceCheckStep::kIssueClearance};
  issue_and_record.insert(issue_and_record.end(), record.begin(), record.end());
  EXPECT_EQ(AllowedClearanceCheckActions(officer, check, "NPL", false, npl), issue_and_record);
  EXPECT_EQ(AllowedClearanceCheckActions(officer, check, "NPL", true, npl), record);
  EXPECT_TRUE(AllowedClearanceCheckActions(worker, check, "NPL", false, npl).empty());
  EXPECT_TRUE(
      AllowedClearanceCheckActions(officer, check, "NPL", false, NodeContext{"KWT"}).empty());
  contract_.state = ContractState::kAccepted;
  EXPECT_EQ(
      AllowedClearanceCheckActions(officer, CheckRequirements(Nepal(), Facts()), "NPL", false, npl),
      record);
  Clearance c = *Issue(Nepal(), f, check, ClearanceId("DC-1"), "U-np");
  EXPECT_EQ(AllowedClearanceActions(officer, c, npl),
            std::vector<ClearanceStep>{ClearanceStep::kRevoke});
  EXPECT_TRUE(AllowedClearanceActions(worker, c, npl).empty());
  EXPECT_TRUE(AllowedClearanceActions(officer, c, NodeContext{"KWT"}).empty());
  ASSERT_TRUE(Revoke(c, RevocationReason::kIssuedInError, "typo", "U-np", f.today).ok());
  EXPECT_TRUE(AllowedClearanceActions(officer, c, npl).empty());
  EXPECT_EQ(ToString(ClearanceStep::kRevoke), "revoke");
  EXPECT_EQ(ToString(ClearanceCheckStep::kIssueClearance), "issue_clearance");
  EXPECT_EQ(ToString(ClearanceCheckStep::kRecordOrientation), "record_orientation");
  EXPECT_EQ(ToString(ClearanceCheckStep::kRecordInsurance), "record_insurance");
  EXPECT_EQ(ToString(ClearanceCheckStep::kRecordMedical), "record_medical");
}

TEST(ClearanceNames, ReadBack) {
  for (auto r : {RevocationReason::kAgencyLicenceRevoked, RevocationReason::kContractWithdrawn,
                 RevocationReason::kRequirementLapsed, RevocationReason::kIssuedInError}) {
    EXPECT_EQ(*ParseRevocationReason(ToString(r)), r);
  }
  EXPECT_EQ(ParseRevocationReason("whim").status().message(),
            "'whim' is not a revocation reason (agency_licence_revoked, contract_withdrawn, "
            "requirement_lapsed, issued_in_error)");
  EXPECT_EQ(*ParseMedicalOutcome("fit"), MedicalOutcome::kFit);
  EXPECT_EQ(*ParseMedicalOutcome("unfit"), MedicalOutcome::kUnfit);
  EXPECT_FALSE(ParseMedicalOutcome("HIV positive").ok());
  EXPECT_EQ(*ParseClearanceState("revoked"), ClearanceState::kRevoked);
}

}  // namespace
}  // namespace corridor::domain
