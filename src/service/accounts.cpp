#include "service/accounts.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "core/encoding.hpp"
#include "core/log.hpp"
#include "store/training_store.hpp"

namespace corridor::service {

namespace {

int DefaultHashThreads() {
  const int cores = static_cast<int>(std::thread::hardware_concurrency());
  return std::max(1, cores / 2);
}

int64_t Seconds(int64_t ms) { return std::max<int64_t>(1, (ms + 999) / 1000); }

}  // namespace

Accounts::Accounts(store::Store& store, AuthConfig config)
    : store_(store),
      config_(std::move(config)),
      addresses_(config_.address),
      pool_(std::make_unique<WorkerPool>(
          config_.hash_threads > 0 ? config_.hash_threads : DefaultHashThreads(),
          config_.hash_queue)) {
  if (!config_.check_password) config_.check_password = crypto::CheckPassword;
  auto h = crypto::HashPassword("not a password of anyone: timing equaliser");
  dummy_hash_ = h.ok() ? *h : std::string();
}

Accounts::~Accounts() { StopLogins(); }

Result<domain::Account> Accounts::Create(const domain::Actor& a, domain::Account account,
                                         const std::string& password,
                                         const store::WriteOptions& write) {
  if (a.role != domain::Role::kAdministrator && a.role != domain::Role::kSystem) {
    return Status::PermissionDenied("only an administrator creates accounts");
  }
  if (!account.id.empty() && a.role != domain::Role::kSystem) {
    return Status::InvalidArgument("is assigned by the node", "id");
  }
  RETURN_IF_ERROR(domain::ValidateAccount(account));
  RETURN_IF_ERROR(domain::ValidatePassword(password, account.username));
  ASSIGN_OR_RETURN(std::string hash, crypto::HashPassword(password));
  RETURN_IF_ERROR(store_.Write(a.account, write, [&](store::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto existing, store::FindAccountByUsername(tx.conn(), account.username));
    if (existing)
      return Status::AlreadyExists("the username " + account.username + " is taken", "username");
    // The account's links must name records that exist.
    if (account.employer) {
      auto e = tx.GetEmployer(*account.employer);
      if (!e.ok()) return e.status().WithField("employer");
    }
    if (account.agency) {
      auto g = tx.GetAgency(*account.agency);
      if (!g.ok()) return g.status().WithField("agency");
    }
    if (account.worker) {
      auto w = tx.GetWorker(*account.worker);
      if (!w.ok()) return w.status().WithField("worker");
    }
    if (account.centre) {
      auto c = store::GetCentre(tx, *account.centre);
      if (!c.ok()) return c.status().WithField("centre");
    }
    if (account.id.empty()) account.id = NewId<AccountId>(tx.rng());
    RETURN_IF_ERROR(store::InsertAccount(tx.conn(), account, hash, tx.now()));
    json::Object data;  // never the password hash
    data.Set("username", account.username);
    data.Set("role", std::string(ToString(account.role)));
    data.Set("country", account.country);
    data.Set("employer", account.employer ? json::Value(account.employer->value()) : json::Value());
    data.Set("agency", account.agency ? json::Value(account.agency->value()) : json::Value());
    data.Set("worker", account.worker ? json::Value(account.worker->value()) : json::Value());
    if (account.centre) data.Set("centre", account.centre->value());
    return tx.Record(domain::EventType::kAccountCreated, account.id.value(), std::move(data));
  }));
  return account;
}

Result<std::vector<domain::Account>> Accounts::List(const domain::Actor& a, std::string_view after,
                                                    int limit) {
  if (a.role != domain::Role::kAdministrator && a.role != domain::Role::kSystem) {
    return Status::PermissionDenied("only an administrator lists accounts");
  }
  std::vector<domain::Account> out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(out, store::ListAccounts(tx.conn(), after, limit));
    return Status::Ok();
  }));
  return out;
}

