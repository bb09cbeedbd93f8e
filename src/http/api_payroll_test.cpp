// The payroll routes driven through Api::Handle for every role, on both backends.
#include <gtest/gtest.h>

#include "http/testing.hpp"
#include "store/payroll_store.hpp"

namespace corridor::http {
namespace {

using domain::Role;
using domain::testing::D;

// A Kuwaiti node: employer E1 (establishment number 1000000000001) with two Nepali workers under
// active contracts from 2026-12-01 (120 KWD basic, 15 KWD food), employer E2, and an account for
// every role.
class PayrollApiTest : public ::testing::Test {
 protected:
  // Whatever a test wrote through the API, the state agrees with the ledger afterwards.
  void TearDown() override {
    if (t_ && t_->node.store) {
      EXPECT_EQ(store::testing::AuditProblems(*t_->node.store), "");
    }
  }

  void SetUp() override {
    auto api = testing::TestApi::Create("KWT", *Timestamp::Parse("2026-11-29T08:00:00Z"));
    ASSERT_TRUE(api.ok()) << api.status().ToString();
    t_ = std::move(*api);
    auto& reg = *t_->registry;
    ASSERT_TRUE(service::testing::SeedReferenceData(reg).ok());
    const domain::Actor sys = domain::SystemActor();
    domain::Employer e = domain::testing::SampleEmployer();
    e.id = EmployerId();
    e.registration_number = "1000000000001";
    e1_ = reg.RegisterEmployer(sys, e)->id;
    e.registration_number = "1000000000002";
    e.name = "Al Noor Cleaning Co.";
    e2_ = reg.RegisterEmployer(sys, e)->id;
    domain::Agency ag = domain::testing::SampleAgency();
    ag.id = AgencyId();
    const AgencyId a1 = reg.RegisterAgency(sys, ag)->id;
    domain::Worker w = domain::testing::SampleWorker();
    w.id = WorkerId();
    w1_ = reg.RegisterWorker(sys, w)->id;
    w.passport.number = "PA7654321";
    w2_ = reg.RegisterWorker(sys, w)->id;
    w.passport = {"P1234567A", "PHL", D("2030-01-01")};
    w.nationality = "PHL";
    w.preferred_language = "tl";
    w3_ = reg.RegisterWorker(sys, w)->id;
    for (const auto& [worker, origin] :
         std::vector<std::pair<WorkerId, std::string>>{{w1_, "NPL"}, {w2_, "NPL"}, {w3_, "PHL"}}) {
      domain::ContractTerms t = domain::testing::SampleTerms();
      t.worker = worker;
      t.employer = e1_;
      t.agency = origin == "NPL" ? std::optional<AgencyId>(a1) : std::nullopt;
      t.origin_country = origin;
      t.languages = {origin == "NPL" ? "ne" : "tl", "en"};
      t.start_date = D("2026-12-01");
      auto c = reg.DraftContract(sys, t);
      ASSERT_TRUE(c.ok()) << c.status().ToString();
      ASSERT_TRUE(reg.OfferContract(sys, c->id).ok());
      ASSERT_TRUE(reg.AcceptContract(sys, c->id).ok());
      auto attested = reg.AttestContract(sys, c->id);
      ASSERT_TRUE(attested.ok()) << attested.status().ToString();
      ASSERT_TRUE(reg.AuthenticateContract(sys, c->id, std::nullopt).ok());
      auto permit = reg.IssuePermit(sys, c->id);
      ASSERT_TRUE(permit.ok()) << permit.status().ToString();
      persons_.push_back(permit->person_number);
    }
    // The month's payroll comes in after it ends; accounts log in then.
    t_->node.clock->Set(*Timestamp::Parse("2027-01-05T08:00:00Z"));
    auto make = [&](const char* name, Role role, const std::string& country,
                    std::optional<EmployerId> emp = std::nullopt,
                    std::optional<WorkerId> worker = std::nullopt) {
      auto token =
          t_->NewAccount(role, name, country, std::move(emp), std::nullopt, std::move(worker));
      ASSERT_TRUE(token.ok()) << name << ": " << token.status().ToString();
      tokens_[name] = *token;
    };
    make("admin", Role::kAdministrator, "KWT");
    make("dest", Role::kDestinationOfficer, "KWT");
    make("embassy-np", Role::kEmbassy, "NPL");
    make("embassy-ph", Role::kEmbassy, "PHL");
    make("employer1", Role::kEmployer, "", e1_);
    make("employer2", Role::kEmployer, "", e2_);
    make("worker1", Role::kWorker, "", std::nullopt, w1_);
    make("worker2", Role::kWorker, "", std::nullopt, w2_);
    make("worker3", Role::kWorker, "", std::nullopt, w3_);
    make("border", Role::kBorderOfficer, "KWT");
    make("analyst", Role::kAnalyst, "KWT");
  }

