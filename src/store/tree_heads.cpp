// Signed tree heads: appending one over the ledger as it stands (after a write, or on request),
// and reading the latest.
#include "store/ledger_nodes.hpp"
#include "store/store.hpp"

namespace corridor::store {

Status Store::AppendHead(Connection& conn, const ledger::CompactTree& tree, Timestamp now) {
  ledger::TreeHead head;
  head.node_id = identity_.node_id;
  head.size = tree.size();
  head.root = tree.Root();
  head.time = now;
  const ledger::SignedTreeHead sth = ledger::SignTreeHead(head, *options_.key);
  return conn
      .Exec("INSERT INTO ledger_heads (size, root, time_ms, signature) VALUES ($1, $2, $3, $4)",
            {static_cast<int64_t>(head.size), Param::Blob(head.root), now.millis(),
             Param::Blob(sth.signature)})
      .status();
}

Result<crypto::Signature> Store::SignStatement(const json::Value& statement) const {
  if (options_.key == nullptr) return Status::FailedPrecondition("the store is open read-only");
  const json::Value* type = statement.is_object() ? statement.Get("type") : nullptr;
  if (type == nullptr || !type->is_string() || type->AsString().empty() ||
      type->AsString() == ledger::kTreeHeadType) {
    return Status::InvalidArgument("a signed statement needs a type of its own", "type");
  }
  const std::string input = json::Canonical(statement);
  return options_.key->Sign(AsBytes(input));
}

Result<ledger::SignedTreeHead> Store::SignHead() {
  if (options_.key == nullptr) return Status::FailedPrecondition("the store is open read-only");
  {
    // Nothing written since the last head by this process: no transaction needed. (Another
    // process sharing the database signs its own writes.)
    std::lock_guard<std::mutex> lock(write_mu_);
    if (last_head_ms_ != 0 && tree_.size() == last_head_size_) {
      ASSIGN_OR_RETURN(auto head, LatestHead());
      if (head && head->head.size == last_head_size_) return *head;
    }
  }
  std::lock_guard<std::mutex> lock(write_mu_);
  ASSIGN_OR_RETURN(auto conn, db_->Acquire());
  std::optional<ledger::SignedTreeHead> out;
  RETURN_IF_ERROR(InTransaction(*conn, true, [&]() -> Status {
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
    bool covered = false;
    RETURN_IF_ERROR(conn->Query("SELECT 1 FROM ledger_heads WHERE size = $1",
                                {static_cast<int64_t>(size)}, [&](const Row&) {
                                  covered = true;
                                  return Status::Ok();
                                }));
    if (!covered) {
      const Timestamp now = options_.clock->Now();
      RETURN_IF_ERROR(AppendHead(*conn, tree_, now));
      last_head_size_ = size;
      last_head_ms_ = now.millis();
    }
    return Status::Ok();
  }));
  ASSIGN_OR_RETURN(auto head, LatestHead());
  if (!head) return Status::Internal("no tree head after signing one");
  return *head;
}

Result<std::optional<ledger::SignedTreeHead>> Store::LatestHead() {
  ASSIGN_OR_RETURN(auto conn, db_->Acquire());
  std::optional<ledger::SignedTreeHead> out;
  RETURN_IF_ERROR(conn->Query(
      "SELECT size, root, time_ms, signature FROM ledger_heads ORDER BY size DESC LIMIT 1", {},
      [&](const Row& r) {
        ledger::SignedTreeHead sth;
        sth.head.node_id = identity_.node_id;
        sth.head.size = static_cast<uint64_t>(r.Int(0));
        const auto root = r.Blob(1);
        const auto sig = r.Blob(3);
        if (root.size() != 32 || sig.size() != 64) {
          return Status::DataLoss("a stored tree head is damaged");
        }
        std::copy(root.begin(), root.end(), sth.head.root.begin());
        sth.head.time = Timestamp::FromMillis(r.Int(2));
        std::copy(sig.begin(), sig.end(), sth.signature.begin());
        out = sth;
        return Status::Ok();
      }));
  return out;
}

}  // namespace corridor::store
