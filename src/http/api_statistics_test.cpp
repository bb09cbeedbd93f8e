// The statistics API without login: releases made by an administrator, tables served only from
// what a release stored, with their caching headers, and every bad request refused by name
// without changing anything. On both backends.
#include <gtest/gtest.h>

#include "core/encoding.hpp"
#include "domain/testing.hpp"
#include "http/testing.hpp"

namespace corridor::http {
namespace {

using domain::Role;
using domain::testing::D;
using testing::Conforms;
using testing::ListConforms;

class ApiStatisticsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto api = testing::TestApi::Create("KWT", *Timestamp::Parse("2026-11-10T08:00:00Z"));
    ASSERT_TRUE(api.ok()) << api.status().ToString() << " " << api.status().detail();
    t_ = std::move(*api);
    auto& reg = *t_->registry;
    ASSERT_TRUE(service::testing::SeedReferenceData(reg).ok());
    domain::Employer e = domain::testing::SampleEmployer();
    e.id = EmployerId();
    employer_ = reg.RegisterEmployer(sys_, e)->id;
    LogIn();
  }

  // Sessions expire: after the clock moves on, everyone logs in again (as new accounts).
  void LogIn() {
    ++logins_;
    for (auto [name, role] :
         {std::pair{"admin", Role::kAdministrator}, std::pair{"dest", Role::kDestinationOfficer},
          std::pair{"analyst", Role::kAnalyst}}) {
      auto token = t_->NewAccount(role, name + std::to_string(logins_), "KWT");
      ASSERT_TRUE(token.ok()) << name << ": " << token.status().ToString();
      tokens_[name] = *token;
    }
  }

  void SetClock(const char* time) {
    t_->node.clock->Set(*Timestamp::Parse(time));
    LogIn();
  }

  void Hire(const std::string& nationality, domain::Sex sex, int n) {
    auto& reg = *t_->registry;
    domain::Worker w = domain::testing::SampleWorker();
    w.id = WorkerId();
    w.nationality = nationality;
    w.sex = sex;
    w.passport = {"PA" + std::to_string(8000000 + n), nationality, D("2031-03-01")};
    auto worker = reg.RegisterWorker(sys_, w);
    ASSERT_TRUE(worker.ok()) << worker.status().ToString();
    domain::ContractTerms t = domain::testing::SampleTerms();
    t.worker = worker->id;
    t.employer = employer_;
    t.agency.reset();
    t.origin_country = nationality;
    t.languages = {"ne", "en"};
    t.start_date = D("2026-12-01");
    auto c = reg.DraftContract(sys_, t);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    ASSERT_TRUE(reg.OfferContract(sys_, c->id).ok());
    ASSERT_TRUE(reg.AcceptContract(sys_, c->id).ok());
    ASSERT_TRUE(reg.AttestContract(sys_, c->id).ok());
  }

  Response Call(const std::string& who, const std::string& method, const std::string& target,
                const std::string& body = "", std::vector<Header> headers = {}) {
    if (!body.empty()) headers.push_back({"Content-Type", "application/json"});
    return t_->Call(method, target, who.empty() ? "" : tokens_.at(who), body, std::move(headers));
  }

  static json::Value Body(const Response& r) { return testing::TestApi::Body(r); }

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
  const domain::Actor sys_ = domain::SystemActor();
  EmployerId employer_;
  std::map<std::string, std::string> tokens_;
  int logins_ = 0;
};

