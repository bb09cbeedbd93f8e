#include "http/api.hpp"

#include <gtest/gtest.h>

#include "codec/codec.hpp"
#include "http/testing.hpp"
#include "store/accounts.hpp"

namespace corridor::http {
namespace {

using domain::Role;
using domain::testing::D;

// A Kuwaiti node with two employers, a Nepali agency, Nepali and Filipino workers, contracts in
// several states, and an account for every role.
class ApiTest : public ::testing::Test {
 protected:
  // Whatever a test wrote through the API, the state agrees with the ledger afterwards.
  void TearDown() override {
    if (t_ && t_->node.store) {
      EXPECT_EQ(store::testing::AuditProblems(*t_->node.store), "");
    }
  }

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
    e.registration_number = "KW-2019-1001";
    e.name = "Al Noor Cleaning Co.";
    e2_ = reg.RegisterEmployer(sys, e)->id;
    domain::Agency ag = domain::testing::SampleAgency();
    ag.id = AgencyId();
    a1_ = reg.RegisterAgency(sys, ag)->id;
    domain::Worker w = domain::testing::SampleWorker();
    w.id = WorkerId();
    w1_ = reg.RegisterWorker(sys, w)->id;
    w.passport.number = "PA7654321";
    w.given_names_latin = "RITA";
    w2_ = reg.RegisterWorker(sys, w)->id;
    w.passport = {"P1234567A", "PHL", D("2030-01-01")};
    w.nationality = "PHL";
    w.preferred_language = "tl";
    w3_ = reg.RegisterWorker(sys, w)->id;

    // C1: W1 with E1 through A1, active. C2: W2 with E2, offered. C3: W3 with E1, a draft.
    auto terms = [&](WorkerId worker, EmployerId employer, std::optional<AgencyId> agency,
                     std::string origin, std::vector<std::string> langs) {
      domain::ContractTerms t = domain::testing::SampleTerms();
      t.worker = std::move(worker);
      t.employer = std::move(employer);
      t.agency = std::move(agency);
      t.origin_country = std::move(origin);
      t.languages = std::move(langs);
      t.start_date = D("2026-12-01");
      return t;
    };
    c1_ = reg.DraftContract(sys, terms(w1_, e1_, a1_, "NPL", {"ne", "en"}))->id;
    ASSERT_TRUE(reg.OfferContract(sys, c1_).ok());
    ASSERT_TRUE(reg.AcceptContract(sys, c1_).ok());
    ASSERT_TRUE(reg.AttestContract(sys, c1_).ok());
    ASSERT_TRUE(reg.AuthenticateContract(sys, c1_, std::nullopt).ok());
    ASSERT_TRUE(reg.IssuePermit(sys, c1_).ok());
    c2_ = reg.DraftContract(sys, terms(w2_, e2_, std::nullopt, "NPL", {"ne"}))->id;
    ASSERT_TRUE(reg.OfferContract(sys, c2_).ok());
    c3_ = reg.DraftContract(sys, terms(w3_, e1_, std::nullopt, "PHL", {"tl", "en"}))->id;

    auto make = [&](const char* name, Role role, const std::string& country,
                    std::optional<EmployerId> emp = std::nullopt,
                    std::optional<AgencyId> agency = std::nullopt,
                    std::optional<WorkerId> worker = std::nullopt) {
      auto token =
          t_->NewAccount(role, name, country, std::move(emp), std::move(agency), std::move(worker));
      ASSERT_TRUE(token.ok()) << name << ": " << token.status().ToString();
      tokens_[name] = *token;
    };
    make("admin", Role::kAdministrator, "KWT");
    make("dest", Role::kDestinationOfficer, "KWT");
    make("embassy-np", Role::kEmbassy, "NPL");
    make("employer1", Role::kEmployer, "", e1_);
    make("employer2", Role::kEmployer, "", e2_);
    make("agency1", Role::kAgency, "", std::nullopt, a1_);
    make("worker1", Role::kWorker, "", std::nullopt, std::nullopt, w1_);
    make("worker2", Role::kWorker, "", std::nullopt, std::nullopt, w2_);
    make("border", Role::kBorderOfficer, "KWT");
    make("investigator", Role::kInvestigator, "KWT");
    make("analyst", Role::kAnalyst, "KWT");
  }

