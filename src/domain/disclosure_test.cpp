#include "domain/disclosure.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace corridor::domain {
namespace {

// An attacker who knows everything published about a table (its published cells and margins,
// exactly, before rounding) and that a hidden cell holds a whole number of people, at least
// `low` of them, lists every table consistent with that. A hidden cell is safe when it takes
// more than one value over those tables; a small one is well protected when some consistent
// table puts it at the threshold or above, so not even its smallness is known.
struct Attack {
  std::map<size_t, std::set<int64_t>> values;  // hidden extended cell -> values it can take
  size_t completions = 0;
};

class Attacker {
 public:
  Attacker(const ExtendedTable& t, int64_t low) : t_(t), low_(low) {
    for (size_t i = 0; i < t.rows; ++i) {
      for (size_t j = 0; j < t.cols; ++j) {
        if (t.Suppressed(i, j)) hidden_.push_back(t.Index(i, j));
      }
    }
    guess_ = t.counts;
  }

  // Calls `visit` with every consistent extended table (margins recomputed from the guess).
  template <typename Visit>
  void Run(Visit visit) {
    Assign(0, visit);
  }

  Attack Values() {
    Attack a;
    Run([&](const std::vector<int64_t>& table) {
      ++a.completions;
      for (size_t cell = 0; cell < table.size(); ++cell) {
        if (t_.suppression[cell] != Suppression::kNone) a.values[cell].insert(table[cell]);
      }
    });
    return a;
  }

 private:
  bool Published(size_t cell) const { return t_.suppression[cell] == Suppression::kNone; }

  // The largest a hidden interior cell can be: any published total it is part of bounds it.
  int64_t Cap(size_t i, size_t j) const {
    int64_t cap = 4 * t_.counts[t_.Index(t_.rows, t_.cols)] + 10;
    for (size_t cell : {t_.Index(i, t_.cols), t_.Index(t_.rows, j), t_.Index(t_.rows, t_.cols)}) {
      if (Published(cell)) cap = std::min(cap, t_.counts[cell]);
    }
    return cap;
  }

  template <typename Visit>
  void Assign(size_t k, Visit& visit) {
    if (k == hidden_.size()) {
      std::vector<int64_t> table = guess_;
      for (size_t i = 0; i <= t_.rows; ++i) table[t_.Index(i, t_.cols)] = 0;
      for (size_t j = 0; j <= t_.cols; ++j) table[t_.Index(t_.rows, j)] = 0;
      for (size_t i = 0; i < t_.rows; ++i) {
        for (size_t j = 0; j < t_.cols; ++j) {
          const int64_t v = table[t_.Index(i, j)];
          table[t_.Index(i, t_.cols)] += v;
          table[t_.Index(t_.rows, j)] += v;
          table[t_.Index(t_.rows, t_.cols)] += v;
        }
      }
      for (size_t cell = 0; cell < table.size(); ++cell) {
        if (Published(cell) && table[cell] != t_.counts[cell]) return;
        if (!Published(cell) && table[cell] < low_) return;
      }
      visit(table);
      return;
    }
    const size_t cell = hidden_[k];
    const size_t i = cell / (t_.cols + 1);
    const size_t j = cell % (t_.cols + 1);
    for (int64_t v = low_; v <= Cap(i, j); ++v) {
      guess_[cell] = v;
      if (!Within(i, j)) break;  // larger values only overshoot further
      Assign(k + 1, visit);
    }
    guess_[cell] = t_.counts[cell];
  }

  // The row and the column of (i, j), as guessed so far, do not exceed their published totals.
  bool Within(size_t i, size_t j) const {
    const size_t assigned_through = t_.Index(i, j);
    auto partial = [&](size_t cell) {
      return Published(cell) || cell <= assigned_through ? guess_[cell] : 0;
    };
    int64_t row = 0;
    for (size_t c = 0; c < t_.cols; ++c) row += partial(t_.Index(i, c));
    int64_t col = 0;
    for (size_t r = 0; r < t_.rows; ++r) col += partial(t_.Index(r, j));
    const size_t row_total = t_.Index(i, t_.cols);
    const size_t col_total = t_.Index(t_.rows, j);
    return !(Published(row_total) && row > t_.counts[row_total]) &&
           !(Published(col_total) && col > t_.counts[col_total]);
  }

