// The permit's routes: one permit (GET /api/v1/permits/{id}) with its allowed actions, and its
// renewal (POST /api/v1/permits/{id}/renew), for every role, with every refusal.
#include <gtest/gtest.h>

#include "codec/codec.hpp"
#include "http/api.hpp"
#include "http/testing.hpp"

namespace corridor::http {
namespace {

using domain::Role;
using domain::testing::D;

// A Kuwaiti node that grants permits for 12 months at a time, with W1's contract C1 active
// (2026-12-01 for 24 months, to 2028-12-01) and its permit P1 ending on 2027-12-01; the clock a
// month before that end, on 2027-11-01; an account for every role.
class ApiPermitsTest : public ::testing::Test {
 protected:
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
    domain::CountryRules rules = domain::testing::KuwaitRules();
    rules.permit_max_months = 12;
    ASSERT_TRUE(reg.SetCountryRules(sys, rules).ok());
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
    domain::ContractTerms t = domain::testing::SampleTerms();
    t.worker = w1_;
    t.employer = e1_;
    t.agency = a1_;
    t.start_date = D("2026-12-01");
    c1_ = reg.DraftContract(sys, t)->id;
    ASSERT_TRUE(reg.OfferContract(sys, c1_).ok());
    ASSERT_TRUE(reg.AcceptContract(sys, c1_).ok());
    ASSERT_TRUE(reg.AttestContract(sys, c1_).ok());
    ASSERT_TRUE(reg.AuthenticateContract(sys, c1_, std::nullopt).ok());
    auto permit = reg.IssuePermit(sys, c1_);
    ASSERT_TRUE(permit.ok()) << permit.status().ToString();
    p1_ = permit->id;
    person_number_ = permit->person_number;
    ASSERT_EQ(permit->valid_until, D("2027-12-01")) << "12 months of the contract's 24";
    t_->node.clock->Set(*Timestamp::Parse("2027-11-01T08:00:00Z"));
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
    make("dest-sa", Role::kDestinationOfficer, "SAU");
    make("origin-np", Role::kOriginOfficer, "NPL");
    make("embassy-np", Role::kEmbassy, "NPL");
    make("employer1", Role::kEmployer, "", e1_);
    make("employer2", Role::kEmployer, "", e2_);
    make("agency1", Role::kAgency, "", std::nullopt, a1_);
    make("worker1", Role::kWorker, "", std::nullopt, std::nullopt, w1_);
    make("worker2", Role::kWorker, "", std::nullopt, std::nullopt, w2_);
    make("border", Role::kBorderOfficer, "KWT");
    make("investigator", Role::kInvestigator, "KWT");
    make("analyst", Role::kAnalyst, "KWT");
    make("caseworker", Role::kCaseworker, "KWT");
    make("hotline", Role::kHotlineOperator, "KWT");
  }

