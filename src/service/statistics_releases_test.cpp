#include "service/statistics_releases.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "crypto/crypto.hpp"
#include "service/cases_testing.hpp"
#include "service/statistics.hpp"
#include "service/testing.hpp"

namespace corridor::service {
namespace {

using domain::Role;
using domain::testing::D;
using namespace service::testing;

// A Kuwaiti node's corridor in November: Nepali men and women in two occupations, and one
// Bengali woman, the only person of her origin and the only woman in her occupation. Released
// in December, then checked table by table.
class StatisticsReleasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto node = store::testing::TestNode::Create("node-kw", "KWT",
                                                 *Timestamp::Parse("2026-11-10T08:00:00Z"));
    ASSERT_TRUE(node.ok()) << node.status().ToString();
    node_ = std::move(*node);
    cases_ = std::make_unique<TestCases>(*node_.store);
    registry_ = std::make_unique<Registry>(*node_.store, RegistryConfig{}, cases_->get());
    auto catalog = BuiltInStatisticsCatalog();
    ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
    releases_ = std::make_unique<StatisticsReleases>(*node_.store, *catalog);
    ASSERT_TRUE(SeedReferenceData(*registry_).ok());
    dest_ = Officer(Role::kDestinationOfficer, "KWT", "U-dest");
    admin_ = Officer(Role::kAdministrator, "KWT", "U-admin");
    domain::Employer sample = domain::testing::SampleEmployer();
    sample.id = EmployerId();
    auto e = registry_->RegisterEmployer(dest_, sample);
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    employer_ = e->id;
    auto ag = registry_->RegisterAgency(domain::SystemActor(), domain::testing::SampleAgency());
    ASSERT_TRUE(ag.ok()) << ag.status().ToString();
    agency_ = ag->id;
  }

  void TearDown() override {
    if (node_.store) {
      EXPECT_EQ(store::testing::AuditProblems(*node_.store), "");
    }
  }

  // A worker with an active contract and a permit.
  void Hire(const std::string& nationality, domain::Sex sex, const std::string& isco, int n) {
    domain::Worker w = domain::testing::SampleWorker();
    w.id = WorkerId();
    w.nationality = nationality;
    w.sex = sex;
    w.passport = {(nationality == "BGD" ? "BG" : "PA") + std::to_string(7000000 + n), nationality,
                  D("2031-03-01")};
    auto worker = registry_->RegisterWorker(dest_, w);
    ASSERT_TRUE(worker.ok()) << worker.status().ToString();
    domain::ContractTerms t = domain::testing::SampleTerms();
    t.worker = worker->id;
    t.employer = employer_;
    t.agency = agency_;
    t.origin_country = nationality;
    t.isco_code = isco;
    t.start_date = D("2026-12-01");
    auto c = registry_->DraftContract(EmployerActor(employer_), t);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    ASSERT_TRUE(registry_->OfferContract(EmployerActor(employer_), c->id).ok());
    ASSERT_TRUE(registry_->AcceptContract(WorkerActor(worker->id), c->id).ok());
    ASSERT_TRUE(registry_->AttestContract(domain::SystemActor(), c->id).ok());
    auto auth = registry_->AuthenticateContract(dest_, c->id, std::nullopt);
    ASSERT_TRUE(auth.ok()) << auth.status().ToString();
    auto permit = registry_->IssuePermit(dest_, c->id);
    ASSERT_TRUE(permit.ok()) << permit.status().ToString();
  }

  void November() {
    int n = 0;
    for (int i = 0; i < 9; ++i) Hire("NPL", domain::Sex::kMale, i % 3 ? "9111" : "5322", ++n);
    for (int i = 0; i < 7; ++i) Hire("NPL", domain::Sex::kFemale, "9111", ++n);
    Hire("BGD", domain::Sex::kFemale, "5322", ++n);
  }