  int Status(const std::string& who, const std::string& method, const std::string& target,
             const std::string& body = "") {
    return t_->Call(method, target, tokens_.at(who), body).status;
  }

  std::unique_ptr<testing::TestApi> t_;
  EmployerId e1_, e2_;
  AgencyId a1_;
  WorkerId w1_, w2_, w3_;
  ContractId c1_, c2_, c3_;
  std::map<std::string, std::string> tokens_;
};

// Object-level authorization: for each record, every role and every other owner.
TEST_F(ApiTest, ContractsAreSeenOnlyByTheirPartiesAndAuthorities) {
  const std::string c1 = "/api/v1/contracts/" + c1_.value();
  const std::map<std::string, int> want = {
      {"admin", 404},     {"dest", 200},         {"embassy-np", 200}, {"employer1", 200},
      {"employer2", 404}, {"agency1", 200},      {"worker1", 200},    {"worker2", 404},
      {"border", 404},    {"investigator", 404}, {"analyst", 404}};
  for (const auto& [who, status] : want) EXPECT_EQ(Status(who, "GET", c1), status) << who;
  // A draft is the drafter's: its worker does not see it yet; the Filipino worker's contract is
  // not the Nepali embassy's business.
  const std::string c3 = "/api/v1/contracts/" + c3_.value();
  EXPECT_EQ(Status("employer1", "GET", c3), 200);
  EXPECT_EQ(Status("embassy-np", "GET", c3), 404);
  EXPECT_EQ(Status("employer2", "GET", c3), 404);
  EXPECT_EQ(Status("dest", "GET", c3), 200);
  // The history follows the same rule.
  EXPECT_EQ(Status("worker1", "GET", c1 + "/history"), 200);
  EXPECT_EQ(Status("worker2", "GET", c1 + "/history"), 404);
}

TEST_F(ApiTest, WorkersAreSeenOnNeedToKnowWithFieldsCut) {
  const std::string w1 = "/api/v1/workers/" + w1_.value();
  const std::map<std::string, int> want = {
      {"admin", 404},     {"dest", 200},         {"embassy-np", 200}, {"employer1", 200},
      {"employer2", 404}, {"agency1", 200},      {"worker1", 200},    {"worker2", 404},
      {"border", 200},    {"investigator", 404}, {"analyst", 404}};
  for (const auto& [who, status] : want) EXPECT_EQ(Status(who, "GET", w1), status) << who;
  auto view = [&](const char* who) {
    return testing::TestApi::Body(t_->Call("GET", w1, tokens_.at(who)));
  };
  EXPECT_NE(view("worker1").Get("phone"), nullptr);
  EXPECT_NE(view("worker1").Get("passport")->Get("expiry"), nullptr);
  EXPECT_EQ(view("employer1").Get("phone"), nullptr);
  EXPECT_EQ(view("employer1").Get("passport")->Get("expiry"), nullptr);
  EXPECT_NE(view("agency1").Get("phone"), nullptr);
  EXPECT_EQ(view("border").Get("phone"), nullptr);
  EXPECT_NE(view("border").Get("passport")->Get("expiry"), nullptr);
  // The embassy sees its own nationals only.
  EXPECT_EQ(Status("embassy-np", "GET", "/api/v1/workers/" + w3_.value()), 404);
}

TEST_F(ApiTest, ListsAreScopedToTheCaller) {
  auto ids = [&](const char* who, const std::string& target) {
    std::vector<std::string> out;
    const json::Value body = testing::TestApi::Body(t_->Call("GET", target, tokens_.at(who)));
    if (const json::Value* items = body.Get("items")) {
      for (const auto& i : items->AsArray()) out.push_back(i.Get("id")->AsString());
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(ids("employer2", "/api/v1/contracts"), std::vector<std::string>{c2_.value()});
  EXPECT_EQ(ids("worker2", "/api/v1/contracts"), std::vector<std::string>{c2_.value()});
  EXPECT_EQ(ids("worker1", "/api/v1/contracts"), std::vector<std::string>{c1_.value()});
  std::vector<std::string> employer1 = {c1_.value(), c3_.value()};
  std::sort(employer1.begin(), employer1.end());
  EXPECT_EQ(ids("employer1", "/api/v1/contracts"), employer1);
  std::vector<std::string> embassy = {c1_.value(), c2_.value()};
  std::sort(embassy.begin(), embassy.end());
  EXPECT_EQ(ids("embassy-np", "/api/v1/contracts"), embassy);
  EXPECT_EQ(ids("employer2", "/api/v1/workers"), std::vector<std::string>{w2_.value()});
  EXPECT_EQ(Status("analyst", "GET", "/api/v1/contracts"), 403);
  EXPECT_EQ(Status("admin", "GET", "/api/v1/workers"), 403);
  EXPECT_EQ(Status("border", "GET", "/api/v1/workers"), 422);  // by passport only
  EXPECT_EQ(ids("border", "/api/v1/workers?passport_number=PA7654321"),
            std::vector<std::string>{w2_.value()});
}

// What the portal asks beyond the records themselves: the node it runs on, one worker's
// contracts, and the name of the employer offering a worker a contract.
TEST_F(ApiTest, ThePortalLearnsTheNodeAWorkersContractsAndTheirEmployers) {
  const Response node = t_->Call("GET", "/api/v1/node", "");
  ASSERT_EQ(node.status, 200);
  EXPECT_EQ(testing::TestApi::Body(node).Get("country")->AsString(), "KWT");
  EXPECT_EQ(testing::TestApi::Body(node).Get("name")->AsString(), "test node KWT");

  auto ids = [&](const char* who, const std::string& target) {
    std::vector<std::string> out;
    const Response r = t_->Call("GET", target, tokens_.at(who));
    EXPECT_EQ(r.status, 200) << who << " " << target << ": " << r.body;
    const json::Value body = testing::TestApi::Body(r);
    if (const json::Value* items = body.Get("items")) {
      for (const auto& i : items->AsArray()) out.push_back(i.Get("id")->AsString());
    }
    return out;
  };
  const std::string by_w1 = "/api/v1/contracts?worker=" + w1_.value();
  EXPECT_EQ(ids("dest", by_w1), std::vector<std::string>{c1_.value()});
  EXPECT_EQ(ids("embassy-np", by_w1), std::vector<std::string>{c1_.value()});
  EXPECT_EQ(ids("worker1", by_w1), std::vector<std::string>{c1_.value()});
  // The filter narrows the caller's scope, never widens it.
  EXPECT_TRUE(ids("employer2", by_w1).empty());
  EXPECT_TRUE(ids("worker2", by_w1).empty());
  EXPECT_EQ(ids("dest", "/api/v1/contracts?worker=" + w3_.value()),
            std::vector<std::string>{c3_.value()});
  EXPECT_TRUE(ids("embassy-np", "/api/v1/contracts?worker=" + w3_.value()).empty());
  EXPECT_EQ(Status("analyst", "GET", by_w1), 403);

  // A worker reads the employer of a contract offered to them, and no other employer.
  EXPECT_EQ(Status("worker1", "GET", "/api/v1/employers/" + e1_.value()), 200);
  EXPECT_EQ(Status("worker1", "GET", "/api/v1/employers/" + e2_.value()), 404);
  EXPECT_EQ(Status("worker2", "GET", "/api/v1/employers/" + e2_.value()), 200);
  EXPECT_EQ(Status("worker2", "GET", "/api/v1/employers/" + e1_.value()), 404);
  EXPECT_EQ(Status("worker1", "GET", "/api/v1/employers/E-NOSUCH"), 404);
  EXPECT_EQ(testing::TestApi::Body(
                t_->Call("GET", "/api/v1/employers/" + e1_.value(), tokens_.at("worker1")))
                .Get("name")
                ->AsString(),
            domain::testing::SampleEmployer().name);
}

TEST_F(ApiTest, EveryDecisionOnAPersonsRecordIsLogged) {
  EXPECT_EQ(Status("employer2", "GET", "/api/v1/workers/" + w1_.value()), 404);
  EXPECT_EQ(Status("employer1", "GET", "/api/v1/workers/" + w1_.value()), 200);
  ASSERT_TRUE(t_->access->Flush().ok());
  auto conn = t_->node.store->database().Acquire();
  ASSERT_TRUE(conn.ok());
  auto records = store::ListAccessRecords(**conn, w1_.value(), 100);
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 2u);
  EXPECT_FALSE((*records)[0].allowed);
  EXPECT_EQ((*records)[0].role, "employer");
  EXPECT_TRUE((*records)[1].allowed);
}

TEST_F(ApiTest, WithoutATokenNothingButThePublicEndpoints) {
  EXPECT_EQ(t_->Call("GET", "/api/v1/contracts", "").status, 401);
  EXPECT_EQ(t_->Call("GET", "/api/v1/contracts", "not-a-token").status, 401);
  EXPECT_EQ(t_->Call("GET", "/healthz", "").status, 200);
  EXPECT_EQ(t_->Call("GET", "/api/v1/openapi.json", "").status, 200);
  EXPECT_TRUE(json::Parse(t_->Call("GET", "/api/v1/openapi.json", "").body).ok());
}

TEST_F(ApiTest, ErrorsAreProblemDocumentsNamingTheField) {
  domain::Worker w = domain::testing::SampleWorker();
  w.id = WorkerId();
  w.passport.number = "PA5555555";
  json::Value body = codec::ToJson(w);
  body.AsObject().Erase("id");
  body["date_of_birth"] = "1996-02-30";
  Response r = t_->Call("POST", "/api/v1/workers", tokens_.at("dest"), json::Write(body));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.content_type, "application/problem+json");
  const json::Value p = testing::TestApi::Body(r);
  EXPECT_EQ(p.Get("type")->AsString(), "/problems/invalid-argument");
  EXPECT_EQ(p.Get("field")->AsString(), "date_of_birth");
  EXPECT_EQ(p.Get("status")->AsNumber(), 422);
  // Garbage, a wrong content type, an unknown member.
  EXPECT_EQ(t_->Call("POST", "/api/v1/workers", tokens_.at("dest"), "{\"a\":").status, 422);
  Request raw;
  raw.method = "POST";
  raw.target = "/api/v1/workers";
  raw.headers = {{"Authorization", "Bearer " + tokens_.at("dest")}, {"Content-Type", "text/plain"}};
  raw.body = "{}";
  EXPECT_EQ(testing::TestApi::Body(t_->api->Handle(raw)).Get("field")->AsString(), "Content-Type");
  body["date_of_birth"] = "1996-02-03";
  body.AsObject().Set("religion", "x");
  r = t_->Call("POST", "/api/v1/workers", tokens_.at("dest"), json::Write(body));
  EXPECT_EQ(testing::TestApi::Body(r).Get("field")->AsString(), "religion");
  // Unknown paths and methods.
  EXPECT_EQ(Status("dest", "GET", "/api/v1/nothing"), 404);
  Response m = t_->Call("DELETE", "/api/v1/contracts", tokens_.at("dest"));
  EXPECT_EQ(m.status, 405);
  EXPECT_EQ(std::string(m.header("Allow")), "POST, GET");
  // Nothing internal reaches the client.
  EXPECT_EQ(r.body.find("sqlite"), std::string::npos);
}

TEST_F(ApiTest, IdempotencyKeyNeverCreatesTwice) {
  domain::Worker w = domain::testing::SampleWorker();
  w.passport.number = "PA6666666";
  json::Value body = codec::ToJson(w);
  body.AsObject().Erase("id");
  const std::string text = json::Write(body);
  Response first =
      t_->Call("POST", "/api/v1/workers", tokens_.at("dest"), text, {{"Idempotency-Key", "k-1"}});
  ASSERT_EQ(first.status, 201) << first.body;
  Response again =
      t_->Call("POST", "/api/v1/workers", tokens_.at("dest"), text, {{"Idempotency-Key", "k-1"}});
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(std::string(again.header("Idempotent-Replay")), "true");
  // Another body under the same key is refused; another key with the same body is a duplicate.
  body["phone"] = "+9779811111111";
  EXPECT_EQ(t_->Call("POST", "/api/v1/workers", tokens_.at("dest"), json::Write(body),
                     {{"Idempotency-Key", "k-1"}})
                .status,
            422);
  EXPECT_EQ(
      t_->Call("POST", "/api/v1/workers", tokens_.at("dest"), text, {{"Idempotency-Key", "k-2"}})
          .status,
      409);
}

TEST_F(ApiTest, LoginLogoutAndThrottling) {
  Response ok = t_->Call("POST", "/api/v1/session", "",
                         R"({"username":"worker1","password":"correct horse battery worker1"})");
  ASSERT_EQ(ok.status, 201) << ok.body;
  const std::string token = testing::TestApi::Body(ok).Get("token")->AsString();
  EXPECT_EQ(t_->Call("GET", "/api/v1/me", token).status, 200);
  EXPECT_EQ(t_->Call("DELETE", "/api/v1/session", token).status, 204);
  EXPECT_EQ(t_->Call("GET", "/api/v1/me", token).status, 401);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(t_->Call("POST", "/api/v1/session", "",
                       R"({"username":"worker2","password":"wrong password!"})")
                  .status,
              401);
  }
  // Locked now, even with the right password, and the answer says when to try again; an unknown
  // user looks like a wrong password.
  const Response locked =
      t_->Call("POST", "/api/v1/session", "",
               R"({"username":"worker2","password":"correct horse battery worker2"})");
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(locked.header("Retry-After"), "60");
  EXPECT_EQ(t_->Call("POST", "/api/v1/session", "",
                     R"({"username":"nobody","password":"whatever password"})")
                .status,
            401);
  t_->node.clock->Advance(61'000);
  EXPECT_EQ(t_->Call("POST", "/api/v1/session", "",
                     R"({"username":"worker2","password":"correct horse battery worker2"})")
                .status,
            201);
}

TEST_F(ApiTest, SubstitutionAnswers409WithTheDifferences) {
  // A fresh contract, attested, then authenticated against substituted terms.
  auto& reg = *t_->registry;
  const domain::Actor sys = domain::SystemActor();
  domain::ContractTerms t = domain::testing::SampleTerms();
  t.worker = w2_;
  t.employer = e1_;
  t.agency.reset();
  t.languages = {"ne"};
  auto c = reg.DraftContract(sys, t);
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE(reg.OfferContract(sys, c->id).ok());
  ASSERT_TRUE(reg.AcceptContract(sys, c->id).ok());
  ASSERT_TRUE(reg.AttestContract(sys, c->id).ok());
  json::Value presented = codec::ToJson(t);
  presented["basic_wage"]["amount"] = "80.000";
  json::Object body;
  body.Set("terms", presented);
  Response r = t_->Call("POST", "/api/v1/contracts/" + c->id.value() + "/authenticate",
                        tokens_.at("dest"), json::Write(body));
  EXPECT_EQ(r.status, 409);
  const json::Value p = testing::TestApi::Body(r);
  EXPECT_EQ(p.Get("type")->AsString(), "/problems/substitution");
  ASSERT_EQ(p.Get("differences")->AsArray().size(), 1u);
  EXPECT_EQ(p.Get("differences")->AsArray()[0].Get("field")->AsString(), "basic_wage");
  // The employer cannot authenticate; the destination officer can, with the true terms.
  EXPECT_EQ(Status("employer1", "POST", "/api/v1/contracts/" + c->id.value() + "/authenticate"),
            403);
  EXPECT_EQ(Status("dest", "POST", "/api/v1/contracts/" + c->id.value() + "/authenticate"), 200);
}

TEST_F(ApiTest, ThePublicCheckShowsNoPersonalData) {
  Response r = t_->Call("GET", "/verify/" + c1_.value() + "?format=json", "");
  ASSERT_EQ(r.status, 200);
  const json::Value v = testing::TestApi::Body(r);
  EXPECT_TRUE(v.Get("registered")->AsBool());
  EXPECT_TRUE(v.Get("attested")->AsBool());
  EXPECT_TRUE(v.Get("in_force")->AsBool());
  EXPECT_EQ(r.body.find("THAPA"), std::string::npos);
  EXPECT_EQ(r.body.find(w1_.value()), std::string::npos);
  EXPECT_EQ(r.body.find("PA1234567"), std::string::npos);
  const std::string digest = v.Get("digest")->AsString();
  EXPECT_EQ(testing::TestApi::Body(
                t_->Call("GET", "/verify/" + c1_.value() + "?format=json&digest=" + digest, ""))
                .Get("digest_status")
                ->AsString(),
            "current");
  EXPECT_EQ(testing::TestApi::Body(
                t_->Call("GET", "/verify/" + c1_.value() + "?format=json&digest=00", ""))
                .Get("digest_status")
                ->AsString(),
            "unknown");
  EXPECT_EQ(t_->Call("GET", "/verify/C-NOSUCHCONTRACT?format=json", "").status, 404);
  Response html = t_->Call("GET", "/verify/" + c1_.value(), "");
  EXPECT_EQ(html.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(html.body.find("THAPA"), std::string::npos);
  EXPECT_EQ(t_->Call("GET", "/verify/%3Cscript%3E", "").body.find("<script>"), std::string::npos);
}

TEST_F(ApiTest, ThePrintableContractIsInTheWorkersLanguageWithItsQrCode) {
  const std::string doc = "/api/v1/contracts/" + c1_.value() + "/document";
  Response r = t_->Call("GET", doc, tokens_.at("worker1"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("रोजगार सम्झौता"), std::string::npos);        // Nepali, her language
  EXPECT_NE(r.body.find("Employment contract"), std::string::npos);  // and English
  EXPECT_NE(r.body.find("<svg"), std::string::npos);
  EXPECT_NE(r.body.find("/verify/" + c1_.value() + "?digest="), std::string::npos);
  Response ar = t_->Call("GET", doc + "?lang=ar", tokens_.at("employer1"));
  ASSERT_EQ(ar.status, 200);
  EXPECT_NE(ar.body.find("dir=\"rtl\""), std::string::npos);
  EXPECT_EQ(Status("worker2", "GET", doc), 404);
  EXPECT_EQ(Status("worker1", "GET", doc + "?lang=xx"), 422);
}

TEST_F(ApiTest, PermitsTransfersAndExitNoticesFollowTheSameRules) {
  auto permit_ids = [&](const char* who) {
    std::vector<std::string> out;
    Response r = t_->Call("GET", "/api/v1/permits", tokens_.at(who));
    if (r.status != 200) return std::vector<std::string>{"status " + std::to_string(r.status)};
    const json::Value body = testing::TestApi::Body(r);
    for (const auto& i : body.Get("items")->AsArray()) out.push_back(i.Get("contract")->AsString());
    return out;
  };
  const std::vector<std::string> c1 = {c1_.value()};
  EXPECT_EQ(permit_ids("worker1"), c1);
  EXPECT_TRUE(permit_ids("worker2").empty());
  EXPECT_EQ(permit_ids("employer1"), c1);
  EXPECT_TRUE(permit_ids("employer2").empty());
  EXPECT_EQ(permit_ids("embassy-np"), c1);
  EXPECT_EQ(permit_ids("border"), c1);
  EXPECT_EQ(permit_ids("analyst"), std::vector<std::string>{"status 403"});

  // The worker files a job change through the API; neither employer can.
  auto& reg = *t_->registry;
  const domain::Actor sys = domain::SystemActor();
  domain::ContractTerms t = domain::testing::SampleTerms();
  t.worker = w1_;
  t.employer = e2_;
  t.agency.reset();
  t.languages = {"ne"};
  auto offer = reg.DraftContract(sys, t);
  ASSERT_TRUE(offer.ok());
  ASSERT_TRUE(reg.OfferContract(sys, offer->id).ok());
  ASSERT_TRUE(reg.AcceptContract(sys, offer->id).ok());
  json::Object body;
  body.Set("from_contract", c1_.value());
  body.Set("to_contract", offer->id.value());
  EXPECT_EQ(
      t_->Call("POST", "/api/v1/transfers", tokens_.at("employer1"), json::Write(body)).status,
      403);
  Response filed = t_->Call("POST", "/api/v1/transfers", tokens_.at("worker1"), json::Write(body));
  ASSERT_EQ(filed.status, 201) << filed.body;
  // The old employer sees it (and was notified); an unrelated employer does not.
  auto transfers = [&](const char* who) {
    return testing::TestApi::Body(t_->Call("GET", "/api/v1/transfers", tokens_.at(who)))
        .Get("items")
        ->AsArray()
        .size();
  };
  EXPECT_EQ(transfers("employer1"), 1u);
  EXPECT_EQ(transfers("employer2"), 1u);  // the new employer
  EXPECT_EQ(transfers("worker2"), 0u);
  const json::Value notes =
      testing::TestApi::Body(t_->Call("GET", "/api/v1/notifications", tokens_.at("employer1")));
  ASSERT_EQ(notes.Get("items")->AsArray().size(), 1u);
  EXPECT_EQ(notes.Get("items")->AsArray()[0].Get("type")->AsString(), "transfer.filed");
  // Now an absconding report is refused, with the reason, and recorded.
  json::Object absent;
  absent.Set("last_seen", "2026-11-28");
  absent.Set("details", "absconded");
  Response refused = t_->Call("POST", "/api/v1/contracts/" + c1_.value() + "/absence-reports",
                              tokens_.at("employer1"), json::Write(absent));
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(testing::TestApi::Body(refused).Get("type")->AsString(),
            "/problems/absence-report-refused");

  // Exit notices: the worker files hers; others see them as they may see her.
  json::Object exit;
  exit.Set("kind", "returning");
  exit.Set("departure_date", "2027-01-10");
  exit.Set("return_date", "2027-02-10");
  const std::string notices = "/api/v1/workers/" + w1_.value() + "/exit-notices";
  EXPECT_EQ(t_->Call("POST", notices, tokens_.at("employer1"), json::Write(exit)).status, 403);
  EXPECT_EQ(t_->Call("POST", notices, tokens_.at("worker1"), json::Write(exit)).status, 201);
  EXPECT_EQ(Status("worker1", "GET", notices), 200);
  EXPECT_EQ(Status("border", "GET", notices), 200);
  EXPECT_EQ(Status("embassy-np", "GET", notices), 200);
  EXPECT_EQ(Status("worker2", "GET", notices), 404);
  EXPECT_EQ(Status("employer2", "GET", notices), 200);  // party to her accepted new offer
  EXPECT_EQ(Status("analyst", "GET", notices), 404);
  EXPECT_EQ(Status("embassy-np", "GET", "/api/v1/workers/" + w3_.value() + "/exit-notices"), 404);
}

// Every contract, permit and job change says what its reader may do with it now, and nothing
// more: the portal shows exactly these steps.
TEST_F(ApiTest, RecordsCarryTheStepsTheirReaderMayTake) {
  auto actions = [&](const char* who, const std::string& target) {
    std::vector<std::string> out;
    Response r = t_->Call("GET", target, tokens_.at(who));
    if (r.status != 200) return std::vector<std::string>{"status " + std::to_string(r.status)};
    const json::Value body = testing::TestApi::Body(r);
    for (const auto& a : body.Get("allowed_actions")->AsArray()) out.push_back(a.AsString());
    return out;
  };
  using V = std::vector<std::string>;
  const std::string c1 = "/api/v1/contracts/" + c1_.value();  // active
  const std::string c2 = "/api/v1/contracts/" + c2_.value();  // offered to W2
  const std::string c3 = "/api/v1/contracts/" + c3_.value();  // E1's draft
  EXPECT_EQ(actions("dest", c1), V{"end"});
  EXPECT_EQ(actions("employer1", c1), (V{"propose_amendment", "report_absence"}));
  EXPECT_EQ(actions("worker1", c1), V{"file_transfer"});
  EXPECT_EQ(actions("agency1", c1), V{});
  EXPECT_EQ(actions("embassy-np", c1), V{});
  EXPECT_EQ(actions("worker2", c2), (V{"accept", "reject"}));
  EXPECT_EQ(actions("employer2", c2), V{"withdraw"});
  EXPECT_EQ(actions("dest", c2), V{});
  EXPECT_EQ(actions("employer1", c3), (V{"offer", "withdraw"}));
  EXPECT_EQ(actions("employer2", c3), V{"status 404"});
  // Lists carry them too, computed the same way.
  const json::Value list =
      testing::TestApi::Body(t_->Call("GET", "/api/v1/contracts", tokens_.at("employer1")));
  for (const auto& item : list.Get("items")->AsArray()) {
    const std::string id = item.Get("id")->AsString();
    V listed;
    for (const auto& a : item.Get("allowed_actions")->AsArray()) listed.push_back(a.AsString());
    EXPECT_EQ(listed, actions("employer1", "/api/v1/contracts/" + id)) << id;
    // The stored-document path answers exactly what the list's view builds.
    const json::Value one =
        testing::TestApi::Body(t_->Call("GET", "/api/v1/contracts/" + id, tokens_.at("employer1")));
    EXPECT_EQ(json::Canonical(one), json::Canonical(item)) << id;
  }
  // A step taken answers with the contract and what may follow.
  Response offered = t_->Call("POST", c3 + "/offer", tokens_.at("employer1"));
  ASSERT_EQ(offered.status, 200) << offered.body;
  EXPECT_EQ(testing::TestApi::Body(offered).Get("allowed_actions")->AsArray().size(), 1u);
  // Permits: the worker may change jobs from an active one, its employer report an absence.
  auto permit_actions = [&](const char* who) {
    V out;
    const json::Value body =
        testing::TestApi::Body(t_->Call("GET", "/api/v1/permits", tokens_.at(who)));
    for (const auto& i : body.Get("items")->AsArray()) {
      for (const auto& a : i.Get("allowed_actions")->AsArray()) out.push_back(a.AsString());
    }
    return out;
  };
  EXPECT_EQ(permit_actions("worker1"), V{"file_transfer"});
  EXPECT_EQ(permit_actions("employer1"), V{"report_absence"});
  EXPECT_EQ(permit_actions("border"), V{});
  EXPECT_EQ(permit_actions("dest"), V{});
}

TEST_F(ApiTest, TheLedgerHeadAndProofsVerify) {
  Response h = t_->Call("GET", "/api/v1/ledger/head", tokens_.at("worker1"));
  ASSERT_EQ(h.status, 200);
  const json::Value head = testing::TestApi::Body(h);
  const auto size = static_cast<uint64_t>(head.Get("size")->AsNumber());
  Response p =
      t_->Call("GET", "/api/v1/ledger/proofs/inclusion?index=3&size=" + std::to_string(size),
               tokens_.at("worker1"));
  EXPECT_EQ(p.status, 200) << p.body;
  EXPECT_EQ(Status("worker1", "GET", "/api/v1/ledger/events/3"), 403);
  EXPECT_EQ(Status("dest", "GET", "/api/v1/ledger/events/3"), 200);
  EXPECT_EQ(Status("dest", "GET", "/api/v1/ledger/proofs/inclusion?index=x&size=1"), 422);
}

}  // namespace
}  // namespace corridor::http
