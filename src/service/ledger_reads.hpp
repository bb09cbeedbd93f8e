// The ledger's public reads for the API: the signed tree head and the inclusion and consistency
// proofs, in their transport form (docs/formats/ledger.md). Hashes only, no personal data, so
// every logged-in role may read them.
// Thread-safety: as the Store (any thread).
#pragma once

#include <cstdint>

#include "core/status.hpp"
#include "json/json.hpp"
#include "store/store.hpp"

namespace corridor::service {

// The latest signed tree head; when none is signed yet (a new node), one is signed now.
Result<json::Value> LedgerHead(store::Store& store);
Result<json::Value> LedgerInclusionProof(store::Store& store, uint64_t index, uint64_t tree_size);
Result<json::Value> LedgerConsistencyProof(store::Store& store, uint64_t old_size,
                                           uint64_t new_size);
// A signed tree head's transport form (a peer's head in the federation views).
json::Value TreeHeadJson(const ledger::SignedTreeHead& head);

}  // namespace corridor::service
