#include "store/federation_store.hpp"

#include <algorithm>

#include "store/store.hpp"

namespace corridor::store {
namespace {

// At most `max` bytes of valid UTF-8 text, never ending inside a character.
std::string Cut(const std::string& s, size_t max) {
  if (s.size() <= max) return s;
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

int ClampLimit(int limit) { return limit < 1 ? 1 : (limit > 1000 ? 1000 : limit); }

template <size_t N>
Status CopyBlob(const Row& r, size_t column, std::array<uint8_t, N>& out, const char* what) {
  const auto b = r.Blob(column);
  if (b.size() != N) return Status::DataLoss(std::string("a stored ") + what + " is damaged");
  std::copy(b.begin(), b.end(), out.begin());
  return Status::Ok();
}

constexpr const char* kPeerColumns =
    "node_id, country, url, public_key, next_out_seq, next_in_seq, head_sent_size, failures, "
    "next_attempt_ms, last_error, last_success_ms, updated_ms";

Status ReadPeer(const Row& r, PeerRow& p) {
  p.node_id = r.String(0);
  p.country = r.String(1);
  p.url = r.String(2);
  RETURN_IF_ERROR(CopyBlob(r, 3, p.public_key, "peer key"));
  p.next_out_seq = static_cast<uint64_t>(r.Int(4));
  p.next_in_seq = static_cast<uint64_t>(r.Int(5));
  p.head_sent_size = static_cast<uint64_t>(r.Int(6));
  p.failures = static_cast<int>(r.Int(7));
  p.next_attempt_ms = r.Int(8);
  p.last_error = r.String(9);
  p.last_success_ms = r.Int(10);
  p.updated_ms = r.Int(11);
  return Status::Ok();
}

Result<std::vector<PeerRow>> QueryPeers(Connection& conn, const std::string& where,
                                        std::initializer_list<Param> params) {
  std::vector<PeerRow> out;
  RETURN_IF_ERROR(conn.Query(
      std::string("SELECT ") + kPeerColumns + " FROM fed_peers" + where + " ORDER BY node_id",
      params, [&](const Row& r) {
        PeerRow p;
        RETURN_IF_ERROR(ReadPeer(r, p));
        out.push_back(std::move(p));
        return Status::Ok();
      }));
  return out;
}

Result<std::optional<PeerRow>> OnePeer(Connection& conn, const std::string& where,
                                       std::initializer_list<Param> params) {
  ASSIGN_OR_RETURN(auto rows, QueryPeers(conn, where, params));
  if (rows.empty()) return std::optional<PeerRow>();
  return std::optional<PeerRow>(std::move(rows.front()));
}

Status ExpectOne(Result<int64_t> n, std::string_view node_id) {
  if (!n.ok()) return n.status();
  if (*n != 1) return Status::NotFound("no peer " + std::string(node_id));
  return Status::Ok();
}

constexpr const char* kOutboxColumns =
    "peer, seq, type, subject, body, body_digest, created_ms, state, envelope, receipt, reason, "
    "settled_ms";

OutboxRow ReadOutbox(const Row& r) {
  OutboxRow o;
  o.peer = r.String(0);
  o.seq = static_cast<uint64_t>(r.Int(1));
  o.type = r.String(2);
  o.subject = r.String(3);
  o.body = r.String(4);
  o.body_digest = r.String(5);
  o.created_ms = r.Int(6);
  o.state = r.String(7);
  o.envelope = r.String(8);
  o.receipt = r.String(9);
  o.reason = r.String(10);
  o.settled_ms = r.Int(11);
  return o;
}

constexpr const char* kInboxColumns =
    "peer, seq, type, subject, envelope, envelope_digest, body_digest, outcome, reason, receipt, "
    "received_ms";

InboxRow ReadInbox(const Row& r) {
  InboxRow i;
  i.peer = r.String(0);
  i.seq = static_cast<uint64_t>(r.Int(1));
  i.type = r.String(2);
  i.subject = r.String(3);
  i.envelope = r.String(4);
  i.envelope_digest = r.String(5);
  i.body_digest = r.String(6);
  i.outcome = r.String(7);
  i.reason = r.String(8);
  i.receipt = r.String(9);
  i.received_ms = r.Int(10);
  return i;
}

// The officers' lists: filters, then the cursor, in (peer, seq descending) order.
std::string LogWhere(const char* state_column) {
  return std::string(" WHERE ($1 = '' OR peer = $1) AND ($2 = '' OR ") + state_column +
         " = $2) AND ($3 = '' OR peer > $3 OR (peer = $3 AND seq < $4)) "
         "ORDER BY peer, seq DESC LIMIT $5";
}

}  // namespace

Status PutPeer(Connection& conn, const PeerRow& p) {
  ASSIGN_OR_RETURN(auto by_country, FindPeerByCountry(conn, p.country));
  if (by_country && by_country->node_id != p.node_id) {
    return Status::AlreadyExists(
        "node " + by_country->node_id + " is the peer for " + p.country + " already", "country");
  }
  ASSIGN_OR_RETURN(
      int64_t n, conn.Exec("UPDATE fed_peers SET country = $2, url = $3, public_key = $4, "
                           "updated_ms = $5, failures = 0, next_attempt_ms = 0 "
                           "WHERE node_id = $1",
                           {p.node_id, p.country, p.url, Param::Blob(p.public_key), p.updated_ms}));
  if (n == 1) return Status::Ok();
  return conn
      .Exec(std::string("INSERT INTO fed_peers (") + kPeerColumns +
                ") VALUES ($1, $2, $3, $4, 1, 1, 0, 0, 0, '', 0, $5)",
            {p.node_id, p.country, p.url, Param::Blob(p.public_key), p.updated_ms})
      .status();
}

Result<std::vector<PeerRow>> ListPeers(Connection& conn) { return QueryPeers(conn, "", {}); }

Result<std::optional<PeerRow>> GetPeer(Connection& conn, std::string_view node_id) {
  return OnePeer(conn, " WHERE node_id = $1", {node_id});
}

Result<std::optional<PeerRow>> FindPeerByCountry(Connection& conn, std::string_view country) {
  return OnePeer(conn, " WHERE country = $1", {country});
}

Result<uint64_t> TakeOutSeq(Connection& conn, std::string_view node_id) {
  RETURN_IF_ERROR(
      ExpectOne(conn.Exec("UPDATE fed_peers SET next_out_seq = next_out_seq + 1 WHERE node_id = $1",
                          {node_id}),
                node_id));
  uint64_t next = 0;
  RETURN_IF_ERROR(conn.Query("SELECT next_out_seq FROM fed_peers WHERE node_id = $1", {node_id},
                             [&](const Row& r) {
                               next = static_cast<uint64_t>(r.Int(0));
                               return Status::Ok();
                             }));
  return next - 1;
}

Status SetNextInSeq(Connection& conn, std::string_view node_id, uint64_t next) {
  return ExpectOne(
      conn.Exec("UPDATE fed_peers SET next_in_seq = $2 WHERE node_id = $1", {node_id, next}),
      node_id);
}

Status SetHeadSent(Connection& conn, std::string_view node_id, uint64_t size) {
  return ExpectOne(
      conn.Exec("UPDATE fed_peers SET head_sent_size = $2 WHERE node_id = $1", {node_id, size}),
      node_id);
}

Status SetDeliveryState(Connection& conn, std::string_view node_id, int failures,
                        int64_t next_attempt_ms, std::string_view last_error,
                        int64_t last_success_ms) {
  return ExpectOne(conn.Exec("UPDATE fed_peers SET failures = $2, next_attempt_ms = $3, "
                             "last_error = $4, last_success_ms = $5 WHERE node_id = $1",
                             {node_id, failures, next_attempt_ms,
                              std::string(last_error).substr(0, 2000), last_success_ms}),
                   node_id);
}

Status InsertOutbox(Connection& conn, const OutboxRow& o) {
  return conn
      .Exec(std::string("INSERT INTO fed_outbox (") + kOutboxColumns +
                ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            {o.peer, o.seq, o.type, o.subject, o.body, o.body_digest, o.created_ms, o.state,
             o.envelope, o.receipt, o.reason, o.settled_ms})
      .status();
}

Result<std::vector<OutboxRow>> PendingOutbox(Connection& conn, std::string_view peer, int limit) {
  std::vector<OutboxRow> out;
  RETURN_IF_ERROR(conn.Query(std::string("SELECT ") + kOutboxColumns +
                                 " FROM fed_outbox WHERE state = 'pending' AND peer = $1 "
                                 "ORDER BY seq LIMIT $2",
                             {peer, int64_t{ClampLimit(limit)}}, [&](const Row& r) {
                               out.push_back(ReadOutbox(r));
                               return Status::Ok();
                             }));
  return out;
}

Result<bool> SettleOutbox(Connection& conn, const OutboxRow& o) {
  ASSIGN_OR_RETURN(
      int64_t n,
      conn.Exec("UPDATE fed_outbox SET state = $3, envelope = $4, receipt = $5, "
                "reason = $6, settled_ms = $7 WHERE peer = $1 AND seq = $2 AND "
                "state = 'pending'",
                {o.peer, o.seq, o.state, o.envelope, o.receipt, o.reason, o.settled_ms}));
  return n == 1;
}

Result<std::optional<OutboxRow>> GetOutbox(Connection& conn, std::string_view peer, uint64_t seq) {
  std::optional<OutboxRow> out;
  RETURN_IF_ERROR(conn.Query(
      std::string("SELECT ") + kOutboxColumns + " FROM fed_outbox WHERE peer = $1 AND seq = $2",
      {peer, seq}, [&](const Row& r) {
        out = ReadOutbox(r);
        return Status::Ok();
      }));
  return out;
}

Result<std::vector<OutboxRow>> ListOutbox(Connection& conn, const LogQuery& q) {
  std::vector<OutboxRow> out;
  RETURN_IF_ERROR(
      conn.Query(std::string("SELECT ") + kOutboxColumns + " FROM fed_outbox" + LogWhere("state"),
                 {q.peer, q.state, q.after_peer, q.after_seq, int64_t{ClampLimit(q.limit)}},
                 [&](const Row& r) {
                   out.push_back(ReadOutbox(r));
                   return Status::Ok();
                 }));
  return out;
}

Result<int64_t> CountOutbox(Connection& conn, std::string_view peer, std::string_view state) {
  int64_t n = 0;
  RETURN_IF_ERROR(conn.Query("SELECT COUNT(*) FROM fed_outbox WHERE peer = $1 AND state = $2",
                             {peer, state}, [&](const Row& r) {
                               n = r.Int(0);
                               return Status::Ok();
                             }));
  return n;
}

Status InsertInbox(Connection& conn, const InboxRow& i) {
  return conn
      .Exec(std::string("INSERT INTO fed_inbox (") + kInboxColumns +
                ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            {i.peer, i.seq, i.type, i.subject, i.envelope, i.envelope_digest, i.body_digest,
             i.outcome, i.reason, i.receipt, i.received_ms})
      .status();
}

Result<std::optional<InboxRow>> GetInbox(Connection& conn, std::string_view peer, uint64_t seq) {
  std::optional<InboxRow> out;
  RETURN_IF_ERROR(conn.Query(
      std::string("SELECT ") + kInboxColumns + " FROM fed_inbox WHERE peer = $1 AND seq = $2",
      {peer, seq}, [&](const Row& r) {
        out = ReadInbox(r);
        return Status::Ok();
      }));
  return out;
}

Result<std::vector<InboxRow>> ListInbox(Connection& conn, const LogQuery& q) {
  std::vector<InboxRow> out;
  RETURN_IF_ERROR(
      conn.Query(std::string("SELECT ") + kInboxColumns + " FROM fed_inbox" + LogWhere("outcome"),
                 {q.peer, q.state, q.after_peer, q.after_seq, int64_t{ClampLimit(q.limit)}},
                 [&](const Row& r) {
                   out.push_back(ReadInbox(r));
                   return Status::Ok();
                 }));
  return out;
}

Result<int64_t> CountInbox(Connection& conn, std::string_view peer, std::string_view outcome) {
  int64_t n = 0;
  RETURN_IF_ERROR(conn.Query("SELECT COUNT(*) FROM fed_inbox WHERE peer = $1 AND outcome = $2",
                             {peer, outcome}, [&](const Row& r) {
                               n = r.Int(0);
                               return Status::Ok();
                             }));
  return n;
}

Status InsertRefused(Connection& conn, const RefusedRow& row, int64_t keep, int64_t earliest) {
  RETURN_IF_ERROR(
      conn.Exec("INSERT INTO fed_refused (time_ms, claimed_sender, seq, type, code, "
                "reason, remote, envelope, envelope_bytes, envelope_digest, "
                "body_digest) VALUES ($1, $2, $3, $4, $5, $6, $7, '', $8, $9, $10)",
                {row.time_ms, Cut(row.claimed_sender, 64), row.seq, Cut(row.type, 64),
                 Cut(row.code, 32), Cut(row.reason, 500), Cut(row.remote, 64), row.envelope_bytes,
                 Cut(row.envelope_digest, 64), Cut(row.body_digest, 64)})
          .status());
  int64_t kept = 0;
  RETURN_IF_ERROR(conn.Query("SELECT COUNT(*) FROM fed_refused", {}, [&](const Row& r) {
    kept = r.Int(0);
    return Status::Ok();
  }));
  if (kept <= keep) return Status::Ok();
  return conn
      .Exec(
          "DELETE FROM fed_refused WHERE id IN (SELECT id FROM fed_refused ORDER BY id LIMIT $1 "
          "OFFSET $2)",
          {kept - keep, earliest})
      .status();
}

Result<std::vector<RefusedRow>> ListRefused(Connection& conn, int64_t before_id, int limit) {
  std::vector<RefusedRow> out;
  RETURN_IF_ERROR(conn.Query(
      "SELECT id, time_ms, claimed_sender, seq, type, code, reason, remote, envelope_bytes, "
      "envelope_digest, body_digest FROM fed_refused WHERE ($1 = 0 OR id < $1) ORDER BY id DESC "
      "LIMIT $2",
      {before_id, int64_t{ClampLimit(limit)}}, [&](const Row& r) {
        RefusedRow x;
        x.id = r.Int(0);
        x.time_ms = r.Int(1);
        x.claimed_sender = r.String(2);
        x.seq = static_cast<uint64_t>(r.Int(3));
        x.type = r.String(4);
        x.code = r.String(5);
        x.reason = r.String(6);
        x.remote = r.String(7);
        x.envelope_bytes = r.Int(8);
        x.envelope_digest = r.String(9);
        x.body_digest = r.String(10);
        out.push_back(std::move(x));
        return Status::Ok();
      }));
  return out;
}

Status InsertPeerHead(Connection& conn, const PeerHeadRow& row) {
  const ledger::TreeHead& h = row.head.head;
  return conn
      .Exec(
          "INSERT INTO fed_peer_heads (peer, size, root, time_ms, signature, received_ms) "
          "VALUES ($1, $2, $3, $4, $5, $6)",
          {row.peer, h.size, Param::Blob(h.root), h.time.millis(), Param::Blob(row.head.signature),
           row.received_ms})
      .status();
}

Result<std::vector<PeerHeadRow>> ListPeerHeads(Connection& conn, std::string_view peer, int limit) {
  std::vector<PeerHeadRow> out;
  RETURN_IF_ERROR(
      conn.Query("SELECT peer, size, root, time_ms, signature, received_ms FROM fed_peer_heads "
                 "WHERE ($1 = '' OR peer = $1) ORDER BY peer, size DESC LIMIT $2",
                 {peer, int64_t{ClampLimit(limit)}}, [&](const Row& r) {
                   PeerHeadRow row;
                   row.peer = r.String(0);
                   row.head.head.node_id = row.peer;
                   row.head.head.size = static_cast<uint64_t>(r.Int(1));
                   RETURN_IF_ERROR(CopyBlob(r, 2, row.head.head.root, "peer head"));
                   row.head.head.time = Timestamp::FromMillis(r.Int(3));
                   RETURN_IF_ERROR(CopyBlob(r, 4, row.head.signature, "peer head"));
                   row.received_ms = r.Int(5);
                   out.push_back(std::move(row));
                   return Status::Ok();
                 }));
  return out;
}

Result<std::optional<ledger::SignedTreeHead>> LastPeerHead(Connection& conn,
                                                           std::string_view peer) {
  if (peer.empty()) return Status::InvalidArgument("a peer is required", "peer");
  ASSIGN_OR_RETURN(auto rows, ListPeerHeads(conn, peer, 1));
  if (rows.empty()) return std::optional<ledger::SignedTreeHead>();
  return std::optional<ledger::SignedTreeHead>(rows.front().head);
}

Result<federation::LogReport> VerifyMessageLog(Store& store) {
  std::vector<federation::SentRecord> sent;
  std::vector<federation::ReceivedRecord> received;
  std::vector<federation::FederationEvent> events;
  RETURN_IF_ERROR(store.Read([&](ReadTx& tx) -> Status {
    Connection& conn = tx.conn();
    RETURN_IF_ERROR(conn.Query(
        std::string("SELECT ") + kOutboxColumns + " FROM fed_outbox", {}, [&](const Row& r) {
          const OutboxRow o = ReadOutbox(r);
          sent.push_back(
              {o.peer, o.seq, o.type, o.subject, o.body_digest, o.state, o.envelope, o.receipt});
          return Status::Ok();
        }));
    RETURN_IF_ERROR(conn.Query(
        std::string("SELECT ") + kInboxColumns + " FROM fed_inbox", {}, [&](const Row& r) {
          const InboxRow i = ReadInbox(r);
          received.push_back({i.peer, i.seq, i.type, i.subject, i.envelope, i.envelope_digest,
                              i.body_digest, i.outcome, i.reason, i.receipt});
          return Status::Ok();
        }));
    return conn.Query(
        "SELECT idx, event FROM ledger_events WHERE type IN ($1, $2, $3, $4) ORDER BY idx",
        {federation::kEventPeerSet, federation::kEventQueued, federation::kEventAcknowledged,
         federation::kEventReceived},
        [&](const Row& r) {
          const auto b = r.Blob(1);
          auto v = json::Parse(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
          if (!v.ok()) return Status::DataLoss("a stored ledger event is not valid JSON");
          federation::FederationEvent e;
          e.index = static_cast<uint64_t>(r.Int(0));
          const json::Value* type = v->Get("type");
          const json::Value* subject = v->Get("subject");
          const json::Value* data = v->Get("data");
          if (!type || !type->is_string() || !subject || !subject->is_string() || !data) {
            return Status::DataLoss("a stored ledger event is not an event");
          }
          e.type = type->AsString();
          e.subject = subject->AsString();
          e.data = *data;
          events.push_back(std::move(e));
          return Status::Ok();
        });
  }));
  return federation::VerifyMessageLog(sent, received, events, store.identity().node_id,
                                      store.identity().public_key);
}

}  // namespace corridor::store
