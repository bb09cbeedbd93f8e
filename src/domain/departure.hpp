// Departure clearance at the origin's border (docs/border.md, "Departure clearance"): when a
// worker bound for work leaves her country, the border officer is shown whether she holds a valid
// departure clearance, found by the passport read from the zone.
//
// - Only departures (exits) are checked, and only at the origin's node: the worker has a contract
//   whose origin is the node's country, attested or authenticated and not yet started (the
//   contracts a clearance clears, docs/formats/clearance.md §2). A worker with no such contract
//   (a visitor, a worker going back to a contract already active) is not bound for work here and
//   gets no clearance finding.
// - The clearance is the one last issued for the passport's issuing state and number. It answers
//   for the departure when it clears one of those contracts: valid, expired or revoked on the day
//   of the crossing. A clearance for another contract, or none, is a missing clearance.
//
// Pure values and functions; thread-safe. Today's date is a parameter.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "domain/border.hpp"
#include "domain/clearance.hpp"
#include "domain/contract.hpp"

namespace corridor::domain {

// Finding codes (domain/border.hpp, Finding).
inline constexpr std::string_view kDepartureClearanceValid = "departure_clearance_valid";
inline constexpr std::string_view kDepartureClearanceMissing = "departure_clearance_missing";
inline constexpr std::string_view kDepartureClearanceExpired = "departure_clearance_expired";
inline constexpr std::string_view kDepartureClearanceRevoked = "departure_clearance_revoked";

struct DepartureFacts {
  std::string node_country;  // alpha-3, the node's
  Direction direction = Direction::kEntry;
  std::string passport;  // "ISSUING_STATE:NUMBER" as read, for the officer's sentence
  // The registered worker's contracts (any state, any country); empty for a traveller the
  // registry does not know.
  std::vector<Contract> contracts;
  // The clearance last issued for the passport read, if any.
  std::optional<Clearance> clearance;
  Date today;
};

// The contracts that make the traveller a worker bound for work from `node_country`: origin
// `node_country`, state attested or authenticated. In the order given.
std::vector<const Contract*> BoundForWork(const std::vector<Contract>& contracts,
                                          std::string_view node_country);

// The clearance finding for the officer, or nullopt when the crossing is not a departure of a
// worker bound for work from this node's country. The finding's subject is the clearance's id
// (valid, expired, revoked) or the contract's (missing).
std::optional<Finding> DepartureClearanceFinding(const DepartureFacts& f);

}  // namespace corridor::domain
