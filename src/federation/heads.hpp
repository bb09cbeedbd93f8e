// Ledger heads between peers (docs/formats/federation.md §8): the body of a `ledger.head`
// message, and the receiver's check of a peer's new head against the last one it kept, with a
// consistency proof. A peer that rewrote its history cannot produce a proof from a head it signed
// before to one it signs after: the check fails with DataLoss and says which.
//
// Thread-safety: pure functions over values.
#pragma once

#include <optional>
#include <string>

#include "core/status.hpp"
#include "crypto/crypto.hpp"
#include "json/json.hpp"
#include "ledger/transport.hpp"
#include "ledger/tree_head.hpp"

namespace corridor::federation {

struct HeadMessage {
  ledger::SignedTreeHead head;
  ledger::ConsistencyProofMessage consistency;  // from the last head queued to this peer
  bool operator==(const HeadMessage&) const = default;
};

// {"head": signed tree head, "consistency": consistency proof}
json::Value HeadBody(const HeadMessage& m);
Result<HeadMessage> HeadFromBody(const json::Value& body);

// Checks `m` from peer `peer_id` (pinned key `key`) against `last`, the peer's last head kept
// here (nullopt before the first). OK means `m.head` is to be kept. Unauthenticated for a head
// that is not the peer's; InvalidArgument when the proof does not start at the kept head or end
// at the new one; DataLoss when the new head cannot follow from the kept one (the peer's history
// was rewritten, or shrank), or its time goes back.
Status CheckPeerHead(const std::optional<ledger::SignedTreeHead>& last, const HeadMessage& m,
                     const std::string& peer_id, const crypto::PublicKey& key);

}  // namespace corridor::federation
