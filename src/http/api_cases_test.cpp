// The protection routes driven through Api::Handle for every role, on both backends: who sees a
// complaint or a case (404 exactly as for a missing id, on every verb), strict parsing that
// stores nothing on bad input, and the answers' shapes against docs/openapi.yaml.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "http/testing.hpp"
#include "store/accounts.hpp"

namespace corridor::http {
namespace {

using domain::Role;
using testing::Conforms;
using testing::ListConforms;

// A Kuwaiti node with two Nepali workers and a Filipino one, an employer, and an account for
// every role, protection's among them (two of each of its staff, so "the other one" is tested).
class ApiCasesTest : public ::testing::Test {
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
    w.passport = {"P1234567A", "PHL", domain::testing::D("2030-01-01")};
    w.nationality = "PHL";
    w.preferred_language = "tl";
    w3_ = reg.RegisterWorker(sys, w)->id;
    auto make = [&](const char* name, Role role, const std::string& country,
                    std::optional<EmployerId> emp = std::nullopt,
                    std::optional<AgencyId> agency = std::nullopt,
                    std::optional<WorkerId> worker = std::nullopt) {
      auto token =
          t_->NewAccount(role, name, country, std::move(emp), std::move(agency), std::move(worker));
      ASSERT_TRUE(token.ok()) << name << ": " << token.status().ToString();
      tokens_[name] = *token;
      ids_[name] =
          testing::TestApi::Body(t_->Call("GET", "/api/v1/me", *token)).Get("id")->AsString();
    };
    make("admin", Role::kAdministrator, "KWT");
    make("origin", Role::kOriginOfficer, "KWT");
    make("dest", Role::kDestinationOfficer, "KWT");
    make("embassy-np", Role::kEmbassy, "NPL");
    make("embassy-ph", Role::kEmbassy, "PHL");
    make("employer1", Role::kEmployer, "", e1_);
    make("agency1", Role::kAgency, "", std::nullopt, a1_);
    make("worker1", Role::kWorker, "", std::nullopt, std::nullopt, w1_);
    make("worker2", Role::kWorker, "", std::nullopt, std::nullopt, w2_);
    make("border", Role::kBorderOfficer, "KWT");
    make("investigator", Role::kInvestigator, "KWT");
    make("investigator2", Role::kInvestigator, "KWT");
    make("caseworker", Role::kCaseworker, "KWT");
    make("supervisor", Role::kCaseSupervisor, "KWT");
    make("supervisor2", Role::kCaseSupervisor, "KWT");
    make("hotline", Role::kHotlineOperator, "KWT");
    make("analyst", Role::kAnalyst, "KWT");
  }

  Response Call(const std::string& who, const std::string& method, const std::string& target,
                const std::string& body = "") {
    return t_->Call(method, target, tokens_.at(who), body);
  }
  json::Value CallJson(const std::string& who, const std::string& method, const std::string& target,
                       const std::string& body = "") {
    const Response r = Call(who, method, target, body);
    EXPECT_LT(r.status, 300) << who << " " << method << " " << target << ": " << r.body;
    return testing::TestApi::Body(r);
  }

