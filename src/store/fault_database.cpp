#include "store/fault_database.hpp"

#include <cctype>
#include <utility>

namespace corridor::store {
namespace {

class FaultConnection final : public Connection {
 public:
  FaultConnection(std::shared_ptr<Database> db, PooledConnection inner, Dialect dialect,
                  std::shared_ptr<FaultPlan> plan)
      : db_(std::move(db)), inner_(std::move(inner)), dialect_(dialect), plan_(std::move(plan)) {}

  Dialect dialect() const override { return dialect_; }

  Status ExecScript(std::string_view sql) override {
    const bool writes = IsWritingStatement(sql);
    RETURN_IF_ERROR(plan_->OnStatement(writes));
    wrote_ = wrote_ || writes;
    return inner_->ExecScript(sql);
  }
  Result<int64_t> Exec(std::string_view sql, std::span<const Param> params) override {
    const bool writes = IsWritingStatement(sql);
    RETURN_IF_ERROR(plan_->OnStatement(writes));
    wrote_ = wrote_ || writes;
    return inner_->Exec(sql, params);
  }
  Status Query(std::string_view sql, std::span<const Param> params,
               const RowCallback& on_row) override {
    const bool writes = IsWritingStatement(sql);
    RETURN_IF_ERROR(plan_->OnStatement(writes));
    wrote_ = wrote_ || writes;
    return inner_->Query(sql, params, on_row);
  }
  Status Begin(bool write) override {
    RETURN_IF_ERROR(plan_->OnStatement(false));
    wrote_ = false;
    return inner_->Begin(write);
  }
  Status Commit() override {
    RETURN_IF_ERROR(plan_->OnCommit(wrote_));
    RETURN_IF_ERROR(inner_->Commit());
    wrote_ = false;
    return Status::Ok();
  }
  Status Rollback() override {
    wrote_ = false;
    return inner_->Rollback();
  }
  bool in_transaction() const override { return inner_->in_transaction(); }

 private:
  // The wrapped database outlives its connection: the wrapper's own pool (in the Database base
  // class) is emptied only after the wrapper's members are gone.
  std::shared_ptr<Database> db_;
  // PooledConnection hands out its connection only through non-const accessors.
  mutable PooledConnection inner_;
  Dialect dialect_;
  std::shared_ptr<FaultPlan> plan_;
  bool wrote_ = false;  // the open transaction changed something
};

class FaultDatabase final : public Database {
 public:
  FaultDatabase(std::unique_ptr<Database> inner, std::shared_ptr<FaultPlan> plan)
      : inner_(std::move(inner)), plan_(std::move(plan)) {}
  Dialect dialect() const override { return inner_->dialect(); }
  std::string Describe() const override { return inner_->Describe() + " (with faults)"; }

 protected:
  Result<std::unique_ptr<Connection>> Connect() override {
    ASSIGN_OR_RETURN(PooledConnection conn, inner_->Acquire());
    return std::unique_ptr<Connection>(
        std::make_unique<FaultConnection>(inner_, std::move(conn), inner_->dialect(), plan_));
  }

 private:
  std::shared_ptr<Database> inner_;
  std::shared_ptr<FaultPlan> plan_;
};

}  // namespace

std::string_view ToString(FaultKind kind) {
  switch (kind) {
    case FaultKind::kStatement:
      return "statement";
    case FaultKind::kCommit:
      return "commit";
    case FaultKind::kDiskFull:
      return "disk full";
  }
  return "?";
}

void FaultPlan::Arm(FaultKind kind, int64_t nth) {
  std::lock_guard<std::mutex> lock(mu_);
  armed_ = true;
  kind_ = kind;
  nth_ = nth;
  seen_ = 0;
  failed_ = 0;
}

void FaultPlan::Disarm() {
  std::lock_guard<std::mutex> lock(mu_);
  armed_ = false;
}

int64_t FaultPlan::seen() const {
  std::lock_guard<std::mutex> lock(mu_);
  return seen_;
}

bool FaultPlan::fired() const {
  std::lock_guard<std::mutex> lock(mu_);
  return failed_ > 0;
}

Status FaultPlan::Fail() {
  ++failed_;
  const std::string what =
      "injected " + std::string(ToString(kind_)) + " fault at operation " + std::to_string(seen_);
  if (kind_ == FaultKind::kDiskFull) {
    return Status::Unavailable("the store's disk is full; try again later").WithDetail(what);
  }
  return Status::Internal(what);
}

Status FaultPlan::OnStatement(bool writes) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!armed_) return Status::Ok();
  switch (kind_) {
    case FaultKind::kStatement:
      if (++seen_ == nth_) return Fail();
      return Status::Ok();
    case FaultKind::kCommit:
      return Status::Ok();
    case FaultKind::kDiskFull:
      if (!writes) return Status::Ok();
      if (++seen_ >= nth_) return Fail();
      return Status::Ok();
  }
  return Status::Ok();
}

Status FaultPlan::OnCommit(bool wrote) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!armed_) return Status::Ok();
  switch (kind_) {
    case FaultKind::kStatement:
    case FaultKind::kCommit:
      if (++seen_ == nth_) return Fail();
      return Status::Ok();
    case FaultKind::kDiskFull:
      if (!wrote) return Status::Ok();
      if (++seen_ >= nth_) return Fail();
      return Status::Ok();
  }
  return Status::Ok();
}

std::unique_ptr<Database> WrapWithFaults(std::unique_ptr<Database> inner,
                                         std::shared_ptr<FaultPlan> plan) {
  return std::make_unique<FaultDatabase>(std::move(inner), std::move(plan));
}

bool IsWritingStatement(std::string_view sql) {
  size_t i = 0;
  while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
  size_t j = i;
  while (j < sql.size() && std::isalpha(static_cast<unsigned char>(sql[j]))) ++j;
  std::string word;
  for (size_t k = i; k < j; ++k) {
    word.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(sql[k]))));
  }
  return word == "INSERT" || word == "UPDATE" || word == "DELETE" || word == "REPLACE" ||
         word == "CREATE" || word == "DROP" || word == "ALTER";
}

}  // namespace corridor::store
