// The sender's side of delivery (docs/formats/federation.md §3): the states of an outbox entry,
// the backoff between attempts, how many pending messages go in one request, and the checks a
// receipt must pass before the entry is settled.
//
//   pending --receipt "applied"--> acknowledged
//   pending --receipt "rejected"-> rejected        (both final; the receipt is kept)
//
// Thread-safety: pure functions over values (BackoffDelay draws from the Rng it is given).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/status.hpp"
#include "crypto/crypto.hpp"
#include "federation/envelope.hpp"

namespace corridor::federation {

enum class OutboxState { kPending, kAcknowledged, kRejected };
std::string_view ToString(OutboxState s);
Result<OutboxState> ParseOutboxState(std::string_view text);

// The state a pending entry takes on a receipt with `outcome`; FailedPrecondition when the entry
// is settled already.
Result<OutboxState> Settle(OutboxState current, Outcome outcome);

struct BackoffPolicy {
  int64_t initial_ms = 500;
  int64_t max_ms = 60'000;
};

// The ceiling of the delay after `failures` (>= 1) consecutive failures: initial·2^(failures−1),
// at most max_ms.
int64_t BackoffCeiling(const BackoffPolicy& policy, int failures);
// The delay itself: uniform in [ceiling/2, ceiling] ("equal jitter").
int64_t BackoffDelay(const BackoffPolicy& policy, int failures, Rng& rng);

struct BatchLimits {
  size_t max_envelopes = 64;
  size_t max_bytes = 1u << 20;
};
inline constexpr size_t kMaxRequestEnvelopes = 64;
inline constexpr size_t kMaxRequestBytes = 4u << 20;

// How many of the pending envelopes, of these encoded sizes and in this order, go in one request:
// as many as fit the limits, and always at least one (an envelope is at most kMaxEnvelopeBytes).
size_t BatchCount(const std::vector<size_t>& sizes, const BatchLimits& limits);

// What the sender knows of the message a receipt answers.
struct SentMessage {
  std::string self;  // the sender's node id
  std::string peer;  // the receiver's node id
  uint64_t seq = 0;
  std::string type;
  std::string subject;
  std::string body_digest;
  std::string sent_digest;  // envelope digest of the copy just sent
};

// Checks a receipt (§3 "Acknowledgement"): signed by the peer's pinned key, from the peer to this
// node, for this seq and body, naming the copy just sent or — for a duplicate — `returned`, the
// copy the peer says it applied, which must be signed by this node's own key and carry the same
// seq, type, subject and body. Unauthenticated (signatures) or InvalidArgument (anything else),
// with the reason, when a check fails.
Status CheckReceipt(const Receipt& r, const SentMessage& sent, const Envelope* returned,
                    const crypto::PublicKey& peer_key, const crypto::PublicKey& own_key);

}  // namespace corridor::federation
