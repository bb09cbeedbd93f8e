#include "store/state_audit.hpp"

#include <gtest/gtest.h>

#include "codec/codec.hpp"
#include "core/encoding.hpp"
#include "domain/testing.hpp"
#include "ledger/event.hpp"
#include "ledger/merkle.hpp"
#include "store/record_check.hpp"
#include "store/store.hpp"
#include "store/testing.hpp"

namespace corridor::store {
namespace {

using domain::testing::D;

// The state against the ledger: rows edited, added or deleted behind the node's back with SQL
// are named by `audit verify`, on both backends; the store refuses a record written without an
// event to carry its hash.
class StateAuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto node =
        testing::TestNode::Create("node-kw", "KWT", *Timestamp::Parse("2026-11-29T08:00:00Z"));
    ASSERT_TRUE(node.ok()) << node.status().ToString() << " " << node.status().detail();
    node_ = std::move(*node);
  }

  static json::Value ContractData(const domain::Contract& c) {
    json::Object o;
    o.Set("state", std::string(ToString(c.state)));
    o.Set("version", c.version);
    o.Set("digest", c.digest);
    return o;
  }

  // An employer, an agency, a worker, an authenticated contract and its permit, each written
  // with its event, one write each, as the use cases do.
  void Seed() {
    Write([&](WriteTx& tx) -> Status {
      RETURN_IF_ERROR(tx.InsertEmployer(domain::testing::SampleEmployer()));
      return tx.Record(domain::EventType::kEmployerRegistered, "E-1", json::Object());
    });
    Write([&](WriteTx& tx) -> Status {
      RETURN_IF_ERROR(tx.InsertAgency(domain::testing::SampleAgency()));
      return tx.Record(domain::EventType::kAgencyRegistered, "A-1", json::Object());
    });
    Write([&](WriteTx& tx) -> Status {
      RETURN_IF_ERROR(tx.InsertWorker(domain::testing::SampleWorker()));
      return tx.Record(domain::EventType::kWorkerRegistered, "W-1", json::Object());
    });
    contract_.id = ContractId("C-1");
    contract_.terms = domain::testing::SampleTerms();
    contract_.digest = codec::TermsDigest(contract_.terms);
    Write([&](WriteTx& tx) -> Status {
      RETURN_IF_ERROR(tx.InsertContract(contract_));
      return tx.Record(domain::EventType::kContractDrafted, "C-1", ContractData(contract_));
    });
    contract_.state = domain::ContractState::kAuthenticated;
    contract_.attested_digest = contract_.digest;
    contract_.authenticated_digest = contract_.digest;
    Write([&](WriteTx& tx) -> Status {
      RETURN_IF_ERROR(tx.UpdateContract(contract_));
      return tx.Record(domain::EventType::kContractAuthenticated, "C-1", ContractData(contract_));
    });
    auto permit = domain::IssuePermit(contract_, PermitId("P-1"), D("2027-01-01"));
    ASSERT_TRUE(permit.ok()) << permit.status().ToString();
    permit_ = *permit;
    Write([&](WriteTx& tx) -> Status {
      RETURN_IF_ERROR(tx.InsertPermit(permit_));
      return tx.Record(domain::EventType::kPermitIssued, "P-1", codec::ToJson(permit_));
    });
  }

  void Write(const std::function<Status(WriteTx&)>& fn) {
    Status s = node_.store->Write("U-test", fn);
    ASSERT_TRUE(s.ok()) << s.ToString();
    node_.clock->Advance(1000);
  }

  AuditReport Audit() {
    auto r = store::Audit(*node_.store);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : AuditReport{};
  }

  Status Sql(const std::string& sql) {
    auto conn = node_.store->database().Acquire();
    if (!conn.ok()) return conn.status();
    return (*conn)->ExecScript(sql);
  }

  // The finding of `table` `id`, or "" when there is none.
  static std::string FindingOf(const AuditReport& r, const std::string& table,
                               const std::string& id) {
    for (const auto& f : r.state.findings) {
      if (f.table == table && f.id == id) return f.problem;
    }
    return "";
  }