  const ExtendedTable& t_;
  int64_t low_;
  std::vector<size_t> hidden_;
  std::vector<int64_t> guess_;
};

// The lowest count an attacker may assume of a hidden cell: one, unless a zero was hidden.
int64_t Low(const ExtendedTable& t) {
  for (size_t cell = 0; cell < t.counts.size(); ++cell) {
    if (t.suppression[cell] != Suppression::kNone && t.counts[cell] == 0) return 0;
  }
  return 1;
}

// Every hidden cell takes at least two values. With `bounded`, every small one can also be at the
// threshold or more: the line rule gives that from each line alone, and these tables show it
// holds jointly; it is not guaranteed for every table (see RandomSmallTablesHold).
void ExpectProtected(const ExtendedTable& t, int64_t threshold, bool bounded = true) {
  Attack a = Attacker(t, Low(t)).Values();
  ASSERT_GT(a.completions, 0u) << "the true table itself is consistent";
  for (const auto& [cell, values] : a.values) {
    EXPECT_GE(values.size(), 2u) << "cell " << cell << " (count " << t.counts[cell]
                                 << ") is recovered";
    if (bounded && t.suppression[cell] == Suppression::kPrimary) {
      EXPECT_GE(*values.rbegin(), threshold)
          << "cell " << cell << " (count " << t.counts[cell] << ") is known to be small";
    }
  }
}

// Each extended line holds zero or at least two hidden cells.
void ExpectLinesHoldTwo(const ExtendedTable& t) {
  for (size_t i = 0; i <= t.rows; ++i) {
    size_t n = 0;
    for (size_t j = 0; j <= t.cols; ++j) n += t.Suppressed(i, j) ? 1 : 0;
    EXPECT_NE(n, 1u) << "row " << i;
  }
  for (size_t j = 0; j <= t.cols; ++j) {
    size_t n = 0;
    for (size_t i = 0; i <= t.rows; ++i) n += t.Suppressed(i, j) ? 1 : 0;
    EXPECT_NE(n, 1u) << "column " << j;
  }
}

TEST(DisclosurePolicyTest, OutOfRangeSettingsAreNamed) {
  EXPECT_TRUE(ValidateDisclosurePolicy({}).ok());
  EXPECT_EQ(DisclosurePolicy{}.threshold, 5);
  EXPECT_EQ(DisclosurePolicy{}.rounding_base, 3);
  EXPECT_EQ(ValidateDisclosurePolicy({0, 3}).field(), "threshold");
  EXPECT_EQ(ValidateDisclosurePolicy({kMaxDisclosureThreshold + 1, 3}).field(), "threshold");
  EXPECT_EQ(ValidateDisclosurePolicy({5, 0}).field(), "rounding_base");
  EXPECT_EQ(ValidateDisclosurePolicy({5, kMaxRoundingBase + 1}).field(), "rounding_base");
  EXPECT_EQ(SuppressTable({1, 1, {7}}, {5, -1}).status().field(), "rounding_base");
}

TEST(DisclosureTableTest, MalformedTablesAreRefused) {
  EXPECT_EQ(Extend({2, 2, {1, 2, 3}}).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(Extend({0, 0, {}}).status().code(), Code::kInvalidArgument);
  auto negative = Extend({1, 2, {4, -1}});
  EXPECT_NE(negative.status().message().find("row 0, column 1"), std::string::npos);
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  EXPECT_EQ(Extend({1, 2, {kMax, 1}}).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(
      SuppressTable({2, 2, {10, 10, 10, 10}}, {}, std::vector<bool>(4, false)).status().field(),
      "forced");
}

TEST(DisclosureTableTest, MarginsAreSums) {
  auto t = Extend({2, 3, {1, 2, 3, 4, 5, 6}});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->counts, (std::vector<int64_t>{1, 2, 3, 6, 4, 5, 6, 15, 5, 7, 9, 21}));
}

TEST(DisclosureSuppressionTest, SmallCountsAreHiddenAndZerosShown) {
  auto t = SuppressTable({2, 3, {0, 4, 5, 20, 30, 40}}, {});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->suppression[t->Index(0, 0)], Suppression::kNone);  // zero: nobody to protect
  EXPECT_EQ(t->suppression[t->Index(0, 1)], Suppression::kPrimary);
  EXPECT_NE(t->suppression[t->Index(0, 2)], Suppression::kPrimary);  // 5 is not below 5
  ExpectLinesHoldTwo(*t);
  ExpectProtected(*t, 5);
}

TEST(DisclosureSuppressionTest, ThresholdOneHidesNothing) {
  auto t = SuppressTable({2, 2, {1, 0, 2, 3}}, {1, 1});
  ASSERT_TRUE(t.ok());
  for (Suppression s : t->suppression) EXPECT_EQ(s, Suppression::kNone);
}

TEST(DisclosureSuppressionTest, ASmallTotalIsHiddenToo) {
  // Row 0 totals 3: the total is itself a small count, and so is every non-zero cell of it.
  auto t = SuppressTable({3, 3, {1, 2, 0, 10, 12, 9, 8, 11, 14}}, {});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->suppression[t->Index(0, 3)], Suppression::kPrimary);
  ExpectLinesHoldTwo(*t);
  ExpectProtected(*t, 5);
}

