#include "service/address_limits.hpp"

#include <gtest/gtest.h>

namespace corridor::service {
namespace {

TEST(AddressKeyTest, IPv4ItselfIPv6ByItsSixtyFourBitPrefix) {
  EXPECT_EQ(AddressKey("192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(AddressKey("::ffff:192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(AddressKey("2001:db8:1:2::10"), "2001:0db8:0001:0002::/64");
  EXPECT_EQ(AddressKey("2001:db8:1:2:ffff:ffff:ffff:ffff"), AddressKey("2001:db8:1:2::1"));
  EXPECT_NE(AddressKey("2001:db8:1:3::1"), AddressKey("2001:db8:1:2::1"));
  EXPECT_EQ(AddressKey(""), "");
  EXPECT_EQ(AddressKey(std::string(500, 'x')).size(), 64U);
}

TEST(AddressLimiterTest, ABurstThenOneAttemptPerRefill) {
  AddressLimiter limiter({3, 10'000, 100});
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.Take("a", 0), 0) << i;
  EXPECT_EQ(limiter.Take("a", 0), 10'000);
  EXPECT_EQ(limiter.Take("a", 4'000), 6'000);
  EXPECT_EQ(limiter.Take("b", 4'000), 0);  // addresses are apart
  EXPECT_EQ(limiter.Take("a", 10'000), 0);
  EXPECT_EQ(limiter.Take("a", 10'000), 10'000);
  limiter.Refund("a", 10'000);  // a success gives its token back
  EXPECT_EQ(limiter.Take("a", 10'000), 0);
  // Never more than the burst, however long an address stayed away.
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.Take("a", 1'000'000), 0) << i;
  EXPECT_GT(limiter.Take("a", 1'000'000), 0);
}

TEST(AddressLimiterTest, AFullTableDropsWhatRestrictsNothingFirst) {
  AddressLimiter limiter({2, 1'000, 3});
  EXPECT_EQ(limiter.Take("busy", 0), 0);
  EXPECT_EQ(limiter.Take("busy", 0), 0);
  EXPECT_EQ(limiter.Take("idle1", 0), 0);
  EXPECT_EQ(limiter.Take("idle2", 0), 0);
  // At 1 s, idle1 and idle2 are full again (they restrict nothing) and make room; busy is kept.
  EXPECT_EQ(limiter.Take("new", 1'000), 0);
  EXPECT_EQ(limiter.Take("busy", 1'000), 0);
  EXPECT_GT(limiter.Take("busy", 1'000), 0);
}

TEST(AddressLimiterTest, WaitLooksWithoutTaking) {
  AddressLimiter limiter({1, 10'000, 100});
  EXPECT_EQ(limiter.Wait("a", 0), 0);  // never seen: free
  EXPECT_EQ(limiter.Take("a", 0), 0);
  EXPECT_EQ(limiter.Wait("a", 2'000), 8'000);
  EXPECT_EQ(limiter.Wait("a", 2'000), 8'000);
  EXPECT_EQ(limiter.Wait("a", 10'000), 0);
  EXPECT_EQ(limiter.Take("a", 10'000), 0);
}

}  // namespace
}  // namespace corridor::service
