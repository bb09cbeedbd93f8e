// Appending an event to the ledger inside a write: the event, carrying the records written since
// the previous one (docs/formats/ledger.md §1.1), its row with its leaf hash and the
// perfect-subtree nodes it completes, then the federation message it routes to, if any.
#include "core/encoding.hpp"
#include "ledger/event.hpp"
#include "store/outbound.hpp"
#include "store/store.hpp"

namespace corridor::store {

const NodeIdentity& WriteTx::node() const { return store_.identity(); }

Status WriteTx::Record(domain::EventType type, std::string_view subject, json::Value data) {
  ledger::Event e;
  e.index = tree_.size();
  e.time = now_;
  e.node_id = store_.identity_.node_id;
  e.type = std::string(domain::ToString(type));
  e.subject = std::string(subject);
  e.actor = actor_;
  e.data = std::move(data);
  e.records = std::move(written_);
  written_.clear();
  // Types and ids are the program's own constants and checked ids; `audit verify` decodes every
  // event strictly, and the tests run it after every kind of write.
  const std::string bytes = ledger::EncodeEvent(e);
  const ledger::Hash leaf = ledger::LeafHash(bytes);
  RETURN_IF_ERROR(conn_
                      .Exec("INSERT INTO ledger_events (idx, leaf_hash, event, type, subject, "
                            "time_ms) VALUES ($1, $2, $3, $4, $5, $6)",
                            {static_cast<int64_t>(e.index), Param::Blob(leaf),
                             Param::Blob(AsBytes(bytes)), e.type, e.subject, now_.millis()})
                      .status());
  std::vector<ledger::NodeRecord> completed;
  tree_.Append(leaf, &completed);
  for (const auto& node : completed) {
    if (node.level == 0) continue;  // leaf hashes live with their events
    RETURN_IF_ERROR(conn_
                        .Exec("INSERT INTO ledger_nodes (level, idx, hash) VALUES ($1, $2, $3)",
                              {static_cast<int64_t>(node.level), static_cast<int64_t>(node.index),
                               Param::Blob(node.hash)})
                        .status());
  }
  if (appended_++ == 0) first_subject_ = e.subject;
  if (options_.origin == Origin::kPeer) return Status::Ok();  // never sent back
  return QueueOutbound(*this, type, e);
}

}  // namespace corridor::store
