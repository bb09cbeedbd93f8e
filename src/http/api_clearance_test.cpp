#include <gtest/gtest.h>

#include <map>

#include "http/testing.hpp"
#include "service/testing.hpp"

namespace corridor::http {
namespace {

using domain::Role;
using domain::testing::D;
using testing::Conforms;
using testing::ListConforms;

// The steps a view's allowed_actions names, in order.
std::vector<std::string> Actions(const json::Value& v) {
  std::vector<std::string> out;
  for (const auto& a : v.Get("allowed_actions")->AsArray()) out.push_back(a.AsString());
  return out;
}

// A Nepali node: a Kuwaiti employer, a Nepali agency, two Nepali workers with contracts (W1's
// attested, W2's only accepted), and an account for every role.
class ApiClearanceTest : public ::testing::Test {
 protected:
  // Whatever a test wrote through the API, the state agrees with the ledger afterwards.
  void TearDown() override {
    if (t_ && t_->node.store) {
      EXPECT_EQ(store::testing::AuditProblems(*t_->node.store), "");
    }
  }

  void SetUp() override {
    auto api = testing::TestApi::Create("NPL", *Timestamp::Parse("2026-11-29T08:00:00Z"));
    ASSERT_TRUE(api.ok()) << api.status().ToString() << " " << api.status().detail();
    t_ = std::move(*api);
    auto& reg = *t_->registry;
    ASSERT_TRUE(service::testing::SeedReferenceData(reg).ok());
    const domain::Actor sys = domain::SystemActor();
    domain::Employer e = domain::testing::SampleEmployer();
    e.id = EmployerId();
    e1_ = reg.RegisterEmployer(sys, e)->id;
    domain::Agency ag = domain::testing::SampleAgency();
    ag.id = AgencyId();
    a1_ = reg.RegisterAgency(sys, ag)->id;
    domain::Worker w = domain::testing::SampleWorker();
    w.id = WorkerId();
    w1_ = reg.RegisterWorker(sys, w)->id;
    w.passport.number = "PA7654321";
    w.given_names_latin = "RITA";
    w2_ = reg.RegisterWorker(sys, w)->id;
    auto contract = [&](const WorkerId& worker) {
      domain::ContractTerms t = domain::testing::SampleTerms();
      t.worker = worker;
      t.employer = e1_;
      t.agency = a1_;
      const ContractId id = reg.DraftContract(sys, t)->id;
      EXPECT_TRUE(reg.OfferContract(sys, id).ok());
      EXPECT_TRUE(reg.AcceptContract(sys, id).ok());
      return id;
    };
    c1_ = contract(w1_);
    ASSERT_TRUE(reg.AttestContract(sys, c1_).ok());
    c2_ = contract(w2_);

    auto make = [&](const char* name, Role role, const std::string& country,
                    std::optional<EmployerId> emp = std::nullopt,
                    std::optional<AgencyId> agency = std::nullopt,
                    std::optional<WorkerId> worker = std::nullopt) {
      auto token =
          t_->NewAccount(role, name, country, std::move(emp), std::move(agency), std::move(worker));
      ASSERT_TRUE(token.ok()) << name << ": " << token.status().ToString();
      tokens_[name] = *token;
    };
    make("admin", Role::kAdministrator, "NPL");
    make("origin", Role::kOriginOfficer, "NPL");
    make("origin-ph", Role::kOriginOfficer, "PHL");
    make("dest", Role::kDestinationOfficer, "KWT");
    make("embassy", Role::kEmbassy, "NPL");
    make("employer1", Role::kEmployer, "", e1_);
    make("agency1", Role::kAgency, "", std::nullopt, a1_);
    make("worker1", Role::kWorker, "", std::nullopt, std::nullopt, w1_);
    make("worker2", Role::kWorker, "", std::nullopt, std::nullopt, w2_);
    make("border", Role::kBorderOfficer, "NPL");
    make("investigator", Role::kInvestigator, "NPL");
    make("analyst", Role::kAnalyst, "NPL");
    make("caseworker", Role::kCaseworker, "NPL");
    make("supervisor", Role::kCaseSupervisor, "NPL");
    make("hotline", Role::kHotlineOperator, "NPL");
  }

