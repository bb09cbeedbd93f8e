// A contract edited in the database behind the node's back, as seen through the API: never
// presented as attested or authenticated (the read, the printable document, the public check),
// the integrity alarm raised for the administrator (metric, ledger event, notification, log),
// and no change built on it. On both backends.
#include <gtest/gtest.h>

#include <mutex>

#include "core/log.hpp"
#include "domain/testing.hpp"
#include "http/testing.hpp"

namespace corridor::http {
namespace {

using domain::Role;
using domain::testing::D;

class ApiIntegrityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto api = testing::TestApi::Create("KWT", *Timestamp::Parse("2026-11-29T08:00:00Z"));
    ASSERT_TRUE(api.ok()) << api.status().ToString() << " " << api.status().detail();
    t_ = std::move(*api);
    auto& reg = *t_->registry;
    ASSERT_TRUE(service::testing::SeedReferenceData(reg).ok());
    const domain::Actor sys = domain::SystemActor();
    domain::Employer e = domain::testing::SampleEmployer();
    e.id = EmployerId();
    e1_ = reg.RegisterEmployer(sys, e)->id;
    domain::Worker w = domain::testing::SampleWorker();
    w.id = WorkerId();
    w1_ = reg.RegisterWorker(sys, w)->id;
    w.passport.number = "PA7654321";
    w.given_names_latin = "RITA";
    w2_ = reg.RegisterWorker(sys, w)->id;
    auto terms = [&](WorkerId worker) {
      domain::ContractTerms t = domain::testing::SampleTerms();
      t.worker = std::move(worker);
      t.employer = e1_;
      t.agency.reset();
      t.languages = {"ne", "en"};
      t.start_date = D("2026-12-01");
      return t;
    };
    // C1: Sita's, active. C2: Rita's, authenticated.
    for (auto [worker, contract, permit] :
         {std::tuple{w1_, &c1_, true}, std::tuple{w2_, &c2_, false}}) {
      *contract = reg.DraftContract(sys, terms(worker))->id;
      ASSERT_TRUE(reg.OfferContract(sys, *contract).ok());
      ASSERT_TRUE(reg.AcceptContract(sys, *contract).ok());
      ASSERT_TRUE(reg.AttestContract(sys, *contract).ok());
      ASSERT_TRUE(reg.AuthenticateContract(sys, *contract, std::nullopt).ok());
      if (permit) {
        ASSERT_TRUE(reg.IssuePermit(sys, *contract).ok());
      }
    }
    for (auto [name, role, worker] :
         {std::tuple{"admin", Role::kAdministrator, std::optional<WorkerId>()},
          std::tuple{"dest", Role::kDestinationOfficer, std::optional<WorkerId>()},
          std::tuple{"worker1", Role::kWorker, std::optional<WorkerId>(w1_)},
          std::tuple{"worker2", Role::kWorker, std::optional<WorkerId>(w2_)}}) {
      auto token =
          t_->NewAccount(role, name, worker ? "" : "KWT", std::nullopt, std::nullopt, worker);
      ASSERT_TRUE(token.ok()) << name << ": " << token.status().ToString();
      tokens_[name] = *token;
    }
  }

  void TearDown() override { log::SetSink({}); }

  Response Get(const std::string& who, const std::string& target) {
    return t_->Call("GET", target, who.empty() ? "" : tokens_.at(who));
  }

  void Sql(const std::string& sql) {
    auto conn = t_->node.store->database().Acquire();
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE((*conn)->ExecScript(sql).ok()) << sql;
  }

  // Halves the wage in the contract's stored document, as someone with the database's password.
  void HalveTheWage(const ContractId& c) {
    Sql("UPDATE contracts SET doc = REPLACE(doc, '\"amount\":\"120.000\"', "
        "'\"amount\":\"60.000\"') WHERE id = '" +
        c.value() + "'");
  }

  uint64_t LedgerSize() {
    uint64_t n = 0;
    EXPECT_TRUE(t_->node.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(n, tx.LedgerSize());
                      return Status::Ok();
                    })
                    .ok());
    return n;
  }

  std::unique_ptr<testing::TestApi> t_;
  EmployerId e1_;
  WorkerId w1_, w2_;
  ContractId c1_, c2_;
  std::map<std::string, std::string> tokens_;
};

