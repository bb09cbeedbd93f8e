// The one storage interface: connections to a SQL database, transactions, and statements with
// positional parameters $1, $2, ... written once in the portable dialect both backends accept.
//
// Two implementations sit behind it: SQLite (store/sqlite, the embedded default: one file, WAL,
// synchronous=FULL so a committed transaction survives power loss) and PostgreSQL (store/postgres,
// libpq). Nothing above this header includes sqlite3.h or libpq-fe.h.
//
// Thread-safety: a Database is shared by all threads; a Connection belongs to one thread at a
// time (Acquire() hands one out and takes it back when the handle is destroyed).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/status.hpp"

namespace corridor::store {

enum class Dialect { kSqlite, kPostgres };

// A statement parameter. Text and blobs are distinct so PostgreSQL gets text and bytea.
class Param {
 public:
  Param() = default;                                      // NULL
  Param(std::nullptr_t) {}                                // NOLINT
  Param(int64_t v) : v_(v) {}                             // NOLINT
  Param(int v) : v_(static_cast<int64_t>(v)) {}           // NOLINT
  Param(uint64_t v) : v_(static_cast<int64_t>(v)) {}      // NOLINT
  Param(bool v) : v_(static_cast<int64_t>(v ? 1 : 0)) {}  // NOLINT
  // Text is copied: a parameter often comes from a temporary (a key built from two fields).
  Param(std::string_view v) : v_(Text{std::string(v)}) {}  // NOLINT
  Param(std::string v) : v_(Text{std::move(v)}) {}         // NOLINT
  Param(const char* v) : v_(Text{std::string(v)}) {}       // NOLINT
  static Param Blob(std::span<const uint8_t> bytes) {
    Param p;
    p.v_ = BlobRef{bytes};
    return p;
  }

  struct Text {
    std::string s;
  };
  // Blobs are not copied: the bytes must outlive the statement call.
  struct BlobRef {
    std::span<const uint8_t> b;
  };
  using Variant = std::variant<std::monostate, int64_t, Text, BlobRef>;
  const Variant& value() const { return v_; }

 private:
  Variant v_;
};

// One result row; valid only inside the callback that receives it.
class Row {
 public:
  virtual ~Row() = default;
  virtual size_t size() const = 0;
  virtual bool IsNull(size_t column) const = 0;
  virtual int64_t Int(size_t column) const = 0;
  virtual std::string_view Text(size_t column) const = 0;
  virtual std::span<const uint8_t> Blob(size_t column) const = 0;
  std::string String(size_t column) const { return std::string(Text(column)); }
};

using RowCallback = std::function<Status(const Row&)>;

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;

  // Runs one or more statements without parameters (schema scripts).
  virtual Status ExecScript(std::string_view sql) = 0;
  // Runs one statement; returns the number of rows it changed.
  virtual Result<int64_t> Exec(std::string_view sql, std::span<const Param> params) = 0;
  // Runs one statement and calls `on_row` for each row; a non-OK status from the callback stops
  // the query and is returned.
  virtual Status Query(std::string_view sql, std::span<const Param> params,
                       const RowCallback& on_row) = 0;

  // A write transaction takes the database's write lock at once (SQLite BEGIN IMMEDIATE), so
  // writers queue instead of failing midway. A read transaction sees one snapshot from its first
  // query to its end (SQLite in WAL mode; PostgreSQL REPEATABLE READ READ ONLY, which never fails
  // for serialization), so a reader never sees half of what a writer did meanwhile.
  virtual Status Begin(bool write) = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
  virtual bool in_transaction() const = 0;

  Result<int64_t> Exec(std::string_view sql, std::initializer_list<Param> params = {}) {
    return Exec(sql, std::span<const Param>(params.begin(), params.size()));
  }
  Status Query(std::string_view sql, std::initializer_list<Param> params,
               const RowCallback& on_row) {
    return Query(sql, std::span<const Param>(params.begin(), params.size()), on_row);
  }
};

class Database;

// A connection on loan from the pool; returned when destroyed (rolled back if a transaction was
// left open).
class PooledConnection {
 public:
  PooledConnection(Database* db, std::unique_ptr<Connection> conn)
      : db_(db), conn_(std::move(conn)) {}
  PooledConnection(PooledConnection&&) noexcept = default;
  PooledConnection& operator=(PooledConnection&&) = delete;
  ~PooledConnection();
  Connection* operator->() { return conn_.get(); }
  Connection& operator*() { return *conn_; }

 private:
  Database* db_;
  std::unique_ptr<Connection> conn_;
};

struct OpenOptions {
  bool create = false;  // SQLite: create the file if missing
  int pool_size = 4;    // connections kept open
  int busy_timeout_ms = 30'000;
  // SQLite: the VFS to open the file through (the fault-injection tests register one); empty:
  // SQLite's default.
  std::string sqlite_vfs;
};

class Database {
 public:
  virtual ~Database() = default;
  // "sqlite:PATH" or "postgresql://..." (also "postgres://...").
  static Result<std::unique_ptr<Database>> Open(const std::string& uri, const OpenOptions& options);

  virtual Dialect dialect() const = 0;
  // A description safe for logs and messages: no password.
  virtual std::string Describe() const = 0;
  Result<PooledConnection> Acquire();

 protected:
  virtual Result<std::unique_ptr<Connection>> Connect() = 0;

 private:
  friend class PooledConnection;
  void Release(std::unique_ptr<Connection> conn);

  std::mutex mu_;
  std::vector<std::unique_ptr<Connection>> idle_;
  size_t max_idle_ = 4;

 protected:
  void set_max_idle(size_t n) { max_idle_ = n; }
};

// Runs `fn` inside a transaction on `conn`: commits if it returns OK, rolls back otherwise.
Status InTransaction(Connection& conn, bool write, const std::function<Status()>& fn);

}  // namespace corridor::store
