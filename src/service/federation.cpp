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

namespace corridor::service {
namespace {

using federation::DeliveryResponse;
using federation::DeliveryResult;
using federation::Envelope;
using federation::Outcome;
using federation::Refusal;
using federation::RefusalCode;

// Set while a received message is applied on this thread: its own ledger events must not queue
// messages back.
thread_local bool t_applying = false;

class ApplyingScope {
 public:
  ApplyingScope() { t_applying = true; }
  ~ApplyingScope() { t_applying = false; }
  ApplyingScope(const ApplyingScope&) = delete;
  ApplyingScope& operator=(const ApplyingScope&) = delete;
};

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

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool OneOf(std::string_view s, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// The worker record as it crosses: without the phone number (docs/formats/federation.md §6).
json::Value MinimisedWorker(domain::Worker w) {
  w.phone.clear();
  return codec::ToJson(w);
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
      country_(store.identity().country) {
  store_.SetObserver(this);
}

Federation::~Federation() { store_.SetObserver(nullptr); }

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
    return tx.Record(federation::kEventPeerSet, p.node_id, std::move(data));
  });
}

// ---------------------------------------------------------------- outbound

Status Federation::OnRecord(store::WriteTx& tx, const ledger::Event& event) {
  if (t_applying || StartsWith(event.type, "federation.")) return Status::Ok();
  return Outbound(tx, event);
}

void Federation::OnCommit() { Wake(); }

Status Federation::Queue(store::WriteTx& tx, const store::PeerRow& peer, std::string_view type,
                         const std::string& subject, const json::Value& body) {
  ASSIGN_OR_RETURN(uint64_t seq, store::TakeOutSeq(tx.conn(), peer.node_id));
  store::OutboxRow row;
  row.peer = peer.node_id;
  row.seq = seq;
  row.type = std::string(type);
  row.subject = subject;
  row.body = json::Canonical(body);
  row.body_digest = federation::BodyDigest(body);
  row.created_ms = tx.now().millis();
  RETURN_IF_ERROR(store::InsertOutbox(tx.conn(), row));
  if (type == federation::kLedgerHead) return Status::Ok();
  json::Object data;
  data.Set("peer", peer.node_id);
  data.Set("seq", seq);
  data.Set("type", std::string(type));
  data.Set("body_digest", row.body_digest);
  return tx.Record(federation::kEventQueued, subject, std::move(data));
}

Status Federation::QueueToCountry(store::WriteTx& tx, const std::string& country,
                                  std::string_view type, const std::string& subject,
                                  const json::Value& body) {
  if (country.empty() || country == country_) return Status::Ok();
  ASSIGN_OR_RETURN(auto peer, store::FindPeerByCountry(tx.conn(), country));
  if (!peer) return Status::Ok();  // no corridor with that country: nothing crosses
  return Queue(tx, *peer, type, subject, body);
}

Status Federation::QueueToAll(store::WriteTx& tx, std::string_view type, const std::string& subject,
                              const json::Value& body) {
  ASSIGN_OR_RETURN(auto peers, store::ListPeers(tx.conn()));
  for (const auto& p : peers) RETURN_IF_ERROR(Queue(tx, p, type, subject, body));
  return Status::Ok();
}

Status Federation::Outbound(store::WriteTx& tx, const ledger::Event& e) {
  const std::string& t = e.type;
  if (t == "agency.registered" || t == "agency.licence_changed") {
    ASSIGN_OR_RETURN(auto ag, tx.GetAgency(AgencyId(e.subject)));
    if (ag.country != country_) return Status::Ok();
    json::Object body;
    body.Set("agency", codec::ToJson(ag));
    return QueueToAll(tx, federation::kAgencyRecord, e.subject, json::Value(std::move(body)));
  }
  if (t == "employer.registered") {
    ASSIGN_OR_RETURN(auto emp, tx.GetEmployer(EmployerId(e.subject)));
    if (emp.country != country_) return Status::Ok();
    json::Object body;
    body.Set("employer", codec::ToJson(emp));
    return QueueToAll(tx, federation::kEmployerRecord, e.subject, json::Value(std::move(body)));
  }
  if (t == "job_order.created") {
    ASSIGN_OR_RETURN(auto j, tx.GetJobOrder(JobOrderId(e.subject)));
    if (j.country != country_ || !j.agency) return Status::Ok();
    ASSIGN_OR_RETURN(auto ag, tx.GetAgency(*j.agency));
    ASSIGN_OR_RETURN(auto emp, tx.GetEmployer(j.employer));
    json::Object body;
    body.Set("job_order", codec::ToJson(j));
    body.Set("employer", codec::ToJson(emp));
    return QueueToCountry(tx, ag.country, federation::kJobOrderRecord, e.subject,
                          json::Value(std::move(body)));
  }
  if (StartsWith(t, "contract.")) {
    const bool origin_event = OneOf(t, {"contract.attested", "contract.amendment_accepted"});
    const bool destination_event =
        OneOf(t, {"contract.accepted", "contract.authenticated", "contract.activated",
                  "contract.ended", "contract.amendment_accepted"});
    const bool substitution = t == "contract.substitution_flagged";
    if (!origin_event && !destination_event && !substitution) return Status::Ok();
    ASSIGN_OR_RETURN(auto c, tx.GetContract(ContractId(e.subject)));
    const bool at_origin = c.terms.origin_country == country_;
    const bool at_destination = c.terms.destination_country == country_;
    if (substitution) {
      if (!at_destination) return Status::Ok();
      return QueueToCountry(tx, c.terms.origin_country, federation::kContractSubstitution,
                            e.subject, e.data);
    }
    if (!(at_origin && origin_event) && !(at_destination && destination_event)) {
      return Status::Ok();
    }
    ASSIGN_OR_RETURN(auto worker, tx.GetWorker(c.terms.worker));
    ASSIGN_OR_RETURN(auto emp, tx.GetEmployer(c.terms.employer));
    json::Object body;
    body.Set("cause", t);
    body.Set("contract", codec::ToJson(c));
    body.Set("worker", MinimisedWorker(worker));
    body.Set("employer", codec::ToJson(emp));
    if (c.terms.agency) {
      ASSIGN_OR_RETURN(auto ag, tx.GetAgency(*c.terms.agency));
      body.Set("agency", codec::ToJson(ag));
    } else {
      body.Set("agency", nullptr);
    }
    const std::string& other = at_origin ? c.terms.destination_country : c.terms.origin_country;
    return QueueToCountry(tx, other, federation::kContractUpdate, e.subject,
                          json::Value(std::move(body)));
  }
  if (t == "permit.issued" || t == "permit.cancelled") {
    ASSIGN_OR_RETURN(auto p, tx.GetPermit(PermitId(e.subject)));
    ASSIGN_OR_RETURN(auto c, tx.GetContract(p.contract));
    if (c.terms.destination_country != country_) return Status::Ok();
    json::Object body;
    body.Set("cause", t);
    body.Set("permit", codec::ToJson(p));
    return QueueToCountry(tx, c.terms.origin_country, federation::kPermitRecord, e.subject,
                          json::Value(std::move(body)));
  }
  if (OneOf(t, {"transfer.filed", "transfer.completed", "transfer.cancelled"})) {
    ASSIGN_OR_RETURN(auto tr, tx.GetTransfer(TransferId(e.subject)));
    ASSIGN_OR_RETURN(auto w, tx.GetWorker(tr.worker));
    json::Object body;
    body.Set("cause", t);
    body.Set("transfer", codec::ToJson(tr));
    return QueueToCountry(tx, w.nationality, federation::kTransferRecord, e.subject,
                          json::Value(std::move(body)));
  }
  if (t == "exit.notified") {
    ASSIGN_OR_RETURN(auto n, tx.GetExitNotice(NoticeId(e.subject)));
    ASSIGN_OR_RETURN(auto w, tx.GetWorker(n.worker));
    std::string other = w.nationality;
    if (other == country_ && n.contract) {
      ASSIGN_OR_RETURN(auto c, tx.GetContract(*n.contract));
      other = c.terms.destination_country;
    }
    json::Object body;
    body.Set("notice", codec::ToJson(n));
    body.Set("worker", MinimisedWorker(w));
    return QueueToCountry(tx, other, federation::kExitRecord, e.subject,
                          json::Value(std::move(body)));
  }
  if (StartsWith(t, "wages.") || StartsWith(t, "wage.")) {
    const json::Value* contract = e.data.Get("contract");
    if (contract == nullptr || !contract->is_string()) return Status::Ok();
    ASSIGN_OR_RETURN(auto c, tx.GetContract(ContractId(contract->AsString())));
    if (c.terms.destination_country != country_) return Status::Ok();
    json::Object body;
    body.Set("alert", t);
    body.Set("contract", c.id.value());
    body.Set("worker", c.terms.worker.value());
    body.Set("data", e.data);
    return QueueToCountry(tx, c.terms.origin_country, federation::kWageAlert, c.id.value(),
                          json::Value(std::move(body)));
  }
  return Status::Ok();
}

// ---------------------------------------------------------------- inbound

void Federation::LogRefusal(const Refusal& r, const json::Value& raw, std::string_view remote) {
  store::RefusedRow row;
  row.time_ms = store_.clock().Now().millis();
  const json::Value* sender = raw.Get("sender");
  row.claimed_sender = sender && sender->is_string() ? sender->AsString() : "";
  row.seq = std::stoull(SeqText(raw));
  const json::Value* type = raw.Get("type");
  row.type = type && type->is_string() ? type->AsString() : "";
  row.code = std::string(federation::ToString(r.code));
  row.reason = r.reason;
  row.remote = std::string(remote);
  row.envelope = json::Write(raw);
  // The log is for the officers; if it cannot be written, the refusal stands all the same.
  (void)store_.Write("system",
                     [&](store::WriteTx& tx) { return store::InsertRefused(tx.conn(), row); });
}

Result<DeliveryResponse> Federation::Receive(std::string_view request_body,
                                             std::string_view remote) {
  if (request_body.size() > federation::kMaxRequestBytes) {
    return Status::InvalidArgument("the request is larger than the limit of 4 MiB");
  }
  json::ParseLimits limits;
  limits.max_bytes = federation::kMaxRequestBytes;
  ASSIGN_OR_RETURN(json::Value v, json::Parse(request_body, limits));
  ASSIGN_OR_RETURN(std::vector<json::Value> raws, federation::RequestFromJson(v));
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
        LogRefusal(*outcome, *raw, remote);  // answered with its receipt; a replay is visible
        continue;
      }
      if (outcome->code != RefusalCode::kUnavailable) LogRefusal(*outcome, *raw, remote);
      response.refused = federation::RefusalReport{env.seq, *outcome};
      return response;
    }
  }
  if (refused) {
    LogRefusal(refused->first.refusal, *refused->second, remote);
    response.refused = refused->first;
  }
  return response;
}

