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
#include "service/integrity.hpp"
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

// The clearance document (docs/formats/clearance.md §6): the whole clearance, where it stands
// today, and what the page shows of the contract.
struct PrintableClearance {
  domain::Clearance clearance;
  domain::ClearanceStanding standing = domain::ClearanceStanding::kValid;
  domain::Worker worker;
  std::string position;  // the contract's
  std::string employer;  // the employer's name, "" when this node does not hold the employer
};

// What the public check of a clearance id (no login) may show: whether this node holds it, and
// then where it stands (the page shows its dates, contract and countries, nothing personal). A
// clearance whose stored record disagrees with the ledger is registered but not presented.
struct PublicClearanceCheck {
  bool registered = false;
  bool integrity_ok = true;
  std::optional<domain::Clearance> clearance;  // registered and whole
  domain::ClearanceStanding standing = domain::ClearanceStanding::kValid;
};

// A contract in the origin officer's clearance queue (docs/formats/clearance.md §5): attested
// (or authenticated) at this node's country, with no valid clearance; its requirement check
// (whose missing requirements the queue shows), the clearance it last held (revoked or expired)
// if any, and issue_clearance when every requirement holds.
struct ClearanceQueueItem {
  domain::Contract contract;
  domain::ClearanceCheck check;
  std::optional<ClearanceView> last;
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
  // `alarms`, when given, is told of a clearance that disagrees with the ledger where it is
  // printed or publicly checked (service/integrity.hpp).
  ClearanceQueries(store::Store& store, AccessLog& access, const Clearances& clearances,
                   IntegrityAlarms* alarms = nullptr);

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
  // The contracts awaiting clearance, by contract id, keyset-paged: the origin officer of the
  // node's country only (PermissionDenied for everyone else); FailedPrecondition when the
  // node's country has no requirements. A page may hold fewer than `limit` contracts with a
  // `next` when many in a row are cleared already (a page's scan is bounded).
  Result<Listing<ClearanceQueueItem>> Queue(const domain::Actor& a, const store::Page& page);
  // The document the worker holds: the worker herself and the origin's officer (who see all of
  // it); NotFound for everyone else; DataLoss when the stored record disagrees with the ledger.
  Result<PrintableClearance> Printable(const domain::Actor& a, const domain::ClearanceId& id);
  // For anyone: an id that is not an id is no clearance. `request_id` names the request in the
  // log should the clearance raise the integrity alarm.
  Result<PublicClearanceCheck> PublicCheck(const std::string& id, std::string_view request_id);
  // What `a` may see of a clearance a use case has just returned to it.
  ClearanceItem WithActions(const domain::Actor& a, domain::Clearance c) const;

 private:
  domain::NodeContext node() const { return {store_.identity().country}; }
  store::Store& store_;
  AccessLog& access_;
  const Clearances& clearances_;
  IntegrityAlarms* alarms_;
};

}  // namespace corridor::service
