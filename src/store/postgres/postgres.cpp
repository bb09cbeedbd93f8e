#include "store/postgres/postgres.hpp"

#include <arpa/inet.h>
#include <libpq-fe.h>

#include <cstring>
#include <unordered_map>

namespace corridor::store {
namespace {

// Type OIDs of the PostgreSQL catalogue (stable across versions).
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kTextOid = 25;

std::string Redact(const std::string& uri) {
  // postgresql://user:password@host -> postgresql://user:***@host
  const size_t scheme = uri.find("://");
  const size_t at = uri.find('@', scheme == std::string::npos ? 0 : scheme + 3);
  if (scheme == std::string::npos || at == std::string::npos) return uri;
  const size_t colon = uri.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return uri;
  return uri.substr(0, colon + 1) + "***" + uri.substr(at);
}

Status PgError(PGconn* conn, const PGresult* res, std::string_view what) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const std::string detail =
      std::string(what) + ": " + (res ? PQresultErrorMessage(res) : PQerrorMessage(conn));
  const std::string_view code = state ? state : "";
  if (code == "23505" || code == "23503" || code == "23514") {
    return Status::AlreadyExists("the record conflicts with one already stored").WithDetail(detail);
  }
  if (code == "40001" || code == "40P01") {
    return Status::Conflict("a concurrent change won; try again").WithDetail(detail);
  }
  if (code.substr(0, 2) == "08" || PQstatus(conn) != CONNECTION_OK) {
    return Status::Unavailable("the database cannot be reached").WithDetail(detail);
  }
  if (code == "53100") {
    // The node's problem, not the client's (ResourceExhausted is a 429: "slow down").
    return Status::Unavailable("the database's disk is full; try again later").WithDetail(detail);
  }
  return Status::Internal(detail);
}

uint64_t LoadBE(const char* p, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; ++i) v = v << 8 | static_cast<uint8_t>(p[i]);
  return v;
}

class PgRow final : public Row {
 public:
  PgRow(PGresult* res, int row) : res_(res), row_(row) {}
  size_t size() const override { return static_cast<size_t>(PQnfields(res_)); }
  bool IsNull(size_t c) const override { return PQgetisnull(res_, row_, static_cast<int>(c)) != 0; }
  int64_t Int(size_t c) const override {
    const int col = static_cast<int>(c);
    if (PQgetisnull(res_, row_, col)) return 0;
    const char* p = PQgetvalue(res_, row_, col);
    switch (PQftype(res_, col)) {
      case kInt8Oid:
        return static_cast<int64_t>(LoadBE(p, 8));
      case kInt4Oid:
        return static_cast<int32_t>(LoadBE(p, 4));
      case kInt2Oid:
        return static_cast<int16_t>(LoadBE(p, 2));
      case kBoolOid:
        return p[0] != 0;
      default:
        return 0;
    }
  }
  std::string_view Text(size_t c) const override {
    const int col = static_cast<int>(c);
    return {PQgetvalue(res_, row_, col), static_cast<size_t>(PQgetlength(res_, row_, col))};
  }
  std::span<const uint8_t> Blob(size_t c) const override {
    const int col = static_cast<int>(c);
    return {reinterpret_cast<const uint8_t*>(PQgetvalue(res_, row_, col)),
            static_cast<size_t>(PQgetlength(res_, row_, col))};
  }

 private:
  PGresult* res_;
  int row_;
};

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

class PgConnection final : public Connection {
 public:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  ~PgConnection() override { PQfinish(conn_); }
  Dialect dialect() const override { return Dialect::kPostgres; }

  Status ExecScript(std::string_view sql) override {
    const std::string s(sql);
    ResultPtr res(PQexec(conn_, s.c_str()));
    const auto st = PQresultStatus(res.get());
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return PgError(conn_, res.get(), "exec");
    return Status::Ok();
  }

  Result<int64_t> Exec(std::string_view sql, std::span<const Param> params) override {
    ASSIGN_OR_RETURN(ResultPtr res, Run(sql, params));
    const char* n = PQcmdTuples(res.get());
    return static_cast<int64_t>(n && *n ? std::strtoll(n, nullptr, 10) : 0);
  }

  Status Query(std::string_view sql, std::span<const Param> params,
               const RowCallback& on_row) override {
    ASSIGN_OR_RETURN(ResultPtr res, Run(sql, params));
    const int rows = PQntuples(res.get());
    for (int r = 0; r < rows; ++r) {
      PgRow row(res.get(), r);
      RETURN_IF_ERROR(on_row(row));
    }
    return Status::Ok();
  }