  uint64_t LedgerSize() {
    uint64_t n = 0;
    EXPECT_TRUE(node_.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(n, tx.LedgerSize());
                      return Status::Ok();
                    })
                    .ok());
    return n;
  }

  json::Value TableJson(const std::string& indicator, const std::string& rows,
                        const std::string& cols, const std::string& release = "") {
    auto t = releases_->Table({indicator, rows, cols, release});
    EXPECT_TRUE(t.ok()) << indicator << " " << rows << " " << cols << ": " << t.status().ToString();
    if (!t.ok()) return {};
    EXPECT_EQ(t->sha256, HexEncode(crypto::Sha256(t->body)));
    auto v = json::Parse(t->body);
    EXPECT_TRUE(v.ok());
    return v.ok() ? *v : json::Value();
  }

  // The true count behind a figure, from the aggregator's counters as the release read them.
  int64_t TrueCount(const domain::IndicatorDefinition& def, const std::string& month,
                    const std::vector<domain::DimensionValue>& dims) {
    int64_t n = 0;
    for (const auto& d : counters_) {
      if (d.key.indicator != def.id || d.key.month > month) continue;
      bool match = true;
      for (const auto& dv : dims) {
        const std::string& dim = dv.dimension;
        std::string v = dim == "origin"               ? d.key.origin
                        : dim == "destination"        ? d.key.destination
                        : dim == "month"              ? d.key.month
                        : dim == "isco_major"         ? d.key.isco_major
                        : dim == "sex"                ? d.key.sex
                        : dim == "age_band"           ? d.key.age_band
                        : dim == "employer_size_band" ? d.key.size_band
                                                      : d.key.extra;
        if (v.empty()) v = "unknown";
        if (dim == "month" && def.kind == domain::IndicatorKind::kStock) continue;
        match = match && v == dv.value;
      }
      if (match) n += d.count;
    }
    return n;
  }

  // Every table of the release, in both orientations and each dimension alone: every published
  // figure's true count is 0 or at least the threshold, within the rounding base of the figure
  // and a multiple of it; no line (a row or a column with its total) withholds exactly one
  // figure; nothing of hers (the only Bengali, the only woman in ISCO group 5) is published
  // unless it is a zero.
  void ExpectEveryTableProtectsHer(const std::string& release) {
    Statistics aggregator(*node_.store);
    auto counters = aggregator.Counters();
    ASSERT_TRUE(counters.ok());
    counters_ = *counters;
    size_t tables = 0;
    size_t hers = 0;
    for (const auto& def : releases_->released()) {
      const auto dims = domain::TableDimensions(def);
      for (const auto& rows : dims) {
        for (const auto& cols : dims) {
          const std::string c = rows == cols ? "" : cols;
          const json::Value t = TableJson(def.id, rows, c, release);
          ASSERT_TRUE(t.is_object());
          ++tables;
          hers += ExpectTableProtects(def, release, t);
        }
      }
    }
    EXPECT_GT(tables, 300u);
    EXPECT_GT(hers, 50u);
  }

  // Returns how many figures of hers (true count > 0) the table withholds.
  size_t ExpectTableProtects(const domain::IndicatorDefinition& def, const std::string& release,
                             const json::Value& t) {
    const json::Value* cols = t.Get("cols");
    const std::string row_dim = t.Get("rows")->Get("dimension")->AsString();
    const std::string col_dim = cols ? cols->Get("dimension")->AsString() : "";
    const std::string name = def.id + " " + row_dim + (cols ? " x " + col_dim : "");
    const auto& row_values = t.Get("rows")->Get("values")->AsArray();
    const json::Array no_values;
    const auto& col_values = cols ? cols->Get("values")->AsArray() : no_values;
    const size_t ncols = cols ? col_values.size() : 0;
    auto value = [&](size_t i, size_t j) -> const json::Value& {
      if (i < row_values.size()) {
        return j < ncols ? t.Get("cells")->AsArray()[i].AsArray()[j]
                         : t.Get("row_totals")->AsArray()[i];
      }
      return j < ncols ? t.Get("col_totals")->AsArray()[j] : *t.Get("total");
    };
    size_t hers = 0;
    std::vector<size_t> hidden_in_col(ncols + 1, 0);
    for (size_t i = 0; i <= row_values.size(); ++i) {
      size_t hidden_in_row = 0;
      for (size_t j = 0; j <= ncols; ++j) {
        std::vector<domain::DimensionValue> dims;
        if (t.Get("month")) dims.push_back({"month", t.Get("month")->AsString()});
        if (i < row_values.size()) dims.push_back({row_dim, row_values[i].AsString()});
        if (j < ncols) dims.push_back({col_dim, col_values[j].AsString()});
        const int64_t n = TrueCount(def, release, dims);
        const json::Value& v = value(i, j);
        bool her = false;
        for (const auto& dv : dims) her = her || (dv.dimension == "origin" && dv.value == "BGD");
        if (her && n > 0) {
          EXPECT_TRUE(v.is_null()) << name << " shows her";
          ++hers;
        }
        if (v.is_null()) {
          ++hidden_in_row;
          ++hidden_in_col[j];
          continue;
        }
        const int64_t published = *v.AsInt64();
        EXPECT_TRUE(n == 0 || n >= 5) << name << " publishes a true count of " << n;
        EXPECT_EQ(published % 3, 0) << name;
        EXPECT_LT(std::abs(published - n), 3) << name;
      }
      if (cols) {
        EXPECT_NE(hidden_in_row, 1u) << name << " row " << i;
      }
    }
    // A one-dimensional table is one line: its values and its total.
    for (size_t j = 0; j <= ncols; ++j) {
      EXPECT_NE(hidden_in_col[j], 1u) << name << " column " << j;
    }
    return hers;
  }

  std::vector<domain::StatDelta> counters_;
  store::testing::TestNode node_;
  std::unique_ptr<TestCases> cases_;
  std::unique_ptr<Registry> registry_;
  std::unique_ptr<StatisticsReleases> releases_;
  domain::Actor dest_;
  domain::Actor admin_;
  EmployerId employer_;
  AgencyId agency_;
};

