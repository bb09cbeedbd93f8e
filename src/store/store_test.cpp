#include "store/store.hpp"

#include <gtest/gtest.h>

#include "store/testing.hpp"

namespace corridor::store {
namespace {

// The ledger as stored: events appended with their changes, signed heads, proofs, and an audit
// that names the first event someone edited, deleted or reordered behind the node's back.
class StoreLedgerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto node =
        testing::TestNode::Create("node-kw", "KWT", *Timestamp::Parse("2026-11-29T08:00:00Z"));
    ASSERT_TRUE(node.ok()) << node.status().ToString() << " " << node.status().detail();
    node_ = std::move(*node);
  }

  // Appends `n` events, one transaction each.
  void Append(int n) {
    for (int i = 0; i < n; ++i) {
      json::Object data;
      data.Set("n", i);
      ASSERT_TRUE(node_.store
                      ->Write("U-test",
                              [&](WriteTx& tx) {
                                return tx.Record(domain::EventType::kOccupationSet,
                                                 "S-" + std::to_string(i), data);
                              })
                      .ok());
      node_.clock->Advance(1000);
    }
  }

  ledger::VerifyReport Verify() {
    auto r = node_.store->Verify();
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : ledger::VerifyReport{};
  }

  Status Sql(const std::string& sql) {
    auto conn = node_.store->database().Acquire();
    if (!conn.ok()) return conn.status();
    return (*conn)->ExecScript(sql);
  }

  testing::TestNode node_;
};

TEST_F(StoreLedgerTest, EachWriteAppendsAndSignsAndVerifies) {
  Append(13);
  auto head = node_.store->LatestHead();
  ASSERT_TRUE(head.ok() && head->has_value());
  EXPECT_EQ((*head)->head.size, 13u);
  EXPECT_TRUE(ledger::VerifyTreeHead(**head, node_.store->identity().public_key).ok());
  const auto r = Verify();
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.events_checked, 13u);
  EXPECT_EQ(r.heads_checked, 13u);
}

// Other statements the node signs carry a type of their own, and never the tree head's: a
// signature the store gives can never be replayed as a head's.
TEST_F(StoreLedgerTest, SignedStatementsNeedATypeOfTheirOwn) {
  json::Object statement;
  statement.Set("type", "corridor.open_data.v1");
  statement.Set("release", "2026-10");
  auto sig = node_.store->SignStatement(statement);
  ASSERT_TRUE(sig.ok()) << sig.status().ToString();
  const std::string input = json::Canonical(statement);
  EXPECT_TRUE(crypto::Verify(node_.store->identity().public_key, AsBytes(input), *sig));

  json::Object head_like;
  head_like.Set("type", std::string(ledger::kTreeHeadType));
  head_like.Set("node", "node-kw");
  json::Object untyped;
  untyped.Set("release", "2026-10");
  json::Object empty_type;
  empty_type.Set("type", "");
  json::Object number_type;
  number_type.Set("type", 1);
  for (const json::Value& v :
       {json::Value(head_like), json::Value(untyped), json::Value(empty_type),
        json::Value(number_type), json::Value("corridor.open_data.v1")}) {
    auto refused = node_.store->SignStatement(v);
    EXPECT_EQ(refused.status().code(), Code::kInvalidArgument) << json::Write(v);
    EXPECT_EQ(refused.status().field(), "type");
  }
}

TEST_F(StoreLedgerTest, ProofsFromTheStoreVerify) {
  Append(21);
  auto head = node_.store->LatestHead();
  ASSERT_TRUE(head.ok() && head->has_value());
  const auto& h = (*head)->head;
  for (uint64_t i = 0; i < h.size; ++i) {
    auto bytes = node_.store->EventBytes(i);
    ASSERT_TRUE(bytes.ok() && bytes->has_value());
    auto proof = node_.store->InclusionProof(i, h.size);
    ASSERT_TRUE(proof.ok()) << proof.status().ToString();
    EXPECT_TRUE(ledger::VerifyInclusion(i, h.size, ledger::LeafHash(**bytes), *proof, h.root).ok())
        << i;
  }
  // Consistency of every earlier signed head with the latest one.
  std::vector<std::pair<uint64_t, ledger::Hash>> heads;
  auto conn = node_.store->database().Acquire();
  ASSERT_TRUE(conn.ok());
  ASSERT_TRUE((*conn)
                  ->Query("SELECT size, root FROM ledger_heads ORDER BY size", {},
                          [&](const Row& r) {
                            ledger::Hash root;
                            std::copy(r.Blob(1).begin(), r.Blob(1).end(), root.begin());
                            heads.emplace_back(static_cast<uint64_t>(r.Int(0)), root);
                            return Status::Ok();
                          })
                  .ok());
  ASSERT_EQ(heads.size(), 21u);
  for (const auto& [size, root] : heads) {
    auto proof = node_.store->ConsistencyProof(size, h.size);
    ASSERT_TRUE(proof.ok());
    EXPECT_TRUE(ledger::VerifyConsistency(size, h.size, root, h.root, *proof).ok()) << size;
  }
}

