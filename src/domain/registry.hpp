// The registry's records: workers, employers, licensed recruitment agencies, job orders,
// occupations, wage floors and per-country labour rules, with the rules that make a record
// acceptable. Pure values and functions; thread-safe.
//
// Validate* functions check a whole record and return the first problem with the offending
// field named (dotted path, as the API and import report it). They take today's date as a
// parameter; domain code never reads the clock.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/status.hpp"
#include "core/time.hpp"

namespace corridor::domain {

enum class Sex { kFemale, kMale, kUnspecified };
std::string_view ToString(Sex s);  // "F", "M", "X" as in ICAO 9303
Result<Sex> ParseSex(std::string_view text);

struct Passport {
  std::string number;         // as printed, upper-case letters and digits
  std::string issuing_state;  // alpha-3
  Date expiry;
  bool operator==(const Passport&) const = default;
};

struct Worker {
  WorkerId id;
  // Names as the passport writes them: in the holder's own script (may be empty where the
  // passport is in Latin script only) and in Latin (the machine-readable zone's spelling).
  std::string name_native;
  std::string family_name_latin;  // primary identifier; required
  std::string given_names_latin;  // secondary identifier; may be empty
  Date date_of_birth;
  Sex sex = Sex::kUnspecified;
  std::string nationality;  // alpha-3
  Passport passport;
  std::string phone;               // E.164, "+9779812345678"
  std::string preferred_language;  // BCP 47 primary subtag
  bool operator==(const Worker&) const = default;
};

struct RegistryLimits {
  int minimum_age_years = 18;  // ILO C138/C182: no child labour; countries may set higher
};

Status ValidateWorker(const Worker& w, Date today, const RegistryLimits& limits = {});
// Whole years between birth and `on`.
int AgeOn(Date birth, Date on);

struct Employer {
  EmployerId id;
  std::string registration_number;  // the destination's commercial or establishment registry
  std::string name;
  std::string sector;
  std::string establishment;  // establishment name and address of the main place of work
  std::string country;        // destination country, alpha-3
  bool operator==(const Employer&) const = default;
};
Status ValidateEmployer(const Employer& e);

enum class LicenceStatus { kActive, kSuspended, kRevoked };
std::string_view ToString(LicenceStatus s);
Result<LicenceStatus> ParseLicenceStatus(std::string_view text);

struct Agency {
  AgencyId id;
  std::string licence_number;
  std::string name;
  std::string country;  // origin country that licenses it, alpha-3
  LicenceStatus status = LicenceStatus::kActive;
  std::optional<Date> licence_expiry;
  bool operator==(const Agency&) const = default;
};
Status ValidateAgency(const Agency& a);
// An agency may place workers only while its licence is active and unexpired on `on`.
Status CheckAgencyMayPlace(const Agency& a, Date on);
// Licence changes by the origin authority: active <-> suspended, anything -> revoked (final).
Status CheckLicenceChange(LicenceStatus from, LicenceStatus to);

enum class JobOrderStatus { kOpen, kClosed };
std::string_view ToString(JobOrderStatus s);

struct JobOrder {
  JobOrderId id;
  EmployerId employer;
  std::optional<AgencyId> agency;
  std::string position;
  std::string isco_code;
  int openings = 1;
  Money basic_wage;     // offered monthly basic wage
  std::string country;  // destination, alpha-3
  JobOrderStatus status = JobOrderStatus::kOpen;
  bool operator==(const JobOrder&) const = default;
};
Status ValidateJobOrder(const JobOrder& j);

struct Occupation {
  std::string isco_code;
  std::string title;
  bool operator==(const Occupation&) const = default;
};
Status ValidateOccupation(const Occupation& o);

// The lowest lawful monthly basic wage for an occupation in a destination country, from a date.
// An empty isco_code applies to every occupation without a floor of its own.
struct WageFloor {
  std::string country;
  std::string isco_code;
  Money minimum;
  Date effective_from;
  bool operator==(const WageFloor&) const = default;
};
Status ValidateWageFloor(const WageFloor& f);
// The floor that applies to (country, isco) on `on`: the occupation's own floor if any, else the
// country-wide one; the most recent effective_from not after `on`.
std::optional<WageFloor> ApplicableFloor(const std::vector<WageFloor>& floors,
                                         std::string_view country, std::string_view isco, Date on);

// A destination country's labour rules that contracts are attested against, as data.
struct CountryRules {
  std::string country;
  int max_hours_per_day = 8;
  int max_days_per_week = 6;
  int min_overtime_percent = 125;
  int min_annual_leave_days = 30;
  int max_probation_months = 3;
  int min_notice_days = 30;
  int max_deduction_percent = 25;  // of the monthly wage, for lawful deductions
  // The day of the following month by which a month's wages are due (clamped to that month's
  // length); payroll reconciliation flags a later payment as late.
  int payment_due_day = 7;
  // Days a worker may stay after their permit ends (it expires, or is cancelled with its
  // contract) to find a new job or leave, before the border counts an overstay (0-365).
  int permit_grace_days = 0;
  // The longest a permit is granted for at a time, in months (0-120): a permit runs to its
  // contract's end, or this many months from its start when that comes first, and is renewed
  // within the contract's term after that (docs/permits.md, "Renewal"). 0: the whole term.
  int permit_max_months = 0;
  bool operator==(const CountryRules&) const = default;
};
Status ValidateCountryRules(const CountryRules& r);

}  // namespace corridor::domain