  // E1's December SIF: W1 paid `pay1`, W2 paid in full, W3 (Filipino) paid `pay3`.
  std::string Sif(const std::string& pay1, const std::string& pay3, const std::string& total,
                  const std::string& employer = "1000000000001") {
    std::string s;
    const std::string pays[] = {pay1, "135.000", pay3};
    for (int i = 0; i < 3; ++i) {
      s += "EDR," + persons_[static_cast<size_t>(i)] + ",803510106,1234,2026-12-01,2026-12-31,31," +
           pays[i] + ",0,0\n";
    }
    return s + "SCR," + employer + ",302210101,2027-01-04,0900,122026,3," + total + ",KWD,\n";
  }

  Response Upload(const std::string& who, const std::string& content,
                  const std::string& query = "?month=2026-12&paid_on=2027-01-04") {
    Request r;
    r.method = "POST";
    r.target = "/api/v1/payroll/files" + query;
    r.body = content;
    r.remote_address = "127.0.0.1";
    r.headers.push_back({"Authorization", "Bearer " + tokens_.at(who)});
    r.headers.push_back({"Content-Type", "text/csv"});
    return t_->api->Handle(r);
  }

  Response Get(const std::string& who, const std::string& target) {
    return t_->Call("GET", target, tokens_.at(who));
  }

  uint64_t LedgerSize() {
    uint64_t size = 0;
    EXPECT_TRUE(t_->node.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(size, tx.LedgerSize());
                      return Status::Ok();
                    })
                    .ok());
    return size;
  }

  std::unique_ptr<testing::TestApi> t_;
  EmployerId e1_, e2_;
  WorkerId w1_, w2_, w3_;
  std::vector<std::string> persons_;
  std::map<std::string, std::string> tokens_;
};

TEST_F(PayrollApiTest, AnEmployerUploadsItsFileAndSeesItsFindings) {
  Response r = Upload("employer1", Sif("100.000", "130.000", "365.000"));
  ASSERT_EQ(r.status, 201) << r.body;
  json::Value body = testing::TestApi::Body(r);
  const std::string id = body["file"]["id"].AsString();
  EXPECT_EQ(r.header("Location"), "/api/v1/payroll/files/" + id);
  EXPECT_EQ(body["file"]["format"].AsString(), "sif");
  EXPECT_EQ(body["file"]["version"].AsNumber(), 1);
  EXPECT_EQ(body["file"]["lines"].AsNumber(), 3);
  ASSERT_EQ(body["findings"].AsArray().size(), 2u);
  // Who sees what of the file.
  const std::string url = "/api/v1/payroll/files/" + id;
  const std::map<std::string, int> want = {
      {"employer1", 200},  {"employer2", 404}, {"dest", 200},    {"embassy-np", 200},
      {"embassy-ph", 200}, {"worker1", 200},   {"worker2", 200}, {"worker3", 200},
      {"admin", 404},      {"border", 404},    {"analyst", 404}};
  for (const auto& [who, status] : want) EXPECT_EQ(Get(who, url).status, status) << who;
  auto findings = [&](const std::string& who) {
    return testing::TestApi::Body(Get(who, url))["findings"].AsArray().size();
  };
  auto lines = [&](const std::string& who) {
    return testing::TestApi::Body(Get(who, url))["lines"].AsArray().size();
  };
  EXPECT_EQ(findings("employer1"), 2u);
  EXPECT_EQ(findings("dest"), 2u);
  EXPECT_EQ(lines("dest"), 3u);
  EXPECT_EQ(findings("embassy-np"), 1u);  // W1's; W3 is Filipino
  EXPECT_EQ(findings("embassy-ph"), 1u);
  // A worker sees only their own line: expected against paid.
  json::Value mine = testing::TestApi::Body(Get("worker1", url));
  ASSERT_EQ(mine["findings"].AsArray().size(), 1u);
  EXPECT_EQ(mine["findings"].AsArray()[0]["worker"].AsString(), w1_.value());
  EXPECT_EQ(mine["findings"].AsArray()[0]["code"].AsString(), "partial");
  ASSERT_EQ(mine["lines"].AsArray().size(), 1u);
  EXPECT_EQ(mine["lines"].AsArray()[0]["expected"].AsString(), "135.000");
  EXPECT_EQ(mine["lines"].AsArray()[0]["paid"].AsString(), "100.000");
  EXPECT_EQ(findings("worker2"), 0u);
  EXPECT_EQ(lines("worker2"), 1u);
  // Lists: the employer its own, the authority all, others nothing.
  EXPECT_EQ(
      testing::TestApi::Body(Get("employer1", "/api/v1/payroll/files"))["items"].AsArray().size(),
      1u);
  EXPECT_EQ(
      testing::TestApi::Body(Get("employer2", "/api/v1/payroll/files"))["items"].AsArray().size(),
      0u);
  EXPECT_EQ(testing::TestApi::Body(
                Get("employer2", "/api/v1/payroll/files?employer=" + e1_.value()))["items"]
                .AsArray()
                .size(),
            0u);
  EXPECT_EQ(Get("dest", "/api/v1/payroll/files?month=2026-12").status, 200);
  EXPECT_EQ(Get("dest", "/api/v1/payroll/files?month=2026-13").status, 422);
  EXPECT_EQ(Get("worker1", "/api/v1/payroll/files").status, 403);
  EXPECT_EQ(Get("embassy-np", "/api/v1/payroll/files").status, 403);
}

