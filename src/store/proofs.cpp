// What the ledger proves to others: inclusion and consistency proofs over the stored nodes, an
// event's exact bytes, and the whole ledger recomputed and checked (`audit verify`).
#include "store/ledger_nodes.hpp"
#include "store/store.hpp"

namespace corridor::store {

namespace {

// A proof is asked of a tree the ledger has grown to: a larger one is the caller's mistake (it
// would otherwise read as nodes missing from the store).
Status CheckTreeSize(Connection& conn, uint64_t tree_size, const char* field) {
  uint64_t size = 0;
  RETURN_IF_ERROR(conn.Query("SELECT size FROM ledger_state WHERE id = 1", {}, [&](const Row& r) {
    size = static_cast<uint64_t>(r.Int(0));
    return Status::Ok();
  }));
  if (tree_size <= size) return Status::Ok();
  return Status::InvalidArgument(
      "is beyond the ledger, which holds " + std::to_string(size) + " events", field);
}

}  // namespace

Result<std::vector<ledger::Hash>> Store::InclusionProof(uint64_t index, uint64_t tree_size) {
  ASSIGN_OR_RETURN(auto conn, db_->Acquire());
  RETURN_IF_ERROR(CheckTreeSize(*conn, tree_size, "size"));
  if (index >= tree_size) {
    return Status::InvalidArgument("must be below size (" + std::to_string(tree_size) + ")",
                                   "index");
  }
  DbNodeSource nodes(*conn);
  return ledger::InclusionProof(index, tree_size, nodes);
}

Result<std::vector<ledger::Hash>> Store::ConsistencyProof(uint64_t old_size, uint64_t new_size) {
  ASSIGN_OR_RETURN(auto conn, db_->Acquire());
  RETURN_IF_ERROR(CheckTreeSize(*conn, new_size, "new"));
  if (old_size > new_size) {
    return Status::InvalidArgument("must not be above new (" + std::to_string(new_size) + ")",
                                   "old");
  }
  DbNodeSource nodes(*conn);
  return ledger::ConsistencyProof(old_size, new_size, nodes);
}

Result<std::optional<std::string>> Store::EventBytes(uint64_t index) {
  ASSIGN_OR_RETURN(auto conn, db_->Acquire());
  std::optional<std::string> out;
  RETURN_IF_ERROR(conn->Query("SELECT event FROM ledger_events WHERE idx = $1",
                              {static_cast<int64_t>(index)}, [&](const Row& r) {
                                const auto b = r.Blob(0);
                                out =
                                    std::string(reinterpret_cast<const char*>(b.data()), b.size());
                                return Status::Ok();
                              }));
  return out;
}

Result<ledger::VerifyReport> Store::Verify(ledger::EventObserver* observer) {
  ASSIGN_OR_RETURN(auto conn, db_->Acquire());
  ledger::VerifyReport report;
  RETURN_IF_ERROR(InTransaction(*conn, false, [&]() -> Status {
    ASSIGN_OR_RETURN(report, VerifyOn(*conn, observer));
    return Status::Ok();
  }));
  return report;
}

Result<ledger::VerifyReport> Store::VerifyOn(Connection& conn, ledger::EventObserver* observer) {
  std::vector<ledger::SignedTreeHead> heads;
  RETURN_IF_ERROR(
      conn.Query("SELECT size, root, time_ms, signature FROM ledger_heads ORDER BY size", {},
                 [&](const Row& r) {
                   ledger::SignedTreeHead sth;
                   sth.head.node_id = identity_.node_id;
                   sth.head.size = static_cast<uint64_t>(r.Int(0));
                   const auto root = r.Blob(1);
                   const auto sig = r.Blob(3);
                   if (root.size() == 32)
                     std::copy(root.begin(), root.end(), sth.head.root.begin());
                   sth.head.time = Timestamp::FromMillis(r.Int(2));
                   if (sig.size() == 64) std::copy(sig.begin(), sig.end(), sth.signature.begin());
                   heads.push_back(sth);
                   return Status::Ok();
                 }));
  BatchedNodeSource nodes(conn);
  DbEventReader events(conn, /*indexed=*/observer != nullptr);
  return ledger::VerifyLog(events, heads, identity_.public_key, identity_.node_id, &nodes,
                           observer);
}

}  // namespace corridor::store
