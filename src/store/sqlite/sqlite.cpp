#include "store/sqlite/sqlite.hpp"

#include <sqlite3.h>
#include <sys/stat.h>

#include <unordered_map>

namespace corridor::store {
namespace {

// "$12" -> "?12", leaving string literals alone.
std::string RewriteParams(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  bool in_string = false;
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'') in_string = !in_string;
    if (!in_string && c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out.push_back('?');
      continue;
    }
    out.push_back(c);
  }
  return out;
}

Status SqliteError(sqlite3* db, int rc, std::string_view what) {
  const std::string detail =
      std::string(what) + ": " + sqlite3_errstr(rc) + ": " + (db ? sqlite3_errmsg(db) : "");
  const int primary = rc & 0xff;
  if (primary == SQLITE_CONSTRAINT) {
    return Status::AlreadyExists("the record conflicts with one already stored").WithDetail(detail);
  }
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return Status::Unavailable("the store is busy; try again").WithDetail(detail);
  }
  if (primary == SQLITE_FULL) {
    // The node's problem, not the client's (ResourceExhausted is a 429: "slow down").
    return Status::Unavailable("the store's disk is full; try again later").WithDetail(detail);
  }
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
    return Status::DataLoss("the store file is damaged").WithDetail(detail);
  }
  return Status::Internal(detail);
}

