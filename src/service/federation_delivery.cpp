// Federation's delivery: each peer's pending messages signed afresh and posted in batches, each
// signed receipt checked and settled with its ledger event, backoff after a failure; and the
// ledger heads handed to each peer.
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
namespace {

using federation::DeliveryResponse;
using federation::DeliveryResult;
using federation::Envelope;
using federation::Outcome;
using federation::Refusal;
using federation::RefusalCode;

}  // namespace

// ---------------------------------------------------------------- delivery

Status Federation::FailPeer(const store::PeerRow& peer, const std::string& error,
                            DeliveryReport& report) {
  const int failures = peer.failures + 1;
  int64_t delay;
  {
    std::lock_guard<std::mutex> lock(rng_mu_);
    delay = federation::BackoffDelay(options_.backoff, failures, rng_);
  }
  const Timestamp next = store_.clock().Now().AddMillis(delay);
  ++report.failures;
  if (!report.next_due || next < *report.next_due) report.next_due = next;
  return store_.Write("system", [&](store::WriteTx& tx) {
    return store::SetDeliveryState(tx.conn(), peer.node_id, failures, next.millis(), error,
                                   peer.last_success_ms);
  });
}

Result<bool> Federation::DeliverTo(const store::PeerRow& peer_at_start, DeliveryReport& report) {
  store::PeerRow peer = peer_at_start;  // its delivery state follows this pass
  for (int batch = 0; batch < options_.max_batches_per_pass; ++batch) {
    std::vector<store::OutboxRow> pending;
    RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(pending,
                       store::PendingOutbox(tx.conn(), peer.node_id,
                                            static_cast<int>(options_.batch.max_envelopes)));
      return Status::Ok();
    }));
    if (pending.empty()) return true;
    const Timestamp now = store_.clock().Now();
    std::vector<Envelope> envelopes;
    std::vector<size_t> sizes;
    for (const auto& row : pending) {
      auto body = json::Parse(row.body);
      if (!body.ok())
        return Status::DataLoss("the body of outbox message " + std::to_string(row.seq) +
                                " is damaged");
      Envelope e;
      e.sender = self_;
      e.receiver = peer.node_id;
      e.seq = row.seq;
      e.time = now;
      e.created = Timestamp::FromMillis(row.created_ms);
      e.type = row.type;
      e.subject = row.subject;
      e.body = std::move(*body);
      federation::SignEnvelope(e, key_);
      sizes.push_back(json::Canonical(federation::EnvelopeToJson(e)).size());
      envelopes.push_back(std::move(e));
    }
    const size_t n = federation::BatchCount(sizes, options_.batch);
    envelopes.resize(n);
    auto reply = transport_.Post(peer.url, federation::kMessagesPath,
                                 json::Write(federation::RequestToJson(envelopes)));
    report.sent += static_cast<int>(n);
    if (!reply.ok()) {
      RETURN_IF_ERROR(FailPeer(peer, reply.status().message(), report));
      return false;
    }
    if (reply->status != 200) {
      std::string detail;
      if (auto problem = json::Parse(reply->body); problem.ok()) {
        const json::Value* d = problem->Get("detail");
        const json::Value* t = problem->Get("title");
        if (d && d->is_string())
          detail = ": " + d->AsString();
        else if (t && t->is_string())
          detail = ": " + t->AsString();
      }
      RETURN_IF_ERROR(FailPeer(
          peer, "the peer answered HTTP " + std::to_string(reply->status) + detail.substr(0, 500),
          report));
      return false;
    }
    auto parsed = json::Parse(reply->body);
    Result<DeliveryResponse> response =
        parsed.ok() ? federation::ResponseFromJson(*parsed)
                    : Result<DeliveryResponse>(Status::InvalidArgument(
                          "the peer's response is not JSON: " + parsed.status().message()));
    if (!response.ok()) {
      RETURN_IF_ERROR(FailPeer(peer, response.status().message(), report));
      return false;
    }
    // Check every receipt first, then settle those that passed in one transaction.
    std::vector<store::OutboxRow> settled;
    std::vector<std::pair<std::string, std::string>> digests;  // envelope, receipt
    std::string problem;
    for (size_t i = 0; i < response->results.size(); ++i) {
      const DeliveryResult& r = response->results[i];
      if (i >= n || r.seq != envelopes[i].seq) {
        problem = "the peer answered for message " + std::to_string(r.seq) + " out of order";
        break;
      }
      const Envelope& sent = envelopes[i];
      const federation::SentMessage message{self_,
                                            peer.node_id,
                                            sent.seq,
                                            sent.type,
                                            sent.subject,
                                            pending[i].body_digest,
                                            federation::EnvelopeDigest(sent)};
      Status ok = federation::CheckReceipt(r.receipt, message, r.envelope ? &*r.envelope : nullptr,
                                           peer.public_key, key_.public_key());
      if (!ok.ok()) {
        problem = ok.message();
        break;
      }
      const Envelope& applied =
          r.receipt.envelope_digest == message.sent_digest ? sent : *r.envelope;
      store::OutboxRow row = pending[i];
      row.state = r.receipt.outcome == Outcome::kApplied ? "acknowledged" : "rejected";
      row.envelope = json::Write(federation::EnvelopeToJson(applied));
      row.receipt = json::Write(federation::ReceiptToJson(r.receipt));
      row.reason = r.receipt.reason;
      settled.push_back(std::move(row));
      digests.emplace_back(federation::EnvelopeDigest(applied),
                           federation::ReceiptDigest(r.receipt));
    }
    if (!settled.empty()) {
      RETURN_IF_ERROR(store_.Write("system", [&](store::WriteTx& tx) -> Status {
        for (size_t i = 0; i < settled.size(); ++i) {
          store::OutboxRow& row = settled[i];
          row.settled_ms = tx.now().millis();
          ASSIGN_OR_RETURN(bool changed, store::SettleOutbox(tx.conn(), row));
          if (!changed || row.type == federation::kLedgerHead) continue;
          json::Object data;
          data.Set("peer", peer.node_id);
          data.Set("seq", row.seq);
          data.Set("type", row.type);
          data.Set("outcome", row.state == "acknowledged" ? "applied" : "rejected");
          data.Set("reason", row.reason);
          data.Set("envelope_digest", digests[i].first);
          data.Set("receipt_digest", digests[i].second);
          RETURN_IF_ERROR(
              tx.Record(domain::EventType::kFederationAcknowledged, row.subject, std::move(data)));
        }
        return Status::Ok();
      }));
      for (const auto& row : settled) {
        if (row.state == "acknowledged")
          ++report.acknowledged;
        else
          ++report.rejected;
      }
    }
    if (problem.empty() && response->refused) {
      const auto& f = *response->refused;
      problem = "the peer refused message " + std::to_string(f.seq) + " (" +
                std::string(federation::ToString(f.refusal.code)) + "): " + f.refusal.reason;
    }
    if (problem.empty() && settled.size() < n) {
      problem = "the peer answered for " + std::to_string(settled.size()) + " of " +
                std::to_string(n) + " messages";
    }
    if (!problem.empty()) {
      RETURN_IF_ERROR(FailPeer(peer, problem, report));
      return false;
    }
    RETURN_IF_ERROR(store_.Write("system", [&](store::WriteTx& tx) {
      peer.failures = 0;
      peer.last_success_ms = tx.now().millis();
      return store::SetDeliveryState(tx.conn(), peer.node_id, 0, 0, "", peer.last_success_ms);
    }));
  }
  return true;
}

