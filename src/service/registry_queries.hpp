// Reads of the registry: workers (need-to-know through their contracts), employers, agencies,
// job orders and reference data. Each decides access with the domain's rule, logs a decision on
// a person's record, and returns the records; a record the caller may not see is NotFound, like a
// missing one. See service/queries.hpp for the pattern.
//
// Thread-safety: shared by all threads; no state of its own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "domain/access.hpp"
#include "domain/registry.hpp"
#include "service/accounts.hpp"
#include "service/queries.hpp"
#include "store/store.hpp"

namespace corridor::service {

class RegistryQueries {
 public:
  RegistryQueries(store::Store& store, AccessLog& access);

  Result<domain::Worker> Worker(const domain::Actor& a, const WorkerId& id);
  // The workers the caller may see: a worker themself; the origin's officers their nationals;
  // the border by passport number only; the others through the contracts they may see.
  Result<Listing<domain::Worker>> Workers(const domain::Actor& a, const std::string& passport,
                                          const store::Page& page);
  Result<Listing<domain::Employer>> Employers(const domain::Actor& a, const std::string& country,
                                              const store::Page& page);
  Result<domain::Employer> Employer(const domain::Actor& a, const EmployerId& id);
  Result<Listing<domain::Agency>> Agencies(const domain::Actor& a, const std::string& country,
                                           const store::Page& page);
  Result<domain::Agency> Agency(const domain::Actor& a, const AgencyId& id);
  Result<Listing<domain::JobOrder>> JobOrders(const domain::Actor& a, const store::Page& page);

  // OK when the store answers (the readiness probe).
  Status Ready();

  // Reference data: open to every signed-in caller.
  Result<std::vector<domain::Occupation>> Occupations();
  Result<std::vector<domain::WageFloor>> WageFloors(const std::string& country);
  Result<domain::CountryRules> CountryRules(const std::string& country);

 private:
  domain::NodeContext node() const { return {store_.identity().country}; }
  store::Store& store_;
  AccessLog& access_;
};

}  // namespace corridor::service
