// The wage-protection records of a node's store: person numbers, payroll files with their
// findings and balances, escalation steps taken and transfer unlocks (docs/formats/payroll.md).
//
// Free functions over a Connection inside a transaction the caller holds (ReadTx::conn() or
// WriteTx::conn()), so a file, its findings and its ledger event commit together. Amounts are
// BIGINT minor units; nothing here sums money in SQL.
//
// Thread-safety: as the Connection they are given (one thread at a time).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "core/status.hpp"
#include "core/time.hpp"
#include "domain/contract.hpp"
#include "json/json.hpp"
#include "store/database.hpp"
#include "store/store.hpp"

namespace corridor::store {

// ---- person numbers

Result<std::optional<std::string>> FindPersonNumber(Connection& conn, const WorkerId& worker);
Result<std::optional<WorkerId>> FindWorkerByPersonNumber(Connection& conn, std::string_view number);
// Refuses (AlreadyExists) a number or a worker that has one already.
Status InsertPersonNumber(Connection& conn, const WorkerId& worker, std::string_view number,
                          Timestamp now);

// ---- the contracts payroll is held to

// Calls `fn` for each contract for work in `country` (of one employer, if given) that can be
// owed wages (active or ended), with its worker's person number ("" when none), in id order, a
// batch at a time so that a national book never sits in memory twice.
Status ForEachPayrollContract(
    Connection& conn, std::string_view country, const std::optional<EmployerId>& employer,
    const std::function<Status(const domain::Contract&, const std::string& person_number)>& fn);

// ---- payroll files

struct PayrollFile {
  std::string id;
  EmployerId employer;
  std::string month;  // "YYYY-MM"
  int64_t version = 1;
  bool current = true;
  std::string format;  // "sif", "extended", or "none" (no file by the due date)
  std::string name;    // as the employer named it
  std::string digest;  // hex SHA-256 of the content ("" for none)
  int64_t size = 0;
  int64_t lines = 0;
  int64_t findings = 0;
  std::string paid_on;  // "YYYY-MM-DD" or ""
  std::string submitted_by;
  Timestamp submitted;
};

Result<std::optional<PayrollFile>> GetPayrollFile(Connection& conn, std::string_view id);
Result<std::optional<PayrollFile>> CurrentPayrollFile(Connection& conn, const EmployerId& employer,
                                                      std::string_view month);
// Newest month first, then newest version; `employer` and `month` filter when given.
Result<std::vector<PayrollFile>> ListPayrollFiles(Connection& conn,
                                                  const std::optional<EmployerId>& employer,
                                                  std::string_view month, bool current_only,
                                                  int limit, int offset);
// The file's bytes (empty for a "none" record).
Result<std::string> PayrollFileContent(Connection& conn, std::string_view id);
Status InsertPayrollFile(Connection& conn, const PayrollFile& f, std::string_view content);
// The file stops being the current one of its employer and month (a new version replaces it).
Status RetirePayrollFile(Connection& conn, std::string_view id);

// ---- findings and balances

struct StoredFinding {
  std::string file_id;
  int64_t seq = 0;
  std::string code;
  std::string worker;          // Corridor worker id, or the id on the line when no contract matched
  std::string contract;        // "" when no contract matched
  std::string origin_country;  // the worker's nationality, "" when unknown
  json::Value doc;             // the finding as the API shows it
};

Status InsertFindings(Connection& conn, std::span<const StoredFinding> findings);
Result<std::vector<StoredFinding>> ListFindings(Connection& conn, std::string_view file_id);
// Findings with one of `codes` in the current files (for the escalation ladder).
Result<std::vector<StoredFinding>> CurrentFindingsWithCodes(Connection& conn,
                                                            std::span<const std::string> codes);

struct StoredBalance {
  std::string file_id;
  int64_t seq = 0;
  WorkerId worker;
  EmployerId employer;
  std::string month;
  std::string currency;
  int64_t owed = 0;
  int64_t paid = 0;
};

Status InsertBalances(Connection& conn, std::span<const StoredBalance> balances);
// The balances of one file, in line order.
Result<std::vector<StoredBalance>> FileBalances(Connection& conn, std::string_view file_id);
// The balances of the current files, oldest month first; of one worker, or of every worker with
// money outstanding in some month (owed > paid) when `worker` is nullopt.
Result<std::vector<StoredBalance>> CurrentBalances(Connection& conn,
                                                   const std::optional<WorkerId>& worker);

// ---- escalation steps

struct EscalationStep {
  EmployerId employer;
  std::string month;
  std::string action;
  std::string due_on;
  Timestamp taken;
  std::optional<Timestamp> lifted;
};

Result<std::vector<EscalationStep>> ListEscalationSteps(Connection& conn,
                                                        const std::optional<EmployerId>& employer);
Status InsertEscalationStep(Connection& conn, const EscalationStep& s);
Status LiftEscalationStep(Connection& conn, const EmployerId& employer, std::string_view month,
                          std::string_view action, Timestamp now);
// The months for which new permits for `employer` are suspended now (not lifted).
Result<std::vector<std::string>> SuspendedMonths(Connection& conn, const EmployerId& employer);

// ---- transfer unlocks

struct TransferUnlock {
  WorkerId worker;
  EmployerId employer;
  int64_t months = 0;
  int64_t outstanding = 0;
  std::string currency;
  bool active = false;
  Timestamp updated;
};

Result<std::vector<TransferUnlock>> ListTransferUnlocks(Connection& conn);
Result<std::optional<TransferUnlock>> FindTransferUnlock(Connection& conn, const WorkerId& worker,
                                                         const EmployerId& employer);
Status PutTransferUnlock(Connection& conn, const TransferUnlock& u);

}  // namespace corridor::store
