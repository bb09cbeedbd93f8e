#include "store/accounts.hpp"

namespace corridor::store {
namespace {

constexpr const char* kAccountColumns =
    "id, username, role, country, employer_id, agency_id, worker_id, display_name, language, "
    "disabled, password_hash, failed_logins, locked_until_ms, centre_id";

Result<StoredAccount> RowToAccount(const Row& r) {
  StoredAccount s;
  domain::Account& a = s.account;
  a.id = AccountId(r.String(0));
  a.username = r.String(1);
  auto role = domain::ParseRole(r.Text(2));
  if (!role.ok()) return Status::DataLoss("a stored account has an unknown role");
  a.role = *role;
  a.country = r.String(3);
  if (!r.IsNull(4)) a.employer = EmployerId(r.String(4));
  if (!r.IsNull(5)) a.agency = AgencyId(r.String(5));
  if (!r.IsNull(6)) a.worker = WorkerId(r.String(6));
  a.display_name = r.String(7);
  a.language = r.String(8);
  a.disabled = r.Int(9) != 0;
  s.password_hash = r.String(10);
  s.failed_logins = static_cast<int>(r.Int(11));
  s.locked_until_ms = r.Int(12);
  if (!r.IsNull(13)) a.centre = CentreId(r.String(13));
  return s;
}

Param OptId(const auto& id) { return id ? Param(id->value()) : Param(); }

}  // namespace

Result<std::optional<StoredAccount>> FindAccountByUsername(Connection& c,
                                                           std::string_view username) {
  std::optional<StoredAccount> out;
  Status inner;
  RETURN_IF_ERROR(
      c.Query(std::string("SELECT ") + kAccountColumns + " FROM accounts WHERE username = $1",
              {username}, [&](const Row& r) {
                ASSIGN_OR_RETURN(auto a, RowToAccount(r));
                out = std::move(a);
                return Status::Ok();
              }));
  return out;
}

Result<std::optional<domain::Account>> FindAccount(Connection& c, const AccountId& id) {
  std::optional<domain::Account> out;
  RETURN_IF_ERROR(c.Query(std::string("SELECT ") + kAccountColumns + " FROM accounts WHERE id = $1",
                          {id.value()}, [&](const Row& r) {
                            ASSIGN_OR_RETURN(auto a, RowToAccount(r));
                            out = std::move(a.account);
                            return Status::Ok();
                          }));
  return out;
}

Result<std::vector<domain::Account>> ListAccounts(Connection& c, std::string_view after,
                                                  int limit) {
  std::vector<domain::Account> out;
  RETURN_IF_ERROR(c.Query(std::string("SELECT ") + kAccountColumns +
                              " FROM accounts WHERE id > $1 ORDER BY id LIMIT $2",
                          {after, int64_t{limit}}, [&](const Row& r) {
                            ASSIGN_OR_RETURN(auto a, RowToAccount(r));
                            out.push_back(std::move(a.account));
                            return Status::Ok();
                          }));
  return out;
}

Result<std::vector<domain::Account>> ListActiveAccountsByRole(
    Connection& c, std::string_view country, const std::vector<domain::Role>& roles, int limit) {
  std::vector<domain::Account> out;
  if (roles.empty()) return out;
  std::vector<Param> params{country, int64_t{limit}};
  std::string in;
  for (const domain::Role r : roles) {
    params.emplace_back(std::string(ToString(r)));
    in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  RETURN_IF_ERROR(c.Query(std::string("SELECT ") + kAccountColumns +
                              " FROM accounts WHERE country = $1 AND disabled = 0 AND role IN (" +
                              in + ") ORDER BY display_name, id LIMIT $2",
                          params, [&](const Row& r) {
                            ASSIGN_OR_RETURN(auto a, RowToAccount(r));
                            out.push_back(std::move(a.account));
                            return Status::Ok();
                          }));
  return out;
}

Status InsertAccount(Connection& c, const domain::Account& a, const std::string& password_hash,
                     Timestamp now) {
  Status s = c.Exec(
                  "INSERT INTO accounts (id, username, password_hash, role, country, employer_id, "
                  "agency_id, worker_id, display_name, language, disabled, failed_logins, "
                  "locked_until_ms, created_ms, centre_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
                  "$9, $10, $11, 0, 0, $12, $13)",
                  {a.id.value(), a.username, password_hash, std::string(ToString(a.role)),
                   a.country, OptId(a.employer), OptId(a.agency), OptId(a.worker), a.display_name,
                   a.language, int64_t{a.disabled ? 1 : 0}, now.millis(), OptId(a.centre)})
                 .status();
  if (s.code() == Code::kAlreadyExists) {
    return Status::AlreadyExists("the username " + a.username + " is taken", "username");
  }
  return s;
}

Status UpdateLoginState(Connection& c, const AccountId& id, int failed_logins,
                        int64_t locked_until_ms) {
  return c
      .Exec("UPDATE accounts SET failed_logins = $2, locked_until_ms = $3 WHERE id = $1",
            {id.value(), int64_t{failed_logins}, locked_until_ms})
      .status();
}

Result<domain::LoginState> GetLoginState(Connection& c, const AccountId& id) {
  std::optional<domain::LoginState> out;
  RETURN_IF_ERROR(c.Query("SELECT failed_logins, locked_until_ms FROM accounts WHERE id = $1",
                          {id.value()}, [&](const Row& r) {
                            out = domain::LoginState{static_cast<int>(r.Int(0)), r.Int(1)};
                            return Status::Ok();
                          }));
  if (!out) return Status::NotFound("account " + id.value() + " does not exist");
  return *out;
}

Result<bool> IsKnownAddress(Connection& c, const AccountId& id, const crypto::Digest& address) {
  bool known = false;
  RETURN_IF_ERROR(
      c.Query("SELECT 1 FROM account_addresses WHERE account_id = $1 AND address_hash = $2",
              {id.value(), Param::Blob(address)}, [&](const Row&) {
                known = true;
                return Status::Ok();
              }));
  return known;
}

Status RememberAddress(Connection& c, const AccountId& id, const crypto::Digest& address,
                       Timestamp now, int keep) {
  ASSIGN_OR_RETURN(int64_t updated,
                   c.Exec("UPDATE account_addresses SET last_ms = $3 WHERE account_id = $1 AND "
                          "address_hash = $2",
                          {id.value(), Param::Blob(address), now.millis()}));
  if (updated > 0) return Status::Ok();
  RETURN_IF_ERROR(c.Exec("INSERT INTO account_addresses (account_id, address_hash, last_ms) "
                         "VALUES ($1, $2, $3)",
                         {id.value(), Param::Blob(address), now.millis()})
                      .status());
  // Only the newest few: an account's list cannot grow without bound.
  return c
      .Exec(
          "DELETE FROM account_addresses WHERE account_id = $1 AND address_hash NOT IN (SELECT "
          "address_hash FROM account_addresses WHERE account_id = $1 ORDER BY last_ms DESC, "
          "address_hash LIMIT $2)",
          {id.value(), int64_t{keep}})
      .status();
}

Status InsertSession(Connection& c, const crypto::Digest& token_hash, const AccountId& account,
                     Timestamp now, Timestamp expires) {
  return c
      .Exec(
          "INSERT INTO sessions (token_hash, account_id, created_ms, expires_ms, revoked) "
          "VALUES ($1, $2, $3, $4, 0)",
          {Param::Blob(token_hash), account.value(), now.millis(), expires.millis()})
      .status();
}

Result<std::optional<domain::Account>> FindSessionAccount(Connection& c,
                                                          const crypto::Digest& token_hash,
                                                          Timestamp now) {
  std::optional<AccountId> id;
  RETURN_IF_ERROR(c.Query(
      "SELECT account_id FROM sessions WHERE token_hash = $1 AND revoked = 0 AND expires_ms > $2",
      {Param::Blob(token_hash), now.millis()}, [&](const Row& r) {
        id = AccountId(r.String(0));
        return Status::Ok();
      }));
  if (!id) return std::optional<domain::Account>();
  ASSIGN_OR_RETURN(auto account, FindAccount(c, *id));
  if (!account || account->disabled) return std::optional<domain::Account>();
  return account;
}

Status RevokeSession(Connection& c, const crypto::Digest& token_hash) {
  return c.Exec("UPDATE sessions SET revoked = 1 WHERE token_hash = $1", {Param::Blob(token_hash)})
      .status();
}

Status InsertAccessRecords(Connection& c, const std::vector<AccessRecord>& records) {
  for (const auto& r : records) {
    RETURN_IF_ERROR(c.Exec("INSERT INTO access_log (time_ms, account_id, role, action, "
                           "subject_kind, subject_id, allowed) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                           {r.time.millis(), r.account, r.role, r.action, r.subject_kind,
                            r.subject_id, int64_t{r.allowed ? 1 : 0}})
                        .status());
  }
  return Status::Ok();
}

Result<std::vector<AccessRecord>> ListAccessRecords(Connection& c, std::string_view subject_id,
                                                    int limit) {
  std::vector<AccessRecord> out;
  RETURN_IF_ERROR(
      c.Query("SELECT time_ms, account_id, role, action, subject_kind, subject_id, "
              "allowed FROM access_log WHERE subject_id = $1 ORDER BY id LIMIT $2",
              {subject_id, int64_t{limit}}, [&](const Row& r) {
                out.push_back({Timestamp::FromMillis(r.Int(0)), r.String(1), r.String(2),
                               r.String(3), r.String(4), r.String(5), r.Int(6) != 0});
                return Status::Ok();
              }));
  return out;
}

Result<std::optional<IdempotentResponse>> FindIdempotencyKey(Connection& c,
                                                             std::string_view account,
                                                             std::string_view key) {
  std::optional<IdempotentResponse> out;
  RETURN_IF_ERROR(
      c.Query("SELECT request_hash, subject, status, response FROM idempotency_keys "
              "WHERE account_id = $1 AND key = $2",
              {account, key}, [&](const Row& r) {
                IdempotentResponse i;
                const auto h = r.Blob(0);
                if (h.size() == 32) std::copy(h.begin(), h.end(), i.request_hash.begin());
                i.subject = r.String(1);
                i.status = static_cast<int>(r.Int(2));
                i.response = r.String(3);
                out = std::move(i);
                return Status::Ok();
              }));
  return out;
}

Status StoreIdempotentResponse(Connection& c, std::string_view account, std::string_view key,
                               int status, const std::string& response) {
  return c
      .Exec(
          "UPDATE idempotency_keys SET status = $3, response = $4 WHERE account_id = $1 AND "
          "key = $2",
          {account, key, int64_t{status}, response})
      .status();
}

}  // namespace corridor::store
