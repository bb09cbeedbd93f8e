#include "service/federation.hpp"

#include <algorithm>
#include <chrono>

#include "codec/codec.hpp"
#include "core/encoding.hpp"
#include "core/ids.hpp"
#include "domain/reference.hpp"
#include "federation/audit.hpp"
#include "federation/heads.hpp"
#include "federation/http_transport.hpp"
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

// A received message's effects are the peer's: nothing they record is sent back.
const store::WriteOptions kFromPeer{store::Origin::kPeer, nullptr};

// Failures of this node rather than of the message: the sender tries again.
bool IsTransient(const Status& s) {
  return s.code() == Code::kInternal || s.code() == Code::kUnavailable ||
         s.code() == Code::kConflict || s.code() == Code::kResourceExhausted;
}

std::string ReasonOf(const Status& s) {
  std::string out = s.message();
  if (!s.field().empty() && out.find(s.field()) == std::string::npos) {
    out = s.field() + ": " + out;
  }
  return out.substr(0, 2000);
}

std::string SeqText(const json::Value& raw) {
  const json::Value* s = raw.Get("seq");
  if (s == nullptr) return "0";
  auto n = s->AsInt64();
  return n.ok() && *n > 0 ? std::to_string(*n) : "0";
}

}  // namespace

Status CheckMayViewFederation(const domain::Actor& a, const std::string& node_country,
                              bool with_bodies) {
  using domain::Role;
  if (a.role == Role::kSystem) return Status::Ok();
  if ((a.role == Role::kOriginOfficer || a.role == Role::kDestinationOfficer) &&
      a.country == node_country) {
    return Status::Ok();
  }
  if (a.role == Role::kAdministrator && !with_bodies) return Status::Ok();
  return Status::PermissionDenied(
      with_bodies ? "the messages between the countries are for this node's officers"
                  : "the federation's state is for this node's officers and administrators");
}

Federation::Federation(store::Store& store, const crypto::SigningKey& key, Rng& rng,
                       federation::Transport& transport, FederationOptions options)
    : store_(store),
      key_(key),
      rng_(rng),
      transport_(transport),
      options_(options),
      self_(store.identity().node_id),
      country_(store.identity().country),
      refusal_limiter_(options.refusals) {
  store_.SetCommitListener([this] { Wake(); });
}

Federation::~Federation() { store_.SetCommitListener({}); }

std::mutex& Federation::PeerMutex(const std::string& peer) {
  std::lock_guard<std::mutex> lock(peers_mu_);
  auto& m = peer_mu_[peer];
  if (!m) m = std::make_unique<std::mutex>();
  return *m;
}

// ---------------------------------------------------------------- peers

Status Federation::SetPeer(const domain::Actor& a, const PeerConfig& p) {
  if (a.role != domain::Role::kSystem && a.role != domain::Role::kAdministrator) {
    return Status::PermissionDenied("only an administrator pins a peer");
  }
  RETURN_IF_ERROR(CheckIdText(p.node_id).WithField("node_id"));
  if (p.node_id == self_) return Status::InvalidArgument("is this node's own id", "node_id");
  RETURN_IF_ERROR(domain::CheckCountry(p.country, "country"));
  if (p.country == country_) {
    return Status::InvalidArgument("is this node's own country", "country");
  }
  RETURN_IF_ERROR(federation::ParseBaseUrl(p.url).status());
  if (std::all_of(p.public_key.begin(), p.public_key.end(), [](uint8_t b) { return b == 0; })) {
    return Status::InvalidArgument("must be the peer's Ed25519 public key", "public_key");
  }
  return store_.Write(a.account, [&](store::WriteTx& tx) -> Status {
    store::PeerRow row;
    row.node_id = p.node_id;
    row.country = p.country;
    row.url = p.url;
    row.public_key = p.public_key;
    row.updated_ms = tx.now().millis();
    RETURN_IF_ERROR(store::PutPeer(tx.conn(), row));
    json::Object data;
    data.Set("country", p.country);
    data.Set("url", p.url);
    data.Set("public_key", HexEncode(p.public_key));
    return tx.Record(domain::EventType::kFederationPeerSet, p.node_id, std::move(data));
  });
}

// ---------------------------------------------------------------- inbound

