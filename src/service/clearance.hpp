// Departure clearance's use cases (docs/formats/clearance.md): recording orientation completions,
// medical fitness findings and insurance policies, issuing a clearance once the origin country's
// requirements hold, revoking one; and applying a clearance the origin's node sent (at the
// destination). Each checks who asks and the domain's rule, then writes the record and its
// ledger event in one Store::Write; a refusal writes nothing.
//
// Who may (domain/clearance.hpp): a caller who may not see the worker's or contract's clearance
// records gets NotFound, like a missing record; one who may see them but not act (the worker
// herself) gets PermissionDenied.
//
// Thread-safety: shared by all threads; holds only its configuration.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.hpp"
#include "domain/access.hpp"
#include "domain/clearance.hpp"
#include "json/json.hpp"
#include "store/store.hpp"

namespace corridor::service {

// The requirements files built into the node (data/clearance/*.json), each read and checked,
// by origin country. An error names the file.
Result<std::map<std::string, domain::ClearanceRequirements>> BuiltInClearanceRequirements();

struct ClearanceConfig {
  // By origin country (alpha-3). A node issues clearances for its own country only.
  std::map<std::string, domain::ClearanceRequirements> requirements;
};

// What issuing gave: the clearance, or (when a requirement does not hold) nothing written and
// the check naming every requirement that does not.
struct IssueOutcome {
  std::optional<domain::Clearance> clearance;
  domain::ClearanceCheck check;
};

class Clearances {
 public:
  Clearances(store::Store& store, ClearanceConfig config);

  // `request` holds the caller's members (centre, date, ...); the node assigns the rest.
  Result<domain::OrientationCompletion> RecordOrientation(const domain::Actor& a,
                                                          const WorkerId& worker,
                                                          domain::OrientationCompletion request,
                                                          const store::WriteOptions& write = {});
  Result<domain::MedicalFitness> RecordMedical(const domain::Actor& a, const WorkerId& worker,
                                               domain::MedicalFitness request,
                                               const store::WriteOptions& write = {});
  Result<domain::InsurancePolicy> RecordInsurance(const domain::Actor& a,
                                                  const ContractId& contract,
                                                  domain::InsurancePolicy request,
                                                  const store::WriteOptions& write = {});
  // AlreadyExists while the contract holds a valid clearance.
  Result<IssueOutcome> Issue(const domain::Actor& a, const ContractId& contract,
                             const store::WriteOptions& write = {});
  Result<domain::Clearance> Revoke(const domain::Actor& a, const domain::ClearanceId& id,
                                   domain::RevocationReason reason, const std::string& note);

  // The requirements of `country`, or FailedPrecondition naming it.
  Result<const domain::ClearanceRequirements*> RequirementsOf(std::string_view country) const;

 private:
  domain::NodeContext node() const { return {store_.identity().country}; }
  store::Store& store_;
  ClearanceConfig config_;
};

// Everything the requirement check reads about a contract, in one transaction: the contract, its
// worker and agency, the worker's latest orientation completion and examination, the contract's
// policies. `today` is the check's day.
struct GatheredFacts {
  domain::Contract contract;
  domain::Worker worker;
  std::optional<domain::Agency> agency;
  std::optional<domain::OrientationCompletion> orientation;
  std::vector<domain::InsurancePolicy> policies;
  std::optional<domain::MedicalFitness> medical;
  domain::ClearanceFacts Facts(Date today) const;
};
Result<GatheredFacts> GatherClearanceFacts(store::ReadTx& tx, domain::Contract contract);

// Applies a clearance.record message from the peer of `peer_country` (docs/formats/federation.md
// §6) in the receiver's transaction: checks it against the contract held here, then inserts or
// replaces the copy and notifies this country's authority and the origin's embassy. `facts`
// receives what the federation.received event records.
Status ApplyPeerClearance(store::WriteTx& tx, const std::string& peer_country,
                          std::string_view cause, const domain::Clearance& c, json::Object& facts);

}  // namespace corridor::service