TEST_F(ApiIntegrityTest, AnEditedContractIsNotPresentedAndRaisesTheAlarm) {
  const std::string read = "/api/v1/contracts/" + c1_.value();
  ASSERT_EQ(Get("worker1", read).status, 200);
  json::Value check = testing::TestApi::Body(Get("", "/verify/" + c1_.value() + "?format=json"));
  EXPECT_EQ(check.Get("integrity")->AsString(), "verified");
  EXPECT_TRUE(check.Get("authenticated")->AsBool());

  std::mutex mu;
  std::vector<std::string> lines;
  log::SetSink([&](std::string_view line) {
    std::lock_guard lock(mu);
    lines.emplace_back(line);
  });
  HalveTheWage(c1_);

  // The contract read: refused, saying why, with nothing of the stored contract.
  for (const char* who : {"worker1", "dest"}) {
    Response r = Get(who, read);
    EXPECT_EQ(r.status, 500) << who;
    EXPECT_EQ(r.content_type, "application/problem+json");
    const json::Value p = testing::TestApi::Body(r);
    EXPECT_EQ(p.Get("type")->AsString(), "/problems/data-loss");
    EXPECT_NE(p.Get("detail")->AsString().find("is not presented"), std::string::npos);
    EXPECT_NE(p.Get("detail")->AsString().find("attested or authenticated"), std::string::npos);
    EXPECT_EQ(r.body.find("60.000"), std::string::npos);
    EXPECT_EQ(r.body.find("THAPA"), std::string::npos);
  }
  // A reader the contract is not for learns nothing new.
  EXPECT_EQ(Get("worker2", read).status, 404);
  // The printable document.
  Response doc = Get("worker1", read + "/document");
  EXPECT_EQ(doc.status, 500);
  EXPECT_EQ(doc.body.find("60.000"), std::string::npos);
  // The public check.
  Response pub = Get("", "/verify/" + c1_.value() + "?format=json");
  EXPECT_EQ(pub.status, 200);
  check = testing::TestApi::Body(pub);
  EXPECT_TRUE(check.Get("registered")->AsBool());
  EXPECT_EQ(check.Get("integrity")->AsString(), "mismatch");
  EXPECT_FALSE(check.Get("attested")->AsBool());
  EXPECT_FALSE(check.Get("authenticated")->AsBool());
  EXPECT_FALSE(check.Get("in_force")->AsBool());
  EXPECT_EQ(check.Get("state"), nullptr);
  EXPECT_EQ(check.Get("digest"), nullptr);
  Response page = Get("", "/verify/" + c1_.value());
  EXPECT_NE(page.body.find("data-integrity=\"mismatch\""), std::string::npos);
  EXPECT_NE(page.body.find("cannot be confirmed as attested or authenticated"), std::string::npos);
  EXPECT_EQ(page.body.find("<dt>Authenticated"), std::string::npos);
  // The other contract is untouched and still presented.
  EXPECT_EQ(Get("worker2", "/api/v1/contracts/" + c2_.value()).status, 200);
  EXPECT_EQ(testing::TestApi::Body(Get("", "/verify/" + c2_.value() + "?format=json"))
                .Get("integrity")
                ->AsString(),
            "verified");

  // The alarm: the metric counted each refusal (two reads, the stranger's read, the document,
  // the public check twice), with the one fixed label.
  const std::string metrics = Get("", "/metrics").body;
  EXPECT_NE(metrics.find("# TYPE corridor_integrity_alarms_total counter\n"
                         "corridor_integrity_alarms_total{record=\"certificate\"} 0\n"
                         "corridor_integrity_alarms_total{record=\"clearance\"} 0\n"
                         "corridor_integrity_alarms_total{record=\"contract\"} 6\n"),
            std::string::npos)
      << metrics;
  // One notification for the administrators, and one ledger event, however often it was read.
  Response notes = Get("admin", "/api/v1/notifications");
  ASSERT_EQ(notes.status, 200);
  const json::Value items = *testing::TestApi::Body(notes).Get("items");
  ASSERT_EQ(items.AsArray().size(), 1u) << notes.body;
  const json::Value& n = items.AsArray()[0];
  EXPECT_EQ(n.Get("type")->AsString(), "integrity.alarm");
  EXPECT_EQ(n.Get("subject")->AsString(), c1_.value());
  EXPECT_EQ(n.Get("data")->Get("table")->AsString(), "contracts");
  EXPECT_NE(n.Get("data")->Get("problem")->AsString().find("is not the one event"),
            std::string::npos);
  for (const char* personal : {"THAPA", "SITA", "PA1234567", "60.000", "120.000"}) {
    EXPECT_EQ(notes.body.find(personal), std::string::npos) << personal;
  }
  int alarms = 0;
  ASSERT_TRUE(t_->node.store
                  ->Read([&](store::ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto events, tx.History(c1_.value(), 1000));
                    for (const auto& e : events) {
                      alarms += e.Get("type")->AsString() == "integrity.alarm_raised";
                    }
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(alarms, 1);
  // The log names the record, never its data.
  log::SetSink({});
  std::lock_guard lock(mu);
  int logged = 0;
  for (const auto& l : lines) {
    if (l.find("event=integrity.alarm ") != std::string::npos &&
        l.find("record=" + c1_.value()) != std::string::npos) {
      ++logged;
    }
    for (const char* personal : {"THAPA", "SITA", "PA1234567", "60.000"}) {
      EXPECT_EQ(l.find(personal), std::string::npos) << l;
    }
  }
  EXPECT_EQ(logged, 6);
  // And the audit names it.
  EXPECT_NE(store::testing::AuditProblems(*t_->node.store)
                .find("contracts " + c1_.value() + ": the stored document is not the one event"),
            std::string::npos);
}

TEST_F(ApiIntegrityTest, AChangeIsNeverBuiltOnAnEditedRecord) {
  HalveTheWage(c2_);
  const uint64_t size = LedgerSize();
  Response r = t_->Call("POST", "/api/v1/contracts/" + c2_.value() + "/permit", tokens_.at("dest"));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(testing::TestApi::Body(r).Get("type")->AsString(), "/problems/data-loss");
  EXPECT_EQ(LedgerSize(), size);  // nothing recorded, no permit issued
  EXPECT_EQ(Get("worker2", "/api/v1/permits").body.find("P-"), std::string::npos);
}

TEST_F(ApiIntegrityTest, EditedColumnsAndOlderVersionsAreCaughtToo) {
  // The state column alone: the access decision and the allowed actions are made on it.
  Sql("UPDATE contracts SET state = 'accepted' WHERE id = '" + c1_.value() + "'");
  EXPECT_EQ(Get("worker1", "/api/v1/contracts/" + c1_.value()).status, 500);
  Sql("UPDATE contracts SET state = 'active' WHERE id = '" + c1_.value() + "'");
  EXPECT_EQ(Get("worker1", "/api/v1/contracts/" + c1_.value()).status, 200);
  // The document and ledger_idx of an older version put back together.
  std::string old_doc;
  int64_t old_idx = 0;
  ASSERT_TRUE(t_->node.store
                  ->Read([&](store::ReadTx& tx) -> Status {
                    return tx.conn().Query("SELECT doc, ledger_idx FROM contracts WHERE id = $1",
                                           {c2_.value()}, [&](const store::Row& row) {
                                             old_doc = row.String(0);
                                             old_idx = row.Int(1);
                                             return Status::Ok();
                                           });
                  })
                  .ok());
  ASSERT_TRUE(t_->registry->IssuePermit(domain::SystemActor(), c2_).ok());  // a later version
  auto conn = t_->node.store->database().Acquire();
  ASSERT_TRUE(conn.ok());
  ASSERT_TRUE((*conn)
                  ->Exec("UPDATE contracts SET doc = $1, ledger_idx = $2, state = 'authenticated' "
                         "WHERE id = $3",
                         {old_doc, old_idx, c2_.value()})
                  .ok());
  Response r = Get("worker2", "/api/v1/contracts/" + c2_.value());
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(testing::TestApi::Body(Get("", "/verify/" + c2_.value() + "?format=json"))
                .Get("integrity")
                ->AsString(),
            "mismatch");
}

}  // namespace
}  // namespace corridor::http
