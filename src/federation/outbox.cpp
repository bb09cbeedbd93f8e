#include "federation/outbox.hpp"

#include <algorithm>

namespace corridor::federation {

std::string_view ToString(OutboxState s) {
  switch (s) {
    case OutboxState::kPending:
      return "pending";
    case OutboxState::kAcknowledged:
      return "acknowledged";
    case OutboxState::kRejected:
      return "rejected";
  }
  return "?";
}

Result<OutboxState> ParseOutboxState(std::string_view text) {
  for (OutboxState s :
       {OutboxState::kPending, OutboxState::kAcknowledged, OutboxState::kRejected}) {
    if (ToString(s) == text) return s;
  }
  return Status::InvalidArgument("must be pending, acknowledged or rejected", "state");
}

Result<OutboxState> Settle(OutboxState current, Outcome outcome) {
  if (current != OutboxState::kPending) {
    return Status::FailedPrecondition("the message is " + std::string(ToString(current)) +
                                      " already");
  }
  return outcome == Outcome::kApplied ? OutboxState::kAcknowledged : OutboxState::kRejected;
}

int64_t BackoffCeiling(const BackoffPolicy& policy, int failures) {
  int64_t d = std::max<int64_t>(policy.initial_ms, 1);
  for (int i = 1; i < failures && d < policy.max_ms; ++i) d *= 2;
  return std::min(d, policy.max_ms);
}

int64_t BackoffDelay(const BackoffPolicy& policy, int failures, Rng& rng) {
  const int64_t ceiling = BackoffCeiling(policy, failures);
  const int64_t half = ceiling / 2;
  uint8_t bytes[8];
  rng.Fill(bytes);
  uint64_t r = 0;
  for (uint8_t b : bytes) r = (r << 8) | b;
  return ceiling - half + static_cast<int64_t>(r % static_cast<uint64_t>(half + 1));
}

size_t BatchCount(const std::vector<size_t>& sizes, const BatchLimits& limits) {
  size_t n = 0;
  size_t bytes = 0;
  const size_t max_n = std::min(limits.max_envelopes, kMaxRequestEnvelopes);
  while (n < sizes.size() && n < max_n) {
    if (n > 0 && bytes + sizes[n] > limits.max_bytes) break;
    bytes += sizes[n];
    ++n;
  }
  return n;
}

Status CheckReceipt(const Receipt& r, const SentMessage& sent, const Envelope* returned,
                    const crypto::PublicKey& peer_key, const crypto::PublicKey& own_key) {
  const std::string what =
      "the receipt for message " + std::to_string(sent.seq) + " to " + sent.peer;
  if (r.sender != sent.peer) {
    return Status::Unauthenticated(what + " is signed as " + r.sender + ", not by the peer");
  }
  RETURN_IF_ERROR(VerifyReceipt(r, peer_key));
  if (r.receiver != sent.self) {
    return Status::InvalidArgument(what + " is addressed to " + r.receiver);
  }
  if (r.seq != sent.seq) {
    return Status::InvalidArgument(what + " names message " + std::to_string(r.seq));
  }
  if (r.body_digest != sent.body_digest) {
    return Status::InvalidArgument(what + " names another body (digest " + r.body_digest + ")");
  }
  if (r.envelope_digest == sent.sent_digest) return Status::Ok();
  if (returned == nullptr) {
    return Status::InvalidArgument(what + " names an envelope other than the one sent, and the " +
                                   "peer did not return the copy it applied");
  }
  // A duplicate: the peer applied an earlier copy, signed by this node, of the same message.
  if (EnvelopeDigest(*returned) != r.envelope_digest) {
    return Status::InvalidArgument(what + " does not name the copy the peer returned");
  }
  if (returned->sender != sent.self || returned->receiver != sent.peer ||
      returned->seq != sent.seq || returned->type != sent.type ||
      returned->subject != sent.subject || BodyDigest(returned->body) != sent.body_digest) {
    return Status::InvalidArgument("the copy of message " + std::to_string(sent.seq) +
                                   " the peer returned is not that message");
  }
  Status own = VerifyEnvelope(*returned, own_key);
  if (!own.ok()) {
    return Status::Unauthenticated("the copy of message " + std::to_string(sent.seq) +
                                   " the peer returned is not signed by this node");
  }
  return Status::Ok();
}

}  // namespace corridor::federation
