// The officers' views of federation: peers with their counters and last head, the messages sent
// and received, refused envelopes, each for whoever may see them (CheckMayViewFederation).
#include <algorithm>
#include <chrono>

#include "codec/codec.hpp"
#include "core/encoding.hpp"
#include "core/ids.hpp"
#include "domain/reference.hpp"
#include "federation/audit.hpp"
#include "federation/heads.hpp"
#include "federation/http_transport.hpp"
#include "service/federation.hpp"
#include "service/notifier.hpp"
#include "store/outbound.hpp"

namespace corridor::service {

// ---------------------------------------------------------------- views

Result<std::vector<PeerStatus>> Federation::Peers(const domain::Actor& a) {
  RETURN_IF_ERROR(CheckMayViewFederation(a, country_, false));
  std::vector<PeerStatus> out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto peers, store::ListPeers(tx.conn()));
    for (auto& p : peers) {
      PeerStatus s;
      ASSIGN_OR_RETURN(s.pending, store::CountOutbox(tx.conn(), p.node_id, "pending"));
      ASSIGN_OR_RETURN(s.acknowledged, store::CountOutbox(tx.conn(), p.node_id, "acknowledged"));
      ASSIGN_OR_RETURN(s.rejected_by_peer, store::CountOutbox(tx.conn(), p.node_id, "rejected"));
      ASSIGN_OR_RETURN(s.applied, store::CountInbox(tx.conn(), p.node_id, "applied"));
      ASSIGN_OR_RETURN(s.rejected_here, store::CountInbox(tx.conn(), p.node_id, "rejected"));
      ASSIGN_OR_RETURN(s.last_head, store::LastPeerHead(tx.conn(), p.node_id));
      s.peer = std::move(p);
      out.push_back(std::move(s));
    }
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<store::OutboxRow>> Federation::Sent(const domain::Actor& a,
                                                       const store::LogQuery& q) {
  RETURN_IF_ERROR(CheckMayViewFederation(a, country_, false));
  std::vector<store::OutboxRow> out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(out, store::ListOutbox(tx.conn(), q));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<store::InboxRow>> Federation::Received(const domain::Actor& a,
                                                          const store::LogQuery& q) {
  RETURN_IF_ERROR(CheckMayViewFederation(a, country_, false));
  std::vector<store::InboxRow> out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(out, store::ListInbox(tx.conn(), q));
    return Status::Ok();
  }));
  return out;
}

Result<store::OutboxRow> Federation::SentMessage(const domain::Actor& a, const std::string& peer,
                                                 uint64_t seq) {
  RETURN_IF_ERROR(CheckMayViewFederation(a, country_, true));
  std::optional<store::OutboxRow> row;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(row, store::GetOutbox(tx.conn(), peer, seq));
    return Status::Ok();
  }));
  if (!row) return Status::NotFound("no message " + std::to_string(seq) + " was sent to " + peer);
  return *row;
}

Result<store::InboxRow> Federation::ReceivedMessage(const domain::Actor& a, const std::string& peer,
                                                    uint64_t seq) {
  RETURN_IF_ERROR(CheckMayViewFederation(a, country_, true));
  std::optional<store::InboxRow> row;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(row, store::GetInbox(tx.conn(), peer, seq));
    return Status::Ok();
  }));
  if (!row) {
    return Status::NotFound("no message " + std::to_string(seq) + " was received from " + peer);
  }
  return *row;
}

Result<std::vector<store::RefusedRow>> Federation::Refused(const domain::Actor& a,
                                                           int64_t before_id, int limit) {
  RETURN_IF_ERROR(CheckMayViewFederation(a, country_, true));
  std::vector<store::RefusedRow> out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(out, store::ListRefused(tx.conn(), before_id, limit));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<store::PeerHeadRow>> Federation::Heads(const domain::Actor& a,
                                                          const std::string& peer, int limit) {
  RETURN_IF_ERROR(CheckMayViewFederation(a, country_, false));
  std::vector<store::PeerHeadRow> out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(out, store::ListPeerHeads(tx.conn(), peer, limit));
    return Status::Ok();
  }));
  return out;
}

}  // namespace corridor::service
