// Permits, job changes, absence reports and exit notices: the worker's status is tied to a
// contract, never to a sponsor.
//
// - A permit is issued for an authenticated contract and lives and dies with it.
// - A transfer (job change) is filed by the worker with a new employer's accepted offer. The
//   current employer is notified and has no veto: there is no function by which it could refuse.
//   The current contract's notice period applies, unless arrears waive it.
// - Once a transfer or an exit notice is filed, an employer's "absconding" or "absent from
//   work" report is refused, and the attempt is recorded by the caller.
// - Exit and re-entry are the worker's notice; there is no exit permit.
//
// Pure values and functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "core/status.hpp"
#include "core/time.hpp"
#include "domain/contract.hpp"

namespace corridor::domain {

enum class PermitStatus { kActive, kSuspended, kCancelled, kExpired };
std::string_view ToString(PermitStatus s);
Result<PermitStatus> ParsePermitStatus(std::string_view text);

struct Permit {
  PermitId id;
  WorkerId worker;
  ContractId contract;
  EmployerId employer;  // the contract's employer, for display; the permit is not the employer's
  Date valid_from;
  Date valid_until;
  PermitStatus status = PermitStatus::kActive;
  std::string status_reason;
  // The worker's person number in the destination (14 digits): payroll files (the WPS SIF) name
  // the worker by it. Assigned with the worker's first permit and carried by every later one.
  std::string person_number;
  // The end date the worker and the employer were told of ahead of time (NoticeExpiryIfDue);
  // absent until then. A permit whose end moves is noticed again for its new end.
  std::optional<Date> expiry_notice_for;
  bool operator==(const Permit&) const = default;
};

// A person number: 13 digits, the first not 0, then a Luhn check digit, so that a mistyped
// number in a payroll file names nobody rather than someone else. `serial` is reduced to 13
// digits.
std::string MakePersonNumber(uint64_t serial);
// Exactly 14 digits, the first not 0, whose Luhn check digit verifies.
Status CheckPersonNumber(std::string_view number, std::string_view field);

// The end of a permit granted from `from` under a contract ending on `contract_end`, by a country
// that grants permits for at most `max_months` (its rules' permit_max_months; 0: no limit): the
// contract's end, or `from` plus `max_months` when that comes first.
Date PermitGrantEnd(Date from, Date contract_end, int max_months);
// A permit for an authenticated contract, valid from the later of today and the start date until
// PermitGrantEnd (the contract's end, or sooner under a country's `max_months`).
Result<Permit> IssuePermit(const Contract& c, PermitId id, Date today, int max_months = 0);
Status CancelPermit(Permit& p, const std::string& reason);
Status SuspendPermit(Permit& p, const std::string& reason);
Status ReinstatePermit(Permit& p, const std::string& reason);
// Active permits past valid_until become expired; returns whether it changed.
bool ExpireIfDue(Permit& p, Date today);
// The notice that a permit ends soon is due for an active or suspended permit whose end is
// `notice_days` days away or less, and not come yet, when its holder was not told of this end
// already: marks the end told (expiry_notice_for) and returns true. `notice_days` 0 (or less)
// never notices.
bool NoticeExpiryIfDue(Permit& p, Date today, int notice_days);
// A permit follows its contract's term when an accepted amendment moves it: an active or
// suspended permit ends when the amended contract ends, and one whose validity has not begun yet
// begins with the amended start (not before `today`). Under a country's `max_months` the permit
// ends at the amended contract's end or at the later of its own end and its start plus
// `max_months`, whichever comes first: an extension beyond that is a renewal's, a shortened
// contract shortens the permit. A cancelled or expired permit is history and stays as it is. The
// amended end must be after `today` (FailedPrecondition, field "duration_months"): a term cut
// short to the past is the end of the contract, not an amendment of its permit. Returns whether
// the permit changed.
Result<bool> FollowContractTerm(Permit& p, const ContractTerms& amended, Date today,
                                int max_months = 0);
// A renewed contract renews its permit (POST /permits/{id}/renew): an active permit of an active
// contract is valid until `new_end`, which must be after the permit's current end and after
// `today`, within the contract's term (not after its end_date()), and, under a country's
// `max_months`, not more than `max_months` after `today`. The permit keeps its id, its start and
// the worker's person number. Only an active permit is renewed: a suspended one is reinstated
// first, and an expired or cancelled one ended with its contract (the daily job ends the contract
// when its permit expires), so within the grace after it a new contract and permit are the way
// on, not a renewal. Refusals name the field: "status", "contract" or "end".
Status RenewPermit(Permit& p, const Contract& c, Date new_end, Date today, int max_months = 0);
// Whether RenewPermit could succeed for some end date (the state rule of the `renew` step): the
// permit and its contract are active and the contract's term runs past the permit's end.
bool MayRenewPermit(const Permit& p, const Contract& c);

enum class TransferState { kFiled, kCompleted, kCancelled };
std::string_view ToString(TransferState s);

struct Transfer {
  TransferId id;
  WorkerId worker;
  ContractId from_contract;
  ContractId to_contract;
  EmployerId from_employer;
  EmployerId to_employer;
  Date filed_on;
  Date effective_on;
  bool notice_waived = false;
  std::string waiver_reason;  // e.g. "wage arrears of 2 months"
  TransferState state = TransferState::kFiled;
  bool operator==(const Transfer&) const = default;
};

// The worker files a job change. `current` is the worker's active contract; `offer` the new
// employer's contract, accepted by the worker. `waiver` (non-empty) waives the notice period,
// as wage arrears do.
Result<Transfer> FileTransfer(const Contract& current, const Contract& offer, TransferId id,
                              Date today, const std::string& waiver);
// The transfer takes effect on or after effective_on once the new contract is authenticated:
// the caller then ends the old contract (reason transfer), cancels its permit, activates the new
// contract and issues its permit.
Status CheckTransferMayComplete(const Transfer& t, const Contract& offer, Date today);
Status CompleteTransfer(Transfer& t, Date today);
// Only the worker may withdraw a job change they filed.
Status CancelTransfer(Transfer& t);

enum class AbsenceReportState { kOpen, kRefused, kClosed };
std::string_view ToString(AbsenceReportState s);

struct AbsenceReport {
  NoticeId id;
  WorkerId worker;
  ContractId contract;
  EmployerId employer;
  Date last_seen;
  std::string details;
  AbsenceReportState state = AbsenceReportState::kOpen;
  std::string refusal_reason;
  bool operator==(const AbsenceReport&) const = default;
};

// What the caller knows about the worker when an employer reports them absent.
struct AbsenceContext {
  bool transfer_filed = false;   // a transfer by the worker is filed and not cancelled
  bool exit_notified = false;    // the worker notified an exit
  bool contract_active = false;  // the contract is the employer's and active
};
// Returns the report; state kRefused (with the reason) when the report is not allowed, so the
// caller records the refused attempt in the ledger too.
Result<AbsenceReport> ReportAbsence(const Contract& c, const AbsenceContext& ctx, NoticeId id,
                                    Date last_seen, const std::string& details, Date today);

enum class ExitKind { kFinal, kReturning };
std::string_view ToString(ExitKind k);
Result<ExitKind> ParseExitKind(std::string_view text);

struct ExitNotice {
  NoticeId id;
  WorkerId worker;
  std::optional<ContractId> contract;  // the active contract, if any
  ExitKind kind = ExitKind::kReturning;
  Date departure_date;
  std::optional<Date> return_date;  // for a returning exit
  Timestamp notified_at;
  bool operator==(const ExitNotice&) const = default;
};

// The worker's notice: departure today or later (up to a year ahead); a returning exit names a
// return date after departure and, if there is a contract, before it ends.
// The worker's notice a recorded exit on `exit_day` completes, when it is a final one: of the
// notices departing within 30 days of that day (either side: a worker may leave a little earlier
// or later than notified), the latest notified. A completed final exit ends the worker's active
// contract (reason final_exit) and cancels its permit. nullopt when the latest such notice is a
// returning one, or there is none.
std::optional<ExitNotice> FinalExitCompleted(const std::vector<ExitNotice>& notices, Date exit_day);

Result<ExitNotice> NotifyExit(const WorkerId& worker, const Contract* active, NoticeId id,
                              ExitKind kind, Date departure, std::optional<Date> return_date,
                              Date today, Timestamp now);

}  // namespace corridor::domain
