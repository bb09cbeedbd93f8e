#include "domain/events.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace corridor::domain {
namespace {

TEST(EventTypes, EveryNameIsUniqueAndReadsBack) {
  std::set<std::string_view> seen;
  for (size_t i = 0; i < kEventTypeCount; ++i) {
    const auto t = static_cast<EventType>(i);
    const std::string_view name = ToString(t);
    EXPECT_TRUE(seen.insert(name).second) << name;
    ASSERT_EQ(ParseEventType(name), t) << name;
  }
}

TEST(EventTypes, NamesAreSubjectDotVerb) {
  for (std::string_view name : kEventTypeNames) {
    const size_t dot = name.find('.');
    ASSERT_NE(dot, std::string_view::npos) << name;
    EXPECT_GT(dot, 0u) << name;
    EXPECT_LT(dot + 1, name.size()) << name;
    EXPECT_EQ(name.find('.', dot + 1), std::string_view::npos) << name;
    for (char ch : name) EXPECT_TRUE((ch >= 'a' && ch <= 'z') || ch == '_' || ch == '.') << name;
  }
}

TEST(EventTypes, TheLedgerNamesOfRecordedTypesStayAsTheyAre) {
  // Events already in ledgers carry these names: renaming one would orphan them.
  EXPECT_EQ(ToString(EventType::kContractAttested), "contract.attested");
  EXPECT_EQ(ToString(EventType::kPermitIssued), "permit.issued");
  EXPECT_EQ(ToString(EventType::kPermitRenewed), "permit.renewed");
  EXPECT_EQ(ToString(EventType::kWagesEscalationStep), "wages.escalation_step");
  EXPECT_EQ(ToString(EventType::kFederationReceived), "federation.received");
}

TEST(EventTypes, AnUnknownNameIsNoType) {
  EXPECT_FALSE(ParseEventType(""));
  EXPECT_FALSE(ParseEventType("contract.attest"));
  EXPECT_FALSE(ParseEventType("Contract.attested"));
}

}  // namespace
}  // namespace corridor::domain