int64_t Federation::RefusalWait(std::string_view remote) {
  const std::string key = AddressKey(remote);
  const int64_t wait = refusal_limiter_.Wait(key, store_.clock().Now().millis());
  if (wait > 0) {
    std::lock_guard<std::mutex> lock(unrecorded_mu_);
    if (unrecorded_.size() >= 100'000) unrecorded_.clear();
    ++unrecorded_[key];
  }
  return wait;
}

void Federation::LogRefusal(const Refusal& r, const json::Value* raw, size_t bytes,
                            std::string_view remote) {
  const std::string key = AddressKey(remote);
  const int64_t now = store_.clock().Now().millis();
  int64_t unrecorded = 0;
  {
    std::lock_guard<std::mutex> lock(unrecorded_mu_);
    if (refusal_limiter_.Take(key, now) > 0) {
      // Over the address's allowance: counted, not recorded.
      if (unrecorded_.size() >= 100'000) unrecorded_.clear();
      ++unrecorded_[key];
      return;
    }
    auto it = unrecorded_.find(key);
    if (it != unrecorded_.end()) {
      unrecorded = it->second;
      unrecorded_.erase(it);
    }
  }
  store::RefusedRow row;
  row.time_ms = now;
  row.code = std::string(federation::ToString(r.code));
  row.reason = r.reason;
  if (unrecorded > 0) {
    row.reason = "(" + std::to_string(unrecorded) +
                 " earlier refusals from this address were not recorded: too many) " + row.reason;
  }
  row.remote = std::string(remote);
  row.envelope_bytes = static_cast<int64_t>(bytes);
  if (raw != nullptr) {
    const json::Value* sender = raw->Get("sender");
    row.claimed_sender = sender && sender->is_string() ? sender->AsString() : "";
    row.seq = std::stoull(SeqText(*raw));
    const json::Value* type = raw->Get("type");
    row.type = type && type->is_string() ? type->AsString() : "";
    // What was received is identified, never kept: bodies carry workers' records.
    const std::string text = json::Write(*raw);
    row.envelope_bytes = static_cast<int64_t>(text.size());
    row.envelope_digest = HexEncode(crypto::Sha256(text));
    if (const json::Value* body = raw->Get("body")) row.body_digest = federation::BodyDigest(*body);
  }
  // The log is for the officers; if it cannot be written, the refusal stands all the same.
  (void)store_.Write("system",
                     [&](store::WriteTx& tx) { return store::InsertRefused(tx.conn(), row); });
}

Result<DeliveryResponse> Federation::Receive(std::string_view request_body,
                                             std::string_view remote) {
  auto refuse_request = [&](const Status& s) {
    LogRefusal({RefusalCode::kMalformed, "the request: " + s.message()}, nullptr,
               request_body.size(), remote);
    return s;
  };
  if (request_body.size() > federation::kMaxRequestBytes) {
    return refuse_request(Status::InvalidArgument("the request is larger than the limit of 4 MiB"));
  }
  json::ParseLimits limits;
  limits.max_bytes = federation::kMaxRequestBytes;
  auto v = json::Parse(request_body, limits);
  if (!v.ok()) return refuse_request(v.status());
  auto read = federation::RequestFromJson(*v);
  if (!read.ok()) return refuse_request(read.status());
  const std::vector<json::Value>& raws = *read;
  std::vector<store::PeerRow> peers;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(peers, store::ListPeers(tx.conn()));
    return Status::Ok();
  }));
  // First the checks that need no sequence: the prefix of envelopes that read, come from the
  // one configured peer that signed them, and are fresh.
  DeliveryResponse response;
  std::vector<std::pair<Envelope, const json::Value*>> checked;
  std::optional<std::pair<federation::RefusalReport, const json::Value*>> refused;
  const store::PeerRow* peer = nullptr;
  for (const json::Value& raw : raws) {
    Refusal refusal;
    auto env = federation::ReadEnvelope(raw, &refusal);
    if (!env.ok()) {
      refused.emplace(federation::RefusalReport{std::stoull(SeqText(raw)), refusal}, &raw);
      break;
    }
    const store::PeerRow* from = nullptr;
    for (const auto& p : peers) {
      if (p.node_id == env->sender) from = &p;
    }
    federation::PeerKey key;
    if (from != nullptr) key = {from->node_id, from->public_key};
    const federation::ReceiverContext ctx{self_, store_.clock().Now(), options_.skew_ms};
    if (auto r = federation::CheckEnvelope(*env, from ? &key : nullptr, ctx)) {
      refused.emplace(federation::RefusalReport{env->seq, *r}, &raw);
      break;
    }
    if (peer != nullptr && from != peer) {
      refused.emplace(federation::RefusalReport{env->seq,
                                                {RefusalCode::kMalformed,
                                                 "a request holds the messages of one sender "
                                                 "only"}},
                      &raw);
      break;
    }
    peer = from;
    checked.emplace_back(std::move(*env), &raw);
  }
  // Then in sequence, one peer at a time: a run of next-expected messages is applied in one
  // transaction; anything else (a duplicate, a message a rule refuses, the rest of a request
  // after such a one) one at a time.
  // The duplicates of a request (a retransmission after a lost answer, or a replay) are recorded
  // as one refusal, the first, saying how many there were: an honest retry of a whole batch uses
  // one of its address's allowance, not one per envelope.
  std::optional<std::pair<Refusal, const json::Value*>> duplicate;
  int duplicates = 0;
  auto log_duplicates = [&] {
    if (!duplicate) return;
    if (duplicates > 1) {
      duplicate->first.reason +=
          " (and " + std::to_string(duplicates - 1) + " more duplicates in the same request)";
    }
    LogRefusal(duplicate->first, duplicate->second, 0, remote);
  };
  if (!checked.empty()) {
    std::lock_guard<std::mutex> lock(PeerMutex(peer->node_id));
    bool runs = true;
    for (size_t i = 0; i < checked.size();) {
      const bool run_ahead =
          i + 1 < checked.size() && checked[i + 1].first.seq == checked[i].first.seq + 1;
      if (runs && run_ahead) {
        const size_t applied = ApplyRun(*peer, checked, i, response);
        if (applied > 0) {
          i += applied;
          continue;
        }
      }
      runs = false;
      const auto& [env, raw] = checked[i];
      std::optional<Refusal> outcome;
      ReceiveOne(*peer, env, response, outcome);
      ++i;
      if (!outcome) continue;
      if (outcome->code == RefusalCode::kDuplicate) {
        // Answered with its receipt; recorded so that a replay is visible.
        if (!duplicate) duplicate.emplace(*outcome, raw);
        ++duplicates;
        continue;
      }
      log_duplicates();
      if (outcome->code != RefusalCode::kUnavailable) LogRefusal(*outcome, raw, 0, remote);
      response.refused = federation::RefusalReport{env.seq, *outcome};
      return response;
    }
  }
  log_duplicates();
  if (refused) {
    LogRefusal(refused->first.refusal, refused->second, 0, remote);
    response.refused = refused->first;
  }
  return response;
}

