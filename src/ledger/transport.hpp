// JSON transport forms of signed tree heads and proofs, as exchanged in API responses, federation
// messages and exports (docs/formats/ledger.md §3 and §4). Readers are strict: unknown or missing
// members, wrong types, malformed hex or base64url are refused with the member named.
//
// Thread-safety: pure functions over values.
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.hpp"
#include "json/json.hpp"
#include "ledger/merkle.hpp"
#include "ledger/tree_head.hpp"

namespace corridor::ledger {

// {"leaf_index":..,"tree_size":..,"path":[hex...]}
struct InclusionProofMessage {
  uint64_t leaf_index = 0;
  uint64_t tree_size = 0;
  std::vector<Hash> path;
  bool operator==(const InclusionProofMessage&) const = default;
};

// {"old_size":..,"new_size":..,"proof":[hex...]}
struct ConsistencyProofMessage {
  uint64_t old_size = 0;
  uint64_t new_size = 0;
  std::vector<Hash> proof;
  bool operator==(const ConsistencyProofMessage&) const = default;
};

// {"node":..,"size":..,"root":hex,"time":..,"signature":base64url}
json::Value SignedTreeHeadToJson(const SignedTreeHead& sth);
Result<SignedTreeHead> SignedTreeHeadFromJson(const json::Value& v);

json::Value InclusionProofToJson(const InclusionProofMessage& p);
Result<InclusionProofMessage> InclusionProofFromJson(const json::Value& v);

json::Value ConsistencyProofToJson(const ConsistencyProofMessage& p);
Result<ConsistencyProofMessage> ConsistencyProofFromJson(const json::Value& v);

}  // namespace corridor::ledger
