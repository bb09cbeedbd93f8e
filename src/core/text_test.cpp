#include "core/text.hpp"

#include <gtest/gtest.h>

namespace corridor {
namespace {

TEST(Utf8Test, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8("Ram Bahadur"));
  EXPECT_TRUE(IsValidUtf8("राम बहादुर"));
  EXPECT_TRUE(IsValidUtf8("محمد"));
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));
  EXPECT_EQ(Utf8Length("राम"), 3u);
}

TEST(Utf8Test, RefusesMalformedText) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE0\xA4"));          // truncated
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(RequiredTextTest, TrimsChecksAndNamesTheField) {
  EXPECT_EQ(*RequiredText("  Sita  ", "name", 10), "Sita");
  auto empty = RequiredText("   ", "name", 10);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().field(), "name");
  EXPECT_FALSE(RequiredText("a\x01z", "name", 10).ok());
  EXPECT_FALSE(RequiredText("abcdefghijk", "name", 10).ok());
  EXPECT_TRUE(RequiredText("राम बहादुर", "name", 10).ok());
}

}  // namespace
}  // namespace corridor