size_t Federation::ApplyRun(const store::PeerRow& peer,
                            const std::vector<std::pair<Envelope, const json::Value*>>& checked,
                            size_t from, DeliveryResponse& response) {
  std::vector<DeliveryResult> results;
  Status s = store_.Write(peer.node_id, [&](store::WriteTx& tx) -> Status {
    results.clear();
    ApplyingScope scope;
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
    return store_.Write(peer.node_id, [&](store::WriteTx& tx) -> Status {
      ApplyingScope scope;
      ASSIGN_OR_RETURN(auto p, store::GetPeer(tx.conn(), peer.node_id));
      if (!p || p->next_in_seq != e.seq) {
        return Status::Conflict("message " + seq_text + " was taken by another writer");
      }
      json::Object facts;
      if (outcome == Outcome::kApplied) RETURN_IF_ERROR(Apply(tx, *p, e, facts));
      RETURN_IF_ERROR(SettleReceived(tx, *p, e, outcome, reason, facts, result.receipt));
      if (outcome == Outcome::kApplied) return Status::Ok();
      // The officers are told of a message refused by a rule.
      store::Notification n;
      n.id = NewIdText("M", tx.rng());
      n.recipient = "authority:" + country_;
      n.type = "federation.message_rejected";
      n.subject = e.subject;
      n.time = tx.now();
      json::Object data;
      data.Set("peer", peer.node_id);
      data.Set("seq", e.seq);
      data.Set("type", e.type);
      data.Set("reason", reason);
      n.data = json::Value(std::move(data));
      return tx.InsertNotification(n);
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
  return tx.Record(federation::kEventReceived, e.subject, std::move(data));
}

// ---------------------------------------------------------------- delivery

Status Federation::FailPeer(const store::PeerRow& peer, const std::string& error,
                            DeliveryReport& report) {
  const int failures = peer.failures + 1;
  int64_t delay;
  {
    std::lock_guard<std::mutex> lock(rng_mu_);
    delay = federation::BackoffDelay(options_.backoff, failures, rng_);
  }
  const Timestamp next = store_.clock().Now().AddMillis(delay);
  ++report.failures;
  if (!report.next_due || next < *report.next_due) report.next_due = next;
  return store_.Write("system", [&](store::WriteTx& tx) {
    return store::SetDeliveryState(tx.conn(), peer.node_id, failures, next.millis(), error,
                                   peer.last_success_ms);
  });
}

Result<bool> Federation::DeliverTo(const store::PeerRow& peer_at_start, DeliveryReport& report) {
  store::PeerRow peer = peer_at_start;  // its delivery state follows this pass
  for (int batch = 0; batch < options_.max_batches_per_pass; ++batch) {
    std::vector<store::OutboxRow> pending;
    RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(pending,
                       store::PendingOutbox(tx.conn(), peer.node_id,
                                            static_cast<int>(options_.batch.max_envelopes)));
      return Status::Ok();
    }));
    if (pending.empty()) return true;
    const Timestamp now = store_.clock().Now();
    std::vector<Envelope> envelopes;
    std::vector<size_t> sizes;
    for (const auto& row : pending) {
      auto body = json::Parse(row.body);
      if (!body.ok())
        return Status::DataLoss("the body of outbox message " + std::to_string(row.seq) +
                                " is damaged");
      Envelope e;
      e.sender = self_;
      e.receiver = peer.node_id;
      e.seq = row.seq;
      e.time = now;
      e.created = Timestamp::FromMillis(row.created_ms);
      e.type = row.type;
      e.subject = row.subject;
      e.body = std::move(*body);
      federation::SignEnvelope(e, key_);
      sizes.push_back(json::Canonical(federation::EnvelopeToJson(e)).size());
      envelopes.push_back(std::move(e));
    }
    const size_t n = federation::BatchCount(sizes, options_.batch);
    envelopes.resize(n);
    auto reply = transport_.Post(peer.url, federation::kMessagesPath,
                                 json::Write(federation::RequestToJson(envelopes)));
    report.sent += static_cast<int>(n);
    if (!reply.ok()) {
      RETURN_IF_ERROR(FailPeer(peer, reply.status().message(), report));
      return false;
    }
    if (reply->status != 200) {
      std::string detail;
      if (auto problem = json::Parse(reply->body); problem.ok()) {
        const json::Value* d = problem->Get("detail");
        const json::Value* t = problem->Get("title");
        if (d && d->is_string())
          detail = ": " + d->AsString();
        else if (t && t->is_string())
          detail = ": " + t->AsString();
      }
      RETURN_IF_ERROR(FailPeer(
          peer, "the peer answered HTTP " + std::to_string(reply->status) + detail.substr(0, 500),
          report));
      return false;
    }
    auto parsed = json::Parse(reply->body);
    Result<DeliveryResponse> response =
        parsed.ok() ? federation::ResponseFromJson(*parsed)
                    : Result<DeliveryResponse>(Status::InvalidArgument(
                          "the peer's response is not JSON: " + parsed.status().message()));
    if (!response.ok()) {
      RETURN_IF_ERROR(FailPeer(peer, response.status().message(), report));
      return false;
    }
    // Check every receipt first, then settle those that passed in one transaction.
    std::vector<store::OutboxRow> settled;
    std::vector<std::pair<std::string, std::string>> digests;  // envelope, receipt
    std::string problem;
    for (size_t i = 0; i < response->results.size(); ++i) {
      const DeliveryResult& r = response->results[i];
      if (i >= n || r.seq != envelopes[i].seq) {
        problem = "the peer answered for message " + std::to_string(r.seq) + " out of order";
        break;
      }
      const Envelope& sent = envelopes[i];
      const federation::SentMessage message{self_,
                                            peer.node_id,
                                            sent.seq,
                                            sent.type,
                                            sent.subject,
                                            pending[i].body_digest,
                                            federation::EnvelopeDigest(sent)};
      Status ok = federation::CheckReceipt(r.receipt, message, r.envelope ? &*r.envelope : nullptr,
                                           peer.public_key, key_.public_key());
      if (!ok.ok()) {
        problem = ok.message();
        break;
      }
      const Envelope& applied =
          r.receipt.envelope_digest == message.sent_digest ? sent : *r.envelope;
      store::OutboxRow row = pending[i];
      row.state = r.receipt.outcome == Outcome::kApplied ? "acknowledged" : "rejected";
      row.envelope = json::Write(federation::EnvelopeToJson(applied));
      row.receipt = json::Write(federation::ReceiptToJson(r.receipt));
      row.reason = r.receipt.reason;
      settled.push_back(std::move(row));
      digests.emplace_back(federation::EnvelopeDigest(applied),
                           federation::ReceiptDigest(r.receipt));
    }
    if (!settled.empty()) {
      RETURN_IF_ERROR(store_.Write("system", [&](store::WriteTx& tx) -> Status {
        for (size_t i = 0; i < settled.size(); ++i) {
          store::OutboxRow& row = settled[i];
          row.settled_ms = tx.now().millis();
          ASSIGN_OR_RETURN(bool changed, store::SettleOutbox(tx.conn(), row));
          if (!changed || row.type == federation::kLedgerHead) continue;
          json::Object data;
          data.Set("peer", peer.node_id);
          data.Set("seq", row.seq);
          data.Set("type", row.type);
          data.Set("outcome", row.state == "acknowledged" ? "applied" : "rejected");
          data.Set("reason", row.reason);
          data.Set("envelope_digest", digests[i].first);
          data.Set("receipt_digest", digests[i].second);
          RETURN_IF_ERROR(tx.Record(federation::kEventAcknowledged, row.subject, std::move(data)));
        }
        return Status::Ok();
      }));
      for (const auto& row : settled) {
        if (row.state == "acknowledged")
          ++report.acknowledged;
        else
          ++report.rejected;
      }
    }
    if (problem.empty() && response->refused) {
      const auto& f = *response->refused;
      problem = "the peer refused message " + std::to_string(f.seq) + " (" +
                std::string(federation::ToString(f.refusal.code)) + "): " + f.refusal.reason;
    }
    if (problem.empty() && settled.size() < n) {
      problem = "the peer answered for " + std::to_string(settled.size()) + " of " +
                std::to_string(n) + " messages";
    }
    if (!problem.empty()) {
      RETURN_IF_ERROR(FailPeer(peer, problem, report));
      return false;
    }
    RETURN_IF_ERROR(store_.Write("system", [&](store::WriteTx& tx) {
      peer.failures = 0;
      peer.last_success_ms = tx.now().millis();
      return store::SetDeliveryState(tx.conn(), peer.node_id, 0, 0, "", peer.last_success_ms);
    }));
  }
  return true;
}

Result<DeliveryReport> Federation::DeliverDue() {
  std::vector<store::PeerRow> peers;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(peers, store::ListPeers(tx.conn()));
    return Status::Ok();
  }));
  DeliveryReport report;
  for (const auto& p : peers) {
    if (p.next_attempt_ms > store_.clock().Now().millis()) {
      int64_t waiting = 0;
      RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
        ASSIGN_OR_RETURN(waiting, store::CountOutbox(tx.conn(), p.node_id, "pending"));
        return Status::Ok();
      }));
      const Timestamp due = Timestamp::FromMillis(p.next_attempt_ms);
      if (waiting > 0 && (!report.next_due || due < *report.next_due)) report.next_due = due;
      continue;
    }
    ASSIGN_OR_RETURN(bool done, DeliverTo(p, report));
    (void)done;
  }
  return report;
}