class SqliteRow final : public Row {
 public:
  explicit SqliteRow(sqlite3_stmt* st) : st_(st) {}
  size_t size() const override { return static_cast<size_t>(sqlite3_column_count(st_)); }
  bool IsNull(size_t c) const override {
    return sqlite3_column_type(st_, static_cast<int>(c)) == SQLITE_NULL;
  }
  int64_t Int(size_t c) const override { return sqlite3_column_int64(st_, static_cast<int>(c)); }
  std::string_view Text(size_t c) const override {
    const auto* p = sqlite3_column_text(st_, static_cast<int>(c));
    const int n = sqlite3_column_bytes(st_, static_cast<int>(c));
    return p ? std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(n))
             : std::string_view();
  }
  std::span<const uint8_t> Blob(size_t c) const override {
    const auto* p = sqlite3_column_blob(st_, static_cast<int>(c));
    const int n = sqlite3_column_bytes(st_, static_cast<int>(c));
    return p ? std::span<const uint8_t>(static_cast<const uint8_t*>(p), static_cast<size_t>(n))
             : std::span<const uint8_t>();
  }

 private:
  sqlite3_stmt* st_;
};

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    for (auto& [sql, st] : cache_) sqlite3_finalize(st);
    sqlite3_close_v2(db_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  Status ExecScript(std::string_view sql) override {
    char* err = nullptr;
    const std::string s(sql);
    const int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      Status st = SqliteError(db_, rc, err ? err : "exec");
      sqlite3_free(err);
      return st;
    }
    return Status::Ok();
  }

  Result<int64_t> Exec(std::string_view sql, std::span<const Param> params) override {
    RETURN_IF_ERROR(Query(sql, params, [](const Row&) { return Status::Ok(); }));
    return static_cast<int64_t>(sqlite3_changes64(db_));
  }

  Status Query(std::string_view sql, std::span<const Param> params,
               const RowCallback& on_row) override {
    ASSIGN_OR_RETURN(sqlite3_stmt * st, Prepare(sql));
    struct Reset {
      sqlite3_stmt* st;
      ~Reset() {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
      }
    } reset{st};
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(st)) {
      return Status::Internal("statement expects " +
                              std::to_string(sqlite3_bind_parameter_count(st)) +
                              " parameters, got " + std::to_string(params.size()));
    }
    for (size_t i = 0; i < params.size(); ++i) {
      const int idx = static_cast<int>(i + 1);
      int rc = SQLITE_OK;
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
              rc = sqlite3_bind_null(st, idx);
            } else if constexpr (std::is_same_v<T, int64_t>) {
              rc = sqlite3_bind_int64(st, idx, v);
            } else if constexpr (std::is_same_v<T, Param::Text>) {
              rc = sqlite3_bind_text64(st, idx, v.s.data(), v.s.size(), SQLITE_STATIC, SQLITE_UTF8);
            } else {
              rc = sqlite3_bind_blob64(st, idx, v.b.data(), v.b.size(), SQLITE_STATIC);
            }
          },
          params[i].value());
      if (rc != SQLITE_OK) return SqliteError(db_, rc, "bind");
    }
    SqliteRow row(st);
    for (;;) {
      const int rc = sqlite3_step(st);
      if (rc == SQLITE_DONE) return Status::Ok();
      if (rc != SQLITE_ROW) return SqliteError(db_, rc, "step: " + std::string(sql.substr(0, 80)));
      RETURN_IF_ERROR(on_row(row));
    }
  }

  // Transaction statements go through the prepared-statement cache: parsing "BEGIN" anew for
  // every request is a measurable share of a small read.
  Status Begin(bool write) override {
    RETURN_IF_ERROR(Exec(write ? "BEGIN IMMEDIATE" : "BEGIN", {}).status());
    in_tx_ = true;
    return Status::Ok();
  }
  Status Commit() override {
    Status s = Exec("COMMIT", {}).status();
    if (s.ok()) in_tx_ = false;
    return s;
  }
  Status Rollback() override {
    in_tx_ = false;
    if (sqlite3_get_autocommit(db_)) return Status::Ok();  // SQLite already rolled back
    return ExecScript("ROLLBACK");
  }
  bool in_transaction() const override { return in_tx_; }

 private:
  Result<sqlite3_stmt*> Prepare(std::string_view sql) {
    auto it = cache_.find(std::string(sql));
    if (it != cache_.end()) return it->second;
    const std::string rewritten = RewriteParams(sql);
    sqlite3_stmt* st = nullptr;
    const int rc = sqlite3_prepare_v3(db_, rewritten.c_str(), static_cast<int>(rewritten.size()),
                                      SQLITE_PREPARE_PERSISTENT, &st, nullptr);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, "prepare: " + rewritten);
    cache_.emplace(std::string(sql), st);
    return st;
  }

  sqlite3* db_;
  bool in_tx_ = false;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, const OpenOptions& options)
      : path_(std::move(path)), options_(options) {
    set_max_idle(static_cast<size_t>(options.pool_size));
  }
  Dialect dialect() const override { return Dialect::kSqlite; }
  std::string Describe() const override { return "sqlite:" + path_; }

  Result<std::unique_ptr<Connection>> Connect() override {
    sqlite3* db = nullptr;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (options_.create) flags |= SQLITE_OPEN_CREATE;
    const int rc =
        sqlite3_open_v2(path_.c_str(), &db, flags,
                        options_.sqlite_vfs.empty() ? nullptr : options_.sqlite_vfs.c_str());
    if (rc != SQLITE_OK) {
      Status s = rc == SQLITE_CANTOPEN
                     ? Status::NotFound("cannot open the store file " + path_ +
                                        (options_.create ? "" : " (run corridor init first)"))
                     : SqliteError(db, rc, "open");
      sqlite3_close_v2(db);
      return s;
    }
    auto conn = std::make_unique<SqliteConnection>(db);
    sqlite3_busy_timeout(db, options_.busy_timeout_ms);
    sqlite3_extended_result_codes(db, 1);
    // WAL with synchronous=FULL: each commit is fsynced to the WAL before COMMIT returns.
    RETURN_IF_ERROR(conn->ExecScript(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"));
    return std::unique_ptr<Connection>(std::move(conn));
  }

 private:
  std::string path_;
  OpenOptions options_;
};

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, const OpenOptions& options) {
  auto db = std::make_unique<SqliteDatabase>(path, options);
  // Open one connection now so a missing or unreadable file is reported at once.
  ASSIGN_OR_RETURN(auto conn, db->Acquire());
  if (options.create) ::chmod(path.c_str(), 0600);  // workers' personal data: owner only
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace corridor::store
