#include "domain/statistics_release.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace corridor::domain {
namespace {

const IndicatorDefinition kAttested{
    "contracts_attested",
    IndicatorKind::kFlow,
    "",
    {"origin", "destination", "month", "isco_major", "sex", "age_band", "employer_size_band"}};
const IndicatorDefinition kActive{
    "permits_active",
    IndicatorKind::kStock,
    "status",
    {"origin", "destination", "month", "isco_major", "sex", "age_band", "employer_size_band"}};
const IndicatorDefinition kCrossings{"crossings",
                                     IndicatorKind::kFlow,
                                     "direction",
                                     {"origin", "destination", "month", "sex", "age_band"}};

StatDelta Counter(const std::string& indicator, const std::string& month, const std::string& origin,
                  const std::string& isco, const std::string& sex, const std::string& age,
                  const std::string& size, int64_t n, const std::string& extra = "") {
  StatKey k;
  k.indicator = indicator;
  k.extra = extra;
  k.origin = origin;
  k.destination = "KWT";
  k.month = month;
  k.isco_major = isco;
  k.sex = sex;
  k.age_band = age;
  k.size_band = size;
  return {k, n};
}

// A corridor's attestations over three months: Nepali men and women in several occupations, and
// one Bengali woman, the only person of her origin, in one occupation in one month.
std::vector<StatDelta> Corridor() {
  std::vector<StatDelta> c;
  const char* months[] = {"2026-09", "2026-10", "2026-11"};
  const char* ages[] = {"20-24", "25-29", "30-34", "35-39"};
  const char* sizes[] = {"2-9", "10-49", "50-249"};
  int64_t n = 3;
  for (const char* m : months) {
    for (const char* isco : {"5", "9", "7"}) {
      for (const char* sex : {"M", "F"}) {
        for (const char* age : ages) {
          n = (n * 7 + 5) % 13;  // 0..12: zeros, small counts and larger ones
          c.push_back(Counter("contracts_attested", m, "NPL", isco, sex, age, sizes[n % 3], n));
        }
      }
    }
  }
  c.push_back(Counter("contracts_attested", "2026-10", "BGD", "5", "F", "25-29", "1", 1));
  // A later month, not released by 2026-11's release.
  c.push_back(Counter("contracts_attested", "2026-12", "NPL", "5", "M", "30-34", "2-9", 40));
  // Another indicator's counter is never mixed in.
  c.push_back(Counter("permits_issued", "2026-10", "NPL", "5", "M", "30-34", "2-9", 500));
  return c;
}

// The true count of a figure: the counters of `def` up to `month` whose dimensions match `dims`
// (a stock takes every month up to `month`, a flow those matching its month too).
int64_t TrueCount(const std::vector<StatDelta>& counters, const IndicatorDefinition& def,
                  const std::string& month, const std::vector<DimensionValue>& dims) {
  int64_t n = 0;
  for (const auto& d : counters) {
    if (d.key.indicator != def.id || d.key.month > month) continue;
    bool match = true;
    for (const auto& dv : dims) {
      std::string v;
      if (dv.dimension == "origin")
        v = d.key.origin;
      else if (dv.dimension == "destination")
        v = d.key.destination;
      else if (dv.dimension == "month")
        v = d.key.month;
      else if (dv.dimension == "isco_major")
        v = d.key.isco_major;
      else if (dv.dimension == "sex")
        v = d.key.sex;
      else if (dv.dimension == "age_band")
        v = d.key.age_band;
      else if (dv.dimension == "employer_size_band")
        v = d.key.size_band;
      else
        v = d.key.extra;
      if (v.empty()) v = std::string(kUnknownValue);
      // A stock's reference month is fixed; its deltas of earlier months all count.
      if (dv.dimension == "month" && def.kind == IndicatorKind::kStock) continue;
      match = match && v == dv.value;
    }
    if (match) n += d.count;
  }
  return n;
}

std::vector<DimensionValue> DimsOf(const ReleasedTable& t, size_t i, size_t j) {
  std::vector<DimensionValue> dv;
  if (!t.month.empty()) dv.push_back({"month", t.month});
  if (i < t.row_values.size()) dv.push_back({t.row_dimension, t.row_values[i]});
  if (j < t.col_values.size()) dv.push_back({t.col_dimension, t.col_values[j]});
  return dv;
}

// Every table of the release protects every small count: no published figure has a true count
// from 1 to threshold - 1; every row and column (margins included) hides no figure or at least
// two; where a line's total is published and it hides a small count, the hidden figures sum to
// at least threshold + (their number - 1); every figure shown in two tables has one value there;
// every published value is a multiple of the rounding base.
void ExpectReleaseProtects(const IndicatorRelease& r, const std::vector<StatDelta>& counters,
                           const IndicatorDefinition& def, const std::string& month,
                           const DisclosurePolicy& policy) {
  std::map<std::string, std::optional<int64_t>> seen;
  for (const ReleasedTable& t : r.tables) {
    const PublishedTable& p = t.published;
    const size_t cols = p.cols;
    auto at = [&](size_t i, size_t j) { return p.values[i * (cols + 1) + j]; };
    auto truth = [&](size_t i, size_t j) {
      return TrueCount(counters, def, month, DimsOf(t, i, j));
    };
    for (size_t i = 0; i <= p.rows; ++i) {
      for (size_t j = 0; j <= cols; ++j) {
        const int64_t n = truth(i, j);
        const std::string key = CellKey(def.id, DimsOf(t, i, j));
        auto [it, inserted] = seen.emplace(key, at(i, j));
        EXPECT_EQ(it->second, at(i, j)) << key << " differs between tables";
        if (!at(i, j)) continue;
        EXPECT_TRUE(n == 0 || n >= policy.threshold) << key << " published with true count " << n;
        EXPECT_EQ(*at(i, j) % policy.rounding_base, 0) << key;
        EXPECT_LT(std::abs(*at(i, j) - n), policy.rounding_base) << key;
      }
    }
    if (t.col_dimension.empty()) continue;
    // Lines: each row (cells then total) and each column (cells then total).
    std::vector<std::vector<std::pair<size_t, size_t>>> lines;
    for (size_t i = 0; i <= p.rows; ++i) {
      std::vector<std::pair<size_t, size_t>> l;
      for (size_t j = 0; j <= cols; ++j) l.push_back({i, j});
      lines.push_back(l);
    }
    for (size_t j = 0; j <= cols; ++j) {
      std::vector<std::pair<size_t, size_t>> l;
      for (size_t i = 0; i <= p.rows; ++i) l.push_back({i, j});
      lines.push_back(l);
    }
    for (const auto& line : lines) {
      size_t hidden = 0;
      int64_t hidden_sum = 0;
      bool small = false;
      for (const auto& [i, j] : line) {
        if (at(i, j)) continue;
        ++hidden;
        if (std::pair{i, j} != line.back()) {
          hidden_sum += truth(i, j);
          small = small || (truth(i, j) > 0 && truth(i, j) < policy.threshold);
        }
      }
      EXPECT_NE(hidden, 1u) << t.row_dimension << " x " << t.col_dimension
                            << ": a line hides one figure, which its others give away";
      const auto [ti, tj] = line.back();
      if (at(ti, tj) && small) {
        EXPECT_GE(hidden_sum, policy.threshold + static_cast<int64_t>(hidden) - 1)
            << t.row_dimension << " x " << t.col_dimension;
      }
    }
  }
}

TEST(StatisticsReleaseTest, OneBengaliWomanIsNeverRevealedInAnyTable) {
  const auto counters = Corridor();
  const DisclosurePolicy policy;
  auto r = ReleaseIndicator(kAttested, counters, "2026-11", policy, 0x5eed);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // 7 dimensions: 21 two-dimensional tables and 7 one-dimensional ones.
  EXPECT_EQ(r->tables.size(), 28u);
  ExpectReleaseProtects(*r, counters, kAttested, "2026-11", policy);
  // Every figure of hers (her origin, alone or with anything else) is withheld; her origin's
  // zeros (no Bengali in September) name nobody and are shown.
  size_t hers = 0;
  for (const auto& f : r->figures) {
    for (const auto& dv : f.values) {
      if (dv.dimension == "origin" && dv.value == "BGD" &&
          TrueCount(counters, kAttested, "2026-11", f.values) > 0) {
        ++hers;
        EXPECT_FALSE(f.value.has_value()) << CellKey(f.indicator, f.values);
      }
    }
  }
  EXPECT_EQ(hers, 7u);  // her origin alone, and with each of the six other dimensions
  // Not everything is withheld: the grand total and the larger cells are published.
  size_t published = 0;
  for (const auto& f : r->figures) published += f.value.has_value();
  EXPECT_GT(published, 20u);
  for (const auto& f : r->figures) {
    if (f.values.empty()) {
      ASSERT_TRUE(f.value.has_value());
      EXPECT_LT(std::abs(*f.value - TrueCount(counters, kAttested, "2026-11", {})), 3);
    }
  }
}

TEST(StatisticsReleaseTest, LaterMonthsAndOtherIndicatorsAreLeftOut) {
  const auto counters = Corridor();
  auto r = ReleaseIndicator(kAttested, counters, "2026-11", {}, 7);
  ASSERT_TRUE(r.ok());
  for (const auto& t : r->tables) {
    for (const auto& v : t.row_values) EXPECT_NE(v, "2026-12");
    for (const auto& v : t.col_values) EXPECT_NE(v, "2026-12");
  }
  for (const auto& f : r->figures) {
    for (const auto& dv : f.values) EXPECT_NE(dv.value, "2026-12");
  }
  // The month of December's release shows it.
  auto december = ReleaseIndicator(kAttested, counters, "2026-12", {}, 7);
  ASSERT_TRUE(december.ok());
  bool shown = false;
  for (const auto& t : december->tables) {
    if (t.row_dimension == "month" && t.col_dimension.empty()) {
      shown = std::find(t.row_values.begin(), t.row_values.end(), "2026-12") != t.row_values.end();
    }
  }
  EXPECT_TRUE(shown);
}

TEST(StatisticsReleaseTest, TheSameSeedGivesTheSameFiguresAndAnotherSeedOthers) {
  const auto counters = Corridor();
  auto a = ReleaseIndicator(kAttested, counters, "2026-11", {}, 11);
  auto b = ReleaseIndicator(kAttested, counters, "2026-11", {}, 11);
  auto c = ReleaseIndicator(kAttested, counters, "2026-11", {}, 12);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->tables, b->tables);
  EXPECT_NE(a->tables, c->tables);
  const IndicatorDefinition defs[] = {kAttested};
  const IndicatorRelease ra[] = {*a};
  const IndicatorRelease rb[] = {*b};
  EXPECT_EQ(FiguresCsv(defs, ra), FiguresCsv(defs, rb));
}

