// Valid sample records for tests: a Nepali worker, a Kuwaiti employer, a licensed agency and
// lawful contract terms between them. Each test changes one thing and checks the rule that
// should notice. Test-only; thread-safe.
#pragma once

#include "domain/contract.hpp"
#include "domain/mobility.hpp"
#include "domain/registry.hpp"

namespace corridor::domain::testing {

inline Date D(const char* text) { return *Date::Parse(text); }
inline Money KWD(const char* amount) { return *Money::Parse(amount, "KWD"); }

inline Worker SampleWorker() {
  Worker w;
  w.id = WorkerId("W-1");
  w.name_native = "सीता कुमारी थापा";
  w.family_name_latin = "THAPA";
  w.given_names_latin = "SITA KUMARI";
  w.date_of_birth = D("1996-04-12");
  w.sex = Sex::kFemale;
  w.nationality = "NPL";
  w.passport = {"PA1234567", "NPL", D("2031-03-01")};
  w.phone = "+9779812345678";
  w.preferred_language = "ne";
  return w;
}

inline Employer SampleEmployer() {
  return {EmployerId("E-1"),
          "KW-2020-55123",
          "Gulf Care Services W.L.L.",
          "domestic_work",
          "Salmiya, Block 10, Kuwait City",
          "KWT"};
}

inline Agency SampleAgency() {
  return {AgencyId("A-1"), "DOFE-1234/2075",       "Himal Manpower Pvt. Ltd.",
          "NPL",           LicenceStatus::kActive, D("2028-07-15")};
}

inline ContractTerms SampleTerms() {
  ContractTerms t;
  t.worker = WorkerId("W-1");
  t.employer = EmployerId("E-1");
  t.agency = AgencyId("A-1");
  t.origin_country = "NPL";
  t.destination_country = "KWT";
  t.position = "Care worker";
  t.isco_code = "5322";
  t.basic_wage = KWD("120");
  t.housing = {AllowanceKind::kInKind, std::nullopt};
  t.food = {AllowanceKind::kCash, KWD("15")};
  t.transport = {AllowanceKind::kNone, std::nullopt};
  t.hours_per_day = 8;
  t.days_per_week = 6;
  t.weekly_rest_day = Weekday::kFriday;
  t.overtime_percent = 125;
  t.annual_leave_days = 30;
  t.probation_months = 3;
  t.start_date = D("2027-01-01");
  t.duration_months = 24;
  t.notice_period_days = 30;
  t.place_of_work = "Salmiya, Kuwait City";
  t.accommodation = Accommodation::kProvidedFree;
  t.accommodation_details = "private room in the employer's residence";
  t.worker_fees = KWD("0");
  t.languages = {"ne", "en", "ar"};
  return t;
}

inline CountryRules KuwaitRules() {
  CountryRules r;
  r.country = "KWT";
  r.max_hours_per_day = 8;
  r.max_days_per_week = 6;
  r.min_overtime_percent = 125;
  r.min_annual_leave_days = 30;
  r.max_probation_months = 3;
  r.min_notice_days = 30;
  return r;
}

inline std::vector<WageFloor> KuwaitFloors() {
  return {{"KWT", "", KWD("75"), D("2016-01-01")}, {"KWT", "5322", KWD("100"), D("2024-01-01")}};
}

}  // namespace corridor::domain::testing
