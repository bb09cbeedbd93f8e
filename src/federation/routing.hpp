// Federation's outbound routing (docs/formats/federation.md §6): which ledger events another
// country must learn of, as which message, and to which country. A pure table and a pure rule:
// the store consults them inside the write that records the event (store/outbound.hpp), so the
// message is queued in the same transaction as the change, and nothing here reads a record.
//
//   event type  --RouteOf-->  Route{message type, audience}
//   Route + the facts of the record  --Address-->  nobody | every peer | one country
//
// A new capability whose events cross adds rows to the table (routing.cpp) and, if none of the
// audiences fits, an audience here; the table's test names every row.
//
// Pure values and functions; thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "domain/events.hpp"
#include "domain/registry.hpp"
#include "json/json.hpp"

namespace corridor::federation {

// Whose facts decide the receiver.
enum class Audience {
  kEveryPeer,       // a record of this node's own country (an employer, an agency)
  kAgencyCountry,   // a job order of this node's country, to the country of the agency it names
  kOtherSide,       // a contract, to its other country, sent by the side the route names
  kContractOrigin,  // to the contract's origin, sent by its destination
  kWorkerCountry,   // to the worker's country
  kExitCountry,     // the worker's country; for this node's own nationals, the contract's
                    // destination
};

struct Route {
  domain::EventType event;
  std::string_view message;  // the message type (envelope.hpp)
  Audience audience;
  // kOtherSide: whether the origin's node and the destination's node each send this event.
  bool from_origin = false;
  bool from_destination = false;
};

// The whole table, in the order of the catalog.
std::span<const Route> RoutingTable();
// The route of an event type, or nullopt for an event that stays on its node.
std::optional<Route> RouteOf(domain::EventType type);

// What the audience rule needs to know of the record (the caller fills what its route names).
struct RouteFacts {
  std::string node_country;
  std::string record_country;  // kEveryPeer, kAgencyCountry: the record's own country
  std::string agency_country;  // kAgencyCountry: "" when the job order names no agency
  std::string origin_country;  // the contract's, for the contract audiences and kExitCountry
  std::string destination_country;
  std::string worker_country;  // kWorkerCountry, kExitCountry
};

struct Address {
  enum class Kind { kNobody, kEveryPeer, kCountry };
  Kind kind = Kind::kNobody;
  std::string country;  // kCountry
  bool operator==(const Address&) const = default;
};

// Where the message of `route` goes, given the record's facts. Never this node's own country.
Address AddressOf(const Route& route, const RouteFacts& facts);

// The worker record as it crosses: without the phone number (§6).
json::Value MinimisedWorker(domain::Worker w);

}  // namespace corridor::federation
