// A node with reference data and a cast for service tests: a Kuwaiti node (destination) or a
// Nepali one (origin), labour rules and wage floors, occupations, and actors for every role.
// Test-only.
#pragma once

#include "domain/testing.hpp"
#include "service/registry.hpp"
#include "store/testing.hpp"

namespace corridor::service::testing {

inline domain::Actor Officer(domain::Role role, std::string country, std::string account) {
  domain::Actor a;
  a.account = std::move(account);
  a.role = role;
  a.country = std::move(country);
  return a;
}

inline domain::Actor EmployerActor(const EmployerId& id) {
  domain::Actor a;
  a.account = "U-employer-" + id.value();
  a.role = domain::Role::kEmployer;
  a.employer = id;
  return a;
}

inline domain::Actor AgencyActor(const AgencyId& id) {
  domain::Actor a;
  a.account = "U-agency-" + id.value();
  a.role = domain::Role::kAgency;
  a.agency = id;
  return a;
}

inline domain::Actor WorkerActor(const WorkerId& id) {
  domain::Actor a;
  a.account = "U-worker-" + id.value();
  a.role = domain::Role::kWorker;
  a.worker = id;
  return a;
}

// Sets the reference data a corridor needs: ISCO codes used in tests, Kuwait's rules and floors.
inline Status SeedReferenceData(Registry& r) {
  const domain::Actor admin = Officer(domain::Role::kAdministrator, "", "U-admin");
  for (const auto& o :
       std::vector<domain::Occupation>{{"5322", "Home-based personal care workers"},
                                       {"9111", "Domestic cleaners and helpers"},
                                       {"9313", "Building construction labourers"}}) {
    RETURN_IF_ERROR(r.SetOccupation(admin, o));
  }
  RETURN_IF_ERROR(r.SetCountryRules(admin, domain::testing::KuwaitRules()));
  for (const auto& f : domain::testing::KuwaitFloors()) RETURN_IF_ERROR(r.SetWageFloor(admin, f));
  return Status::Ok();
}

}  // namespace corridor::service::testing
