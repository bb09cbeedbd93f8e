#include "core/time.hpp"

#include <gtest/gtest.h>

namespace corridor {
namespace {

TEST(DateTest, ParsesAndFormats) {
  auto d = Date::Parse("2026-11-29");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->year(), 2026);
  EXPECT_EQ(d->month(), 11);
  EXPECT_EQ(d->day(), 29);
  EXPECT_EQ(d->ToString(), "2026-11-29");
  EXPECT_EQ(Date::Parse("1970-01-01")->days_since_epoch(), 0);
  EXPECT_EQ(Date::Parse("1969-12-31")->days_since_epoch(), -1);
  EXPECT_EQ(Date::Parse("2000-03-01")->days_since_epoch(), 11017);
}

TEST(DateTest, RefusesMalformedAndImpossibleDates) {
  for (const char* bad :
       {"2026-1-29", "2026/11/29", "26-11-29", "2026-13-01", "2026-00-10", "2025-02-29",
        "1900-02-29", "2026-04-31", "", "2026-11-29x", "abcd-ef-gh", "0000-01-01"}) {
    EXPECT_FALSE(Date::Parse(bad).ok()) << bad;
  }
  EXPECT_TRUE(Date::Parse("2024-02-29").ok());
  EXPECT_TRUE(Date::Parse("2000-02-29").ok());
}

TEST(DateTest, Arithmetic) {
  const Date d = *Date::Parse("2026-01-31");
  EXPECT_EQ(d.AddMonths(1).ToString(), "2026-02-28");
  EXPECT_EQ(d.AddMonths(13).ToString(), "2027-02-28");
  EXPECT_EQ(d.AddMonths(-2).ToString(), "2025-11-30");
  EXPECT_EQ(d.AddDays(1).ToString(), "2026-02-01");
  EXPECT_EQ(Date::Parse("2026-01-01")->DaysUntil(*Date::Parse("2027-01-01")), 365);
  EXPECT_EQ(Date::Parse("2026-11-29")->iso_weekday(), 6);  // a Sunday
  EXPECT_EQ(Date::Parse("1970-01-01")->iso_weekday(), 3);  // a Thursday
}

TEST(TimestampTest, RoundTrips) {
  auto t = Timestamp::Parse("2026-11-29T01:26:26Z");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->ToString(), "2026-11-29T01:26:26.000Z");
  EXPECT_EQ(Timestamp::Parse("2026-11-29T01:26:26.5Z")->millis() % 1000, 500);
  EXPECT_EQ(Timestamp::Parse("2026-11-29T01:26:26.123456Z")->millis() % 1000, 123);
  EXPECT_EQ(Timestamp::FromMillis(-1).ToString(), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(Timestamp::FromMillis(-1).date().ToString(), "1969-12-31");
}

TEST(TimestampTest, RefusesBadText) {
  for (const char* bad :
       {"2026-11-29", "2026-11-29T25:00:00Z", "2026-11-29T01:26:26+03:00", "2026-11-29T01:26:26.Z",
        "2026-11-29 01:26:26Z", "2026-11-29T01:26:2xZ"}) {
    EXPECT_FALSE(Timestamp::Parse(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace corridor
