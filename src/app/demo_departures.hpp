// The demo corridor's departures from Nepal (docs/border.md, "Departure clearance"): the origin's
// officer clears workers for departure, and Nepal's border officer records them leaving through
// Tribhuvan International Airport (KTM), some with a valid clearance, one without, one with a
// revoked and one with an expired clearance, so the officer has findings to work on. Called by the
// demo's seeder (app/demo.cpp) on the corridor's days.
// Thread-safety: run from the seeding thread.
#pragma once

#include <string>
#include <vector>

#include "app/node.hpp"  // and through it the service's vocabulary
#include "core/status.hpp"

namespace corridor::app {

// The demo's people and contracts, in the seeder's order.
struct DepartureScene {
  std::vector<domain::Worker> workers;
  std::vector<domain::Contract> contracts;
};

// A passport's machine-readable zone (ICAO 9303 TD3) for a demo worker.
std::string DemoPassportZone(const domain::Worker& w);

// July 10: Nepal's border loads its list of lost and stolen passports; the officer licenses the
// Kathmandu orientation centre, whose session two days before oriented Sita, Ram, Prakash, Maya
// and Hari (their completions come from its certificates); medical fitness and insurance are
// recorded and clearances issued for their contracts (0, 1, 10, 2, 3).
Status PrepareDepartures(Node& nepal, const DepartureScene& s);
// The Kathmandu orientation centre PrepareDepartures licensed, for its staff's demo account.
Result<CentreId> DemoOrientationCentre(Node& nepal);
// July 20: Maya's clearance is revoked (her insurance policy was cancelled).
Status RevokeLapsedClearance(Node& nepal, const DepartureScene& s);
// July 24, the day before the arrivals in Kuwait: Sita, Ram and Prakash leave with valid
// clearances, Maya with her revoked one, Sarita (contract 9) with none.
Status DepartInJuly(Node& nepal, const DepartureScene& s);
// Today: Hari leaves on a clearance that expired in October.
Status DepartToday(Node& nepal, const DepartureScene& s);

}  // namespace corridor::app
