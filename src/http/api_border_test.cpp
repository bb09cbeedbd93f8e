#include <gtest/gtest.h>

#include <map>

#include "http/testing.hpp"
#include "service/border_testing.hpp"
#include "store/accounts.hpp"

namespace corridor::http {
namespace {

using domain::Role;
using service::testing::Td3;

using testing::Conforms;
using testing::ListConforms;

// A Kuwaiti node with a registered Nepali worker, a national watchlist, and an account for
// every role; the border records crossings through the API.
class ApiBorderTest : public ::testing::Test {
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
    const domain::Actor sys = domain::SystemActor();
    domain::Worker w = domain::testing::SampleWorker();
    w.id = WorkerId();
    w1_ = t_->registry->RegisterWorker(sys, w)->id;
    w.passport.number = "PA7654321";
    w.given_names_latin = "RITA";
    w2_ = t_->registry->RegisterWorker(sys, w)->id;
    auto imported = t_->border->ImportLists(
        sys, service::ListFormat::kCsv,
        {{"national.csv", std::string(service::testing::kListHeader) +
                              "NP-WANTED,17,person,Ram Bahadur Thapa,,1980-03-04,Nepal,M,,,,"
                              "court warrant 2024/17\n"}});
    ASSERT_TRUE(imported.ok()) << imported.status().ToString();
    ASSERT_TRUE(t_->border->LoadIndex().ok());
    auto make = [&](const char* name, Role role, const std::string& country,
                    std::optional<WorkerId> worker = std::nullopt) {
      auto token =
          t_->NewAccount(role, name, country, std::nullopt, std::nullopt, std::move(worker));
      ASSERT_TRUE(token.ok()) << name << ": " << token.status().ToString();
      tokens_[name] = *token;
    };
    make("admin", Role::kAdministrator, "KWT");
    make("dest", Role::kDestinationOfficer, "KWT");
    make("origin", Role::kOriginOfficer, "KWT");
    make("embassy", Role::kEmbassy, "NPL");
    make("worker1", Role::kWorker, "", w1_);
    make("worker2", Role::kWorker, "", w2_);
    make("border", Role::kBorderOfficer, "KWT");
    make("investigator", Role::kInvestigator, "KWT");
    make("analyst", Role::kAnalyst, "KWT");
  }

  Response Call(const std::string& who, const std::string& method, const std::string& target,
                const std::string& body = "") {
    return t_->Call(method, target, tokens_.at(who), body);
  }

  static std::string CrossingBody(const std::string& zone, const std::string& direction = "entry") {
    json::Object o;
    o.Set("direction", direction);
    o.Set("mrz", zone);
    o.Set("port", "KWI airport");
    return json::Write(o);
  }

  static std::string SitasPassport() {
    return Td3("NPL", "THAPA", "SITA KUMARI", "PA1234567", "NPL", "960412", 'F', "310301");
  }

