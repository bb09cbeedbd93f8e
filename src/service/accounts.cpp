#include "service/accounts.hpp"

#include <chrono>

#include "core/encoding.hpp"
#include "core/log.hpp"

namespace corridor::service {

Accounts::Accounts(store::Store& store, AuthConfig config) : store_(store), config_(config) {
  auto h = crypto::HashPassword("not a password of anyone: timing equaliser");
  dummy_hash_ = h.ok() ? *h : std::string();
}

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
    if (account.id.empty()) account.id = NewId<AccountId>(tx.rng());
    RETURN_IF_ERROR(store::InsertAccount(tx.conn(), account, hash, tx.now()));
    json::Object data;  // never the password hash
    data.Set("username", account.username);
    data.Set("role", std::string(ToString(account.role)));
    data.Set("country", account.country);
    data.Set("employer", account.employer ? json::Value(account.employer->value()) : json::Value());
    data.Set("agency", account.agency ? json::Value(account.agency->value()) : json::Value());
    data.Set("worker", account.worker ? json::Value(account.worker->value()) : json::Value());
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

Result<LoginResult> Accounts::Login(std::string_view username, std::string_view password) {
  const Status wrong = Status::Unauthenticated("wrong username or password");
  std::optional<store::StoredAccount> stored;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(stored, store::FindAccountByUsername(tx.conn(), username));
    return Status::Ok();
  }));
  const Timestamp now = store_.clock().Now();
  if (!stored) {
    (void)crypto::CheckPassword(password, dummy_hash_);
    return wrong;
  }
  if (stored->locked_until_ms > now.millis()) {
    const int64_t secs = (stored->locked_until_ms - now.millis() + 999) / 1000;
    return Status::ResourceExhausted("too many failed logins; try again in " +
                                     std::to_string(secs) + " seconds");
  }
  const bool good = crypto::CheckPassword(password, stored->password_hash);
  if (!good || stored->account.disabled) {
    const int failed = stored->failed_logins + 1;
    int64_t lock = 0;
    if (failed >= config_.max_failed_logins) {
      const int doublings = std::min(failed - config_.max_failed_logins, 20);
      lock = now.millis() + std::min(config_.lock_base_ms << doublings, config_.lock_max_ms);
    }
    RETURN_IF_ERROR(store_.Write("system", [&](store::WriteTx& tx) {
      return store::UpdateLoginState(tx.conn(), stored->account.id, failed, lock);
    }));
    return wrong;
  }
  LoginResult out;
  uint8_t raw[32];
  crypto::RandomBytes(raw);
  out.token = Base64UrlEncode(raw);
  out.expires = now.AddMillis(config_.session_ms);
  out.account = stored->account;
  RETURN_IF_ERROR(store_.Write("system", [&](store::WriteTx& tx) -> Status {
    RETURN_IF_ERROR(store::UpdateLoginState(tx.conn(), stored->account.id, 0, 0));
    return store::InsertSession(tx.conn(), crypto::Sha256(out.token), stored->account.id, now,
                                out.expires);
  }));
  return out;
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
