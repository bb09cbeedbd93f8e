#include "payroll/amounts.hpp"

#include <gtest/gtest.h>

#include "payroll/month.hpp"

namespace corridor::payroll {
namespace {

TEST(AmountsTest, ParsesExactAmountsWithTheCurrencysDecimals) {
  int64_t v = 0;
  ASSERT_TRUE(ParseFixed("2000", 2, &v));
  EXPECT_EQ(v, 200000);
  ASSERT_TRUE(ParseFixed("2000.5", 2, &v));
  EXPECT_EQ(v, 200050);
  ASSERT_TRUE(ParseFixed("119.999", 3, &v));
  EXPECT_EQ(v, 119999);
  ASSERT_TRUE(ParseFixed("0", 0, &v));
  EXPECT_EQ(v, 0);
}

TEST(AmountsTest, RefusesAnythingElse) {
  int64_t v = 0;
  for (const char* bad : {"", "-5", "+5", ".5", "5.", "1,000", "1e3", "2000.005", " 1", "1 ", "NaN",
                          "1000000000001"}) {
    EXPECT_FALSE(ParseFixed(bad, 2, &v)) << bad;
  }
  EXPECT_FALSE(ParseFixed("1.5", 0, &v));
}

TEST(AmountsTest, CountsAndFloorDivision) {
  int64_t v = 0;
  EXPECT_TRUE(ParseCount("31", 2, &v));
  EXPECT_EQ(v, 31);
  EXPECT_FALSE(ParseCount("123", 2, &v));
  EXPECT_FALSE(ParseCount("", 2, &v));
  EXPECT_FALSE(ParseCount("3a", 2, &v));
  // 27/28 of 3100.00: 2989.2857... rounds down, in the employer's favour.
  EXPECT_EQ(MulDivFloor(310000, 27, 28), 298928);
  // No overflow on the largest amounts.
  EXPECT_EQ(MulDivFloor(1'000'000'000'000'000, 31, 31), 1'000'000'000'000'000);
}

TEST(AmountsTest, Formats) {
  EXPECT_EQ(FormatFixed(200050, 2), "2000.50");
  EXPECT_EQ(FormatFixed(7, 3), "0.007");
  EXPECT_EQ(FormatFixed(-1, 2), "-0.01");
  EXPECT_EQ(FormatFixed(5, 0), "5");
}

TEST(MonthTest, ParsesAndCountsDays) {
  auto m = Month::Parse("2024-02");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->days(), 29);
  EXPECT_EQ(m->next().ToString(), "2024-03");
  EXPECT_EQ(Month({2025, 12}).next().ToString(), "2026-01");
  EXPECT_EQ(Month({2026, 1}).prev().ToString(), "2025-12");
  EXPECT_TRUE(m->Contains(Date::Parse("2024-02-29").value()));
  EXPECT_FALSE(m->Contains(Date::Parse("2024-03-01").value()));
  for (const char* bad : {"2024-13", "2024-00", "2024-2", "202402", "2024/02", ""}) {
    EXPECT_FALSE(Month::Parse(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace corridor::payroll
