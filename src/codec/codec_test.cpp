#include "codec/codec.hpp"

#include <gtest/gtest.h>

#include "domain/testing.hpp"

namespace corridor::codec {
namespace {

using domain::testing::D;
using domain::testing::KWD;

template <typename T, typename F>
void ExpectRoundTrip(const T& value, F decode) {
  const json::Value j = ToJson(value);
  auto back = decode(*json::Parse(json::Write(j)));
  ASSERT_TRUE(back.ok()) << back.status().ToString() << "\n" << json::WritePretty(j);
  EXPECT_EQ(*back, value);
}

TEST(CodecTest, RecordsRoundTrip) {
  domain::Worker w = domain::testing::SampleWorker();
  ExpectRoundTrip(w, WorkerFromJson);
  ExpectRoundTrip(domain::testing::SampleEmployer(), EmployerFromJson);
  ExpectRoundTrip(domain::testing::SampleAgency(), AgencyFromJson);
  ExpectRoundTrip(domain::testing::SampleTerms(),
                  [](const json::Value& v) { return TermsFromJson(v); });
  ExpectRoundTrip(domain::testing::KuwaitRules(), CountryRulesFromJson);
  ExpectRoundTrip(domain::testing::KuwaitFloors()[1], WageFloorFromJson);

  domain::Contract c;
  c.id = ContractId("C-1");
  c.terms = domain::testing::SampleTerms();
  c.digest = TermsDigest(c.terms);
  c.state = domain::ContractState::kActive;
  c.active_from = D("2027-01-01");
  c.offered_at = *Timestamp::Parse("2026-11-01T08:00:00Z");
  c.pending_amendment = domain::Amendment{2, c.terms, "raise", domain::AmendmentState::kProposed,
                                          *Timestamp::Parse("2027-02-01T08:00:00Z")};
  c.pending_amendment->terms.basic_wage = KWD("130");
  ExpectRoundTrip(c, ContractFromJson);

  domain::Permit p{PermitId("P-1"),
                   WorkerId("W-1"),
                   ContractId("C-1"),
                   EmployerId("E-1"),
                   D("2027-01-01"),
                   D("2029-01-01"),
                   domain::PermitStatus::kActive,
                   "",
                   domain::MakePersonNumber(42),
                   std::nullopt};
  ExpectRoundTrip(p, PermitFromJson);
  // A permit issued before person numbers existed has none.
  p.person_number.clear();
  ExpectRoundTrip(p, PermitFromJson);
  // The end its holder was told of ahead of time, once told; absent before.
  EXPECT_FALSE(ToJson(p).Get("expiry_notice_for"));
  p.expiry_notice_for = D("2029-01-01");
  EXPECT_EQ(ToJson(p).Get("expiry_notice_for")->AsString(), "2029-01-01");
  ExpectRoundTrip(p, PermitFromJson);
}

TEST(CodecTest, PermitPersonNumberIsChecked) {
  domain::Permit p{PermitId("P-1"),
                   WorkerId("W-1"),
                   ContractId("C-1"),
                   EmployerId("E-1"),
                   D("2027-01-01"),
                   D("2029-01-01"),
                   domain::PermitStatus::kActive,
                   "",
                   domain::MakePersonNumber(42),
                   std::nullopt};
  json::Value j = ToJson(p);
  std::string bad = p.person_number;
  bad[13] = bad[13] == '9' ? '0' : static_cast<char>(bad[13] + 1);
  j["person_number"] = bad;
  EXPECT_EQ(PermitFromJson(j).status().field(), "person_number");
}

TEST(CodecTest, CountryRulesWithoutADueDayKeepTheDefault) {
  domain::CountryRules r = domain::testing::KuwaitRules();
  r.payment_due_day = 10;
  ExpectRoundTrip(r, CountryRulesFromJson);
  json::Value j = ToJson(r);
  json::Object o;
  for (const auto& [k, v] : j.AsObject()) {
    if (k != "payment_due_day") o.Set(k, v);
  }
  auto back = CountryRulesFromJson(o);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->payment_due_day, 7);
  j["payment_due_day"] = 32;
  EXPECT_EQ(CountryRulesFromJson(j).status().field(), "payment_due_day");
}

TEST(CodecTest, CountryRulesCarryTheLongestPermitGrantWithNoneByDefault) {
  domain::CountryRules r = domain::testing::KuwaitRules();
  r.permit_max_months = 12;
  ExpectRoundTrip(r, CountryRulesFromJson);
  json::Value j = ToJson(r);
  json::Object o;
  for (const auto& [k, v] : j.AsObject()) {
    if (k != "permit_max_months") o.Set(k, v);
  }
  auto back = CountryRulesFromJson(o);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->permit_max_months, 0) << "rules set before the member existed";
  for (int bad : {-1, 121}) {
    j["permit_max_months"] = bad;
    EXPECT_EQ(CountryRulesFromJson(j).status().field(), "permit_max_months") << bad;
  }
  j["permit_max_months"] = "12";
  EXPECT_EQ(CountryRulesFromJson(j).status().field(), "permit_max_months");
}