  std::unique_ptr<testing::TestApi> t_;
  WorkerId w1_, w2_;
  std::map<std::string, std::string> tokens_;
};

TEST_F(ApiBorderTest, OnlyTheBorderRecordsCrossings) {
  for (const char* who :
       {"admin", "dest", "origin", "embassy", "worker1", "investigator", "analyst"}) {
    EXPECT_EQ(Call(who, "POST", "/api/v1/crossings", CrossingBody(SitasPassport())).status, 403)
        << who;
  }
  Response r = Call("border", "POST", "/api/v1/crossings", CrossingBody(SitasPassport()));
  ASSERT_EQ(r.status, 201) << r.body;
  const json::Value body = testing::TestApi::Body(r);
  const json::Value* crossing = body.Get("crossing");
  ASSERT_NE(crossing, nullptr);
  EXPECT_EQ(crossing->Get("worker")->AsString(), w1_.value());
  EXPECT_EQ(crossing->Get("direction")->AsString(), "entry");
  EXPECT_TRUE(body.Get("hits")->AsArray().empty());
  EXPECT_EQ(std::string(r.header("Location")),
            "/api/v1/crossings/" + crossing->Get("id")->AsString());
  EXPECT_EQ(Conforms("CrossingOutcome", body), "");
  EXPECT_EQ(Conforms("Problem", testing::TestApi::Body(Call("worker1", "POST", "/api/v1/crossings",
                                                            CrossingBody(SitasPassport())))),
            "");
}

// Object-level access to a crossing: every role, and the worker's own view without screening.
TEST_F(ApiBorderTest, CrossingsAreSeenByTheBorderAndTheirOwnWorkerOnly) {
  Response r = Call("border", "POST", "/api/v1/crossings", CrossingBody(SitasPassport()));
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string id = testing::TestApi::Body(r).Get("crossing")->Get("id")->AsString();
  const std::string target = "/api/v1/crossings/" + id;
  const std::map<std::string, int> want = {
      {"admin", 404},   {"dest", 404},   {"origin", 404},       {"embassy", 404}, {"worker1", 200},
      {"worker2", 404}, {"border", 200}, {"investigator", 404}, {"analyst", 404}};
  for (const auto& [who, status] : want) EXPECT_EQ(Call(who, "GET", target).status, status) << who;
  const json::Value own = testing::TestApi::Body(Call("worker1", "GET", target));
  EXPECT_EQ(own.Get("findings"), nullptr);
  EXPECT_EQ(own.Get("screened_against"), nullptr);
  EXPECT_EQ(own.Get("officer"), nullptr);
  EXPECT_EQ(own.Get("document")->Get("number")->AsString(), "PA1234567");
  EXPECT_EQ(Conforms("OwnCrossing", own), "");
  const json::Value full = testing::TestApi::Body(Call("border", "GET", target));
  EXPECT_NE(full.Get("findings"), nullptr);
  EXPECT_EQ(Conforms("Crossing", full), "");
  EXPECT_NE(Conforms("OwnCrossing", full), "");  // the checker itself can fail
  EXPECT_EQ(
      ListConforms("Crossing", testing::TestApi::Body(Call("border", "GET", "/api/v1/crossings"))),
      "");
  EXPECT_EQ(ListConforms("OwnCrossing",
                         testing::TestApi::Body(Call("worker1", "GET", "/api/v1/crossings"))),
            "");
  EXPECT_EQ(Call("border", "GET", "/api/v1/crossings/X-NOSUCH").status, 404);

  // Lists: the worker's own, the border's all (or by worker or document), others none.
  auto count = [&](const char* who, const std::string& q) {
    const json::Value b = testing::TestApi::Body(Call(who, "GET", "/api/v1/crossings" + q));
    return b.Get("items") ? b.Get("items")->AsArray().size() : size_t{999};
  };
  EXPECT_EQ(count("worker1", ""), 1u);
  EXPECT_EQ(count("worker2", ""), 0u);
  EXPECT_EQ(count("worker2", "?worker=" + w1_.value()), 0u);
  EXPECT_EQ(count("border", ""), 1u);
  EXPECT_EQ(count("border", "?issuing_state=NPL&document_number=PA1234567"), 1u);
  EXPECT_EQ(count("border", "?issuing_state=NPL&document_number=PA0000000"), 0u);
  EXPECT_EQ(Call("border", "GET", "/api/v1/crossings?document_number=PA1234567").status, 422);
  for (const char* who : {"analyst", "investigator", "admin", "dest", "embassy"}) {
    EXPECT_EQ(Call(who, "GET", "/api/v1/crossings").status, 403) << who;
  }

  // The crossing's ledger event is the border's: other authorities reading the ledger do not
  // see it, the border does.
  std::string index;
  ASSERT_TRUE(t_->node.store
                  ->Read([&](store::ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto events, tx.History(id, 10));
                    index = json::FormatNumber(events.at(0).Get("index")->AsNumber());
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(Call("border", "GET", "/api/v1/ledger/events/" + index).status, 200);
  EXPECT_EQ(Call("dest", "GET", "/api/v1/ledger/events/" + index).status, 404);
  EXPECT_EQ(Call("origin", "GET", "/api/v1/ledger/events/" + index).status, 404);
  EXPECT_EQ(Call("worker1", "GET", "/api/v1/ledger/events/" + index).status, 403);
  EXPECT_EQ(Call("dest", "GET", "/api/v1/ledger/events/1").status, 200);    // not the border's
  EXPECT_EQ(Call("border", "GET", "/api/v1/ledger/events/1").status, 404);  // nor this one

  // Every decision on the crossing is in the access log, refusals too.
  ASSERT_TRUE(t_->access->Flush().ok());
  auto conn = t_->node.store->database().Acquire();
  ASSERT_TRUE(conn.ok());
  auto records = store::ListAccessRecords(**conn, id, 100);
  ASSERT_TRUE(records.ok());
  size_t refused = 0;
  for (const auto& rec : *records) refused += !rec.allowed;
  EXPECT_EQ(refused, 7u);
}

TEST_F(ApiBorderTest, ABadZoneIsA422NamingLineAndColumn) {
  std::string zone = SitasPassport();
  zone.pop_back();
  Response r = Call("border", "POST", "/api/v1/crossings", CrossingBody(zone));
  EXPECT_EQ(r.status, 422);
  const json::Value p = testing::TestApi::Body(r);
  EXPECT_EQ(p.Get("field")->AsString(), "mrz");
  EXPECT_EQ(p.Get("detail")->AsString(),
            "line 2: 43 characters; line 1 has 44 (TD3, MRV-A), so line 2 must have 44 too");
  r = Call("border", "POST", "/api/v1/crossings", CrossingBody(SitasPassport(), "transit"));
  EXPECT_EQ(testing::TestApi::Body(r).Get("field")->AsString(), "direction");
  json::Value body = *json::Parse(CrossingBody(SitasPassport()));
  body.AsObject().Set("religion", "x");
  r = Call("border", "POST", "/api/v1/crossings", json::Write(body));
  EXPECT_EQ(testing::TestApi::Body(r).Get("field")->AsString(), "religion");
  body = *json::Parse(CrossingBody(SitasPassport()));
  body["authorised_until"] = "2027-02-30";
  r = Call("border", "POST", "/api/v1/crossings", json::Write(body));
  EXPECT_EQ(testing::TestApi::Body(r).Get("field")->AsString(), "authorised_until");
  EXPECT_EQ(Call("border", "GET", "/api/v1/crossings").body.find("\"items\":[]"), 1u);
}

TEST_F(ApiBorderTest, HitsAreReviewedByTheBorderWithAReason) {
  Response r = Call("border", "POST", "/api/v1/crossings",
                    CrossingBody(Td3("NPL", "THAPA", "RAM BAHADUR", "PA5550001", "NPL", "800304",
                                     'M', "300101")));
  ASSERT_EQ(r.status, 201) << r.body;
  const json::Value created = testing::TestApi::Body(r);
  ASSERT_EQ(created.Get("hits")->AsArray().size(), 1u);
  EXPECT_EQ(Conforms("CrossingOutcome", created), "");
  const json::Value& hit = created.Get("hits")->AsArray()[0];
  EXPECT_EQ(hit.Get("decision")->AsString(), "match");
  EXPECT_NE(hit.Get("explanation")->AsString().find("decision match"), std::string::npos);
  const std::string id = hit.Get("id")->AsString();
  const std::string target = "/api/v1/screening/hits/" + id;

  const json::Value pending =
      testing::TestApi::Body(Call("border", "GET", "/api/v1/screening/hits?state=pending"));
  ASSERT_EQ(pending.Get("items")->AsArray().size(), 1u);
  EXPECT_EQ(ListConforms("ScreeningHit", pending), "");
  EXPECT_EQ(Call("border", "GET", "/api/v1/screening/hits?state=open").status, 422);
  for (const char* who : {"worker1", "investigator", "analyst", "admin", "dest"}) {
    EXPECT_EQ(Call(who, "GET", target).status, 404) << who;
    EXPECT_EQ(Call(who, "GET", "/api/v1/screening/hits").status, 403) << who;
    EXPECT_EQ(Call(who, "POST", target + "/dismiss", R"({"reason":"x"})").status, 404) << who;
  }
  EXPECT_EQ(Call("border", "GET", target).status, 200);
  EXPECT_EQ(Call("border", "POST", target + "/dismiss", R"({})").status, 422);
  EXPECT_EQ(Call("border", "POST", target + "/dismiss", R"({"reason":"x","why":"y"})").status, 422);
  Response d = Call("border", "POST", target + "/dismiss",
                    R"({"reason":"the listed man is 20 years older"})");
  ASSERT_EQ(d.status, 200) << d.body;
  EXPECT_EQ(testing::TestApi::Body(d).Get("state")->AsString(), "dismissed");
  EXPECT_EQ(Conforms("ScreeningHit", testing::TestApi::Body(d)), "");
  EXPECT_EQ(Call("border", "POST", target + "/confirm", R"({"reason":"second thoughts"})").status,
            409);
  EXPECT_EQ(
      Call("border", "POST", "/api/v1/screening/hits/H-NOSUCH/confirm", R"({"reason":"x"})").status,
      404);
  EXPECT_EQ(testing::TestApi::Body(Call("border", "GET", "/api/v1/screening/hits?state=pending"))
                .Get("items")
                ->AsArray()
                .size(),
            0u);
}

TEST_F(ApiBorderTest, OverstaysAndListsAreTheBordersBusiness) {
  json::Value visitor = *json::Parse(
      CrossingBody(Td3("IND", "SHARMA", "ANIL", "Z1234567", "IND", "850505", 'M', "320101")));
  visitor["authorised_until"] = "2026-12-15";
  ASSERT_EQ(Call("border", "POST", "/api/v1/crossings", json::Write(visitor)).status, 201);
  // The job runs at its own time; the clock (and the sessions) stay.
  ASSERT_TRUE(t_->border->RunDailyJobs(*Timestamp::Parse("2027-01-10T05:00:00Z")).ok());
  const json::Value flags =
      testing::TestApi::Body(Call("border", "GET", "/api/v1/overstays?open=true"));
  ASSERT_EQ(flags.Get("items")->AsArray().size(), 1u);
  EXPECT_EQ(flags.Get("items")->AsArray()[0].Get("days_over")->AsNumber(), 16);
  EXPECT_EQ(ListConforms("OverstayFlag", flags), "");
  EXPECT_EQ(Call("border", "GET", "/api/v1/overstays?open=true").status, 200);
  EXPECT_EQ(Call("border", "GET", "/api/v1/overstays?open=maybe").status, 422);
  for (const char* who : {"analyst", "investigator", "worker1", "admin"}) {
    EXPECT_EQ(Call(who, "GET", "/api/v1/overstays").status, 403) << who;
  }
  const json::Value lists = testing::TestApi::Body(Call("border", "GET", "/api/v1/watchlists"));
  ASSERT_EQ(lists.Get("items")->AsArray().size(), 1u);
  EXPECT_EQ(ListConforms("WatchlistVersion", lists), "");
  const json::Value& l = lists.Get("items")->AsArray()[0];
  EXPECT_EQ(l.Get("list_id")->AsString(), "NP-WANTED");
  EXPECT_EQ(l.Get("entries")->AsNumber(), 1);
  EXPECT_EQ(l.Get("sources")->AsArray()[0].Get("name")->AsString(), "national.csv");
  EXPECT_EQ(Call("admin", "GET", "/api/v1/watchlists").status, 200);
  EXPECT_EQ(Call("analyst", "GET", "/api/v1/watchlists").status, 403);
  EXPECT_EQ(Call("border", "GET", "/api/v1/watchlists/NP-WANTED/versions").status, 200);
  EXPECT_EQ(Call("border", "GET", "/api/v1/watchlists/NOPE/versions").status, 404);
}

// ---------------------------------------------------------------- list imports

constexpr const char* kImports = "/api/v1/watchlists/imports";

// The stored versions of NP-WANTED, newest last, as "version:entries".
std::string Versions(testing::TestApi& t) {
  std::string out;
  Status s = t.node.store->Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto versions, store::ListWatchlistVersions(tx, "NP-WANTED"));
    for (const auto& v : versions) {
      out += (out.empty() ? "" : " ") + std::to_string(v.version) + ":" + std::to_string(v.entries);
    }
    return Status::Ok();
  });
  return s.ok() ? out : s.ToString();
}

