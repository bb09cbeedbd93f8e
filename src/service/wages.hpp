// Wage protection's use cases: the contract book built from the registry, payroll files
// submitted by employers and reconciled line by line, the reports each party may see, and the
// daily job that applies the escalation ladder and the arrears that unlock a job change without
// notice (docs/formats/payroll.md).
//
// The engine (src/payroll) is pure; this layer feeds it from the store, stores what it finds
// with a ledger event in the same transaction, and notifies the parties. A refused file changes
// nothing. Nothing here reads the clock: uploads take the store's clock through its write
// transaction and RunDailyJobs takes `now`, so tests set the day.
//
// Thread-safety: a Wages is shared by all threads; it holds no mutable state of its own.
#pragma once

#include <cstdint>
#include <istream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.hpp"
#include "domain/access.hpp"
#include "payroll/consequences.hpp"
#include "payroll/contracts.hpp"
#include "payroll/reconcile.hpp"
#include "store/payroll_store.hpp"
#include "store/store.hpp"

namespace corridor::service {

class Cases;  // service/cases.hpp: where a detected signal opens or joins a case

struct WagesConfig {
  // The escalation ladder of each destination country (alpha-3), from data/payroll/ladder.csv.
  std::map<std::string, payroll::Ladder> ladders;
  int unlock_months = 2;  // months in arrears that waive the notice of a job change
  int grace_days = 0;     // added to every due date
  int64_t max_file_bytes = 32 << 20;
  int lookback_months = 3;  // how far back the daily job closes months that had no file
};

// Reads `country,day,action` rows (docs/formats/payroll.md §5) for every country in the file.
Result<std::map<std::string, payroll::Ladder>> LoadLadders(std::istream& in);

// The registry's contracts as the engine reads them, for one month.
struct NodeBook {
  payroll::ContractBook book;
  // The employer id payroll files carry (the registration number, see the format doc) and the
  // Corridor employer it names, both ways.
  std::unordered_map<std::string, EmployerId> employer_of_key;
  std::unordered_map<std::string, std::string> key_of_employer;
  std::unordered_map<std::string, std::string> origin_of_worker;  // worker id -> nationality
  std::string currency;  // the currency of the first contract ("" when none)
};

// Builds the book of the node's contracts active in `month` (all employers, or one) with the
// destination's rules (due day, deduction cap) and the wage floors in force on the month's
// first day.
Result<NodeBook> BuildBook(store::ReadTx& tx, const std::string& country, payroll::Month month,
                           const std::optional<EmployerId>& employer);

// The payroll file format, from the content: a SIF opens with an EDR, EVP or SCR record;
// anything else is read as the extended CSV (whose header row the reader checks).
enum class PayrollFormat { kSif, kExtended };
PayrollFormat DetectFormat(std::string_view head);

// What a file says about itself before it is read: for a SIF, from its SCR control line (the
// last line: `tail` holds the file's last bytes); for an extended file, the month of its first
// line. Empty fields where the file does not say (the reader reports the error later).
struct PayrollFileFacts {
  PayrollFormat format = PayrollFormat::kExtended;
  std::string employer_id;      // SIF: the SCR's employer
  std::string month;            // "YYYY-MM"
  std::optional<Date> created;  // SIF: the SCR's creation date
  std::string currency;         // SIF: the SCR's currency
};
PayrollFileFacts SniffPayroll(std::string_view head, std::string_view tail);

struct Submission {
  std::string month;            // "YYYY-MM"
  std::optional<Date> paid_on;  // required for a SIF: the day the salaries were credited
  std::string currency;         // a SIF's currency; default: the employer's contracts'
  std::string name;             // the file's name, as the employer gives it
};

struct SubmissionOutcome {
  store::PayrollFile file;
  std::optional<store::PayrollFile> replaced;
  std::vector<store::StoredFinding> findings;
};

// What a party may see of one file: its record, the findings it may see and, for a worker,
// their own lines (expected against paid).
struct FileReport {
  store::PayrollFile file;
  std::vector<store::StoredFinding> findings;
  std::vector<store::StoredBalance> lines;
};

struct WageMonth {
  std::string month;
  EmployerId employer;
  std::string currency;
  int64_t expected = 0;
  int64_t paid = 0;
  int64_t arrears = 0;  // outstanding with this employer after this month
};

struct WageHistory {
  domain::Worker worker;
  std::vector<WageMonth> months;
  std::vector<store::TransferUnlock> unlocks;
};

struct ComplianceMonth {
  store::PayrollFile file;
  std::map<std::string, int64_t> findings_by_code;
  int64_t workers_short = 0;                 // lines paid less than owed
  std::map<std::string, int64_t> shortfall;  // currency -> minor units
};

struct ComplianceHistory {
  domain::Employer employer;
  std::vector<ComplianceMonth> months;  // newest first
  std::vector<store::EscalationStep> steps;
};

struct JobReport {
  int months_closed = 0;  // employer-months recorded as having no file by the due date
  int steps_taken = 0;
  int suspensions_lifted = 0;
  int unlocked = 0;
  int unlocks_ended = 0;
};

class Wages {
 public:
  // `cases`, when given, takes in the signals wage protection detects (an unlawful deduction,
  // arrears unlocking a job change, a ladder step reaching referral) in the detecting write.
  Wages(store::Store& store, WagesConfig config, Cases* cases = nullptr);

  const WagesConfig& config() const { return config_; }

  // An employer submits its file for a month; a second file for the same month replaces the
  // first (both stay in the ledger and the store). A file with a structural error is refused
  // with its line and field, and nothing changes.
  Result<SubmissionOutcome> SubmitFile(const domain::Actor& a, const Submission& s,
                                       std::string_view content,
                                       const store::WriteOptions& write = {});

  Result<std::vector<store::PayrollFile>> ListFiles(const domain::Actor& a,
                                                    const std::optional<EmployerId>& employer,
                                                    const std::string& month, int limit,
                                                    int offset);
  // NotFound for a file the caller may not see, as for a missing one.
  Result<FileReport> Report(const domain::Actor& a, const std::string& file_id);
  Result<WageHistory> WorkerHistory(const domain::Actor& a, const WorkerId& worker);
  Result<ComplianceHistory> EmployerCompliance(const domain::Actor& a, const EmployerId& employer);

  // The scheduled work of a day, idempotent: closes past months that had no file, takes the
  // escalation steps now due (and lifts suspensions of months since paid), and records the
  // workers whose arrears unlock a job change without notice (and those no longer in arrears).
  Result<JobReport> RunDailyJobs(Timestamp now);

 private:
  Status CloseMonthsWithoutFile(Date today, JobReport& report);
  Status ApplyLadder(Date today, JobReport& report);
  Status ApplyArrears(Date today, JobReport& report);

  store::Store& store_;
  WagesConfig config_;
  Cases* cases_;  // takes in the signals wage protection detects; null: none
};

}  // namespace corridor::service
