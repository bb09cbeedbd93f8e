// Federation as use cases (docs/formats/federation.md): what each flow sends, how a received
// message is applied, delivery with retries, peer heads, and the officers' views.
//
// Outbound: when a local change records a ledger event that another country must learn of (§6),
// the store queues the message in the outbox with the ledger event federation.queued, in that
// same transaction (federation/routing.hpp decides, store/outbound.hpp writes). DeliverDue signs
// the pending messages afresh and posts them to each peer through the Transport; each signed
// receipt settles its message in one transaction with the ledger event federation.acknowledged.
//
// Inbound: Receive checks each envelope of a peer's request (§5) and applies it: the effect, the
// received sequence number, the envelope with its signed receipt and the ledger event
// federation.received are one transaction (one for a run of consecutive messages of a request,
// all or none). A message a rule refuses is recorded as rejected, with its reason, in a
// transaction of its own after the attempt is rolled back; a refused envelope (bad signature,
// stale, ...) goes to the refused-message log and uses up nothing.
//
// Nothing here knows HTTP or SQL: the API's peer endpoint calls Receive, the delivery worker
// (federation_worker.hpp) calls DeliverDue and QueueHeads.
//
// Thread-safety: shared by all threads. Receive serialises the messages of one peer; DeliverDue
// and QueueHeads are meant for one worker thread (a second caller is harmless: settling is
// idempotent, and a sequence number is never applied twice).
#pragma once

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.hpp"
#include "core/status.hpp"
#include "crypto/crypto.hpp"
#include "domain/access.hpp"
#include "federation/checks.hpp"
#include "federation/envelope.hpp"
#include "federation/outbox.hpp"
#include "federation/protocol.hpp"
#include "federation/transport.hpp"
#include "service/address_limits.hpp"
#include "store/federation_store.hpp"
#include "store/store.hpp"

namespace corridor::service {

struct FederationOptions {
  int64_t skew_ms = federation::kDefaultSkewMs;
  // Refused envelopes recorded per sender address: a burst, then one every refill_ms; beyond
  // that the endpoint turns the address away (docs/formats/federation.md §5).
  AddressLimits refusals{30, 10'000, 100'000};
  federation::BackoffPolicy backoff;
  federation::BatchLimits batch;
  int max_batches_per_pass = 16;  // per peer, so one busy peer does not starve the others
};

struct PeerConfig {
  std::string node_id;
  std::string country;
  std::string url;
  crypto::PublicKey public_key{};
};

struct DeliveryReport {
  int sent = 0;                       // envelopes posted
  int acknowledged = 0;               // settled as applied
  int rejected = 0;                   // settled as rejected by the peer
  int failures = 0;                   // peers whose attempt failed
  std::optional<Timestamp> next_due;  // the earliest retry of a peer with messages waiting
};

// One peer, for the officers' view.
struct PeerStatus {
  store::PeerRow peer;
  int64_t pending = 0;
  int64_t acknowledged = 0;
  int64_t rejected_by_peer = 0;
  int64_t applied = 0;
  int64_t rejected_here = 0;
  std::optional<ledger::SignedTreeHead> last_head;  // the last head the peer handed over
};

// Officers of the node's country see the message log with its bodies; administrators see
// peers and message metadata only (bodies hold personal data). OK or PermissionDenied.
Status CheckMayViewFederation(const domain::Actor& a, const std::string& node_country,
                              bool with_bodies);

class Federation final {
 public:
  // Listens to the store's commits (to wake the delivery worker); stops on destruction. `key` is
  // the node's signing key; `rng` draws backoff jitter.
  Federation(store::Store& store, const crypto::SigningKey& key, Rng& rng,
             federation::Transport& transport, FederationOptions options = {});
  ~Federation();
  Federation(const Federation&) = delete;
  Federation& operator=(const Federation&) = delete;

  // Pins a peer (administrators, or the node itself): ledger event federation.peer_set.
  Status SetPeer(const domain::Actor& a, const PeerConfig& p);