TEST(DisclosureSuppressionTest, TwoOnesInALineDoNotProtectEachOther) {
  // Each of the two hidden cells of row 0 would be recovered as 1 (they sum to 2 and each holds
  // at least one person): the line hides more until either could be 5 or more.
  auto t = SuppressTable({2, 3, {1, 1, 9, 6, 7, 8}}, {});
  ASSERT_TRUE(t.ok());
  int64_t hidden_sum = 0;
  size_t hidden = 0;
  for (size_t j = 0; j < 3; ++j) {
    if (t->Suppressed(0, j)) hidden_sum += t->counts[t->Index(0, j)], ++hidden;
  }
  EXPECT_TRUE(t->Suppressed(0, 3) || hidden_sum >= 5 + static_cast<int64_t>(hidden) - 1);
  ExpectProtected(*t, 5);
}

// The rare combination: in one month, one Bengali woman in one occupation. Rows are
// sex, columns ISCO-08 major groups, for nationality BGD in one month.
CountTable OneBengaliWoman() { return {2, 5, {0, 0, 0, 1, 0, /* F */ 12, 7, 30, 9, 15 /* M */}}; }

TEST(DisclosureSuppressionTest, OneBengaliWomanCannotBeRecovered) {
  auto t = SuppressTable(OneBengaliWoman(), {});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->suppression[t->Index(0, 3)], Suppression::kPrimary);
  EXPECT_EQ(t->suppression[t->Index(0, 5)], Suppression::kPrimary);  // the women's total, 1
  ExpectLinesHoldTwo(*t);
  ExpectProtected(*t, 5);
  // Published, nothing shows her: not her cell, not the women's total, not a difference of
  // published figures (the attacker above tried every one).
  auto published = Publish(
      *t, {"permits_issued", "sex", {"F", "M"}, "isco_major", {"1", "2", "3", "4", "5"}}, {}, 42);
  ASSERT_TRUE(published.ok());
  EXPECT_FALSE(published->values[t->Index(0, 3)].has_value());
  EXPECT_FALSE(published->values[t->Index(0, 5)].has_value());
}

