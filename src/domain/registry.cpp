#include "domain/registry.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "domain/reference.hpp"

namespace corridor::domain {
namespace {

Status CheckRequired(const std::string& value, std::string_view field, size_t max_chars) {
  auto r = RequiredText(value, field, max_chars);
  if (!r.ok()) return r.status();
  if (*r != value)
    return Status::InvalidArgument("has leading or trailing spaces", std::string(field));
  return Status::Ok();
}

Status CheckOptional(const std::string& value, std::string_view field, size_t max_chars) {
  if (value.empty()) return Status::Ok();
  return CheckRequired(value, field, max_chars);
}

bool IsUpperAlnum(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  });
}

// Latin names as a passport's visual zone prints them: letters (with diacritics), spaces,
// hyphens and apostrophes; no digits.
Status CheckLatinName(const std::string& value, std::string_view field, bool required) {
  if (value.empty() && !required) return Status::Ok();
  RETURN_IF_ERROR(CheckRequired(value, field, 100));
  for (unsigned char c : value) {
    if (c < 0x80 && !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == ' ' || c == '-' ||
                      c == '\'' || c == '.')) {
      return Status::InvalidArgument("may hold only letters, spaces, hyphens and apostrophes",
                                     std::string(field));
    }
  }
  return Status::Ok();
}

Status CheckPositiveMoney(const Money& m, std::string_view field) {
  if (!CurrencyExponent(m.currency)) {
    return Status::InvalidArgument("unknown currency '" + m.currency + "'",
                                   std::string(field) + ".currency");
  }
  if (m.minor <= 0) return Status::InvalidArgument("must be more than zero", std::string(field));
  return Status::Ok();
}

}  // namespace

std::string_view ToString(Sex s) {
  switch (s) {
    case Sex::kFemale:
      return "F";
    case Sex::kMale:
      return "M";
    case Sex::kUnspecified:
      return "X";
  }
  return "X";
}

Result<Sex> ParseSex(std::string_view text) {
  if (text == "F") return Sex::kFemale;
  if (text == "M") return Sex::kMale;
  if (text == "X") return Sex::kUnspecified;
  return Status::InvalidArgument("must be F, M or X");
}

int AgeOn(Date birth, Date on) {
  int age = on.year() - birth.year();
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) {
    --age;
  }
  return age;
}

Status ValidateWorker(const Worker& w, Date today, const RegistryLimits& limits) {
  RETURN_IF_ERROR(CheckOptional(w.name_native, "name_native", 200));
  RETURN_IF_ERROR(CheckLatinName(w.family_name_latin, "family_name_latin", true));
  RETURN_IF_ERROR(CheckLatinName(w.given_names_latin, "given_names_latin", false));
  if (w.date_of_birth >= today) {
    return Status::InvalidArgument("must be in the past", "date_of_birth");
  }
  if (AgeOn(w.date_of_birth, today) < limits.minimum_age_years) {
    return Status::FailedPrecondition(
        "the worker must be at least " + std::to_string(limits.minimum_age_years) + " years old",
        "date_of_birth");
  }
  if (AgeOn(w.date_of_birth, today) > 100) {
    return Status::InvalidArgument("is more than 100 years ago", "date_of_birth");
  }
  RETURN_IF_ERROR(CheckCountry(w.nationality, "nationality"));
  if (!IsUpperAlnum(w.passport.number) || w.passport.number.size() < 5 ||
      w.passport.number.size() > 20) {
    return Status::InvalidArgument("must be 5 to 20 upper-case letters and digits",
                                   "passport.number");
  }
  RETURN_IF_ERROR(CheckCountry(w.passport.issuing_state, "passport.issuing_state"));
  if (w.passport.expiry <= today) {
    return Status::FailedPrecondition("the passport has expired", "passport.expiry");
  }
  if (w.phone.size() < 9 || w.phone.size() > 16 || w.phone[0] != '+' ||
      !IsAsciiDigits(std::string_view(w.phone).substr(1)) || w.phone[1] == '0') {
    return Status::InvalidArgument("must be an international number such as +9779812345678",
                                   "phone");
  }
  RETURN_IF_ERROR(CheckLanguage(w.preferred_language, "preferred_language"));
  return Status::Ok();
}

Status ValidateEmployer(const Employer& e) {
  if (!IsUpperAlnum(e.registration_number) && !e.registration_number.empty()) {
    // Registration numbers may carry separators; allow '-' and '/' as well.
    for (char c : e.registration_number) {
      const bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '/';
      if (!ok) {
        return Status::InvalidArgument("may hold only A-Z, 0-9, '-' and '/'",
                                       "registration_number");
      }
    }
  }
  RETURN_IF_ERROR(CheckRequired(e.registration_number, "registration_number", 32));
  RETURN_IF_ERROR(CheckRequired(e.name, "name", 200));
  RETURN_IF_ERROR(CheckSector(e.sector, "sector"));
  RETURN_IF_ERROR(CheckRequired(e.establishment, "establishment", 300));
  RETURN_IF_ERROR(CheckCountry(e.country, "country"));
  return Status::Ok();
}

std::string_view ToString(LicenceStatus s) {
  switch (s) {
    case LicenceStatus::kActive:
      return "active";
    case LicenceStatus::kSuspended:
      return "suspended";
    case LicenceStatus::kRevoked:
      return "revoked";
  }
  return "revoked";
}

Result<LicenceStatus> ParseLicenceStatus(std::string_view text) {
  if (text == "active") return LicenceStatus::kActive;
  if (text == "suspended") return LicenceStatus::kSuspended;
  if (text == "revoked") return LicenceStatus::kRevoked;
  return Status::InvalidArgument("must be active, suspended or revoked");
}

