#include "federation/checks.hpp"

#include <array>
#include <utility>

namespace corridor::federation {
namespace {

constexpr std::array<std::pair<RefusalCode, std::string_view>, 11> kCodes = {{
    {RefusalCode::kMalformed, "malformed"},
    {RefusalCode::kTooLarge, "too_large"},
    {RefusalCode::kUnknownSender, "unknown_sender"},
    {RefusalCode::kBadSignature, "bad_signature"},
    {RefusalCode::kWrongReceiver, "wrong_receiver"},
    {RefusalCode::kStale, "stale"},
    {RefusalCode::kFuture, "future"},
    {RefusalCode::kOutOfOrder, "out_of_order"},
    {RefusalCode::kConflict, "conflict"},
    {RefusalCode::kDuplicate, "duplicate"},
    {RefusalCode::kUnavailable, "unavailable"},
}};

std::string Seconds(int64_t ms) {
  // Whole seconds, or milliseconds below one second, for messages people read.
  if (ms % 1000 == 0) return std::to_string(ms / 1000) + " s";
  return std::to_string(ms) + " ms";
}

}  // namespace

std::string_view ToString(RefusalCode code) {
  for (const auto& [c, name] : kCodes) {
    if (c == code) return name;
  }
  return "?";
}

Result<RefusalCode> ParseRefusalCode(std::string_view text) {
  for (const auto& [c, name] : kCodes) {
    if (name == text) return c;
  }
  return Status::InvalidArgument("is not a refusal code", "code");
}

bool IsUnauthenticated(RefusalCode code) {
  return code == RefusalCode::kMalformed || code == RefusalCode::kTooLarge ||
         code == RefusalCode::kUnknownSender || code == RefusalCode::kBadSignature;
}

Result<Envelope> ReadEnvelope(const json::Value& v, Refusal* refusal) {
  const size_t size = json::Canonical(v).size();
  if (size > kMaxEnvelopeBytes) {
    *refusal = {RefusalCode::kTooLarge, "the envelope is " + std::to_string(size) +
                                            " bytes, more than the limit of " +
                                            std::to_string(kMaxEnvelopeBytes)};
    return Status::InvalidArgument(refusal->reason);
  }
  auto e = EnvelopeFromJson(v);
  if (!e.ok()) {
    *refusal = {RefusalCode::kMalformed, e.status().message()};
    return e.status();
  }
  return e;
}

std::optional<Refusal> CheckEnvelope(const Envelope& e, const PeerKey* peer,
                                     const ReceiverContext& ctx) {
  if (peer == nullptr || peer->node_id != e.sender) {
    return Refusal{RefusalCode::kUnknownSender,
                   "node " + e.sender + " is not a configured peer of " + ctx.self};
  }
  if (!VerifyEnvelope(e, peer->key).ok()) {
    return Refusal{RefusalCode::kBadSignature,
                   "the signature of message " + std::to_string(e.seq) +
                       " does not verify "
                       "under the key pinned for node " +
                       e.sender + " (the envelope was altered, or signed with another key)"};
  }
  if (e.receiver != ctx.self) {
    return Refusal{RefusalCode::kWrongReceiver, "message " + std::to_string(e.seq) +
                                                    " is addressed to " + e.receiver + ", not to " +
                                                    ctx.self};
  }
  const int64_t drift = e.time.millis() - ctx.now.millis();
  if (drift < -ctx.skew_ms) {
    return Refusal{RefusalCode::kStale, "message " + std::to_string(e.seq) + " was signed at " +
                                            e.time.ToString() + ", " + Seconds(-drift) +
                                            " before this node's clock (" + ctx.now.ToString() +
                                            "); the window is " + Seconds(ctx.skew_ms)};
  }
  if (drift > ctx.skew_ms) {
    return Refusal{RefusalCode::kFuture, "message " + std::to_string(e.seq) + " was signed at " +
                                             e.time.ToString() + ", " + Seconds(drift) +
                                             " after this node's clock (" + ctx.now.ToString() +
                                             "); the window is " + Seconds(ctx.skew_ms)};
  }
  return std::nullopt;
}

SeqVerdict ClassifySeq(uint64_t seq, uint64_t next_expected,
                       const std::optional<std::string>& stored_body_digest,
                       const std::string& body_digest) {
  if (seq == next_expected) return SeqVerdict::kApply;
  if (seq > next_expected) return SeqVerdict::kOutOfOrder;
  if (stored_body_digest && *stored_body_digest == body_digest) return SeqVerdict::kDuplicate;
  return SeqVerdict::kConflict;
}

Refusal SeqRefusal(SeqVerdict verdict, uint64_t seq, uint64_t next_expected) {
  const std::string n = std::to_string(seq);
  switch (verdict) {
    case SeqVerdict::kDuplicate:
      return {RefusalCode::kDuplicate,
              "message " + n + " was received already; nothing was applied again"};
    case SeqVerdict::kConflict:
      return {RefusalCode::kConflict, "message " + n +
                                          " was received already with a different body: the "
                                          "sender signed two messages with one sequence number"};
    case SeqVerdict::kOutOfOrder:
      return {RefusalCode::kOutOfOrder, "message " + n + " is out of order: the next expected is " +
                                            std::to_string(next_expected)};
    case SeqVerdict::kApply:
      break;
  }
  return {RefusalCode::kUnavailable, "message " + n + " is the next expected"};
}

}  // namespace corridor::federation
