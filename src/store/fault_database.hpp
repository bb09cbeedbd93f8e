// A store::Database that fails on purpose, for the fault-injection tests (docs/reliability.md).
//
// It wraps another Database (SQLite or PostgreSQL) and passes every call through, except the one
// its FaultPlan names: the N-th statement, the N-th commit, or from the N-th write on every write
// (a full disk). The failure is reported as the backend reports a real one of that kind, so the
// code above sees what it would see in production:
//
//   kStatement  the N-th call of ExecScript, Exec, Query, Begin or Commit fails before it reaches
//               the database: Internal, as an I/O error (SQLITE_IOERR, a broken connection).
//   kCommit     the N-th Commit fails before it reaches the database: Internal, as a failed
//               write or fsync of the commit record. The transaction is still open; the caller
//               rolls it back, as it must after any failed commit.
//   kDiskFull   from the N-th writing statement (INSERT, UPDATE, DELETE, DDL) or commit of a
//               transaction that wrote, every one of them fails with Unavailable ("the store's
//               disk is full"), as SQLITE_FULL or PostgreSQL's 53100 are reported, until the
//               plan is disarmed (space freed). Reads go on working.
//
// Rollback never fails: an undo that cannot run drops the connection, which rolls back too.
//
// Thread-safety: a FaultPlan is shared by every connection of the database and counts under a
// mutex; the wrapper is as thread-safe as the Database it wraps.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "store/database.hpp"

namespace corridor::store {

enum class FaultKind { kStatement, kCommit, kDiskFull };

std::string_view ToString(FaultKind kind);

class FaultPlan {
 public:
  // From now on counts the operations `kind` counts; the nth (1-based) fails (and, for
  // kDiskFull, every writing operation after it).
  void Arm(FaultKind kind, int64_t nth);
  // No more failures; the counts are kept until the next Arm.
  void Disarm();
  // How many operations of the armed kind were seen since Arm.
  int64_t seen() const;
  // Whether the armed failure happened (at least one operation failed since Arm).
  bool fired() const;

  // For FaultConnection: whether this operation fails, and with what.
  Status OnStatement(bool writes);
  Status OnCommit(bool wrote);

 private:
  Status Fail();

  mutable std::mutex mu_;
  bool armed_ = false;
  FaultKind kind_ = FaultKind::kStatement;
  int64_t nth_ = 0;
  int64_t seen_ = 0;
  int64_t failed_ = 0;
};

// Wraps `inner`; every connection it hands out consults `plan`.
std::unique_ptr<Database> WrapWithFaults(std::unique_ptr<Database> inner,
                                         std::shared_ptr<FaultPlan> plan);

// Whether a statement changes the database (its first keyword), for kDiskFull.
bool IsWritingStatement(std::string_view sql);

}  // namespace corridor::store
