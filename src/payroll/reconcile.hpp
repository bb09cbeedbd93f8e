// Reconciliation of a month's payroll files with the registered contracts and the wage floors,
// docs/formats/payroll.md §4.
//
// A Session reconciles one month. Files come in one at a time as std::istream (a SIF or an
// extended CSV), each with who submitted it; each is all or nothing: a file with a structural
// error is refused whole and leaves the session as it was. Close() ends the month and adds the
// missing workers. Findings and balances (for arrears) come out as values.
//
// Streaming: a file is read line by line and never held; the session's memory is two stamps per
// contract of the book (which file last saw it) plus the findings. The work per line allocates
// nothing unless the line yields a finding.
//
// Thread-safety: a Session is used by one thread; several sessions may share one built
// ContractBook.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/status.hpp"
#include "core/time.hpp"
#include "payroll/contracts.hpp"
#include "payroll/extended.hpp"
#include "payroll/month.hpp"
#include "payroll/sif.hpp"

namespace corridor::payroll {

enum class FindingCode : uint8_t {
  kUnpaid,
  kPartial,
  kLate,
  kBelowContractBasic,
  kBelowContractAllowances,
  kBelowWageFloor,
  kOvertimeUnpaid,
  kDeductionOverCap,
  kDeductionUnlawfulReason,
  kMissingWorker,
  kUnknownWorker,
  kNoActiveContract,
  kDuplicateLine,
};
inline constexpr int kFindingCodes = 13;

// The stable code, as "below_contract_basic".
std::string_view FindingCodeName(FindingCode code);

struct Finding {
  FindingCode code = FindingCode::kUnpaid;
  std::string worker;    // Corridor worker id when a contract matched, else the id on the line
  std::string contract;  // empty when no contract matched
  std::string employer;
  Month month;
  // Amounts in minor units of `currency`; for `late`, days since 1970-01-01 (due, paid).
  bool dates = false;
  int64_t expected = 0;
  int64_t actual = 0;
  std::string currency;
  int decimals = 2;
  Date due;           // when the month's wage was due (findings bound to a contract)
  uint32_t file = 0;  // 1-based number of the file in the session; 0 for missing_worker
  uint64_t line = 0;
  std::string rule;  // one sentence saying what is wrong

  // "3000.00 AED" or "2026-04-07".
  std::string ExpectedText() const;
  std::string ActualText() const;
};

// What a worker was owed and paid for the month, where the two differ (input to arrears).
struct Balance {
  std::string worker;
  std::string employer;
  Month month;
  int64_t owed = 0;
  int64_t paid = 0;
  std::string currency;
  int decimals = 2;
};

struct ReconcileConfig {
  Month month;
  int grace_days = 0;           // added to every contract's due date
  int64_t tolerance_minor = 0;  // an underpayment of at most this many minor units is not flagged
};

struct SifSubmission {
  std::string employer_id;  // the submitting employer, as in the SCR (13 digits)
  std::string currency = "AED";
  Date paid_on;  // the day the salaries were credited (WPS value date)
};

struct ExtendedSubmission {
  // The submitting employer: every line must name it. Empty for an authority's bulk file, whose
  // lines may name any employer.
  std::string employer_id;
};

struct FileReport {
  uint32_t file = 0;
  uint64_t lines = 0;
  uint64_t bytes = 0;
  size_t findings = 0;
};

// Called now and then with the bytes read so far of the current file.
using ProgressFn = std::function<void(uint64_t bytes_read)>;

class Session {
 public:
  // `book` must be built and must outlive the session.
  Session(const ContractBook& book, ReconcileConfig config);

  Result<FileReport> AddSif(std::istream& in, const SifSubmission& submission,
                            const ProgressFn& progress = {});
  Result<FileReport> AddExtended(std::istream& in, const ExtendedSubmission& submission,
                                 const ProgressFn& progress = {});
  // Also yield a balance for every line paid exactly what it owed (a worker's wage history needs
  // every month, not only the wrong ones). Call before the first file.
  void KeepEveryBalance() { every_balance_ = true; }
  // Ends the month: every active contract no accepted file paid becomes `missing_worker`.
  Status Close();

  const std::vector<Finding>& findings() const { return findings_; }
  const std::vector<Balance>& balances() const { return balances_; }
  const ReconcileConfig& config() const { return config_; }

 private:
  enum FileState : uint8_t { kPending, kAccepted, kRejected };

  struct Owed {
    int64_t basic = 0;
    int64_t allowances = 0;
    int64_t floor = -1;
    int payable_days = 0;
    int contract_days = 0;
  };

  Status BeginFile();
  void EndFile(bool accepted);
  bool Committed(uint32_t file) const { return file != 0 && file_state_[file] == kAccepted; }
  // Marks contract c as paid by the current file; true when another line already paid it.
  bool MarkSeen(uint32_t c);
  Owed OwedFor(uint32_t c, int leave_days) const;
  Date DueDate(uint32_t c) const;

  Status ReconcileSif(const SifEmployee& e, const SifSubmission& s, uint32_t employer);
  Status ReconcileExtended(const ExtendedLine& l);

  Finding& Emit(FindingCode code, uint32_t c, std::string_view worker, std::string_view employer,
                uint64_t line, std::string_view currency, int decimals);
  void EmitBalance(uint32_t c, std::string_view employer, int64_t owed, int64_t paid);

  int DaysInMonth(const ContractRecord& r) const { return r.DaysIn(month_first_, month_last_); }

  const ContractBook& book_;
  ReconcileConfig config_;
  int32_t month_first_ = 0;  // the month's first and last day, days since 1970-01-01
  int32_t month_last_ = 0;
  int32_t next_first_ = 0;  // the following month's first day and length (for due dates)
  int next_days_ = 0;
  std::vector<uint32_t> seen_;          // per contract: the file whose line paid it
  std::vector<uint32_t> person_stamp_;  // per person chain head: the SIF file that named it
  std::vector<uint8_t> file_state_;     // per file number (0 unused)
  std::unordered_set<std::string> unknown_in_file_;
  uint32_t file_ = 0;
  bool closed_ = false;
  bool every_balance_ = false;
  std::vector<Finding> pending_findings_;
  std::vector<Balance> pending_balances_;
  std::vector<Finding> findings_;
  std::vector<Balance> balances_;
};

}  // namespace corridor::payroll
