#include "domain/login.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace corridor::domain {
namespace {

const LoginPolicy kPolicy{5, 60'000, 3'600'000};

TEST(LoginTest, TheAttemptThatReachesTheLimitLocksBeforeItsPasswordIsChecked) {
  LoginState s;
  for (int i = 1; i <= 4; ++i) {
    const LoginClaim c = ClaimLoginAttempt(s, 1000, kPolicy, false);
    ASSERT_TRUE(c.allowed);
    EXPECT_EQ(c.next.failures, i);
    EXPECT_EQ(c.next.locked_until_ms, 0);
    s = c.next;
  }
  const LoginClaim fifth = ClaimLoginAttempt(s, 1000, kPolicy, false);
  ASSERT_TRUE(fifth.allowed);  // the fifth is checked...
  EXPECT_EQ(fifth.next.locked_until_ms, 61'000);
  // ...and anything claimed while it runs is refused, with the time left.
  const LoginClaim sixth = ClaimLoginAttempt(fifth.next, 31'000, kPolicy, false);
  EXPECT_FALSE(sixth.allowed);
  EXPECT_EQ(sixth.retry_after_ms, 30'000);
  EXPECT_EQ(sixth.next, fifth.next);  // a refused attempt changes nothing
}

TEST(LoginTest, ParallelClaimsNeverLetMoreThanTheLimitThrough) {
  // Forty attempts claimed one after another before any finishes (the store serialises them).
  LoginState s;
  int allowed = 0;
  for (int i = 0; i < 40; ++i) {
    const LoginClaim c = ClaimLoginAttempt(s, 5000, kPolicy, false);
    if (c.allowed) ++allowed;
    s = c.next;
  }
  EXPECT_EQ(allowed, kPolicy.max_failures);
}

TEST(LoginTest, EachAttemptAfterALockDoublesTheNextUpToTheMaximum) {
  LoginState s{5, 61'000};
  int64_t now = 61'000;
  int64_t expected = 120'000;
  for (int i = 0; i < 12; ++i) {
    const LoginClaim c = ClaimLoginAttempt(s, now, kPolicy, false);
    ASSERT_TRUE(c.allowed) << i;
    EXPECT_EQ(c.next.locked_until_ms - now, expected) << i;
    expected = std::min<int64_t>(expected * 2, kPolicy.lock_max_ms);
    s = c.next;
    now = s.locked_until_ms;
  }
  // A success ends it all.
  EXPECT_EQ(AfterSuccess(), LoginState{});
}

TEST(LoginTest, AKnownAddressIsNotKeptOutByALock) {
  const LoginState locked{9, 1'000'000};
  EXPECT_FALSE(ClaimLoginAttempt(locked, 10, kPolicy, false).allowed);
  const LoginClaim c = ClaimLoginAttempt(locked, 10, kPolicy, true);
  EXPECT_TRUE(c.allowed);
  EXPECT_GE(c.next.locked_until_ms, locked.locked_until_ms);  // the lock stands for the others
}

TEST(LoginTest, HugeCountsDoNotOverflow) {
  const LoginState s{2'000'000'000, 0};
  const LoginClaim c = ClaimLoginAttempt(s, 0, kPolicy, false);
  EXPECT_TRUE(c.allowed);
  EXPECT_EQ(c.next.locked_until_ms, kPolicy.lock_max_ms);
}

}  // namespace
}  // namespace corridor::domain