Result<int> Federation::QueueHeads() {
  std::vector<store::PeerRow> peers;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(peers, store::ListPeers(tx.conn()));
    return Status::Ok();
  }));
  if (peers.empty()) return 0;
  ASSIGN_OR_RETURN(ledger::SignedTreeHead head, store_.SignHead());
  if (head.head.size == 0) return 0;
  int queued = 0;
  for (const auto& p : peers) {
    if (head.head.size <= p.head_sent_size) continue;
    federation::HeadMessage m;
    m.head = head;
    m.consistency.old_size = p.head_sent_size;
    m.consistency.new_size = head.head.size;
    ASSIGN_OR_RETURN(m.consistency.proof,
                     store_.ConsistencyProof(p.head_sent_size, head.head.size));
    bool done = false;
    RETURN_IF_ERROR(store_.Write("system", [&](store::WriteTx& tx) -> Status {
      ASSIGN_OR_RETURN(auto fresh, store::GetPeer(tx.conn(), p.node_id));
      if (!fresh || fresh->head_sent_size != p.head_sent_size) return Status::Ok();
      RETURN_IF_ERROR(Queue(tx, *fresh, federation::kLedgerHead, self_, federation::HeadBody(m)));
      RETURN_IF_ERROR(store::SetHeadSent(tx.conn(), p.node_id, head.head.size));
      done = true;
      return Status::Ok();
    }));
    if (done) ++queued;
  }
  if (queued > 0) Wake();
  return queued;
}

