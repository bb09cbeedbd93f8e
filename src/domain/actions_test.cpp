#include "domain/actions.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "domain/testing.hpp"

namespace corridor::domain {
namespace {

using testing::D;

const Timestamp kNow = *Timestamp::Parse("2026-11-29T10:00:00Z");
const NodeContext kKuwait{"KWT"};

Actor Of(Role r) {
  Actor a;
  a.account = "U-1";
  a.role = r;
  return a;
}

class AllowedActionsTest : public ::testing::Test {
 protected:
  ContractTerms terms = testing::SampleTerms();
  ContractFacts Facts(ContractState s, bool pending = false) {
    return {PartiesOf(terms), s, pending};
  }
  Actor WorkerActor() {
    Actor a = Of(Role::kWorker);
    a.worker = terms.worker;
    return a;
  }
  Actor EmployerActor() {
    Actor a = Of(Role::kEmployer);
    a.employer = terms.employer;
    return a;
  }
  Actor OtherEmployerActor() {
    Actor a = Of(Role::kEmployer);
    a.employer = EmployerId("E-other");
    return a;
  }
  Actor Destination(const std::string& country) {
    Actor a = Of(Role::kDestinationOfficer);
    a.country = country;
    return a;
  }
  Actor Origin() {
    Actor a = Of(Role::kOriginOfficer);
    a.country = terms.origin_country;
    return a;
  }
  static std::vector<std::string_view> Names(const std::vector<ContractStep>& steps) {
    std::vector<std::string_view> out;
    for (auto s : steps) out.push_back(ToString(s));
    return out;
  }
};

using V = std::vector<std::string_view>;

TEST_F(AllowedActionsTest, EachPartySeesItsOwnStepsOfTheLifecycle) {
  EXPECT_EQ(Names(AllowedContractActions(EmployerActor(), Facts(ContractState::kDraft), kKuwait)),
            (V{"offer", "withdraw"}));
  EXPECT_EQ(Names(AllowedContractActions(EmployerActor(), Facts(ContractState::kOffered), kKuwait)),
            (V{"withdraw"}));
  EXPECT_EQ(Names(AllowedContractActions(WorkerActor(), Facts(ContractState::kDraft), kKuwait)),
            V{});
  EXPECT_EQ(Names(AllowedContractActions(WorkerActor(), Facts(ContractState::kOffered), kKuwait)),
            (V{"accept", "reject"}));
  const NodeContext nepal{terms.origin_country};
  EXPECT_EQ(Names(AllowedContractActions(Origin(), Facts(ContractState::kAccepted), nepal)),
            (V{"attest"}));
  // The origin's officer attests only on the origin's node.
  EXPECT_EQ(Names(AllowedContractActions(Origin(), Facts(ContractState::kAccepted), kKuwait)), V{});
  const Actor kwt = Destination(terms.destination_country);
  EXPECT_EQ(Names(AllowedContractActions(kwt, Facts(ContractState::kAttested), kKuwait)),
            (V{"authenticate"}));
  EXPECT_EQ(Names(AllowedContractActions(kwt, Facts(ContractState::kAuthenticated), kKuwait)),
            (V{"issue_permit"}));
  EXPECT_EQ(Names(AllowedContractActions(kwt, Facts(ContractState::kActive), kKuwait)), (V{"end"}));
  EXPECT_EQ(Names(AllowedContractActions(EmployerActor(), Facts(ContractState::kActive), kKuwait)),
            (V{"propose_amendment", "report_absence"}));
  EXPECT_EQ(Names(AllowedContractActions(WorkerActor(), Facts(ContractState::kActive), kKuwait)),
            (V{"file_transfer"}));
  EXPECT_EQ(
      Names(AllowedContractActions(WorkerActor(), Facts(ContractState::kActive, true), kKuwait)),
      (V{"accept_amendment", "reject_amendment", "file_transfer"}));
  EXPECT_EQ(
      Names(AllowedContractActions(EmployerActor(), Facts(ContractState::kActive, true), kKuwait)),
      (V{"report_absence"}));
}

TEST_F(AllowedActionsTest, NoOneElseSeesAStep) {
  for (int s = 0; s <= static_cast<int>(ContractState::kEnded); ++s) {
    for (bool pending : {false, true}) {
      const auto f = Facts(static_cast<ContractState>(s), pending);
      EXPECT_TRUE(AllowedContractActions(OtherEmployerActor(), f, kKuwait).empty());
      EXPECT_TRUE(AllowedContractActions(Destination("ARE"), f, kKuwait).empty());
      for (Role r : {Role::kEmbassy, Role::kBorderOfficer, Role::kAdministrator,
                     Role::kInvestigator, Role::kAnalyst}) {
        Actor a = Of(r);
        a.country = terms.destination_country;
        EXPECT_TRUE(AllowedContractActions(a, f, kKuwait).empty()) << ToString(r);
      }
    }
  }
  for (ContractState s :
       {ContractState::kRejected, ContractState::kWithdrawn, ContractState::kEnded}) {
    EXPECT_TRUE(AllowedContractActions(EmployerActor(), Facts(s), kKuwait).empty());
    EXPECT_TRUE(AllowedContractActions(WorkerActor(), Facts(s), kKuwait).empty());
  }
}

// The state rule the API announces is the one the lifecycle applies: from every state, a step is
// announced exactly when its transition succeeds.
TEST_F(AllowedActionsTest, TheAnnouncedStateRuleIsTheLifecycles) {
  Worker worker = testing::SampleWorker();
  Agency agency = testing::SampleAgency();
  CountryRules rules = testing::KuwaitRules();
  std::vector<WageFloor> floors = testing::KuwaitFloors();
  const AttestationContext ctx{&worker, &agency, &floors, &rules, D("2026-11-29")};
  auto in = [&](ContractState target) {
    Contract c;
    c.id = ContractId("C-1");
    c.terms = terms;
    c.digest = "d1";
    if (target == ContractState::kDraft) return c;
    if (target == ContractState::kWithdrawn) {
      EXPECT_TRUE(Withdraw(c).ok());
      return c;
    }
    EXPECT_TRUE(Offer(c, kNow).ok());
    if (target == ContractState::kOffered) return c;
    if (target == ContractState::kRejected) {
      EXPECT_TRUE(Reject(c, "no", kNow).ok());
      return c;
    }
    EXPECT_TRUE(Accept(c, kNow).ok());
    if (target == ContractState::kAccepted) return c;
    EXPECT_TRUE(Attest(c, ctx, "U-o", kNow).ok());
    c.attested_digest = c.digest;
    if (target == ContractState::kAttested) return c;
    EXPECT_TRUE(Authenticate(c, c.terms, c.digest, "U-d", kNow, nullptr).ok());
    if (target == ContractState::kAuthenticated) return c;
    EXPECT_TRUE(Activate(c, c.terms.start_date).ok());
    if (target == ContractState::kActive) return c;
    EXPECT_TRUE(End(c, EndReason::kExpiry, c.terms.start_date.AddDays(10)).ok());
    return c;
  };
  struct Step {
    ContractStep step;
    Status (*apply)(Contract&, const AttestationContext&);
  };
  const Step steps[] = {
      {ContractStep::kOffer, [](Contract& c, const AttestationContext&) { return Offer(c, kNow); }},
      {ContractStep::kWithdraw, [](Contract& c, const AttestationContext&) { return Withdraw(c); }},
      {ContractStep::kAccept,
       [](Contract& c, const AttestationContext&) { return Accept(c, kNow); }},
      {ContractStep::kReject,
       [](Contract& c, const AttestationContext&) { return Reject(c, "no", kNow); }},
      {ContractStep::kAttest,
       [](Contract& c, const AttestationContext& x) { return Attest(c, x, "U-o", kNow); }},
      {ContractStep::kAuthenticate,
       [](Contract& c, const AttestationContext&) {
         return Authenticate(c, c.terms, c.attested_digest, "U-d", kNow, nullptr);
       }},
      {ContractStep::kIssuePermit,
       [](Contract& c, const AttestationContext&) { return Activate(c, c.terms.start_date); }},
      {ContractStep::kEnd,
       [](Contract& c, const AttestationContext&) {
         return End(c, EndReason::kExpiry, c.terms.start_date.AddDays(20));
       }},
      {ContractStep::kProposeAmendment,
       [](Contract& c, const AttestationContext& x) {
         ContractTerms t = c.terms;
         t.annual_leave_days += 1;
         return ProposeAmendment(c, t, "more leave", x, kNow);
       }},
  };
  for (int s = 0; s <= static_cast<int>(ContractState::kEnded); ++s) {
    const auto state = static_cast<ContractState>(s);
    for (const Step& st : steps) {
      Contract c = in(state);
      ASSERT_EQ(c.state, state);
      const bool announced = StateAllows(st.step, FactsOf(c));
      const Status applied = st.apply(c, ctx);
      const bool refused_for_state = !applied.ok() && applied.field() == "state";
      EXPECT_EQ(announced, !refused_for_state)
          << ToString(st.step) << " from " << ToString(state) << ": " << applied.ToString();
    }
  }
}

TEST_F(AllowedActionsTest, AnActivePermitLetsItsWorkerChangeJobsAndItsEmployerReportAbsence) {
  Permit p;
  p.id = PermitId("P-1");
  p.worker = terms.worker;
  p.contract = ContractId("C-1");
  p.employer = terms.employer;
  p.valid_until = terms.end_date();  // the contract's whole term: nothing left to renew
  Contract c;
  c.id = p.contract;
  c.terms = terms;
  c.state = ContractState::kActive;
  auto names = [](const std::vector<PermitStep>& steps) {
    V out;
    for (auto s : steps) out.push_back(ToString(s));
    return out;
  };
  EXPECT_EQ(names(AllowedPermitActions(WorkerActor(), p, c, kKuwait)), V{"file_transfer"});
  EXPECT_EQ(names(AllowedPermitActions(EmployerActor(), p, c, kKuwait)), V{"report_absence"});
  EXPECT_EQ(names(AllowedPermitActions(OtherEmployerActor(), p, c, kKuwait)), V{});
  EXPECT_EQ(names(AllowedPermitActions(Destination("KWT"), p, c, kKuwait)), V{});
  p.status = PermitStatus::kCancelled;
  EXPECT_EQ(names(AllowedPermitActions(WorkerActor(), p, c, kKuwait)), V{});
}

// Renewal is the destination authority's, at the destination's node, for an active permit that
// ends before its active contract does; every other role, and every other state, sees no `renew`.
TEST_F(AllowedActionsTest, APermitIsRenewedByTheDestinationWithinItsContractsTerm) {
  Permit p;
  p.id = PermitId("P-1");
  p.worker = terms.worker;
  p.contract = ContractId("C-1");
  p.employer = terms.employer;
  p.valid_from = terms.start_date;
  p.valid_until = terms.start_date.AddMonths(12);
  Contract c;
  c.id = p.contract;
  c.terms = terms;
  c.state = ContractState::kActive;
  auto renews = [&](const Actor& a, const NodeContext& node = kKuwait) {
    const auto steps = AllowedPermitActions(a, p, c, node);
    return std::find(steps.begin(), steps.end(), PermitStep::kRenew) != steps.end();
  };
  EXPECT_TRUE(renews(Destination("KWT")));
  EXPECT_EQ(ToString(AllowedPermitActions(Destination("KWT"), p, c, kKuwait).front()), "renew");
  EXPECT_TRUE(renews(SystemActor()));
  EXPECT_FALSE(renews(Destination("SAU"))) << "another destination's officer";
  EXPECT_FALSE(renews(Destination("KWT"), NodeContext{"NPL"})) << "a copy at the origin";
  EXPECT_FALSE(renews(WorkerActor()));
  EXPECT_FALSE(renews(EmployerActor()));
  EXPECT_FALSE(renews(OtherEmployerActor()));
  EXPECT_FALSE(renews(Origin()));
  for (Role r : {Role::kAdministrator, Role::kEmbassy, Role::kAgency, Role::kBorderOfficer,
                 Role::kInvestigator, Role::kAnalyst, Role::kCaseworker, Role::kCaseSupervisor,
                 Role::kHotlineOperator, Role::kOrientationCentre}) {
    Actor a = Of(r);
    a.country = "KWT";
    EXPECT_FALSE(renews(a)) << ToString(r);
  }
  // The state rule: an active permit of an active contract whose term runs past the permit.
  for (PermitStatus s :
       {PermitStatus::kSuspended, PermitStatus::kCancelled, PermitStatus::kExpired}) {
    p.status = s;
    EXPECT_FALSE(renews(Destination("KWT"))) << ToString(s);
  }
  p.status = PermitStatus::kActive;
  c.state = ContractState::kEnded;
  EXPECT_FALSE(renews(Destination("KWT")));
  c.state = ContractState::kActive;
  p.valid_until = terms.end_date();
  EXPECT_FALSE(renews(Destination("KWT")));
}

TEST_F(AllowedActionsTest, AJobChangeIsCompletedByTheDestinationOnceNoticeHasRun) {
  Transfer t;
  t.id = TransferId("T-1");
  t.worker = terms.worker;
  t.effective_on = D("2026-12-10");
  const ContractFacts offer = Facts(ContractState::kAuthenticated);
  auto names = [](const std::vector<TransferStep>& steps) {
    V out;
    for (auto s : steps) out.push_back(ToString(s));
    return out;
  };
  const Actor kwt = Destination(terms.destination_country);
  EXPECT_EQ(names(AllowedTransferActions(kwt, t, offer, kKuwait, D("2026-12-09"))), V{});
  EXPECT_EQ(names(AllowedTransferActions(kwt, t, offer, kKuwait, D("2026-12-10"))), V{"complete"});
  EXPECT_EQ(names(AllowedTransferActions(kwt, t, offer, NodeContext{"NPL"}, D("2026-12-10"))), V{});
  EXPECT_EQ(names(AllowedTransferActions(WorkerActor(), t, offer, kKuwait, D("2026-12-10"))),
            V{"cancel"});
  // Neither employer can start, stop or finish it.
  EXPECT_EQ(names(AllowedTransferActions(EmployerActor(), t, offer, kKuwait, D("2026-12-10"))),
            V{});
  t.state = TransferState::kCompleted;
  EXPECT_EQ(names(AllowedTransferActions(WorkerActor(), t, offer, kKuwait, D("2026-12-10"))), V{});
  EXPECT_EQ(names(AllowedTransferActions(kwt, t, offer, kKuwait, D("2026-12-10"))), V{});
}

}  // namespace
}  // namespace corridor::domain