  // The contract as the read path reads and checks it (record_check.hpp).
  RecordCheck CheckC1() {
    RecordCheck out;
    Status s = node_.store->Read([&](ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(auto c, tx.GetContractDocument(ContractId("C-1")));
      if (!c) return Status::NotFound("C-1");
      ASSIGN_OR_RETURN(out, CheckContract(tx, ContractId("C-1"), *c));
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  }

  static std::string All(const AuditReport& r) {
    std::string out;
    for (const auto& f : r.state.findings) out += f.table + " " + f.id + ": " + f.problem + "\n";
    return out;
  }

  testing::TestNode node_;
  domain::Contract contract_;
  domain::Permit permit_;
};

TEST_F(StateAuditTest, AnUntouchedStateVerifiesRecordByRecord) {
  Seed();
  const AuditReport r = Audit();
  EXPECT_TRUE(r.ledger.ok) << r.ledger.problem;
  EXPECT_TRUE(r.state.ok()) << All(r);
  EXPECT_EQ(r.state.records_checked, 5u);  // employer, agency, worker, contract, permit
  EXPECT_EQ(r.state.records_verified, 5u);
  EXPECT_EQ(r.state.records_unverifiable, 0u);
  EXPECT_EQ(r.state.events_checked, r.ledger.events_checked);
  // The events carry the hashes: the contract's last one is its authentication.
  auto bytes = node_.store->EventBytes(4);
  ASSERT_TRUE(bytes.ok() && bytes->has_value());
  auto e = ledger::DecodeEvent(**bytes);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->version, 2);
  ASSERT_EQ(e->records.size(), 1u);
  EXPECT_EQ(e->records[0].table, "contracts");
  EXPECT_EQ(e->records[0].id, "C-1");
}

TEST_F(StateAuditTest, AHalvedWageIsNamed) {
  Seed();
  ASSERT_TRUE(Sql("UPDATE contracts SET doc = REPLACE(doc, '\"amount\":\"120.000\"', "
                  "'\"amount\":\"60.000\"') WHERE id = 'C-1'")
                  .ok());
  const AuditReport r = Audit();
  EXPECT_TRUE(r.ledger.ok) << r.ledger.problem;  // the ledger alone does not see it
  EXPECT_FALSE(r.state.ok());
  EXPECT_EQ(r.state.findings_total, 1u) << All(r);
  const std::string f = FindingOf(r, "contracts", "C-1");
  EXPECT_NE(f.find("the stored document is not the one event 4 recorded"), std::string::npos) << f;
  EXPECT_NE(f.find("the digest of its terms is not the one event 4 recorded"), std::string::npos)
      << f;
  EXPECT_EQ(f.find("60"), std::string::npos) << "no value of the record: " << f;
}

TEST_F(StateAuditTest, APermitEndMovedIsNamed) {
  Seed();
  const std::string until = permit_.valid_until.ToString();
  ASSERT_TRUE(Sql("UPDATE permits SET doc = REPLACE(doc, '\"valid_until\":\"" + until +
                  "\"', '\"valid_until\":\"2040-01-01\"') WHERE id = 'P-1'")
                  .ok());
  const AuditReport r = Audit();
  EXPECT_EQ(r.state.findings_total, 1u) << All(r);
  EXPECT_EQ(FindingOf(r, "permits", "P-1"), "the stored document is not the one event 5 recorded");
}

TEST_F(StateAuditTest, ANameChangedInDocumentAndColumnAlikeIsNamed) {
  Seed();
  ASSERT_TRUE(Sql("UPDATE workers SET doc = REPLACE(doc, 'THAPA', 'THAPPA'), "
                  "family_name = 'THAPPA' WHERE id = 'W-1'")
                  .ok());
  const AuditReport r = Audit();
  EXPECT_EQ(r.state.findings_total, 1u) << All(r);
  EXPECT_EQ(FindingOf(r, "workers", "W-1"), "the stored document is not the one event 2 recorded");
  EXPECT_EQ(All(r).find("THAP"), std::string::npos) << All(r);
}

TEST_F(StateAuditTest, ColumnsThatDisagreeWithTheDocumentAreNamed) {
  Seed();
  ASSERT_TRUE(Sql("UPDATE contracts SET state = 'draft', worker_id = 'W-1' WHERE id = 'C-1'").ok());
  ASSERT_TRUE(Sql("UPDATE workers SET passport_key = 'NPL:PX0000000' WHERE id = 'W-1'").ok());
  const AuditReport r = Audit();
  EXPECT_EQ(r.state.findings_total, 2u) << All(r);
  EXPECT_EQ(FindingOf(r, "contracts", "C-1"), "the column state disagrees with its document");
  EXPECT_EQ(FindingOf(r, "workers", "W-1"), "the column passport_key disagrees with its document");
}

TEST_F(StateAuditTest, ARowAddedByHandIsNamed) {
  Seed();
  ASSERT_TRUE(Sql("INSERT INTO workers (id, version, doc, passport_key, nationality, family_name, "
                  "updated_ms) SELECT 'W-2', 1, REPLACE(doc, '\"W-1\"', '\"W-2\"'), 'NPL:X', "
                  "nationality, family_name, updated_ms FROM workers WHERE id = 'W-1'")
                  .ok());
  const AuditReport r = Audit();
  EXPECT_EQ(r.state.findings_total, 1u) << All(r);
  EXPECT_EQ(FindingOf(r, "workers", "W-2"),
            "no ledger event records this document; the column passport_key disagrees with its "
            "document");
}

TEST_F(StateAuditTest, WritesOfARunningNodeDuringTheAuditAreNotSeenHalfWay) {
  Seed();
  // A record and its event committed after the ledger was read: outside the audit's snapshot,
  // so neither the event nor the row is seen (read apart, the row would name an unseen event).
  auto agency = domain::testing::SampleAgency();
  agency.id = AgencyId("A-2");
  agency.licence_number = "LATE/2081";
  auto r = store::Audit(*node_.store, [&] {
    Write([&](WriteTx& tx) -> Status {
      RETURN_IF_ERROR(tx.InsertAgency(agency));
      return tx.Record(domain::EventType::kAgencyRegistered, "A-2", json::Object());
    });
  });
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->ok()) << All(*r);
  EXPECT_EQ(r->ledger.events_checked, 6u);
  // The next audit sees both.
  const AuditReport after = Audit();
  EXPECT_TRUE(after.ok()) << All(after);
  EXPECT_EQ(after.ledger.events_checked, 7u);
}

