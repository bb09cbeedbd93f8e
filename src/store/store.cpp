// The store's transactions: creating and opening a node's store, and the write and read
// transactions every use case and query runs in (records in records.cpp, the ledger's append in
// ledger_append.cpp, tree heads in tree_heads.cpp, proofs and verification in proofs.cpp).
#include "store/store.hpp"

#include <chrono>

#include "core/encoding.hpp"
#include "store/ledger_nodes.hpp"
#include "store/migrations.hpp"

namespace corridor::store {

// ---------------------------------------------------------------- the store

Status Store::Initialise(const std::string& uri, const NodeIdentity& identity) {
  RETURN_IF_ERROR(CheckIdText(identity.node_id).WithField("node_id"));
  OpenOptions options;
  options.create = true;
  options.pool_size = 1;
  ASSIGN_OR_RETURN(auto db, Database::Open(uri, options));
  ASSIGN_OR_RETURN(auto conn, db->Acquire());
  ASSIGN_OR_RETURN(int version, SchemaVersion(*conn));
  if (version != 0) {
    return Status::AlreadyExists("the store " + db->Describe() + " holds a Corridor node already");
  }
  RETURN_IF_ERROR(Migrate(*conn));
  return InTransaction(*conn, true, [&]() -> Status {
    for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
             {"node_id", identity.node_id},
             {"country", identity.country},
             {"public_key", HexEncode(identity.public_key)}}) {
      RETURN_IF_ERROR(
          conn->Exec("INSERT INTO meta (key, value) VALUES ($1, $2)", {key, value}).status());
    }
    return Status::Ok();
  });
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& uri, const StoreOptions& options) {
  if (options.clock == nullptr) return Status::Internal("Store::Open needs a clock");
  OpenOptions open;
  open.pool_size = options.pool_size;
  ASSIGN_OR_RETURN(auto db, Database::Open(uri, open));
  return Open(std::move(db), options);
}

Result<std::unique_ptr<Store>> Store::Open(std::unique_ptr<Database> db,
                                           const StoreOptions& options) {
  if (options.clock == nullptr) return Status::Internal("Store::Open needs a clock");
  ASSIGN_OR_RETURN(auto conn, db->Acquire());
  ASSIGN_OR_RETURN(int version, SchemaVersion(*conn));
  if (version == 0) {
    return Status::FailedPrecondition("the store " + db->Describe() +
                                      " is not initialised (run corridor init)");
  }
  RETURN_IF_ERROR(Migrate(*conn));
  NodeIdentity identity;
  std::string key_hex;
  RETURN_IF_ERROR(conn->Query("SELECT key, value FROM meta", {}, [&](const Row& r) {
    if (r.Text(0) == "node_id") identity.node_id = r.String(1);
    if (r.Text(0) == "country") identity.country = r.String(1);
    if (r.Text(0) == "public_key") key_hex = r.String(1);
    return Status::Ok();
  }));
  auto key = HexDecode(key_hex);
  if (!key.ok() || key->size() != 32 || identity.node_id.empty()) {
    return Status::DataLoss("the store's node identity is damaged");
  }
  std::copy(key->begin(), key->end(), identity.public_key.begin());
  if (options.key && options.key->public_key() != identity.public_key) {
    return Status::PermissionDenied("the signing key is not this node's key");
  }
  std::unique_ptr<Store> store(new Store(std::move(db), std::move(identity), options));
  uint64_t size = 0;
  RETURN_IF_ERROR(
      (*conn).Query("SELECT size FROM ledger_state WHERE id = 1", {}, [&](const Row& r) {
        size = static_cast<uint64_t>(r.Int(0));
        return Status::Ok();
      }));
  DbNodeSource nodes(*conn);
  ASSIGN_OR_RETURN(store->tree_, ledger::CompactTree::Restore(size, nodes));
  RETURN_IF_ERROR((*conn).Query("SELECT size, time_ms FROM ledger_heads ORDER BY size DESC LIMIT 1",
                                {}, [&](const Row& r) {
                                  store->last_head_size_ = static_cast<uint64_t>(r.Int(0));
                                  store->last_head_ms_ = r.Int(1);
                                  return Status::Ok();
                                }));
  return store;
}

