// Accounts, login sessions, the access log and idempotency keys in the store.
//
// Only hashes are stored: Argon2id for passwords, SHA-256 for session tokens (a stolen database
// yields no usable token). Account changes go through Store::Write like every change of state;
// sessions, the access log and idempotency keys are bookkeeping outside the ledger.
// Thread-safety: functions over a connection the caller holds.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "core/time.hpp"
#include "crypto/crypto.hpp"
#include "domain/account.hpp"
#include "domain/login.hpp"
#include "store/database.hpp"

namespace corridor::store {

struct StoredAccount {
  domain::Account account;
  std::string password_hash;
  int failed_logins = 0;
  int64_t locked_until_ms = 0;
};

Result<std::optional<StoredAccount>> FindAccountByUsername(Connection& c,
                                                           std::string_view username);
Result<std::optional<domain::Account>> FindAccount(Connection& c, const AccountId& id);
Result<std::vector<domain::Account>> ListAccounts(Connection& c, std::string_view after, int limit);
// The accounts of `country` with one of `roles` that are not disabled, by display name then id.
Result<std::vector<domain::Account>> ListActiveAccountsByRole(
    Connection& c, std::string_view country, const std::vector<domain::Role>& roles, int limit);
Status InsertAccount(Connection& c, const domain::Account& a, const std::string& password_hash,
                     Timestamp now);
Status UpdateLoginState(Connection& c, const AccountId& id, int failed_logins,
                        int64_t locked_until_ms);
// The login state as it is now (call inside a write transaction: writers are serialised, so a
// read, a decision and UpdateLoginState are one atomic step). NotFound for an unknown account.
Result<domain::LoginState> GetLoginState(Connection& c, const AccountId& id);

// The addresses an account logged in from, each kept as a SHA-256 of the account and the address
// key (service::AddressKey), never as the address itself; the newest `keep` per account.
Result<bool> IsKnownAddress(Connection& c, const AccountId& id, const crypto::Digest& address);
Status RememberAddress(Connection& c, const AccountId& id, const crypto::Digest& address,
                       Timestamp now, int keep);

Status InsertSession(Connection& c, const crypto::Digest& token_hash, const AccountId& account,
                     Timestamp now, Timestamp expires);
// The account of a live session (not revoked, not expired at `now`, account not disabled).
Result<std::optional<domain::Account>> FindSessionAccount(Connection& c,
                                                          const crypto::Digest& token_hash,
                                                          Timestamp now);
Status RevokeSession(Connection& c, const crypto::Digest& token_hash);

struct AccessRecord {
  Timestamp time;
  std::string account;
  std::string role;
  std::string action;  // "view", "list", "update", ...
  std::string subject_kind;
  std::string subject_id;
  bool allowed = false;
};
Status InsertAccessRecords(Connection& c, const std::vector<AccessRecord>& records);
Result<std::vector<AccessRecord>> ListAccessRecords(Connection& c, std::string_view subject_id,
                                                    int limit);

struct IdempotentResponse {
  crypto::Digest request_hash{};
  std::string subject;
  int status = 0;
  std::string response;  // empty until the response is stored
};
Result<std::optional<IdempotentResponse>> FindIdempotencyKey(Connection& c,
                                                             std::string_view account,
                                                             std::string_view key);
Status StoreIdempotentResponse(Connection& c, std::string_view account, std::string_view key,
                               int status, const std::string& response);

}  // namespace corridor::store