TEST_F(StateAuditTest, ADeletedRowIsNamed) {
  Seed();
  ASSERT_TRUE(Sql("DELETE FROM permits WHERE id = 'P-1'").ok());
  const AuditReport r = Audit();
  EXPECT_EQ(r.state.findings_total, 1u) << All(r);
  EXPECT_EQ(FindingOf(r, "permits", "P-1"),
            "event 5 recorded this record, but its table holds no such record");
}

TEST_F(StateAuditTest, AnOlderVersionPutBackIsNamed) {
  Seed();
  // The contract as drafted (event 3), put back over the authenticated one with its event index.
  domain::Contract drafted = contract_;
  drafted.state = domain::ContractState::kDraft;
  drafted.attested_digest.clear();
  drafted.authenticated_digest.clear();
  auto conn = node_.store->database().Acquire();
  ASSERT_TRUE(conn.ok());
  ASSERT_TRUE((*conn)
                  ->Exec("UPDATE contracts SET doc = $1, state = 'draft', ledger_idx = 3 "
                         "WHERE id = 'C-1'",
                         {json::Write(codec::ToJson(drafted))})
                  .ok());
  const AuditReport r = Audit();
  EXPECT_EQ(r.state.findings_total, 1u) << All(r);
  EXPECT_EQ(FindingOf(r, "contracts", "C-1"),
            "the stored document is not the one event 4 recorded; its ledger_idx names event 3, "
            "but the last event that wrote it is 4");
}

TEST_F(StateAuditTest, TheLedgersIndexedColumnsAreCheckedAgainstTheEvents) {
  Seed();
  ASSERT_TRUE(Sql("UPDATE ledger_events SET subject = 'W-9' WHERE idx = 2").ok());
  ASSERT_TRUE(
      Sql("UPDATE ledger_events SET type = 'permit.cancelled', time_ms = 1 WHERE idx = 5").ok());
  const AuditReport r = Audit();
  EXPECT_TRUE(r.ledger.ok) << r.ledger.problem;
  EXPECT_EQ(r.state.findings_total, 2u) << All(r);
  EXPECT_EQ(FindingOf(r, "ledger_events", "2"),
            "the indexed column subject disagrees with the event");
  EXPECT_EQ(FindingOf(r, "ledger_events", "5"),
            "the indexed columns type, time_ms disagree with the event");
}

