// Who may see and do what: the roles of a corridor and need-to-know rules on every record.
//
// Each rule is a pure function of the actor and the facts of the record (its contracts, its
// parties, its countries), so every refusal is a test. The service layer gathers the facts,
// asks, and records each decision on a person's record.
//
//   administrator        accounts, keys, peers, reference data: no person's record
//   origin officer       nationals of the node's country (contracts with origin = country)
//   destination officer  contracts for work in the node's country
//   embassy              its own nationals' contracts for work in the node's country
//   employer             its own contracts and the workers under them
//   agency               its own placements and the workers under them
//   worker               their own records only
//   border officer       identity, permits and exit notices at the border (no wages)
//   investigator         cases assigned to them (no registry records directly)
//   analyst              aggregates only
//   caseworker           cases assigned to them, to support the worker (shelter, wages, return)
//   case supervisor      the node's intake queue of complaints, unassigned cases, the cases they
//                        assigned, and who read them
//   hotline operator     files complaints and tips heard on the telephone; sees nothing after
//   orientation centre   a licensed centre's staff: its own centre's training sessions and their
//                        attendees (docs/formats/training.md)
//
// Protection's own rules (who sees a complaint or a case) are in domain/cases.hpp, training's in
// domain/training.hpp.
//
// Pure values and functions; thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "core/ids.hpp"
#include "core/status.hpp"
#include "domain/contract.hpp"
#include "domain/registry.hpp"

namespace corridor::domain {

enum class Role {
  kAdministrator,
  kOriginOfficer,
  kDestinationOfficer,
  kEmbassy,
  kEmployer,
  kAgency,
  kWorker,
  kBorderOfficer,
  kInvestigator,
  kAnalyst,
  kCaseworker,
  kCaseSupervisor,
  kHotlineOperator,
  kOrientationCentre,
  kSystem,  // the node itself: scheduled jobs, imports by an operator
};
std::string_view ToString(Role r);
Result<Role> ParseRole(std::string_view text);

struct Actor {
  std::string account;  // account id, or "system"
  Role role = Role::kWorker;
  std::string country;  // officers: the node's country; embassy: the country it represents
  std::optional<EmployerId> employer;
  std::optional<AgencyId> agency;
  std::optional<WorkerId> worker;
  std::optional<CentreId> centre;  // orientation centre staff: their centre
  // The request that acts (core/log.hpp), for the log lines of the use case; "" outside a request.
  std::string request_id;
};

Actor SystemActor();

// What a node knows of itself when it decides.
struct NodeContext {
  std::string country;  // the node's country
};

// Who a contract is about and between, for access decisions.
struct ContractParties {
  WorkerId worker;
  EmployerId employer;
  std::optional<AgencyId> agency;
  std::string origin_country;
  std::string destination_country;
};

// May `a` see this contract (and, with it, its terms)?
bool MayViewContract(const Actor& a, const ContractParties& p, ContractState state,
                     const NodeContext& node);
bool MayViewContract(const Actor& a, const Contract& c, const NodeContext& node);

// May `a` see a permit of contract `c`? The roles a permit concerns (the worker, the employer,
// both authorities, the embassy) when they see its contract, and the border officers of the
// node's country (who check identities against it). A recruitment agency's business ends with
// the placement: it sees the contract, not the permit.
bool MayViewPermit(const Actor& a, const Contract& c, const NodeContext& node);
// Does `a`'s role see permits at all (the list of permits refuses the others with 403)?
bool RoleSeesPermits(const Actor& a);

// May `a` see this worker's record? `contracts` are the worker's contracts (all of them).
bool MayViewWorker(const Actor& a, const Worker& w, std::span<const Contract> contracts,
                   const NodeContext& node);

// Actions on contracts, each allowed to one party.
enum class ContractAction {
  kDraft,            // employer (own), agency (own placement), destination officer
  kOffer,            // the drafting party: employer or agency named in the terms
  kWithdraw,         // employer or agency named in the terms
  kDecide,           // accept or reject: the worker named in the terms
  kAttest,           // origin officer of the contract's origin country
  kAuthenticate,     // destination officer of the contract's destination country
  kIssuePermit,      // destination officer
  kAmend,            // employer named in the terms
  kDecideAmendment,  // the worker
  kEnd,              // destination officer (expiry, termination on the employer's notice)
};
std::string_view ToString(ContractAction action);

// OK, or PermissionDenied naming who may.
Status CheckContractAction(const Actor& a, ContractAction action, const ContractTerms& t,
                           const NodeContext& node);
Status CheckContractAction(const Actor& a, ContractAction action, const ContractParties& p,
                           const NodeContext& node);
ContractParties PartiesOf(const ContractTerms& t);

// Registering people and organisations.
Status CheckMayRegisterWorker(const Actor& a, const Worker& w, const NodeContext& node);
Status CheckMayRegisterEmployer(const Actor& a, const Employer& e, const NodeContext& node);
Status CheckMayRegisterAgency(const Actor& a, const Agency& ag, const NodeContext& node);
// The part of it that depends on the caller alone: checked before the agency is looked up, so that
// a caller who may never license answers the same whether the agency exists or not.
Status CheckMayLicenceAgencies(const Actor& a, const NodeContext& node);
Status CheckMaySetReferenceData(const Actor& a);

}  // namespace corridor::domain