  // The peer endpoint's gate, before it reads a request: 0 when the sender's address may send,
  // else the milliseconds until it may (too many of its envelopes were refused lately). A request
  // turned away is counted, and the next refusal recorded for the address says how many were.
  int64_t RefusalWait(std::string_view remote);
  // The peer endpoint: one request body in, the response out. InvalidArgument (a 400) when the
  // request is not of the protocol's form (recorded as a refusal too); refusals of single
  // envelopes are in the response.
  Result<federation::DeliveryResponse> Receive(std::string_view request_body,
                                               std::string_view remote);

  // Delivers every peer's pending messages whose attempt is due now.
  Result<DeliveryReport> DeliverDue();
  // Signs a head over the ledger if it grew and queues it to every peer that has not had it.
  // Returns the number of peers it was queued for.
  Result<int> QueueHeads();

  // Blocks until a write commits or `max_ms` passes (the delivery worker's sleep); true when
  // woken by a write.
  bool WaitForWork(int64_t max_ms);
  // Wakes a WaitForWork (to stop the worker, or to deliver at once).
  void Wake();

  // The officers' views.
  Result<std::vector<PeerStatus>> Peers(const domain::Actor& a);
  Result<std::vector<store::OutboxRow>> Sent(const domain::Actor& a, const store::LogQuery& q);
  Result<std::vector<store::InboxRow>> Received(const domain::Actor& a, const store::LogQuery& q);
  Result<store::OutboxRow> SentMessage(const domain::Actor& a, const std::string& peer,
                                       uint64_t seq);
  Result<store::InboxRow> ReceivedMessage(const domain::Actor& a, const std::string& peer,
                                          uint64_t seq);
  Result<std::vector<store::RefusedRow>> Refused(const domain::Actor& a, int64_t before_id,
                                                 int limit);
  Result<std::vector<store::PeerHeadRow>> Heads(const domain::Actor& a, const std::string& peer,
                                                int limit);

  store::Store& store() { return store_; }

 private:
  std::mutex& PeerMutex(const std::string& peer);
  // Applies one envelope that passed the checks and is the next expected: the result, or the
  // refusal (a duplicate is both: its result, and a logged refusal).
  void ReceiveOne(const store::PeerRow& peer, const federation::Envelope& e,
                  federation::DeliveryResponse& response,
                  std::optional<federation::Refusal>& refusal);
  // Applies, in one transaction, the run of envelopes from `from` on that carry the next
  // expected sequence numbers, all or none; the number applied (0: none, or a run of one).
  size_t ApplyRun(const store::PeerRow& peer,
                  const std::vector<std::pair<federation::Envelope, const json::Value*>>& checked,
                  size_t from, federation::DeliveryResponse& response);
  Status Apply(store::WriteTx& tx, const store::PeerRow& peer, const federation::Envelope& e,
               json::Object& facts);
  Status SettleReceived(store::WriteTx& tx, const store::PeerRow& peer,
                        const federation::Envelope& e, federation::Outcome outcome,
                        const std::string& reason, const json::Object& facts,
                        federation::Receipt& receipt);
  // Records a refusal (of an envelope `raw`, or of a whole request when `raw` is null) in the
  // refused-message log, as digests, within the sender address's allowance.
  void LogRefusal(const federation::Refusal& r, const json::Value* raw, size_t bytes,
                  std::string_view remote);
  // One peer's delivery: true when it ended without a failure.
  Result<bool> DeliverTo(const store::PeerRow& peer, DeliveryReport& report);
  Status FailPeer(const store::PeerRow& peer, const std::string& error, DeliveryReport& report);

  store::Store& store_;
  const crypto::SigningKey& key_;
  Rng& rng_;
  std::mutex rng_mu_;
  federation::Transport& transport_;
  FederationOptions options_;
  std::string self_;
  std::string country_;

  AddressLimiter refusal_limiter_;
  std::mutex unrecorded_mu_;
  std::unordered_map<std::string, int64_t> unrecorded_;  // by address key, bounded

  std::mutex peers_mu_;
  std::map<std::string, std::unique_ptr<std::mutex>> peer_mu_;

  std::mutex wake_mu_;
  std::condition_variable wake_cv_;
  bool woken_ = false;
};

}  // namespace corridor::service