Status ValidateAgency(const Agency& a) {
  RETURN_IF_ERROR(CheckRequired(a.licence_number, "licence_number", 32));
  for (char c : a.licence_number) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '/';
    if (!ok)
      return Status::InvalidArgument("may hold only A-Z, 0-9, '-' and '/'", "licence_number");
  }
  RETURN_IF_ERROR(CheckRequired(a.name, "name", 200));
  RETURN_IF_ERROR(CheckCountry(a.country, "country"));
  return Status::Ok();
}

Status CheckAgencyMayPlace(const Agency& a, Date on) {
  if (a.status != LicenceStatus::kActive) {
    return Status::FailedPrecondition(
        "the recruitment agency's licence is " + std::string(ToString(a.status)), "agency");
  }
  if (a.licence_expiry && *a.licence_expiry < on) {
    return Status::FailedPrecondition(
        "the recruitment agency's licence expired on " + a.licence_expiry->ToString(), "agency");
  }
  return Status::Ok();
}

Status CheckLicenceChange(LicenceStatus from, LicenceStatus to) {
  if (from == to) {
    return Status::FailedPrecondition("the licence is already " + std::string(ToString(to)),
                                      "status");
  }
  if (from == LicenceStatus::kRevoked) {
    return Status::FailedPrecondition("a revoked licence cannot be restored; issue a new one",
                                      "status");
  }
  return Status::Ok();
}

std::string_view ToString(JobOrderStatus s) {
  return s == JobOrderStatus::kOpen ? "open" : "closed";
}

Status ValidateJobOrder(const JobOrder& j) {
  if (j.employer.empty()) return Status::InvalidArgument("is required", "employer");
  RETURN_IF_ERROR(CheckRequired(j.position, "position", 120));
  RETURN_IF_ERROR(CheckIscoCode(j.isco_code, "isco_code"));
  if (j.openings < 1 || j.openings > 10000) {
    return Status::InvalidArgument("must be between 1 and 10000", "openings");
  }
  RETURN_IF_ERROR(CheckPositiveMoney(j.basic_wage, "basic_wage"));
  RETURN_IF_ERROR(CheckCountry(j.country, "country"));
  return Status::Ok();
}

Status ValidateOccupation(const Occupation& o) {
  RETURN_IF_ERROR(CheckIscoCode(o.isco_code, "isco_code"));
  RETURN_IF_ERROR(CheckRequired(o.title, "title", 200));
  return Status::Ok();
}

Status ValidateWageFloor(const WageFloor& f) {
  RETURN_IF_ERROR(CheckCountry(f.country, "country"));
  if (!f.isco_code.empty()) RETURN_IF_ERROR(CheckIscoCode(f.isco_code, "isco_code"));
  RETURN_IF_ERROR(CheckPositiveMoney(f.minimum, "minimum"));
  return Status::Ok();
}

std::optional<WageFloor> ApplicableFloor(const std::vector<WageFloor>& floors,
                                         std::string_view country, std::string_view isco, Date on) {
  const WageFloor* own = nullptr;
  const WageFloor* general = nullptr;
  for (const auto& f : floors) {
    if (f.country != country || f.effective_from > on) continue;
    if (f.isco_code == isco) {
      if (!own || f.effective_from > own->effective_from) own = &f;
    } else if (f.isco_code.empty()) {
      if (!general || f.effective_from > general->effective_from) general = &f;
    }
  }
  if (own) return *own;
  if (general) return *general;
  return std::nullopt;
}

Status ValidateCountryRules(const CountryRules& r) {
  RETURN_IF_ERROR(CheckCountry(r.country, "country"));
  if (r.max_hours_per_day < 1 || r.max_hours_per_day > 12) {
    return Status::InvalidArgument("must be between 1 and 12", "max_hours_per_day");
  }
  if (r.max_days_per_week < 1 || r.max_days_per_week > 6) {
    return Status::InvalidArgument("must be between 1 and 6 (a weekly rest day is a right)",
                                   "max_days_per_week");
  }
  if (r.min_overtime_percent < 100 || r.min_overtime_percent > 300) {
    return Status::InvalidArgument("must be between 100 and 300", "min_overtime_percent");
  }
  if (r.min_annual_leave_days < 0 || r.min_annual_leave_days > 60) {
    return Status::InvalidArgument("must be between 0 and 60", "min_annual_leave_days");
  }
  if (r.max_probation_months < 0 || r.max_probation_months > 12) {
    return Status::InvalidArgument("must be between 0 and 12", "max_probation_months");
  }
  if (r.min_notice_days < 0 || r.min_notice_days > 180) {
    return Status::InvalidArgument("must be between 0 and 180", "min_notice_days");
  }
  if (r.max_deduction_percent < 0 || r.max_deduction_percent > 100) {
    return Status::InvalidArgument("must be between 0 and 100", "max_deduction_percent");
  }
  if (r.payment_due_day < 1 || r.payment_due_day > 31) {
    return Status::InvalidArgument("must be between 1 and 31", "payment_due_day");
  }
  if (r.permit_grace_days < 0 || r.permit_grace_days > 365) {
    return Status::InvalidArgument("must be between 0 and 365", "permit_grace_days");
  }
  if (r.permit_max_months < 0 || r.permit_max_months > 120) {
    return Status::InvalidArgument("must be between 0 and 120 (0: the contract's whole term)",
                                   "permit_max_months");
  }
  return Status::Ok();
}

}  // namespace corridor::domain
