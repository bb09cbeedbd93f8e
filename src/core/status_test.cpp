#include "core/status.hpp"

#include <gtest/gtest.h>

namespace corridor {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return Status::InvalidArgument("must be even", "x");
  return x / 2;
}

Result<int> Quarter(int x) {
  ASSIGN_OR_RETURN(int h, Half(x));
  ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

Status CheckPositive(int x) {
  if (x <= 0) return Status::FailedPrecondition("must be positive");
  return Status::Ok();
}

Status Both(int x) {
  RETURN_IF_ERROR(CheckPositive(x));
  return Half(x).status();
}

TEST(StatusTest, OkByDefault) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(StatusTest, ToStringNamesCodeFieldAndMessageButNotDetail) {
  Status s = Status::InvalidArgument("must be YYYY-MM-DD", "date_of_birth").WithDetail("secret");
  EXPECT_EQ(s.ToString(), "INVALID_ARGUMENT: date_of_birth: must be YYYY-MM-DD");
  EXPECT_EQ(s.detail(), "secret");
  Status internal = Status::Internal("sqlite: disk I/O error at /var/x");
  EXPECT_EQ(internal.ToString(), "INTERNAL: internal error");
}

TEST(StatusTest, ContextAndField) {
  Status s = Status::InvalidArgument("bad").WithContext("line 7").WithField("wage");
  EXPECT_EQ(s.message(), "line 7: bad");
  EXPECT_EQ(s.field(), "wage");
  EXPECT_EQ(s.WithField("other").field(), "wage");
  EXPECT_TRUE(Status::Ok().WithContext("x").ok());
}

TEST(ResultTest, PropagatesThroughMacros) {
  EXPECT_EQ(*Quarter(8), 2);
  auto r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "x");
  EXPECT_EQ(Both(-2).code(), Code::kFailedPrecondition);
  EXPECT_EQ(Both(3).code(), Code::kInvalidArgument);
  EXPECT_TRUE(Both(4).ok());
}

}  // namespace
}  // namespace corridor
