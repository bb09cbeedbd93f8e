// What a reader may do with a record now: the `allowed_actions` the API returns with a contract,
// a permit or a transfer, so that the portal shows exactly the steps the node would accept and
// never re-implements a role rule or a state machine.
//
// Each list is a pure function of the reader, the record's facts and (where a rule depends on it)
// today's date: the role rule of access.hpp and the state rule of the record's lifecycle, both
// of which the use case checks again when the step is taken. A step that needs more than the
// record (a lawful amendment, an authenticated new contract for a job change) may still be
// refused with the precise reason.
//
// A new capability adds its own `enum class <Record>Step`, a ToString giving the API's name of
// each step, and an Allowed<Record>Actions function here, tested beside these.
//
// Pure values and functions; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "domain/access.hpp"
#include "domain/contract.hpp"
#include "domain/mobility.hpp"

namespace corridor::domain {

// The role rule of CheckContractAction (access.hpp) as a yes or no, for listing what a reader may
// do without building a refusal's message.
bool MayTakeContractAction(const Actor& a, ContractAction action, const ContractParties& p,
                           const NodeContext& node);

// Steps on a contract; the API's names are those of its routes.
enum class ContractStep {
  kOffer,             // POST /contracts/{id}/offer
  kWithdraw,          // POST /contracts/{id}/withdraw
  kAccept,            // POST /contracts/{id}/accept
  kReject,            // POST /contracts/{id}/reject
  kAttest,            // POST /contracts/{id}/attest
  kAuthenticate,      // POST /contracts/{id}/authenticate
  kIssuePermit,       // POST /contracts/{id}/permit
  kEnd,               // POST /contracts/{id}/end
  kProposeAmendment,  // POST /contracts/{id}/amendments
  kAcceptAmendment,   // POST /contracts/{id}/amendment/accept
  kRejectAmendment,   // POST /contracts/{id}/amendment/reject
  kReportAbsence,     // POST /contracts/{id}/absence-reports
  kFileTransfer,      // POST /transfers with this contract as from_contract
};
std::string_view ToString(ContractStep s);

// What the contract's steps depend on, without its terms (the stored document's columns).
struct ContractFacts {
  ContractParties parties;
  ContractState state = ContractState::kDraft;
  bool amendment_pending = false;
};
ContractFacts FactsOf(const Contract& c);

// May the contract's lifecycle take `step` from where it stands (whoever asks)?
bool StateAllows(ContractStep step, const ContractFacts& c);

// The steps `a` may take on the contract now, in the order of ContractStep.
std::vector<ContractStep> AllowedContractActions(const Actor& a, const ContractFacts& c,
                                                 const NodeContext& node);

// Steps on a permit, or that start from one. The permit is suspended and reinstated by no route
// (the wage ladder suspends new permits, not existing ones), so no step names them.
enum class PermitStep {
  kRenew,         // POST /permits/{id}/renew: the destination authority, within the contract's term
  kFileTransfer,  // the worker holding an active permit files a job change from its contract
  kReportAbsence,  // the employer of an active permit's contract reports an absence
};
std::string_view ToString(PermitStep s);

// `contract` is the permit's contract; renewal is the role rule of issuing a permit
// (ContractAction::kIssuePermit) and the state rule MayRenewPermit (mobility.hpp).
std::vector<PermitStep> AllowedPermitActions(const Actor& a, const Permit& p,
                                             const Contract& contract, const NodeContext& node);

// Steps on a job change.
enum class TransferStep {
  kComplete,  // POST /transfers/{id}/complete: the destination authority, once notice has run
  kCancel,    // POST /transfers/{id}/cancel: the worker, while it is filed
};
std::string_view ToString(TransferStep s);

// `offer` are the facts of the new contract (to_contract); `today` the node's date.
std::vector<TransferStep> AllowedTransferActions(const Actor& a, const Transfer& t,
                                                 const ContractFacts& offer,
                                                 const NodeContext& node, Date today);

}  // namespace corridor::domain