std::string NationalList(const std::string& rows) {
  return std::string(service::testing::kListHeader) + rows;
}

const std::string kTwoWanted = NationalList(
    "NP-WANTED,17,person,Ram Bahadur Thapa,,1980-03-04,Nepal,M,,,,court warrant 2024/17\n"
    "NP-WANTED,18,person,Gopal Prasad Adhikari,,1975-08-09,Nepal,M,,,,court warrant 2025/3\n");

std::string FormData(const std::vector<std::pair<std::string, std::string>>& files,
                     const std::string& part = "file") {
  std::string body;
  for (const auto& [name, bytes] : files) {
    body += "--b0UnDaRy\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\"" +
            name + "\"\r\nContent-Type: text/csv\r\n\r\n" + bytes + "\r\n";
  }
  return body + "--b0UnDaRy--\r\n";
}

const Header kFormType{"Content-Type", "multipart/form-data; boundary=b0UnDaRy"};
const Header kCsvType{"Content-Type", "text/csv"};

TEST_F(ApiBorderTest, AnAdministratorImportsAListAndTheBorderScreensAgainstIt) {
  ASSERT_EQ(Versions(*t_), "1:1");
  Response r = t_->Call("POST", std::string(kImports) + "?format=csv&name=wanted-2026-11.csv",
                        tokens_.at("admin"), kTwoWanted, {kCsvType});
  ASSERT_EQ(r.status, 200) << r.body;
  const json::Value body = testing::TestApi::Body(r);
  EXPECT_EQ(Conforms("WatchlistImport", body), "");
  EXPECT_EQ(body.Get("format")->AsString(), "csv");
  ASSERT_EQ(body.Get("lists")->AsArray().size(), 1u);
  const json::Value& now = *body.Get("lists")->AsArray()[0].Get("now");
  const json::Value& previous = *body.Get("lists")->AsArray()[0].Get("previous");
  EXPECT_EQ(now.Get("list_id")->AsString(), "NP-WANTED");
  EXPECT_EQ(now.Get("version")->AsNumber(), 2);
  EXPECT_EQ(now.Get("entries")->AsNumber(), 2);
  EXPECT_EQ(now.Get("added")->AsNumber(), 1);
  EXPECT_EQ(now.Get("changed")->AsNumber(), 0);
  EXPECT_EQ(now.Get("removed")->AsNumber(), 0);
  EXPECT_EQ(now.Get("digest")->AsString().size(), 64u);
  // The administrator's account, not the node's (the first version's importer).
  EXPECT_FALSE(now.Get("imported_by")->AsString().empty());
  EXPECT_EQ(now.Get("sources")->AsArray()[0].Get("name")->AsString(), "wanted-2026-11.csv");
  EXPECT_EQ(previous.Get("version")->AsNumber(), 1);
  EXPECT_NE(now.Get("imported_by")->AsString(), previous.Get("imported_by")->AsString());
  EXPECT_EQ(Versions(*t_), "1:1 2:2");
  const json::Value lists = testing::TestApi::Body(Call("border", "GET", "/api/v1/watchlists"));
  EXPECT_EQ(lists.Get("items")->AsArray()[0].Get("version")->AsNumber(), 2);

  // The next crossing is screened against the new version and hits the new entry.
  r = Call("border", "POST", "/api/v1/crossings",
           CrossingBody(Td3("NPL", "ADHIKARI", "GOPAL PRASAD", "PA5550002", "NPL", "750809", 'M',
                            "300101")));
  ASSERT_EQ(r.status, 201) << r.body;
  const json::Value crossing = testing::TestApi::Body(r);
  ASSERT_EQ(crossing.Get("hits")->AsArray().size(), 1u);
  EXPECT_EQ(crossing.Get("hits")->AsArray()[0].Get("entry_id")->AsString(), "18");
  EXPECT_EQ(crossing.Get("hits")->AsArray()[0].Get("list_version")->AsNumber(), 2);

  // The same file again changes nothing in the entries but is a version of its own.
  r = t_->Call("POST", std::string(kImports) + "?format=csv", tokens_.at("admin"), kTwoWanted,
               {kCsvType});
  ASSERT_EQ(r.status, 200) << r.body;
  const json::Value second = testing::TestApi::Body(r);
  const json::Value& again = *second.Get("lists")->AsArray()[0].Get("now");
  EXPECT_EQ(again.Get("added")->AsNumber() + again.Get("changed")->AsNumber() +
                again.Get("removed")->AsNumber(),
            0);
  EXPECT_EQ(again.Get("digest")->AsString(), now.Get("digest")->AsString());
  EXPECT_EQ(again.Get("sources")->AsArray()[0].Get("name")->AsString(), "upload.csv");
}