  Response Call(const std::string& who, const std::string& method, const std::string& target,
                const std::string& body = "") {
    return t_->Call(method, target, tokens_.at(who), body);
  }
  std::string PermitPath() const { return "/api/v1/permits/" + p1_.value(); }
  static std::string End(const char* date) { return std::string(R"({"end":")") + date + R"("})"; }

  domain::Permit Stored() {
    domain::Permit p;
    EXPECT_TRUE(t_->node.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(p, tx.GetPermit(p1_));
                      return Status::Ok();
                    })
                    .ok());
    return p;
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
  EmployerId e1_, e2_;
  AgencyId a1_;
  WorkerId w1_, w2_;
  ContractId c1_;
  PermitId p1_;
  std::string person_number_;
  std::map<std::string, std::string> tokens_;
};

using V = std::vector<std::string>;

// One permit is seen by whoever sees it in the list: its worker, its employer, the destination's
// authority, the embassy and the border (the origin's officer sees the copy at the origin's
// node). Anyone else gets 404, exactly as for a permit that does not exist.
TEST_F(ApiPermitsTest, APermitIsSeenOnNeedToKnowWithTheStepsItsReaderMayTake) {
  const std::map<std::string, int> want = {
      {"admin", 404},      {"dest", 200},       {"dest-sa", 404},   {"origin-np", 404},
      {"embassy-np", 200}, {"employer1", 200},  {"employer2", 404}, {"agency1", 404},
      {"worker1", 200},    {"worker2", 404},    {"border", 200},    {"investigator", 404},
      {"analyst", 404},    {"caseworker", 404}, {"hotline", 404}};
  for (const auto& [who, status] : want) {
    EXPECT_EQ(Call(who, "GET", PermitPath()).status, status) << who;
    EXPECT_EQ(Call(who, "GET", "/api/v1/permits/P-NOSUCHPERMIT").status, 404) << who;
  }
  auto actions = [&](const char* who) {
    V out;
    const json::Value body = testing::TestApi::Body(Call(who, "GET", PermitPath()));
    for (const auto& a : body.Get("allowed_actions")->AsArray()) out.push_back(a.AsString());
    return out;
  };
  EXPECT_EQ(actions("dest"), V{"renew"});
  EXPECT_EQ(actions("worker1"), V{"file_transfer"});
  EXPECT_EQ(actions("employer1"), V{"report_absence"});
  EXPECT_EQ(actions("border"), V{});
  EXPECT_EQ(actions("embassy-np"), V{});
  // The list carries the same view.
  const json::Value list = testing::TestApi::Body(Call("dest", "GET", "/api/v1/permits"));
  ASSERT_EQ(list.Get("items")->AsArray().size(), 1u);
  EXPECT_EQ(json::Canonical(list.Get("items")->AsArray()[0]),
            json::Canonical(testing::TestApi::Body(Call("dest", "GET", PermitPath()))));
}

// Only the destination's officer renews: a reader who sees the permit is told 403, anyone else
// 404 as for a permit that does not exist; nothing is written either way.
TEST_F(ApiPermitsTest, OnlyTheDestinationAuthorityRenews) {
  const uint64_t size = LedgerSize();
  const std::map<std::string, int> want = {
      {"admin", 404},      {"dest-sa", 404},   {"origin-np", 404},    {"embassy-np", 403},
      {"employer1", 403},  {"employer2", 404}, {"agency1", 404},      {"worker1", 403},
      {"worker2", 404},    {"border", 403},    {"investigator", 404}, {"analyst", 404},
      {"caseworker", 404}, {"hotline", 404}};
  for (const auto& [who, status] : want) {
    EXPECT_EQ(Call(who, "POST", PermitPath() + "/renew", End("2028-06-01")).status, status) << who;
    // A permit that does not exist is 404 for every role, even one that may never renew.
    EXPECT_EQ(Call(who, "POST", "/api/v1/permits/P-NOSUCHPERMIT/renew", End("2028-06-01")).status,
              404)
        << who;
  }
  EXPECT_EQ(Call("dest", "POST", "/api/v1/permits/P-NOSUCHPERMIT/renew", End("2028-06-01")).status,
            404);
  EXPECT_EQ(LedgerSize(), size);
  EXPECT_EQ(Stored().valid_until, D("2027-12-01"));
}

// Bad input and the rule's refusals name the field and change nothing.
TEST_F(ApiPermitsTest, RefusalsNameTheFieldAndChangeNothing) {
  const uint64_t size = LedgerSize();
  struct Case {
    std::string body;
    int status;
    const char* field;
  };
  const Case cases[] = {
      {"{}", 422, "end"},
      {R"({"end":""})", 422, "end"},
      {R"({"end":"2028-02-30"})", 422, "end"},
      {R"({"end":20280601})", 422, "end"},
      {R"({"end":"2028-06-01","valid_until":"2028-06-01"})", 422, "valid_until"},
      {End("2027-12-01"), 409, "end"},  // the current end
      {End("2027-06-01"), 409, "end"},  // before it
      {End("2028-12-02"), 409, "end"},  // beyond the contract's term
      {End("2028-11-02"), 409, "end"},  // more than 12 months from today
  };
  for (const Case& k : cases) {
    Response r = Call("dest", "POST", PermitPath() + "/renew", k.body);
    EXPECT_EQ(r.status, k.status) << k.body << " " << r.body;
    EXPECT_EQ(r.content_type, "application/problem+json") << k.body;
    const json::Value problem = testing::TestApi::Body(r);
    ASSERT_NE(problem.Get("field"), nullptr) << k.body << " " << r.body;
    EXPECT_EQ(problem.Get("field")->AsString(), k.field) << k.body;
  }
  Response beyond = Call("dest", "POST", PermitPath() + "/renew", End("2029-06-01"));
  EXPECT_NE(testing::TestApi::Body(beyond).Get("detail")->AsString().find("2028-12-01"),
            std::string::npos)
      << beyond.body;
  EXPECT_EQ(LedgerSize(), size);
  EXPECT_EQ(Stored().valid_until, D("2027-12-01"));
}

TEST_F(ApiPermitsTest, TheDestinationRenewsWithinTheContractsTermKeepingThePermit) {
  const uint64_t size = LedgerSize();
  Response r = Call("dest", "POST", PermitPath() + "/renew", End("2028-06-01"));
  ASSERT_EQ(r.status, 200) << r.body;
  const json::Value v = testing::TestApi::Body(r);
  EXPECT_EQ(v.Get("id")->AsString(), p1_.value());
  EXPECT_EQ(v.Get("valid_until")->AsString(), "2028-06-01");
  EXPECT_EQ(v.Get("status")->AsString(), "active");
  EXPECT_EQ(v.Get("person_number")->AsString(), person_number_) << "the person number stays";
  EXPECT_EQ(json::Write(*v.Get("allowed_actions")), R"(["renew"])") << "up to the contract's end";
  EXPECT_EQ(LedgerSize(), size + 1) << "permit.renewed";
  // The worker and the employer are told, with ids, state and the new end only.
  for (const char* who : {"worker1", "employer1"}) {
    const json::Value notes = testing::TestApi::Body(Call(who, "GET", "/api/v1/notifications"));
    bool told = false;
    for (const auto& n : notes.Get("items")->AsArray()) {
      if (n.Get("type")->AsString() != "permit.renewed") continue;
      told = true;
      EXPECT_EQ(n.Get("data")->Get("valid_until")->AsString(), "2028-06-01");
    }
    EXPECT_TRUE(told) << who;
  }
  // Again, as far as 12 months from today reach; the contract's term still runs past it.
  r = Call("dest", "POST", PermitPath() + "/renew", End("2028-11-01"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::Write(*testing::TestApi::Body(r).Get("allowed_actions")), R"(["renew"])");
  EXPECT_EQ(Stored().valid_until, D("2028-11-01"));
  // A permit that is no longer active is not renewed: its contract ended.
  json::Object end;
  end.Set("reason", "resignation");
  end.Set("on", "2027-11-01");
  ASSERT_EQ(
      Call("dest", "POST", "/api/v1/contracts/" + c1_.value() + "/end", json::Write(end)).status,
      200);
  r = Call("dest", "POST", PermitPath() + "/renew", End("2028-11-15"));
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(testing::TestApi::Body(r).Get("field")->AsString(), "status");
}

}  // namespace
}  // namespace corridor::http
