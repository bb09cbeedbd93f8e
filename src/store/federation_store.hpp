// The federation tables (schema migration 5, docs/formats/federation.md §9): peers with their
// pinned keys and sequence counters, the outbox and inbox that make up the message log, the
// refused-message log and the heads each peer handed over; and the message-log audit over them.
//
// Free functions over a Connection, called inside the caller's transaction (WriteTx::conn() or
// ReadTx::conn()), so a message is queued, applied or settled in the same transaction as the
// change it belongs to. Thread-safety: as the Connection given.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "crypto/crypto.hpp"
#include "federation/audit.hpp"
#include "ledger/tree_head.hpp"
#include "store/database.hpp"

namespace corridor::store {

class Store;

struct PeerRow {
  std::string node_id;
  std::string country;
  std::string url;
  crypto::PublicKey public_key{};
  uint64_t next_out_seq = 1;    // the number the next queued message gets
  uint64_t next_in_seq = 1;     // the number expected next from the peer
  uint64_t head_sent_size = 0;  // size of the last ledger head queued to the peer
  int failures = 0;             // consecutive failed delivery attempts
  int64_t next_attempt_ms = 0;
  std::string last_error;
  int64_t last_success_ms = 0;
  int64_t updated_ms = 0;
};

// Adds a peer, or changes its country, URL and key (keeping its sequence counters; the next
// delivery attempt is due at once). AlreadyExists when another peer has that country.
Status PutPeer(Connection& conn, const PeerRow& peer);
Result<std::vector<PeerRow>> ListPeers(Connection& conn);
Result<std::optional<PeerRow>> GetPeer(Connection& conn, std::string_view node_id);
Result<std::optional<PeerRow>> FindPeerByCountry(Connection& conn, std::string_view country);
// Takes the peer's next outgoing sequence number (and moves the counter on).
Result<uint64_t> TakeOutSeq(Connection& conn, std::string_view node_id);
Status SetNextInSeq(Connection& conn, std::string_view node_id, uint64_t next);
Status SetHeadSent(Connection& conn, std::string_view node_id, uint64_t size);
Status SetDeliveryState(Connection& conn, std::string_view node_id, int failures,
                        int64_t next_attempt_ms, std::string_view last_error,
                        int64_t last_success_ms);

struct OutboxRow {
  std::string peer;
  uint64_t seq = 0;
  std::string type;
  std::string subject;
  std::string body;  // canonical JSON
  std::string body_digest;
  int64_t created_ms = 0;
  std::string state = "pending";  // pending, acknowledged, rejected
  std::string envelope;           // the copy the peer applied (transport JSON); "" while pending
  std::string receipt;            // the peer's receipt (transport JSON); "" while pending
  std::string reason;             // the peer's reason for a rejection
  int64_t settled_ms = 0;
};

// Cursor and filters of the officers' lists: rows in (peer, seq descending) order after
// (after_peer, after_seq); empty filters match all.
struct LogQuery {
  std::string peer;
  std::string state;  // outbox: pending/acknowledged/rejected; inbox: applied/rejected
  std::string after_peer;
  uint64_t after_seq = 0;
  int limit = 50;
};

Status InsertOutbox(Connection& conn, const OutboxRow& row);
// The peer's pending messages, lowest sequence number first.
Result<std::vector<OutboxRow>> PendingOutbox(Connection& conn, std::string_view peer, int limit);
// Settles a pending message; false when it was not pending (settled already).
Result<bool> SettleOutbox(Connection& conn, const OutboxRow& row);
Result<std::optional<OutboxRow>> GetOutbox(Connection& conn, std::string_view peer, uint64_t seq);
Result<std::vector<OutboxRow>> ListOutbox(Connection& conn, const LogQuery& q);
Result<int64_t> CountOutbox(Connection& conn, std::string_view peer, std::string_view state);

struct InboxRow {
  std::string peer;
  uint64_t seq = 0;
  std::string type;
  std::string subject;
  std::string envelope;  // transport JSON, as applied
  std::string envelope_digest;
  std::string body_digest;
  std::string outcome;  // applied, rejected
  std::string reason;
  std::string receipt;  // the receipt signed here (transport JSON)
  int64_t received_ms = 0;
};

Status InsertInbox(Connection& conn, const InboxRow& row);
Result<std::optional<InboxRow>> GetInbox(Connection& conn, std::string_view peer, uint64_t seq);
Result<std::vector<InboxRow>> ListInbox(Connection& conn, const LogQuery& q);
Result<int64_t> CountInbox(Connection& conn, std::string_view peer, std::string_view outcome);

// What is kept of a refused envelope (docs/formats/federation.md §5): small and bounded, never a
// copy of what was sent; the digests identify it (the body digest is the one the sender's outbox
// holds).
struct RefusedRow {
  int64_t id = 0;
  int64_t time_ms = 0;
  std::string claimed_sender;  // at most 64 bytes
  uint64_t seq = 0;
  std::string type;             // at most 64 bytes
  std::string code;             // a refusal code
  std::string reason;           // at most 500 bytes
  std::string remote;           // at most 64 bytes
  int64_t envelope_bytes = 0;   // the size of the envelope (compact JSON)
  std::string envelope_digest;  // its SHA-256, hex; "" when no envelope was read
  std::string body_digest;      // federation::BodyDigest of its body; "" without one
};
inline constexpr int64_t kRefusedKept = 10'000;
inline constexpr int64_t kRefusedEarliestKept = 1'000;

// Appends (cutting the texts to their limits on a character boundary). When more than `keep`
// are kept, those after the first `earliest` are dropped oldest first: the log keeps the first
// refusals it ever saw, which show how something began, and the newest.
Status InsertRefused(Connection& conn, const RefusedRow& row, int64_t keep = kRefusedKept,
                     int64_t earliest = kRefusedEarliestKept);
// Newest first, ids below `before_id` (0: from the newest).
Result<std::vector<RefusedRow>> ListRefused(Connection& conn, int64_t before_id, int limit);

struct PeerHeadRow {
  std::string peer;
  ledger::SignedTreeHead head;
  int64_t received_ms = 0;
};
Status InsertPeerHead(Connection& conn, const PeerHeadRow& row);
Result<std::optional<ledger::SignedTreeHead>> LastPeerHead(Connection& conn, std::string_view peer);
// Newest first.
Result<std::vector<PeerHeadRow>> ListPeerHeads(Connection& conn, std::string_view peer, int limit);

// The message-log audit of docs/formats/federation.md §10 over the store's rows and ledger.
Result<federation::LogReport> VerifyMessageLog(Store& store);

}  // namespace corridor::store