  Response Call(const std::string& who, const std::string& method, const std::string& target,
                const std::string& body = "") {
    return t_->Call(method, target, tokens_.at(who), body);
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

  // Every role but the origin's officer, with the status each gets: the worker sees her own
  // records (200) but may not act (403); everyone else is told nothing (404).
  std::map<std::string, int> Others(int worker1) const {
    std::map<std::string, int> out;
    for (const auto& [who, token] : tokens_) {
      if (who != "origin") out[who] = 404;
    }
    out["worker1"] = worker1;
    return out;
  }

  static constexpr const char* kOrientation =
      R"({"centre":"Kathmandu Orientation Centre","completed_on":"2026-11-20"})";
  static constexpr const char* kMedical =
      R"({"centre":"Norvic Medical Centre","examined_on":"2026-11-25","outcome":"fit"})";
  static constexpr const char* kPolicy =
      R"({"insurer":"Himalayan Life","policy_number":"HL-2026-0042","cover_from":"2026-12-01",
          "cover_until":"2029-01-31","sum_insured":{"amount":"2500000","currency":"NPR"}})";

  std::unique_ptr<testing::TestApi> t_;
  EmployerId e1_;
  AgencyId a1_;
  WorkerId w1_, w2_;
  ContractId c1_, c2_;
  std::map<std::string, std::string> tokens_;
};

// Object-level authorization on every clearance endpoint, for every role: nobody but the origin's
// officer changes anything, and a refusal leaves the ledger as it was.
TEST_F(ApiClearanceTest, EveryRoleOnEveryEndpoint) {
  const std::string worker = "/api/v1/workers/" + w1_.value();
  const std::string contract = "/api/v1/contracts/" + c1_.value();
  const std::vector<std::pair<std::string, std::string>> writes = {
      {worker + "/orientation", kOrientation},
      {worker + "/medical", kMedical},
      {contract + "/insurance", kPolicy},
  };
  const uint64_t before = LedgerSize();
  for (const auto& [target, body] : writes) {
    for (const auto& [who, status] : Others(403)) {
      EXPECT_EQ(Call(who, "POST", target, body).status, status) << who << " POST " << target;
    }
  }
  for (const auto& [who, status] : Others(403)) {
    EXPECT_EQ(Call(who, "POST", contract + "/clearance").status, status) << who;
  }
  EXPECT_EQ(LedgerSize(), before);

  // The origin's officer records the evidence and issues.
  for (const auto& [target, body] : writes) {
    const Response r = Call("origin", "POST", target, body);
    EXPECT_EQ(r.status, 201) << target << ": " << r.body;
  }
  const Response issued = Call("origin", "POST", contract + "/clearance");
  ASSERT_EQ(issued.status, 201) << issued.body;
  const json::Value clearance = testing::TestApi::Body(issued);
  EXPECT_EQ(Conforms("Clearance", clearance), "");
  const std::string id = clearance.Get("id")->AsString();
  EXPECT_EQ(issued.header("Location"), "/api/v1/clearances/" + id);

  // Reads: the origin's officer and the worker herself; nobody else.
  for (const std::string& target :
       {worker + "/orientation", worker + "/medical", contract + "/insurance",
        contract + "/clearance-check", "/api/v1/clearances/" + id}) {
    EXPECT_EQ(Call("origin", "GET", target).status, 200) << target;
    for (const auto& [who, status] : Others(200)) {
      EXPECT_EQ(Call(who, "GET", target).status, status) << who << " GET " << target;
    }
  }
  // Lists: roles that may hold clearances see their own scope; the others are refused.
  const std::map<std::string, int> lists = {
      {"admin", 403},      {"origin", 200},     {"origin-ph", 200},    {"dest", 200},
      {"embassy", 200},    {"employer1", 403},  {"agency1", 403},      {"worker1", 200},
      {"worker2", 200},    {"border", 403},     {"investigator", 403}, {"analyst", 403},
      {"caseworker", 403}, {"supervisor", 403}, {"hotline", 403}};
  ASSERT_EQ(lists.size(), tokens_.size());
  for (const auto& [who, status] : lists) {
    const Response r = Call(who, "GET", "/api/v1/clearances");
    EXPECT_EQ(r.status, status) << who;
    if (r.status != 200) continue;
    const size_t n = testing::TestApi::Body(r).Get("items")->AsArray().size();
    EXPECT_EQ(n, who == "origin" || who == "worker1" ? 1u : 0u) << who;
  }

  // Revocation: the origin's officer; the worker is refused, the others told nothing.
  const std::string revoke = "/api/v1/clearances/" + id + "/revoke";
  const std::string why = R"({"reason":"agency_licence_revoked","note":"licence revoked"})";
  const uint64_t issued_size = LedgerSize();
  for (const auto& [who, status] : Others(403)) {
    EXPECT_EQ(Call(who, "POST", revoke, why).status, status) << who;
  }
  EXPECT_EQ(LedgerSize(), issued_size);
  const Response revoked = Call("origin", "POST", revoke, why);
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(Conforms("Clearance", testing::TestApi::Body(revoked)), "");
  EXPECT_EQ(testing::TestApi::Body(revoked).Get("state")->AsString(), "revoked");
  EXPECT_FALSE(testing::TestApi::Body(revoked).Get("valid")->AsBool());
}

TEST_F(ApiClearanceTest, TheCheckListsWhatLacksAndIssuingNamesEveryMissingRequirement) {
  const std::string contract = "/api/v1/contracts/" + c1_.value();
  const Response check = Call("origin", "GET", contract + "/clearance-check");
  ASSERT_EQ(check.status, 200) << check.body;
  const json::Value v = testing::TestApi::Body(check);
  EXPECT_EQ(Conforms("ClearanceCheck", v), "");
  EXPECT_FALSE(v.Get("ready")->AsBool());
  EXPECT_EQ(Actions(v),
            (std::vector<std::string>{"record_orientation", "record_insurance", "record_medical"}));
  EXPECT_TRUE(Actions(testing::TestApi::Body(Call("worker1", "GET", contract + "/clearance-check")))
                  .empty());
  EXPECT_EQ(v.Get("requirements")->AsArray().size(), 6u);

  const uint64_t before = LedgerSize();
  const Response refused = Call("origin", "POST", contract + "/clearance");
  ASSERT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(refused.content_type, "application/problem+json");
  const json::Value p = testing::TestApi::Body(refused);
  EXPECT_EQ(Conforms("Problem", p), "");
  EXPECT_EQ(p.Get("type")->AsString(), "/problems/clearance-requirements");
  std::vector<std::string> missing;
  for (const auto& m : p.Get("missing")->AsArray()) {
    missing.push_back(m.Get("requirement")->AsString());
    EXPECT_FALSE(m.Get("detail")->AsString().empty());
  }
  EXPECT_EQ(missing, (std::vector<std::string>{"orientation", "insurance", "medical"}));
  EXPECT_EQ(LedgerSize(), before);

  // An unattested contract: the first requirement it names.
  const Response unattested =
      Call("origin", "POST", "/api/v1/contracts/" + c2_.value() + "/clearance");
  ASSERT_EQ(unattested.status, 409);
  EXPECT_EQ(testing::TestApi::Body(unattested)
                .Get("missing")
                ->AsArray()[0]
                .Get("requirement")
                ->AsString(),
            "contract_attested");
  EXPECT_EQ(LedgerSize(), before);

  // Everything recorded: the check offers to issue.
  ASSERT_EQ(Call("origin", "POST", "/api/v1/workers/" + w1_.value() + "/orientation", kOrientation)
                .status,
            201);
  ASSERT_EQ(Call("origin", "POST", "/api/v1/workers/" + w1_.value() + "/medical", kMedical).status,
            201);
  ASSERT_EQ(Call("origin", "POST", contract + "/insurance", kPolicy).status, 201);
  const json::Value ready =
      testing::TestApi::Body(Call("origin", "GET", contract + "/clearance-check"));
  EXPECT_TRUE(ready.Get("ready")->AsBool());
  EXPECT_EQ(Actions(ready), (std::vector<std::string>{"issue_clearance", "record_orientation",
                                                      "record_insurance", "record_medical"}));
  // The lists read back what was recorded, in their documented forms.
  for (const auto& [target, schema] : std::vector<std::pair<std::string, std::string>>{
           {"/api/v1/workers/" + w1_.value() + "/orientation", "OrientationCompletion"},
           {"/api/v1/workers/" + w1_.value() + "/medical", "MedicalFitness"},
           {contract + "/insurance", "InsurancePolicy"}}) {
    const json::Value list = testing::TestApi::Body(Call("worker1", "GET", target));
    EXPECT_EQ(ListConforms(schema, list), "") << target;
    EXPECT_EQ(list.Get("items")->AsArray().size(), 1u) << target;
  }
  // Issued once; a second while it is valid is refused.
  ASSERT_EQ(Call("origin", "POST", contract + "/clearance").status, 201);
  EXPECT_EQ(Call("origin", "POST", contract + "/clearance").status, 409);
  const json::Value list =
      testing::TestApi::Body(Call("origin", "GET", "/api/v1/clearances?contract=" + c1_.value()));
  EXPECT_EQ(ListConforms("Clearance", list), "");
  EXPECT_EQ(list.Get("items")->AsArray().size(), 1u);
}

TEST_F(ApiClearanceTest, BadInputIsRefusedPreciselyAndChangesNothing) {
  const std::string worker = "/api/v1/workers/" + w1_.value();
  const std::string contract = "/api/v1/contracts/" + c1_.value();
  const uint64_t before = LedgerSize();
  auto field = [&](const std::string& method, const std::string& target, const std::string& body,
                   int status) {
    const Response r = Call("origin", method, target, body);
    EXPECT_EQ(r.status, status) << target << " " << body << ": " << r.body;
    const json::Value answer = testing::TestApi::Body(r);
    const json::Value* f = answer.Get("field");
    return f ? f->AsString() : std::string();
  };
  // An expired policy.
  EXPECT_EQ(field("POST", contract + "/insurance",
                  R"({"insurer":"I","policy_number":"P","cover_from":"2025-01-01",
                      "cover_until":"2026-11-28","sum_insured":{"amount":"2500000","currency":"NPR"}})",
                  422),
            "cover_until");
  EXPECT_EQ(field("POST", contract + "/insurance",
                  R"({"insurer":"I","policy_number":"P","cover_from":"2026-12-01",
                      "cover_until":"2029-01-01","sum_insured":{"amount":"1","currency":"XXX"}})",
                  422),
            "sum_insured");
  // Something clinical is not a member of a medical record.
  EXPECT_EQ(
      field("POST", worker + "/medical",
            R"({"centre":"C","examined_on":"2026-11-25","outcome":"unfit","diagnosis":"x"})", 422),
      "diagnosis");
  EXPECT_EQ(field("POST", worker + "/medical",
                  R"({"centre":"C","examined_on":"2026-12-25","outcome":"fit"})", 422),
            "examined_on");
  EXPECT_EQ(
      field("POST", worker + "/orientation", R"({"centre":"","completed_on":"2026-11-20"})", 422),
      "centre");
  EXPECT_EQ(field("POST", worker + "/orientation", "[1]", 422), "body");
  // Unknown members of the corridor.
  field("POST", "/api/v1/workers/W-NOBODY/orientation", kOrientation, 404);
  field("POST", "/api/v1/contracts/C-NOTHING/insurance", kPolicy, 404);
  field("POST", "/api/v1/contracts/C-NOTHING/clearance", "", 404);
  field("GET", "/api/v1/clearances/DC-NOTHING", "", 404);
  field("POST", "/api/v1/clearances/DC-NOTHING/revoke",
        R"({"reason":"issued_in_error","note":"x"})", 404);
  EXPECT_EQ(field("GET", "/api/v1/clearances?worker=..%2F", "", 422), "worker");
  EXPECT_EQ(LedgerSize(), before);

  // Revocation's own input.
  ASSERT_EQ(Call("origin", "POST", worker + "/orientation", kOrientation).status, 201);
  ASSERT_EQ(Call("origin", "POST", worker + "/medical", kMedical).status, 201);
  ASSERT_EQ(Call("origin", "POST", contract + "/insurance", kPolicy).status, 201);
  const Response issued = Call("origin", "POST", contract + "/clearance");
  ASSERT_EQ(issued.status, 201);
  const std::string revoke =
      "/api/v1/clearances/" + testing::TestApi::Body(issued).Get("id")->AsString() + "/revoke";
  const uint64_t with_clearance = LedgerSize();
  EXPECT_EQ(field("POST", revoke, R"({"reason":"whim","note":"x"})", 422), "reason");
  EXPECT_EQ(field("POST", revoke, R"({"reason":"issued_in_error"})", 422), "note");
  EXPECT_EQ(field("POST", revoke, R"({"reason":"issued_in_error","note":"  "})", 422), "note");
  EXPECT_EQ(field("POST", revoke, R"({"reason":"issued_in_error","note":"x","by":"me"})", 422),
            "by");
  EXPECT_EQ(LedgerSize(), with_clearance);
  EXPECT_EQ(Call("origin", "POST", revoke, R"({"reason":"issued_in_error","note":"typo"})").status,
            200);
  EXPECT_EQ(Call("origin", "POST", revoke, R"({"reason":"issued_in_error","note":"typo"})").status,
            409);
}