TEST_F(StatisticsReleasesTest, EveryPublishedTableAndTheFiguresFileProtectTheRareCase) {
  November();
  node_.clock->Set(*Timestamp::Parse("2026-12-03T09:00:00Z"));
  auto r = releases_->Release(admin_, "2026-11");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->id, "2026-11");
  EXPECT_EQ(r->reference_date.ToString(), "2026-11-30");
  EXPECT_EQ(r->policy.threshold, 5);
  EXPECT_EQ(r->policy.rounding_base, 3);
  EXPECT_EQ(r->indicators.size(), domain::FoldedIndicators().size());
  ExpectEveryTableProtectsHer("2026-11");

  // Seventeen contracts were attested in November: the total is published, rounded.
  const json::Value by_sex = TableJson("contracts_attested", "sex", "");
  ASSERT_TRUE(by_sex.Get("total")->is_number());
  EXPECT_LT(std::abs(*by_sex.Get("total")->AsInt64() - 17), 3);

  // The figures file: the ledger records its SHA-256; nothing of hers is in it.
  store::StoredBody csv;
  ASSERT_TRUE(node_.store
                  ->Read([&](store::ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto f,
                                     store::GetReleaseFile(tx, "2026-11", "indicators.csv"));
                    if (!f) return Status::NotFound("no file");
                    csv = *f;
                    ASSIGN_OR_RETURN(auto history, tx.History("2026-11", 10));
                    EXPECT_EQ(history.size(), 1u);
                    const json::Value& event = history.at(0);
                    EXPECT_EQ(event.Get("type")->AsString(), "statistics.released");
                    EXPECT_EQ(event.Get("data")->Get("sha256")->AsString(),
                              HexEncode(crypto::Sha256(f->body)));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(csv.sha256, r->sha256);
  size_t lines = 0;
  size_t hers = 0;
  for (size_t start = 0; start < csv.body.size();) {
    const size_t end = csv.body.find('\n', start);
    const std::string line = csv.body.substr(start, end - start);
    start = end + 1;
    if (lines++ == 0) continue;
    // Hers are withheld; her origin's zeros (no Bengali man) name nobody.
    if (line.find(",BGD,") != std::string::npos && !line.ends_with(",0,")) {
      ++hers;
      EXPECT_TRUE(line.ends_with(",,suppressed")) << line;
    }
  }
  EXPECT_EQ(static_cast<int64_t>(lines) - 1, r->figures);
  EXPECT_GT(hers, 10u);
}

TEST_F(StatisticsReleasesTest, RepeatedQueriesAnswerTheSameFigures) {
  November();
  node_.clock->Set(*Timestamp::Parse("2026-12-03T09:00:00Z"));
  ASSERT_TRUE(releases_->Release(admin_, "2026-11").ok());
  auto first = releases_->Table({"contracts_attested", "isco_major", "sex", ""});
  ASSERT_TRUE(first.ok());
  for (int i = 0; i < 20; ++i) {
    auto again = releases_->Table({"contracts_attested", "isco_major", "sex", "2026-11"});
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->body, first->body);
    EXPECT_EQ(again->sha256, first->sha256);
  }
  // The other orientation shows the same figures: sex by occupation is occupation by sex.
  const json::Value a = TableJson("contracts_attested", "isco_major", "sex");
  const json::Value b = TableJson("contracts_attested", "sex", "isco_major");
  EXPECT_EQ(*a.Get("total"), *b.Get("total"));
  EXPECT_EQ(*a.Get("row_totals"), *b.Get("col_totals"));
  EXPECT_EQ(*a.Get("col_totals"), *b.Get("row_totals"));
  // And a one-dimensional table is the margin the two-dimensional ones show.
  const json::Value sex = TableJson("contracts_attested", "sex", "");
  EXPECT_EQ(*sex.Get("row_totals"), *b.Get("row_totals"));
  EXPECT_EQ(*sex.Get("total"), *b.Get("total"));
}

