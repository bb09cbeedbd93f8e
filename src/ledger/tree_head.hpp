// Tree heads: a node's signed statement "my ledger held `size` events, with this root, at this
// time". The signing input is RFC 8785 canonical JSON with a "type" member that no other signed
// thing carries (docs/formats/ledger.md §3).
//
// Thread-safety: pure functions over values.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.hpp"
#include "core/time.hpp"
#include "crypto/crypto.hpp"
#include "ledger/merkle.hpp"

namespace corridor::ledger {

// The "type" member of the signing input.
inline constexpr std::string_view kTreeHeadType = "corridor.tree_head.v1";

struct TreeHead {
  std::string node_id;
  uint64_t size = 0;
  Hash root{};
  Timestamp time;
  bool operator==(const TreeHead&) const = default;
};

struct SignedTreeHead {
  TreeHead head;
  crypto::Signature signature{};
  bool operator==(const SignedTreeHead&) const = default;
};

// The canonical JSON bytes of
// {"type":"corridor.tree_head.v1","node":..,"size":..,"root":hex,"time":"YYYY-MM-DDTHH:MM:SS.mmmZ"}.
std::string TreeHeadSigningInput(const TreeHead& h);

SignedTreeHead SignTreeHead(const TreeHead& h, const crypto::SigningKey& key);

// Unauthenticated when the signature is not the key holder's signature over this head.
Status VerifyTreeHead(const SignedTreeHead& sth, const crypto::PublicKey& key);

}  // namespace corridor::ledger