TEST_F(StateAuditTest, AnEditedLedgerLeavesTheStateUnchecked) {
  Seed();
  ASSERT_TRUE(Sql("DELETE FROM ledger_events WHERE idx = 1").ok());
  const AuditReport r = Audit();
  EXPECT_FALSE(r.ledger.ok);
  EXPECT_FALSE(r.state.checked);
  EXPECT_FALSE(r.ok());
}

TEST_F(StateAuditTest, ARecordWrittenWithoutAnEventIsRefusedAndNothingIsKept) {
  Seed();
  domain::Worker w = domain::testing::SampleWorker();
  w.id = WorkerId("W-2");
  w.passport.number = "PA7654321";
  Status s = node_.store->Write("U-test", [&](WriteTx& tx) { return tx.InsertWorker(w); });
  EXPECT_EQ(s.code(), Code::kInternal);
  EXPECT_NE(s.detail().find("workers W-2"), std::string::npos) << s.detail();
  // Written after the transaction's last event: refused too.
  s = node_.store->Write("U-test", [&](WriteTx& tx) -> Status {
    RETURN_IF_ERROR(tx.Record(domain::EventType::kWorkerRegistered, "W-2", json::Object()));
    return tx.InsertWorker(w);
  });
  EXPECT_EQ(s.code(), Code::kInternal);
  s = node_.store->Read([&](ReadTx& tx) { return tx.GetWorker(w.id).status(); });
  EXPECT_EQ(s.code(), Code::kNotFound);
  const AuditReport r = Audit();
  EXPECT_TRUE(r.ok()) << All(r);
  EXPECT_EQ(r.ledger.events_checked, 6u);
}

TEST_F(StateAuditTest, OnlyListedTablesAreWritten) {
  Status s = node_.store->Write("U-test", [&](WriteTx& tx) -> Status {
    RETURN_IF_ERROR(tx.InsertDocument("meta", "x", json::Object(), {}));
    return tx.Record(domain::EventType::kOccupationSet, "x", json::Object());
  });
  EXPECT_EQ(s.code(), Code::kInternal);
}

TEST_F(StateAuditTest, OneEventCarriesEveryRecordWrittenBeforeIt) {
  Write([&](WriteTx& tx) -> Status {
    RETURN_IF_ERROR(tx.InsertEmployer(domain::testing::SampleEmployer()));
    RETURN_IF_ERROR(tx.InsertWorker(domain::testing::SampleWorker()));
    domain::Worker w = domain::testing::SampleWorker();
    w.given_names_latin = "SITA";
    RETURN_IF_ERROR(tx.UpdateWorker(w));  // written twice: carried once, as last written
    return tx.Record(domain::EventType::kFederationReceived, "E-1", json::Object());
  });
  auto bytes = node_.store->EventBytes(0);
  ASSERT_TRUE(bytes.ok() && bytes->has_value());
  auto e = ledger::DecodeEvent(**bytes);
  ASSERT_TRUE(e.ok());
  ASSERT_EQ(e->records.size(), 2u);
  EXPECT_EQ(e->records[0].table, "employers");
  EXPECT_EQ(e->records[1].table, "workers");
  const AuditReport r = Audit();
  EXPECT_TRUE(r.ok()) << All(r);
  EXPECT_EQ(r.state.records_verified, 2u);
}

TEST_F(StateAuditTest, TheReadPathChecksTheContractItServes) {
  Seed();
  EXPECT_TRUE(CheckC1().ok) << CheckC1().problem;
  ASSERT_TRUE(Sql("UPDATE contracts SET doc = REPLACE(doc, '\"amount\":\"120.000\"', "
                  "'\"amount\":\"60.000\"') WHERE id = 'C-1'")
                  .ok());
  EXPECT_EQ(CheckC1().problem,
            "the stored document is not the one event 4 recorded; the digest of its terms is not "
            "the one event 4 recorded");
}