namespace {

// Reports a transaction's duration to the store's observer when it goes out of scope.
class Timed {
 public:
  Timed(const StoreOptions& options, const char* operation)
      : options_(options), operation_(operation), start_(std::chrono::steady_clock::now()) {}
  ~Timed() {
    if (options_.observer) {
      options_.observer(
          operation_,
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count());
    }
  }

 private:
  const StoreOptions& options_;
  const char* operation_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace

void Store::SetCommitListener(std::function<void()> listener) {
  std::lock_guard<std::mutex> lock(listener_mu_);
  commit_listener_ = std::move(listener);
}

Status Store::Write(const std::string& actor, const WriteOptions& options,
                    const std::function<Status(WriteTx&)>& fn) {
  if (options_.key == nullptr || options_.rng == nullptr) {
    return Status::FailedPrecondition("the store is open read-only");
  }
  std::lock_guard<std::mutex> lock(write_mu_);
  Timed timed(options_, "write");
  ASSIGN_OR_RETURN(auto conn, db_->Acquire());
  RETURN_IF_ERROR(conn->Begin(true));
  Status s = [&]() -> Status {
    // Lock the ledger's state row first: writers from other processes queue here.
    RETURN_IF_ERROR(
        conn->Exec("UPDATE ledger_state SET writes = writes + 1 WHERE id = 1").status());
    uint64_t size = 0;
    RETURN_IF_ERROR(
        conn->Query("SELECT size FROM ledger_state WHERE id = 1", {}, [&](const Row& r) {
          size = static_cast<uint64_t>(r.Int(0));
          return Status::Ok();
        }));
    if (size != tree_.size()) {
      DbNodeSource nodes(*conn);
      ASSIGN_OR_RETURN(tree_, ledger::CompactTree::Restore(size, nodes));
    }
    const Timestamp now = options_.clock->Now();
    WriteTx tx(*conn, *this, actor, options, now, *options_.rng, tree_);
    RETURN_IF_ERROR(fn(tx));
    if (!tx.written_.empty()) {
      // Every stored document is carried by an event (docs/formats/ledger.md §1.1): a use case
      // that writes a record records its event afterwards. Nothing of this write is kept.
      const ledger::RecordHash& w = tx.written_.front();
      return Status::Internal("the write changed " + w.table + " " + w.id +
                              " and recorded no ledger event after it");
    }
    if (tx.appended_ == 0) return Status::Ok();
    RETURN_IF_ERROR(conn->Exec("UPDATE ledger_state SET size = $1 WHERE id = 1",
                               {static_cast<int64_t>(tx.tree_.size())})
                        .status());
    IdempotencyKey* once = options.idempotency;
    if (once != nullptr && !once->recorded) {
      Status k = conn->Exec(
                         "INSERT INTO idempotency_keys (account_id, key, request_hash, subject, "
                         "status, response, created_ms) VALUES ($1, $2, $3, $4, 0, '', $5)",
                         {once->account, once->key, Param::Blob(once->request_hash),
                          tx.first_subject_, now.millis()})
                     .status();
      if (k.code() == Code::kAlreadyExists) {
        return Status::Conflict("a request with this Idempotency-Key was already processed");
      }
      RETURN_IF_ERROR(k);
    }
    const bool sign = now.millis() - last_head_ms_ >= options_.head_interval_ms;
    if (sign) RETURN_IF_ERROR(AppendHead(*conn, tx.tree_, now));
    RETURN_IF_ERROR(conn->Commit());
    if (once != nullptr) once->recorded = true;
    tree_ = std::move(tx.tree_);
    if (sign) {
      last_head_size_ = tree_.size();
      last_head_ms_ = now.millis();
    }
    return Status::Ok();
  }();
  if (!s.ok()) {
    if (conn->in_transaction()) (void)conn->Rollback();
    return s;
  }
  if (conn->in_transaction()) return conn->Commit();  // a transaction that recorded nothing
  std::lock_guard<std::mutex> listener(listener_mu_);
  if (commit_listener_) commit_listener_();
  return Status::Ok();
}

Status Store::Read(const std::function<Status(ReadTx&)>& fn) {
  Timed timed(options_, "read");
  ASSIGN_OR_RETURN(auto conn, db_->Acquire());
  return InTransaction(*conn, false, [&]() {
    ReadTx tx(*conn);
    return fn(tx);
  });
}

}  // namespace corridor::store
