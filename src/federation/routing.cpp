#include "federation/routing.hpp"

#include <array>

#include "codec/codec.hpp"
#include "federation/envelope.hpp"

namespace corridor::federation {
namespace {

using domain::EventType;

constexpr Route kTable[] = {
    {EventType::kEmployerRegistered, kEmployerRecord, Audience::kEveryPeer},
    {EventType::kAgencyRegistered, kAgencyRecord, Audience::kEveryPeer},
    {EventType::kAgencyLicenceChanged, kAgencyRecord, Audience::kEveryPeer},
    {EventType::kJobOrderCreated, kJobOrderRecord, Audience::kAgencyCountry},
    {EventType::kContractAccepted, kContractUpdate, Audience::kOtherSide, false, true},
    {EventType::kContractAttested, kContractUpdate, Audience::kOtherSide, true, false},
    {EventType::kContractAuthenticated, kContractUpdate, Audience::kOtherSide, false, true},
    {EventType::kContractSubstitutionFlagged, kContractSubstitution, Audience::kContractOrigin},
    {EventType::kContractActivated, kContractUpdate, Audience::kOtherSide, false, true},
    {EventType::kContractEnded, kContractUpdate, Audience::kOtherSide, false, true},
    {EventType::kContractAmendmentAccepted, kContractUpdate, Audience::kOtherSide, true, true},
    {EventType::kPermitIssued, kPermitRecord, Audience::kContractOrigin},
    {EventType::kPermitCancelled, kPermitRecord, Audience::kContractOrigin},
    {EventType::kPermitAmended, kPermitRecord, Audience::kContractOrigin},
    {EventType::kPermitRenewed, kPermitRecord, Audience::kContractOrigin},
    {EventType::kPermitExpired, kPermitRecord, Audience::kContractOrigin},
    {EventType::kTransferFiled, kTransferRecord, Audience::kWorkerCountry},
    {EventType::kTransferCompleted, kTransferRecord, Audience::kWorkerCountry},
    {EventType::kTransferCancelled, kTransferRecord, Audience::kWorkerCountry},
    {EventType::kExitNotified, kExitRecord, Audience::kExitCountry},
    {EventType::kWagesEscalationStep, kWageAlert, Audience::kContractOrigin},
    {EventType::kWagesPermitsSuspensionLifted, kWageAlert, Audience::kContractOrigin},
    {EventType::kWagesTransferUnlocked, kWageAlert, Audience::kContractOrigin},
    {EventType::kWagesTransferUnlockEnded, kWageAlert, Audience::kContractOrigin},
    {EventType::kClearanceIssued, kClearanceRecord, Audience::kOtherSide, true, false},
    {EventType::kClearanceRevoked, kClearanceRecord, Audience::kOtherSide, true, false},
};

Address To(const std::string& country, const std::string& node_country) {
  if (country.empty() || country == node_country) return {};
  return {Address::Kind::kCountry, country};
}

}  // namespace

std::span<const Route> RoutingTable() { return kTable; }

std::optional<Route> RouteOf(domain::EventType type) {
  for (const Route& r : kTable) {
    if (r.event == type) return r;
  }
  return std::nullopt;
}

Address AddressOf(const Route& route, const RouteFacts& f) {
  const bool at_origin = f.origin_country == f.node_country;
  const bool at_destination = f.destination_country == f.node_country;
  switch (route.audience) {
    case Audience::kEveryPeer:
      if (f.record_country != f.node_country) return {};
      return {Address::Kind::kEveryPeer, ""};
    case Audience::kAgencyCountry:
      if (f.record_country != f.node_country) return {};
      return To(f.agency_country, f.node_country);
    case Audience::kOtherSide:
      if (at_origin && route.from_origin) return To(f.destination_country, f.node_country);
      if (at_destination && route.from_destination) return To(f.origin_country, f.node_country);
      return {};
    case Audience::kContractOrigin:
      if (!at_destination) return {};
      return To(f.origin_country, f.node_country);
    case Audience::kWorkerCountry:
      return To(f.worker_country, f.node_country);
    case Audience::kExitCountry:
      if (f.worker_country == f.node_country) return To(f.destination_country, f.node_country);
      return To(f.worker_country, f.node_country);
  }
  return {};
}

json::Value MinimisedWorker(domain::Worker w) {
  w.phone.clear();
  return codec::ToJson(w);
}

}  // namespace corridor::federation