// Tables that hide a cell one publishes elsewhere would give it away; linked tables do not.
TEST(DisclosureLinkedTest, ASharedMarginIsHiddenInEveryTableThatShowsIt) {
  // Over one quarter: sex x occupation (the woman is in June) and sex x month.
  const CountTable by_occupation = {2, 3, {0, 1, 0, /* F */ 20, 15, 25 /* M */}};
  const CountTable by_month = {2, 3, {1, 0, 0, /* F */ 21, 19, 20 /* M */}};
  const std::vector<CountTable> tables = {by_occupation, by_month};
  const std::vector<LinkedCell> links = SharedRowMargins(0, by_occupation, 1, by_month);
  ASSERT_EQ(links.size(), 3u);  // women, men, everyone
  auto out = SuppressLinked(tables, links, {});
  ASSERT_TRUE(out.ok());
  for (const LinkedCell& l : links) {
    EXPECT_EQ((*out)[0].suppression[l.cell_a] != Suppression::kNone,
              (*out)[1].suppression[l.cell_b] != Suppression::kNone);
  }
  // Jointly: the figures the two tables share take the same values in both, so the attacker
  // keeps only completions of one table whose shared hidden figures some completion of the
  // other table also has.
  auto shared = [&](size_t table, const std::vector<int64_t>& completion) {
    std::vector<int64_t> key;
    key.reserve(links.size());
    for (const LinkedCell& l : links) {
      key.push_back(completion[table == 0 ? l.cell_a : l.cell_b]);
    }
    return key;
  };
  for (size_t me = 0; me < 2; ++me) {
    const size_t other = 1 - me;
    std::set<std::vector<int64_t>> others;
    Attacker((*out)[other], Low((*out)[other])).Run([&](const std::vector<int64_t>& c) {
      others.insert(shared(other, c));
    });
    std::map<size_t, std::set<int64_t>> values;
    Attacker((*out)[me], Low((*out)[me])).Run([&](const std::vector<int64_t>& c) {
      if (others.count(shared(me, c)) == 0) return;
      for (size_t cell = 0; cell < c.size(); ++cell) {
        if ((*out)[me].suppression[cell] != Suppression::kNone) values[cell].insert(c[cell]);
      }
    });
    for (size_t cell = 0; cell < (*out)[me].counts.size(); ++cell) {
      if ((*out)[me].suppression[cell] == Suppression::kNone) continue;
      EXPECT_GE(values[cell].size(), 2u) << "table " << me << " cell " << cell;
    }
  }
}

TEST(DisclosureLinkedTest, BadLinksAreRefused) {
  const std::vector<CountTable> tables = {{1, 2, {5, 6}}, {1, 2, {7, 8}}};
  const std::vector<LinkedCell> missing = {{0, 2, 5, 2}};
  EXPECT_EQ(SuppressLinked(tables, missing, {}).status().field(), "links");
  const std::vector<LinkedCell> different = {{0, 2, 1, 2}};  // 11 and 15
  EXPECT_EQ(SuppressLinked(tables, different, {}).status().field(), "links");
}

// Small random tables, mostly small counts: no hidden cell is ever recovered. (That a small cell
// could also be at the threshold or above holds line by line, but not always jointly: the
// attacker here narrows some small cells to 1..4 in a few of these tables; an audit of the joint
// bounds is future work, and rounding blurs the published figures it would start from.)
TEST(DisclosureSuppressionTest, RandomSmallTablesHold) {
  SeededRng rng(20250601);
  for (int round = 0; round < 80; ++round) {
    const size_t rows = 2 + rng.Next() % 2;
    const size_t cols = 2 + rng.Next() % 2;
    CountTable table{rows, cols, {}};
    for (size_t k = 0; k < rows * cols; ++k) {
      const uint64_t r = rng.Next() % 10;
      const auto small = static_cast<int64_t>(r) - 2;
      const auto large = 5 + static_cast<int64_t>(rng.Next() % 4);
      table.cells.push_back(r < 3 ? 0 : r < 7 ? small : large);
    }
    auto t = SuppressTable(table, {});
    ASSERT_TRUE(t.ok());
    SCOPED_TRACE("round " + std::to_string(round));
    ExpectLinesHoldTwo(*t);
    ExpectProtected(*t, 5, /*bounded=*/false);
  }
}

