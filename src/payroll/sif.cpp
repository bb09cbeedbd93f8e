#include "payroll/sif.hpp"

#include "core/money.hpp"
#include "core/text.hpp"
#include "payroll/amounts.hpp"

namespace corridor::payroll {

namespace {

constexpr size_t kSifFields = 10;

Status FieldError(uint64_t line, std::string_view field, std::string_view what) {
  return Status::InvalidArgument(
      "line " + std::to_string(line) + ": " + std::string(field) + ": " + std::string(what),
      std::string(field));
}

bool AllDigits(std::string_view s, size_t n) { return s.size() == n && IsAsciiDigits(s); }

std::string_view Trim(const std::string& s) { return TrimAscii(s); }

}  // namespace

int64_t SifEmployee::regular_pay() const {
  if (!has_evp) return fixed_income + variable_income;
  return fixed_income + evp[kEvpHousing] + evp[kEvpConveyance] + evp[kEvpMedical] + evp[kEvpOther];
}

bool IsValidUaeIban(std::string_view iban) {
  if (iban.size() != 23) return false;
  auto upper = [](char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; };
  if (upper(iban[0]) != 'A' || upper(iban[1]) != 'E') return false;
  for (size_t i = 2; i < iban.size(); ++i) {
    if (iban[i] < '0' || iban[i] > '9') return false;  // UAE BBAN: 3-digit bank + 16 digits
  }
  // Move the country code and check digits to the end, letters as numbers (A=10 ... Z=35),
  // then the remainder mod 97 must be 1.
  unsigned rem = 0;
  auto feed_digit = [&rem](unsigned d) { rem = (rem * 10 + d) % 97; };
  for (size_t i = 4; i < iban.size(); ++i) feed_digit(static_cast<unsigned>(iban[i] - '0'));
  for (size_t i = 0; i < 2; ++i) {
    const unsigned v = static_cast<unsigned>(upper(iban[i]) - 'A') + 10;
    feed_digit(v / 10);
    feed_digit(v % 10);
  }
  feed_digit(static_cast<unsigned>(iban[2] - '0'));
  feed_digit(static_cast<unsigned>(iban[3] - '0'));
  return rem == 1;
}

bool IsValidSifAccount(std::string_view account) {
  if (!account.empty() && account.size() <= 16 && IsAsciiDigits(account)) return true;
  return IsValidUaeIban(account);
}

SifReader::SifReader(std::istream& in, std::string currency)
    : csv_(in), currency_(std::move(currency)) {
  const auto e = CurrencyExponent(currency_);
  known_currency_ = e.has_value();
  decimals_ = e.value_or(2);
}

Result<bool> SifReader::Read(int buffer) {
  ASSIGN_OR_RETURN(bool got, csv_.Next(rows_[buffer]));
  if (got) lines_[buffer] = csv_.record_line();
  return got;
}

Result<bool> SifReader::Next(SifEmployee& out) {
  if (done_) return false;
  if (!known_currency_) {
    return Status::InvalidArgument("unknown currency '" + currency_ + "'", "currency");
  }
  // Take the record read ahead last time, or read one.
  if (pending_) {
    current_ ^= 1;
    pending_ = false;
  } else {
    ASSIGN_OR_RETURN(bool got, Read(current_));
    if (!got) {
      return any_record_
                 ? Status::InvalidArgument("line " + std::to_string(csv_.record_line() + 1) +
                                               ": record_type: the SCR control record is missing",
                                           "record_type")
                 : Status::InvalidArgument("line 1: the file is empty", "record_type");
    }
  }
  any_record_ = true;
  const auto& row = rows_[current_];
  const uint64_t line = lines_[current_];
  const std::string_view type = Trim(row[0]);
  if (type == "EDR") {
    RETURN_IF_ERROR(ParseEdr(row, line, out));
    ASSIGN_OR_RETURN(bool more, Read(current_ ^ 1));
    if (!more) {
      return FieldError(csv_.record_line() + 1, "record_type", "the SCR control record is missing");
    }
    if (Trim(rows_[current_ ^ 1][0]) == "EVP") {
      RETURN_IF_ERROR(ParseEvp(rows_[current_ ^ 1], lines_[current_ ^ 1], out));
    } else {
      pending_ = true;
    }
    return true;
  }
  if (type == "EVP") {
    return FieldError(line, "record_type", "an EVP record must directly follow its EDR");
  }
  if (type == "SCR") {
    RETURN_IF_ERROR(ParseScr(row, line));
    ASSIGN_OR_RETURN(bool after, Read(current_ ^ 1));
    if (after) {
      const bool scr = Trim(rows_[current_ ^ 1][0]) == "SCR";
      return FieldError(lines_[current_ ^ 1], "record_type",
                        scr ? "a second SCR control record (the file must have exactly one)"
                            : "a record after the SCR control record (the SCR must be last)");
    }
    done_ = true;
    return false;
  }
  return FieldError(line, "record_type", "must be EDR, EVP or SCR");
}

Status SifReader::ParseEdr(const std::vector<std::string>& row, uint64_t line, SifEmployee& e) {
  if (row.size() != kSifFields) {
    return FieldError(line, "field_count",
                      "an EDR record has 10 fields, this one has " + std::to_string(row.size()));
  }
  e = SifEmployee{};
  e.line = line;
  e.employee_id = Trim(row[1]);
  if (!AllDigits(e.employee_id, 14)) {
    return FieldError(line, "employee_id", "must be the 14-digit person id");
  }
  e.routing_code = Trim(row[2]);
  if (!AllDigits(e.routing_code, 9)) {
    return FieldError(line, "routing_code", "must be the 9-digit routing code");
  }
  e.account = Trim(row[3]);
  if (!IsValidSifAccount(e.account)) {
    const bool iban = !e.account.empty() && (e.account[0] < '0' || e.account[0] > '9');
    return FieldError(line, "account",
                      iban ? "is not a valid UAE IBAN (23 characters, check digits mod 97)"
                           : "must be a card or account number of 1 to 16 digits, or an IBAN");
  }
  auto start = Date::Parse(Trim(row[4]));
  if (!start.ok()) return FieldError(line, "pay_start", start.status().message());
  auto end = Date::Parse(Trim(row[5]));
  if (!end.ok()) return FieldError(line, "pay_end", end.status().message());
  e.pay_start = *start;
  e.pay_end = *end;
  if (e.pay_end < e.pay_start) return FieldError(line, "pay_end", "is before pay_start");
  const Month m = Month::Of(e.pay_start);
  if (!m.Contains(e.pay_end)) {
    return FieldError(line, "pay_end", "must be in the same month as pay_start");
  }
  if (!have_month_) {
    month_ = m;
    have_month_ = true;
  } else if (m != month_) {
    return FieldError(line, "pay_start",
                      "is in " + m.ToString() + " but the file's first EDR is for " +
                          month_.ToString() + " (one salary month per file)");
  }
  int64_t v = 0;
  if (!ParseCount(Trim(row[6]), 4, &v) || v > e.pay_start.DaysUntil(e.pay_end) + 1) {
    return FieldError(line, "days_in_period",
                      "must be a number of days no larger than the pay period");
  }
  e.days_in_period = static_cast<int>(v);
  if (!ParseFixed(Trim(row[7]), decimals_, &e.fixed_income)) {
    return FieldError(line, "fixed_income",
                      "must be an amount with at most " + std::to_string(decimals_) + " decimals");
  }
  if (!ParseFixed(Trim(row[8]), decimals_, &e.variable_income)) {
    return FieldError(line, "variable_income",
                      "must be an amount with at most " + std::to_string(decimals_) + " decimals");
  }
  if (!ParseCount(Trim(row[9]), 4, &v) || v > m.days()) {
    return FieldError(line, "leave_days", "must be a number of days within the month");
  }
  e.leave_days = static_cast<int>(v);
  ++edrs_;
  if (__builtin_add_overflow(total_, e.fixed_income + e.variable_income, &total_)) {
    return FieldError(line, "fixed_income", "the file's total salary is too large");
  }
  return Status::Ok();
}

Status SifReader::ParseEvp(const std::vector<std::string>& row, uint64_t line, SifEmployee& e) {
  if (row.size() != kSifFields) {
    return FieldError(line, "field_count",
                      "an EVP record has 10 fields, this one has " + std::to_string(row.size()));
  }
  if (Trim(row[1]) != e.employee_id) {
    return FieldError(line, "employee_id", "must be the employee id of the EDR above");
  }
  if (Trim(row[2]) != e.routing_code) {
    return FieldError(line, "routing_code", "must be the routing code of the EDR above");
  }
  static constexpr const char* kNames[kEvpCategories] = {"housing",         "conveyance", "medical",
                                                         "annual_passage",  "overtime",   "other",
                                                         "leave_encashment"};
  int64_t sum = 0;
  for (int k = 0; k < kEvpCategories; ++k) {
    if (!ParseFixed(Trim(row[3 + k]), decimals_, &e.evp[k])) {
      return FieldError(
          line, kNames[k],
          "must be an amount with at most " + std::to_string(decimals_) + " decimals");
    }
    sum += e.evp[k];
  }
  if (sum != e.variable_income) {
    return FieldError(line, "variable_income",
                      "the EVP amounts add up to " + FormatFixed(sum, decimals_) +
                          ", the EDR's variable income is " +
                          FormatFixed(e.variable_income, decimals_));
  }
  e.has_evp = true;
  return Status::Ok();
}

Status SifReader::ParseScr(const std::vector<std::string>& row, uint64_t line) {
  if (row.size() != kSifFields) {
    return FieldError(line, "field_count",
                      "an SCR record has 10 fields, this one has " + std::to_string(row.size()));
  }
  SifControl& c = control_;
  c.line = line;
  c.employer_id = Trim(row[1]);
  if (!AllDigits(c.employer_id, 13)) {
    return FieldError(line, "employer_id", "must be the 13-digit employer id");
  }
  c.routing_code = Trim(row[2]);
  if (!AllDigits(c.routing_code, 9)) {
    return FieldError(line, "routing_code", "must be the 9-digit routing code");
  }
  auto date = Date::Parse(Trim(row[3]));
  if (!date.ok()) return FieldError(line, "creation_date", date.status().message());
  c.creation_date = *date;
  const std::string_view hhmm = Trim(row[4]);
  int64_t v = 0;
  if (!AllDigits(hhmm, 4) || !ParseCount(hhmm, 4, &v) || v / 100 > 23 || v % 100 > 59) {
    return FieldError(line, "creation_time", "must be a time of day written HHMM");
  }
  c.creation_hhmm = static_cast<int>(v);
  const std::string_view mm = Trim(row[5]);
  int64_t mon = 0;
  int64_t year = 0;
  if (!AllDigits(mm, 6) || !ParseCount(mm.substr(0, 2), 2, &mon) ||
      !ParseCount(mm.substr(2), 4, &year) || mon < 1 || mon > 12 || year < 1) {
    return FieldError(line, "salary_month", "must be a month written MMYYYY");
  }
  c.salary_month = Month{static_cast<int>(year), static_cast<int>(mon)};
  if (!ParseCount(Trim(row[6]), 9, &c.edr_count)) {
    return FieldError(line, "edr_count", "must be a number of records");
  }
  if (!ParseFixed(Trim(row[7]), decimals_, &c.total_salary)) {
    return FieldError(line, "total_salary",
                      "must be an amount with at most " + std::to_string(decimals_) + " decimals");
  }
  c.currency = Trim(row[8]);
  if (c.currency != currency_) {
    return FieldError(line, "currency",
                      "is '" + c.currency + "' but the file was submitted in " + currency_);
  }
  c.employer_reference = Trim(row[9]);
  if (c.employer_reference.size() > 35 || !IsValidUtf8(c.employer_reference)) {
    return FieldError(line, "employer_reference", "must be at most 35 characters");
  }
  if (edrs_ == 0) return FieldError(line, "edr_count", "the file has no EDR record");
  if (c.edr_count != edrs_) {
    return FieldError(line, "edr_count",
                      "says " + std::to_string(c.edr_count) + " EDR records, the file has " +
                          std::to_string(edrs_));
  }
  if (c.total_salary != total_) {
    return FieldError(line, "total_salary",
                      "says " + FormatFixed(c.total_salary, decimals_) +
                          ", the EDR records add up to " + FormatFixed(total_, decimals_));
  }
  if (c.salary_month != month_) {
    return FieldError(
        line, "salary_month",
        "is " + c.salary_month.ToString() + " but the EDR pay periods are in " + month_.ToString());
  }
  return Status::Ok();
}

}  // namespace corridor::payroll
