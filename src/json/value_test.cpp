#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>

#include "json/append.hpp"
#include "json/json.hpp"

namespace corridor::json {
namespace {

TEST(ValueTest, ConstructorsGiveTheirTypes) {
  EXPECT_TRUE(Value().is_null());
  EXPECT_TRUE(Value(nullptr).is_null());
  EXPECT_TRUE(Value(true).is_bool());
  EXPECT_TRUE(Value(3).is_number());
  EXPECT_TRUE(Value(3u).is_number());
  EXPECT_TRUE(Value(int64_t{-3}).is_number());
  EXPECT_TRUE(Value(uint64_t{3}).is_number());
  EXPECT_TRUE(Value(2.5).is_number());
  EXPECT_TRUE(Value("text").is_string());
  EXPECT_TRUE(Value(std::string("text")).is_string());
  EXPECT_TRUE(Value(std::string_view("text")).is_string());
  EXPECT_TRUE(Value(Array{1, 2}).is_array());
  EXPECT_TRUE(Value(Object{}).is_object());
  EXPECT_EQ(Value("text").AsString(), "text");
  EXPECT_EQ(Value(true).AsBool(), true);
  EXPECT_EQ(Value(-7).AsNumber(), -7.0);
  EXPECT_EQ(Value(Array{1, 2}).AsArray().size(), 2u);
  EXPECT_EQ(TypeName(Value("x").type()), "string");
}

TEST(ValueTest, WrongTypeAccessIsADefectThatThrows) {
  EXPECT_THROW((void)Value(1).AsString(), std::bad_variant_access);
  EXPECT_THROW((void)Value("x")["k"], std::logic_error);
}

TEST(ValueTest, AsInt64AcceptsOnlySafeIntegers) {
  EXPECT_EQ(*Value(42).AsInt64(), 42);
  EXPECT_EQ(*Value(-9007199254740991.0).AsInt64(), -9007199254740991);
  EXPECT_EQ(*Value(9007199254740991.0).AsInt64(), 9007199254740991);
  EXPECT_FALSE(Value(9007199254740992.0).AsInt64().ok());
  EXPECT_FALSE(Value(-9007199254740992.0).AsInt64().ok());
  EXPECT_FALSE(Value(1.5).AsInt64().ok());
  EXPECT_FALSE(Value(std::numeric_limits<double>::infinity()).AsInt64().ok());
  EXPECT_FALSE(Value(std::nan("")).AsInt64().ok());
  const auto s = Value("1").AsInt64();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(), "must be an integer, not string");
}

TEST(ValueTest, ObjectKeepsInsertionOrderAndUniqueKeys) {
  Object o;
  o.Set("b", 1);
  o.Set("a", 2);
  o.Set("c", 3);
  o.Set("a", 20);  // replaced in place
  ASSERT_EQ(o.size(), 3u);
  std::vector<std::string> keys;
  for (const auto& [k, v] : o) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"b", "a", "c"}));
  EXPECT_EQ(o.Find("a")->AsNumber(), 20);
  EXPECT_EQ(o.Find("zz"), nullptr);
  EXPECT_TRUE(o.Erase("b"));
  EXPECT_FALSE(o.Erase("b"));
  EXPECT_EQ(o.size(), 2u);
  EXPECT_FALSE(o.empty());
  EXPECT_TRUE(Object().empty());
}

TEST(ValueTest, IndexOperatorBuildsObjects) {
  Value v;
  v["name"] = "Sita";
  v["age"] = 31;
  v["address"]["city"] = "Doha";
  ASSERT_TRUE(v.is_object());
  EXPECT_EQ(v.Get("name")->AsString(), "Sita");
  EXPECT_EQ(v.Get("address")->Get("city")->AsString(), "Doha");
  EXPECT_EQ(v.Get("missing"), nullptr);
  EXPECT_EQ(Value(1).Get("x"), nullptr);
  EXPECT_TRUE(v["new"].is_null());
  EXPECT_EQ(v.AsObject().size(), 4u);
  EXPECT_EQ(Write(v), R"({"name":"Sita","age":31,"address":{"city":"Doha"},"new":null})");
}

