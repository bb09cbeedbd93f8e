#include "screening/normalize.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "core/csv.hpp"

namespace corridor::screening {
namespace {

std::string Texts(const NormalizedName& n) {
  std::string s;
  if (n.forms.empty()) return s;
  for (const auto& t : n.forms[0].tokens) s += (s.empty() ? "" : " ") + t.text;
  return s;
}

// tests/data/screening/normalize-cases.csv: adding a case needs no C++.
TEST(NormalizeTest, DataDrivenCases) {
  std::ifstream in(std::string(CORRIDOR_SOURCE_DIR) + "/tests/data/screening/normalize-cases.csv",
                   std::ios::binary);
  ASSERT_TRUE(in.good());
  CsvReader::Options o;
  o.skip_comment_lines = true;
  CsvReader r(in, o);
  std::vector<std::string> f;
  NameNormalizer n;
  int cases = 0;
  while (*r.Next(f)) {
    if (f[0] == "name") continue;
    ASSERT_EQ(f.size(), 3u) << "line " << r.record_line();
    auto got = n.Normalize(f[0]);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_EQ(Texts(*got), f[1]) << "normalize-cases.csv line " << r.record_line() << ": " << f[0]
                                 << " (" << f[2] << ")";
    ++cases;
  }
  EXPECT_GE(cases, 20);
}

TEST(NormalizeTest, RolesClassesAndKeys) {
  NameNormalizer n;
  auto r = n.Normalize("Dr. Mohamed bin Kumar");
  ASSERT_TRUE(r.ok());
  const auto& t = r->forms[0].tokens;
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].role, TokenRole::kTitle);
  EXPECT_EQ(t[1].canonical, "muhammad");
  EXPECT_EQ(t[1].key, "mhmd");
  EXPECT_EQ(t[2].role, TokenRole::kParticle);
  EXPECT_EQ(t[3].role, TokenRole::kOptional);
  auto a = n.Normalize("يوسف حسين");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->forms[0].tokens[0].canonical, "yusuf");  // from the name data
  auto u = n.Normalize("رفیق");                         // not in the data: consonants
  ASSERT_TRUE(u.ok());
  EXPECT_TRUE(u->forms[0].tokens[0].unvocalized);
  EXPECT_EQ(u->forms[0].tokens[0].key, "rfk");
  auto h = n.Normalize("דוד");
  EXPECT_EQ(h->forms[0].tokens[0].alt_key, "dvd");  // vav read as v
}

TEST(NormalizeTest, PhoneticKeys) {
  EXPECT_EQ(PhoneticKey("mohammed", false), "mhmd");
  EXPECT_EQ(PhoneticKey("muhamad", false), "mhmd");
  EXPECT_EQ(PhoneticKey("yousef", false), "ysf");
  EXPECT_EQ(PhoneticKey("aleksandr", false), PhoneticKey("alexander", false));
  EXPECT_EQ(PhoneticKey("hassan", false), "hsn");
  EXPECT_EQ(PhoneticKey("abdullah", false), "bdl");
  EXPECT_EQ(PhoneticKey("mhmwd", true), "mhmd");  // unvocalised: w may be a vowel
  EXPECT_EQ(PhoneticKey("schmidt", false), "Smdt");
  EXPECT_EQ(StripArticle("urrahman"), "rahman");
  EXPECT_EQ(StripArticle("ulaziz"), "aziz");
  EXPECT_EQ(StripArticle("ussalam"), "salam");
  EXPECT_EQ(StripArticle("aziz"), "aziz");
}

TEST(NormalizeTest, BadInput) {
  NameNormalizer n;
  EXPECT_FALSE(n.Normalize("\xff\xfe").ok());
  EXPECT_FALSE(n.Normalize(std::string(2000, 'a')).ok());
  auto empty = n.Normalize("  -- 123 ");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->forms.empty());
}

TEST(NameKnowledgeTest, ParseErrorsNameTheLine) {
  EXPECT_TRUE(NameKnowledge::Parse("[variants]\nabc abd\n").ok());
  auto dup = NameKnowledge::Parse("[variants]\nabc abd\nabd xyz\n");
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.status().message().find("line 3"), std::string::npos) << dup.status().message();
  EXPECT_FALSE(NameKnowledge::Parse("abc\n").ok());              // before any section
  EXPECT_FALSE(NameKnowledge::Parse("[colours]\nred\n").ok());   // unknown section
  EXPECT_FALSE(NameKnowledge::Parse("[variants]\nAbc\n").ok());  // not normalised
  EXPECT_FALSE(NameKnowledge::Parse("[tails]\ndin uddin\n").ok());
  EXPECT_FALSE(NameKnowledge::Parse("[particles]\nal\n[titles]\nal\n").ok());
  // The shipped data parses (Default() aborts otherwise) and knows the classic equivalences.
  const NameKnowledge& k = NameKnowledge::Default();
  EXPECT_EQ(k.ClassOf("mehmet"), k.ClassOf("muhammad"));
  EXPECT_EQ(k.ClassOf("husain"), k.ClassOf("hussein"));
  EXPECT_NE(k.ClassOf("hasan"), k.ClassOf("husain"));
  EXPECT_EQ(k.ClassOf("joseph"), -1);  // Yusuf / Joseph deliberately not equivalent
}

}  // namespace
}  // namespace corridor::screening
