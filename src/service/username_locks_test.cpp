#include "service/username_locks.hpp"

#include <gtest/gtest.h>

namespace corridor::service {
namespace {

TEST(UsernameLocksTest, AnUnknownNameIsLockedLikeAnAccount) {
  UsernameLocks locks(10);
  const domain::LoginPolicy p{3, 1'000, 10'000};
  domain::LoginState mirror;
  for (int i = 0; i < 6; ++i) {
    const domain::LoginClaim got = locks.Claim("nobody", 500, p);
    const domain::LoginClaim want = domain::ClaimLoginAttempt(mirror, 500, p, false);
    EXPECT_EQ(got.allowed, want.allowed) << i;
    EXPECT_EQ(got.retry_after_ms, want.retry_after_ms) << i;
    mirror = want.next;
  }
}

}  // namespace
}  // namespace corridor::service
