// A streaming reader of Corridor's extended payroll CSV, docs/formats/payroll.md §2.
//
// One worker-month per line, with the contract reference, itemised allowances (cash or in kind),
// overtime, deductions with reasons, the payment date and channel. Reads one line at a time from
// any std::istream; the header row is required and columns may come in any order. Every value is
// checked; an error names the line and the column, and after it the reader must not be used.
//
// Thread-safety: one reader per thread.
#pragma once

#include <array>
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv.hpp"
#include "core/status.hpp"
#include "core/time.hpp"
#include "payroll/month.hpp"

namespace corridor::payroll {

enum class DeductionReason : uint8_t {
  kAdvanceRecovery,
  kAccommodationAsContracted,
  kSocialInsurance,
  kCourtOrder,
  kAbsence,
  kLossDamage,
  kRecruitmentFeeRecovery,  // always unlawful
  kOther,
  kNotOnList,  // a reason the employer gave that is not on the list: unlawful
};

// The reason for a code, kNotOnList when it is none of the list's.
DeductionReason ParseDeductionReason(std::string_view code);
bool IsLawful(DeductionReason reason);

enum class PaymentChannel : uint8_t { kBank, kExchangeHouse, kCash, kWallet };

enum Allowance : int { kHousing = 0, kFood, kTransport, kOtherAllowance, kAllowances };

struct Deduction {
  DeductionReason reason = DeductionReason::kOther;
  std::string_view reason_text;
  int64_t amount = 0;
};

inline constexpr int kMaxDeductions = 16;

// One line. Its string views stay valid until the second call to Next() after the one that
// filled it, so a caller may hold two lines at once (to read ahead).
struct ExtendedLine {
  std::string_view contract_ref;
  std::string_view worker_id;
  std::string_view employer_id;
  Month month;
  int days_worked = 0;
  int unpaid_leave_days = 0;
  int64_t basic = 0;  // minor units of `currency`
  std::array<int64_t, kAllowances> allowance{};
  std::array<bool, kAllowances> in_kind{};
  int64_t overtime_hours_centi = 0;
  int64_t overtime_pay = 0;
  std::array<Deduction, kMaxDeductions> deductions{};
  int deduction_count = 0;
  Date payment_date;
  PaymentChannel channel = PaymentChannel::kBank;
  std::string_view currency;
  int decimals = 2;
  uint64_t line = 0;

  int64_t cash_allowances() const;
  int64_t gross() const;  // basic + cash allowances + overtime pay
  int64_t total_deductions() const;
};

class ExtendedReader {
 public:
  explicit ExtendedReader(std::istream& in);

  // Reads and checks the header row. Called by the first Next() if not called before.
  Status ReadHeader();
  // The next line; false at the end of the input.
  Result<bool> Next(ExtendedLine& out);
  uint64_t bytes_read() const { return csv_.bytes_read(); }

 private:
  enum Column : int {
    kContractRef = 0,
    kWorkerId,
    kEmployerId,
    kMonth,
    kDaysWorked,
    kUnpaidLeaveDays,
    kBasic,
    kHousingCol,
    kFoodCol,
    kTransportCol,
    kOtherAllowanceCol,
    kOvertimeHours,
    kOvertimePay,
    kDeductions,
    kPaymentDate,
    kPaymentChannel,
    kCurrency,
    kColumns,
  };

  CsvReader csv_;
  std::vector<std::string> rows_[2];  // alternate, so the previous line's views stay valid
  int next_row_ = 0;
  std::array<int, kColumns> position_{};
  bool header_read_ = false;
  // Cache of the last currency seen, so most lines skip the lookup.
  std::string last_currency_;
  int last_decimals_ = 2;
};

}  // namespace corridor::payroll
