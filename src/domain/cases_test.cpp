#include "domain/cases.hpp"

#include <gtest/gtest.h>

#include "domain/testing.hpp"

namespace corridor::domain {
namespace {

using testing::D;

Timestamp T(const char* text) { return *Timestamp::Parse(text); }

CaseRules Rules() {
  CaseRules r;
  for (auto& d : r.deadlines) d = {2, 5, 14};
  r.deadlines[static_cast<size_t>(ComplaintCategory::kPassportKept)] = {1, 2, 7};
  r.trafficking_flag = {
      {"severe",
       1,
       {Indicator::kPhysicalAndSexualViolence, Indicator::kDebtBondage,
        Indicator::kRestrictionOfMovement, Indicator::kRetentionOfIdentityDocuments}},
      {"several",
       2,
       {Indicator::kAbuseOfVulnerability, Indicator::kDeception, Indicator::kRestrictionOfMovement,
        Indicator::kIsolation, Indicator::kPhysicalAndSexualViolence,
        Indicator::kIntimidationAndThreats, Indicator::kRetentionOfIdentityDocuments,
        Indicator::kWithholdingOfWages, Indicator::kDebtBondage,
        Indicator::kAbusiveWorkingAndLivingConditions, Indicator::kExcessiveOvertime}}};
  return r;
}

Actor Staff(Role role, const std::string& account, const std::string& country = "KWT") {
  Actor a;
  a.account = account;
  a.role = role;
  a.country = country;
  return a;
}

Actor WorkerOf(const WorkerId& w) {
  Actor a;
  a.account = "U-w";
  a.role = Role::kWorker;
  a.worker = w;
  return a;
}

const NodeContext kKuwait{"KWT"};

Complaint SampleComplaint() {
  Complaint c;
  c.id = ComplaintId("CP-1");
  c.channel = Channel::kWorker;
  c.worker = WorkerId("W-1");
  c.worker_nationality = "NPL";
  c.categories = {ComplaintCategory::kUnpaidWages, ComplaintCategory::kPassportKept};
  c.text = "  My employer keeps my passport and has not paid me for two months.  ";
  c.language = "ne";
  c.filed_by = "U-w";
  c.filed_at = T("2026-11-29T08:00:00.000Z");
  return c;
}

TEST(Cases, NamesReadBackAndUnknownOnesAreRefusedWithTheList) {
  for (size_t i = 0; i < kIndicatorCount; ++i) {
    const auto ind = static_cast<Indicator>(i);
    EXPECT_EQ(*ParseIndicator(ToString(ind)), ind);
  }
  for (size_t i = 0; i < kComplaintCategoryCount; ++i) {
    const auto c = static_cast<ComplaintCategory>(i);
    EXPECT_EQ(*ParseComplaintCategory(ToString(c)), c);
  }
  EXPECT_EQ(ToString(Indicator::kExcessiveOvertime), "excessive_overtime");
  auto bad = ParseComplaintCategory("theft");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("unpaid_wages"), std::string::npos);
  EXPECT_FALSE(ParseOutcome("resolved").ok());
}

TEST(Cases, ANewComplaintIsCheckedAndGetsItsTriageDeadlineFromTheShortestCategory) {
  Complaint c = SampleComplaint();
  ASSERT_TRUE(CheckNewComplaint(c, Rules()).ok());
  EXPECT_EQ(c.text, "My employer keeps my passport and has not paid me for two months.");
  EXPECT_EQ(c.triage_due, T("2026-11-30T08:00:00.000Z"));  // passport_kept: one day
  EXPECT_EQ(c.state, ComplaintState::kReceived);

  Complaint empty = SampleComplaint();
  empty.text = "   ";
  EXPECT_EQ(CheckNewComplaint(empty, Rules()).field(), "text");
  Complaint none = SampleComplaint();
  none.categories.clear();
  EXPECT_EQ(CheckNewComplaint(none, Rules()).field(), "categories");
  Complaint twice = SampleComplaint();
  twice.categories = {ComplaintCategory::kOther, ComplaintCategory::kOther};
  EXPECT_EQ(CheckNewComplaint(twice, Rules()).field(), "categories");
  Complaint long_text = SampleComplaint();
  long_text.text = std::string(kMaxComplaintText + 1, 'x');
  EXPECT_EQ(CheckNewComplaint(long_text, Rules()).field(), "text");
  Complaint nobody = SampleComplaint();
  nobody.channel = Channel::kOnBehalf;
  nobody.worker.reset();
  EXPECT_EQ(CheckNewComplaint(nobody, Rules()).field(), "worker");
  Complaint tip = nobody;
  tip.channel = Channel::kAnonymousTip;
  EXPECT_TRUE(CheckNewComplaint(tip, Rules()).ok());
}

TEST(Cases, TheWorkflowRunsFromIntakeToClosure) {
  const CaseRules rules = Rules();
  Complaint c = SampleComplaint();
  ASSERT_TRUE(CheckNewComplaint(c, rules).ok());
  const Timestamp now = T("2026-11-29T09:00:00.000Z");
  Case k = NewCase(CaseId("CS-1"), std::nullopt, "", std::nullopt, {}, "U-sup", now, rules);
  ASSERT_EQ(k.indicators.size(), kIndicatorCount);
  ASSERT_TRUE(JoinComplaint(k, c).ok());
  EXPECT_EQ(*k.worker, WorkerId("W-1"));
  EXPECT_EQ(k.worker_nationality, "NPL");
  EXPECT_EQ(c.state, ComplaintState::kInCase);
  EXPECT_EQ(*c.case_id, k.id);
  EXPECT_EQ(k.categories.size(), 2u);
  // A complaint is joined once.
  EXPECT_EQ(JoinComplaint(k, c).code(), Code::kFailedPrecondition);

  // Work on a case waits for its assignment.
  EXPECT_EQ(AddAction(k, "Call the employer", std::nullopt, rules, "U-sup", now).status().code(),
            Code::kFailedPrecondition);
  auto flagged = AssessIndicators(
      k,
      {{Indicator::kRetentionOfIdentityDocuments, IndicatorValue::kPresent, "she says so", "", {}},
       {Indicator::kIsolation, IndicatorValue::kAbsent, "", "", {}}},
      rules, "U-sup", now);
  ASSERT_TRUE(flagged.ok()) << flagged.status().ToString();
  EXPECT_TRUE(*flagged);
  EXPECT_TRUE(k.trafficking_flag);
  EXPECT_EQ(k.flag_rule, "severe");
  EXPECT_EQ(k.state, CaseState::kAssessment);
  EXPECT_EQ(k.indicators[static_cast<size_t>(Indicator::kIsolation)].value,
            IndicatorValue::kAbsent);
  EXPECT_EQ(k.indicators[static_cast<size_t>(Indicator::kDeception)].value,
            IndicatorValue::kUnknown);

  EXPECT_EQ(Assign(k, "U-analyst", Role::kAnalyst, "U-sup").field(), "assignee");
  ASSERT_TRUE(Assign(k, "U-inv", Role::kInvestigator, "U-sup").ok());
  EXPECT_EQ(k.state, CaseState::kInProgress);

  // The deadline is at most the shortest category's limit (passport_kept: seven days).
  auto late = AddAction(k, "Recover the passport", D("2026-12-07"), rules, "U-inv", now);
  EXPECT_EQ(late.status().field(), "due_on");
  auto past = AddAction(k, "Recover the passport", D("2026-11-28"), rules, "U-inv", now);
  EXPECT_EQ(past.status().field(), "due_on");
  auto action = AddAction(k, "Recover the passport", std::nullopt, rules, "U-inv", now);
  ASSERT_TRUE(action.ok());
  EXPECT_EQ(action->due_on, D("2026-12-06"));
  EXPECT_EQ(action->id, "A1");
  EXPECT_EQ(CompleteAction(k, "A9", "done", now).code(), Code::kNotFound);
  EXPECT_EQ(CompleteAction(k, "A1", "", now).field(), "note");
  ASSERT_TRUE(CompleteAction(k, "A1", "returned at the embassy", now).ok());
  EXPECT_EQ(CompleteAction(k, "A1", "again", now).code(), Code::kFailedPrecondition);

  EXPECT_EQ(Close(k, Outcome::kResolvedWithPayment, "", "U-inv", now).field(), "reason");
  ASSERT_TRUE(Close(k, Outcome::kResolvedWithPayment, "wages paid", "U-inv", now).ok());
  EXPECT_EQ(k.state, CaseState::kClosed);
  EXPECT_EQ(Close(k, Outcome::kWithdrawn, "again", "U-inv", now).code(), Code::kFailedPrecondition);
  EXPECT_EQ(Assign(k, "U-inv", Role::kInvestigator, "U-sup").code(), Code::kFailedPrecondition);
}

TEST(Cases, ARefusedTransitionLeavesTheCaseAsItWas) {
  const CaseRules rules = Rules();
  const Timestamp now = T("2026-11-29T09:00:00.000Z");
  Case k = NewCase(CaseId("CS-1"), WorkerId("W-1"), "NPL", std::nullopt,
                   {ComplaintCategory::kUnpaidWages}, "U-sup", now, rules);
  const Case before = k;
  // Present without evidence, and an indicator named twice.
  EXPECT_EQ(AssessIndicators(k, {{Indicator::kDeception, IndicatorValue::kPresent, "", "", {}}},
                             rules, "U-sup", now)
                .status()
                .field(),
            "indicators.0.evidence");
  EXPECT_EQ(AssessIndicators(k,
                             {{Indicator::kDeception, IndicatorValue::kAbsent, "", "", {}},
                              {Indicator::kDeception, IndicatorValue::kAbsent, "", "", {}}},
                             rules, "U-sup", now)
                .status()
                .field(),
            "indicators.1.indicator");
  EXPECT_EQ(k, before);
  // Only withdrawn or unfounded close a case before it is in progress.
  EXPECT_EQ(Close(k, Outcome::kReferredToProsecution, "x", "U-sup", now).code(),
            Code::kFailedPrecondition);
  EXPECT_EQ(k, before);
  EXPECT_TRUE(
      Close(k, Outcome::kUnfounded, "the employer paid before we called", "U-sup", now).ok());
  // A complaint about another worker does not join.
  Case other = NewCase(CaseId("CS-2"), WorkerId("W-2"), "NPL", std::nullopt, {}, "U", now, rules);
  Complaint c = SampleComplaint();
  ASSERT_TRUE(CheckNewComplaint(c, rules).ok());
  EXPECT_EQ(JoinComplaint(other, c).code(), Code::kFailedPrecondition);
  EXPECT_EQ(c.state, ComplaintState::kReceived);
}

TEST(Cases, TheFlagRuleIsDataAndTwoOrdinaryIndicatorsMakeSeveral) {
  CaseRules rules = Rules();
  const Timestamp now = T("2026-11-29T09:00:00.000Z");
  Case k = NewCase(CaseId("CS-1"), WorkerId("W-1"), "NPL", std::nullopt, {}, "U", now, rules);
  auto one = AssessIndicators(
      k, {{Indicator::kExcessiveOvertime, IndicatorValue::kPresent, "14 hours a day", "", {}}},
      rules, "U", now);
  ASSERT_TRUE(one.ok());
  EXPECT_FALSE(*one);
  EXPECT_FALSE(k.trafficking_flag);
  auto two = AssessIndicators(
      k, {{Indicator::kWithholdingOfWages, IndicatorValue::kPresent, "no pay since June", "", {}}},
      rules, "U", now);
  ASSERT_TRUE(two.ok());
  EXPECT_TRUE(*two);
  EXPECT_EQ(k.flag_rule, "several");
  // Another policy, other verdict: no code changes.
  rules.trafficking_flag = {{"three", 3, rules.trafficking_flag[1].among}};
  EXPECT_EQ(FlagVerdict(k.indicators, rules), "");
  rules.trafficking_flag[0].min_present = 12;
  EXPECT_EQ(rules.Validate().field(), "trafficking_flag.0.min_present");
  CaseRules short_limit = Rules();
  short_limit.deadlines[0].action_days = 0;
  EXPECT_EQ(short_limit.Validate().field(), "deadlines.unpaid_wages.action_days");
  EXPECT_TRUE(Rules().Validate().ok());
}

TEST(Cases, EachMissedDeadlineIsEscalatedOnce) {
  const CaseRules rules = Rules();
  const Timestamp opened = T("2026-11-01T10:00:00.000Z");
  Case k = NewCase(CaseId("CS-1"), WorkerId("W-1"), "NPL", std::nullopt,
                   {ComplaintCategory::kUnpaidWages}, "U", opened, rules);
  EXPECT_EQ(*NextDeadline(k), T("2026-11-06T10:00:00.000Z"));
  EXPECT_TRUE(Escalate(k, T("2026-11-06T10:00:00.000Z")).empty());  // on time is on time
  auto missed = Escalate(k, T("2026-11-06T10:00:00.001Z"));
  ASSERT_EQ(missed.size(), 1u);
  EXPECT_EQ(missed[0].what, "assessment");
  EXPECT_TRUE(Escalate(k, T("2026-11-20T00:00:00.000Z")).empty());
  EXPECT_FALSE(NextDeadline(k));
  ASSERT_TRUE(Assign(k, "U-cw", Role::kCaseworker, "U-sup").ok());
  auto a = AddAction(k, "Ask for the payslips", D("2026-11-22"), rules, "U-cw",
                     T("2026-11-20T00:00:00.000Z"));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(*NextDeadline(k), T("2026-11-23T00:00:00.000Z"));
  EXPECT_TRUE(Escalate(k, T("2026-11-22T23:59:59.999Z")).empty());  // the last day is in time
  missed = Escalate(k, T("2026-11-23T00:00:00.000Z"));
  ASSERT_EQ(missed.size(), 1u);
  EXPECT_EQ(missed[0].action, "A1");
  EXPECT_EQ(k.escalations, 2);
  EXPECT_TRUE(Escalate(k, T("2026-12-23T00:00:00.000Z")).empty());

  Complaint c = SampleComplaint();
  ASSERT_TRUE(CheckNewComplaint(c, rules).ok());
  EXPECT_FALSE(EscalateTriage(c, c.triage_due));
  EXPECT_TRUE(EscalateTriage(c, c.triage_due.AddMillis(1)));
  EXPECT_FALSE(EscalateTriage(c, c.triage_due.AddMillis(2)));
}

TEST(Cases, AQueueIsOrderedByTheEarliestDeadlineStillToBeMetMissedOrNot) {
  const CaseRules rules = Rules();
  const Timestamp opened = T("2026-11-01T10:00:00.000Z");
  Case k = NewCase(CaseId("CS-1"), WorkerId("W-1"), "NPL", std::nullopt,
                   {ComplaintCategory::kUnpaidWages}, "U", opened, rules);
  EXPECT_EQ(*QueueDeadline(k), T("2026-11-06T10:00:00.000Z"));
  // Missed and escalated: no longer the daily job's, still the most urgent in a queue.
  ASSERT_EQ(Escalate(k, T("2026-11-07T00:00:00.000Z")).size(), 1u);
  EXPECT_FALSE(NextDeadline(k));
  EXPECT_EQ(*QueueDeadline(k), T("2026-11-06T10:00:00.000Z"));
  // Assigned: the assessment is behind it; without actions there is no deadline.
  ASSERT_TRUE(Assign(k, "U-cw", Role::kCaseworker, "U-sup").ok());
  EXPECT_FALSE(QueueDeadline(k));
  ASSERT_TRUE(AddAction(k, "Ask for the payslips", D("2026-11-22"), rules, "U-cw",
                        T("2026-11-20T00:00:00.000Z"))
                  .ok());
  ASSERT_TRUE(
      AddAction(k, "Visit the site", D("2026-11-21"), rules, "U-cw", T("2026-11-20T00:00:00.000Z"))
          .ok());
  EXPECT_EQ(*QueueDeadline(k), T("2026-11-22T00:00:00.000Z"));
  ASSERT_TRUE(CompleteAction(k, "A2", "visited", T("2026-11-21T08:00:00.000Z")).ok());
  EXPECT_EQ(*QueueDeadline(k), T("2026-11-23T00:00:00.000Z"));
  ASSERT_TRUE(
      Close(k, Outcome::kWithdrawn, "she asked", "U-cw", T("2026-11-24T00:00:00.000Z")).ok());
  EXPECT_FALSE(QueueDeadline(k));
}

TEST(Cases, OnlyTheAssigneeTheirSupervisorAndTheEmbassySeeACase) {
  const CaseRules rules = Rules();
  const Timestamp now = T("2026-11-29T09:00:00.000Z");
  Case k = NewCase(CaseId("CS-1"), WorkerId("W-1"), "NPL", std::nullopt, {}, "U-sup", now, rules);
  // Unassigned: every case supervisor of the node (the intake queue), the embassy.
  EXPECT_TRUE(MayViewCase(Staff(Role::kCaseSupervisor, "U-sup"), FactsOf(k), kKuwait));
  EXPECT_TRUE(MayViewCase(Staff(Role::kCaseSupervisor, "U-sup2"), FactsOf(k), kKuwait));
  EXPECT_FALSE(MayViewCase(Staff(Role::kCaseSupervisor, "U-np", "NPL"), FactsOf(k), kKuwait));
  EXPECT_FALSE(MayViewCase(Staff(Role::kInvestigator, "U-inv"), FactsOf(k), kKuwait));
  ASSERT_TRUE(Assign(k, "U-inv", Role::kInvestigator, "U-sup").ok());
  const CaseFacts f = FactsOf(k);
  EXPECT_TRUE(MayViewCase(Staff(Role::kInvestigator, "U-inv"), f, kKuwait));
  EXPECT_FALSE(MayViewCase(Staff(Role::kInvestigator, "U-inv2"), f, kKuwait));
  EXPECT_FALSE(MayViewCase(Staff(Role::kCaseworker, "U-cw"), f, kKuwait));
  EXPECT_TRUE(MayViewCase(Staff(Role::kCaseSupervisor, "U-sup"), f, kKuwait));
  EXPECT_FALSE(MayViewCase(Staff(Role::kCaseSupervisor, "U-sup2"), f, kKuwait));
  EXPECT_TRUE(MayViewCase(Staff(Role::kEmbassy, "U-emb", "NPL"), f, kKuwait));
  EXPECT_FALSE(MayViewCase(Staff(Role::kEmbassy, "U-emb", "PHL"), f, kKuwait));
  for (Role r :
       {Role::kAdministrator, Role::kOriginOfficer, Role::kDestinationOfficer, Role::kBorderOfficer,
        Role::kAnalyst, Role::kHotlineOperator, Role::kEmployer, Role::kAgency}) {
    EXPECT_FALSE(MayViewCase(Staff(r, "U-inv"), f, kKuwait)) << ToString(r);
  }
  EXPECT_FALSE(MayViewCase(WorkerOf(WorkerId("W-1")), f, kKuwait));

  // Steps follow role and state.
  auto names = [&](const Actor& a) {
    std::string out;
    for (CaseStep s : AllowedCaseActions(a, k, kKuwait)) out += std::string(ToString(s)) + " ";
    return out;
  };
  EXPECT_EQ(names(Staff(Role::kInvestigator, "U-inv")), "assess_indicators add_action close ");
  EXPECT_EQ(names(Staff(Role::kCaseSupervisor, "U-sup")),
            "join_complaint assess_indicators assign add_action close list_reads ");
  EXPECT_EQ(names(Staff(Role::kEmbassy, "U-emb", "NPL")), "");
  EXPECT_EQ(names(Staff(Role::kInvestigator, "U-inv2")), "");
  EXPECT_EQ(
      CheckCaseStep(Staff(Role::kInvestigator, "U-inv"), CaseStep::kAssign, k, kKuwait).code(),
      Code::kPermissionDenied);
  ASSERT_TRUE(Close(k, Outcome::kWithdrawn, "she asked", "U-inv", now).ok());
  EXPECT_EQ(names(Staff(Role::kCaseSupervisor, "U-sup")), "list_reads ");
  EXPECT_EQ(CheckCaseStep(Staff(Role::kInvestigator, "U-inv"), CaseStep::kClose, k, kKuwait).code(),
            Code::kFailedPrecondition);
}

TEST(Cases, AWorkerSeesHerOwnComplaintsButNotTipsAboutHer) {
  Complaint c = SampleComplaint();
  const Actor sita = WorkerOf(WorkerId("W-1"));
  const Actor rita = WorkerOf(WorkerId("W-2"));
  EXPECT_TRUE(MayViewComplaint(sita, FactsOf(c, std::nullopt), kKuwait));
  EXPECT_FALSE(MayViewComplaint(rita, FactsOf(c, std::nullopt), kKuwait));
  EXPECT_TRUE(SpeaksAsWorker(sita, FactsOf(c, std::nullopt)));
  Complaint tip = c;
  tip.channel = Channel::kAnonymousTip;
  EXPECT_FALSE(MayViewComplaint(sita, FactsOf(tip, std::nullopt), kKuwait));
  // While received: the node's case supervisors and the embassy; the one who filed it on her
  // behalf (a hotline operator, an officer) does not keep seeing it.
  EXPECT_TRUE(
      MayViewComplaint(Staff(Role::kCaseSupervisor, "U-s"), FactsOf(c, std::nullopt), kKuwait));
  EXPECT_TRUE(
      MayViewComplaint(Staff(Role::kEmbassy, "U-e", "NPL"), FactsOf(c, std::nullopt), kKuwait));
  EXPECT_FALSE(
      MayViewComplaint(Staff(Role::kHotlineOperator, "U-h"), FactsOf(c, std::nullopt), kKuwait));
  EXPECT_FALSE(
      MayViewComplaint(Staff(Role::kDestinationOfficer, "U-d"), FactsOf(c, std::nullopt), kKuwait));
  EXPECT_FALSE(
      MayViewComplaint(Staff(Role::kInvestigator, "U-i"), FactsOf(c, std::nullopt), kKuwait));
  // In a case: whoever sees the case.
  CaseFacts in_case{CaseState::kInProgress, "U-i", "U-s", "NPL"};
  c.state = ComplaintState::kInCase;
  EXPECT_TRUE(MayViewComplaint(Staff(Role::kInvestigator, "U-i"), FactsOf(c, in_case), kKuwait));
  EXPECT_FALSE(
      MayViewComplaint(Staff(Role::kCaseSupervisor, "U-s2"), FactsOf(c, in_case), kKuwait));
  EXPECT_TRUE(MayViewComplaint(sita, FactsOf(c, in_case), kKuwait));
  EXPECT_EQ(AllowedComplaintActions(sita, FactsOf(c, in_case), kKuwait),
            std::vector<ComplaintStep>{ComplaintStep::kPostMessage});
  EXPECT_TRUE(AllowedComplaintActions(rita, FactsOf(c, in_case), kKuwait).empty());
}

TEST(Cases, WhoFilesThroughWhichChannel) {
  const Actor sita = WorkerOf(WorkerId("W-1"));
  EXPECT_TRUE(CheckMayFileComplaint(sita, Channel::kWorker, kKuwait).ok());
  EXPECT_FALSE(CheckMayFileComplaint(sita, Channel::kOnBehalf, kKuwait).ok());
  EXPECT_FALSE(CheckMayFileComplaint(sita, Channel::kAnonymousTip, kKuwait).ok());
  for (Role r : {Role::kOriginOfficer, Role::kDestinationOfficer, Role::kHotlineOperator}) {
    EXPECT_TRUE(CheckMayFileComplaint(Staff(r, "U"), Channel::kOnBehalf, kKuwait).ok());
    EXPECT_TRUE(CheckMayFileComplaint(Staff(r, "U"), Channel::kAnonymousTip, kKuwait).ok());
    EXPECT_FALSE(CheckMayFileComplaint(Staff(r, "U", "NPL"), Channel::kOnBehalf, kKuwait).ok());
    EXPECT_FALSE(CheckMayFileComplaint(Staff(r, "U"), Channel::kWorker, kKuwait).ok());
  }
  EXPECT_TRUE(
      CheckMayFileComplaint(Staff(Role::kEmbassy, "U", "NPL"), Channel::kOnBehalf, kKuwait).ok());
  for (Role r : {Role::kAdministrator, Role::kEmployer, Role::kAgency, Role::kBorderOfficer,
                 Role::kInvestigator, Role::kCaseworker, Role::kCaseSupervisor, Role::kAnalyst}) {
    EXPECT_EQ(CheckMayFileComplaint(Staff(r, "U"), Channel::kOnBehalf, kKuwait).code(),
              Code::kPermissionDenied)
        << ToString(r);
  }
}

TEST(Cases, ASignalIsLinkedOncePerSource) {
  const Timestamp now = T("2026-11-29T09:00:00.000Z");
  Case k =
      NewCase(CaseId("CS-1"), WorkerId("W-1"), "NPL", std::nullopt, {}, "system", now, Rules());
  ASSERT_TRUE(LinkSignal(k, SignalKind::kSubstitutionFlagged, "C-1", now).ok());
  EXPECT_EQ(LinkSignal(k, SignalKind::kSubstitutionFlagged, "C-1", now).code(),
            Code::kAlreadyExists);
  EXPECT_EQ(k.categories, std::vector<ComplaintCategory>{ComplaintCategory::kContractSubstitution});
  EXPECT_TRUE(IsProtectionEventName("case.opened"));
  EXPECT_TRUE(IsProtectionEventName("complaint.filed"));
  EXPECT_FALSE(IsProtectionEventName("contract.attested"));
}

}  // namespace
}  // namespace corridor::domain