TEST_F(ApiStatisticsTest, AnAdministratorReleasesAndAnyoneReadsTheStoredTables) {
  for (int i = 0; i < 8; ++i) Hire("NPL", i % 2 ? domain::Sex::kMale : domain::Sex::kFemale, i);
  Hire("BGD", domain::Sex::kFemale, 99);
  // Before any release: nothing to read.
  Response none = Call("", "GET", "/api/v1/statistics/tables/contracts_attested?rows=sex");
  EXPECT_EQ(none.status, 404);
  EXPECT_EQ(Body(none).Get("field")->AsString(), "release");

  // November is not over.
  uint64_t size = LedgerSize();
  Response early = Call("admin", "POST", "/api/v1/statistics/releases", R"({"id":"2026-11"})");
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(Body(early).Get("field")->AsString(), "id");
  EXPECT_EQ(Conforms("Problem", Body(early)), "");
  EXPECT_EQ(LedgerSize(), size);
  SetClock("2026-12-02T08:00:00Z");
  size = LedgerSize();
  // Only an administrator makes a release, and only when logged in.
  EXPECT_EQ(Call("dest", "POST", "/api/v1/statistics/releases", R"({"id":"2026-11"})").status, 403);
  EXPECT_EQ(Call("analyst", "POST", "/api/v1/statistics/releases", R"({"id":"2026-11"})").status,
            403);
  EXPECT_EQ(Call("", "POST", "/api/v1/statistics/releases", R"({"id":"2026-11"})").status, 401);
  Response bad = Call("admin", "POST", "/api/v1/statistics/releases", R"({"id":"November"})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(Body(bad).Get("field")->AsString(), "id");
  Response extra =
      Call("admin", "POST", "/api/v1/statistics/releases", R"({"id":"2026-11","seed":1})");
  EXPECT_EQ(extra.status, 422);
  EXPECT_EQ(Body(extra).Get("field")->AsString(), "seed");
  EXPECT_EQ(LedgerSize(), size);

  Response made = Call("admin", "POST", "/api/v1/statistics/releases", R"({"id":"2026-11"})");
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(Conforms("StatisticsRelease", Body(made)), "");
  EXPECT_EQ(made.body.find("seed"), std::string::npos);
  Response twice = Call("admin", "POST", "/api/v1/statistics/releases", R"({"id":"2026-11"})");
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(Body(twice).Get("type")->AsString(), "/problems/already-exists");
  EXPECT_EQ(Body(twice).Get("field")->AsString(), "id");

  // Anyone reads, without login.
  Response list = Call("", "GET", "/api/v1/statistics/releases");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(ListConforms("StatisticsRelease", Body(list)), "");
  EXPECT_EQ(Body(list).Get("items")->AsArray().size(), 1u);
  Response one = Call("", "GET", "/api/v1/statistics/releases/2026-11");
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(Body(one), Body(made));
  Response defs = Call("", "GET", "/api/v1/statistics/indicators");
  ASSERT_EQ(defs.status, 200);
  EXPECT_EQ(Conforms("StatisticsDefinitions", Body(defs)), "");
  EXPECT_EQ(defs.header("Cache-Control"), "public, max-age=3600");

  Response latest = Call("", "GET", "/api/v1/statistics/tables/contracts_attested?rows=sex");
  ASSERT_EQ(latest.status, 200) << latest.body;
  EXPECT_EQ(Conforms("StatisticsTable", Body(latest)), "");
  EXPECT_EQ(latest.header("Cache-Control"), "public, max-age=300");
  const std::string etag(latest.header("ETag"));
  EXPECT_EQ(etag.size(), 66u);
  Response named =
      Call("", "GET", "/api/v1/statistics/tables/contracts_attested?rows=sex&release=2026-11");
  ASSERT_EQ(named.status, 200);
  EXPECT_EQ(named.body, latest.body);
  EXPECT_EQ(named.header("Cache-Control"), "public, max-age=31536000, immutable");
  Response cached = Call("", "GET", "/api/v1/statistics/tables/contracts_attested?rows=sex", "",
                         {{"If-None-Match", etag}});
  EXPECT_EQ(cached.status, 304);
  EXPECT_TRUE(cached.body.empty());
  Response stale = Call("", "GET", "/api/v1/statistics/tables/contracts_attested?rows=sex", "",
                        {{"If-None-Match", "\"0000\""}});
  EXPECT_EQ(stale.status, 200);
  // Two dimensions: her cell (the only Bengali) is withheld, and so is her origin's total; the
  // Bengali men (none) are a zero, which names nobody.
  Response two =
      Call("", "GET",
           "/api/v1/statistics/tables/contracts_attested?rows=origin&cols=sex&release=2026-11");
  ASSERT_EQ(two.status, 200);
  const json::Value t = Body(two);
  EXPECT_EQ(Conforms("StatisticsTable", t), "");
  const auto& origins = t.Get("rows")->Get("values")->AsArray();
  for (size_t i = 0; i < origins.size(); ++i) {
    if (origins[i].AsString() != "BGD") continue;
    EXPECT_TRUE(t.Get("row_totals")->AsArray()[i].is_null());
    const auto& sexes = t.Get("cols")->Get("values")->AsArray();
    for (size_t j = 0; j < sexes.size(); ++j) {
      const json::Value& v = t.Get("cells")->AsArray()[i].AsArray()[j];
      EXPECT_TRUE(v.is_null() || (sexes[j].AsString() != "F" && v == json::Value(0))) << two.body;
    }
  }
  // A stock names its reference month.
  Response stock = Call("", "GET", "/api/v1/statistics/tables/contracts_by_state?rows=state");
  ASSERT_EQ(stock.status, 200);
  EXPECT_EQ(Body(stock).Get("month")->AsString(), "2026-11");
}

TEST_F(ApiStatisticsTest, BadTableRequestsAreRefusedByName) {
  Hire("NPL", domain::Sex::kMale, 1);
  SetClock("2026-12-02T08:00:00Z");
  ASSERT_EQ(Call("admin", "POST", "/api/v1/statistics/releases", R"({"id":"2026-11"})").status,
            201);
  const uint64_t size = LedgerSize();
  struct Case {
    const char* target;
    int status;
    const char* field;
  };
  const Case cases[] = {
      {"/api/v1/statistics/tables/nothing?rows=sex", 404, "indicator"},
      {"/api/v1/statistics/tables/contracts_attested", 422, "rows"},
      {"/api/v1/statistics/tables/contracts_attested?rows=height", 422, "rows"},
      {"/api/v1/statistics/tables/contracts_attested?rows=sex&cols=sex", 422, "cols"},
      {"/api/v1/statistics/tables/contracts_attested?rows=sex&cols=x", 422, "cols"},
      {"/api/v1/statistics/tables/contracts_attested?rows=sex&rows=month", 422, "rows"},
      {"/api/v1/statistics/tables/contracts_attested?rows=sex&sex=F", 422, "sex"},
      {"/api/v1/statistics/tables/contracts_attested?rows=sex&release=2026-10", 404, "release"},
      {"/api/v1/statistics/tables/contracts_attested?rows=sex&release=", 422, "release"},
      {"/api/v1/statistics/tables/contracts_attested?rows=sex&release=2026", 422, "release"},
      {"/api/v1/statistics/tables/crossings?rows=isco_major", 422, "rows"},
      {"/api/v1/statistics/tables/permits_active?rows=month", 422, "rows"},
      {"/api/v1/statistics/releases/2026-10", 404, "release"},
      {"/api/v1/statistics/releases/latest", 422, "release"},
  };
  for (const Case& c : cases) {
    Response r = Call("", "GET", c.target);
    EXPECT_EQ(r.status, c.status) << c.target << ": " << r.body;
    const json::Value b = Body(r);
    EXPECT_EQ(Conforms("Problem", b), "") << c.target;
    ASSERT_NE(b.Get("field"), nullptr) << c.target;
    EXPECT_EQ(b.Get("field")->AsString(), c.field) << c.target;
  }
  EXPECT_EQ(LedgerSize(), size);
}

TEST_F(ApiStatisticsTest, NoFigureOfAMonthNotReleasedIsServed) {
  for (int i = 0; i < 6; ++i) Hire("NPL", domain::Sex::kMale, i);
  SetClock("2026-12-02T08:00:00Z");
  // December's attestations happen before November's release is made.
  for (int i = 10; i < 16; ++i) Hire("NPL", domain::Sex::kMale, i);
  ASSERT_EQ(Call("admin", "POST", "/api/v1/statistics/releases", R"({"id":"2026-11"})").status,
            201);
  for (const char* dim : {"month", "sex", "origin", "isco_major", "age_band"}) {
    Response r =
        Call("", "GET", std::string("/api/v1/statistics/tables/contracts_attested?rows=") + dim);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.body.find("2026-12"), std::string::npos) << r.body;
  }
  const json::Value months =
      Body(Call("", "GET", "/api/v1/statistics/tables/contracts_attested?rows=month"));
  EXPECT_EQ(*months.Get("rows")->Get("values"), json::Value(json::Array{"2026-11"}));
  // Six attested in November: the total is within the rounding base of six, not of twelve.
  ASSERT_TRUE(months.Get("total")->is_number());
  EXPECT_LE(*months.Get("total")->AsInt64(), 8);
}

