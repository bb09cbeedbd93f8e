#include "service/ledger_reads.hpp"

#include <utility>

#include "ledger/transport.hpp"

namespace corridor::service {

Result<json::Value> LedgerHead(store::Store& store) {
  ASSIGN_OR_RETURN(auto head, store.LatestHead());
  if (!head) {
    ASSIGN_OR_RETURN(auto signed_now, store.SignHead());
    head = std::move(signed_now);
  }
  return ledger::SignedTreeHeadToJson(*head);
}

Result<json::Value> LedgerInclusionProof(store::Store& store, uint64_t index, uint64_t tree_size) {
  ASSIGN_OR_RETURN(auto path, store.InclusionProof(index, tree_size));
  const ledger::InclusionProofMessage m{index, tree_size, std::move(path)};
  return ledger::InclusionProofToJson(m);
}

Result<json::Value> LedgerConsistencyProof(store::Store& store, uint64_t old_size,
                                           uint64_t new_size) {
  ASSIGN_OR_RETURN(auto proof, store.ConsistencyProof(old_size, new_size));
  const ledger::ConsistencyProofMessage m{old_size, new_size, std::move(proof)};
  return ledger::ConsistencyProofToJson(m);
}

json::Value TreeHeadJson(const ledger::SignedTreeHead& head) {
  return ledger::SignedTreeHeadToJson(head);
}

}  // namespace corridor::service