TEST_F(PayrollApiTest, AnEmployerCannotUploadForAnotherNorSeeItsFindings) {
  const uint64_t before = LedgerSize();
  Response r = Upload("employer2", Sif("135.000", "135.000", "405.000"));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(testing::TestApi::Body(r)["field"].AsString(), "employer_id");
  EXPECT_EQ(Upload("dest", Sif("135.000", "135.000", "405.000")).status, 403);
  EXPECT_EQ(Upload("worker1", Sif("135.000", "135.000", "405.000")).status, 403);
  EXPECT_EQ(LedgerSize(), before);
  ASSERT_EQ(Upload("employer1", Sif("100.000", "135.000", "370.000")).status, 201);
  EXPECT_EQ(Get("employer2", "/api/v1/employers/" + e1_.value() + "/compliance").status, 404);
  EXPECT_EQ(Get("employer1", "/api/v1/employers/" + e1_.value() + "/compliance").status, 200);
  EXPECT_EQ(Get("worker1", "/api/v1/employers/" + e1_.value() + "/compliance").status, 404);
  json::Value c =
      testing::TestApi::Body(Get("dest", "/api/v1/employers/" + e1_.value() + "/compliance"));
  ASSERT_EQ(c["months"].AsArray().size(), 1u);
  EXPECT_EQ(c["months"].AsArray()[0]["workers_short"].AsNumber(), 1);
  EXPECT_EQ(c["months"].AsArray()[0]["shortfall"]["KWD"].AsString(), "35.000");
  EXPECT_EQ(c["months"].AsArray()[0]["findings"]["partial"].AsNumber(), 1);
}

TEST_F(PayrollApiTest, BadFilesGivePreciseErrorsAndChangeNothing) {
  const uint64_t before = LedgerSize();
  struct Case {
    std::string content;
    std::string query;
    int status;
    std::string field;
    std::string detail_starts;
  };
  const std::vector<Case> cases = {
      {Sif("135.000", "135.000", "405.001"), "?month=2026-12&paid_on=2027-01-04", 422,
       "total_salary", "line 4: total_salary"},
      {Sif("135.00x", "135.000", "405.000"), "?month=2026-12&paid_on=2027-01-04", 422,
       "fixed_income", "line 1: fixed_income"},
      {Sif("135.000", "135.000", "405.000"), "?month=2027-01&paid_on=2027-01-04", 422, "", ""},
      {Sif("135.000", "135.000", "405.000"), "?paid_on=2027-01-04", 422, "month", ""},
      {Sif("135.000", "135.000", "405.000"), "?month=2026-12", 422, "paid_on", ""},
      {Sif("135.000", "135.000", "405.000"), "?month=2026-12&paid_on=04/01/2027", 422, "paid_on",
       ""},
      {Sif("135.000", "135.000", "405.000"), "?month=2026-12&paid_on=2027-01-04&currency=XXX", 422,
       "currency", ""},
      {"", "?month=2026-12&paid_on=2027-01-04", 422, "file", "line 1"},
      {"contract_ref,worker_id,bogus\n", "?month=2026-12", 422, "", ""},
  };
  for (const auto& c : cases) {
    Response r = Upload("employer1", c.content, c.query);
    EXPECT_EQ(r.status, c.status) << c.query << " " << r.body;
    json::Value p = testing::TestApi::Body(r);
    if (!c.field.empty()) {
      EXPECT_EQ(p["field"].AsString(), c.field) << r.body;
    }
    EXPECT_EQ(p["detail"].AsString().rfind(c.detail_starts, 0), 0u) << r.body;
  }
  // Too large: refused before it is read.
  Response big = Upload("employer1", std::string((32 << 20) + 1, 'x'));
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(LedgerSize(), before);
  EXPECT_EQ(testing::TestApi::Body(Get("dest", "/api/v1/payroll/files"))["items"].AsArray().size(),
            0u);
}