TEST_F(StatisticsReleasesTest, AReleaseNeverChangesAndShowsNoLaterMonth) {
  November();
  node_.clock->Set(*Timestamp::Parse("2026-12-03T09:00:00Z"));
  // A contract attested in December, before November's release is made.
  Hire("NPL", domain::Sex::kMale, "9111", 100);
  ASSERT_TRUE(releases_->Release(admin_, "2026-11").ok());
  std::vector<std::string> before;
  for (const auto& def : releases_->released()) {
    for (const auto& dim : domain::TableDimensions(def)) {
      auto t = releases_->Table({def.id, dim, "", "2026-11"});
      ASSERT_TRUE(t.ok()) << t.status().ToString();
      EXPECT_EQ(t->body.find("2026-12"), std::string::npos) << t->body;
      before.push_back(t->body);
    }
  }
  const uint64_t size = LedgerSize();
  // Made again: refused, naming the id, and nothing is written.
  auto again = releases_->Release(admin_, "2026-11");
  EXPECT_EQ(again.status().code(), Code::kAlreadyExists);
  EXPECT_EQ(again.status().field(), "id");
  EXPECT_EQ(LedgerSize(), size);
  // December is not over yet.
  auto open = releases_->Release(admin_, "2026-12");
  EXPECT_EQ(open.status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(open.status().field(), "id");
  auto bad = releases_->Release(admin_, "2026-11-30");
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(bad.status().field(), "id");
  auto officer = releases_->Release(dest_, "2026-10");
  EXPECT_EQ(officer.status().code(), Code::kPermissionDenied);
  EXPECT_EQ(LedgerSize(), size);

  // More happens; January comes; December is released. November's tables are as they were.
  Hire("NPL", domain::Sex::kFemale, "9111", 101);
  node_.clock->Set(*Timestamp::Parse("2027-01-04T09:00:00Z"));
  ASSERT_TRUE(releases_->Release(domain::SystemActor(), "2026-12").ok());
  size_t k = 0;
  for (const auto& def : releases_->released()) {
    for (const auto& dim : domain::TableDimensions(def)) {
      auto t = releases_->Table({def.id, dim, "", "2026-11"});
      ASSERT_TRUE(t.ok());
      EXPECT_EQ(t->body, before.at(k++));
    }
  }
  // The latest release is December's, which shows December.
  const json::Value months = TableJson("contracts_attested", "month", "");
  EXPECT_EQ(months.Get("release")->AsString(), "2026-12");
  EXPECT_EQ(*months.Get("rows")->Get("values"), json::Value(json::Array{"2026-11", "2026-12"}));
  auto list = releases_->List();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, "2026-12");
  EXPECT_EQ((*list)[1].id, "2026-11");
  EXPECT_NE((*list)[0].sha256, (*list)[1].sha256);
}

