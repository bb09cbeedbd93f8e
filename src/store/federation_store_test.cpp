#include "store/federation_store.hpp"

#include <gtest/gtest.h>

#include "store/migrations.hpp"
#include "store/store.hpp"
#include "store/testing.hpp"

namespace corridor::store {
namespace {

class FederationStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto node =
        testing::TestNode::Create("node-npl", "NPL", *Timestamp::Parse("2026-11-29T08:00:00Z"));
    ASSERT_TRUE(node.ok()) << node.status().ToString() << " " << node.status().detail();
    node_ = std::move(*node);
  }

  Status InTx(const std::function<Status(Connection&)>& fn) {
    return node_.store->Write("system", [&](WriteTx& tx) { return fn(tx.conn()); });
  }

  PeerRow Peer(const std::string& id, const std::string& country) {
    PeerRow p;
    p.node_id = id;
    p.country = country;
    p.url = "http://" + id + ".test";
    p.public_key.fill(7);
    p.updated_ms = 1;
    return p;
  }

  OutboxRow Out(uint64_t seq) {
    OutboxRow o;
    o.peer = "node-kwt";
    o.seq = seq;
    o.type = "agency.record";
    o.subject = "A-" + std::to_string(seq);
    o.body = "{}";
    o.body_digest = std::string(64, 'a');
    o.created_ms = 1000 + static_cast<int64_t>(seq);
    return o;
  }

  testing::TestNode node_;
};

TEST_F(FederationStoreTest, TheSchemaIsAtLeastVersionFive) { EXPECT_GE(LatestSchemaVersion(), 5); }

