// The message-log audit run by `corridor audit verify` after the ledger check
// (docs/formats/federation.md §10): every stored envelope and receipt verifies under the right
// key and names the right message, every message has its ledger events and every federation
// ledger event its message, and each peer's sequence numbers run without a gap.
//
// Pure: the store hands over the rows and the federation events of its ledger.
// Thread-safety: a pure function over values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "crypto/crypto.hpp"
#include "domain/events.hpp"
#include "json/json.hpp"

namespace corridor::federation {

// The ledger event types that record the message log (names from the catalog).
inline constexpr std::string_view kEventPeerSet = ToString(domain::EventType::kFederationPeerSet);
inline constexpr std::string_view kEventQueued = ToString(domain::EventType::kFederationQueued);
inline constexpr std::string_view kEventAcknowledged =
    ToString(domain::EventType::kFederationAcknowledged);
inline constexpr std::string_view kEventReceived = ToString(domain::EventType::kFederationReceived);

// One sent message as stored (fed_outbox).
struct SentRecord {
  std::string peer;
  uint64_t seq = 0;
  std::string type;
  std::string subject;
  std::string body_digest;
  std::string state;     // pending, acknowledged, rejected
  std::string envelope;  // transport JSON; empty while pending
  std::string receipt;   // transport JSON; empty while pending
};

// One received message as stored (fed_inbox).
struct ReceivedRecord {
  std::string peer;
  uint64_t seq = 0;
  std::string type;
  std::string subject;
  std::string envelope;
  std::string envelope_digest;
  std::string body_digest;
  std::string outcome;  // applied, rejected
  std::string reason;
  std::string receipt;
};

// A ledger event of one of the types above.
struct FederationEvent {
  uint64_t index = 0;
  std::string type;
  std::string subject;
  json::Value data;
};

struct LogReport {
  bool ok = false;
  uint64_t sent_checked = 0;
  uint64_t received_checked = 0;
  uint64_t events_checked = 0;
  std::string problem;  // the first problem; empty when ok
};

// `sent` and `received` in any order; `events` in ledger order. The keys pinned for each peer
// are taken from the federation.peer_set events.
LogReport VerifyMessageLog(const std::vector<SentRecord>& sent,
                           const std::vector<ReceivedRecord>& received,
                           const std::vector<FederationEvent>& events, const std::string& self,
                           const crypto::PublicKey& own_key);

}  // namespace corridor::federation
