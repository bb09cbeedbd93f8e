// A streaming reader of the UAE WPS Salary Information File (SIF), docs/formats/payroll.md §1.
//
// It reads one employee at a time (an EDR with its EVP, if any) from any std::istream, checks
// every structural rule of the format as it goes, and at the SCR control line checks the EDR
// count and the total salary. Memory does not grow with the file. An error names the line and
// the field; after an error the reader must not be used again. Duplicate employees cannot be
// detected without memory proportional to the file: the reconciliation session detects them with
// the contract book (see reconcile.hpp).
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

// The seven EVP categories, in file order.
enum EvpCategory : int {
  kEvpHousing = 0,
  kEvpConveyance,
  kEvpMedical,
  kEvpAnnualPassage,
  kEvpOvertime,
  kEvpOther,
  kEvpLeaveEncashment,
  kEvpCategories,
};

// One employee's payment. The string views stay valid until the next call to Next().
struct SifEmployee {
  std::string_view employee_id;
  std::string_view routing_code;
  std::string_view account;
  Date pay_start;
  Date pay_end;
  int days_in_period = 0;
  int leave_days = 0;
  int64_t fixed_income = 0;  // minor units
  int64_t variable_income = 0;
  bool has_evp = false;
  std::array<int64_t, kEvpCategories> evp{};
  uint64_t line = 0;  // the EDR's line

  // Fixed income plus the variable pay that can be a contractual allowance: with an EVP its
  // housing, conveyance, medical and other amounts, without one all of it (§4).
  int64_t regular_pay() const;
};

struct SifControl {
  std::string employer_id;
  std::string routing_code;
  Date creation_date;
  int creation_hhmm = 0;
  Month salary_month;
  int64_t edr_count = 0;
  int64_t total_salary = 0;
  std::string currency;
  std::string employer_reference;
  uint64_t line = 0;
};

// ISO 13616: a UAE IBAN (AE, 23 characters) whose check digits verify. Case-insensitive.
bool IsValidUaeIban(std::string_view iban);
// An account field: 1..16 digits (card or account number) or a valid UAE IBAN.
bool IsValidSifAccount(std::string_view account);

class SifReader {
 public:
  // `currency`: the currency the submission is announced in; its decimals are used for every
  // amount and the SCR must name it.
  SifReader(std::istream& in, std::string currency);

  // The next employee; false once the SCR has been read and the file verified whole.
  Result<bool> Next(SifEmployee& out);
  // Valid after Next() returned false.
  const SifControl& control() const { return control_; }
  uint64_t bytes_read() const { return csv_.bytes_read(); }

 private:
  Result<bool> Read(int buffer);  // reads a record into rows_[buffer]
  Status ParseEdr(const std::vector<std::string>& row, uint64_t line, SifEmployee& out);
  Status ParseEvp(const std::vector<std::string>& row, uint64_t line, SifEmployee& emp);
  Status ParseScr(const std::vector<std::string>& row, uint64_t line);

  CsvReader csv_;
  std::string currency_;
  int decimals_ = 2;
  bool known_currency_ = true;
  std::vector<std::string> rows_[2];
  uint64_t lines_[2] = {0, 0};
  int current_ = 0;
  bool pending_ = false;  // rows_[current_ ^ 1] holds a record not yet consumed
  bool done_ = false;
  bool any_record_ = false;
  bool have_month_ = false;
  Month month_;
  int64_t edrs_ = 0;
  int64_t total_ = 0;
  SifControl control_;
};

}  // namespace corridor::payroll