TEST(StatisticsReleaseTest, AStockIsTakenAtTheMonthsEnd) {
  std::vector<StatDelta> c;
  // Nine permits from September; seven of them leave the stock in December (expired).
  c.push_back(Counter("permits_active", "2026-09", "NPL", "5", "M", "30-34", "2-9", 9, "active"));
  c.push_back(Counter("permits_active", "2026-12", "NPL", "5", "M", "30-34", "2-9", -7, "active"));
  c.push_back(Counter("permits_active", "2026-10", "NPL", "9", "F", "25-29", "2-9", 6, "active"));
  c.push_back(Counter("permits_active", "2026-10", "BGD", "9", "F", "25-29", "1", 1, "active"));
  const DisclosurePolicy none{1, 1};
  auto november = ReleaseIndicator(kActive, c, "2026-11", none, 1);
  ASSERT_TRUE(november.ok()) << november.status().ToString();
  // Month is fixed, not a dimension: status plus six common dimensions.
  EXPECT_EQ(november->tables.size(), 21u + 7u);
  for (const auto& t : november->tables) {
    EXPECT_EQ(t.month, "2026-11");
    EXPECT_NE(t.row_dimension, "month");
    EXPECT_NE(t.col_dimension, "month");
  }
  for (const auto& f : november->figures) {
    if (f.values.size() == 1) {  // the grand total, at November's end
      EXPECT_EQ(f.values[0].dimension, "month");
      EXPECT_EQ(f.value, 16);
    }
  }
  auto december = ReleaseIndicator(kActive, c, "2026-12", none, 1);
  ASSERT_TRUE(december.ok());
  for (const auto& f : december->figures) {
    if (f.values.size() == 1) {
      EXPECT_EQ(f.value, 9);
    }
  }
  // Under the default policy her permit is withheld everywhere.
  auto protected_release = ReleaseIndicator(kActive, c, "2026-11", {}, 1);
  ASSERT_TRUE(protected_release.ok());
  ExpectReleaseProtects(*protected_release, c, kActive, "2026-11", {});
}

