#include "domain/access.hpp"

#include "domain/actions.hpp"

namespace corridor::domain {
namespace {

constexpr std::pair<Role, std::string_view> kRoles[] = {
    {Role::kAdministrator, "administrator"},
    {Role::kOriginOfficer, "origin_officer"},
    {Role::kDestinationOfficer, "destination_officer"},
    {Role::kEmbassy, "embassy"},
    {Role::kEmployer, "employer"},
    {Role::kAgency, "agency"},
    {Role::kWorker, "worker"},
    {Role::kBorderOfficer, "border_officer"},
    {Role::kInvestigator, "investigator"},
    {Role::kAnalyst, "analyst"},
    {Role::kCaseworker, "caseworker"},
    {Role::kCaseSupervisor, "case_supervisor"},
    {Role::kHotlineOperator, "hotline_operator"},
    {Role::kOrientationCentre, "orientation_centre"},
    {Role::kSystem, "system"},
};

bool IsParty(const Actor& a, const WorkerId& worker, const EmployerId& employer,
             const std::optional<AgencyId>& agency) {
  switch (a.role) {
    case Role::kEmployer:
      return a.employer && *a.employer == employer;
    case Role::kAgency:
      return a.agency && agency && *a.agency == *agency;
    case Role::kWorker:
      return a.worker && *a.worker == worker;
    default:
      return false;
  }
}

bool IsParty(const Actor& a, const ContractParties& p) {
  return IsParty(a, p.worker, p.employer, p.agency);
}

}  // namespace

std::string_view ToString(Role r) {
  for (const auto& [role, name] : kRoles) {
    if (role == r) return name;
  }
  return "?";
}

Result<Role> ParseRole(std::string_view text) {
  for (const auto& [role, name] : kRoles) {
    if (name == text && role != Role::kSystem) return role;
  }
  return Status::InvalidArgument("is not a role");
}

Actor SystemActor() {
  Actor a;
  a.account = "system";
  a.role = Role::kSystem;
  return a;
}

bool MayViewContract(const Actor& a, const Contract& c, const NodeContext& node) {
  const ContractTerms& t = c.terms;
  return MayViewContract(
      a, ContractParties{t.worker, t.employer, t.agency, t.origin_country, t.destination_country},
      c.state, node);
}

bool RoleSeesPermits(const Actor& a) {
  switch (a.role) {
    case Role::kSystem:
    case Role::kWorker:
    case Role::kEmployer:
    case Role::kDestinationOfficer:
    case Role::kOriginOfficer:
    case Role::kEmbassy:
    case Role::kBorderOfficer:
      return true;
    default:
      return false;
  }
}

bool MayViewPermit(const Actor& a, const Contract& c, const NodeContext& node) {
  if (!RoleSeesPermits(a)) return false;
  if (a.role == Role::kBorderOfficer) return a.country == node.country;
  return MayViewContract(a, c, node);
}

bool MayViewContract(const Actor& a, const ContractParties& t, ContractState state,
                     const NodeContext& node) {
  switch (a.role) {
    case Role::kSystem:
      return true;
    case Role::kOriginOfficer:
      return a.country == node.country && t.origin_country == a.country;
    case Role::kDestinationOfficer:
      return a.country == node.country && t.destination_country == a.country;
    case Role::kEmbassy:
      return t.origin_country == a.country && t.destination_country == node.country;
    case Role::kEmployer:
    case Role::kAgency:
      // Parties see their contracts once offered; a draft is the drafter's own.
      return IsParty(a, t);
    case Role::kWorker:
      // A worker sees contracts offered to them, never an employer's unsent draft.
      return IsParty(a, t) && state != ContractState::kDraft;
    case Role::kAdministrator:
    case Role::kBorderOfficer:
    case Role::kInvestigator:
    case Role::kAnalyst:
    case Role::kCaseworker:
    case Role::kCaseSupervisor:
    case Role::kHotlineOperator:
    case Role::kOrientationCentre:
      return false;
  }
  return false;
}

bool MayViewWorker(const Actor& a, const Worker& w, std::span<const Contract> contracts,
                   const NodeContext& node) {
  switch (a.role) {
    case Role::kSystem:
      return true;
    case Role::kWorker:
      return a.worker && *a.worker == w.id;
    case Role::kOriginOfficer:
      return a.country == node.country && w.nationality == a.country;
    case Role::kBorderOfficer:
      // The border sees identity, permits and notices of anyone who crosses its country's border.
      return a.country == node.country;
    case Role::kDestinationOfficer:
    case Role::kEmbassy:
    case Role::kEmployer:
    case Role::kAgency:
      for (const auto& c : contracts) {
        if (c.terms.worker == w.id && MayViewContract(a, c, node)) {
          // An employer or agency sees a worker through a contract it is party to.
          return true;
        }
      }
      return false;
    case Role::kAdministrator:
    case Role::kInvestigator:
    case Role::kAnalyst:
    case Role::kCaseworker:
    case Role::kCaseSupervisor:
    case Role::kHotlineOperator:
    case Role::kOrientationCentre:
      return false;
  }
  return false;
}

std::string_view ToString(ContractAction action) {
  switch (action) {
    case ContractAction::kDraft:
      return "draft";
    case ContractAction::kOffer:
      return "offer";
    case ContractAction::kWithdraw:
      return "withdraw";
    case ContractAction::kDecide:
      return "accept or reject";
    case ContractAction::kAttest:
      return "attest";
    case ContractAction::kAuthenticate:
      return "authenticate";
    case ContractAction::kIssuePermit:
      return "issue a permit for";
    case ContractAction::kAmend:
      return "amend";
    case ContractAction::kDecideAmendment:
      return "accept or reject an amendment of";
    case ContractAction::kEnd:
      return "end";
  }
  return "?";
}

bool MayTakeContractAction(const Actor& a, ContractAction action, const ContractParties& t,
                           const NodeContext& node) {
  if (a.role == Role::kSystem) return true;
  switch (action) {
    case ContractAction::kDraft:
    case ContractAction::kOffer:
    case ContractAction::kWithdraw:
      return (a.role == Role::kEmployer || a.role == Role::kAgency) && IsParty(a, t);
    case ContractAction::kDecide:
    case ContractAction::kDecideAmendment:
      return a.role == Role::kWorker && IsParty(a, t);
    case ContractAction::kAttest:
      return a.role == Role::kOriginOfficer && a.country == t.origin_country &&
             node.country == t.origin_country;
    case ContractAction::kAuthenticate:
    case ContractAction::kIssuePermit:
    case ContractAction::kEnd:
      return a.role == Role::kDestinationOfficer && a.country == t.destination_country &&
             node.country == t.destination_country;
    case ContractAction::kAmend:
      return a.role == Role::kEmployer && IsParty(a, t);
  }
  return false;
}

Status CheckContractAction(const Actor& a, ContractAction action, const ContractParties& t,
                           const NodeContext& node) {
  if (MayTakeContractAction(a, action, t, node)) return Status::Ok();
  std::string who;
  switch (action) {
    case ContractAction::kDraft:
    case ContractAction::kOffer:
    case ContractAction::kWithdraw:
      who = "the employer or the recruitment agency named in the contract";
      break;
    case ContractAction::kDecide:
    case ContractAction::kDecideAmendment:
      who = "the worker named in the contract";
      break;
    case ContractAction::kAttest:
      who = "an origin-authority officer of " + t.origin_country;
      break;
    case ContractAction::kAuthenticate:
    case ContractAction::kIssuePermit:
    case ContractAction::kEnd:
      who = "a destination-authority officer of " + t.destination_country;
      break;
    case ContractAction::kAmend:
      who = "the employer named in the contract";
      break;
  }
  return Status::PermissionDenied("only " + who + " may " + std::string(ToString(action)) +
                                  " this contract");
}

Status CheckContractAction(const Actor& a, ContractAction action, const ContractTerms& t,
                           const NodeContext& node) {
  return CheckContractAction(a, action, PartiesOf(t), node);
}

ContractParties PartiesOf(const ContractTerms& t) {
  return {t.worker, t.employer, t.agency, t.origin_country, t.destination_country};
}

Status CheckMayRegisterWorker(const Actor& a, const Worker& w, const NodeContext& node) {
  if (a.role == Role::kSystem) return Status::Ok();
  // The origin registers its nationals (directly or through a licensed agency); the destination
  // registers workers who arrive through another channel.
  if (a.role == Role::kOriginOfficer && a.country == node.country && w.nationality == a.country) {
    return Status::Ok();
  }
  if (a.role == Role::kAgency && w.nationality == node.country) return Status::Ok();
  if (a.role == Role::kDestinationOfficer && a.country == node.country) return Status::Ok();
  return Status::PermissionDenied(
      "only an origin-authority officer, a licensed agency or a destination-authority officer "
      "may register a worker");
}

Status CheckMayRegisterEmployer(const Actor& a, const Employer& e, const NodeContext& node) {
  if (a.role == Role::kSystem) return Status::Ok();
  if (a.role == Role::kDestinationOfficer && a.country == node.country &&
      e.country == node.country) {
    return Status::Ok();
  }
  return Status::PermissionDenied(
      "only a destination-authority officer registers employers of its country");
}

Status CheckMayLicenceAgencies(const Actor& a, const NodeContext& node) {
  if (a.role == Role::kSystem) return Status::Ok();
  if (a.role == Role::kOriginOfficer && a.country == node.country) return Status::Ok();
  return Status::PermissionDenied(
      "only an origin-authority officer licenses recruitment agencies of its country");
}

Status CheckMayRegisterAgency(const Actor& a, const Agency& ag, const NodeContext& node) {
  RETURN_IF_ERROR(CheckMayLicenceAgencies(a, node));
  if (a.role == Role::kSystem || ag.country == node.country) return Status::Ok();
  return Status::PermissionDenied(
      "only an origin-authority officer licenses recruitment agencies of its country");
}

Status CheckMaySetReferenceData(const Actor& a) {
  if (a.role == Role::kSystem || a.role == Role::kAdministrator) return Status::Ok();
  return Status::PermissionDenied("only an administrator sets reference data");
}

}  // namespace corridor::domain