TEST_F(PayrollApiTest, AReUploadKeepsBothVersionsInTheLedger) {
  Response first = Upload("employer1", Sif("100.000", "135.000", "370.000"));
  ASSERT_EQ(first.status, 201) << first.body;
  Response second = Upload("employer1", Sif("135.000", "135.000", "405.000"));
  ASSERT_EQ(second.status, 201) << second.body;
  const std::string id1 = testing::TestApi::Body(first)["file"]["id"].AsString();
  json::Value b2 = testing::TestApi::Body(second);
  EXPECT_EQ(b2["replaces"].AsString(), id1);
  EXPECT_EQ(b2["file"]["version"].AsNumber(), 2);
  EXPECT_EQ(b2["findings"].AsArray().size(), 0u);
  json::Value list =
      testing::TestApi::Body(Get("employer1", "/api/v1/payroll/files?month=2026-12"));
  ASSERT_EQ(list["items"].AsArray().size(), 2u);
  EXPECT_TRUE(list["items"].AsArray()[0]["current"].AsBool());
  EXPECT_FALSE(list["items"].AsArray()[1]["current"].AsBool());
  // Both submissions are ledger events with their digests.
  std::vector<std::string> digests;
  ASSERT_TRUE(t_->node.store
                  ->Read([&](store::ReadTx& tx) -> Status {
                    for (const auto& id : {id1, b2["file"]["id"].AsString()}) {
                      ASSIGN_OR_RETURN(auto events, tx.History(id, 10));
                      for (const auto& e : events) {
                        digests.push_back(e.Get("data")->Get("digest")->AsString());
                      }
                    }
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(digests.size(), 2u);
  EXPECT_EQ(digests[0], testing::TestApi::Body(first)["file"]["digest"].AsString());
  EXPECT_EQ(digests[1], b2["file"]["digest"].AsString());
  // The old version's report is still there.
  EXPECT_EQ(testing::TestApi::Body(Get("dest", "/api/v1/payroll/files/" + id1))["findings"]
                .AsArray()
                .size(),
            1u);
}

TEST_F(PayrollApiTest, AWorkerSeesTheirOwnWageHistory) {
  ASSERT_EQ(Upload("employer1", Sif("100.000", "135.000", "370.000")).status, 201);
  const std::string url = "/api/v1/workers/" + w1_.value() + "/wages";
  const std::map<std::string, int> want = {
      {"worker1", 200}, {"worker2", 404},    {"employer1", 200},  {"employer2", 404},
      {"dest", 200},    {"embassy-np", 200}, {"embassy-ph", 404}, {"admin", 404},
      {"analyst", 404}, {"border", 404}};
  for (const auto& [who, status] : want) EXPECT_EQ(Get(who, url).status, status) << who;
  json::Value h = testing::TestApi::Body(Get("worker1", url));
  ASSERT_EQ(h["months"].AsArray().size(), 1u);
  EXPECT_EQ(h["months"].AsArray()[0]["month"].AsString(), "2026-12");
  EXPECT_EQ(h["months"].AsArray()[0]["expected"].AsString(), "135.000");
  EXPECT_EQ(h["months"].AsArray()[0]["paid"].AsString(), "100.000");
  EXPECT_EQ(h["months"].AsArray()[0]["arrears"].AsString(), "35.000");
  EXPECT_EQ(h["transfer_without_notice"].AsArray().size(), 0u);
  EXPECT_EQ(Get("worker1", "/api/v1/workers/W-NOPE/wages").status, 404);
}

}  // namespace
}  // namespace corridor::http