TEST_F(StatisticsReleasesTest, BadQueriesAreNamed) {
  auto none = releases_->Table({"contracts_attested", "sex", "", ""});
  EXPECT_EQ(none.status().code(), Code::kNotFound);
  EXPECT_EQ(none.status().field(), "release");
  November();
  node_.clock->Set(*Timestamp::Parse("2026-12-03T09:00:00Z"));
  ASSERT_TRUE(releases_->Release(admin_, "2026-11").ok());
  struct Case {
    TableQuery q;
    Code code;
    std::string field;
  };
  const Case cases[] = {
      {{"no_such_thing", "sex", "", ""}, Code::kNotFound, "indicator"},
      {{"complaints_and_cases", "sex", "", ""}, Code::kNotFound, "indicator"},
      {{"contracts_attested", "", "", ""}, Code::kInvalidArgument, "rows"},
      {{"contracts_attested", "shoe_size", "", ""}, Code::kInvalidArgument, "rows"},
      {{"contracts_attested", "sex", "shoe_size", ""}, Code::kInvalidArgument, "cols"},
      {{"contracts_attested", "sex", "sex", ""}, Code::kInvalidArgument, "cols"},
      {{"crossings", "isco_major", "", ""}, Code::kInvalidArgument, "rows"},
      {{"permits_active", "month", "", ""}, Code::kInvalidArgument, "rows"},
      {{"contracts_attested", "sex", "", "2026-10"}, Code::kNotFound, "release"},
      {{"contracts_attested", "sex", "", "november"}, Code::kInvalidArgument, "release"},
  };
  for (const Case& c : cases) {
    auto t = releases_->Table(c.q);
    EXPECT_EQ(t.status().code(), c.code) << c.q.indicator << " " << c.q.rows << " " << c.q.cols;
    EXPECT_EQ(t.status().field(), c.field) << c.q.indicator << " " << c.q.rows;
  }
}

