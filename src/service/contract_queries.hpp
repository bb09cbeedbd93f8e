// Reads of contracts: one contract (its stored document, served without decoding), a caller's
// list, a contract's history and what its printable document needs. Each read decides access
// with domain::MayViewContract, logs the decision (service::AccessLog), and returns view-ready
// values with the reader's allowed actions (domain::AllowedContractActions). A contract the
// caller may not see answers NotFound, like a missing one.
//
// The reads that present a contract's terms as attested or authenticated (Get, Printable,
// PublicCheck) first check the stored contract against the ledger (store/record_check.hpp:
// its document against the hash the ledger recorded, its terms' digest recomputed, its columns
// against its document). A contract that disagrees raises the integrity alarm
// (service/integrity.hpp) and is not presented: Get and Printable answer DataLoss saying so, the
// public check says the record failed its integrity check (docs/formats/ledger.md §7).
//
// Thread-safety: shared by all threads; no state of its own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "domain/access.hpp"
#include "domain/actions.hpp"
#include "domain/contract.hpp"
#include "json/json.hpp"
#include "service/accounts.hpp"
#include "service/clearance_queries.hpp"
#include "service/integrity.hpp"
#include "service/queries.hpp"
#include "store/store.hpp"

namespace corridor::service {

// The contract as stored (codec::ToJson written compactly) and what the reader may do with it.
struct ContractDocument {
  ContractId id;
  std::string json;
  std::vector<domain::ContractStep> allowed_actions;
  // For a reader who may see the contract's departure clearance (domain::SightOfClearance): the
  // latest one issued for it, as that reader may see it, or nullopt when none was; the outer
  // nullopt for every other reader.
  std::optional<std::optional<ClearanceItem>> clearance;
};

using ContractItem = Actionable<domain::Contract, domain::ContractStep>;

struct ContractListQuery {
  store::Page page;
  std::optional<domain::ContractState> state;
  std::optional<WorkerId> worker;  // one worker's contracts, within the caller's scope
};

// What the printable contract shows.
struct PrintableContract {
  domain::Contract contract;
  domain::Worker worker;
  domain::Employer employer;
  std::optional<domain::Agency> agency;
};

// What the public contract check (no login) may show: the contract, and when the caller holds a
// copy other than the current one, the digest of every version, oldest first. A contract whose
// stored record disagrees with the ledger is `registered` without `contract`: nothing of it is
// confirmed.
struct PublicContractCheck {
  bool registered = false;
  bool integrity_ok = true;
  std::optional<domain::Contract> contract;
  std::vector<std::string> digests;
};

// The store filter that scopes a list of contracts to what `a` may see; PermissionDenied for a
// role that sees none.
Result<store::ContractFilter> ContractScope(const domain::Actor& a,
                                            const domain::NodeContext& node);

class ContractQueries {
 public:
  ContractQueries(store::Store& store, AccessLog& access, IntegrityAlarms& alarms);

  Result<ContractDocument> Get(const domain::Actor& a, const ContractId& id);
  Result<Listing<ContractItem>> List(const domain::Actor& a, const ContractListQuery& q);
  // The ledger events about the contract, oldest first.
  Result<std::vector<json::Value>> History(const domain::Actor& a, const ContractId& id);
  Result<PrintableContract> Printable(const domain::Actor& a, const ContractId& id);
  // For anyone: the facts of the public check (an id that is not an id is no contract).
  // `asked_digest` is the digest of the copy the caller holds, or ""; `request_id` names the
  // request in the log should the contract raise the integrity alarm.
  Result<PublicContractCheck> PublicCheck(const std::string& id, const std::string& asked_digest,
                                          std::string_view request_id);
  // What `a` may do next with a contract a use case has just returned to it.
  std::vector<domain::ContractStep> AllowedActions(const domain::Actor& a,
                                                   const domain::Contract& c) const;

 private:
  domain::NodeContext node() const { return {store_.identity().country}; }
  store::Store& store_;
  AccessLog& access_;
  IntegrityAlarms& alarms_;
};

}  // namespace corridor::service