TEST_F(ApiBorderTest, SeveralFilesComeAsAFormWithOnePartEach) {
  const std::string other =
      NationalList("KW-LOST,D1,document,,,,,,passport,PA9990001,NPL,reported stolen\n");
  Response r = t_->Call("POST", std::string(kImports) + "?format=csv", tokens_.at("admin"),
                        FormData({{"wanted.csv", kTwoWanted}, {"lost.csv", other}}), {kFormType});
  ASSERT_EQ(r.status, 200) << r.body;
  const json::Value body = testing::TestApi::Body(r);
  EXPECT_EQ(Conforms("WatchlistImport", body), "");
  ASSERT_EQ(body.Get("lists")->AsArray().size(), 2u);
  std::map<std::string, const json::Value*> by_list;
  for (const auto& l : body.Get("lists")->AsArray()) {
    by_list[l.Get("now")->Get("list_id")->AsString()] = &l;
  }
  ASSERT_EQ(by_list.count("KW-LOST"), 1u);
  EXPECT_TRUE(by_list["KW-LOST"]->Get("previous")->is_null());
  EXPECT_EQ(by_list["KW-LOST"]->Get("now")->Get("version")->AsNumber(), 1);
  // Every version records every file of its import.
  EXPECT_EQ(by_list["KW-LOST"]->Get("now")->Get("sources")->AsArray().size(), 2u);
  EXPECT_EQ(Versions(*t_), "1:1 2:2");

  // A part that is not a file, or a format taking one file given two, changes nothing.
  r = t_->Call("POST", std::string(kImports) + "?format=csv", tokens_.at("admin"),
               FormData({{"x.csv", kTwoWanted}}, "list"), {kFormType});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(testing::TestApi::Body(r).Get("field")->AsString(), "list");
  r = t_->Call("POST", std::string(kImports) + "?format=un-xml", tokens_.at("admin"),
               FormData({{"a.xml", "<x/>"}, {"b.xml", "<x/>"}}), {kFormType});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(testing::TestApi::Body(r).Get("field")->AsString(), "files");
  EXPECT_EQ(Versions(*t_), "1:1 2:2");
}