TEST(DisclosureRoundingTest, ZerosAndMultiplesStayAndOthersMoveLessThanTheBase) {
  for (int64_t n = 0; n < 50; ++n) {
    for (uint64_t seed : {1ULL, 99ULL}) {
      const int64_t r = RoundRandom(n, 3, seed, "k" + std::to_string(n));
      EXPECT_EQ(r % 3, 0);
      EXPECT_LT(std::abs(r - n), 3);
      if (n % 3 == 0) {
        EXPECT_EQ(r, n);
      }
    }
  }
  EXPECT_EQ(RoundRandom(0, 3, 7, "any"), 0);
  EXPECT_EQ(RoundRandom(7, 1, 7, "any"), 7);  // base 1 rounds nothing
}

TEST(DisclosureRoundingTest, DeterministicForASeedAndKey) {
  int differ = 0;
  for (int k = 0; k < 200; ++k) {
    const std::string key = "permits_issued|month=2025-" + std::to_string(k);
    EXPECT_EQ(RoundRandom(7, 3, 1234, key), RoundRandom(7, 3, 1234, key));
    differ += RoundRandom(7, 3, 1234, key) != RoundRandom(7, 3, 5678, key) ? 1 : 0;
  }
  EXPECT_GT(differ, 0) << "another release's seed draws again";
}

TEST(DisclosureRoundingTest, UnbiasedOverManyCells) {
  // 7 = 6 + 1 rounds up to 9 a third of the time and 8 = 6 + 2 two thirds: the mean stays.
  for (int64_t n : {7, 8, 100}) {
    const int kCells = 30000;
    int64_t sum = 0;
    for (int k = 0; k < kCells; ++k) sum += RoundRandom(n, 3, 2025, "cell" + std::to_string(k));
    const double mean = static_cast<double>(sum) / kCells;
    EXPECT_NEAR(mean, static_cast<double>(n), 0.05) << n;
  }
}

TEST(DisclosureRoundingTest, TheSameFigureRoundsAlikeInEveryTable) {
  EXPECT_EQ(CellKey("permits_issued", {{"sex", "F"}, {"month", "2025-06"}}),
            "permits_issued|month=2025-06|sex=F");
  EXPECT_EQ(CellKey("a|b", {{"x=", "100%"}}), "a%7Cb|x%3D=100%25");
  const DisclosurePolicy policy{1, 3};  // round only, to see every figure
  auto a = SuppressTable({2, 2, {10, 11, 13, 14}}, policy);
  auto b = SuppressTable({2, 3, {7, 7, 7, 9, 9, 9}}, policy);
  ASSERT_TRUE(a.ok() && b.ok());
  // Both have 21 women and 27 men... a by occupation, b by month; the women's total is one figure.
  auto pa = Publish(*a, {"permits_issued", "sex", {"F", "M"}, "isco_major", {"1", "2"}}, policy, 9);
  auto pb =
      Publish(*b, {"permits_issued", "sex", {"F", "M"}, "month", {"06", "07", "08"}}, policy, 9);
  ASSERT_TRUE(pa.ok() && pb.ok());
  EXPECT_EQ(pa->values[a->Index(0, 2)], pb->values[b->Index(0, 3)]);
  EXPECT_EQ(pa->values[a->Index(1, 2)], pb->values[b->Index(1, 3)]);
  EXPECT_EQ(pa->values[a->Index(2, 2)], pb->values[b->Index(2, 3)]);
}

TEST(DisclosurePublishTest, LabelsMustFitTheTable) {
  auto t = SuppressTable({1, 2, {10, 11}}, {});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(Publish(*t, {"x", "sex", {"F", "M"}, "month", {"06", "07"}}, {}, 1).status().field(),
            "labels");
  EXPECT_EQ(Publish(*t, {"x", "sex", {"F"}, "sex", {"06", "07"}}, {}, 1).status().field(),
            "dimension");
  EXPECT_EQ(Publish(*t, {"", "sex", {"F"}, "month", {"06", "07"}}, {}, 1).status().field(),
            "indicator");
  EXPECT_EQ(Publish(*t, {"x", "sex", {"F"}, "month", {"06", "07"}}, {5, 0}, 1).status().field(),
            "rounding_base");
}

}  // namespace
}  // namespace corridor::domain
