// The one way a use case tells someone of a change, and the one way a party reads what it was told:
// a notification row written in the use case's own transaction, so it exists exactly when the
// change does. Recipients are addressed by kind
// ("worker:W-..", "employer:E-..", "authority:NPL", "embassy:NPL", "account:U-..",
// "case_supervisors:KWT", "administrator"); notifications carry ids and
// states, never a person's data beyond what the recipient may see of the record named.
//
// Thread-safety: within the WriteTx of the calling thread.
#pragma once

#include <string>
#include <string_view>

#include "core/ids.hpp"
#include "core/status.hpp"
#include "domain/access.hpp"
#include "json/json.hpp"
#include "service/queries.hpp"
#include "store/store.hpp"

namespace corridor::service {

std::string WorkerRecipient(const WorkerId& w);
std::string EmployerRecipient(const EmployerId& e);
std::string EmployerRecipient(std::string_view employer_id);
std::string AuthorityRecipient(std::string_view country);
std::string EmbassyRecipient(std::string_view country);
// Protection's staff: one account (an investigator, caseworker or supervisor of a case), and the
// node's case supervisors together (the intake queue).
std::string AccountRecipient(std::string_view account_id);
std::string CaseSupervisorsRecipient(std::string_view country);
// The node's administrators (integrity alarms: service/integrity.hpp).
std::string AdministratorRecipient();

// Writes one notification in `tx`, stamped with the transaction's time and a fresh id.
Status Notify(store::WriteTx& tx, std::string recipient, std::string_view type,
              std::string_view subject, json::Value data);

// The notifications addressed to the caller's party (its employer, agency, worker record,
// embassy or authority), in pages. PermissionDenied for a role that receives none.
class NotificationQueries {
 public:
  explicit NotificationQueries(store::Store& store) : store_(store) {}
  Result<Listing<store::Notification>> List(const domain::Actor& a, const store::Page& page);

 private:
  store::Store& store_;
};

}  // namespace corridor::service