TEST_F(ApiClearanceTest, TheWorkerSeesHerClearanceInFullWithTheContract) {
  const std::string worker = "/api/v1/workers/" + w1_.value();
  const std::string contract = "/api/v1/contracts/" + c1_.value();
  // Before any clearance: the member is null for those who may see one, absent for the others.
  EXPECT_TRUE(testing::TestApi::Body(Call("worker1", "GET", contract)).Get("clearance")->is_null());
  EXPECT_EQ(testing::TestApi::Body(Call("employer1", "GET", contract)).Get("clearance"), nullptr);
  ASSERT_EQ(Call("origin", "POST", worker + "/orientation", kOrientation).status, 201);
  ASSERT_EQ(Call("origin", "POST", worker + "/medical", kMedical).status, 201);
  ASSERT_EQ(Call("origin", "POST", contract + "/insurance", kPolicy).status, 201);
  ASSERT_EQ(Call("origin", "POST", contract + "/clearance").status, 201);
  const json::Value seen = testing::TestApi::Body(Call("worker1", "GET", contract));
  EXPECT_EQ(Conforms("Contract", seen), "");
  const json::Value* c = seen.Get("clearance");
  ASSERT_TRUE(c != nullptr && c->is_object());
  EXPECT_TRUE(c->Get("valid")->AsBool());
  EXPECT_NE(c->Get("evidence"), nullptr);
  EXPECT_EQ(c->Get("passport")->Get("number")->AsString(), "PA1234567");
  const json::Value officer = testing::TestApi::Body(Call("origin", "GET", contract));
  EXPECT_EQ(Conforms("Contract", officer), "");
  EXPECT_EQ(officer.Get("clearance")->Get("allowed_actions")->AsArray().size(), 1u);
  EXPECT_EQ(testing::TestApi::Body(Call("agency1", "GET", contract)).Get("clearance"), nullptr);
}

