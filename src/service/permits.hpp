// The permit's life after its issue (docs/permits.md): a renewed contract renews its permit, a
// permit whose end has come expires, the worker and the employer are told ahead of time that it
// ends, and a final exit ends the contract and cancels the permit.
//
// - Renew(a, id, end): the destination authority moves an active permit's end within its active
//   contract's term (domain::RenewPermit); `permit.renewed`, sent to the origin; the worker and
//   the employer are told. The permit keeps its id and the worker's person number.
// - RunDailyJobs(now) looks at every active or suspended permit this node issued (the node is
//   its contract's destination; the origin holds copies and learns of changes by federation).
//   One whose end has come expires (`permit.expired`, sent to the origin) and its contract, if
//   still active, ends with the reason expiry (`contract.ended`, sent to the origin too). One
//   whose end is `expiry_notice_days` away or less is noticed once per end date
//   (`permit.expiry_notified`; notifications `permit.expiring` to the worker and the employer).
//   A permit whose end an amendment moves is noticed again for its new end.
// - Permits are handled in batches, each batch in one transaction that reads every permit again
//   and applies the pure rules (domain/mobility.hpp), so the job is idempotent: run twice on a
//   day, or by two processes at once, it changes nothing the second time.
//
// Thread-safety: shared by threads; the store serialises writes.
#pragma once

#include <cstddef>

#include "core/status.hpp"
#include "core/time.hpp"
#include "domain/access.hpp"
#include "domain/contract.hpp"
#include "domain/mobility.hpp"
#include "store/store.hpp"

namespace corridor::service {

// The contract's active or suspended permit, when it has one, follows `terms`, the contract's
// term (domain::FollowContractTerm): the permit is written and `permit.amended` recorded (after
// the contract's own event, which the caller has recorded), and the worker and the employer are
// told its new end (`permit.amended`). `check_only` applies the rule to a copy and writes
// nothing: an amendment is refused when proposed if its permit could not follow it.
// The longest a permit of `country` is granted for at a time (its rules' permit_max_months; 0,
// the contract's whole term, when it has none).
Result<int> PermitMaxMonths(store::ReadTx& tx, const std::string& country);

Status FollowContractTermIn(store::WriteTx& tx, const domain::Contract& c,
                            const domain::ContractTerms& terms, bool check_only);

// A recorded exit `exit` of `worker` on the day of `tx` that completes the worker's final exit
// notice (domain::FinalExitCompleted) ends each of the worker's active contracts of which
// `country` (the node's) is the destination, with the reason final_exit (`contract.ended`), and
// cancels its active or suspended permit (`permit.cancelled`, its reason naming the exit and the
// notice); both cross to the origin, and the worker and the employer are told (`permit.cancelled`).
// Returns a sentence for the border officer saying what ended, or "" when nothing did.
Result<std::string> CompleteFinalExitIn(store::WriteTx& tx, const WorkerId& worker,
                                        const std::string& exit, const std::string& country);

struct PermitsConfig {
  // How many days before a permit's end its holder and the employer are told (0: not told).
  int expiry_notice_days = 30;
  Status Validate() const;
};

struct PermitJobReport {
  size_t examined = 0;         // active or suspended permits looked at (copies included)
  size_t expired = 0;          // permits that expired today
  size_t contracts_ended = 0;  // their contracts, ended with the reason expiry
  size_t noticed = 0;          // permits whose holders were told today that they end soon
};

class Permits {
 public:
  Permits(store::Store& store, PermitsConfig config);

  const PermitsConfig& config() const { return config_; }

  // The scheduled work of the day of `now`, idempotent (above).
  Result<PermitJobReport> RunDailyJobs(Timestamp now);

  // Renewal (above). A permit `a` may not see (domain::MayViewPermit) is NotFound like a missing
  // one; one `a` sees but may not renew (only a destination-authority officer of the contract's
  // destination, at its node) is PermissionDenied. Refusals of the rule name "status",
  // "contract" or "end", and change nothing.
  Result<domain::Permit> Renew(const domain::Actor& a, const PermitId& id, Date end);

 private:
  store::Store& store_;
  PermitsConfig config_;
};

}  // namespace corridor::service
