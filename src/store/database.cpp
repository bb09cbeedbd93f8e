#include "store/database.hpp"

#include "store/postgres/postgres.hpp"
#include "store/sqlite/sqlite.hpp"

namespace corridor::store {

PooledConnection::~PooledConnection() {
  if (conn_ && db_) db_->Release(std::move(conn_));
}

Result<std::unique_ptr<Database>> Database::Open(const std::string& uri,
                                                 const OpenOptions& options) {
  if (uri.rfind("sqlite:", 0) == 0) {
    const std::string path = uri.substr(7);
    if (path.empty()) return Status::InvalidArgument("the store URI 'sqlite:' names no file");
    return OpenSqlite(path, options);
  }
  if (uri.rfind("postgresql://", 0) == 0 || uri.rfind("postgres://", 0) == 0) {
    return OpenPostgres(uri, options);
  }
  return Status::InvalidArgument(
      "a store URI is sqlite:PATH or postgresql://USER@HOST:PORT/DATABASE");
}

Result<PooledConnection> Database::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return PooledConnection(this, std::move(conn));
    }
  }
  ASSIGN_OR_RETURN(auto conn, Connect());
  return PooledConnection(this, std::move(conn));
}

void Database::Release(std::unique_ptr<Connection> conn) {
  if (conn->in_transaction()) {
    // A transaction left open by an error path: undo it before anyone else uses the connection.
    if (!conn->Rollback().ok()) return;  // drop a broken connection
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (idle_.size() < max_idle_) idle_.push_back(std::move(conn));
}

Status InTransaction(Connection& conn, bool write, const std::function<Status()>& fn) {
  RETURN_IF_ERROR(conn.Begin(write));
  Status s = fn();
  if (!s.ok()) {
    Status r = conn.Rollback();
    (void)r;  // the original error is what the caller needs to see
    return s;
  }
  return conn.Commit();
}

}  // namespace corridor::store