TEST_F(FederationStoreTest, PeersKeepTheirCountersWhenChanged) {
  ASSERT_TRUE(InTx([&](Connection& c) { return PutPeer(c, Peer("node-kwt", "KWT")); }).ok());
  uint64_t a = 0, b = 0;
  ASSERT_TRUE(InTx([&](Connection& c) -> Status {
                ASSIGN_OR_RETURN(a, TakeOutSeq(c, "node-kwt"));
                ASSIGN_OR_RETURN(b, TakeOutSeq(c, "node-kwt"));
                RETURN_IF_ERROR(SetNextInSeq(c, "node-kwt", 9));
                return SetHeadSent(c, "node-kwt", 44);
              }).ok());
  EXPECT_EQ(a, 1u);
  EXPECT_EQ(b, 2u);
  PeerRow changed = Peer("node-kwt", "KWT");
  changed.url = "http://elsewhere.test:8080";
  changed.public_key.fill(9);
  ASSERT_TRUE(InTx([&](Connection& c) { return PutPeer(c, changed); }).ok());
  std::optional<PeerRow> got;
  ASSERT_TRUE(node_.store
                  ->Read([&](ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(got, GetPeer(tx.conn(), "node-kwt"));
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_TRUE(got);
  EXPECT_EQ(got->url, "http://elsewhere.test:8080");
  EXPECT_EQ(got->public_key, changed.public_key);
  EXPECT_EQ(got->next_out_seq, 3u);
  EXPECT_EQ(got->next_in_seq, 9u);
  EXPECT_EQ(got->head_sent_size, 44u);
  // One peer per country.
  Status s = InTx([&](Connection& c) { return PutPeer(c, Peer("node-kwt-2", "KWT")); });
  EXPECT_EQ(s.code(), Code::kAlreadyExists);
  EXPECT_EQ(s.field(), "country");
  EXPECT_EQ(InTx([&](Connection& c) { return TakeOutSeq(c, "node-xxx").status(); }).code(),
            Code::kNotFound);
}

TEST_F(FederationStoreTest, OutboxEntriesSettleOnce) {
  ASSERT_TRUE(InTx([&](Connection& c) -> Status {
                RETURN_IF_ERROR(PutPeer(c, Peer("node-kwt", "KWT")));
                for (uint64_t i = 1; i <= 5; ++i) RETURN_IF_ERROR(InsertOutbox(c, Out(i)));
                return Status::Ok();
              }).ok());
  OutboxRow settled = Out(2);
  settled.state = "rejected";
  settled.envelope = "{\"e\":1}";
  settled.receipt = "{\"r\":1}";
  settled.reason = "no";
  settled.settled_ms = 5;
  bool first = false, second = true;
  ASSERT_TRUE(InTx([&](Connection& c) -> Status {
                ASSIGN_OR_RETURN(first, SettleOutbox(c, settled));
                ASSIGN_OR_RETURN(second, SettleOutbox(c, settled));
                return Status::Ok();
              }).ok());
  EXPECT_TRUE(first);
  EXPECT_FALSE(second);
  ASSERT_TRUE(node_.store
                  ->Read([&](ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto pending, PendingOutbox(tx.conn(), "node-kwt", 3));
                    EXPECT_EQ(pending.size(), 3u);
                    EXPECT_EQ(pending[0].seq, 1u);
                    EXPECT_EQ(pending[1].seq, 3u);
                    ASSIGN_OR_RETURN(auto row, GetOutbox(tx.conn(), "node-kwt", 2));
                    EXPECT_EQ(row->state, "rejected");
                    EXPECT_EQ(row->reason, "no");
                    EXPECT_EQ(row->receipt, "{\"r\":1}");
                    ASSIGN_OR_RETURN(int64_t n, CountOutbox(tx.conn(), "node-kwt", "pending"));
                    EXPECT_EQ(n, 4);
                    // Newest first, a page at a time.
                    LogQuery q;
                    q.limit = 2;
                    ASSIGN_OR_RETURN(auto page1, ListOutbox(tx.conn(), q));
                    EXPECT_EQ(page1.size(), 2u);
                    if (page1.size() != 2u) return Status::Internal("page1");
                    EXPECT_EQ(page1[0].seq, 5u);
                    EXPECT_EQ(page1[1].seq, 4u);
                    q.after_peer = "node-kwt";
                    q.after_seq = 4;
                    ASSIGN_OR_RETURN(auto page2, ListOutbox(tx.conn(), q));
                    EXPECT_EQ(page2.size(), 2u);
                    if (page2.size() != 2u) return Status::Internal("page2");
                    EXPECT_EQ(page2[0].seq, 3u);
                    q = LogQuery{};
                    q.state = "rejected";
                    ASSIGN_OR_RETURN(auto rejected, ListOutbox(tx.conn(), q));
                    EXPECT_EQ(rejected.size(), 1u);
                    if (rejected.size() != 1u) return Status::Internal("rejected");
                    EXPECT_EQ(rejected[0].seq, 2u);
                    return Status::Ok();
                  })
                  .ok());
}

TEST_F(FederationStoreTest, AReceivedSequenceNumberIsRecordedOnce) {
  InboxRow in;
  in.peer = "node-kwt";
  in.seq = 1;
  in.type = "employer.record";
  in.subject = "E-1";
  in.envelope = "{}";
  in.envelope_digest = std::string(64, 'b');
  in.body_digest = std::string(64, 'c');
  in.outcome = "applied";
  in.receipt = "{}";
  ASSERT_TRUE(InTx([&](Connection& c) -> Status {
                RETURN_IF_ERROR(PutPeer(c, Peer("node-kwt", "KWT")));
                return InsertInbox(c, in);
              }).ok());
  Status again = InTx([&](Connection& c) { return InsertInbox(c, in); });
  EXPECT_EQ(again.code(), Code::kAlreadyExists);
  ASSERT_TRUE(node_.store
                  ->Read([&](ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto got, GetInbox(tx.conn(), "node-kwt", 1));
                    EXPECT_EQ(got->body_digest, in.body_digest);
                    ASSIGN_OR_RETURN(auto none, GetInbox(tx.conn(), "node-kwt", 2));
                    EXPECT_FALSE(none);
                    ASSIGN_OR_RETURN(int64_t n, CountInbox(tx.conn(), "node-kwt", "applied"));
                    EXPECT_EQ(n, 1);
                    return Status::Ok();
                  })
                  .ok());
}

TEST_F(FederationStoreTest, TheRefusedLogKeepsTheNewestAndCutsText) {
  ASSERT_TRUE(InTx([&](Connection& c) -> Status {
                for (int i = 0; i < 7; ++i) {
                  RefusedRow r;
                  r.time_ms = i;
                  r.claimed_sender = "node-" + std::to_string(i);
                  r.seq = static_cast<uint64_t>(i);
                  r.code = "bad_signature";
                  // A long reason whose cut would fall inside a two-byte character.
                  r.reason = "a";
                  for (int k = 0; k < 1000; ++k) r.reason += "\xc3\xa9";
                  RETURN_IF_ERROR(InsertRefused(c, r, 3, 0));
                }
                return Status::Ok();
              }).ok());
  ASSERT_TRUE(node_.store
                  ->Read([&](ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto rows, ListRefused(tx.conn(), 0, 10));
                    EXPECT_EQ(rows.size(), 3u);
                    EXPECT_EQ(rows[0].claimed_sender, "node-6");
                    EXPECT_EQ(rows[2].claimed_sender, "node-4");
                    EXPECT_LE(rows[0].reason.size(), 500U);
                    EXPECT_EQ(rows[0].reason.size() % 2, 1u) << "cut on a character boundary";
                    ASSIGN_OR_RETURN(auto older, ListRefused(tx.conn(), rows[0].id, 10));
                    EXPECT_EQ(older.size(), 2u);
                    return Status::Ok();
                  })
                  .ok());
}

