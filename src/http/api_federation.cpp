// Federation routes (docs/formats/federation.md): the peer endpoint, authenticated by the
// envelopes' signatures against the pinned keys rather than by an account, and the officers'
// views of what was sent, received, acknowledged, pending, rejected and refused.
#include "http/api.hpp"
#include "http/api_support.hpp"
#include "service/federation.hpp"
#include "service/ledger_reads.hpp"

namespace corridor::http {
namespace {

json::Value TimeOrNull(int64_t ms) {
  if (ms == 0) return nullptr;
  return Timestamp::FromMillis(ms).ToString();
}

// Stored transport JSON as a value (it was written by this node; null if it is empty).
json::Value Stored(const std::string& text) {
  if (text.empty()) return nullptr;
  auto v = json::Parse(text);
  return v.ok() ? *v : json::Value(text);
}

json::Value PeerView(const service::PeerStatus& s) {
  const store::PeerRow& p = s.peer;
  json::Object o;
  o.Set("node_id", p.node_id);
  o.Set("country", p.country);
  o.Set("url", p.url);
  o.Set("public_key", HexEncode(p.public_key));
  o.Set("next_seq_out", p.next_out_seq);
  o.Set("next_seq_in", p.next_in_seq);
  o.Set("head_sent_size", p.head_sent_size);
  o.Set("failures", p.failures);
  o.Set("next_attempt_at", TimeOrNull(p.next_attempt_ms));
  o.Set("last_error", p.last_error);
  o.Set("last_success_at", TimeOrNull(p.last_success_ms));
  json::Object sent;
  sent.Set("pending", s.pending);
  sent.Set("acknowledged", s.acknowledged);
  sent.Set("rejected", s.rejected_by_peer);
  o.Set("sent", std::move(sent));
  json::Object received;
  received.Set("applied", s.applied);
  received.Set("rejected", s.rejected_here);
  o.Set("received", std::move(received));
  o.Set("last_head", s.last_head ? service::TreeHeadJson(*s.last_head) : json::Value());
  return o;
}

json::Value SentView(const store::OutboxRow& r, bool with_bodies) {
  json::Object o;
  o.Set("direction", "sent");
  o.Set("peer", r.peer);
  o.Set("seq", r.seq);
  o.Set("type", r.type);
  o.Set("subject", r.subject);
  o.Set("state", r.state);
  o.Set("reason", r.reason);
  o.Set("created_at", TimeOrNull(r.created_ms));
  o.Set("settled_at", TimeOrNull(r.settled_ms));
  o.Set("body_digest", r.body_digest);
  if (with_bodies) {
    o.Set("body", Stored(r.body));
    o.Set("envelope", Stored(r.envelope));
    o.Set("receipt", Stored(r.receipt));
  }
  return o;
}

json::Value ReceivedView(const store::InboxRow& r, bool with_bodies) {
  json::Object o;
  o.Set("direction", "received");
  o.Set("peer", r.peer);
  o.Set("seq", r.seq);
  o.Set("type", r.type);
  o.Set("subject", r.subject);
  o.Set("state", r.outcome);
  o.Set("reason", r.reason);
  o.Set("created_at", TimeOrNull(r.received_ms));
  o.Set("settled_at", TimeOrNull(r.received_ms));
  o.Set("body_digest", r.body_digest);
  if (with_bodies) {
    o.Set("envelope", Stored(r.envelope));
    o.Set("receipt", Stored(r.receipt));
  }
  return o;
}

Result<uint64_t> Number(std::string_view text, const char* name) {
  if (text.empty() || text.size() > 15 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return Status::InvalidArgument("must be a whole number", name);
  }
  return std::stoull(std::string(text));
}

Result<int> LimitOf(const Call& c) {
  const std::string limit = c.q("limit");
  if (limit.empty()) return 50;
  ASSIGN_OR_RETURN(uint64_t n, Number(limit, "limit"));
  if (n < 1 || n > 200) return Status::InvalidArgument("must be 1 to 200", "limit");
  return static_cast<int>(n);
}

}  // namespace

void Api::AddFederationRoutes() {
  service::Federation& fed = *options_.federation;
  // The peer endpoint: no account; each envelope is checked against its sender's pinned key.
  router_.Add("POST", std::string(federation::kMessagesPath),
              WithMaxBody(federation::kMaxRequestBytes,
                          Open([&fed](const Request& req, const Params&) -> Result<Response> {
                            // An address whose envelopes were refused too often waits, unread.
                            if (const int64_t wait = fed.RefusalWait(req.remote_address);
                                wait > 0) {
                              Response r = Problem(Status::ResourceExhausted(
                                  "too many envelopes from this address were refused; try again "
                                  "later"));
                              r.set_header("Retry-After", std::to_string((wait + 999) / 1000));
                              return r;
                            }
                            auto r = fed.Receive(req.body, req.remote_address);
                            if (!r.ok()) {
                              // The member at fault when one is named (an unknown one, say), else
                              // the body.
                              const std::string field =
                                  r.status().field().empty() ? "body" : r.status().field();
                              return Status::InvalidArgument(r.status().message(), field);
                            }
                            return Json(200, federation::ResponseToJson(*r));
                          })));
  router_.Add("GET", "/api/v1/federation/peers",
              Authed(accounts_, [&fed](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(auto peers, fed.Peers(c.actor));
                json::Array items;
                for (const auto& p : peers) items.push_back(PeerView(p));
                return List(items, "");
              }));
  router_.Add(
      "GET", "/api/v1/federation/messages", Authed(accounts_, [&fed](Call& c) -> Result<Response> {
        const std::string direction = c.q("direction").empty() ? "sent" : c.q("direction");
        if (direction != "sent" && direction != "received") {
          return Status::InvalidArgument("must be sent or received", "direction");
        }
        store::LogQuery q;
        q.peer = c.q("peer");
        q.state = c.q("state");
        const bool sent = direction == "sent";
        if (!q.state.empty() &&
            !(sent ? (q.state == "pending" || q.state == "acknowledged" || q.state == "rejected")
                   : (q.state == "applied" || q.state == "rejected"))) {
          return Status::InvalidArgument(
              sent ? "must be pending, acknowledged or rejected" : "must be applied or rejected",
              "state");
        }
        ASSIGN_OR_RETURN(q.limit, LimitOf(c));
        const std::string after = c.q("after");
        if (!after.empty()) {
          const size_t slash = after.rfind('/');
          if (slash == std::string::npos)
            return Status::InvalidArgument("must be peer/seq", "after");
          q.after_peer = after.substr(0, slash);
          ASSIGN_OR_RETURN(q.after_seq, Number(std::string_view(after).substr(slash + 1), "after"));
        }
        json::Array items;
        std::string next;
        if (sent) {
          ASSIGN_OR_RETURN(auto rows, fed.Sent(c.actor, q));
          for (const auto& r : rows) items.push_back(SentView(r, false));
          if (static_cast<int>(rows.size()) == q.limit) {
            next = rows.back().peer + "/" + std::to_string(rows.back().seq);
          }
        } else {
          ASSIGN_OR_RETURN(auto rows, fed.Received(c.actor, q));
          for (const auto& r : rows) items.push_back(ReceivedView(r, false));
          if (static_cast<int>(rows.size()) == q.limit) {
            next = rows.back().peer + "/" + std::to_string(rows.back().seq);
          }
        }
        return List(items, next);
      }));
  router_.Add("GET", "/api/v1/federation/messages/{direction}/{peer}/{seq}",
              Authed(accounts_, [this, &fed](Call& c) -> Result<Response> {
                const std::string& direction = c.param("direction");
                const std::string& peer = c.param("peer");
                ASSIGN_OR_RETURN(uint64_t seq, Number(c.param("seq"), "seq"));
                const std::string id = direction + "/" + peer + "/" + std::to_string(seq);
                Result<json::Value> view = Status::NotFound("no such message");
                if (direction == "sent") {
                  auto row = fed.SentMessage(c.actor, peer, seq);
                  view = row.ok() ? Result<json::Value>(SentView(*row, true))
                                  : Result<json::Value>(row.status());
                } else if (direction == "received") {
                  auto row = fed.ReceivedMessage(c.actor, peer, seq);
                  view = row.ok() ? Result<json::Value>(ReceivedView(*row, true))
                                  : Result<json::Value>(row.status());
                } else {
                  return Status::InvalidArgument("must be sent or received", "direction");
                }
                // Message bodies carry workers' records: every look is logged.
                access_.Record(c.actor, "view", "federation_message", id, view.ok());
                if (!view.ok()) return view.status();
                return Json(200, *view);
              }));
  router_.Add("GET", "/api/v1/federation/refused",
              Authed(accounts_, [this, &fed](Call& c) -> Result<Response> {
                int64_t before = 0;
                if (!c.q("after").empty()) {
                  ASSIGN_OR_RETURN(uint64_t b, Number(c.q("after"), "after"));
                  before = static_cast<int64_t>(b);
                }
                ASSIGN_OR_RETURN(int limit, LimitOf(c));
                auto rows = fed.Refused(c.actor, before, limit);
                access_.Record(c.actor, "list", "federation_refused", "refused", rows.ok());
                if (!rows.ok()) return rows.status();
                json::Array items;
                for (const auto& r : *rows) {
                  json::Object o;
                  o.Set("id", r.id);
                  o.Set("time", Timestamp::FromMillis(r.time_ms).ToString());
                  o.Set("claimed_sender", r.claimed_sender);
                  o.Set("seq", r.seq);
                  o.Set("type", r.type);
                  o.Set("code", r.code);
                  o.Set("reason", r.reason);
                  o.Set("remote", r.remote);
                  o.Set("envelope_bytes", r.envelope_bytes);
                  o.Set("envelope_digest", r.envelope_digest);
                  o.Set("body_digest", r.body_digest);
                  items.push_back(std::move(o));
                }
                return List(items, static_cast<int>(rows->size()) == limit
                                       ? std::to_string(rows->back().id)
                                       : std::string());
              }));
  router_.Add("GET", "/api/v1/federation/heads",
              Authed(accounts_, [&fed](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(int limit, LimitOf(c));
                ASSIGN_OR_RETURN(auto rows, fed.Heads(c.actor, c.q("peer"), limit));
                json::Array items;
                for (const auto& r : rows) {
                  json::Object o;
                  o.Set("peer", r.peer);
                  o.Set("head", service::TreeHeadJson(r.head));
                  o.Set("received_at", TimeOrNull(r.received_ms));
                  items.push_back(std::move(o));
                }
                return List(items, "");
              }));
}

}  // namespace corridor::http