TEST_F(StoreLedgerTest, AProofBeyondTheLedgerIsTheCallersMistake) {
  Append(5);
  const auto expect = [](const auto& r, const char* field) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument) << r.status().ToString();
    EXPECT_EQ(r.status().field(), field);
  };
  expect(node_.store->InclusionProof(0, 6), "size");
  expect(node_.store->InclusionProof(0, uint64_t{1} << 62), "size");
  expect(node_.store->InclusionProof(5, 5), "index");
  expect(node_.store->ConsistencyProof(1, 999'999'999'999), "new");
  expect(node_.store->ConsistencyProof(5, 4), "old");
  EXPECT_TRUE(node_.store->InclusionProof(4, 5).ok());
  EXPECT_TRUE(node_.store->ConsistencyProof(2, 5).ok());
}

TEST_F(StoreLedgerTest, AFailedWriteLeavesNoEvent) {
  Append(3);
  Status s = node_.store->Write("U-test", [&](WriteTx& tx) -> Status {
    RETURN_IF_ERROR(tx.Record(domain::EventType::kOccupationSet, "S-x", json::Object()));
    return Status::FailedPrecondition("refused halfway");
  });
  EXPECT_EQ(s.code(), Code::kFailedPrecondition);
  Append(2);  // the tree continues from 3, not 4
  const auto r = Verify();
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.events_checked, 5u);
}

TEST_F(StoreLedgerTest, AnEditedEventIsNamed) {
  Append(10);
  // Change the data of event 6 without touching its stored leaf hash.
  ASSERT_TRUE(Sql(node_.store->database().dialect() == Dialect::kSqlite
                      ? "UPDATE ledger_events SET event = CAST(REPLACE(CAST(event AS TEXT), "
                        "'\"n\":6', '\"n\":7') AS BLOB) WHERE idx = 6"
                      : "UPDATE ledger_events SET event = convert_to(replace(convert_from(event, "
                        "'UTF8'), '\"n\":6', '\"n\":7'), 'UTF8') WHERE idx = 6")
                  .ok());
  const auto r = Verify();
  EXPECT_FALSE(r.ok);
  ASSERT_TRUE(r.first_bad_event.has_value()) << r.problem;
  EXPECT_EQ(*r.first_bad_event, 6u) << r.problem;
}

TEST_F(StoreLedgerTest, AnEditedEventWithARewrittenLeafHashIsCaughtByTheSignedHeads) {
  Append(10);
  auto bytes = node_.store->EventBytes(6);
  ASSERT_TRUE(bytes.ok() && bytes->has_value());
  std::string forged = **bytes;
  const size_t at = forged.find("\"n\":6");
  ASSERT_NE(at, std::string::npos);
  forged.replace(at, 5, "\"n\":7");
  const ledger::Hash leaf = ledger::LeafHash(forged);
  auto conn = node_.store->database().Acquire();
  ASSERT_TRUE(conn.ok());
  ASSERT_TRUE((*conn)
                  ->Exec("UPDATE ledger_events SET event = $1, leaf_hash = $2 WHERE idx = 6",
                         {Param::Blob(AsBytes(forged)), Param::Blob(leaf)})
                  .ok());
  const auto r = Verify();
  EXPECT_FALSE(r.ok);
  // Event 6 is named exactly or lies in the named range.
  if (r.first_bad_event) {
    EXPECT_EQ(*r.first_bad_event, 6u) << r.problem;
  } else {
    ASSERT_TRUE(r.bad_range.has_value()) << r.problem;
    EXPECT_LE(r.bad_range->begin, 6u);
    EXPECT_GT(r.bad_range->end, 6u);
  }
}

TEST_F(StoreLedgerTest, ADeletedEventIsNamed) {
  Append(10);
  ASSERT_TRUE(Sql("DELETE FROM ledger_events WHERE idx = 4").ok());
  const auto r = Verify();
  EXPECT_FALSE(r.ok);
  ASSERT_TRUE(r.first_bad_event.has_value()) << r.problem;
  EXPECT_EQ(*r.first_bad_event, 4u) << r.problem;
}

TEST_F(StoreLedgerTest, ReorderedEventsAreNamed) {
  Append(10);
  // Swap the stored bytes and hashes of events 2 and 5.
  ASSERT_TRUE(Sql("UPDATE ledger_events SET idx = -1 WHERE idx = 2").ok());
  ASSERT_TRUE(Sql("UPDATE ledger_events SET idx = 2 WHERE idx = 5").ok());
  ASSERT_TRUE(Sql("UPDATE ledger_events SET idx = 5 WHERE idx = -1").ok());
  const auto r = Verify();
  EXPECT_FALSE(r.ok);
  ASSERT_TRUE(r.first_bad_event.has_value()) << r.problem;
  EXPECT_EQ(*r.first_bad_event, 2u) << r.problem;
}

TEST_F(StoreLedgerTest, AForgedHeadSignatureIsCaught) {
  Append(4);
  ASSERT_TRUE(Sql(node_.store->database().dialect() == Dialect::kSqlite
                      ? "UPDATE ledger_heads SET signature = zeroblob(64) WHERE size = 2"
                      : "UPDATE ledger_heads SET signature = decode(repeat('00', 64), 'hex') "
                        "WHERE size = 2")
                  .ok());
  const auto r = Verify();
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("signature"), std::string::npos) << r.problem;
}

TEST_F(StoreLedgerTest, ReadOnlyStoresRefuseWritesAndOtherKeysAreRefused) {
  StoreOptions ro;
  ro.clock = node_.clock.get();
  auto reader = Store::Open(node_.location->uri(), ro);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->Write("U", [](WriteTx&) { return Status::Ok(); }).code(),
            Code::kFailedPrecondition);
  const crypto::SigningKey other = crypto::SigningKey::Generate();
  StoreOptions wrong = ro;
  wrong.rng = node_.rng.get();
  wrong.key = &other;
  EXPECT_EQ(Store::Open(node_.location->uri(), wrong).status().code(), Code::kPermissionDenied);
}

TEST_F(StoreLedgerTest, InitialisingTwiceIsRefused) {
  NodeIdentity id{"node-kw", "KWT", node_.key->public_key()};
  EXPECT_EQ(Store::Initialise(node_.location->uri(), id).code(), Code::kAlreadyExists);
}

}  // namespace
}  // namespace corridor::store
