// Logging in and out, accounts, and the access log.
//
// Passwords are checked with Argon2id; a login returns an opaque bearer token (256 random bits)
// of which the store keeps only the SHA-256, with an expiry.
//
// Guessing is limited in two steps (docs/security.md): first per client address (a token bucket
// in memory, service/address_limits.hpp), then per account, by the rule of domain/login.hpp: each
// attempt is claimed in the store before its password is checked, so parallel attempts cannot
// get past the limit, and a locked account answers ResourceExhausted with the time left. A lock
// does not keep out an address the account logged in from before. An unknown username is
// limited, locked and hashed exactly like an account, so the answers do not tell which accounts
// exist.
//
// The Argon2id work runs on a pool of its own (`hash_threads`, at most `hash_queue` waiting):
// StartLogin returns at once and answers from that pool, so password checks never hold the HTTP
// server's threads; when the queue is full the answer is Unavailable at once.
//
// The access log records every decision to show or refuse a person's record. Records are queued
// and written by a background thread in batches (a read must not wait for a disk write); at most
// the last `flush_interval_ms` of records can be lost in a crash.
//
// Thread-safety: Accounts and AccessLog are shared by all threads.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/status.hpp"
#include "domain/account.hpp"
#include "domain/login.hpp"
#include "service/address_limits.hpp"
#include "service/username_locks.hpp"
#include "service/worker_pool.hpp"
#include "store/accounts.hpp"
#include "store/store.hpp"

namespace corridor::service {

struct AuthConfig {
  int64_t session_ms = 8LL * 3600 * 1000;
  domain::LoginPolicy lock;  // per account (and per unknown username)
  AddressLimits address;     // per client address, checked first
  int known_addresses = 8;   // addresses remembered per account
  int hash_threads = 0;      // Argon2id checks at once; 0: half the cores, at least 1
  size_t hash_queue = 256;   // checks waiting; beyond, a login is refused at once
  int64_t cache_ms = 1000;
  // Checks a password against its stored hash (default crypto::CheckPassword); tests replace it.
  std::function<bool(std::string_view password, const std::string& hash)> check_password;
};

struct LoginResult {
  std::string token;
  Timestamp expires;
  domain::Account account;
};

struct LoginAttempt {
  std::string username;
  std::string password;
  std::string address;  // the client's address, as the server saw it ("" when there is none)
};

// A login's answer: the session, or why not; when refused for too many attempts
// (ResourceExhausted) or a full queue (Unavailable), the seconds to wait before trying again.
struct LoginAnswer {
  Result<LoginResult> result = Status::Internal("no answer");
  int64_t retry_after_s = 0;
};
using LoginDone = std::function<void(LoginAnswer)>;

class Accounts {
 public:
  Accounts(store::Store& store, AuthConfig config = {});
  ~Accounts();
  Accounts(const Accounts&) = delete;
  Accounts& operator=(const Accounts&) = delete;

  // Administrators (or the node itself) create accounts.
  Result<domain::Account> Create(const domain::Actor& a, domain::Account account,
                                 const std::string& password,
                                 const store::WriteOptions& write = {});
  Result<std::vector<domain::Account>> List(const domain::Actor& a, std::string_view after,
                                            int limit);
  // Checks the address limit on the calling thread, then queues the attempt for the hashing pool;
  // `done` is called exactly once: at once when refused before hashing, else from the pool.
  void StartLogin(LoginAttempt attempt, LoginDone done);
  // The same on the calling thread, without the pool (the command line, tests).
  LoginAnswer Login(const LoginAttempt& attempt);
  Result<LoginResult> Login(std::string_view username, std::string_view password);
  // Answers the logins still queued Unavailable, and stops the hashing pool. Call before whatever
  // the `done` callbacks reach goes away (the HTTP server); the destructor calls it too.
  void StopLogins();
  // Logins queued and running on the hashing pool now (metrics, tests).
  size_t logins_waiting() const { return pool_->queued(); }
  int logins_running() const { return pool_->running(); }
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
  // Everything after the address check: the account's claim, the hash, the session.
  LoginAnswer Attempt(const LoginAttempt& attempt, const std::string& address_key);
  LoginAnswer Refused(const Status& s, int64_t retry_after_ms) const;

  store::Store& store_;
  AuthConfig config_;
  std::string dummy_hash_;  // verified against for unknown usernames
  AddressLimiter addresses_;
  UsernameLocks unknown_;
  std::atomic<bool> stopping_{false};
  std::unique_ptr<WorkerPool> pool_;
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
