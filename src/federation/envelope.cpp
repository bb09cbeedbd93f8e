#include "federation/envelope.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>

#include "core/encoding.hpp"
#include "core/ids.hpp"
#include "json/exact.hpp"

namespace corridor::federation {
namespace {

constexpr std::array<std::string_view, 11> kTypes = {
    kAgencyRecord, kEmployerRecord, kJobOrderRecord, kContractUpdate, kContractSubstitution,
    kPermitRecord, kTransferRecord, kExitRecord,     kWageAlert,      kClearanceRecord,
    kLedgerHead};

using json::ExactObject;
using json::MemberError;

Result<std::string> StringMember(const json::Object& o, std::string_view what, std::string_view m) {
  const json::Value* v = o.Find(m);
  if (!v->is_string()) return MemberError(what, m, "must be a string");
  return v->AsString();
}

Result<std::string> IdMember(const json::Object& o, std::string_view what, std::string_view m) {
  ASSIGN_OR_RETURN(std::string s, StringMember(o, what, m));
  if (!CheckIdText(s).ok()) {
    return MemberError(what, m, "must be 1 to 64 characters of A-Z a-z 0-9 . _ -");
  }
  return s;
}

Result<Timestamp> TimeMember(const json::Object& o, std::string_view what, std::string_view m) {
  ASSIGN_OR_RETURN(std::string s, StringMember(o, what, m));
  auto t = Timestamp::Parse(s);
  if (!t.ok() || t->ToString() != s) {
    return MemberError(what, m, "must be written YYYY-MM-DDTHH:MM:SS.mmmZ");
  }
  return *t;
}

Result<uint64_t> SeqMember(const json::Object& o, std::string_view what) {
  auto n = o.Find("seq")->AsInt64();
  if (!o.Find("seq")->is_number() || !n.ok() || *n < 1) {
    return MemberError(what, "seq", "must be an integer from 1 to " + std::to_string(kMaxSeq));
  }
  return static_cast<uint64_t>(*n);
}

Status VersionMember(const json::Object& o, std::string_view what) {
  const json::Value* v = o.Find("v");
  if (!v->is_number() || v->AsNumber() != kVersion) {
    return MemberError(what, "v", "must be 1");
  }
  return Status::Ok();
}

Result<crypto::Signature> SignatureMember(const json::Object& o, std::string_view what) {
  ASSIGN_OR_RETURN(std::string s, StringMember(o, what, "signature"));
  auto bytes = Base64UrlDecode(s);
  if (!bytes.ok() || bytes->size() != 64) {
    return MemberError(what, "signature", "must be 64 bytes in base64url without padding");
  }
  crypto::Signature sig;
  std::copy(bytes->begin(), bytes->end(), sig.begin());
  return sig;
}

Result<std::string> DigestMember(const json::Object& o, std::string_view what, std::string_view m) {
  ASSIGN_OR_RETURN(std::string s, StringMember(o, what, m));
  auto bytes = HexDecode(s);
  if (s.size() != 64 || !bytes.ok() || HexEncode(*bytes) != s) {
    return MemberError(what, m, "must be 64 lower-case hex digits");
  }
  return s;
}

// Depth of nested arrays and objects: a scalar is 0, {} is 1.
int Depth(const json::Value& v) {
  int d = 0;
  if (v.is_array()) {
    for (const auto& item : v.AsArray()) d = std::max(d, Depth(item));
    return d + 1;
  }
  if (v.is_object()) {
    for (const auto& [k, item] : v.AsObject()) d = std::max(d, Depth(item));
    return d + 1;
  }
  return 0;
}

json::Object EnvelopeMembers(const Envelope& e) {
  json::Object o;
  o.Set("v", kVersion);
  o.Set("sender", e.sender);
  o.Set("receiver", e.receiver);
  o.Set("seq", e.seq);
  o.Set("time", e.time.ToString());
  o.Set("created", e.created.ToString());
  o.Set("type", e.type);
  o.Set("subject", e.subject);
  o.Set("body", e.body);
  return o;
}

json::Object ReceiptMembers(const Receipt& r) {
  json::Object o;
  o.Set("v", kVersion);
  o.Set("sender", r.sender);
  o.Set("receiver", r.receiver);
  o.Set("seq", r.seq);
  o.Set("envelope_digest", r.envelope_digest);
  o.Set("body_digest", r.body_digest);
  o.Set("outcome", std::string(ToString(r.outcome)));
  o.Set("reason", r.reason);
  o.Set("time", r.time.ToString());
  return o;
}

std::string SigningInput(std::string_view member, json::Object fields, std::string_view type) {
  json::Object o;
  o.Set(std::string(member), json::Value(std::move(fields)));
  o.Set("type", std::string(type));
  return json::Canonical(json::Value(std::move(o)));
}

std::string HexSha256(std::string_view bytes) { return HexEncode(crypto::Sha256(bytes)); }

}  // namespace

bool IsMessageType(std::string_view type) {
  return std::find(kTypes.begin(), kTypes.end(), type) != kTypes.end();
}

std::string EnvelopeSigningInput(const Envelope& e) {
  return SigningInput("envelope", EnvelopeMembers(e), kEnvelopeSigningType);
}

void SignEnvelope(Envelope& e, const crypto::SigningKey& key) {
  e.signature = key.Sign(AsBytes(EnvelopeSigningInput(e)));
}

Status VerifyEnvelope(const Envelope& e, const crypto::PublicKey& key) {
  if (!crypto::Verify(key, AsBytes(EnvelopeSigningInput(e)), e.signature)) {
    return Status::Unauthenticated("the signature of message " + std::to_string(e.seq) + " from " +
                                   e.sender + " does not verify with the key pinned for that node");
  }
  return Status::Ok();
}

json::Value EnvelopeToJson(const Envelope& e) {
  json::Object o = EnvelopeMembers(e);
  o.Set("signature", Base64UrlEncode(e.signature));
  return o;
}

Result<Envelope> EnvelopeFromJson(const json::Value& v) {
  constexpr std::string_view kWhat = "envelope";
  ASSIGN_OR_RETURN(const json::Object* o,
                   ExactObject(v, kWhat,
                               {"v", "sender", "receiver", "seq", "time", "created", "type",
                                "subject", "body", "signature"}));
  RETURN_IF_ERROR(VersionMember(*o, kWhat));
  Envelope e;
  ASSIGN_OR_RETURN(e.sender, IdMember(*o, kWhat, "sender"));
  ASSIGN_OR_RETURN(e.receiver, IdMember(*o, kWhat, "receiver"));
  ASSIGN_OR_RETURN(e.seq, SeqMember(*o, kWhat));
  ASSIGN_OR_RETURN(e.time, TimeMember(*o, kWhat, "time"));
  ASSIGN_OR_RETURN(e.created, TimeMember(*o, kWhat, "created"));
  ASSIGN_OR_RETURN(e.type, StringMember(*o, kWhat, "type"));
  if (!IsMessageType(e.type)) {
    return MemberError(kWhat, "type", "\"" + e.type + "\" is not a known message type");
  }
  ASSIGN_OR_RETURN(e.subject, IdMember(*o, kWhat, "subject"));
  const json::Value* body = o->Find("body");
  if (!body->is_object()) return MemberError(kWhat, "body", "must be a JSON object");
  if (Depth(*body) > kMaxBodyDepth) {
    return MemberError(kWhat, "body",
                       "nests deeper than " + std::to_string(kMaxBodyDepth) + " levels");
  }
  e.body = *body;
  ASSIGN_OR_RETURN(e.signature, SignatureMember(*o, kWhat));
  return e;
}

std::string EnvelopeDigest(const Envelope& e) {
  return HexSha256(json::Canonical(EnvelopeToJson(e)));
}

std::string BodyDigest(const json::Value& body) { return HexSha256(json::Canonical(body)); }

std::string_view ToString(Outcome o) { return o == Outcome::kApplied ? "applied" : "rejected"; }

Result<Outcome> ParseOutcome(std::string_view text) {
  if (text == "applied") return Outcome::kApplied;
  if (text == "rejected") return Outcome::kRejected;
  return Status::InvalidArgument("must be applied or rejected", "outcome");
}

std::string ReceiptSigningInput(const Receipt& r) {
  return SigningInput("receipt", ReceiptMembers(r), kReceiptSigningType);
}

void SignReceipt(Receipt& r, const crypto::SigningKey& key) {
  r.signature = key.Sign(AsBytes(ReceiptSigningInput(r)));
}

Status VerifyReceipt(const Receipt& r, const crypto::PublicKey& key) {
  if (!crypto::Verify(key, AsBytes(ReceiptSigningInput(r)), r.signature)) {
    return Status::Unauthenticated("the signature of the receipt for message " +
                                   std::to_string(r.seq) + " from " + r.sender +
                                   " does not verify with the key pinned for that node");
  }
  return Status::Ok();
}

json::Value ReceiptToJson(const Receipt& r) {
  json::Object o = ReceiptMembers(r);
  o.Set("signature", Base64UrlEncode(r.signature));
  return o;
}

Result<Receipt> ReceiptFromJson(const json::Value& v) {
  constexpr std::string_view kWhat = "receipt";
  ASSIGN_OR_RETURN(const json::Object* o,
                   ExactObject(v, kWhat,
                               {"v", "sender", "receiver", "seq", "envelope_digest", "body_digest",
                                "outcome", "reason", "time", "signature"}));
  RETURN_IF_ERROR(VersionMember(*o, kWhat));
  Receipt r;
  ASSIGN_OR_RETURN(r.sender, IdMember(*o, kWhat, "sender"));
  ASSIGN_OR_RETURN(r.receiver, IdMember(*o, kWhat, "receiver"));
  ASSIGN_OR_RETURN(r.seq, SeqMember(*o, kWhat));
  ASSIGN_OR_RETURN(r.envelope_digest, DigestMember(*o, kWhat, "envelope_digest"));
  ASSIGN_OR_RETURN(r.body_digest, DigestMember(*o, kWhat, "body_digest"));
  ASSIGN_OR_RETURN(std::string outcome, StringMember(*o, kWhat, "outcome"));
  auto parsed = ParseOutcome(outcome);
  if (!parsed.ok()) return MemberError(kWhat, "outcome", "must be \"applied\" or \"rejected\"");
  r.outcome = *parsed;
  ASSIGN_OR_RETURN(r.reason, StringMember(*o, kWhat, "reason"));
  if (r.reason.size() > 2000) return MemberError(kWhat, "reason", "is longer than 2000 bytes");
  if (r.outcome == Outcome::kApplied && !r.reason.empty()) {
    return MemberError(kWhat, "reason", "must be empty when the outcome is \"applied\"");
  }
  if (r.outcome == Outcome::kRejected && r.reason.empty()) {
    return MemberError(kWhat, "reason", "must say why when the outcome is \"rejected\"");
  }
  ASSIGN_OR_RETURN(r.time, TimeMember(*o, kWhat, "time"));
  ASSIGN_OR_RETURN(r.signature, SignatureMember(*o, kWhat));
  return r;
}

std::string ReceiptDigest(const Receipt& r) { return HexSha256(json::Canonical(ReceiptToJson(r))); }

}  // namespace corridor::federation