void Accounts::StartLogin(LoginAttempt attempt, LoginDone done) {
  const int64_t now = store_.clock().Now().millis();
  std::string key = AddressKey(attempt.address);
  if (const int64_t wait = addresses_.Take(key, now); wait > 0) {
    return done(
        Refused(Status::ResourceExhausted("too many failed logins from this address"), wait));
  }
  // The job owns what it needs; `done` is shared so that it stays callable if queueing fails.
  auto shared_done = std::make_shared<LoginDone>(std::move(done));
  const bool queued =
      pool_->TrySubmit([this, attempt = std::move(attempt), key, shared_done]() mutable {
        if (stopping_.load()) {
          return (*shared_done)(Refused(Status::Unavailable("the node is stopping"), 1000));
        }
        (*shared_done)(Attempt(attempt, key));
      });
  if (!queued) {
    addresses_.Refund(key, now);  // not an attempt: nothing was checked
    (*shared_done)(Refused(
        Status::Unavailable("too many logins are being checked at once; try again shortly"), 1000));
  }
}

LoginAnswer Accounts::Login(const LoginAttempt& attempt) {
  const std::string key = AddressKey(attempt.address);
  if (const int64_t wait = addresses_.Take(key, store_.clock().Now().millis()); wait > 0) {
    return Refused(Status::ResourceExhausted("too many failed logins from this address"), wait);
  }
  return Attempt(attempt, key);
}

Result<LoginResult> Accounts::Login(std::string_view username, std::string_view password) {
  return Login(LoginAttempt{std::string(username), std::string(password), ""}).result;
}

void Accounts::StopLogins() {
  stopping_ = true;
  pool_->Stop();
}

LoginAnswer Accounts::Refused(const Status& s, int64_t retry_after_ms) const {
  LoginAnswer a;
  a.retry_after_s = Seconds(retry_after_ms);
  if (s.code() == Code::kResourceExhausted) {
    a.result = Status::ResourceExhausted(s.message() + "; try again in " +
                                         std::to_string(a.retry_after_s) + " seconds");
  } else {
    a.result = s;
  }
  return a;
}

LoginAnswer Accounts::Attempt(const LoginAttempt& attempt, const std::string& address_key) {
  const Status wrong = Status::Unauthenticated("wrong username or password");
  const Status locked = Status::ResourceExhausted("too many failed logins for this account");
  LoginAnswer answer;
  std::optional<store::StoredAccount> stored;
  Status read = store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(stored, store::FindAccountByUsername(tx.conn(), attempt.username));
    return Status::Ok();
  });
  if (!read.ok()) {
    answer.result = read;
    return answer;
  }
  const Timestamp now = store_.clock().Now();
  if (!stored) {
    // Limited, locked and hashed like an account, so that nothing tells them apart.
    const domain::LoginClaim claim = unknown_.Claim(attempt.username, now.millis(), config_.lock);
    if (!claim.allowed) return Refused(locked, claim.retry_after_ms);
    (void)config_.check_password(attempt.password, dummy_hash_);
    answer.result = wrong;
    return answer;
  }
  const AccountId id = stored->account.id;
  const crypto::Digest address = crypto::Sha256(id.value() + "\n" + address_key);
  // The claim: read the state, decide, count the attempt, in one serialised write.
  domain::LoginClaim claim;
  Status claimed = store_.Write("system", [&](store::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(domain::LoginState state, store::GetLoginState(tx.conn(), id));
    bool known = false;
    if (state.locked_until_ms > tx.now().millis()) {
      ASSIGN_OR_RETURN(known, store::IsKnownAddress(tx.conn(), id, address));
    }
    claim = domain::ClaimLoginAttempt(state, tx.now().millis(), config_.lock, known);
    if (!claim.allowed) return Status::Ok();
    return store::UpdateLoginState(tx.conn(), id, claim.next.failures, claim.next.locked_until_ms);
  });
  if (!claimed.ok()) {
    answer.result = claimed;
    return answer;
  }
  if (!claim.allowed) return Refused(locked, claim.retry_after_ms);
  const bool good = config_.check_password(attempt.password, stored->password_hash);
  if (!good || stored->account.disabled) {
    answer.result = wrong;  // the claim counted it already
    return answer;
  }
  LoginResult out;
  uint8_t raw[32];
  crypto::RandomBytes(raw);
  out.token = Base64UrlEncode(raw);
  out.expires = now.AddMillis(config_.session_ms);
  out.account = stored->account;
  Status saved = store_.Write("system", [&](store::WriteTx& tx) -> Status {
    const domain::LoginState clear = domain::AfterSuccess();
    RETURN_IF_ERROR(store::UpdateLoginState(tx.conn(), id, clear.failures, clear.locked_until_ms));
    RETURN_IF_ERROR(
        store::RememberAddress(tx.conn(), id, address, tx.now(), config_.known_addresses));
    return store::InsertSession(tx.conn(), crypto::Sha256(out.token), id, now, out.expires);
  });
  if (!saved.ok()) {
    answer.result = saved;
    return answer;
  }
  // Only failures use up an address's allowance.
  addresses_.Refund(address_key, now.millis());
  answer.result = std::move(out);
  return answer;
}

