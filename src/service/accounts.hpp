// Logging in and out, accounts, and the access log.
//
// Passwords are checked with Argon2id; a login returns an opaque bearer token (256 random bits)
// of which the store keeps only the SHA-256, with an expiry. Repeated failures lock the account
// for a time that doubles with each further failure; an unknown username costs the same hashing
// time as a known one, so timing does not tell which usernames exist.
//
// The access log records every decision to show or refuse a person's record. Records are queued
// and written by a background thread in batches (a read must not wait for a disk write); at most
// the last `flush_interval_ms` of records can be lost in a crash.
//
// Thread-safety: Accounts and AccessLog are shared by all threads.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/status.hpp"
#include "domain/account.hpp"
#include "store/accounts.hpp"
#include "store/store.hpp"

namespace corridor::service {

struct AuthConfig {
  int64_t session_ms = 8LL * 3600 * 1000;
  int max_failed_logins = 5;
  int64_t lock_base_ms = 60'000;
  int64_t lock_max_ms = 3600'000;
  int64_t cache_ms = 1000;
};

struct LoginResult {
  std::string token;
  Timestamp expires;
  domain::Account account;
};

class Accounts {
 public:
  Accounts(store::Store& store, AuthConfig config = {});

  // Administrators (or the node itself) create accounts.
  Result<domain::Account> Create(const domain::Actor& a, domain::Account account,
                                 const std::string& password,
                                 const store::WriteOptions& write = {});
  Result<std::vector<domain::Account>> List(const domain::Actor& a, std::string_view after,
                                            int limit);
  Result<LoginResult> Login(std::string_view username, std::string_view password);
  Status Logout(std::string_view token);
  // The account behind a bearer token, or Unauthenticated. A token checked against the store is
  // remembered for `cache_ms` (logging out here forgets it at once; a session revoked or an
  // account disabled by another process sharing the store takes effect within that time).
  Result<domain::Account> Authenticate(std::string_view token);

 private:
  struct Cached {
    domain::Account account;
    int64_t checked_ms = 0;
    int64_t expires_ms = 0;
  };
  store::Store& store_;
  AuthConfig config_;
  std::string dummy_hash_;  // verified against for unknown usernames
  std::mutex cache_mu_;
  std::unordered_map<std::string, Cached> cache_;  // by token hash (hex)
};

class AccessLog {
 public:
  explicit AccessLog(store::Store& store, int flush_interval_ms = 100);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  void Record(const domain::Actor& a, std::string_view action, std::string_view subject_kind,
              std::string_view subject_id, bool allowed);
  // Writes everything queued so far (tests, shutdown).
  Status Flush();

 private:
  void Loop();

  store::Store& store_;
  int flush_interval_ms_;
  std::mutex mu_;
  // Held while a batch is being written, so that Flush returns only once every record queued
  // before it is committed, including a batch the background thread took just before.
  std::mutex flush_mu_;
  std::condition_variable cv_;
  std::vector<store::AccessRecord> queue_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace corridor::service
