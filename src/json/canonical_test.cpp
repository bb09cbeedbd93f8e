#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/clock.hpp"
#include "core/encoding.hpp"
#include "json/json.hpp"

namespace corridor::json {
namespace {

double FromBits(uint64_t bits) { return std::bit_cast<double>(bits); }
uint64_t Bits(double d) { return std::bit_cast<uint64_t>(d); }

// RFC 8785 §3.2.2: the sample input, and (§3.2.3, §3.2.4) its canonical form and UTF-8 bytes.
TEST(CanonicalTest, Rfc8785Section322Sample) {
  const std::string input = R"({
  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
})";
  auto v = Parse(input);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  const std::string expected =
      "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
      "\"string\":\"\xe2\x82\xac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
  EXPECT_EQ(Canonical(*v), expected);
  const std::string rfc_bytes =
      "7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72"
      " 75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a"
      " 5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31"
      " 65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37"
      " 5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30"
      " 30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d";
  std::string hex;
  for (char c : rfc_bytes) {
    if (c != ' ') hex.push_back(c);
  }
  EXPECT_EQ(HexEncode(AsBytes(Canonical(*v))), hex);
}

// RFC 8785 §3.2.3: members sorted by UTF-16 code units, which puts the emoji (a surrogate pair,
// 0xD83D 0xDE00) before U+FB33 although its UTF-8 bytes sort after.
TEST(CanonicalTest, Rfc8785Section323SortingExample) {
  const std::string input = R"({
  "\u20ac": "Euro Sign",
  "\r": "Carriage Return",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "1": "One",
  "\ud83d\ude00": "Emoji: Grinning Face",
  "\u0080": "Control",
  "\u00f6": "Latin Small Letter O With Diaeresis"
})";
  auto v = Parse(input);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  const std::string expected =
      "{\"\\r\":\"Carriage Return\","
      "\"1\":\"One\","
      "\"\xc2\x80\":\"Control\","
      "\"\xc3\xb6\":\"Latin Small Letter O With Diaeresis\","
      "\"\xe2\x82\xac\":\"Euro Sign\","
      "\"\xf0\x9f\x98\x80\":\"Emoji: Grinning Face\","
      "\"\xef\xac\xb3\":\"Hebrew Letter Dalet With Dagesh\"}";
  EXPECT_EQ(Canonical(*v), expected);
}

TEST(CanonicalTest, SortsByUtf16NotUtf8AcrossPlanes) {
  Object o;
  o.Set("\xef\xbf\xbd", 1);      // U+FFFD
  o.Set("\xf0\x90\x80\x80", 2);  // U+10000 (0xD800 0xDC00)
  o.Set("\xed\x9f\xbf", 3);      // U+D7FF
  o.Set("\xee\x80\x80", 4);      // U+E000
  o.Set("a", 5);
  o.Set("", 6);
  o.Set("ab", 7);
  EXPECT_EQ(Canonical(o),
            "{\"\":6,\"a\":5,\"ab\":7,\"\xed\x9f\xbf\":3,\"\xf0\x90\x80\x80\":2,"
            "\"\xee\x80\x80\":4,\"\xef\xbf\xbd\":1}");
}

TEST(CanonicalTest, SortsRecursivelyAndKeepsArrayOrder) {
  auto v = Parse(R"({"b":[{"z":1,"y":2},3,{"d":{"c":1,"a":2}}],"a":{"k":null,"j":true}})");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(Canonical(*v),
            R"({"a":{"j":true,"k":null},"b":[{"y":2,"z":1},3,{"d":{"a":2,"c":1}}]})");
  // Canonical form is a fixed point.
  EXPECT_EQ(Canonical(*Parse(Canonical(*v))), Canonical(*v));
}

TEST(CanonicalTest, StringEscapesAreExactlyThoseOfJcs) {
  std::string all_controls;
  for (int c = 0; c < 0x20; ++c) all_controls.push_back(static_cast<char>(c));
  EXPECT_EQ(Canonical(Value(all_controls)),
            "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r"
            "\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018"
            "\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\"");
  // Quote and backslash escaped; slash, DEL, U+2028 and everything else literal.
  EXPECT_EQ(Canonical(Value("\"\\/\x7f\xe2\x80\xa8\xf0\x9f\x98\x80")),
            "\"\\\"\\\\/\x7f\xe2\x80\xa8\xf0\x9f\x98\x80\"");
  EXPECT_EQ(Write(Value("a\tb")), "\"a\\tb\"");
}

