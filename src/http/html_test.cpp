#include "http/html.hpp"

#include <gtest/gtest.h>

namespace corridor::http {
namespace {

TEST(HtmlEscape, EscapesWhatCanEndTextOrAnAttribute) {
  EXPECT_EQ(HtmlEscape("plain text, ünïcode"), "plain text, ünïcode");
  EXPECT_EQ(HtmlEscape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(HtmlEscape("a & b"), "a &amp; b");
  EXPECT_EQ(HtmlEscape("\"double\""), "&quot;double&quot;");
  // The printable contract and the public check once disagreed on this one.
  EXPECT_EQ(HtmlEscape("O'Brien' onmouseover='x"), "O&#39;Brien&#39; onmouseover=&#39;x");
  EXPECT_EQ(HtmlEscape("&amp;"), "&amp;amp;");
  EXPECT_EQ(HtmlEscape(""), "");
}

}  // namespace
}  // namespace corridor::http
