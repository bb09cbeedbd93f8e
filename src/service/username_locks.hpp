// The lock state of usernames that have no account, in memory, kept so that an unknown username
// answers a login exactly like an account (the same failures, the same lock and Retry-After): the
// answers do not tell which accounts exist (docs/security.md).
//
// Bounded: when the table is full, names not locked now are dropped first; if that frees
// nothing, the table starts again empty (the account locks in the store still hold).
//
// Thread-safety: all members may be called from any thread.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "domain/login.hpp"

namespace corridor::service {

class UsernameLocks {
 public:
  explicit UsernameLocks(size_t max_names = 100'000) : max_names_(max_names) {}
  // As domain::ClaimLoginAttempt, on the state kept for `username`.
  domain::LoginClaim Claim(const std::string& username, int64_t now_ms,
                           const domain::LoginPolicy& policy);

 private:
  size_t max_names_;
  std::mutex mu_;
  std::unordered_map<std::string, domain::LoginState> states_;
};

}  // namespace corridor::service
