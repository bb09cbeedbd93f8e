#include "federation/heads.hpp"

#include "ledger/merkle.hpp"

namespace corridor::federation {

json::Value HeadBody(const HeadMessage& m) {
  json::Object o;
  o.Set("head", ledger::SignedTreeHeadToJson(m.head));
  o.Set("consistency", ledger::ConsistencyProofToJson(m.consistency));
  return o;
}

Result<HeadMessage> HeadFromBody(const json::Value& body) {
  if (!body.is_object()) return Status::InvalidArgument("the head message must be an object");
  for (const auto& [name, value] : body.AsObject()) {
    if (name != "head" && name != "consistency") {
      return Status::InvalidArgument("is not allowed in a head message", name);
    }
  }
  const json::Value* head = body.Get("head");
  const json::Value* proof = body.Get("consistency");
  if (head == nullptr) return Status::InvalidArgument("is missing", "head");
  if (proof == nullptr) return Status::InvalidArgument("is missing", "consistency");
  HeadMessage m;
  ASSIGN_OR_RETURN(m.head, ledger::SignedTreeHeadFromJson(*head));
  ASSIGN_OR_RETURN(m.consistency, ledger::ConsistencyProofFromJson(*proof));
  return m;
}

Status CheckPeerHead(const std::optional<ledger::SignedTreeHead>& last, const HeadMessage& m,
                     const std::string& peer_id, const crypto::PublicKey& key) {
  const ledger::TreeHead& h = m.head.head;
  const std::string head_name =
      "the head of size " + std::to_string(h.size) + " (" + h.time.ToString() + ")";
  if (h.node_id != peer_id) {
    return Status::Unauthenticated(head_name + " is node " + h.node_id + "'s, not the peer " +
                                   peer_id + "'s");
  }
  RETURN_IF_ERROR(ledger::VerifyTreeHead(m.head, key));
  const uint64_t kept_size = last ? last->head.size : 0;
  const ledger::Hash kept_root = last ? last->head.root : ledger::EmptyRoot();
  if (m.consistency.old_size != kept_size) {
    return Status::InvalidArgument(
        "the consistency proof starts at size " + std::to_string(m.consistency.old_size) +
        ", but the last head kept from " + peer_id + " has size " + std::to_string(kept_size));
  }
  if (m.consistency.new_size != h.size) {
    return Status::InvalidArgument("the consistency proof ends at size " +
                                   std::to_string(m.consistency.new_size) + ", not at " +
                                   head_name + "'s");
  }
  if (h.size < kept_size) {
    return Status::DataLoss(peer_id + "'s ledger shrank: " + head_name +
                            " is smaller than the head of size " + std::to_string(kept_size) +
                            " it signed on " + last->head.time.ToString());
  }
  if (last && h.time < last->head.time) {
    return Status::DataLoss(head_name + " from " + peer_id + " is older than the head of size " +
                            std::to_string(kept_size) + " kept already (" +
                            last->head.time.ToString() + ")");
  }
  Status s = ledger::VerifyConsistency(kept_size, h.size, kept_root, h.root, m.consistency.proof);
  if (!s.ok()) {
    std::string since = last ? "the head of size " + std::to_string(kept_size) + " it signed on " +
                                   last->head.time.ToString()
                             : "the empty ledger";
    return Status::DataLoss(peer_id + " rewrote its history: " + head_name +
                            " is not consistent with " + since + " (" + s.message() + ")");
  }
  return Status::Ok();
}

}  // namespace corridor::federation
