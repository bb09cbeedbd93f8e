#include "domain/registry.hpp"

#include <gtest/gtest.h>

#include "domain/reference.hpp"
#include "domain/testing.hpp"

namespace corridor::domain {
namespace {

using testing::D;
using testing::KWD;

const Date kToday = D("2026-11-29");

Status Invalid(void (*change)(Worker&)) {
  Worker w = testing::SampleWorker();
  change(w);
  return ValidateWorker(w, kToday);
}

TEST(WorkerTest, SampleIsValid) {
  EXPECT_TRUE(ValidateWorker(testing::SampleWorker(), kToday).ok());
}

TEST(WorkerTest, EachRuleNamesItsField) {
  struct Case {
    void (*change)(Worker&);
    const char* field;
  } cases[] = {
      {[](Worker& w) { w.family_name_latin = ""; }, "family_name_latin"},
      {[](Worker& w) { w.family_name_latin = "TH4PA"; }, "family_name_latin"},
      {[](Worker& w) { w.given_names_latin = " SITA"; }, "given_names_latin"},
      {[](Worker& w) { w.name_native = "\x01"; }, "name_native"},
      {[](Worker& w) { w.date_of_birth = D("2027-01-01"); }, "date_of_birth"},
      {[](Worker& w) { w.date_of_birth = D("2010-01-01"); }, "date_of_birth"},
      {[](Worker& w) { w.date_of_birth = D("1900-01-01"); }, "date_of_birth"},
      {[](Worker& w) { w.nationality = "NP"; }, "nationality"},
      {[](Worker& w) { w.nationality = "XYZ"; }, "nationality"},
      {[](Worker& w) { w.passport.number = "pa123"; }, "passport.number"},
      {[](Worker& w) { w.passport.number = "P1"; }, "passport.number"},
      {[](Worker& w) { w.passport.issuing_state = "ZZZ"; }, "passport.issuing_state"},
      {[](Worker& w) { w.passport.expiry = D("2026-11-29"); }, "passport.expiry"},
      {[](Worker& w) { w.phone = "9812345678"; }, "phone"},
      {[](Worker& w) { w.phone = "+977-981"; }, "phone"},
      {[](Worker& w) { w.preferred_language = "xx"; }, "preferred_language"},
  };
  for (const auto& c : cases) {
    Status s = Invalid(c.change);
    EXPECT_FALSE(s.ok()) << c.field;
    EXPECT_EQ(s.field(), c.field) << s.ToString();
  }
}

TEST(WorkerTest, MinimumAgeIsConfigurableAndExact) {
  Worker w = testing::SampleWorker();
  w.date_of_birth = D("2008-11-30");  // 18 tomorrow
  EXPECT_EQ(ValidateWorker(w, kToday).code(), Code::kFailedPrecondition);
  w.date_of_birth = D("2008-11-29");  // 18 today
  EXPECT_TRUE(ValidateWorker(w, kToday).ok());
  EXPECT_FALSE(ValidateWorker(w, kToday, RegistryLimits{21}).ok());
  EXPECT_EQ(AgeOn(D("2000-02-29"), D("2026-02-28")), 25);
  EXPECT_EQ(AgeOn(D("2000-02-29"), D("2026-03-01")), 26);
}

TEST(EmployerTest, Rules) {
  Employer e = testing::SampleEmployer();
  EXPECT_TRUE(ValidateEmployer(e).ok());
  e.sector = "mining";
  EXPECT_EQ(ValidateEmployer(e).field(), "sector");
  e = testing::SampleEmployer();
  e.country = "Kuwait";
  EXPECT_EQ(ValidateEmployer(e).field(), "country");
  e = testing::SampleEmployer();
  e.registration_number = "kw 55";
  EXPECT_EQ(ValidateEmployer(e).field(), "registration_number");
}

TEST(AgencyTest, LicenceGovernsPlacement) {
  Agency a = testing::SampleAgency();
  EXPECT_TRUE(ValidateAgency(a).ok());
  EXPECT_TRUE(CheckAgencyMayPlace(a, kToday).ok());
  a.status = LicenceStatus::kSuspended;
  EXPECT_EQ(CheckAgencyMayPlace(a, kToday).code(), Code::kFailedPrecondition);
  a.status = LicenceStatus::kActive;
  a.licence_expiry = D("2026-11-28");
  EXPECT_EQ(CheckAgencyMayPlace(a, kToday).code(), Code::kFailedPrecondition);
  EXPECT_TRUE(CheckLicenceChange(LicenceStatus::kActive, LicenceStatus::kSuspended).ok());
  EXPECT_TRUE(CheckLicenceChange(LicenceStatus::kSuspended, LicenceStatus::kActive).ok());
  EXPECT_FALSE(CheckLicenceChange(LicenceStatus::kRevoked, LicenceStatus::kActive).ok());
  EXPECT_FALSE(CheckLicenceChange(LicenceStatus::kActive, LicenceStatus::kActive).ok());
}

TEST(WageFloorTest, OccupationFloorBeatsCountryFloorAndLatestWins) {
  auto floors = testing::KuwaitFloors();
  floors.push_back({"KWT", "5322", KWD("110"), D("2027-06-01")});
  EXPECT_EQ(ApplicableFloor(floors, "KWT", "5322", D("2026-01-01"))->minimum, KWD("100"));
  EXPECT_EQ(ApplicableFloor(floors, "KWT", "5322", D("2027-06-01"))->minimum, KWD("110"));
  EXPECT_EQ(ApplicableFloor(floors, "KWT", "7112", D("2026-01-01"))->minimum, KWD("75"));
  EXPECT_EQ(ApplicableFloor(floors, "KWT", "5322", D("2020-01-01"))->minimum, KWD("75"));
  EXPECT_FALSE(ApplicableFloor(floors, "QAT", "5322", D("2026-01-01")).has_value());
  EXPECT_FALSE(ValidateWageFloor({"KWT", "53", KWD("1"), D("2026-01-01")}).ok());
  EXPECT_FALSE(ValidateWageFloor({"KWT", "", KWD("0"), D("2026-01-01")}).ok());
}

TEST(ReferenceTest, Codes) {
  EXPECT_TRUE(IsCountryCode("NPL"));
  EXPECT_TRUE(IsCountryCode("KWT"));
  EXPECT_TRUE(IsCountryCode("XXA"));
  EXPECT_FALSE(IsCountryCode("npl"));
  EXPECT_FALSE(IsCountryCode("UTO"));  // ICAO's fictional Utopia is no country
  EXPECT_TRUE(CheckIscoCode("9111", "x").ok());
  EXPECT_FALSE(CheckIscoCode("911", "x").ok());
  EXPECT_TRUE(IsSupportedLanguage("tl"));
}

TEST(ReferenceTest, OneListOfLanguages) {
  // data/i18n/languages.json, compiled in: English first, the portal's six, contract languages.
  ASSERT_FALSE(Languages().empty());
  EXPECT_EQ(Languages()[0].code, "en");
  EXPECT_TRUE(Languages()[0].portal);
  std::vector<std::string_view> portal;
  for (const LanguageInfo& l : Languages()) {
    if (l.portal) portal.push_back(l.code);
  }
  EXPECT_EQ(portal, (std::vector<std::string_view>{"en", "ar", "ne", "hi", "bn", "tl"}));
  ASSERT_NE(FindLanguage("ar"), nullptr);
  EXPECT_TRUE(FindLanguage("ar")->right_to_left);
  EXPECT_EQ(FindLanguage("ne")->name, "नेपाली");
  EXPECT_TRUE(IsSupportedLanguage("ur"));
  EXPECT_FALSE(IsSupportedLanguage("xx"));
  EXPECT_EQ(FindLanguage("EN"), nullptr);  // codes are lower case, as the API writes them
  const Status s = CheckLanguage("xx", "languages[0]");
  EXPECT_EQ(s.field(), "languages[0]");
  EXPECT_NE(s.message().find("en, ar, ne"), std::string::npos) << s.message();
}

TEST(JobOrderTest, Rules) {
  JobOrder j{JobOrderId("J-1"),
             EmployerId("E-1"),
             AgencyId("A-1"),
             "Care worker",
             "5322",
             5,
             KWD("120"),
             "KWT",
             JobOrderStatus::kOpen};
  EXPECT_TRUE(ValidateJobOrder(j).ok());
  j.openings = 0;
  EXPECT_EQ(ValidateJobOrder(j).field(), "openings");
  j.openings = 5;
  j.basic_wage = KWD("0");
  EXPECT_EQ(ValidateJobOrder(j).field(), "basic_wage");
}

TEST(CountryRulesTest, AWeeklyRestDayIsARight) {
  CountryRules r = testing::KuwaitRules();
  EXPECT_TRUE(ValidateCountryRules(r).ok());
  r.max_days_per_week = 7;
  EXPECT_EQ(ValidateCountryRules(r).field(), "max_days_per_week");
}

TEST(CountryRulesTest, WagesAreDueOnADayOfTheFollowingMonth) {
  CountryRules r = testing::KuwaitRules();
  EXPECT_EQ(r.payment_due_day, 7);
  for (int day : {1, 15, 31}) {
    r.payment_due_day = day;
    EXPECT_TRUE(ValidateCountryRules(r).ok()) << day;
  }
  for (int day : {0, 32, -1}) {
    r.payment_due_day = day;
    EXPECT_EQ(ValidateCountryRules(r).field(), "payment_due_day") << day;
  }
}

TEST(CountryRulesTest, AGraceAfterAPermitEndsIsDaysUpToAYear) {
  CountryRules r = testing::KuwaitRules();
  EXPECT_EQ(r.permit_grace_days, 0);
  for (int days : {0, 60, 365}) {
    r.permit_grace_days = days;
    EXPECT_TRUE(ValidateCountryRules(r).ok()) << days;
  }
  for (int days : {-1, 366}) {
    r.permit_grace_days = days;
    EXPECT_EQ(ValidateCountryRules(r).field(), "permit_grace_days") << days;
  }
}

TEST(CountryRulesTest, ALongestPermitGrantIsMonthsUpToTenYearsOrNone) {
  CountryRules r = testing::KuwaitRules();
  EXPECT_EQ(r.permit_max_months, 0) << "the contract's whole term";
  for (int months : {0, 1, 12, 24, 120}) {
    r.permit_max_months = months;
    EXPECT_TRUE(ValidateCountryRules(r).ok()) << months;
  }
  for (int months : {-1, 121}) {
    r.permit_max_months = months;
    EXPECT_EQ(ValidateCountryRules(r).field(), "permit_max_months") << months;
  }
}

}  // namespace
}  // namespace corridor::domain
