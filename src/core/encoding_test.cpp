#include "core/encoding.hpp"

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "core/ids.hpp"

namespace corridor {
namespace {

TEST(HexTest, RoundTrip) {
  const Bytes b{0x00, 0x01, 0xab, 0xff};
  EXPECT_EQ(HexEncode(b), "0001abff");
  EXPECT_EQ(*HexDecode("0001ABff"), b);
  EXPECT_FALSE(HexDecode("abc").ok());
  EXPECT_FALSE(HexDecode("zz").ok());
}

TEST(Base64UrlTest, Rfc4648Vectors) {
  // RFC 4648 §10, with the URL alphabet and no padding.
  const std::pair<const char*, const char*> cases[] = {
      {"", ""},           {"f", "Zg"},          {"fo", "Zm8"},         {"foo", "Zm9v"},
      {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"}};
  for (auto [plain, encoded] : cases) {
    EXPECT_EQ(Base64UrlEncode(AsBytes(plain)), encoded);
    auto back = Base64UrlDecode(encoded);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(std::string(back->begin(), back->end()), plain);
  }
  EXPECT_EQ(Base64UrlEncode(Bytes{0xfb, 0xff}), "-_8");
  EXPECT_FALSE(Base64UrlDecode("Zm9v=").ok());
  EXPECT_FALSE(Base64UrlDecode("Z").ok());
  EXPECT_FALSE(Base64UrlDecode("Zh").ok());  // non-zero trailing bits
}

TEST(IdTest, NewIdsArePrefixedAndDistinct) {
  SeededRng rng(7);
  const WorkerId a = NewId<WorkerId>(rng);
  const WorkerId b = NewId<WorkerId>(rng);
  EXPECT_EQ(a.value().substr(0, 2), "W-");
  EXPECT_EQ(a.value().size(), 18u);
  EXPECT_NE(a, b);
  EXPECT_TRUE(CheckIdText(a.value()).ok());
  EXPECT_FALSE(CheckIdText("").ok());
  EXPECT_FALSE(CheckIdText("a b").ok());
  EXPECT_FALSE(CheckIdText("../etc").ok());
  EXPECT_FALSE(CheckIdText(std::string(65, 'a')).ok());
}

}  // namespace
}  // namespace corridor