TEST(CodecTest, ErrorsNameTheFieldPath) {
  json::Value j = ToJson(domain::testing::SampleTerms());
  j["housing"]["kind"] = "free";
  auto r = TermsFromJson(j, "terms");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "terms.housing.kind");

  j = ToJson(domain::testing::SampleTerms());
  j["basic_wage"]["amount"] = "120.0001";
  EXPECT_EQ(TermsFromJson(j).status().field(), "basic_wage");

  j = ToJson(domain::testing::SampleTerms());
  j["hours_per_day"] = 8.5;
  EXPECT_EQ(TermsFromJson(j).status().field(), "hours_per_day");

  j = ToJson(domain::testing::SampleTerms());
  j.AsObject().Set("bonus", "yes");
  EXPECT_EQ(TermsFromJson(j).status().field(), "bonus");
  EXPECT_NE(TermsFromJson(j).status().message().find("not a known field"), std::string::npos);

  j = ToJson(domain::testing::SampleWorker());
  j.AsObject().Erase("passport");
  EXPECT_EQ(WorkerFromJson(j).status().field(), "passport");
  j = ToJson(domain::testing::SampleWorker());
  j["passport"]["expiry"] = "2031-02-30";
  EXPECT_EQ(WorkerFromJson(j).status().field(), "passport.expiry");
  EXPECT_EQ(WorkerFromJson(json::Value("x")).status().field(), "body");
}

TEST(CodecTest, DigestIsOfTheCanonicalFormAndIndependentOfKeyOrder) {
  const domain::ContractTerms t = domain::testing::SampleTerms();
  const std::string canonical = CanonicalTerms(t);
  // Keys sorted, no whitespace.
  EXPECT_EQ(canonical.rfind("{\"accommodation\":\"provided_free\",", 0), 0u) << canonical;
  EXPECT_EQ(canonical.find(' ', canonical.find("\"hours_per_day\"")),
            canonical.find("Salmiya,") + 8);  // the only spaces are inside strings
  // The same terms parsed from differently ordered, differently spaced JSON give the same digest.
  json::Value j = ToJson(t);
  json::Object reversed;
  std::vector<std::pair<std::string, json::Value>> members(j.AsObject().begin(),
                                                           j.AsObject().end());
  for (auto it = members.rbegin(); it != members.rend(); ++it) reversed.Set(it->first, it->second);
  auto again = TermsFromJson(*json::Parse(json::WritePretty(reversed)));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(TermsDigest(*again), TermsDigest(t));
  // Any change of a term changes the digest.
  domain::ContractTerms changed = t;
  changed.basic_wage = KWD("120.001");
  EXPECT_NE(TermsDigest(changed), TermsDigest(t));
  EXPECT_EQ(TermsDigest(t).size(), 64u);
}

}  // namespace
}  // namespace corridor::codec
