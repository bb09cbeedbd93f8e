#include "codec/cases.hpp"

#include <gtest/gtest.h>

namespace corridor::codec {
namespace {

using namespace domain;

Timestamp T(const char* text) { return *Timestamp::Parse(text); }

json::Value J(const std::string& text) { return *json::Parse(text); }

std::string RulesText(const std::string& flag, const std::string& other_deadlines = "") {
  std::string deadlines;
  for (size_t i = 0; i < kComplaintCategoryCount; ++i) {
    const std::string name(ToString(static_cast<ComplaintCategory>(i)));
    if (!deadlines.empty()) deadlines += ",";
    deadlines += "\"" + name + "\":" +
                 (name == "other" && !other_deadlines.empty()
                      ? other_deadlines
                      : std::string(R"({"triage_days":2,"assessment_days":5,"action_days":14})"));
  }
  return R"({"deadlines":{)" + deadlines + R"(},"trafficking_flag":)" + flag + "}";
}

TEST(CaseCodec, ACaseAndAComplaintReadBackAsWritten) {
  CaseRules rules;
  Case k = NewCase(CaseId("CS-1"), WorkerId("W-1"), "NPL", EmployerId("E-1"),
                   {ComplaintCategory::kViolence}, "U-s", T("2026-11-29T08:00:00.000Z"), rules);
  ASSERT_TRUE(LinkSignal(k, SignalKind::kOverstay, "O-1", T("2026-11-29T08:00:00.000Z")).ok());
  ASSERT_TRUE(Assign(k, "U-i", Role::kCaseworker, "U-s").ok());
  ASSERT_TRUE(
      AddAction(k, "Visit", std::nullopt, rules, "U-i", T("2026-11-29T09:00:00.000Z")).ok());
  ASSERT_TRUE(
      Close(k, Outcome::kRepatriationAssisted, "home", "U-i", T("2026-11-30T09:00:00.000Z")).ok());
  auto back = CaseFromJson(ToJson(k));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, k);

  Complaint c;
  c.id = ComplaintId("CP-1");
  c.channel = Channel::kAnonymousTip;
  c.employer = EmployerId("E-1");
  c.categories = {ComplaintCategory::kConfinement};
  c.text = "Women locked in at night";
  c.filed_by = "U-h";
  c.filed_by_role = Role::kHotlineOperator;
  c.filed_at = T("2026-11-29T08:00:00.000Z");
  c.triage_due = T("2026-11-30T08:00:00.000Z");
  auto cb = ComplaintFromJson(ToJson(c));
  ASSERT_TRUE(cb.ok()) << cb.status().ToString();
  EXPECT_EQ(*cb, c);

  json::Value bad = ToJson(k);
  bad.AsObject().Set("extra", 1);
  EXPECT_EQ(CaseFromJson(bad).status().field(), "extra");
}

TEST(CaseCodec, TheRulesFileIsCheckedMemberByMember) {
  auto ok = CaseRulesFromJson(J(RulesText(R"([{"name":"all","min_present":2,"among":["*"]}])")));
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->trafficking_flag[0].among.size(), kIndicatorCount);

  EXPECT_EQ(CaseRulesFromJson(J(RulesText(R"([{"name":"x","min_present":1,"among":["slavery"]}])")))
                .status()
                .field(),
            "trafficking_flag.0.among.0");
  EXPECT_EQ(
      CaseRulesFromJson(J(RulesText(R"([{"name":"x","min_present":3,"among":["isolation"]}])")))
          .status()
          .field(),
      "trafficking_flag.0.min_present");
  EXPECT_EQ(CaseRulesFromJson(
                J(RulesText("[]", R"({"triage_days":0,"assessment_days":5,"action_days":14})")))
                .status()
                .field(),
            "deadlines.other.triage_days");
  EXPECT_EQ(CaseRulesFromJson(J(R"({"deadlines":{},"trafficking_flag":[]})")).status().field(),
            "deadlines.unpaid_wages");
  std::string extra = RulesText("[]");
  extra.insert(extra.find("\"other\""),
               R"("theft":{"triage_days":1,"assessment_days":1,"action_days":1},)");
  EXPECT_EQ(CaseRulesFromJson(J(extra)).status().field(), "deadlines.theft");
}

}  // namespace
}  // namespace corridor::codec