// The open data without login: the index pages, each stored file with its caching headers, the
// signed manifest conforming to its schema, and bad paths refused by name.
TEST_F(ApiStatisticsTest, OpenDataIsServedAsStoredWithoutLogin) {
  for (int i = 0; i < 8; ++i) Hire("NPL", i % 2 ? domain::Sex::kMale : domain::Sex::kFemale, i);
  Hire("BGD", domain::Sex::kFemale, 99);
  Response empty = Call("", "GET", "/open-data/");
  ASSERT_EQ(empty.status, 200);
  EXPECT_NE(empty.body.find("No release has been published yet"), std::string::npos);
  EXPECT_EQ(Call("", "GET", "/open-data/2026-11/indicators.csv").status, 404);

  SetClock("2026-12-02T08:00:00Z");
  ASSERT_EQ(Call("admin", "POST", "/api/v1/statistics/releases", R"({"id":"2026-11"})").status,
            201);
  const uint64_t size = LedgerSize();

  Response index = Call("", "GET", "/open-data/");
  ASSERT_EQ(index.status, 200);
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_NE(index.body.find("href=\"/open-data/2026-11/\""), std::string::npos);
  EXPECT_NE(index.header("Content-Security-Policy"), "");
  EXPECT_EQ(Call("", "GET", "/open-data").body, index.body);

  Response page = Call("", "GET", "/open-data/2026-11/");
  ASSERT_EQ(page.status, 200);
  for (const char* name :
       {"indicators.csv", "dictionary.csv", "contracts_attested.sdmx.csv", "release.json"}) {
    EXPECT_NE(page.body.find(std::string("href=\"/open-data/2026-11/") + name + "\""),
              std::string::npos)
        << name;
  }

  Response csv = Call("", "GET", "/open-data/2026-11/indicators.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(csv.header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(csv.header("Content-Disposition"), "attachment; filename=\"indicators.csv\"");
  const std::string etag(csv.header("ETag"));
  ASSERT_FALSE(etag.empty());
  Response again =
      Call("", "GET", "/open-data/2026-11/indicators.csv", "", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());

  Response sdmx = Call("", "GET", "/open-data/2026-11/contracts_attested.sdmx.csv");
  ASSERT_EQ(sdmx.status, 200);
  EXPECT_TRUE(sdmx.content_type.starts_with("application/vnd.sdmx.data+csv"));
  EXPECT_TRUE(sdmx.body.starts_with("DATAFLOW,"));

  Response manifest = Call("", "GET", "/open-data/2026-11/release.json");
  ASSERT_EQ(manifest.status, 200);
  EXPECT_EQ(manifest.content_type, "application/json");
  EXPECT_EQ(Conforms("OpenDataManifest", Body(manifest)), "");
  // The node's public key, which checks the manifest, is public.
  Response node = Call("", "GET", "/api/v1/node");
  ASSERT_EQ(node.status, 200);
  EXPECT_EQ(Body(node).Get("public_key")->AsString(), HexEncode(t_->node.key->public_key()));

  struct Case {
    const char* target;
    int status;
    const char* field;
  };
  const Case cases[] = {
      {"/open-data/2026-10/", 404, "release"},
      {"/open-data/2026-10/indicators.csv", 404, "release"},
      {"/open-data/november/indicators.csv", 422, "release"},
      {"/open-data/2026-11/secrets.csv", 404, "file"},
      {"/open-data/2026-11/%2e%2e", 400, nullptr},
      {"/open-data/2026-11/..", 400, nullptr},
  };
  for (const Case& c : cases) {
    Response r = Call("", "GET", c.target);
    EXPECT_EQ(r.status, c.status) << c.target;
    EXPECT_EQ(Conforms("Problem", Body(r)), "") << c.target;
    if (c.field != nullptr) {
      ASSERT_NE(Body(r).Get("field"), nullptr) << c.target;
      EXPECT_EQ(Body(r).Get("field")->AsString(), c.field) << c.target;
    }
  }
  // Reading changed nothing.
  EXPECT_EQ(LedgerSize(), size);
}

}  // namespace
}  // namespace corridor::http
