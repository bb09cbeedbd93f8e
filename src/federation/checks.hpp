// What a receiver checks before it applies an envelope, as pure functions that name the precise
// reason for a refusal (docs/formats/federation.md §5): the envelope reads, comes from a
// configured peer, verifies under the key pinned for it, is addressed to this node, was signed
// within the clock-skew window, and carries the next expected sequence number.
//
// A refusal uses up nothing: the sender tries again later (or, for a duplicate, gets the receipt
// it lost). Thread-safety: pure functions over values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.hpp"
#include "core/time.hpp"
#include "crypto/crypto.hpp"
#include "federation/envelope.hpp"
#include "json/json.hpp"

namespace corridor::federation {

enum class RefusalCode {
  kMalformed,
  kTooLarge,
  kUnknownSender,
  kBadSignature,
  kWrongReceiver,
  kStale,
  kFuture,
  kOutOfOrder,
  kConflict,
  kDuplicate,
  kUnavailable,
};
std::string_view ToString(RefusalCode code);
Result<RefusalCode> ParseRefusalCode(std::string_view text);
// Refusals anyone on the network could provoke: not ledger events, kept in a capped log.
bool IsUnauthenticated(RefusalCode code);

struct Refusal {
  RefusalCode code = RefusalCode::kMalformed;
  std::string reason;
  bool operator==(const Refusal&) const = default;
};

inline constexpr int64_t kDefaultSkewMs = 300'000;

// A configured peer, as the receiver knows it.
struct PeerKey {
  std::string node_id;
  crypto::PublicKey key{};
};

struct ReceiverContext {
  std::string self;  // this node's id
  Timestamp now;     // the receiver's clock
  int64_t skew_ms = kDefaultSkewMs;
};

// Reads one envelope of a request: malformed or too large (as canonical JSON) is a refusal.
Result<Envelope> ReadEnvelope(const json::Value& v, Refusal* refusal);

// Authenticity and freshness, in the order of §5: `peer` is the configured peer whose node id is
// the envelope's sender, or null when there is none. nullopt when the envelope passes.
std::optional<Refusal> CheckEnvelope(const Envelope& e, const PeerKey* peer,
                                     const ReceiverContext& ctx);

// Where a sequence number stands against what the receiver recorded for this peer.
enum class SeqVerdict { kApply, kDuplicate, kConflict, kOutOfOrder };

// `next_expected` is the peer's next sequence number here (1 for a new peer);
// `stored_body_digest` is the body digest recorded for `seq` when `seq` < next_expected.
SeqVerdict ClassifySeq(uint64_t seq, uint64_t next_expected,
                       const std::optional<std::string>& stored_body_digest,
                       const std::string& body_digest);
// The refusal that goes with a verdict other than kApply.
Refusal SeqRefusal(SeqVerdict verdict, uint64_t seq, uint64_t next_expected);

}  // namespace corridor::federation
