#include "screening/scorer.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "core/csv.hpp"
#include "screening/test_support.hpp"
#include "test_data.hpp"

namespace corridor::screening {
namespace {

using testing::Knowledge;
using testing::RealStats;

struct Row {
  uint64_t line;
  std::vector<std::string> f;
};

std::vector<Row> ReadCsv(const std::string& path, size_t columns) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  CsvReader::Options o;
  o.skip_comment_lines = true;
  CsvReader r(in, o);
  std::vector<Row> rows;
  std::vector<std::string> f;
  for (;;) {
    auto more = r.Next(f);
    EXPECT_TRUE(more.ok()) << more.status().ToString();
    if (!more.ok() || !*more) break;
    if (f[0] == "name1") continue;  // header
    EXPECT_EQ(f.size(), columns) << path << " line " << r.record_line();
    rows.push_back({r.record_line(), f});
  }
  return rows;
}

// Every pair of the cross-script file (tests/data/screening) names the same person in two scripts.
// The test asserts that the names are judged equivalent (name similarity at or above the match
// threshold) and reports how many also reach a "match" decision: single common names (Abdullah,
// David) are deliberately kept below it by the evidence rule.
TEST(ScorerTest, CrossScriptPairs) {
  Screener screener(Knowledge(), RealStats());
  MatchConfig c;
  const auto rows =
      ReadCsv(corridor::testing::TestDataFile("screening/cross-script-name-pairs.csv"), 4);
  ASSERT_EQ(rows.size(), 22u);  // the file holds 22 pairs
  int similar = 0, decided = 0;
  for (const auto& row : rows) {
    auto m = screener.CompareNames(row.f[0], row.f[1], c);
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    const bool ok = m->similarity >= c.match_threshold;
    similar += ok;
    decided += m->decision == Decision::kMatch;
    EXPECT_TRUE(ok) << "line " << row.line << ": " << row.f[0] << " / " << row.f[1] << "\n"
                    << m->Explain();
    if (m->decision != Decision::kMatch) {
      std::cout << "[ info ] " << row.f[0] << " / " << row.f[1] << ": decision "
                << DecisionName(m->decision) << " (score " << m->score << ", similarity "
                << m->similarity << ")\n";
    }
  }
  std::cout << "[ info ] cross-script pairs: " << similar << "/22 judged equivalent, " << decided
            << "/22 decided match\n";
}

// The labelled pairs: each row's decision is asserted (a failing row names its line), and
// precision and recall of "match" are reported and held above floors.
TEST(ScorerTest, LabelledNamePairs) {
  Screener screener(Knowledge(), RealStats());
  MatchConfig c;
  const auto rows =
      ReadCsv(std::string(CORRIDOR_SOURCE_DIR) + "/tests/data/screening/name-pairs.csv", 4);
  ASSERT_GE(rows.size(), 150u);
  int tp = 0, fp = 0, fn = 0, tn = 0, matches = 0, non_matches = 0;
  for (const auto& row : rows) {
    const std::string& expected = row.f[2];
    ASSERT_TRUE(expected == "match" || expected == "no_match" || expected == "review")
        << "line " << row.line << ": expected must be match, no_match or review";
    auto m = screener.CompareNames(row.f[0], row.f[1], c);
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    const std::string got(DecisionName(m->decision));
    EXPECT_EQ(got, expected) << "name-pairs.csv line " << row.line << ": " << row.f[0] << " / "
                             << row.f[1] << " (" << row.f[3] << ")\n"
                             << m->Explain();
    if (expected == "review") continue;
    const bool want = expected == "match";
    const bool said = m->decision == Decision::kMatch;
    matches += want;
    non_matches += !want;
    tp += want && said;
    fn += want && !said;
    fp += !want && said;
    tn += !want && !said;
  }
  EXPECT_GE(non_matches, matches);
  const double precision = tp + fp > 0 ? static_cast<double>(tp) / (tp + fp) : 0;
  const double recall = tp + fn > 0 ? static_cast<double>(tp) / (tp + fn) : 0;
  std::cout << "[ info ] labelled pairs: " << matches << " match, " << non_matches
            << " no_match; precision " << precision << ", recall " << recall << " (tp " << tp
            << ", fp " << fp << ", fn " << fn << ", tn " << tn << ")\n";
  EXPECT_GE(precision, 0.95);
  EXPECT_GE(recall, 0.90);
}

TEST(ScorerTest, ExplanationNamesPartsAndMethods) {
  Screener screener(Knowledge(), RealStats());
  MatchConfig c;
  auto m = screener.CompareNames("Dr. Mohamed Abdelaziz Hamdn", "Muhammad Abd al-Aziz Hamdan", c);
  ASSERT_TRUE(m.ok());
  const std::string text = m->Explain();
  EXPECT_NE(text.find("equivalent-variant"), std::string::npos) << text;
  EXPECT_NE(text.find("'hamdn' ~ 'hamdan': phonetic"), std::string::npos) << text;
  EXPECT_NE(text.find("ignored 'dr'"), std::string::npos) << text;
  EXPECT_NE(text.find("'abdelaziz' ~ 'abd al aziz': exact"), std::string::npos) << text;
  auto typo = screener.CompareNames("Ayman Zawahri", "Ayman al-Zawahiri", c);
  EXPECT_NE(typo->Explain().find("'zawahri' ~ 'zawahiri': edit-distance 1"), std::string::npos)
      << typo->Explain();
  auto script = screener.CompareNames("محمد رفیق", "Mohammad Rafiq", c);
  EXPECT_NE(script->Explain().find("'رفیق' ~ 'rafiq': transliterated"), std::string::npos)
      << script->Explain();
}

TEST(ScorerTest, IdentifiersAdjustTheScore) {
  Screener screener(Knowledge(), RealStats());
  MatchConfig c;
  WatchlistEntry e;
  e.list = "UN";
  e.entry_id = "1";
  e.names.push_back({"Jamil Mukulu", NameQuality::kPrimary, Script::kLatin, {}});
  e.dobs.push_back(BirthDate::Exact(*Date::Parse("1964-01-01")));
  e.dobs.push_back(BirthDate::Year(1965));
  e.nationalities = {"UGA"};
  e.sex = Sex::kMale;
  e.documents.push_back({"Passport", "B 0362 47", "B036247", "UGA", ""});
  NameQuery q;
  q.names = {"Jamil Mukullu"};
  auto base = screener.Compare(q, e, c);
  ASSERT_TRUE(base.ok());
  EXPECT_TRUE(base->adjustments.empty());

  q.date_of_birth = *Date::Parse("1964-01-01");
  auto same = screener.Compare(q, e, c);
  EXPECT_NEAR(same->score, std::min(1.0, base->score + c.dob_same_date), 1e-9);
  q.date_of_birth = *Date::Parse("1965-07-07");
  auto year = screener.Compare(q, e, c);
  EXPECT_NEAR(year->score, std::min(1.0, base->score + c.dob_same_year), 1e-9);
  q.date_of_birth = *Date::Parse("1990-07-07");
  auto conflict = screener.Compare(q, e, c);
  EXPECT_NEAR(conflict->score, base->score + c.dob_conflict, 1e-9);
  EXPECT_NE(conflict->Explain().find("conflicts with every listed date (1964-01-01, 1965)"),
            std::string::npos)
      << conflict->Explain();
  q.date_of_birth.reset();
  q.nationality = "KEN";
  q.sex = Sex::kFemale;
  auto other = screener.Compare(q, e, c);
  EXPECT_NEAR(other->score, base->score + c.nationality_conflict + c.sex_conflict, 1e-9);
  q.nationality = "UGA";
  q.sex = Sex::kUnknown;
  auto nat = screener.Compare(q, e, c);
  EXPECT_NEAR(nat->score, std::min(1.0, base->score + c.nationality_same), 1e-9);

  // A document number matches exactly (fillers and spaces aside) and decides alone.
  NameQuery d;
  d.names = {"Somebody Else"};
  d.document_number = "b036247";
  d.document_country = "UGA";
  auto doc = screener.Compare(d, e, c);
  EXPECT_TRUE(doc->document_match);
  EXPECT_EQ(doc->decision, Decision::kMatch);
  d.document_number = "B036248";  // one digit off: never a fuzzy document match
  EXPECT_FALSE(screener.Compare(d, e, c)->document_match);
  d.document_number = "B036247";
  d.document_country = "KEN";  // same number, another country's document
  EXPECT_FALSE(screener.Compare(d, e, c)->document_match);
}

TEST(ScorerTest, RareTokensWeighMoreThanCommonOnes) {
  const TokenStats& s = RealStats();
  NameNormalizer n(Knowledge());
  MatchConfig c;
  auto common = n.Normalize("Mohammed");
  auto rare = n.Normalize("Iyamuremye");
  const double wc = s.Weight(common->forms[0].tokens[0], Knowledge(), c);
  const double wr = s.Weight(rare->forms[0].tokens[0], Knowledge(), c);
  EXPECT_LE(wc, c.common_weight_cap);
  EXPECT_GT(wr, 0.8);
  // Alone, the common name is not a hit even against itself.
  Screener screener(Knowledge(), s);
  EXPECT_EQ(screener.CompareNames("Mohammed", "Muhammad", c)->decision, Decision::kNoMatch);
}

TEST(ScorerTest, ConfigValidation) {
  MatchConfig c;
  EXPECT_TRUE(c.Validate().ok());
  c.review_threshold = 0.9;
  EXPECT_FALSE(c.Validate().ok());
  c = MatchConfig();
  c.sim_variant = 1.5;
  EXPECT_FALSE(c.Validate().ok());
  c = MatchConfig();
  c.evidence_required = 0;
  EXPECT_FALSE(c.Validate().ok());
}

TEST(ScorerTest, EditDistance) {
  EXPECT_EQ(EditDistance("zawahiri", "zawahri", 2), 1);
  EXPECT_EQ(EditDistance("zawahiri", "zawahiir", 2), 1);  // transposition
  EXPECT_EQ(EditDistance("abc", "xyz", 1), 2);            // limit + 1
  EXPECT_EQ(EditDistance("", "", 0), 0);
}

}  // namespace
}  // namespace corridor::screening
