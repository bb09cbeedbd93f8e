#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "core/encoding.hpp"
#include "json/json.hpp"

namespace corridor::json {
namespace {

TEST(ParseTest, AcceptsEveryKindOfValue) {
  auto v = Parse(R"( {"s":"a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00", "n":[0,-0,1.5,-2e3,1E-2,
    123456789], "t":true, "f":false, "z":null, "o":{}, "a":[]} )");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->Get("s")->AsString(), "a\"b\\c/d\b\f\n\r\t\xc3\xa9\xf0\x9f\x98\x80");
  const Array& n = v->Get("n")->AsArray();
  ASSERT_EQ(n.size(), 6u);
  EXPECT_EQ(n[2].AsNumber(), 1.5);
  EXPECT_EQ(n[3].AsNumber(), -2000);
  EXPECT_EQ(n[4].AsNumber(), 0.01);
  EXPECT_TRUE(std::signbit(n[1].AsNumber()));
  EXPECT_EQ(v->Get("t")->AsBool(), true);
  EXPECT_EQ(v->Get("f")->AsBool(), false);
  EXPECT_TRUE(v->Get("z")->is_null());
  EXPECT_TRUE(v->Get("o")->AsObject().empty());
  EXPECT_TRUE(v->Get("a")->AsArray().empty());
  // Insertion order is kept.
  std::string keys;
  for (const auto& [k, val] : v->AsObject()) keys += k;
  EXPECT_EQ(keys, "sntfzoa");
}

TEST(ParseTest, AcceptsScalarsAtTopLevelAndNulInStrings) {
  EXPECT_EQ(*Parse("3"), Value(3));
  EXPECT_EQ(*Parse(" \"x\" "), Value("x"));
  EXPECT_EQ(*Parse("null"), Value());
  EXPECT_EQ(Parse(R"("a\u0000b")")->AsString(), std::string("a\0b", 3));
  // Raw characters that need no escape, including DEL and U+2028.
  EXPECT_EQ(Parse("\"\x7f\xe2\x80\xa8\"")->AsString(), "\x7f\xe2\x80\xa8");
}

TEST(ParseTest, UnderflowRoundsToZero) {
  EXPECT_EQ(Parse("1e-400")->AsNumber(), 0.0);
  EXPECT_TRUE(std::signbit(Parse("-1e-400")->AsNumber()));
  EXPECT_EQ(
      Parse("0.0000000000000000000000000000000000000000000000000000000000e999999")->AsNumber(),
      0.0);
  EXPECT_EQ(Parse("1e308")->AsNumber(), 1e308);
  EXPECT_FALSE(Parse("10e308").ok());
  EXPECT_FALSE(Parse("0.1e310").ok());
  EXPECT_EQ(Parse("0.001e-330")->AsNumber(), 0.0);
  EXPECT_GT(Parse("0.001e-320")->AsNumber(), 0.0);  // a subnormal, not zero
}

TEST(ParseTest, DuplicateKeysFoundInLargeObjects) {
  std::string text = "{";
  for (int i = 0; i < 1000; ++i)
    text += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  text += "\"k500\":0}";
  auto v = Parse(text);
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.status().message().find("duplicate member name \"k500\""), std::string::npos);
  text.replace(text.size() - 8, 4, "knew");
  auto ok = Parse(text);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->AsObject().size(), 1001u);
}

// Each case of tests/data/json/parse_errors.txt: an input and its exact error message.
TEST(ParseTest, ErrorCasesFromDataFile) {
  std::ifstream in(std::string(CORRIDOR_SOURCE_DIR) + "/tests/data/json/parse_errors.txt");
  ASSERT_TRUE(in) << "missing tests/data/json/parse_errors.txt";
  std::string line;
  int cases = 0;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos) << "line " << line_no << " has no TAB";
    std::string input = line.substr(0, tab);
    const std::string expected = line.substr(tab + 1);
    if (input.rfind("hex:", 0) == 0) {
      auto bytes = HexDecode(input.substr(4));
      ASSERT_TRUE(bytes.ok()) << "line " << line_no;
      input.assign(bytes->begin(), bytes->end());
    }
    auto v = Parse(input);
    ASSERT_FALSE(v.ok()) << "line " << line_no << " parsed: " << input;
    EXPECT_EQ(v.status().code(), Code::kInvalidArgument);
    EXPECT_EQ(v.status().message(), expected) << "data file line " << line_no;
    ++cases;
  }
  EXPECT_GE(cases, 60);
}

TEST(ParseTest, DepthLimitIsExactAndNeverExhaustsTheStack) {
  const std::string ok = std::string(64, '[') + std::string(64, ']');
  EXPECT_TRUE(Parse(ok).ok());
  const std::string deep = std::string(65, '[') + std::string(65, ']');
  auto v = Parse(deep);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().message(), "line 1, column 65: nesting deeper than the limit of 64");
  // Hostile depth: a million brackets are refused at the limit, not by a crash.
  const std::string hostile(1'000'000, '[');
  v = Parse(hostile);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().message(), "line 1, column 65: nesting deeper than the limit of 64");
  // Objects count too, and a caller's limit is honoured.
  ParseLimits limits;
  limits.max_depth = 2;
  EXPECT_TRUE(Parse(R"({"a":[1]})", limits).ok());
  v = Parse(R"({"a":[{}]})", limits);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().message(), "line 1, column 7: nesting deeper than the limit of 2");
  // A limit beyond what recursive destruction can bear is capped.
  limits.max_depth = 1'000'000;
  v = Parse(hostile, limits);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().message(), "line 1, column 513: nesting deeper than the limit of 512");
}

TEST(ParseTest, SizeLimits) {
  ParseLimits limits;
  limits.max_bytes = 10;
  EXPECT_TRUE(Parse("[1,2,3,4]", limits).ok());   // 9 bytes
  EXPECT_TRUE(Parse("[1,2,3,45]", limits).ok());  // 10 bytes
  auto v = Parse("[1,2,3,456]", limits);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().message(), "the document is 11 bytes, more than the limit of 10");

  limits = ParseLimits{};
  limits.max_string_bytes = 4;
  EXPECT_TRUE(Parse(R"(["abcd"])", limits).ok());
  EXPECT_TRUE(Parse(R"(["\u00e9\u00e9"])", limits).ok());  // 4 bytes once unescaped
  v = Parse(R"(["ok", "abcde"])", limits);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().message(), "line 1, column 8: string longer than the limit of 4 bytes");
  v = Parse(R"({"abcd\n":1})", limits);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().message(), "line 1, column 2: string longer than the limit of 4 bytes");
}

}  // namespace
}  // namespace corridor::json