TEST_F(ApiBorderTest, ABadListFileIsA422NamingItsLineAndChangesNothing) {
  struct Case {
    std::string query;
    std::string body;
    std::string field;
    std::string detail;  // "" when only the field is checked
  };
  const std::vector<Case> cases = {
      {"?format=csv&name=wanted.csv",
       NationalList("NP-WANTED,17,person,Ram Bahadur Thapa,,1980-03-04,Nepal,M,,,,x\n"
                    "NP-WANTED,18,person,Gopal Adhikari,,1975-13-09,Nepal,M,,,,y\n"),
       "date_of_birth", "wanted.csv: line 3: date_of_birth: "},
      {"?format=csv&name=wanted.csv",
       NationalList("NP-WANTED,17,person,Ram Bahadur Thapa,,1980-03-04,Nepal,X,,,,x\n"), "sex",
       "wanted.csv: line 2: sex: 'X' is not M, F or empty"},
      {"?format=csv", std::string(service::testing::kListHeader), "files", ""},
      {"?format=csv", "", "body", ""},
      {"", kTwoWanted, "format", "is required"},
      {"?format=pdf", kTwoWanted, "format", "must be un-xml, ofac-csv or csv"},
      {"?format=un-xml&name=list.xml", "<CONSOLIDATED_LIST><INDIVIDUALS>", "", "list.xml: "},
      {"?format=ofac-csv&name=sdn.csv", "not,an,sdn,line\n", "", "sdn.csv: "},
  };
  for (const auto& c : cases) {
    Response r = t_->Call("POST", kImports + c.query, tokens_.at("admin"), c.body, {kCsvType});
    EXPECT_EQ(r.status, 422) << c.query << " " << r.body;
    const json::Value p = testing::TestApi::Body(r);
    EXPECT_EQ(Conforms("Problem", p), "") << r.body;
    if (!c.field.empty()) {
      ASSERT_NE(p.Get("field"), nullptr) << r.body;
      EXPECT_EQ(p.Get("field")->AsString(), c.field) << r.body;
    }
    EXPECT_EQ(p.Get("detail")->AsString().rfind(c.detail, 0), 0u) << r.body;
  }
  EXPECT_EQ(Versions(*t_), "1:1");
}