Result<DeliveryReport> Federation::DeliverDue() {
  std::vector<store::PeerRow> peers;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(peers, store::ListPeers(tx.conn()));
    return Status::Ok();
  }));
  DeliveryReport report;
  for (const auto& p : peers) {
    if (p.next_attempt_ms > store_.clock().Now().millis()) {
      int64_t waiting = 0;
      RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
        ASSIGN_OR_RETURN(waiting, store::CountOutbox(tx.conn(), p.node_id, "pending"));
        return Status::Ok();
      }));
      const Timestamp due = Timestamp::FromMillis(p.next_attempt_ms);
      if (waiting > 0 && (!report.next_due || due < *report.next_due)) report.next_due = due;
      continue;
    }
    ASSIGN_OR_RETURN(bool done, DeliverTo(p, report));
    (void)done;
  }
  return report;
}

Result<int> Federation::QueueHeads() {
  std::vector<store::PeerRow> peers;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(peers, store::ListPeers(tx.conn()));
    return Status::Ok();
  }));
  if (peers.empty()) return 0;
  ASSIGN_OR_RETURN(ledger::SignedTreeHead head, store_.SignHead());
  if (head.head.size == 0) return 0;
  int queued = 0;
  for (const auto& p : peers) {
    if (head.head.size <= p.head_sent_size) continue;
    federation::HeadMessage m;
    m.head = head;
    m.consistency.old_size = p.head_sent_size;
    m.consistency.new_size = head.head.size;
    ASSIGN_OR_RETURN(m.consistency.proof,
                     store_.ConsistencyProof(p.head_sent_size, head.head.size));
    bool done = false;
    RETURN_IF_ERROR(store_.Write("system", [&](store::WriteTx& tx) -> Status {
      ASSIGN_OR_RETURN(auto fresh, store::GetPeer(tx.conn(), p.node_id));
      if (!fresh || fresh->head_sent_size != p.head_sent_size) return Status::Ok();
      RETURN_IF_ERROR(
          store::QueueMessage(tx, *fresh, federation::kLedgerHead, self_, federation::HeadBody(m)));
      RETURN_IF_ERROR(store::SetHeadSent(tx.conn(), p.node_id, head.head.size));
      done = true;
      return Status::Ok();
    }));
    if (done) ++queued;
  }
  if (queued > 0) Wake();
  return queued;
}

bool Federation::WaitForWork(int64_t max_ms) {
  std::unique_lock<std::mutex> lock(wake_mu_);
  const bool woken = wake_cv_.wait_for(
      lock, std::chrono::milliseconds(std::max<int64_t>(max_ms, 0)), [&] { return woken_; });
  woken_ = false;
  return woken;
}

void Federation::Wake() {
  {
    std::lock_guard<std::mutex> lock(wake_mu_);
    woken_ = true;
  }
  wake_cv_.notify_all();
}

}  // namespace corridor::service