TEST(ValueTest, EqualityIgnoresMemberOrderButNotArrayOrder) {
  Object a;
  a.Set("x", 1);
  a.Set("y", Array{1, 2});
  Object b;
  b.Set("y", Array{1, 2});
  b.Set("x", 1);
  EXPECT_EQ(Value(a), Value(b));
  b.Set("y", Array{2, 1});
  EXPECT_FALSE(Value(a) == Value(b));
  EXPECT_FALSE(Value(1) == Value("1"));
  EXPECT_FALSE(Value(true) == Value(1));
  EXPECT_EQ(Value(nullptr), Value());
  EXPECT_EQ(Value(0.0), Value(-0.0));
  Object c = a;
  c.Set("z", nullptr);
  EXPECT_FALSE(Value(a) == Value(c));
}

TEST(ValueTest, CheckIJsonNamesThePath) {
  Value v;
  v["ok"] = "fine";
  v["list"] = Array{1, Value(std::numeric_limits<double>::quiet_NaN())};
  Status s = CheckIJson(v);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "/list/1: number is not finite (NaN or infinity)");

  Value bad_string;
  bad_string["a/b"] = std::string("x\xff");
  s = CheckIJson(bad_string);
  EXPECT_EQ(s.message(), "/a~1b: string is not valid UTF-8 (at byte 1)");

  Value bad_key;
  bad_key[std::string("k\xef\xbf\xbf")] = 1;
  s = CheckIJson(bad_key);
  EXPECT_EQ(s.message(), "/k\xef\xbf\xbf: member name holds a Unicode noncharacter (at byte 1)");

  Value deep;
  Value* cur = &deep;
  for (int i = 0; i < 5; ++i) cur = &(*cur)["d"];
  EXPECT_TRUE(CheckIJson(deep, 5).ok());
  EXPECT_FALSE(CheckIJson(deep, 4).ok());
  EXPECT_TRUE(CheckIJson(*v.Get("ok")).ok());
}

TEST(AppendMembers, AddsMembersToAnObjectsTextAsWriteWouldHaveWrittenThem) {
  Object extra;
  extra.Set("url", "https://a.test/v?x=\"1\"");
  Array steps;
  steps.push_back("offer");
  extra.Set("steps", std::move(steps));
  Object doc;
  doc.Set("id", "C-1");
  doc.Set("n", 2);
  std::string text = Write(Value(doc));
  ASSERT_TRUE(AppendMembers(&text, extra).ok());
  Value both(doc);
  for (const auto& [name, value] : extra) both[name] = value;
  EXPECT_EQ(text, Write(both));
  std::string empty = "{}";
  ASSERT_TRUE(AppendMembers(&empty, extra).ok());
  EXPECT_EQ(empty, Write(Value(extra)));
  std::string none = Write(Value(doc));
  ASSERT_TRUE(AppendMembers(&none, Object()).ok());
  EXPECT_EQ(none, Write(Value(doc)));
}

TEST(AppendMembers, TheAppenderWritesStringsAndArraysOfStrings) {
  std::string text = "{\"id\":\"C-1\"}";
  auto out = ObjectAppender::Open(&text, 64);
  ASSERT_TRUE(out.ok());
  out->String("url", "a\"b");
  const std::vector<int> steps = {1, 2};
  out->StringArray("steps", steps, [](int n) { return n == 1 ? "one" : "two"; });
  out->StringArray("none", std::vector<int>(), [](int) { return ""; });
  out->Close();
  EXPECT_EQ(text, "{\"id\":\"C-1\",\"url\":\"a\\\"b\",\"steps\":[\"one\",\"two\"],\"none\":[]}");
  EXPECT_TRUE(Parse(text).ok());
}

TEST(AppendMembers, RefusesTextThatIsNoObject) {
  Object extra;
  extra.Set("a", 1);
  for (std::string bad : {"", "[]", "{", "}", "\"{}\"", "{\"a\":1", "null"}) {
    const std::string before = bad;
    EXPECT_EQ(AppendMembers(&bad, extra).code(), Code::kInvalidArgument) << before;
    EXPECT_EQ(bad, before);
  }
}

}  // namespace
}  // namespace corridor::json
