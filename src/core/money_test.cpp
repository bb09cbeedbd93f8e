#include "core/money.hpp"

#include <gtest/gtest.h>

namespace corridor {
namespace {

TEST(MoneyTest, ParsesWithTheCurrencyExponent) {
  EXPECT_EQ(Money::Parse("350", "KWD")->minor, 350000);
  EXPECT_EQ(Money::Parse("350.5", "KWD")->minor, 350500);
  EXPECT_EQ(Money::Parse("350.125", "KWD")->minor, 350125);
  EXPECT_EQ(Money::Parse("1500.00", "AED")->minor, 150000);
  EXPECT_EQ(Money::Parse("0.01", "NPR")->minor, 1);
  EXPECT_EQ(Money::Parse("350.125", "KWD")->ToString(), "350.125 KWD");
  EXPECT_EQ(Money::Parse("12", "QAR")->AmountText(), "12.00");
}

TEST(MoneyTest, RefusesWhatIsNotAnExactAmount) {
  EXPECT_FALSE(Money::Parse("1.001", "AED").ok());
  EXPECT_FALSE(Money::Parse("-5", "AED").ok());
  EXPECT_FALSE(Money::Parse("1e3", "AED").ok());
  EXPECT_FALSE(Money::Parse(".5", "AED").ok());
  EXPECT_FALSE(Money::Parse("5.", "AED").ok());
  EXPECT_FALSE(Money::Parse("", "AED").ok());
  EXPECT_FALSE(Money::Parse("1,000", "AED").ok());
  EXPECT_FALSE(Money::Parse("10", "XYZ").ok());
  EXPECT_FALSE(Money::Parse("1000000000000000", "AED").ok());
}

TEST(MoneyTest, ProRataRoundsHalfAwayFromZero) {
  const Money m{300000, "KWD"};  // 300.000
  EXPECT_EQ(ProRata(m, 15, 30).minor, 150000);
  EXPECT_EQ(ProRata(Money{100, "AED"}, 1, 3).minor, 33);
  EXPECT_EQ(ProRata(Money{100, "AED"}, 2, 3).minor, 67);
  EXPECT_EQ(ProRata(Money{1, "AED"}, 1, 2).minor, 1);
  EXPECT_EQ(ProRata(Money{-1, "AED"}, 1, 2).minor, -1);
}

}  // namespace
}  // namespace corridor