  Status Begin(bool write) override {
    RETURN_IF_ERROR(
        ExecScript(write ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    in_tx_ = true;
    return Status::Ok();
  }
  Status Commit() override {
    Status s = ExecScript("COMMIT");
    in_tx_ = false;
    return s;
  }
  Status Rollback() override {
    in_tx_ = false;
    return ExecScript("ROLLBACK");
  }
  bool in_transaction() const override { return in_tx_; }

 private:
  Result<ResultPtr> Run(std::string_view sql, std::span<const Param> params) {
    ASSIGN_OR_RETURN(const std::string* name, Prepare(sql, params));
    // Binary parameters: int8 big-endian, text as is, bytea raw.
    std::vector<const char*> values(params.size());
    std::vector<int> lengths(params.size());
    std::vector<int> formats(params.size());
    std::vector<std::array<char, 8>> ints(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
              values[i] = nullptr;
            } else if constexpr (std::is_same_v<T, int64_t>) {
              const auto u = static_cast<uint64_t>(v);
              for (int b = 0; b < 8; ++b) ints[i][b] = static_cast<char>(u >> (56 - 8 * b));
              values[i] = ints[i].data();
              lengths[i] = 8;
              formats[i] = 1;
            } else if constexpr (std::is_same_v<T, Param::Text>) {
              values[i] = v.s.data() ? v.s.data() : "";
              lengths[i] = static_cast<int>(v.s.size());
              formats[i] = 1;
            } else {
              values[i] = reinterpret_cast<const char*>(v.b.data());
              lengths[i] = static_cast<int>(v.b.size());
              formats[i] = 1;
            }
          },
          params[i].value());
    }
    ResultPtr res(PQexecPrepared(conn_, name->c_str(), static_cast<int>(params.size()),
                                 values.data(), lengths.data(), formats.data(), 1));
    const auto st = PQresultStatus(res.get());
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      return PgError(conn_, res.get(), "run: " + std::string(sql.substr(0, 80)));
    }
    return res;
  }

  Result<const std::string*> Prepare(std::string_view sql, std::span<const Param> params) {
    const std::string key(sql);
    auto it = names_.find(key);
    if (it != names_.end()) return &it->second;
    // Parameter types from the first use: int8 for integers, text, bytea; NULL lets the server
    // infer.
    std::vector<Oid> types(params.size(), 0);
    for (size_t i = 0; i < params.size(); ++i) {
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, int64_t>) {
              types[i] = kInt8Oid;
            } else if constexpr (std::is_same_v<T, Param::Text>) {
              types[i] = kTextOid;
            } else if constexpr (std::is_same_v<T, Param::BlobRef>) {
              types[i] = kByteaOid;
            }
          },
          params[i].value());
    }
    std::string name = "s" + std::to_string(names_.size() + 1);
    ResultPtr res(
        PQprepare(conn_, name.c_str(), key.c_str(), static_cast<int>(types.size()), types.data()));
    if (PQresultStatus(res.get()) != PGRES_COMMAND_OK) {
      return PgError(conn_, res.get(), "prepare: " + key.substr(0, 80));
    }
    auto [pos, inserted] = names_.emplace(key, std::move(name));
    return &pos->second;
  }

  PGconn* conn_;
  bool in_tx_ = false;
  std::unordered_map<std::string, std::string> names_;
};

class PgDatabase final : public Database {
 public:
  PgDatabase(std::string uri, const OpenOptions& options)
      : uri_(std::move(uri)), options_(options) {
    set_max_idle(static_cast<size_t>(options.pool_size));
  }
  Dialect dialect() const override { return Dialect::kPostgres; }
  std::string Describe() const override { return Redact(uri_); }

  Result<std::unique_ptr<Connection>> Connect() override {
    PGconn* conn = PQconnectdb(uri_.c_str());
    if (PQstatus(conn) != CONNECTION_OK) {
      Status s =
          Status::Unavailable("cannot connect to " + Redact(uri_)).WithDetail(PQerrorMessage(conn));
      PQfinish(conn);
      return s;
    }
    auto c = std::make_unique<PgConnection>(conn);
    // Quiet NOTICEs (e.g. "relation already exists, skipping") and fix the time zone.
    RETURN_IF_ERROR(c->ExecScript("SET client_min_messages = warning; SET TIME ZONE 'UTC'"));
    return std::unique_ptr<Connection>(std::move(c));
  }

 private:
  std::string uri_;
  OpenOptions options_;
};

}  // namespace

Result<std::unique_ptr<Database>> OpenPostgres(const std::string& uri, const OpenOptions& options) {
  auto db = std::make_unique<PgDatabase>(uri, options);
  ASSIGN_OR_RETURN(auto conn, db->Acquire());
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace corridor::store