TEST(StatisticsReleaseTest, UnknownFactsAreAValueOfTheirOwn) {
  std::vector<StatDelta> c;
  c.push_back(Counter("crossings", "2026-10", "NPL", "", "M", "30-34", "", 12, "entry"));
  c.push_back(Counter("crossings", "2026-10", "IND", "", "", "", "", 9, "entry"));
  auto r = ReleaseIndicator(kCrossings, c, "2026-10", {1, 1}, 1);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  bool found = false;
  for (const auto& t : r->tables) {
    if (t.row_dimension == "sex" && t.col_dimension.empty()) {
      EXPECT_EQ(t.row_values, (std::vector<std::string>{"M", "unknown"}));
      EXPECT_EQ(t.published.values,
                (std::vector<std::optional<int64_t>>{int64_t{12}, int64_t{9}, int64_t{21}}));
      found = true;
    }
    EXPECT_NE(t.row_dimension, "isco_major");  // not a dimension of crossings
  }
  EXPECT_TRUE(found);
}

TEST(StatisticsReleaseTest, NothingCountedIsAZeroTotal) {
  auto r = ReleaseIndicator(kCrossings, {}, "2026-10", {}, 1);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->figures.size(), 1u);
  EXPECT_EQ(r->figures[0].value, 0);
  for (const auto& t : r->tables) {
    EXPECT_TRUE(t.row_values.empty());
    EXPECT_EQ(t.published.values, (std::vector<std::optional<int64_t>>{int64_t{0}}));
  }
}