  static std::string ComplaintBody(const std::string& channel = "worker",
                                   const std::string& worker = "") {
    json::Object o;
    o.Set("channel", channel);
    if (!worker.empty()) o.Set("worker", worker);
    json::Array categories;
    categories.push_back("passport_kept");
    categories.push_back("unpaid_wages");
    o.Set("categories", std::move(categories));
    o.Set("text", "My passport is kept and I am not paid");
    o.Set("safe_contact", "evenings only");
    return json::Write(o);
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

  // Sita's complaint in a case assigned to the investigator; returns {complaint, case}.
  std::pair<std::string, std::string> AssignedCase() {
    const json::Value filed = CallJson("worker1", "POST", "/api/v1/complaints", ComplaintBody());
    const std::string complaint = filed.Get("reference")->AsString();
    const json::Value opened =
        CallJson("supervisor", "POST", "/api/v1/cases", R"({"complaint":")" + complaint + R"("})");
    const std::string k = opened.Get("id")->AsString();
    CallJson("supervisor", "POST", "/api/v1/cases/" + k + "/assign",
             R"({"assignee":")" + ids_.at("investigator") + R"("})");
    return {complaint, k};
  }

  std::unique_ptr<testing::TestApi> t_;
  EmployerId e1_;
  AgencyId a1_;
  WorkerId w1_, w2_, w3_;
  std::map<std::string, std::string> tokens_;
  std::map<std::string, std::string> ids_;
};

TEST_F(ApiCasesTest, AWorkerFilesAndIsAcknowledgedWithAReference) {
  const Response r = Call("worker1", "POST", "/api/v1/complaints", ComplaintBody());
  ASSERT_EQ(r.status, 201) << r.body;
  const json::Value ack = testing::TestApi::Body(r);
  EXPECT_EQ(Conforms("ComplaintAcknowledgement", ack), "");
  const std::string ref = ack.Get("reference")->AsString();
  EXPECT_EQ(std::string(r.header("Location")), "/api/v1/complaints/" + ref);
  // Her view: what she said and how far it came; never who handles it or her nationality.
  const json::Value own = CallJson("worker1", "GET", "/api/v1/complaints/" + ref);
  EXPECT_EQ(Conforms("OwnComplaint", own), "");
  EXPECT_EQ(own.Get("progress")->AsString(), "received");
  EXPECT_EQ(own.Get("filed_by"), nullptr);
  EXPECT_EQ(own.Get("worker_nationality"), nullptr);
  const json::Value full = CallJson("supervisor", "GET", "/api/v1/complaints/" + ref);
  EXPECT_EQ(Conforms("Complaint", full), "");
  EXPECT_NE(Conforms("OwnComplaint", full), "");  // the checker itself can fail
  EXPECT_EQ(ListConforms("OwnComplaint", CallJson("worker1", "GET", "/api/v1/complaints")), "");
  EXPECT_EQ(ListConforms("Complaint", CallJson("supervisor", "GET", "/api/v1/complaints")), "");

  // A hotline operator files for her and gets the acknowledgement, then sees nothing of it.
  const Response on_behalf =
      Call("hotline", "POST", "/api/v1/complaints", ComplaintBody("on_behalf", w1_.value()));
  ASSERT_EQ(on_behalf.status, 201) << on_behalf.body;
  const json::Value ack2 = testing::TestApi::Body(on_behalf);
  EXPECT_EQ(Conforms("ComplaintAcknowledgement", ack2), "");
  const std::string ref2 = ack2.Get("reference")->AsString();
  EXPECT_EQ(Call("hotline", "GET", "/api/v1/complaints/" + ref2).status, 404);
  EXPECT_EQ(Call("worker1", "GET", "/api/v1/complaints/" + ref2).status, 200);
  // She hears that a complaint was filed for her, and nothing more.
  const json::Value notes = CallJson("worker1", "GET", "/api/v1/notifications");
  bool told = false;
  for (const auto& n : notes.Get("items")->AsArray()) {
    if (n.Get("type")->AsString() == "complaint.filed_for_you") {
      told = true;
      EXPECT_EQ(n.Get("subject")->AsString(), ref2);
      EXPECT_EQ(json::Write(*n.Get("data")), "{}");
    }
  }
  EXPECT_TRUE(told);
}

TEST_F(ApiCasesTest, BadInputIsAPrecise422AndStoresNothing) {
  const uint64_t before = LedgerSize();
  auto problem = [&](const std::string& who, const std::string& body) {
    const Response r = Call(who, "POST", "/api/v1/complaints", body);
    EXPECT_EQ(r.status, 422) << body << ": " << r.body;
    const json::Value p = testing::TestApi::Body(r);
    EXPECT_EQ(Conforms("Problem", p), "");
    return p.Get("field") ? p.Get("field")->AsString() : std::string("(none)");
  };
  EXPECT_EQ(problem("hotline", ComplaintBody("on_behalf", "W-NOSUCH")), "worker");
  EXPECT_EQ(problem("hotline", ComplaintBody("on_behalf")), "worker");
  EXPECT_EQ(problem("worker1", R"({"channel":"worker","categories":["unpaid_wages"],"text":""})"),
            "text");
  EXPECT_EQ(
      problem("worker1", R"({"channel":"worker","categories":["unpaid_wages"],"text":"   "})"),
      "text");
  EXPECT_EQ(problem("worker1", R"({"channel":"worker","categories":["theft"],"text":"x"})"),
            "categories.0");
  EXPECT_EQ(problem("worker1", R"({"channel":"worker","categories":[],"text":"x"})"), "categories");
  EXPECT_EQ(problem("worker1", R"({"channel":"worker","categories":"unpaid_wages","text":"x"})"),
            "categories");
  EXPECT_EQ(
      problem("worker1", R"({"channel":"worker","categories":["other"],"text":"x","photo":"y"})"),
      "photo");
  EXPECT_EQ(problem("worker1", R"({"channel":"letter","categories":["other"],"text":"x"})"),
            "channel");
  EXPECT_EQ(problem("worker1", R"({"channel":"worker","categories":["other"],"text":7})"), "text");
  EXPECT_EQ(problem("worker1", R"({"channel":"worker","categories":["other"],"text":"x",)"
                               R"("employer":"E-NOSUCH"})"),
            "employer");
  json::Object huge;
  huge.Set("channel", "worker");
  json::Array cat;
  cat.push_back("other");
  huge.Set("categories", std::move(cat));
  huge.Set("text", std::string(5001, 'a'));
  EXPECT_EQ(problem("worker1", json::Write(huge)), "text");
  EXPECT_EQ(Call("worker1", "POST", "/api/v1/complaints", "{not json").status, 422);
  EXPECT_EQ(
      Call("analyst", "POST", "/api/v1/complaints", ComplaintBody("on_behalf", w1_.value())).status,
      403);
  EXPECT_EQ(LedgerSize(), before);

  // Steps on a case: bad bodies are 422 naming the field, and change nothing.
  const auto [complaint, k] = AssignedCase();
  const uint64_t at = LedgerSize();
  const std::string c = "/api/v1/cases/" + k;
  auto step = [&](const std::string& path, const std::string& body) {
    const Response r = Call("investigator", "POST", c + path, body);
    const json::Value p = testing::TestApi::Body(r);
    return std::to_string(r.status) + " " +
           (p.Get("field") ? p.Get("field")->AsString() : std::string("(none)"));
  };
  EXPECT_EQ(step("/indicators", R"({"indicators":[{"indicator":"slavery","value":"present"}]})"),
            "422 indicators.0.indicator");
  EXPECT_EQ(step("/indicators", R"({"indicators":[{"indicator":"isolation","value":"present"}]})"),
            "422 indicators.0.evidence");
  EXPECT_EQ(
      step("/indicators", R"({"indicators":[{"indicator":"isolation","value":"absent","x":1}]})"),
      "422 indicators.0.x");
  EXPECT_EQ(step("/indicators", R"({"indicators":[]})"), "422 indicators");
  EXPECT_EQ(step("/actions", R"({"description":""})"), "422 description");
  EXPECT_EQ(step("/actions", R"({"description":"call","due_on":"2030-01-01"})"), "422 due_on");
  EXPECT_EQ(step("/actions", R"({"description":"call","due_on":"soon"})"), "422 due_on");
  EXPECT_EQ(step("/close", R"({"outcome":"solved","reason":"x"})"), "422 outcome");
  EXPECT_EQ(step("/close", R"({"outcome":"withdrawn"})"), "422 reason");
  // No action is open yet, so completing one is not possible now (409, naming the state).
  EXPECT_EQ(step("/actions/A9/complete", R"({"note":"done"})"), "409 (none)");
  EXPECT_EQ(LedgerSize(), at);
  const Response assign =
      Call("supervisor", "POST", c + "/assign", R"({"assignee":")" + ids_.at("analyst") + R"("})");
  EXPECT_EQ(assign.status, 422);
  EXPECT_EQ(testing::TestApi::Body(assign).Get("field")->AsString(), "assignee");
  EXPECT_EQ(
      Call("supervisor", "POST", "/api/v1/cases", R"({"complaint":")" + complaint + R"("})").status,
      409);
  EXPECT_EQ(Call("supervisor", "GET", "/api/v1/cases?state=open").status, 422);
  EXPECT_EQ(Call("supervisor", "GET", "/api/v1/cases?flagged=yes").status, 422);
  EXPECT_EQ(LedgerSize(), at);
}

// Object-level authorization: every role against every case and complaint endpoint. Whoever may
// not see the case gets 404 exactly as for a missing id, on every verb, before the body is read;
// whoever sees it but may not take the step gets 403.
TEST_F(ApiCasesTest, EveryRoleAgainstEveryCaseEndpoint) {
  const auto [complaint, k] = AssignedCase();
  const uint64_t before = LedgerSize();
  const std::vector<std::string> everyone = {
      "admin",      "origin",     "dest",        "embassy-np", "embassy-ph",   "employer1",
      "agency1",    "worker1",    "worker2",     "border",     "investigator", "investigator2",
      "caseworker", "supervisor", "supervisor2", "hotline",    "analyst"};
  // `skip`: those who may take the step (the workflow test takes it).
  auto expect = [&](const std::string& method, const std::string& target, const std::string& body,
                    const std::map<std::string, int>& allowed, int otherwise,
                    const std::set<std::string>& skip = {}) {
    for (const auto& who : everyone) {
      if (skip.count(who)) continue;
      const auto it = allowed.find(who);
      const int want = it == allowed.end() ? otherwise : it->second;
      const Response r = Call(who, method, target, body);
      EXPECT_EQ(r.status, want) << who << " " << method << " " << target << ": " << r.body;
      if (r.status == 404) {
        // Exactly as for a missing id: the same problem, naming nothing more.
        EXPECT_EQ(testing::TestApi::Body(r).Get("type")->AsString(), "/problems/not-found");
      }
    }
  };
  const std::string c = "/api/v1/cases/" + k;
  const std::string q = "/api/v1/complaints/" + complaint;
  // Reads.
  expect("GET", c, "", {{"investigator", 200}, {"supervisor", 200}, {"embassy-np", 200}}, 404);
  expect("GET", c + "/reads", "", {{"investigator", 403}, {"supervisor", 200}, {"embassy-np", 403}},
         404);
  expect("GET", c + "/assignees", "",
         {{"investigator", 403}, {"supervisor", 200}, {"embassy-np", 403}}, 404);
  expect("GET", q, "",
         {{"investigator", 200}, {"supervisor", 200}, {"embassy-np", 200}, {"worker1", 200}}, 404);
  expect("GET", q + "/messages", "",
         {{"investigator", 200}, {"supervisor", 200}, {"embassy-np", 200}, {"worker1", 200}}, 404);
  // Steps, each with a body that would be taken from one who may: refused, nothing recorded.
  const std::string assign = R"({"assignee":")" + ids_.at("investigator2") + R"("})";
  expect("POST", c + "/assign", assign, {{"investigator", 403}, {"embassy-np", 403}}, 404,
         {"supervisor"});
  expect("POST", c + "/complaints", R"({"complaint":"CP-NOSUCH"})",
         {{"investigator", 403}, {"embassy-np", 403}}, 404, {"supervisor"});
  for (const auto& [path, body] : std::vector<std::pair<std::string, std::string>>{
           {"/indicators", R"({"indicators":[{"indicator":"isolation","value":"absent"}]})"},
           {"/actions", R"({"description":"call the employer"})"},
           {"/actions/A1/complete", R"({"note":"done"})"},
           {"/close", R"({"outcome":"withdrawn","reason":"she asked"})"}}) {
    expect("POST", c + path, body, {{"embassy-np", 403}}, 404, {"supervisor", "investigator"});
  }
  EXPECT_EQ(LedgerSize(), before);
  // A missing id answers the same.
  expect("GET", "/api/v1/cases/CS-NOSUCH", "", {}, 404);
  expect("GET", "/api/v1/cases/CS-NOSUCH/assignees", "", {}, 404);
  expect("POST", "/api/v1/cases/CS-NOSUCH/close", R"({"outcome":"withdrawn","reason":"x"})", {},
         404);
  expect("GET", "/api/v1/complaints/CP-NOSUCH", "", {}, 404);
  // Opening a case: only a supervisor who sees the complaint (it is in a case already: 409).
  expect("POST", "/api/v1/cases", R"({"complaint":")" + complaint + R"("})",
         {{"supervisor", 409}, {"investigator", 403}, {"embassy-np", 403}, {"worker1", 403}}, 404);
  // Posting a message: whoever sees the complaint.
  expect("POST", q + "/messages", R"({"text":)",
         {{"investigator", 422}, {"supervisor", 422}, {"embassy-np", 422}, {"worker1", 422}}, 404);
  EXPECT_EQ(LedgerSize(), before);

  // Lists hold what each may see; roles that see none are refused.
  auto count = [&](const std::string& who, const std::string& target) {
    const Response r = Call(who, "GET", target);
    if (r.status != 200) return -r.status;
    return static_cast<int>(testing::TestApi::Body(r).Get("items")->AsArray().size());
  };
  const std::map<std::string, int> cases = {
      {"investigator", 1}, {"supervisor", 1},  {"embassy-np", 1}, {"investigator2", 0},
      {"caseworker", 0},   {"supervisor2", 0}, {"embassy-ph", 0}};
  for (const auto& who : everyone) {
    const auto it = cases.find(who);
    EXPECT_EQ(count(who, "/api/v1/cases"), it == cases.end() ? -403 : it->second) << who;
  }
  const std::map<std::string, int> complaints = {
      {"investigator", 1},  {"supervisor", 1}, {"embassy-np", 1},  {"worker1", 1},   {"worker2", 0},
      {"investigator2", 0}, {"caseworker", 0}, {"supervisor2", 0}, {"embassy-ph", 0}};
  for (const auto& who : everyone) {
    const auto it = complaints.find(who);
    EXPECT_EQ(count(who, "/api/v1/complaints"), it == complaints.end() ? -403 : it->second) << who;
  }
  // Protection's ledger events are not served by the event endpoint, to anyone.
  std::string index;
  const std::string case_id = k;  // clang 14 cannot capture a structured binding
  ASSERT_TRUE(t_->node.store
                  ->Read([&](store::ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto events, tx.History(case_id, 10));
                    index = json::FormatNumber(events.at(0).Get("index")->AsNumber());
                    return Status::Ok();
                  })
                  .ok());
  for (const char* who : {"dest", "origin", "border", "supervisor"}) {
    const int status = Call(who, "GET", "/api/v1/ledger/events/" + index).status;
    EXPECT_TRUE(status == 404 || status == 403) << who << " " << status;
  }
}

TEST_F(ApiCasesTest, TheQueueByDeadlineAndWhomACaseMayBeAssignedTo) {
  const auto [complaint, assigned] = AssignedCase();
  // A second case, still in intake: its assessment is due before the assigned one's action.
  const json::Value filed = CallJson("worker2", "POST", "/api/v1/complaints", ComplaintBody());
  const std::string intake =
      CallJson("supervisor", "POST", "/api/v1/cases",
               R"({"complaint":")" + filed.Get("reference")->AsString() + R"("})")
          .Get("id")
          ->AsString();
  ASSERT_EQ(Call("investigator", "POST", "/api/v1/cases/" + assigned + "/actions",
                 R"({"description":"recover the passport"})")
                .status,
            201);
  json::Value page = CallJson("supervisor", "GET", "/api/v1/cases?order=due&limit=1");
  EXPECT_EQ(ListConforms("Case", page), "");
  ASSERT_EQ(page.Get("items")->AsArray().size(), 1u);
  const json::Value& first = page.Get("items")->AsArray()[0];
  EXPECT_EQ(first.Get("id")->AsString(), intake);
  EXPECT_EQ(first.Get("next_due")->AsString(), first.Get("assessment_due")->AsString());
  const std::string next = page.Get("next")->AsString();
  page = CallJson("supervisor", "GET", "/api/v1/cases?order=due&limit=1&after=" + next);
  ASSERT_EQ(page.Get("items")->AsArray().size(), 1u);
  EXPECT_EQ(page.Get("items")->AsArray()[0].Get("id")->AsString(), assigned);
  EXPECT_EQ(page.Get("items")->AsArray()[0].Get("next_due")->AsString().substr(11),
            "00:00:00.000Z");  // the first instant after the action's last day
  // Bad order or cursor: 422 naming the parameter.
  for (const auto& [target, field] : std::vector<std::pair<std::string, std::string>>{
           {"/api/v1/cases?order=deadline", "order"},
           {"/api/v1/cases?order=due&after=" + intake, "after"},
           {"/api/v1/cases?order=due&after=12.", "after"}}) {
    const Response r = Call("supervisor", "GET", target);
    EXPECT_EQ(r.status, 422) << target;
    EXPECT_EQ(testing::TestApi::Body(r).Get("field")->AsString(), field) << target;
  }
  // Whom the intake case may go to: the node's investigators and caseworker, not its supervisors.
  const json::Value staff = CallJson("supervisor", "GET", "/api/v1/cases/" + intake + "/assignees");
  EXPECT_EQ(ListConforms("CaseAssignee", staff), "");
  std::set<std::string> ids;
  for (const auto& a : staff.Get("items")->AsArray()) ids.insert(a.Get("id")->AsString());
  EXPECT_EQ(ids, (std::set<std::string>{ids_.at("investigator"), ids_.at("investigator2"),
                                        ids_.at("caseworker")}));
  // Closed, it may be assigned to no one: 409 naming its state.
  CallJson("supervisor", "POST", "/api/v1/cases/" + intake + "/close",
           R"({"outcome":"withdrawn","reason":"she asked"})");
  EXPECT_EQ(Call("supervisor", "GET", "/api/v1/cases/" + intake + "/assignees").status, 409);
}

TEST_F(ApiCasesTest, TheWorkflowThroughTheApiAndWhoReadTheCase) {
  const auto [complaint, k] = AssignedCase();
  const std::string c = "/api/v1/cases/" + k;
  json::Value v = CallJson("investigator", "GET", c);
  EXPECT_EQ(Conforms("Case", v), "");
  EXPECT_EQ(v.Get("state")->AsString(), "in_progress");
  EXPECT_EQ(json::Write(*v.Get("allowed_actions")),
            R"(["assess_indicators","add_action","close"])");
  v = CallJson("investigator", "POST", c + "/indicators",
               R"({"indicators":[{"indicator":"retention_of_identity_documents",)"
               R"("value":"present","evidence":"the employer admitted it"}]})");
  EXPECT_TRUE(v.Get("trafficking_flag")->AsBool());
  EXPECT_EQ(v.Get("flag_rule")->AsString(), "severe");
  const Response added =
      Call("investigator", "POST", c + "/actions", R"({"description":"recover the passport"})");
  ASSERT_EQ(added.status, 201) << added.body;
  v = CallJson("investigator", "POST", c + "/actions/A1/complete", R"({"note":"returned"})");
  EXPECT_TRUE(v.Get("actions")->AsArray()[0].Get("done")->AsBool());
  EXPECT_EQ(Conforms("Case", v), "");
  // The flag filter finds it.
  EXPECT_EQ(
      CallJson("supervisor", "GET", "/api/v1/cases?flagged=true").Get("items")->AsArray().size(),
      1u);
  // Messages: the worker's view never names the author.
  ASSERT_EQ(Call("investigator", "POST", "/api/v1/complaints/" + complaint + "/messages",
                 R"({"text":"we have your passport"})")
                .status,
            201);
  ASSERT_EQ(Call("worker1", "POST", "/api/v1/complaints/" + complaint + "/messages",
                 R"({"text":"thank you"})")
                .status,
            201);
  const json::Value seen =
      CallJson("worker1", "GET", "/api/v1/complaints/" + complaint + "/messages");
  EXPECT_EQ(ListConforms("ComplaintMessage", seen), "");
  ASSERT_EQ(seen.Get("items")->AsArray().size(), 2u);
  EXPECT_EQ(seen.Get("items")->AsArray()[0].Get("from")->AsString(), "case_team");
  EXPECT_EQ(seen.Get("items")->AsArray()[0].Get("author"), nullptr);
  const json::Value staff =
      CallJson("investigator", "GET", "/api/v1/complaints/" + complaint + "/messages");
  EXPECT_EQ(staff.Get("items")->AsArray()[0].Get("author")->AsString(), ids_.at("investigator"));
  v = CallJson("investigator", "POST", c + "/close",
               R"({"outcome":"resolved_with_payment","reason":"paid and passport returned"})");
  EXPECT_EQ(v.Get("outcome")->AsString(), "resolved_with_payment");
  EXPECT_EQ(json::Write(*v.Get("allowed_actions")), "[]");
  const json::Value own = CallJson("worker1", "GET", "/api/v1/complaints/" + complaint);
  EXPECT_EQ(own.Get("progress")->AsString(), "closed");
  EXPECT_EQ(own.Get("outcome")->AsString(), "resolved_with_payment");

  // Someone who may not read it tries; the supervisor sees who read it and who was refused.
  EXPECT_EQ(Call("investigator2", "GET", c).status, 404);
  const json::Value reads = CallJson("supervisor", "GET", c + "/reads");
  EXPECT_EQ(ListConforms("CaseRead", reads), "");
  bool refused = false, read = false;
  for (const auto& r : reads.Get("items")->AsArray()) {
    refused = refused || (r.Get("account")->AsString() == ids_.at("investigator2") &&
                          !r.Get("allowed")->AsBool());
    read = read || (r.Get("account")->AsString() == ids_.at("investigator") &&
                    r.Get("allowed")->AsBool() && r.Get("action")->AsString() == "view");
  }
  EXPECT_TRUE(refused);
  EXPECT_TRUE(read);
  // The staff hear there is news; the notification carries no content.
  const json::Value notes = CallJson("investigator", "GET", "/api/v1/notifications");
  ASSERT_FALSE(notes.Get("items")->AsArray().empty());
  for (const auto& n : notes.Get("items")->AsArray()) {
    EXPECT_EQ(json::Write(*n.Get("data")), "{}");
  }
}

}  // namespace
}  // namespace corridor::http
