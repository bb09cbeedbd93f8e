#include "screening/normalize.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iostream>

namespace corridor::screening {
namespace {

std::string Show(const NormalizedName& n) {
  std::string s;
  for (const auto& f : n.forms) {
    s += "[" + f.reading + "]";
    for (const auto& t : f.tokens) {
      s += " " + t.text + "(" + t.canonical + "," + t.key + (t.alt_key.empty() ? "" : "/" + t.alt_key) + "," +
           std::string(TokenRoleName(t.role)) + (t.unvocalized ? ",u" : "") + ")";
    }
  }
  return s;
}

TEST(NormalizeDebug, Print) {
  NameNormalizer n;
  for (const char* s : {"محمد علي", "أحمد حسن", "عبد الله", "خالد محمود", "يوسف", "Владимир Путин",
                        "Дмитрий Медведев", "Александр Петров", "金正恩", "习近平", "김정은", "박지성",
                        "이민호", "山田太郎", "Αλέξανδρος", "Νικόλαος", "משה", "דוד", "สมชาย",
                        "राम बहादुर थापा", "कृष्ण", "गुरुङ", "সমীর রহমান", "محمد رفیق", "عمران خان",
                        "صدام حسين التكريتي", "Abd al-Rahman", "Abdurrahman", "Abdul Rahman Yasin",
                        "Saif al-Din", "SAIFUDDIN", "Habib Ullah", "Dr. Ayman AL ZAWAHIRI", "Müller Øster",
                        "Sa'id", "M. Ali", "Mohammed bin Salman", "Jean-Pierre"}) {
    auto r = n.Normalize(s);
    ASSERT_TRUE(r.ok());
    std::cout << s << " => " << Show(*r) << "\n";
  }
}

}  // namespace
}  // namespace corridor::screening
