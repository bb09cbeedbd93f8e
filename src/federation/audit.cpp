#include "federation/audit.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include "core/encoding.hpp"
#include "federation/envelope.hpp"

namespace corridor::federation {
namespace {

using Key = std::pair<std::string, uint64_t>;  // (peer, seq)

std::string Name(const std::string& direction, const std::string& peer, uint64_t seq) {
  return direction + " message " + std::to_string(seq) + (direction == "sent" ? " to " : " from ") +
         peer;
}

std::string Text(const json::Value& data, std::string_view member) {
  const json::Value* v = data.Get(member);
  return v && v->is_string() ? v->AsString() : std::string();
}

std::optional<uint64_t> Seq(const json::Value& data) {
  const json::Value* v = data.Get("seq");
  if (v == nullptr) return std::nullopt;
  auto n = v->AsInt64();
  if (!n.ok() || *n < 1) return std::nullopt;
  return static_cast<uint64_t>(*n);
}

Result<json::Value> ParseStored(const std::string& text, const std::string& what) {
  auto v = json::Parse(text);
  if (!v.ok()) return Status::DataLoss(what + " is not valid JSON");
  return v;
}

// Verifies under any of `keys`.
bool VerifiesEnvelope(const Envelope& e, const std::vector<crypto::PublicKey>& keys) {
  for (const auto& k : keys) {
    if (VerifyEnvelope(e, k).ok()) return true;
  }
  return false;
}
bool VerifiesReceipt(const Receipt& r, const std::vector<crypto::PublicKey>& keys) {
  for (const auto& k : keys) {
    if (VerifyReceipt(r, k).ok()) return true;
  }
  return false;
}

// Checks one stored envelope and its receipt; the problem, or "".
std::string CheckPair(const std::string& name, const std::string& envelope_text,
                      const std::string& receipt_text, const std::string& sender,
                      const std::string& receiver, uint64_t seq, const std::string& type,
                      const std::string& subject, const std::string& body_digest,
                      const std::string& outcome, const std::vector<crypto::PublicKey>& env_keys,
                      const std::vector<crypto::PublicKey>& receipt_keys,
                      std::string* envelope_digest, std::string* receipt_digest) {
  auto ev = ParseStored(envelope_text, name + "'s envelope");
  if (!ev.ok()) return ev.status().message();
  auto env = EnvelopeFromJson(*ev);
  if (!env.ok()) return name + "'s envelope does not read: " + env.status().message();
  if (env->sender != sender || env->receiver != receiver || env->seq != seq || env->type != type ||
      env->subject != subject) {
    return name + "'s stored envelope is for another message";
  }
  if (BodyDigest(env->body) != body_digest) {
    return name + "'s envelope body does not match its recorded body digest";
  }
  if (!VerifiesEnvelope(*env, env_keys)) {
    return name + "'s envelope signature does not verify under " + sender + "'s key";
  }
  auto rv = ParseStored(receipt_text, name + "'s receipt");
  if (!rv.ok()) return rv.status().message();
  auto rec = ReceiptFromJson(*rv);
  if (!rec.ok()) return name + "'s receipt does not read: " + rec.status().message();
  if (!VerifiesReceipt(*rec, receipt_keys)) {
    return name + "'s receipt signature does not verify under " + receiver + "'s key";
  }
  *envelope_digest = EnvelopeDigest(*env);
  *receipt_digest = ReceiptDigest(*rec);
  if (rec->sender != receiver || rec->receiver != sender || rec->seq != seq ||
      rec->body_digest != body_digest || rec->envelope_digest != *envelope_digest) {
    return name + "'s receipt does not name its envelope";
  }
  if (std::string(ToString(rec->outcome)) != outcome) {
    return name + "'s receipt says " + std::string(ToString(rec->outcome)) + ", the log " + outcome;
  }
  return "";
}

// Sequence numbers of each peer run 1..n.
std::string CheckContiguous(std::vector<Key> keys, const std::string& direction) {
  std::sort(keys.begin(), keys.end());
  for (size_t i = 0; i < keys.size(); ++i) {
    const bool first = i == 0 || keys[i - 1].first != keys[i].first;
    const uint64_t expected = first ? 1 : keys[i - 1].second + 1;
    if (keys[i].second != expected) {
      return "the " + direction + " messages " + (direction == "sent" ? "to " : "from ") +
             keys[i].first + " skip from " + std::to_string(expected - 1) + " to " +
             std::to_string(keys[i].second) + ": message " + std::to_string(expected) +
             " is missing from the log";
    }
  }
  return "";
}

}  // namespace

LogReport VerifyMessageLog(const std::vector<SentRecord>& sent,
                           const std::vector<ReceivedRecord>& received,
                           const std::vector<FederationEvent>& events, const std::string& self,
                           const crypto::PublicKey& own_key) {
  LogReport report;
  const std::vector<crypto::PublicKey> own{own_key};
  std::map<std::string, std::vector<crypto::PublicKey>> peer_keys;
  std::map<Key, const FederationEvent*> queued, acknowledged, received_events;
  for (const FederationEvent& e : events) {
    ++report.events_checked;
    if (e.type == kEventPeerSet) {
      auto key = HexDecode(Text(e.data, "public_key"));
      if (!key.ok() || key->size() != 32) {
        report.problem = "ledger event " + std::to_string(e.index) + " sets a malformed peer key";
        return report;
      }
      crypto::PublicKey k;
      std::copy(key->begin(), key->end(), k.begin());
      peer_keys[e.subject].push_back(k);
      continue;
    }
    std::map<Key, const FederationEvent*>* index = nullptr;
    if (e.type == kEventQueued) index = &queued;
    if (e.type == kEventAcknowledged) index = &acknowledged;
    if (e.type == kEventReceived) index = &received_events;
    if (index == nullptr) continue;
    const auto seq = Seq(e.data);
    const std::string peer = Text(e.data, "peer");
    if (!seq || peer.empty()) {
      report.problem = "ledger event " + std::to_string(e.index) + " (" + e.type +
                       ") does not name a peer and a sequence number";
      return report;
    }
    if (!index->emplace(Key{peer, *seq}, &e).second) {
      report.problem = "ledger events record " + e.type + " twice for message " +
                       std::to_string(*seq) + " of " + peer;
      return report;
    }
  }

  std::vector<Key> sent_keys;
  for (const SentRecord& s : sent) {
    const std::string name = Name("sent", s.peer, s.seq);
    const Key key{s.peer, s.seq};
    sent_keys.push_back(key);
    const bool head = s.type == kLedgerHead;
    if (!head) {
      auto q = queued.find(key);
      if (q == queued.end()) {
        report.problem = name + " has no federation.queued event in the ledger";
        return report;
      }
      if (Text(q->second->data, "body_digest") != s.body_digest ||
          Text(q->second->data, "type") != s.type) {
        report.problem = name + " does not match its federation.queued event (ledger event " +
                         std::to_string(q->second->index) + ")";
        return report;
      }
      queued.erase(q);
    }
    if (s.state == "pending") {
      if (!s.envelope.empty() || !s.receipt.empty()) {
        report.problem = name + " is pending but holds a receipt";
        return report;
      }
      if (acknowledged.count(key)) {
        report.problem = name + " is pending, but the ledger records its acknowledgement";
        return report;
      }
      ++report.sent_checked;
      continue;
    }
    const std::string outcome = s.state == "acknowledged" ? "applied" : "rejected";
    if (s.state != "acknowledged" && s.state != "rejected") {
      report.problem = name + " has the unknown state \"" + s.state + "\"";
      return report;
    }
    std::string env_digest, receipt_digest;
    const auto pinned = peer_keys.find(s.peer);
    const std::vector<crypto::PublicKey> none;
    std::string problem = CheckPair(
        name, s.envelope, s.receipt, self, s.peer, s.seq, s.type, s.subject, s.body_digest, outcome,
        own, pinned == peer_keys.end() ? none : pinned->second, &env_digest, &receipt_digest);
    if (!problem.empty()) {
      report.problem = problem;
      return report;
    }
    if (!head) {
      auto a = acknowledged.find(key);
      if (a == acknowledged.end()) {
        report.problem = name + " has no federation.acknowledged event in the ledger";
        return report;
      }
      const json::Value& d = a->second->data;
      if (Text(d, "envelope_digest") != env_digest || Text(d, "receipt_digest") != receipt_digest ||
          Text(d, "outcome") != outcome) {
        report.problem = name +
                         " does not match its federation.acknowledged event (ledger "
                         "event " +
                         std::to_string(a->second->index) + ")";
        return report;
      }
      acknowledged.erase(a);
    }
    ++report.sent_checked;
  }

  std::vector<Key> received_keys;
  for (const ReceivedRecord& r : received) {
    const std::string name = Name("received", r.peer, r.seq);
    const Key key{r.peer, r.seq};
    received_keys.push_back(key);
    if (r.outcome != "applied" && r.outcome != "rejected") {
      report.problem = name + " has the unknown outcome \"" + r.outcome + "\"";
      return report;
    }
    const auto pinned = peer_keys.find(r.peer);
    if (pinned == peer_keys.end()) {
      report.problem = name +
                       " comes from a node whose key was never pinned (no "
                       "federation.peer_set event)";
      return report;
    }
    std::string env_digest, receipt_digest;
    std::string problem =
        CheckPair(name, r.envelope, r.receipt, r.peer, self, r.seq, r.type, r.subject,
                  r.body_digest, r.outcome, pinned->second, own, &env_digest, &receipt_digest);
    if (!problem.empty()) {
      report.problem = problem;
      return report;
    }
    if (env_digest != r.envelope_digest) {
      report.problem = name + "'s envelope does not match its recorded digest";
      return report;
    }
    const bool exempt = r.type == kLedgerHead && r.outcome == "applied";
    auto e = received_events.find(key);
    if (!exempt) {
      if (e == received_events.end()) {
        report.problem = name + " has no federation.received event in the ledger";
        return report;
      }
      const json::Value& d = e->second->data;
      if (Text(d, "envelope_digest") != env_digest || Text(d, "receipt_digest") != receipt_digest ||
          Text(d, "outcome") != r.outcome) {
        report.problem = name + " does not match its federation.received event (ledger event " +
                         std::to_string(e->second->index) + ")";
        return report;
      }
    }
    if (e != received_events.end()) received_events.erase(e);
    ++report.received_checked;
  }

  // Events left over have lost their rows.
  for (const auto* left : {&queued, &acknowledged, &received_events}) {
    if (!left->empty()) {
      const FederationEvent* e = left->begin()->second;
      report.problem = "ledger event " + std::to_string(e->index) + " (" + e->type +
                       ") records message " + std::to_string(left->begin()->first.second) +
                       (e->type == kEventReceived ? " from " : " to ") +
                       left->begin()->first.first + ", which is missing from the message log";
      return report;
    }
  }
  if (std::string p = CheckContiguous(sent_keys, "sent"); !p.empty()) {
    report.problem = p;
    return report;
  }
  if (std::string p = CheckContiguous(received_keys, "received"); !p.empty()) {
    report.problem = p;
    return report;
  }
  report.ok = true;
  return report;
}

}  // namespace corridor::federation
