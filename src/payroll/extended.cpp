#include "payroll/extended.hpp"

#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/text.hpp"
#include "payroll/amounts.hpp"

namespace corridor::payroll {

namespace {

constexpr std::string_view kColumnNames[] = {
    "contract_ref",      "worker_id",      "employer_id",  "month",      "days_worked",
    "unpaid_leave_days", "basic",          "housing",      "food",       "transport",
    "other_allowance",   "overtime_hours", "overtime_pay", "deductions", "payment_date",
    "payment_channel",   "currency"};

Status FieldError(uint64_t line, std::string_view field, std::string_view what) {
  return Status::InvalidArgument(
      "line " + std::to_string(line) + ": " + std::string(field) + ": " + std::string(what),
      std::string(field));
}

bool IsIdText(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (const char c : s) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool IsReasonText(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (const char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

}  // namespace

DeductionReason ParseDeductionReason(std::string_view code) {
  struct Entry {
    std::string_view code;
    DeductionReason reason;
  };
  static constexpr Entry kReasons[] = {
      {"advance_recovery", DeductionReason::kAdvanceRecovery},
      {"accommodation_as_contracted", DeductionReason::kAccommodationAsContracted},
      {"social_insurance", DeductionReason::kSocialInsurance},
      {"court_order", DeductionReason::kCourtOrder},
      {"absence", DeductionReason::kAbsence},
      {"loss_damage", DeductionReason::kLossDamage},
      {"recruitment_fee_recovery", DeductionReason::kRecruitmentFeeRecovery},
      {"other", DeductionReason::kOther},
  };
  for (const auto& e : kReasons) {
    if (e.code == code) return e.reason;
  }
  return DeductionReason::kNotOnList;
}

bool IsLawful(DeductionReason reason) {
  return reason != DeductionReason::kRecruitmentFeeRecovery &&
         reason != DeductionReason::kNotOnList;
}

int64_t ExtendedLine::cash_allowances() const {
  return allowance[kHousing] + allowance[kFood] + allowance[kTransport] +
         allowance[kOtherAllowance];
}

int64_t ExtendedLine::gross() const { return basic + cash_allowances() + overtime_pay; }

int64_t ExtendedLine::total_deductions() const {
  int64_t sum = 0;
  for (int i = 0; i < deduction_count; ++i) sum += deductions[i].amount;
  return sum;
}

ExtendedReader::ExtendedReader(std::istream& in) : csv_(in) {}

Status ExtendedReader::ReadHeader() {
  if (header_read_) return Status::Ok();
  ASSIGN_OR_RETURN(bool any, csv_.Next(rows_[0]));
  if (!any) return Status::InvalidArgument("line 1: the header row is missing", "header");
  position_.fill(-1);
  for (size_t i = 0; i < rows_[0].size(); ++i) {
    const std::string_view name = TrimAscii(rows_[0][i]);
    int found = -1;
    for (int c = 0; c < kColumns; ++c) {
      if (kColumnNames[c] == name) found = c;
    }
    if (found < 0) {
      return FieldError(1, "header", "unknown column '" + std::string(name) + "'");
    }
    if (position_[found] >= 0) {
      return FieldError(1, "header", "column '" + std::string(name) + "' appears twice");
    }
    position_[found] = static_cast<int>(i);
  }
  for (int c = 0; c < kColumns; ++c) {
    if (position_[c] < 0) {
      return FieldError(1, "header", "column '" + std::string(kColumnNames[c]) + "' is missing");
    }
  }
  header_read_ = true;
  return Status::Ok();
}

Result<bool> ExtendedReader::Next(ExtendedLine& e) {
  RETURN_IF_ERROR(ReadHeader());
  std::vector<std::string>& row = rows_[next_row_];
  next_row_ ^= 1;
  ASSIGN_OR_RETURN(bool more, csv_.Next(row));
  if (!more) return false;
  const uint64_t line = csv_.record_line();
  if (row.size() != static_cast<size_t>(kColumns)) {
    return FieldError(line, "row",
                      "has " + std::to_string(row.size()) + " fields, the header " +
                          std::to_string(static_cast<int>(kColumns)));
  }
  auto col = [this, &row](int c) { return TrimAscii(row[static_cast<size_t>(position_[c])]); };
  e.line = line;

  e.currency = col(kCurrency);
  if (e.currency.empty() || e.currency != last_currency_) {
    const auto exp = CurrencyExponent(e.currency);
    if (!exp) return FieldError(line, "currency", "unknown currency");
    last_currency_ = e.currency;
    last_decimals_ = *exp;
  }
  e.decimals = last_decimals_;
  const int d = e.decimals;
  auto amount_error = [&](std::string_view field) {
    return FieldError(line, field,
                      "must be an amount with at most " + std::to_string(d) + " decimals");
  };

  e.contract_ref = col(kContractRef);
  if (!IsIdText(e.contract_ref)) {
    return FieldError(line, "contract_ref", "must be 1 to 64 of A-Z a-z 0-9 . _ -");
  }
  e.worker_id = col(kWorkerId);
  if (!IsIdText(e.worker_id)) {
    return FieldError(line, "worker_id", "must be 1 to 64 of A-Z a-z 0-9 . _ -");
  }
  e.employer_id = col(kEmployerId);
  if (!IsIdText(e.employer_id)) {
    return FieldError(line, "employer_id", "must be 1 to 64 of A-Z a-z 0-9 . _ -");
  }
  auto month = Month::Parse(col(kMonth));
  if (!month.ok()) return FieldError(line, "month", month.status().message());
  e.month = *month;
  int64_t v = 0;
  if (!ParseCount(col(kDaysWorked), 2, &v) || v > e.month.days()) {
    return FieldError(line, "days_worked", "must be a number of days within the month");
  }
  e.days_worked = static_cast<int>(v);
  if (!ParseCount(col(kUnpaidLeaveDays), 2, &v) || v + e.days_worked > e.month.days()) {
    return FieldError(line, "unpaid_leave_days",
                      "must be a number of days; days_worked + unpaid_leave_days must fit in "
                      "the month");
  }
  e.unpaid_leave_days = static_cast<int>(v);
  if (!ParseFixed(col(kBasic), d, &e.basic)) return amount_error("basic");
  for (int k = 0; k < kAllowances; ++k) {
    const std::string_view text = col(kHousingCol + k);
    e.in_kind[k] = false;
    e.allowance[k] = 0;
    if (text.empty()) continue;
    if (text == "in_kind") {
      e.in_kind[k] = true;
      continue;
    }
    if (!ParseFixed(text, d, &e.allowance[k])) {
      return FieldError(
          line, kColumnNames[kHousingCol + k],
          "must be an amount with at most " + std::to_string(d) + " decimals, in_kind, or empty");
    }
  }
  if (!ParseFixed(col(kOvertimeHours), 2, &e.overtime_hours_centi) ||
      e.overtime_hours_centi > 74400) {
    return FieldError(line, "overtime_hours", "must be hours (at most 2 decimals, at most 744)");
  }
  if (!ParseFixed(col(kOvertimePay), d, &e.overtime_pay)) return amount_error("overtime_pay");

  // Deductions: "reason:amount;reason:amount".
  e.deduction_count = 0;
  std::string_view rest = col(kDeductions);
  while (!rest.empty()) {
    const size_t semi = rest.find(';');
    const std::string_view item = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    if (semi != std::string_view::npos && rest.empty()) {
      return FieldError(line, "deductions", "ends with ';'");
    }
    const size_t colon = item.find(':');
    if (colon == std::string_view::npos) {
      return FieldError(line, "deductions", "each deduction is reason:amount");
    }
    if (e.deduction_count == kMaxDeductions) {
      return FieldError(line, "deductions", "at most 16 deductions per line");
    }
    Deduction& ded = e.deductions[static_cast<size_t>(e.deduction_count)];
    ded.reason_text = item.substr(0, colon);
    if (!IsReasonText(ded.reason_text)) {
      return FieldError(line, "deductions", "a reason is 1 to 64 of a-z 0-9 _");
    }
    ded.reason = ParseDeductionReason(ded.reason_text);
    if (!ParseFixed(item.substr(colon + 1), d, &ded.amount)) {
      return FieldError(line, "deductions",
                        "the amount of '" + std::string(ded.reason_text) + "' must be an amount");
    }
    ++e.deduction_count;
  }
  if (e.total_deductions() > e.gross()) {
    return FieldError(line, "deductions",
                      "add up to more than the gross pay (basic + cash allowances + overtime)");
  }

  auto date = Date::Parse(col(kPaymentDate));
  if (!date.ok()) return FieldError(line, "payment_date", date.status().message());
  e.payment_date = *date;
  const std::string_view ch = col(kPaymentChannel);
  if (ch == "bank") {
    e.channel = PaymentChannel::kBank;
  } else if (ch == "exchange_house") {
    e.channel = PaymentChannel::kExchangeHouse;
  } else if (ch == "cash") {
    e.channel = PaymentChannel::kCash;
  } else if (ch == "wallet") {
    e.channel = PaymentChannel::kWallet;
  } else {
    return FieldError(line, "payment_channel", "must be bank, exchange_house, cash or wallet");
  }
  return true;
}

}  // namespace corridor::payroll
