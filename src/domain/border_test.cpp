#include "domain/border.hpp"

#include <gtest/gtest.h>

#include <map>

#include "domain/testing.hpp"

namespace corridor::domain {
namespace {

using testing::D;

Actor As(Role role, std::string country = "KWT") {
  Actor a;
  a.account = "U-" + std::string(ToString(role));
  a.role = role;
  a.country = std::move(country);
  return a;
}

Crossing WorkersCrossing() {
  Crossing c;
  c.id = CrossingId("X-1");
  c.worker = WorkerId("W-1");
  c.document.issuing_state = "NPL";
  c.document.number = "PA1234567";
  return c;
}

// Every role against one crossing of a registered worker: only the node's border officers and
// the worker themself see it.
TEST(BorderAccessTest, CrossingsAreSeenByTheBorderAndTheirOwnWorker) {
  const NodeContext node{"KWT"};
  const Crossing c = WorkersCrossing();
  const std::map<Role, bool> want = {{Role::kAdministrator, false},
                                     {Role::kOriginOfficer, false},
                                     {Role::kDestinationOfficer, false},
                                     {Role::kEmbassy, false},
                                     {Role::kEmployer, false},
                                     {Role::kAgency, false},
                                     {Role::kWorker, false},
                                     {Role::kBorderOfficer, true},
                                     {Role::kInvestigator, false},
                                     {Role::kAnalyst, false},
                                     {Role::kSystem, true}};
  for (const auto& [role, allowed] : want) {
    EXPECT_EQ(MayViewCrossing(As(role), c, node), allowed) << ToString(role);
    EXPECT_EQ(CheckMayRecordCrossing(As(role), node).ok(), allowed) << ToString(role);
    EXPECT_EQ(CheckMayReviewHits(As(role), node).ok(), allowed) << ToString(role);
  }
  Actor own = As(Role::kWorker, "");
  own.worker = WorkerId("W-1");
  EXPECT_TRUE(MayViewCrossing(own, c, node));
  EXPECT_FALSE(CheckMayReviewHits(own, node).ok());
  Actor other = own;
  other.worker = WorkerId("W-2");
  EXPECT_FALSE(MayViewCrossing(other, c, node));
  // A traveller the registry does not know is nobody's own crossing.
  Crossing unknown = c;
  unknown.worker.reset();
  EXPECT_FALSE(MayViewCrossing(own, unknown, node));
  // Another country's border officer is not this node's.
  EXPECT_FALSE(MayViewCrossing(As(Role::kBorderOfficer, "NPL"), c, node));
  EXPECT_EQ(CheckMayRecordCrossing(As(Role::kBorderOfficer, "NPL"), node).code(),
            Code::kPermissionDenied);
}

TEST(BorderTest, PersonKeyPrefersTheRegistry) {
  Crossing c = WorkersCrossing();
  EXPECT_EQ(PersonKey(c), "worker:W-1");
  c.worker.reset();
  EXPECT_EQ(PersonKey(c), "document:NPL:PA1234567");
}

TEST(BorderTest, AHitIsDecidedOnceWithAReason) {
  ScreeningHit h;
  h.id = HitId("H-1");
  const Timestamp now = *Timestamp::Parse("2026-12-01T10:00:00Z");
  EXPECT_EQ(DecideHit(h, true, "", "U-1", now).field(), "reason");
  EXPECT_EQ(DecideHit(h, true, "   ", "U-1", now).field(), "reason");
  EXPECT_EQ(DecideHit(h, true, std::string(1001, 'x'), "U-1", now).field(), "reason");
  EXPECT_EQ(h.state, HitState::kPending);
  ASSERT_TRUE(DecideHit(h, false, " date of birth differs by 20 years ", "U-1", now).ok());
  EXPECT_EQ(h.state, HitState::kDismissed);
  EXPECT_EQ(h.decision_reason, "date of birth differs by 20 years");
  EXPECT_EQ(h.decided_by, "U-1");
  EXPECT_EQ(h.decided_at, now);
  const Status again = DecideHit(h, true, "second thoughts", "U-2", now);
  EXPECT_EQ(again.code(), Code::kFailedPrecondition);
  EXPECT_EQ(h.state, HitState::kDismissed);
  EXPECT_EQ(h.decided_by, "U-1");
}

TEST(BorderTest, OverstayCountsFromTheEndOfGrace) {
  EXPECT_EQ(OverstayDays(D("2027-01-31"), 10, D("2027-02-10")), std::nullopt);  // last day
  EXPECT_EQ(OverstayDays(D("2027-01-31"), 10, D("2027-02-11")), 1);
  EXPECT_EQ(OverstayDays(D("2027-01-31"), 0, D("2027-01-31")), std::nullopt);
  EXPECT_EQ(OverstayDays(D("2027-01-31"), 0, D("2027-02-01")), 1);
  EXPECT_EQ(OverstayDays(D("2027-01-31"), 30, D("2027-12-31")), 304);
}

TEST(BorderTest, APermitsStayRunsOnForTheCountrysGrace) {
  EXPECT_EQ(PermitStayUntil(D("2027-02-01"), 0), D("2027-02-01"));
  EXPECT_EQ(PermitStayUntil(D("2027-02-01"), 60), D("2027-04-02"));
  EXPECT_EQ(PermitStayUntil(D("2027-02-01"), -5), D("2027-02-01"));
  // With 60 days' grace and the border's tolerance of 10, the overstay starts on day 71.
  const Date until = PermitStayUntil(D("2027-02-01"), 60);
  EXPECT_EQ(OverstayDays(until, 10, D("2027-04-12")), std::nullopt);
  EXPECT_EQ(OverstayDays(until, 10, D("2027-04-13")), 1);
}

TEST(BorderTest, EnumsRoundTrip) {
  for (Direction d : {Direction::kEntry, Direction::kExit}) {
    EXPECT_EQ(*ParseDirection(ToString(d)), d);
  }
  EXPECT_FALSE(ParseDirection("transit").ok());
  for (HitState s : {HitState::kPending, HitState::kConfirmed, HitState::kDismissed}) {
    EXPECT_EQ(*ParseHitState(ToString(s)), s);
  }
  EXPECT_FALSE(ParseHitState("open").ok());
}

}  // namespace
}  // namespace corridor::domain
