#include "http/document.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "domain/reference.hpp"
#include "json/json.hpp"

namespace corridor::http {
namespace {

// The printable contract speaks every language the portal speaks, and no language the node does
// not know (data/i18n/contract.json against data/i18n/languages.json).
TEST(ContractLabels, CoverThePortalsLanguagesAndNoOther) {
  for (const domain::LanguageInfo& l : domain::Languages()) {
    if (l.portal) {
      EXPECT_TRUE(HasContractLabels(l.code)) << l.code;
    }
  }
  std::ifstream in(std::string(CORRIDOR_SOURCE_DIR) + "/data/i18n/contract.json");
  ASSERT_TRUE(in) << "data/i18n/contract.json";
  std::stringstream text;
  text << in.rdbuf();
  auto labels = json::Parse(text.str());
  ASSERT_TRUE(labels.ok()) << labels.status().ToString();
  for (const auto& [code, table] : labels->AsObject()) {
    EXPECT_TRUE(domain::IsSupportedLanguage(code)) << code << " is not in languages.json";
    EXPECT_EQ(table.Get("dir"), nullptr) << code << ": the direction comes from languages.json";
  }
}

}  // namespace
}  // namespace corridor::http
