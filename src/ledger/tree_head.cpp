#include "ledger/tree_head.hpp"

#include "json/json.hpp"

namespace corridor::ledger {

std::string TreeHeadSigningInput(const TreeHead& h) {
  json::Object o;
  o.Set("type", std::string(kTreeHeadType));
  o.Set("node", h.node_id);
  o.Set("size", h.size);
  o.Set("root", HashToHex(h.root));
  o.Set("time", h.time.ToString());
  return json::Canonical(json::Value(std::move(o)));
}

SignedTreeHead SignTreeHead(const TreeHead& h, const crypto::SigningKey& key) {
  SignedTreeHead sth;
  sth.head = h;
  sth.signature = key.Sign(AsBytes(TreeHeadSigningInput(h)));
  return sth;
}

Status VerifyTreeHead(const SignedTreeHead& sth, const crypto::PublicKey& key) {
  if (!crypto::Verify(key, AsBytes(TreeHeadSigningInput(sth.head)), sth.signature)) {
    return Status::Unauthenticated("the signature of the tree head of node " + sth.head.node_id +
                                   " at size " + std::to_string(sth.head.size) +
                                   " does not verify with the node's key");
  }
  return Status::Ok();
}

}  // namespace corridor::ledger