bool Federation::WaitForWork(int64_t max_ms) {
  std::unique_lock<std::mutex> lock(wake_mu_);
  const bool woken = wake_cv_.wait_for(
      lock, std::chrono::milliseconds(std::max<int64_t>(max_ms, 0)), [&] { return woken_; });
  woken_ = false;
  return woken;
}

void Federation::Wake() {
  {
    std::lock_guard<std::mutex> lock(wake_mu_);
    woken_ = true;
  }
  wake_cv_.notify_all();
}

// ---------------------------------------------------------------- views

Result<std::vector<PeerStatus>> Federation::Peers(const domain::Actor& a) {
  RETURN_IF_ERROR(CheckMayViewFederation(a, country_, false));
  std::vector<PeerStatus> out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto peers, store::ListPeers(tx.conn()));
    for (auto& p : peers) {
      PeerStatus s;
      ASSIGN_OR_RETURN(s.pending, store::CountOutbox(tx.conn(), p.node_id, "pending"));
      ASSIGN_OR_RETURN(s.acknowledged, store::CountOutbox(tx.conn(), p.node_id, "acknowledged"));
      ASSIGN_OR_RETURN(s.rejected_by_peer, store::CountOutbox(tx.conn(), p.node_id, "rejected"));
      ASSIGN_OR_RETURN(s.applied, store::CountInbox(tx.conn(), p.node_id, "applied"));
      ASSIGN_OR_RETURN(s.rejected_here, store::CountInbox(tx.conn(), p.node_id, "rejected"));
      ASSIGN_OR_RETURN(s.last_head, store::LastPeerHead(tx.conn(), p.node_id));
      s.peer = std::move(p);
      out.push_back(std::move(s));
    }
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<store::OutboxRow>> Federation::Sent(const domain::Actor& a,
                                                       const store::LogQuery& q) {
  RETURN_IF_ERROR(CheckMayViewFederation(a, country_, false));
  std::vector<store::OutboxRow> out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(out, store::ListOutbox(tx.conn(), q));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<store::InboxRow>> Federation::Received(const domain::Actor& a,
                                                          const store::LogQuery& q) {
  RETURN_IF_ERROR(CheckMayViewFederation(a, country_, false));
  std::vector<store::InboxRow> out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(out, store::ListInbox(tx.conn(), q));
    return Status::Ok();
  }));
  return out;
}

