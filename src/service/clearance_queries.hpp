// Reads of departure clearance (docs/formats/clearance.md §5): a worker's orientation completions
// and medical fitness records, a contract's insurance policies and its requirement check, and
// clearances, each cut to what the reader may see. Each read decides access with the domain's
// rule (domain/clearance.hpp), logs the decision (service::AccessLog), and returns view-ready
// values with the reader's allowed actions. A record the caller may not see answers NotFound,
// like a missing one.
//
// Thread-safety: shared by all threads; no state of its own.
#pragma once

#include <optional>
#include <vector>

#include "core/status.hpp"
#include "domain/access.hpp"
#include "domain/clearance.hpp"
#include "service/accounts.hpp"
#include "service/clearance.hpp"
#include "service/queries.hpp"
#include "store/store.hpp"

namespace corridor::service {

// A clearance as the reader may see it (the crossing form for the destination), with where it
// stands today on this node.
struct ClearanceView {
  domain::Clearance clearance;
  domain::ClearanceStanding standing = domain::ClearanceStanding::kValid;
};
using ClearanceItem = Actionable<ClearanceView, domain::ClearanceStep>;

// A contract's requirement check, with issue_clearance when the reader may issue now.
struct ClearanceCheckView {
  ContractId contract;
  domain::ClearanceCheck check;
  std::vector<domain::ClearanceCheckStep> allowed_actions;
};

struct ClearanceListQuery {
  store::Page page;
  std::optional<ContractId> contract;
  std::optional<WorkerId> worker;
};

// The clearance `a` may see of `c` (the crossing form or all of it), or nullopt.
std::optional<ClearanceItem> ClearanceFor(const domain::Actor& a, domain::Clearance c,
                                          const domain::NodeContext& node, Date today);

class ClearanceQueries {
 public:
  ClearanceQueries(store::Store& store, AccessLog& access, const Clearances& clearances);

  Result<std::vector<domain::OrientationCompletion>> Orientations(const domain::Actor& a,
                                                                  const WorkerId& worker);
  Result<std::vector<domain::MedicalFitness>> Medical(const domain::Actor& a,
                                                      const WorkerId& worker);
  Result<std::vector<domain::InsurancePolicy>> Insurance(const domain::Actor& a,
                                                         const ContractId& contract);
  // FailedPrecondition when no requirements are configured for the contract's origin, or the
  // contract's records are not kept on this node (it is not the origin's).
  Result<ClearanceCheckView> Check(const domain::Actor& a, const ContractId& contract);
  Result<ClearanceItem> Get(const domain::Actor& a, const domain::ClearanceId& id);
  // PermissionDenied for a role that sees no clearances.
  Result<Listing<ClearanceItem>> List(const domain::Actor& a, const ClearanceListQuery& q);
  // What `a` may see of a clearance a use case has just returned to it.
  ClearanceItem WithActions(const domain::Actor& a, domain::Clearance c) const;

 private:
  domain::NodeContext node() const { return {store_.identity().country}; }
  store::Store& store_;
  AccessLog& access_;
  const Clearances& clearances_;
};

}  // namespace corridor::service
