// Federation envelopes and receipts: the signed JSON objects two nodes of a corridor exchange.
// Members, signing inputs, digests, limits and an example are in docs/formats/federation.md §2
// and §4.
//
// A sender signs an envelope with its node key over the canonical JSON of
// {"envelope": <every member but the signature>, "type": "corridor.envelope.v1"}; the receiver
// answers with a receipt signed the same way under "corridor.receipt.v1". Readers are strict:
// missing, unknown or mistyped members are refused with the member named.
//
// Thread-safety: pure functions over values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.hpp"
#include "core/time.hpp"
#include "crypto/crypto.hpp"
#include "json/json.hpp"

namespace corridor::federation {

inline constexpr int kVersion = 1;
inline constexpr std::string_view kEnvelopeSigningType = "corridor.envelope.v1";
inline constexpr std::string_view kReceiptSigningType = "corridor.receipt.v1";
// The largest envelope, as canonical JSON, and the deepest nesting inside its body.
inline constexpr size_t kMaxEnvelopeBytes = 256 * 1024;
inline constexpr int kMaxBodyDepth = 32;
inline constexpr uint64_t kMaxSeq = 9007199254740991;  // 2^53 - 1

// The message types of docs/formats/federation.md §6.
inline constexpr std::string_view kAgencyRecord = "agency.record";
inline constexpr std::string_view kEmployerRecord = "employer.record";
inline constexpr std::string_view kJobOrderRecord = "job_order.record";
inline constexpr std::string_view kContractUpdate = "contract.update";
inline constexpr std::string_view kContractSubstitution = "contract.substitution";
inline constexpr std::string_view kPermitRecord = "permit.record";
inline constexpr std::string_view kTransferRecord = "transfer.record";
inline constexpr std::string_view kExitRecord = "exit.record";
inline constexpr std::string_view kWageAlert = "wage.alert";
inline constexpr std::string_view kClearanceRecord = "clearance.record";
inline constexpr std::string_view kLedgerHead = "ledger.head";

bool IsMessageType(std::string_view type);

struct Envelope {
  std::string sender;    // node id
  std::string receiver;  // node id
  uint64_t seq = 0;      // 1.., per (sender, receiver)
  Timestamp time;        // when this copy was signed
  Timestamp created;     // when the causing change was committed
  std::string type;
  std::string subject;  // the record's id
  json::Value body;     // an object
  crypto::Signature signature{};
  bool operator==(const Envelope&) const = default;
};

// The canonical bytes signed (docs/formats/federation.md §2).
std::string EnvelopeSigningInput(const Envelope& e);
void SignEnvelope(Envelope& e, const crypto::SigningKey& key);
// Unauthenticated when the signature is not `key`'s over this envelope.
Status VerifyEnvelope(const Envelope& e, const crypto::PublicKey& key);

// The transport form, and its strict reader.
json::Value EnvelopeToJson(const Envelope& e);
Result<Envelope> EnvelopeFromJson(const json::Value& v);

// SHA-256 hex of the canonical transport form (signature included), and of a body.
std::string EnvelopeDigest(const Envelope& e);
std::string BodyDigest(const json::Value& body);

enum class Outcome { kApplied, kRejected };
std::string_view ToString(Outcome o);
Result<Outcome> ParseOutcome(std::string_view text);

struct Receipt {
  std::string sender;    // the receipt's signer: the message's receiver
  std::string receiver;  // the message's sender
  uint64_t seq = 0;
  std::string envelope_digest;
  std::string body_digest;
  Outcome outcome = Outcome::kApplied;
  std::string reason;  // empty when applied
  Timestamp time;
  crypto::Signature signature{};
  bool operator==(const Receipt&) const = default;
};

std::string ReceiptSigningInput(const Receipt& r);
void SignReceipt(Receipt& r, const crypto::SigningKey& key);
Status VerifyReceipt(const Receipt& r, const crypto::PublicKey& key);
json::Value ReceiptToJson(const Receipt& r);
Result<Receipt> ReceiptFromJson(const json::Value& v);
// SHA-256 hex of the canonical transport form.
std::string ReceiptDigest(const Receipt& r);

}  // namespace corridor::federation
