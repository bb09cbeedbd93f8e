#include "service/notifier.hpp"

namespace corridor::service {

std::string WorkerRecipient(const WorkerId& w) { return "worker:" + w.value(); }
std::string EmployerRecipient(const EmployerId& e) { return "employer:" + e.value(); }
std::string EmployerRecipient(std::string_view employer_id) {
  return "employer:" + std::string(employer_id);
}
std::string AuthorityRecipient(std::string_view country) {
  return "authority:" + std::string(country);
}
std::string EmbassyRecipient(std::string_view country) { return "embassy:" + std::string(country); }
std::string AccountRecipient(std::string_view account_id) {
  return "account:" + std::string(account_id);
}
std::string CaseSupervisorsRecipient(std::string_view country) {
  return "case_supervisors:" + std::string(country);
}
std::string AdministratorRecipient() { return "administrator"; }

Status Notify(store::WriteTx& tx, std::string recipient, std::string_view type,
              std::string_view subject, json::Value data) {
  store::Notification n;
  n.id = NewIdText("M", tx.rng());
  n.recipient = std::move(recipient);
  n.type = std::string(type);
  n.subject = std::string(subject);
  n.time = tx.now();
  n.data = std::move(data);
  return tx.InsertNotification(n);
}

Result<Listing<store::Notification>> NotificationQueries::List(const domain::Actor& a,
                                                               const store::Page& page) {
  std::vector<std::string> recipients;
  std::string recipient;
  switch (a.role) {
    case domain::Role::kInvestigator:
    case domain::Role::kCaseworker:
      // Protection's staff are told of news on the cases assigned to them (service/cases.hpp).
      recipient = AccountRecipient(a.account);
      break;
    case domain::Role::kCaseSupervisor:
      // Their own cases, and the node's intake queue they share with the other supervisors.
      recipient = AccountRecipient(a.account);
      recipients.push_back(CaseSupervisorsRecipient(a.country));
      break;
    case domain::Role::kEmployer:
      recipient = EmployerRecipient(*a.employer);
      break;
    case domain::Role::kWorker:
      recipient = WorkerRecipient(*a.worker);
      break;
    case domain::Role::kAgency:
      recipient = "agency:" + a.agency->value();
      break;
    case domain::Role::kEmbassy:
      recipient = EmbassyRecipient(a.country);
      break;
    case domain::Role::kOriginOfficer:
    case domain::Role::kDestinationOfficer:
      recipient = AuthorityRecipient(a.country);
      break;
    case domain::Role::kAdministrator:
      recipient = AdministratorRecipient();
      break;
    default:
      return Status::PermissionDenied("this role receives no notifications");
  }
  Listing<store::Notification> out;
  recipients.push_back(recipient);
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(out.items, tx.ListNotifications(recipients, page));
    return Status::Ok();
  }));
  if (static_cast<int>(out.items.size()) == page.limit) out.next = out.items.back().id;
  return out;
}

}  // namespace corridor::service