TEST_F(FederationStoreTest, PeerHeadsAreKeptNewestFirst) {
  ASSERT_TRUE(
      InTx([&](Connection& c) -> Status {
        RETURN_IF_ERROR(PutPeer(c, Peer("node-kwt", "KWT")));
        for (uint64_t size : {3u, 9u, 5u}) {
          PeerHeadRow row;
          row.peer = "node-kwt";
          row.head.head = {"node-kwt", size, {}, Timestamp::FromMillis(static_cast<int64_t>(size))};
          row.head.head.root.fill(static_cast<uint8_t>(size));
          row.head.signature.fill(1);
          row.received_ms = 10;
          RETURN_IF_ERROR(InsertPeerHead(c, row));
        }
        return Status::Ok();
      }).ok());
  ASSERT_TRUE(node_.store
                  ->Read([&](ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto last, LastPeerHead(tx.conn(), "node-kwt"));
                    EXPECT_EQ(last->head.size, 9u);
                    EXPECT_EQ(last->head.root[0], 9);
                    ASSIGN_OR_RETURN(auto all, ListPeerHeads(tx.conn(), "", 10));
                    EXPECT_EQ(all.size(), 3u);
                    ASSIGN_OR_RETURN(auto none, LastPeerHead(tx.conn(), "node-xxx"));
                    EXPECT_FALSE(none);
                    return Status::Ok();
                  })
                  .ok());
}

