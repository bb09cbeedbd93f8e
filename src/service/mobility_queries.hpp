// Reads of permits, job changes (transfers) and exit notices, with need-to-know decided by the
// domain's rules, logged, and each record's allowed actions (domain/actions.hpp). See
// service/queries.hpp for the pattern.
//
// Thread-safety: shared by all threads; no state of its own.
#pragma once

#include <optional>
#include <vector>

#include "core/status.hpp"
#include "domain/access.hpp"
#include "domain/actions.hpp"
#include "domain/mobility.hpp"
#include "service/accounts.hpp"
#include "service/queries.hpp"
#include "store/store.hpp"

namespace corridor::service {

using PermitItem = Actionable<domain::Permit, domain::PermitStep>;
using TransferItem = Actionable<domain::Transfer, domain::TransferStep>;

class MobilityQueries {
 public:
  MobilityQueries(store::Store& store, AccessLog& access);

  // Permits: a worker sees their own (whatever `worker` asks); others one worker's (`worker`) or
  // all, each permit shown to whoever sees its contract, and to the border of the node's country.
  Result<Listing<PermitItem>> Permits(const domain::Actor& a, std::optional<WorkerId> worker,
                                      const store::Page& page);
  // One permit, for whoever may see it (domain::MayViewPermit); NotFound for anyone else.
  Result<PermitItem> Permit(const domain::Actor& a, const PermitId& id);
  // Job changes: the worker's own; each employer's, from or to it; the destination authority's.
  Result<Listing<TransferItem>> Transfers(const domain::Actor& a, const store::Page& page);
  // A worker's exit notices: for whoever may see the worker, and the border of the node's country.
  Result<std::vector<domain::ExitNotice>> ExitNotices(const domain::Actor& a, const WorkerId& id);

  // A permit or a job change a use case has just returned to `a`, with what `a` may do next.
  Result<PermitItem> WithActions(const domain::Actor& a, domain::Permit p);
  Result<TransferItem> WithActions(const domain::Actor& a, domain::Transfer t);

 private:
  domain::NodeContext node() const { return {store_.identity().country}; }
  store::Store& store_;
  AccessLog& access_;
};

}  // namespace corridor::service