size_t Federation::ApplyRun(const store::PeerRow& peer,
                            const std::vector<std::pair<Envelope, const json::Value*>>& checked,
                            size_t from, DeliveryResponse& response) {
  std::vector<DeliveryResult> results;
  Status s = store_.Write(peer.node_id, kFromPeer, [&](store::WriteTx& tx) -> Status {
    results.clear();
    ASSIGN_OR_RETURN(auto p, store::GetPeer(tx.conn(), peer.node_id));
    if (!p) return Status::Conflict("the peer is gone");
    uint64_t next = p->next_in_seq;
    for (size_t i = from; i < checked.size() && checked[i].first.seq == next; ++i, ++next) {
      const Envelope& e = checked[i].first;
      json::Object facts;
      RETURN_IF_ERROR(Apply(tx, *p, e, facts));
      DeliveryResult r;
      r.seq = e.seq;
      RETURN_IF_ERROR(SettleReceived(tx, *p, e, Outcome::kApplied, "", facts, r.receipt));
      p->next_in_seq = e.seq + 1;
      results.push_back(std::move(r));
    }
    // A run of one is no gain: the one-at-a-time path takes it (and any refusal).
    return results.size() < 2 ? Status::FailedPrecondition("no run") : Status::Ok();
  });
  if (!s.ok()) return 0;
  for (auto& r : results) response.results.push_back(std::move(r));
  return results.size();
}