TEST_F(StateAuditTest, TheReadPathChecksColumnsAndLaterVersions) {
  Seed();
  // The access decision is made on these columns: the embassy of origin_country sees it.
  ASSERT_TRUE(Sql("UPDATE contracts SET origin_country = 'PHL' WHERE id = 'C-1'").ok());
  EXPECT_EQ(CheckC1().problem, "the column origin_country disagrees with its document");
  ASSERT_TRUE(Sql("UPDATE contracts SET origin_country = 'NPL' WHERE id = 'C-1'").ok());
  EXPECT_TRUE(CheckC1().ok) << CheckC1().problem;
  // The drafted version (event 3) put back with its index: event 4 carries a later one.
  domain::Contract drafted = contract_;
  drafted.state = domain::ContractState::kDraft;
  drafted.attested_digest.clear();
  drafted.authenticated_digest.clear();
  auto conn = node_.store->database().Acquire();
  ASSERT_TRUE(conn.ok());
  ASSERT_TRUE((*conn)
                  ->Exec("UPDATE contracts SET doc = $1, state = 'draft', ledger_idx = 3 "
                         "WHERE id = 'C-1'",
                         {json::Write(codec::ToJson(drafted))})
                  .ok());
  EXPECT_EQ(CheckC1().problem, "event 4 recorded a later version");
  // Without a ledger_idx, any version 2 event that carries it gives it away.
  ASSERT_TRUE(Sql("UPDATE contracts SET ledger_idx = NULL WHERE id = 'C-1'").ok());
  EXPECT_EQ(CheckC1().problem, "its ledger_idx is empty, but event 3 recorded it");
}

TEST_F(StateAuditTest, NoChangeIsBuiltOnAnEditedRecord) {
  Seed();
  ASSERT_TRUE(Sql("UPDATE permits SET doc = REPLACE(doc, '\"status\":\"active\"', "
                  "'\"status\":\"active\" ') WHERE id = 'P-1'")
                  .ok());
  Status s = node_.store->Write("U-test", [&](WriteTx& tx) -> Status {
    permit_.status_reason = "changed";
    RETURN_IF_ERROR(tx.UpdatePermit(permit_));
    return tx.Record(domain::EventType::kPermitCancelled, "P-1", codec::ToJson(permit_));
  });
  EXPECT_EQ(s.code(), Code::kDataLoss) << s.ToString();
  EXPECT_EQ(s.message(),
            "permits record P-1 does not agree with the node's ledger; the change "
            "was not made");
  const AuditReport r = Audit();
  EXPECT_EQ(r.ledger.events_checked, 6u);  // nothing recorded
  EXPECT_EQ(FindingOf(r, "permits", "P-1"), "the stored document is not the one event 5 recorded");
}

// A ledger begun by an older node: version 1 events, rows without ledger_idx.
class LegacyStateAuditTest : public StateAuditTest {
 protected:
  // Appends a version 1 event as an older node did: its row, its leaf hash and Merkle nodes.
  void AppendV1(ledger::CompactTree& tree, const std::string& type, const std::string& subject,
                json::Value data) {
    ledger::Event e;
    e.version = 1;
    e.index = tree.size();
    e.time = node_.clock->Now();
    e.node_id = "node-kw";
    e.type = type;
    e.subject = subject;
    e.actor = "system";
    e.data = std::move(data);
    const std::string bytes = ledger::EncodeEvent(e);
    const ledger::Hash leaf = ledger::LeafHash(bytes);
    auto conn = node_.store->database().Acquire();
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE((*conn)
                    ->Exec("INSERT INTO ledger_events (idx, leaf_hash, event, type, subject, "
                           "time_ms) VALUES ($1, $2, $3, $4, $5, $6)",
                           {static_cast<int64_t>(e.index), Param::Blob(leaf),
                            Param::Blob(AsBytes(bytes)), e.type, e.subject, e.time.millis()})
                    .ok());
    std::vector<ledger::NodeRecord> completed;
    tree.Append(leaf, &completed);
    for (const auto& n : completed) {
      if (n.level == 0) continue;
      ASSERT_TRUE((*conn)
                      ->Exec("INSERT INTO ledger_nodes (level, idx, hash) VALUES ($1, $2, $3)",
                             {static_cast<int64_t>(n.level), static_cast<int64_t>(n.index),
                              Param::Blob(n.hash)})
                      .ok());
    }
    ASSERT_TRUE((*conn)
                    ->Exec("UPDATE ledger_state SET size = $1 WHERE id = 1",
                           {static_cast<int64_t>(tree.size())})
                    .ok());
    node_.clock->Advance(1000);
  }

