// The demo corridor's protection work (docs/formats/cases.md): complaints and cases in each of
// their states on both nodes, so every protection role has work when it first logs in. Called by
// the demo's seeder (app/demo.cpp) once the nodes' accounts exist: cases are assigned to real
// accounts, and complaints are filed by them.
// Thread-safety: run from the seeding thread.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/node.hpp"  // and through it the service's vocabulary (domain::Actor)
#include "core/ids.hpp"
#include "core/status.hpp"

namespace corridor::app {

// What the demo's story gives protection to work on.
struct ProtectionScene {
  // Accounts by "<node>/<username>" (node "nepal" or "kuwait"), as actors.
  std::map<std::string, domain::Actor> staff;
  std::vector<WorkerId> workers;      // the demo's workers, in the seeder's order
  std::vector<EmployerId> employers;  // the demo's employers, in the seeder's order
};

// Kuwait: Sita's own complaint in the intake queue (with the case team's first answer), an
// anonymous tip, Ram's arrears case in progress with his complaint and an action for the
// caseworker, a flagged case of confinement for the investigator, the substituted contract's case
// in intake with its assessment missed, and the unlawful deduction's case closed with the fee
// repaid. Nepal: a recruitment-fee complaint recorded by its hotline.
Status SeedProtection(Node& nepal, Node& kuwait, const ProtectionScene& scene);

}  // namespace corridor::app
