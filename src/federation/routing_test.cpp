#include "federation/routing.hpp"

#include <gtest/gtest.h>

#include <set>

#include "federation/envelope.hpp"

namespace corridor::federation {
namespace {

using domain::EventType;
using K = Address::Kind;

RouteFacts Facts(const std::string& node) {
  RouteFacts f;
  f.node_country = node;
  f.origin_country = "NPL";
  f.destination_country = "KWT";
  f.worker_country = "NPL";
  return f;
}

Address Country(const std::string& c) { return {K::kCountry, c}; }

TEST(Routing, EveryRowIsAKnownMessageAndEachEventHasOneRow) {
  std::set<EventType> seen;
  for (const Route& r : RoutingTable()) {
    EXPECT_TRUE(IsMessageType(r.message)) << r.message;
    EXPECT_NE(r.message, kLedgerHead);
    EXPECT_TRUE(seen.insert(r.event).second) << domain::ToString(r.event);
    EXPECT_EQ(RouteOf(r.event)->message, r.message);
  }
}

TEST(Routing, WhatStaysOnItsNode) {
  for (EventType t :
       {EventType::kWorkerRegistered, EventType::kContractDrafted, EventType::kContractOffered,
        EventType::kContractAmendmentProposed, EventType::kPayrollFileSubmitted,
        EventType::kCrossingRecorded, EventType::kAccountCreated, EventType::kFederationQueued,
        EventType::kFederationReceived, EventType::kPermitExpiryNotified}) {
    EXPECT_FALSE(RouteOf(t)) << domain::ToString(t);
  }
  // Protection's events never cross: a referral is a message of its own, minimised.
  for (size_t i = 0; i < domain::kEventTypeCount; ++i) {
    const auto t = static_cast<EventType>(i);
    const std::string_view name = domain::ToString(t);
    if (name.rfind("case.", 0) == 0 || name.rfind("complaint.", 0) == 0) {
      EXPECT_FALSE(RouteOf(t)) << name;
    }
  }
}

TEST(Routing, ContractUpdatesGoFromTheSideThatActed) {
  const Route attested = *RouteOf(EventType::kContractAttested);
  EXPECT_EQ(attested.message, kContractUpdate);
  EXPECT_EQ(AddressOf(attested, Facts("NPL")), Country("KWT"));
  EXPECT_EQ(AddressOf(attested, Facts("KWT")), Address{});
  const Route authenticated = *RouteOf(EventType::kContractAuthenticated);
  EXPECT_EQ(AddressOf(authenticated, Facts("KWT")), Country("NPL"));
  EXPECT_EQ(AddressOf(authenticated, Facts("NPL")), Address{});
  const Route amended = *RouteOf(EventType::kContractAmendmentAccepted);
  EXPECT_EQ(AddressOf(amended, Facts("NPL")), Country("KWT"));
  EXPECT_EQ(AddressOf(amended, Facts("KWT")), Country("NPL"));
  // A third country's node holds no side of the contract.
  EXPECT_EQ(AddressOf(amended, Facts("PHL")), Address{});
}

TEST(Routing, TheDestinationTellsTheOriginOfPermitsFlagsAndWageAlerts) {
  for (EventType t : {EventType::kPermitIssued, EventType::kPermitCancelled,
                      EventType::kPermitAmended, EventType::kPermitRenewed,
                      EventType::kPermitExpired, EventType::kContractSubstitutionFlagged,
                      EventType::kWagesEscalationStep, EventType::kWagesTransferUnlocked}) {
    const Route r = *RouteOf(t);
    EXPECT_EQ(AddressOf(r, Facts("KWT")), Country("NPL")) << domain::ToString(t);
    EXPECT_EQ(AddressOf(r, Facts("NPL")), Address{}) << domain::ToString(t);
  }
}

TEST(Routing, TheOriginTellsTheDestinationOfItsClearances) {
  for (EventType t : {EventType::kClearanceIssued, EventType::kClearanceRevoked}) {
    const Route r = *RouteOf(t);
    EXPECT_EQ(r.message, kClearanceRecord);
    EXPECT_EQ(AddressOf(r, Facts("NPL")), Country("KWT")) << domain::ToString(t);
    EXPECT_EQ(AddressOf(r, Facts("KWT")), Address{}) << domain::ToString(t);
  }
  // The records behind a clearance stay at the origin.
  for (EventType t : {EventType::kOrientationRecorded, EventType::kInsuranceRecorded,
                      EventType::kMedicalRecorded}) {
    EXPECT_FALSE(RouteOf(t)) << domain::ToString(t);
  }
}

TEST(Routing, RecordsOfTheNodesOwnCountryGoToEveryPeer) {
  const Route r = *RouteOf(EventType::kEmployerRegistered);
  RouteFacts f = Facts("KWT");
  f.record_country = "KWT";
  EXPECT_EQ(AddressOf(r, f), (Address{K::kEveryPeer, ""}));
  f.record_country = "NPL";  // a copy of another country's employer is not sent on
  EXPECT_EQ(AddressOf(r, f), Address{});
}

TEST(Routing, AJobOrderGoesToItsAgencysCountry) {
  const Route r = *RouteOf(EventType::kJobOrderCreated);
  RouteFacts f = Facts("KWT");
  f.record_country = "KWT";
  f.agency_country = "NPL";
  EXPECT_EQ(AddressOf(r, f), Country("NPL"));
  f.agency_country = "";
  EXPECT_EQ(AddressOf(r, f), Address{});
  f.agency_country = "KWT";
  EXPECT_EQ(AddressOf(r, f), Address{});
}

TEST(Routing, JobChangesAndExitsGoToTheWorkersCountry) {
  const Route transfer = *RouteOf(EventType::kTransferFiled);
  EXPECT_EQ(AddressOf(transfer, Facts("KWT")), Country("NPL"));
  EXPECT_EQ(AddressOf(transfer, Facts("NPL")), Address{});
  const Route exit = *RouteOf(EventType::kExitNotified);
  EXPECT_EQ(AddressOf(exit, Facts("KWT")), Country("NPL"));
  // A national leaving from home: the country of the contract in force learns of it.
  EXPECT_EQ(AddressOf(exit, Facts("NPL")), Country("KWT"));
  RouteFacts none = Facts("NPL");
  none.destination_country = "";
  none.origin_country = "";
  EXPECT_EQ(AddressOf(exit, none), Address{});
}

TEST(Routing, TheWorkerCrossesWithoutAPhoneNumber) {
  domain::Worker w;
  w.id = WorkerId("W-1");
  w.phone = "+9771234567";
  const json::Value v = MinimisedWorker(w);
  const json::Value* phone = v.Get("phone");
  EXPECT_TRUE(phone == nullptr || phone->is_null() ||
              (phone->is_string() && phone->AsString().empty()));
}

}  // namespace
}  // namespace corridor::federation