// Departure clearance's records are tables of documents: the ledger vouches for each row, so
// an edit behind the node's back is named by the audit, and no revocation is built on it.
TEST_F(ApiClearanceTest, AnEditedClearanceIsNamedByTheAuditAndNotChanged) {
  const std::string worker = "/api/v1/workers/" + w1_.value();
  const std::string contract = "/api/v1/contracts/" + c1_.value();
  ASSERT_EQ(Call("origin", "POST", worker + "/orientation", kOrientation).status, 201);
  ASSERT_EQ(Call("origin", "POST", worker + "/medical", kMedical).status, 201);
  ASSERT_EQ(Call("origin", "POST", contract + "/insurance", kPolicy).status, 201);
  Response issued = Call("origin", "POST", contract + "/clearance");
  ASSERT_EQ(issued.status, 201);
  const std::string id = testing::TestApi::Body(issued).Get("id")->AsString();
  EXPECT_EQ(store::testing::AuditProblems(*t_->node.store), "");
  auto sql = [&](const std::string& script) {
    auto conn = t_->node.store->database().Acquire();
    return conn.ok() && (*conn)->ExecScript(script).ok();
  };
  ASSERT_TRUE(
      sql("UPDATE clearances SET doc = REPLACE(doc, 'PA1234567', 'PA7777777') WHERE id = '" + id +
          "'"));
  const std::string problems = store::testing::AuditProblems(*t_->node.store);
  EXPECT_NE(problems.find("clearances " + id + ": the stored document is not the one event"),
            std::string::npos)
      << problems;
  const std::string why = R"({"reason":"agency_licence_revoked","note":"licence revoked"})";
  Response revoked = Call("origin", "POST", "/api/v1/clearances/" + id + "/revoke", why);
  EXPECT_EQ(revoked.status, 500);
  EXPECT_EQ(testing::TestApi::Body(revoked).Get("type")->AsString(), "/problems/data-loss");
  // Put back as the ledger recorded it, for the fixture's own audit.
  ASSERT_TRUE(
      sql("UPDATE clearances SET doc = REPLACE(doc, 'PA7777777', 'PA1234567') WHERE id = '" + id +
          "'"));
}