void Federation::ReceiveOne(const store::PeerRow& peer, const Envelope& e,
                            DeliveryResponse& response, std::optional<Refusal>& refusal) {
  const std::string body_digest = federation::BodyDigest(e.body);
  const std::string seq_text = std::to_string(e.seq);
  const Refusal unavailable{RefusalCode::kUnavailable,
                            "this node could not record message " + seq_text + "; try again"};
  std::optional<store::PeerRow> current;
  std::optional<store::InboxRow> stored;
  Status read = store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(current, store::GetPeer(tx.conn(), peer.node_id));
    if (current && e.seq < current->next_in_seq) {
      ASSIGN_OR_RETURN(stored, store::GetInbox(tx.conn(), peer.node_id, e.seq));
    }
    return Status::Ok();
  });
  if (!read.ok() || !current) {
    refusal = unavailable;
    return;
  }
  const auto verdict = federation::ClassifySeq(
      e.seq, current->next_in_seq,
      stored ? std::optional<std::string>(stored->body_digest) : std::nullopt, body_digest);
  if (verdict == federation::SeqVerdict::kDuplicate) {
    auto receipt_json = json::Parse(stored->receipt);
    auto envelope_json = json::Parse(stored->envelope);
    if (!receipt_json.ok() || !envelope_json.ok()) {
      refusal = unavailable;
      return;
    }
    auto receipt = federation::ReceiptFromJson(*receipt_json);
    auto applied = federation::EnvelopeFromJson(*envelope_json);
    if (!receipt.ok() || !applied.ok()) {
      refusal = unavailable;
      return;
    }
    DeliveryResult result{e.seq, *receipt, true, std::nullopt};
    if (stored->envelope_digest != federation::EnvelopeDigest(e)) result.envelope = *applied;
    response.results.push_back(std::move(result));
    refusal = federation::SeqRefusal(verdict, e.seq, current->next_in_seq);
    return;
  }
  if (verdict != federation::SeqVerdict::kApply) {
    refusal = federation::SeqRefusal(verdict, e.seq, current->next_in_seq);
    return;
  }
  DeliveryResult result;
  result.seq = e.seq;
  auto settle = [&](Outcome outcome, const std::string& reason) {
    return store_.Write(peer.node_id, kFromPeer, [&](store::WriteTx& tx) -> Status {
      ASSIGN_OR_RETURN(auto p, store::GetPeer(tx.conn(), peer.node_id));
      if (!p || p->next_in_seq != e.seq) {
        return Status::Conflict("message " + seq_text + " was taken by another writer");
      }
      json::Object facts;
      if (outcome == Outcome::kApplied) RETURN_IF_ERROR(Apply(tx, *p, e, facts));
      RETURN_IF_ERROR(SettleReceived(tx, *p, e, outcome, reason, facts, result.receipt));
      if (outcome == Outcome::kApplied) return Status::Ok();
      // The officers are told of a message refused by a rule.
      json::Object data;
      data.Set("peer", peer.node_id);
      data.Set("seq", e.seq);
      data.Set("type", e.type);
      data.Set("reason", reason);
      return Notify(tx, AuthorityRecipient(country_), "federation.message_rejected", e.subject,
                    json::Value(std::move(data)));
    });
  };
  Status applied = settle(Outcome::kApplied, "");
  if (applied.ok()) {
    response.results.push_back(std::move(result));
    return;
  }
  if (IsTransient(applied)) {
    refusal = unavailable;
    return;
  }
  Status rejected = settle(Outcome::kRejected, ReasonOf(applied));
  if (!rejected.ok()) {
    refusal = unavailable;
    return;
  }
  response.results.push_back(std::move(result));
}

Status Federation::SettleReceived(store::WriteTx& tx, const store::PeerRow& peer, const Envelope& e,
                                  Outcome outcome, const std::string& reason,
                                  const json::Object& facts, federation::Receipt& receipt) {
  receipt = federation::Receipt{};
  receipt.sender = self_;
  receipt.receiver = peer.node_id;
  receipt.seq = e.seq;
  receipt.envelope_digest = federation::EnvelopeDigest(e);
  receipt.body_digest = federation::BodyDigest(e.body);
  receipt.outcome = outcome;
  receipt.reason = reason;
  receipt.time = tx.now();
  federation::SignReceipt(receipt, key_);
  store::InboxRow row;
  row.peer = peer.node_id;
  row.seq = e.seq;
  row.type = e.type;
  row.subject = e.subject;
  row.envelope = json::Write(federation::EnvelopeToJson(e));
  row.envelope_digest = receipt.envelope_digest;
  row.body_digest = receipt.body_digest;
  row.outcome = std::string(federation::ToString(outcome));
  row.reason = reason;
  row.receipt = json::Write(federation::ReceiptToJson(receipt));
  row.received_ms = tx.now().millis();
  RETURN_IF_ERROR(store::InsertInbox(tx.conn(), row));
  RETURN_IF_ERROR(store::SetNextInSeq(tx.conn(), peer.node_id, e.seq + 1));
  if (e.type == federation::kLedgerHead && outcome == Outcome::kApplied) return Status::Ok();
  json::Object data = facts;
  data.Set("peer", peer.node_id);
  data.Set("seq", e.seq);
  data.Set("type", e.type);
  data.Set("outcome", row.outcome);
  data.Set("reason", reason);
  data.Set("envelope_digest", receipt.envelope_digest);
  data.Set("receipt_digest", federation::ReceiptDigest(receipt));
  return tx.Record(domain::EventType::kFederationReceived, e.subject, std::move(data));
}

}  // namespace corridor::service