TEST(StatisticsReleaseTest, BadCountersAndDefinitionsAreRefused) {
  std::vector<StatDelta> c;
  c.push_back(Counter("contracts_attested", "2026-10", "NPL", "5", "M", "30-34", "2-9", -2));
  EXPECT_EQ(ReleaseIndicator(kAttested, c, "2026-10", {}, 1).status().code(), Code::kInternal);
  IndicatorDefinition one{"x", IndicatorKind::kFlow, "", {"month"}};
  EXPECT_EQ(ReleaseIndicator(one, {}, "2026-10", {}, 1).status().field(), "dimensions");
  IndicatorDefinition odd{"x", IndicatorKind::kFlow, "", {"month", "shoe_size"}};
  EXPECT_EQ(ReleaseIndicator(odd, {}, "2026-10", {}, 1).status().field(), "dimensions");
  EXPECT_EQ(ReleaseIndicator(kAttested, {}, "2026-10", {0, 3}, 1).status().field(), "threshold");
}

TEST(StatisticsReleaseTest, AReleaseIsOfAMonthThatHasEnded) {
  const Timestamp now = *Timestamp::Parse("2026-12-07T10:00:00Z");
  EXPECT_TRUE(MayRelease("2026-11", now).ok());
  EXPECT_TRUE(MayRelease("2025-01", now).ok());
  const Status open = MayRelease("2026-12", now);
  EXPECT_EQ(open.code(), Code::kFailedPrecondition);
  EXPECT_EQ(open.field(), "id");
  EXPECT_EQ(MayRelease("2027-01", now).code(), Code::kFailedPrecondition);
  for (const char* bad : {"", "2026-13", "2026-00", "2026-1", "26-11", "2026/11", "2026-11-30"}) {
    const Status s = MayRelease(bad, now);
    EXPECT_EQ(s.code(), Code::kInvalidArgument) << bad;
    EXPECT_EQ(s.field(), "id") << bad;
  }
  EXPECT_EQ(ReferenceDate("2026-11").ToString(), "2026-11-30");
  EXPECT_EQ(ReferenceDate("2028-02").ToString(), "2028-02-29");
  EXPECT_EQ(ReferenceDate("2026-12").ToString(), "2026-12-31");
}

TEST(StatisticsReleaseTest, TheFiguresFileHasAColumnPerDimension) {
  std::vector<StatDelta> c;
  c.push_back(Counter("crossings", "2026-10", "NPL", "", "M", "30-34", "", 12, "entry"));
  auto r = ReleaseIndicator(kCrossings, c, "2026-10", {1, 1}, 1);
  ASSERT_TRUE(r.ok());
  const IndicatorDefinition defs[] = {kAttested, kActive, kCrossings};
  const IndicatorRelease releases[] = {*r};
  const std::string csv = FiguresCsv(defs, releases);
  const std::string header =
      "indicator,origin,destination,month,isco_major,sex,age_band,employer_size_band,direction,"
      "status,value,flag\n";
  ASSERT_EQ(csv.substr(0, header.size()), header);
  // The grand total first (every dimension empty), then its breakdowns, sorted.
  EXPECT_EQ(csv.find("crossings" + std::string(10, ',') + "12,\n"), header.size());
  EXPECT_NE(csv.find("\ncrossings,NPL,,,,,,,entry,,12,\n"), std::string::npos);
  // 6 dimensions of one value each: the total, each alone, each pair.
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 1 + 6 + 15);
}

TEST(StatisticsReleaseTest, ATransposedTableShowsTheSameFigures) {
  auto r = ReleaseIndicator(kAttested, Corridor(), "2026-11", {}, 3);
  ASSERT_TRUE(r.ok());
  const ReleasedTable& t = r->tables[0];
  const ReleasedTable u = Transposed(t);
  EXPECT_EQ(u.row_dimension, t.col_dimension);
  EXPECT_EQ(u.col_values, t.row_values);
  for (size_t i = 0; i <= t.published.rows; ++i) {
    for (size_t j = 0; j <= t.published.cols; ++j) {
      EXPECT_EQ(u.published.values[j * (t.published.rows + 1) + i],
                t.published.values[i * (t.published.cols + 1) + j]);
    }
  }
  EXPECT_EQ(Transposed(u), t);
}

}  // namespace
}  // namespace corridor::domain