// Each case of tests/data/json/numbers.txt: IEEE bits, and the expected text or "error".
TEST(CanonicalTest, NumberCasesFromDataFile) {
  std::ifstream in(std::string(CORRIDOR_SOURCE_DIR) + "/tests/data/json/numbers.txt");
  ASSERT_TRUE(in) << "missing tests/data/json/numbers.txt";
  std::string line;
  int cases = 0;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string hex;
    std::string expected;
    fields >> hex >> expected;
    ASSERT_EQ(hex.size(), 16u) << "line " << line_no;
    const double d = FromBits(std::stoull(hex, nullptr, 16));
    if (expected == "error") {
      EXPECT_FALSE(std::isfinite(d)) << "line " << line_no;
      Status s = CheckIJson(Value(d));
      EXPECT_FALSE(s.ok()) << "line " << line_no;
      EXPECT_EQ(Canonical(Value(d)), "null") << "line " << line_no;
    } else {
      EXPECT_EQ(FormatNumber(d), expected) << "line " << line_no << ": " << hex;
      EXPECT_EQ(Canonical(Array{d}), "[" + expected + "]") << "line " << line_no;
      auto back = Parse(expected);
      ASSERT_TRUE(back.ok()) << "line " << line_no << ": " << back.status().ToString();
      if (d != 0) {
        EXPECT_EQ(Bits(back->AsNumber()), Bits(d)) << "line " << line_no;
      }
    }
    ++cases;
  }
  EXPECT_GE(cases, 40);
}

// Parse(FormatNumber(x)) == x, bit for bit, for random doubles of every magnitude and for
// random short decimals; and the text is never longer than the 17 digits a double can need.
TEST(CanonicalTest, RandomDoublesRoundTripBitExact) {
  SeededRng rng(20260301);
  int checked = 0;
  for (int i = 0; i < 300'000; ++i) {
    double d = 0;
    if (i % 3 == 0) {
      // A short decimal, the kind money and measurements produce.
      const auto mantissa = static_cast<int64_t>(rng.Next() % 100'000'000) - 50'000'000;
      const int exp10 = static_cast<int>(rng.Next() % 40) - 20;
      d = static_cast<double>(mantissa) * std::pow(10.0, exp10);
    } else {
      d = FromBits(rng.Next());
    }
    if (!std::isfinite(d) || d == 0) continue;
    const std::string text = FormatNumber(d);
    auto back = Parse(text);
    ASSERT_TRUE(back.ok()) << text << ": " << back.status().ToString();
    ASSERT_EQ(Bits(back->AsNumber()), Bits(d)) << text;
    size_t digits = 0;
    for (char c : text) {
      if (c == 'e') break;
      if (c >= '1' && c <= '9') digits = digits + 1;  // significant digits are bounded below
    }
    ASSERT_LE(digits, 17u) << text;
    ++checked;
  }
  EXPECT_GT(checked, 250'000);
}

TEST(CanonicalTest, WriteKeepsInsertionOrder) {
  auto v = Parse(R"({"b":1,"a":[1.50,"x",{"d":null,"c":false}]})");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(Write(*v), R"({"b":1,"a":[1.5,"x",{"d":null,"c":false}]})");
  EXPECT_EQ(Write(Value()), "null");
  EXPECT_EQ(Write(Array{}), "[]");
  EXPECT_EQ(Write(Object{}), "{}");
}

TEST(CanonicalTest, WritePrettyIndentsTwoSpaces) {
  auto v = Parse(R"({"b":1,"a":[1,{"c":"x"}],"e":[],"o":{}})");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(WritePretty(*v),
            "{\n"
            "  \"b\": 1,\n"
            "  \"a\": [\n"
            "    1,\n"
            "    {\n"
            "      \"c\": \"x\"\n"
            "    }\n"
            "  ],\n"
            "  \"e\": [],\n"
            "  \"o\": {}\n"
            "}\n");
  EXPECT_EQ(*Parse(WritePretty(*v)), *v);
  EXPECT_EQ(WritePretty(Value(3)), "3\n");
}

}  // namespace
}  // namespace corridor::json