  // The records of Seed() as an older node left them: the rows without ledger_idx, the events
  // version 1.
  void SeedLegacy() {
    Seed();
    ASSERT_TRUE(Sql("DELETE FROM ledger_heads").ok());
    ASSERT_TRUE(Sql("DELETE FROM ledger_nodes").ok());
    ASSERT_TRUE(Sql("DELETE FROM ledger_events").ok());
    ASSERT_TRUE(Sql("UPDATE ledger_state SET size = 0").ok());
    for (const char* t : {"employers", "agencies", "workers", "contracts", "permits"}) {
      ASSERT_TRUE(Sql(std::string("UPDATE ") + t + " SET ledger_idx = NULL").ok());
    }
    ledger::CompactTree tree;
    AppendV1(tree, "employer.registered", "E-1", json::Object());
    AppendV1(tree, "agency.registered", "A-1", json::Object());
    AppendV1(tree, "worker.registered", "W-1", json::Object());
    domain::Contract drafted = contract_;
    drafted.state = domain::ContractState::kDraft;
    AppendV1(tree, "contract.drafted", "C-1", ContractData(drafted));
    AppendV1(tree, "contract.authenticated", "C-1", ContractData(contract_));
    AppendV1(tree, "permit.issued", "P-1", codec::ToJson(permit_));
    ASSERT_TRUE(node_.Reopen().ok());
    ASSERT_TRUE(node_.store->SignHead().ok());
  }
};

TEST_F(LegacyStateAuditTest, OldRecordsAreUnverifiableNotTampered) {
  SeedLegacy();
  const AuditReport r = Audit();
  EXPECT_TRUE(r.ledger.ok) << r.ledger.problem;
  EXPECT_TRUE(r.state.ok()) << All(r);
  EXPECT_EQ(r.state.records_checked, 5u);
  EXPECT_EQ(r.state.records_unverifiable, 5u);
  EXPECT_EQ(r.state.records_verified, 0u);
}

TEST_F(LegacyStateAuditTest, AnOldContractsTermsAreStillCheckedAgainstTheirDigest) {
  SeedLegacy();
  ASSERT_TRUE(Sql("UPDATE contracts SET doc = REPLACE(doc, '\"amount\":\"120.000\"', "
                  "'\"amount\":\"60.000\"') WHERE id = 'C-1'")
                  .ok());
  const AuditReport r = Audit();
  EXPECT_EQ(r.state.findings_total, 1u) << All(r);
  EXPECT_EQ(FindingOf(r, "contracts", "C-1"),
            "the digest of its terms is not the one event 4 recorded");
}

TEST_F(LegacyStateAuditTest, TheReadPathChecksAnOldContractsTermsAgainstTheirDigest) {
  SeedLegacy();
  EXPECT_TRUE(CheckC1().ok) << CheckC1().problem;
  ASSERT_TRUE(Sql("UPDATE contracts SET doc = REPLACE(doc, '\"amount\":\"120.000\"', "
                  "'\"amount\":\"60.000\"') WHERE id = 'C-1'")
                  .ok());
  EXPECT_EQ(CheckC1().problem, "the digest of its terms is not the one event 4 recorded");
}

TEST_F(LegacyStateAuditTest, AnOldRecordChangedAgainIsCheckedInFull) {
  SeedLegacy();
  Write([&](WriteTx& tx) -> Status {
    permit_.status_reason = "checked";
    RETURN_IF_ERROR(tx.UpdatePermit(permit_));
    return tx.Record(domain::EventType::kPermitCancelled, "P-1", codec::ToJson(permit_));
  });
  AuditReport r = Audit();
  EXPECT_TRUE(r.state.ok()) << All(r);
  EXPECT_EQ(r.state.records_verified, 1u);
  EXPECT_EQ(r.state.records_unverifiable, 4u);
  ASSERT_TRUE(Sql("UPDATE permits SET doc = REPLACE(doc, 'checked', 'changed')").ok());
  r = Audit();
  EXPECT_EQ(FindingOf(r, "permits", "P-1"), "the stored document is not the one event 6 recorded");
}

}  // namespace
}  // namespace corridor::store
