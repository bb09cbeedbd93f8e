#include "domain/actions.hpp"

namespace corridor::domain {
namespace {

// The role rule behind each contract step (access.hpp), or nullopt for a step the contract's
// parties take by name rather than by a ContractAction.
std::optional<ContractAction> RoleRuleOf(ContractStep s) {
  switch (s) {
    case ContractStep::kOffer:
      return ContractAction::kOffer;
    case ContractStep::kWithdraw:
      return ContractAction::kWithdraw;
    case ContractStep::kAccept:
    case ContractStep::kReject:
      return ContractAction::kDecide;
    case ContractStep::kAttest:
      return ContractAction::kAttest;
    case ContractStep::kAuthenticate:
      return ContractAction::kAuthenticate;
    case ContractStep::kIssuePermit:
      return ContractAction::kIssuePermit;
    case ContractStep::kEnd:
      return ContractAction::kEnd;
    case ContractStep::kProposeAmendment:
      return ContractAction::kAmend;
    case ContractStep::kAcceptAmendment:
    case ContractStep::kRejectAmendment:
      return ContractAction::kDecideAmendment;
    case ContractStep::kReportAbsence:
    case ContractStep::kFileTransfer:
      return std::nullopt;
  }
  return std::nullopt;
}

bool IsWorker(const Actor& a, const WorkerId& w) {
  return a.role == Role::kWorker && a.worker == w;
}
bool IsEmployer(const Actor& a, const EmployerId& e) {
  return a.role == Role::kEmployer && a.employer == e;
}

// Who takes a step that no ContractAction names (the registry's use cases check the same).
bool PartyRuleAllows(const Actor& a, ContractStep s, const ContractParties& p) {
  if (a.role == Role::kSystem) return true;
  switch (s) {
    case ContractStep::kReportAbsence:
      return IsEmployer(a, p.employer);
    case ContractStep::kFileTransfer:
      return IsWorker(a, p.worker);
    default:
      return false;
  }
}

constexpr ContractStep kContractSteps[] = {
    ContractStep::kOffer,
    ContractStep::kWithdraw,
    ContractStep::kAccept,
    ContractStep::kReject,
    ContractStep::kAttest,
    ContractStep::kAuthenticate,
    ContractStep::kIssuePermit,
    ContractStep::kEnd,
    ContractStep::kProposeAmendment,
    ContractStep::kAcceptAmendment,
    ContractStep::kRejectAmendment,
    ContractStep::kReportAbsence,
    ContractStep::kFileTransfer,
};

}  // namespace

std::string_view ToString(ContractStep s) {
  switch (s) {
    case ContractStep::kOffer:
      return "offer";
    case ContractStep::kWithdraw:
      return "withdraw";
    case ContractStep::kAccept:
      return "accept";
    case ContractStep::kReject:
      return "reject";
    case ContractStep::kAttest:
      return "attest";
    case ContractStep::kAuthenticate:
      return "authenticate";
    case ContractStep::kIssuePermit:
      return "issue_permit";
    case ContractStep::kEnd:
      return "end";
    case ContractStep::kProposeAmendment:
      return "propose_amendment";
    case ContractStep::kAcceptAmendment:
      return "accept_amendment";
    case ContractStep::kRejectAmendment:
      return "reject_amendment";
    case ContractStep::kReportAbsence:
      return "report_absence";
    case ContractStep::kFileTransfer:
      return "file_transfer";
  }
  return "unknown";
}

ContractFacts FactsOf(const Contract& c) {
  return {PartiesOf(c.terms), c.state, c.pending_amendment.has_value()};
}

bool StateAllows(ContractStep step, const ContractFacts& c) {
  using S = ContractState;
  switch (step) {
    case ContractStep::kOffer:
      return c.state == S::kDraft;
    case ContractStep::kWithdraw:
      return c.state == S::kDraft || c.state == S::kOffered;
    case ContractStep::kAccept:
    case ContractStep::kReject:
      return c.state == S::kOffered;
    case ContractStep::kAttest:
      return c.state == S::kAccepted;
    case ContractStep::kAuthenticate:
      return c.state == S::kAttested;
    case ContractStep::kIssuePermit:
      return c.state == S::kAuthenticated;
    case ContractStep::kEnd:
    case ContractStep::kReportAbsence:
    case ContractStep::kFileTransfer:
      return c.state == S::kActive;
    case ContractStep::kProposeAmendment:
      return !c.amendment_pending &&
             (c.state == S::kAttested || c.state == S::kAuthenticated || c.state == S::kActive);
    case ContractStep::kAcceptAmendment:
    case ContractStep::kRejectAmendment:
      return c.amendment_pending;
  }
  return false;
}

std::vector<ContractStep> AllowedContractActions(const Actor& a, const ContractFacts& c,
                                                 const NodeContext& node) {
  std::vector<ContractStep> out;
  for (ContractStep s : kContractSteps) {
    if (!StateAllows(s, c)) continue;
    const auto rule = RoleRuleOf(s);
    const bool who =
        rule ? MayTakeContractAction(a, *rule, c.parties, node) : PartyRuleAllows(a, s, c.parties);
    if (who) out.push_back(s);
  }
  return out;
}

std::string_view ToString(PermitStep s) {
  switch (s) {
    case PermitStep::kRenew:
      return "renew";
    case PermitStep::kFileTransfer:
      return "file_transfer";
    case PermitStep::kReportAbsence:
      return "report_absence";
  }
  return "unknown";
}

std::vector<PermitStep> AllowedPermitActions(const Actor& a, const Permit& p,
                                             const Contract& contract, const NodeContext& node) {
  std::vector<PermitStep> out;
  if (p.status != PermitStatus::kActive) return out;
  const ContractParties parties = PartiesOf(contract.terms);
  if (MayRenewPermit(p, contract) &&
      MayTakeContractAction(a, ContractAction::kIssuePermit, parties, node)) {
    out.push_back(PermitStep::kRenew);
  }
  if (IsWorker(a, p.worker)) out.push_back(PermitStep::kFileTransfer);
  if (IsEmployer(a, parties.employer)) out.push_back(PermitStep::kReportAbsence);
  return out;
}

std::string_view ToString(TransferStep s) {
  switch (s) {
    case TransferStep::kComplete:
      return "complete";
    case TransferStep::kCancel:
      return "cancel";
  }
  return "unknown";
}

std::vector<TransferStep> AllowedTransferActions(const Actor& a, const Transfer& t,
                                                 const ContractFacts& offer,
                                                 const NodeContext& node, Date today) {
  std::vector<TransferStep> out;
  if (t.state != TransferState::kFiled) return out;
  if (today >= t.effective_on &&
      MayTakeContractAction(a, ContractAction::kIssuePermit, offer.parties, node)) {
    out.push_back(TransferStep::kComplete);
  }
  if (a.role == Role::kSystem || IsWorker(a, t.worker)) out.push_back(TransferStep::kCancel);
  return out;
}

}  // namespace corridor::domain