Status Accounts::Logout(std::string_view token) {
  const crypto::Digest hash = crypto::Sha256(token);
  {
    std::lock_guard<std::mutex> lock(cache_mu_);
    cache_.erase(HexEncode(hash));
  }
  return store_.Write("system",
                      [&](store::WriteTx& tx) { return store::RevokeSession(tx.conn(), hash); });
}

Result<domain::Account> Accounts::Authenticate(std::string_view token) {
  if (token.empty() || token.size() > 100)
    return Status::Unauthenticated("a valid bearer token is required");
  const crypto::Digest hash = crypto::Sha256(token);
  const std::string key = HexEncode(hash);
  const int64_t now = store_.clock().Now().millis();
  {
    std::lock_guard<std::mutex> lock(cache_mu_);
    auto it = cache_.find(key);
    if (it != cache_.end() && now - it->second.checked_ms < config_.cache_ms &&
        now < it->second.expires_ms) {
      return it->second.account;
    }
  }
  std::optional<domain::Account> account;
  int64_t expires = 0;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(account,
                     store::FindSessionAccount(tx.conn(), hash, Timestamp::FromMillis(now)));
    expires = now + config_.cache_ms;
    return Status::Ok();
  }));
  std::lock_guard<std::mutex> lock(cache_mu_);
  if (!account) {
    cache_.erase(key);
    return Status::Unauthenticated("the session has expired or was ended; log in again");
  }
  if (cache_.size() > 100'000) cache_.clear();  // bounded: a flood of tokens cannot grow it
  cache_[key] = {*account, now, expires};
  return *account;
}

AccessLog::AccessLog(store::Store& store, int flush_interval_ms)
    : store_(store), flush_interval_ms_(flush_interval_ms), thread_([this] { Loop(); }) {}

AccessLog::~AccessLog() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
  (void)Flush();
}

void AccessLog::Record(const domain::Actor& a, std::string_view action,
                       std::string_view subject_kind, std::string_view subject_id, bool allowed) {
  store::AccessRecord r{store_.clock().Now(),
                        a.account,
                        std::string(ToString(a.role)),
                        std::string(action),
                        std::string(subject_kind),
                        std::string(subject_id),
                        allowed};
  std::lock_guard<std::mutex> lock(mu_);
  queue_.push_back(std::move(r));
}

Status AccessLog::Flush() {
  std::lock_guard<std::mutex> flushing(flush_mu_);
  std::vector<store::AccessRecord> batch;
  {
    std::lock_guard<std::mutex> lock(mu_);
    batch.swap(queue_);
  }
  if (batch.empty()) return Status::Ok();
  auto conn = store_.database().Acquire();
  if (!conn.ok()) return conn.status();
  return store::InTransaction(**conn, true,
                              [&] { return store::InsertAccessRecords(**conn, batch); });
}

void AccessLog::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    cv_.wait_for(lock, std::chrono::milliseconds(flush_interval_ms_));
    if (queue_.empty()) continue;
    lock.unlock();
    Status s = Flush();
    if (!s.ok()) log::Error("access_log.flush_failed", {{"error", s.ToString()}});
    lock.lock();
  }
}

}  // namespace corridor::service
