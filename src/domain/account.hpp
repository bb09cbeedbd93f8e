// Accounts: who may log in, in which role, for which country, employer, agency, worker or
// training centre.
// Passwords and tokens never appear here (the store keeps only their hashes).
// Pure values and functions; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "core/ids.hpp"
#include "core/status.hpp"
#include "domain/access.hpp"

namespace corridor::domain {

struct Account {
  AccountId id;
  std::string username;  // 3-64 of [a-z0-9._-]
  Role role = Role::kWorker;
  std::string country;  // officers: the node's country; embassy: the country it represents
  std::optional<EmployerId> employer;  // employer accounts
  std::optional<AgencyId> agency;      // agency accounts
  std::optional<WorkerId> worker;      // worker accounts
  std::optional<CentreId> centre;      // orientation centre staff accounts
  std::string display_name;
  std::string language;  // the portal's language for this account
  bool disabled = false;
  bool operator==(const Account&) const = default;
};

// Checks the account's fields and that exactly the link its role needs is set.
Status ValidateAccount(const Account& a);
// A password of 10 to 200 characters that is not the username.
Status ValidatePassword(std::string_view password, std::string_view username);

Actor ToActor(const Account& a);

}  // namespace corridor::domain