// The open data: every file the release wrote is listed by the signed manifest with its size and
// SHA-256, the signature is the node's over the manifest's canonical JSON, and the SDMX files
// withhold the rare case exactly as indicators.csv does.
TEST_F(StatisticsReleasesTest, OpenDataFilesAreListedAndSignedByTheNode) {
  November();
  node_.clock->Set(*Timestamp::Parse("2026-12-03T09:00:00Z"));
  auto r = releases_->Release(admin_, "2026-11");
  ASSERT_TRUE(r.ok()) << r.status().ToString();

  auto index = releases_->Files("2026-11");
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  EXPECT_TRUE(index->signed_manifest);
  EXPECT_EQ(index->release.id, "2026-11");
  std::vector<std::string> names;
  for (const auto& f : index->files) names.push_back(f.name);
  std::vector<std::string> expected = {"indicators.csv", "dictionary.csv"};
  for (const auto& d : releases_->released()) expected.push_back(d.id + ".sdmx.csv");
  expected.push_back("release.json");
  EXPECT_EQ(names, expected);
  for (const auto& f : index->files) {
    auto body = releases_->File("2026-11", f.name);
    ASSERT_TRUE(body.ok()) << f.name << ": " << body.status().ToString();
    EXPECT_EQ(body->sha256, HexEncode(crypto::Sha256(body->body))) << f.name;
    EXPECT_EQ(f.sha256, body->sha256) << f.name;
    EXPECT_EQ(f.bytes, static_cast<int64_t>(body->body.size())) << f.name;
    EXPECT_EQ(body->content_type, f.content_type) << f.name;
  }

  // The manifest: its members, and the node's signature over the rest of it.
  auto manifest_file = releases_->File("2026-11", "release.json");
  ASSERT_TRUE(manifest_file.ok());
  auto manifest = json::Parse(manifest_file->body);
  ASSERT_TRUE(manifest.ok());
  EXPECT_EQ(manifest->Get("type")->AsString(), "corridor.open_data.v1");
  EXPECT_EQ(manifest->Get("release")->AsString(), "2026-11");
  EXPECT_EQ(manifest->Get("country")->AsString(), "KWT");
  EXPECT_EQ(manifest->Get("sha256")->AsString(), r->sha256);
  EXPECT_EQ(manifest->Get("files")->AsArray().size(), expected.size() - 1);
  auto signature = Base64UrlDecode(manifest->Get("signature")->AsString());
  ASSERT_TRUE(signature.ok());
  ASSERT_EQ(signature->size(), 64u);
  crypto::Signature sig{};
  std::copy(signature->begin(), signature->end(), sig.begin());
  json::Value body = *manifest;
  body.AsObject().Erase("signature");
  const std::string input = json::Canonical(body);
  EXPECT_TRUE(crypto::Verify(node_.key->public_key(), AsBytes(input), sig));
  // A manifest edited after signing (a file's hash swapped) no longer verifies.
  json::Value edited = body;
  edited.AsObject().Set("sha256", std::string(64, '0'));
  EXPECT_FALSE(crypto::Verify(node_.key->public_key(), AsBytes(json::Canonical(edited)), sig));

  // SDMX-CSV: her figures are withheld (C) wherever they are not zero; the header is SDMX's.
  auto sdmx = releases_->File("2026-11", "contracts_attested.sdmx.csv");
  ASSERT_TRUE(sdmx.ok());
  EXPECT_TRUE(
      sdmx->body.starts_with("DATAFLOW,FREQ,ORIGIN,DESTINATION,OCCUPATION,SEX,AGE,EMP_SIZE,"
                             "TIME_PERIOD,OBS_VALUE,CONF_STATUS\n"))
      << sdmx->body.substr(0, 200);
  size_t hers = 0;
  for (size_t start = 0; start < sdmx->body.size();) {
    const size_t end = sdmx->body.find('\n', start);
    const std::string line = sdmx->body.substr(start, end - start);
    start = end + 1;
    EXPECT_TRUE(line.starts_with("DATAFLOW,") ||
                line.starts_with("CORRIDOR_KWT:CONTRACTS_ATTESTED(1.0),M,"))
        << line;
    if (line.find(",BGD,") != std::string::npos && !line.ends_with(",0,F")) {
      ++hers;
      EXPECT_TRUE(line.ends_with(",,C")) << line;
    }
  }
  EXPECT_GT(hers, 0u);

  // The dictionary names every column of indicators.csv and every released indicator.
  auto dictionary = releases_->File("2026-11", "dictionary.csv");
  ASSERT_TRUE(dictionary.ok());
  EXPECT_TRUE(dictionary->body.starts_with("name,kind,meaning\nindicator,column,"));
  for (const auto& d : releases_->released()) {
    EXPECT_NE(
        dictionary->body.find("\n" + d.id + "," + std::string(domain::ToString(d.kind)) + ","),
        std::string::npos)
        << d.id;
  }
}

TEST_F(StatisticsReleasesTest, OpenDataRefusalsNameTheReleaseOrTheFile) {
  November();
  node_.clock->Set(*Timestamp::Parse("2026-12-03T09:00:00Z"));
  ASSERT_TRUE(releases_->Release(admin_, "2026-11").ok());
  struct Case {
    std::string release;
    std::string file;
    Code code;
    std::string field;
  };
  const Case cases[] = {
      {"2026-10", "indicators.csv", Code::kNotFound, "release"},
      {"november", "indicators.csv", Code::kInvalidArgument, "release"},
      {"", "indicators.csv", Code::kInvalidArgument, "release"},
      {"2026-11", "passwords.csv", Code::kNotFound, "file"},
      {"2026-11", "INDICATORS.CSV", Code::kNotFound, "file"},
  };
  for (const Case& c : cases) {
    auto f = releases_->File(c.release, c.file);
    EXPECT_EQ(f.status().code(), c.code) << c.release << " " << c.file;
    EXPECT_EQ(f.status().field(), c.field) << c.release << " " << c.file;
  }
  auto none = releases_->Files("2026-10");
  EXPECT_EQ(none.status().code(), Code::kNotFound);
  EXPECT_EQ(none.status().field(), "release");
}

}  // namespace
}  // namespace corridor::service