Result<store::OutboxRow> Federation::SentMessage(const domain::Actor& a, const std::string& peer,
                                                 uint64_t seq) {
  RETURN_IF_ERROR(CheckMayViewFederation(a, country_, true));
  std::optional<store::OutboxRow> row;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(row, store::GetOutbox(tx.conn(), peer, seq));
    return Status::Ok();
  }));
  if (!row) return Status::NotFound("no message " + std::to_string(seq) + " was sent to " + peer);
  return *row;
}

Result<store::InboxRow> Federation::ReceivedMessage(const domain::Actor& a, const std::string& peer,
                                                    uint64_t seq) {
  RETURN_IF_ERROR(CheckMayViewFederation(a, country_, true));
  std::optional<store::InboxRow> row;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(row, store::GetInbox(tx.conn(), peer, seq));
    return Status::Ok();
  }));
  if (!row) {
    return Status::NotFound("no message " + std::to_string(seq) + " was received from " + peer);
  }
  return *row;
}

Result<std::vector<store::RefusedRow>> Federation::Refused(const domain::Actor& a,
                                                           int64_t before_id, int limit) {
  RETURN_IF_ERROR(CheckMayViewFederation(a, country_, true));
  std::vector<store::RefusedRow> out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(out, store::ListRefused(tx.conn(), before_id, limit));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<store::PeerHeadRow>> Federation::Heads(const domain::Actor& a,
                                                          const std::string& peer, int limit) {
  RETURN_IF_ERROR(CheckMayViewFederation(a, country_, false));
  std::vector<store::PeerHeadRow> out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(out, store::ListPeerHeads(tx.conn(), peer, limit));
    return Status::Ok();
  }));
  return out;
}

}  // namespace corridor::service