// Lists are reference data kept by administrators: the border screens against them and cannot
// change them (an officer who could drop an entry could let its person through unflagged).
TEST_F(ApiBorderTest, OnlyAnAdministratorImportsLists) {
  for (const char* who :
       {"border", "dest", "origin", "embassy", "worker1", "investigator", "analyst"}) {
    Response r = t_->Call("POST", std::string(kImports) + "?format=csv", tokens_.at(who),
                          kTwoWanted, {kCsvType});
    EXPECT_EQ(r.status, 403) << who << " " << r.body;
    EXPECT_EQ(Conforms("Problem", testing::TestApi::Body(r)), "");
  }
  EXPECT_EQ(
      t_->Call("POST", std::string(kImports) + "?format=csv", "", kTwoWanted, {kCsvType}).status,
      401);
  EXPECT_EQ(Versions(*t_), "1:1");
}

TEST_F(ApiBorderTest, AnImportRetriedWithItsIdempotencyKeyHappensOnce) {
  const std::string target = std::string(kImports) + "?format=csv&name=w.csv";
  const Header key{"Idempotency-Key", "import-2026-11-29"};
  Response first = t_->Call("POST", target, tokens_.at("admin"), kTwoWanted, {kCsvType, key});
  ASSERT_EQ(first.status, 200) << first.body;
  Response again = t_->Call("POST", target, tokens_.at("admin"), kTwoWanted, {kCsvType, key});
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(std::string(again.header("Idempotent-Replay")), "true");
  EXPECT_EQ(Versions(*t_), "1:1 2:2");
  EXPECT_EQ(t_->Call("POST", target, tokens_.at("admin"),
                     NationalList("NP-WANTED,1,person,A B,,,,,,,,x\n"), {kCsvType, key})
                .status,
            422);
  EXPECT_EQ(Versions(*t_), "1:1 2:2");
}

TEST_F(ApiBorderTest, AnImportLargerThanTheCapIsRefused) {
  Response r = t_->Call("POST", std::string(kImports) + "?format=csv", tokens_.at("admin"),
                        std::string(16 * 1024 * 1024 + 1, 'x'), {kCsvType});
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(Conforms("Problem", testing::TestApi::Body(r)), "");
  EXPECT_EQ(Versions(*t_), "1:1");
}

}  // namespace
}  // namespace corridor::http