// A local change whose event routes to a peer queues its message in the same transaction: both or
// neither; a change applied from a peer queues nothing; the commit listener hears each commit.
TEST_F(FederationStoreTest, ARoutedEventQueuesItsMessageInTheSameTransaction) {
  ASSERT_TRUE(InTx([&](Connection& c) { return PutPeer(c, Peer("node-kwt", "KWT")); }).ok());
  int commits = 0;
  node_.store->SetCommitListener([&] { ++commits; });
  auto agency = [](const std::string& id) {
    domain::Agency a;
    a.id = AgencyId(id);
    a.name = "Agency " + id;
    a.country = "NPL";
    a.licence_number = "L-" + id;
    a.licence_expiry = *Date::Parse("2030-01-01");
    return a;
  };
  auto register_agency = [&](const std::string& id, const WriteOptions& options, bool fail) {
    return node_.store->Write("system", options, [&](WriteTx& tx) -> Status {
      RETURN_IF_ERROR(tx.InsertAgency(agency(id)));
      RETURN_IF_ERROR(tx.Record(domain::EventType::kAgencyRegistered, id, json::Object()));
      if (fail) return Status::FailedPrecondition("refused after the event");
      return Status::Ok();
    });
  };
  auto pending = [&] {
    int64_t n = -1;
    EXPECT_TRUE(node_.store
                    ->Read([&](ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(n, CountOutbox(tx.conn(), "node-kwt", "pending"));
                      return Status::Ok();
                    })
                    .ok());
    return n;
  };
  auto size_now = [&] {
    uint64_t size = 0;
    EXPECT_TRUE(node_.store
                    ->Read([&](ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(size, tx.LedgerSize());
                      return Status::Ok();
                    })
                    .ok());
    return size;
  };
  const uint64_t before = size_now();
  ASSERT_TRUE(register_agency("A-1", {}, false).ok());
  EXPECT_EQ(pending(), 1);
  EXPECT_EQ(size_now(), before + 2);  // agency.registered and federation.queued
  EXPECT_EQ(commits, 1);
  // A refusal later in the write undoes the record, its event and its message.
  EXPECT_EQ(register_agency("A-2", {}, true).code(), Code::kFailedPrecondition);
  EXPECT_EQ(pending(), 1);
  EXPECT_EQ(size_now(), before + 2);
  EXPECT_EQ(commits, 1);
  // What a peer's message causes is never sent back.
  ASSERT_TRUE(register_agency("A-3", {Origin::kPeer, nullptr}, false).ok());
  EXPECT_EQ(pending(), 1);
  EXPECT_EQ(size_now(), before + 3);
  EXPECT_EQ(commits, 2);
  // A write that records nothing is no commit to tell of.
  ASSERT_TRUE(node_.store->Write("system", [](WriteTx&) { return Status::Ok(); }).ok());
  EXPECT_EQ(commits, 2);
  node_.store->SetCommitListener({});
  ASSERT_TRUE(register_agency("A-4", {}, false).ok());
  EXPECT_EQ(commits, 2);
  EXPECT_EQ(pending(), 2);
}

TEST_F(FederationStoreTest, TheRefusedLogKeepsItsFirstAndItsNewestWithinItsCap) {
  // A cap of 10 keeping the first 3: after 25 refusals, ids 1-3 and 19-25 remain.
  for (int i = 1; i <= 25; ++i) {
    RefusedRow row;
    row.time_ms = i;
    row.claimed_sender = "node-kwt";
    row.seq = static_cast<uint64_t>(i);
    row.type = "agency.record";
    row.code = "bad_signature";
    row.reason = std::string(5000, 'r');  // cut to its limit
    row.remote = "192.0.2.1";
    row.envelope_bytes = 300;
    row.envelope_digest = std::string(64, 'e');
    row.body_digest = std::string(64, 'b');
    ASSERT_TRUE(InTx([&](Connection& c) { return InsertRefused(c, row, 10, 3); }).ok()) << i;
  }
  std::vector<RefusedRow> rows;
  ASSERT_TRUE(InTx([&](Connection& c) -> Status {
                ASSIGN_OR_RETURN(rows, ListRefused(c, 0, 100));
                return Status::Ok();
              }).ok());
  std::vector<uint64_t> seqs;
  for (const auto& r : rows) seqs.push_back(r.seq);
  EXPECT_EQ(seqs, (std::vector<uint64_t>{25, 24, 23, 22, 21, 20, 19, 3, 2, 1}));
  EXPECT_EQ(rows[0].reason.size(), 500U);
  EXPECT_EQ(rows[0].envelope_bytes, 300);
  EXPECT_EQ(rows[0].envelope_digest, std::string(64, 'e'));
  EXPECT_EQ(rows[0].body_digest, std::string(64, 'b'));
}

}  // namespace
}  // namespace corridor::store