TEST_F(ApiClearanceTest, TheWorkerHoldsAPrintableClearanceAnyoneCanCheck) {
  const std::string worker = "/api/v1/workers/" + w1_.value();
  const std::string contract = "/api/v1/contracts/" + c1_.value();
  ASSERT_EQ(Call("origin", "POST", worker + "/orientation", kOrientation).status, 201);
  ASSERT_EQ(Call("origin", "POST", worker + "/medical", kMedical).status, 201);
  ASSERT_EQ(Call("origin", "POST", contract + "/insurance", kPolicy).status, 201);
  const Response issued = Call("origin", "POST", contract + "/clearance");
  ASSERT_EQ(issued.status, 201) << issued.body;
  const std::string id = testing::TestApi::Body(issued).Get("id")->AsString();
  const std::string doc = "/api/v1/clearances/" + id + "/document";

  // Her document, in her language (Nepali) beside English, with the QR code of its public check.
  const Response own = Call("worker1", "GET", doc);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.content_type, "text/html; charset=utf-8");
  EXPECT_NE(own.body.find("<html lang=\"ne\" dir=\"ltr\">"), std::string::npos);
  EXPECT_NE(own.body.find("श्रम स्वीकृति"), std::string::npos);
  EXPECT_NE(own.body.find("<svg"), std::string::npos);
  EXPECT_NE(own.body.find("/verify/" + id), std::string::npos);
  EXPECT_NE(own.body.find("PA1234567"), std::string::npos);
  EXPECT_NE(own.body.find("data-standing=\"valid\""), std::string::npos);
  const Response arabic = Call("origin", "GET", doc + "?lang=ar");
  ASSERT_EQ(arabic.status, 200);
  EXPECT_NE(arabic.body.find("dir=\"rtl\""), std::string::npos);
  const Response bad = Call("origin", "GET", doc + "?lang=xx");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(testing::TestApi::Body(bad).Get("field")->AsString(), "lang");
  for (const auto& [who, status] : Others(200)) {
    EXPECT_EQ(Call(who, "GET", doc).status, status) << who;
  }
  EXPECT_EQ(Call("origin", "GET", "/api/v1/clearances/DC-NOTHING/document").status, 404);
  EXPECT_EQ(t_->Call("GET", doc, "", "").status, 401);

  // The public check: where the clearance stands, nothing about her.
  auto check = [&](const std::string& target) { return t_->Call("GET", target, "", ""); };
  const Response json = check("/verify/" + id + "?format=json");
  ASSERT_EQ(json.status, 200) << json.body;
  const json::Value v = testing::TestApi::Body(json);
  EXPECT_EQ(Conforms("ClearanceVerification", v), "");
  EXPECT_TRUE(v.Get("registered")->AsBool());
  EXPECT_EQ(v.Get("integrity")->AsString(), "verified");
  EXPECT_EQ(v.Get("standing")->AsString(), "valid");
  EXPECT_TRUE(v.Get("valid")->AsBool());
  EXPECT_EQ(v.Get("contract")->AsString(), c1_.value());
  const Response page = check("/verify/" + id);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("data-standing=\"valid\""), std::string::npos);
  for (const Response* r : {&json, &page}) {
    for (const char* personal : {"PA1234567", "SITA", "THAPA", "Norvic", "Kathmandu Orientation",
                                 "Himalayan", w1_.value().c_str()}) {
      EXPECT_EQ(r->body.find(personal), std::string::npos) << personal;
    }
  }
  const Response unknown = check("/verify/DC-NOTHING?format=json");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(Conforms("ClearanceVerification", testing::TestApi::Body(unknown)), "");
  EXPECT_FALSE(testing::TestApi::Body(unknown).Get("registered")->AsBool());
  EXPECT_EQ(check("/verify/DC-NOTHING").status, 404);

  // Revoked: the check and the document say so.
  ASSERT_EQ(Call("origin", "POST", "/api/v1/clearances/" + id + "/revoke",
                 R"({"reason":"agency_licence_revoked","note":"licence DOFE-1234 revoked"})")
                .status,
            200);
  const json::Value after = testing::TestApi::Body(check("/verify/" + id + "?format=json"));
  EXPECT_EQ(after.Get("standing")->AsString(), "revoked");
  EXPECT_FALSE(after.Get("valid")->AsBool());
  EXPECT_EQ(Conforms("ClearanceVerification", after), "");
  EXPECT_EQ(check("/verify/" + id + "?format=json").body.find("DOFE"), std::string::npos);
  EXPECT_NE(Call("worker1", "GET", doc).body.find("data-standing=\"revoked\""), std::string::npos);
}

// The origin officer's queue: attested contracts without a valid clearance, each with what it
// lacks; the officer's alone.
TEST_F(ApiClearanceTest, TheQueueShowsWhatEachAttestedContractLacksToTheOriginOfficerAlone) {
  const std::map<std::string, int> roles = {
      {"admin", 403},      {"origin", 200},     {"origin-ph", 403},    {"dest", 403},
      {"embassy", 403},    {"employer1", 403},  {"agency1", 403},      {"worker1", 403},
      {"worker2", 403},    {"border", 403},     {"investigator", 403}, {"analyst", 403},
      {"caseworker", 403}, {"supervisor", 403}, {"hotline", 403}};
  ASSERT_EQ(roles.size(), tokens_.size());
  for (const auto& [who, status] : roles) {
    const Response r = Call(who, "GET", "/api/v1/clearances/queue");
    EXPECT_EQ(r.status, status) << who << ": " << r.body;
    if (status != 200) {
      EXPECT_EQ(Conforms("Problem", testing::TestApi::Body(r)), "") << who;
    }
  }

  // W1's contract is attested and lacks three records; W2's is not attested, so not there.
  const Response first = Call("origin", "GET", "/api/v1/clearances/queue");
  ASSERT_EQ(first.status, 200) << first.body;
  json::Value list = testing::TestApi::Body(first);
  EXPECT_EQ(ListConforms("ClearanceQueueItem", list), "");
  ASSERT_EQ(list.Get("items")->AsArray().size(), 1u);
  const json::Value& item = list.Get("items")->AsArray()[0];
  EXPECT_EQ(item.Get("contract")->AsString(), c1_.value());
  EXPECT_EQ(item.Get("worker")->AsString(), w1_.value());
  EXPECT_FALSE(item.Get("ready")->AsBool());
  std::vector<std::string> missing;
  for (const auto& m : item.Get("missing")->AsArray()) {
    missing.push_back(m.Get("requirement")->AsString());
    EXPECT_FALSE(m.Get("met")->AsBool());
  }
  EXPECT_EQ(missing, (std::vector<std::string>{"orientation", "insurance", "medical"}));
  EXPECT_EQ(Actions(item),
            (std::vector<std::string>{"record_orientation", "record_insurance", "record_medical"}));
  EXPECT_TRUE(item.Get("last_clearance")->is_null());

  // Everything recorded: it offers to issue; issued, it leaves the queue; revoked, it returns.
  const std::string worker = "/api/v1/workers/" + w1_.value();
  const std::string contract = "/api/v1/contracts/" + c1_.value();
  ASSERT_EQ(Call("origin", "POST", worker + "/orientation", kOrientation).status, 201);
  ASSERT_EQ(Call("origin", "POST", worker + "/medical", kMedical).status, 201);
  ASSERT_EQ(Call("origin", "POST", contract + "/insurance", kPolicy).status, 201);
  list = testing::TestApi::Body(Call("origin", "GET", "/api/v1/clearances/queue"));
  EXPECT_EQ(ListConforms("ClearanceQueueItem", list), "");
  const json::Value& ready = list.Get("items")->AsArray()[0];
  EXPECT_TRUE(ready.Get("ready")->AsBool());
  EXPECT_TRUE(ready.Get("missing")->AsArray().empty());
  EXPECT_EQ(Actions(ready)[0], "issue_clearance");
  const Response issued = Call("origin", "POST", contract + "/clearance");
  ASSERT_EQ(issued.status, 201) << issued.body;
  const std::string id = testing::TestApi::Body(issued).Get("id")->AsString();
  list = testing::TestApi::Body(Call("origin", "GET", "/api/v1/clearances/queue"));
  EXPECT_TRUE(list.Get("items")->AsArray().empty());
  EXPECT_TRUE(list.Get("next")->is_null());
  ASSERT_EQ(Call("origin", "POST", "/api/v1/clearances/" + id + "/revoke",
                 R"({"reason":"issued_in_error","note":"issued for the wrong contract"})")
                .status,
            200);
  list = testing::TestApi::Body(Call("origin", "GET", "/api/v1/clearances/queue"));
  EXPECT_EQ(ListConforms("ClearanceQueueItem", list), "");
  ASSERT_EQ(list.Get("items")->AsArray().size(), 1u);
  const json::Value* last = list.Get("items")->AsArray()[0].Get("last_clearance");
  ASSERT_TRUE(last != nullptr && last->is_object());
  EXPECT_EQ(last->Get("id")->AsString(), id);
  EXPECT_EQ(last->Get("standing")->AsString(), "revoked");

  // Paging is refused precisely, like every list's.
  for (const auto& [query, name] : std::vector<std::pair<std::string, std::string>>{
           {"limit=0", "limit"}, {"limit=abc", "limit"}, {"after=..%2F", "after"}}) {
    const Response bad = Call("origin", "GET", "/api/v1/clearances/queue?" + query);
    EXPECT_EQ(bad.status, 422) << query;
    EXPECT_EQ(testing::TestApi::Body(bad).Get("field")->AsString(), name) << query;
  }
}

}  // namespace
}  // namespace corridor::http
