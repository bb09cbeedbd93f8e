// The employment contract: its terms, the rules that make terms lawful, and its lifecycle.
//
//   draft -> offered -> accepted | rejected (by the worker)
//   accepted -> attested (origin authority) -> authenticated (destination authority)
//   authenticated -> active (a permit is issued) -> ended (expiry, resignation, termination,
//   transfer, final exit)
//   draft | offered -> withdrawn (by the employer, before the worker accepted)
//
// Amendments exist only with the worker's acceptance: one may be pending at a time; when the
// worker accepts it the terms change and the version increases; old terms stay in the ledger.
// The terms' digest (SHA-256 of their RFC 8785 canonical form) is computed outside the domain
// (see codec/) and carried here as text; the domain compares terms field by field.
//
// Pure values and functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/status.hpp"
#include "core/time.hpp"
#include "domain/registry.hpp"

namespace corridor::domain {

enum class AllowanceKind { kNone, kCash, kInKind };
std::string_view ToString(AllowanceKind k);
Result<AllowanceKind> ParseAllowanceKind(std::string_view text);

struct Allowance {
  AllowanceKind kind = AllowanceKind::kNone;
  // Required for cash; for in-kind, the optional monthly value the parties agreed.
  std::optional<Money> amount;
  bool operator==(const Allowance&) const = default;
};

enum class Payer { kEmployer, kWorker };
std::string_view ToString(Payer p);
Result<Payer> ParsePayer(std::string_view text);

enum class Weekday { kMonday, kTuesday, kWednesday, kThursday, kFriday, kSaturday, kSunday };
std::string_view ToString(Weekday d);
Result<Weekday> ParseWeekday(std::string_view text);

enum class Accommodation { kProvidedFree, kAllowance, kWorkerArranged };
std::string_view ToString(Accommodation a);
Result<Accommodation> ParseAccommodation(std::string_view text);

struct ContractTerms {
  WorkerId worker;
  EmployerId employer;
  std::optional<AgencyId> agency;
  std::string origin_country;       // the worker's country, whose authority attests
  std::string destination_country;  // where the work is, whose authority authenticates
  std::string position;
  std::string isco_code;
  Money basic_wage;  // monthly
  Allowance housing;
  Allowance food;
  Allowance transport;
  int hours_per_day = 8;
  int days_per_week = 6;
  Weekday weekly_rest_day = Weekday::kFriday;
  int overtime_percent = 125;  // of the hourly basic rate
  int annual_leave_days = 30;
  int probation_months = 0;
  Date start_date;
  int duration_months = 24;
  int notice_period_days = 30;
  std::string place_of_work;
  Accommodation accommodation = Accommodation::kProvidedFree;
  std::string accommodation_details;
  Payer recruitment_fees_paid_by = Payer::kEmployer;
  Payer travel_paid_by = Payer::kEmployer;
  Payer repatriation_paid_by = Payer::kEmployer;
  Money worker_fees;  // anything the worker is charged for the job, by anyone; lawful only at 0
  std::vector<std::string> languages;  // languages in which the worker received the contract

  Date end_date() const { return start_date.AddMonths(duration_months); }
  bool operator==(const ContractTerms&) const = default;
};

// Checks that the terms are complete and well-formed (not yet whether they are lawful in a
// country: that is Attest's job).
Status ValidateTerms(const ContractTerms& t);

struct FieldDiff {
  std::string field;   // dotted path, "housing.amount"
  std::string before;  // text as shown to people
  std::string after;
  bool operator==(const FieldDiff&) const = default;
};
// Every field that differs, in the order of ContractTerms.
std::vector<FieldDiff> DiffTerms(const ContractTerms& before, const ContractTerms& after);

enum class ContractState {
  kDraft,
  kOffered,
  kAccepted,
  kRejected,
  kWithdrawn,
  kAttested,
  kAuthenticated,
  kActive,
  kEnded,
};
std::string_view ToString(ContractState s);
Result<ContractState> ParseContractState(std::string_view text);

enum class EndReason { kExpiry, kResignation, kTermination, kTransfer, kFinalExit };
std::string_view ToString(EndReason r);
Result<EndReason> ParseEndReason(std::string_view text);

enum class AmendmentState { kProposed, kAccepted, kRejected };
std::string_view ToString(AmendmentState s);

struct Amendment {
  int number = 0;  // the contract version it would create
  ContractTerms terms;
  std::string reason;
  AmendmentState state = AmendmentState::kProposed;
  Timestamp proposed_at;
  bool operator==(const Amendment&) const = default;
};

struct Contract {
  ContractId id;
  ContractTerms terms;
  ContractState state = ContractState::kDraft;
  int version = 1;
  std::string digest;           // hex SHA-256 of the canonical terms of this version
  std::string attested_digest;  // the digest the origin attested
  std::string authenticated_digest;
  std::string attested_by;  // account ids of the officers
  std::string authenticated_by;
  std::optional<Timestamp> offered_at;
  std::optional<Timestamp> decided_at;  // accepted or rejected by the worker
  std::optional<Timestamp> attested_at;
  std::optional<Timestamp> authenticated_at;
  std::optional<Date> active_from;
  std::optional<Date> ended_on;
  std::optional<EndReason> end_reason;
  std::string rejection_reason;
  std::optional<Amendment> pending_amendment;
  bool operator==(const Contract&) const = default;
};

// What attestation checks beyond the terms themselves.
struct AttestationContext {
  const Worker* worker = nullptr;  // required
  const Agency* agency = nullptr;  // required when the terms name one
  const std::vector<WageFloor>* floors = nullptr;
  const CountryRules* rules = nullptr;  // the destination's; required
  Date today;
};

// Checks that terms are lawful: the Employer Pays Principle (no fee charged to the worker;
// recruitment, travel and repatriation paid by the employer), the wage floor, the destination's
// labour rules, a weekly rest day, a language the worker reads. Used by attestation and by
// amendments, so an amendment can never make a contract unlawful.
Status CheckLawful(const ContractTerms& t, const AttestationContext& ctx);

Status Offer(Contract& c, Timestamp now);
Status Withdraw(Contract& c);
Status Accept(Contract& c, Timestamp now);
Status Reject(Contract& c, const std::string& reason, Timestamp now);
Status Attest(Contract& c, const AttestationContext& ctx, const std::string& officer,
              Timestamp now);
// The destination authenticates the contract the worker accepted on arrival (`presented`). If its
// terms differ from the attested ones it is refused as substitution and *diffs lists every
// difference.
Status Authenticate(Contract& c, const ContractTerms& presented, const std::string& digest,
                    const std::string& officer, Timestamp now, std::vector<FieldDiff>* diffs);
// Called when a permit is issued.
Status Activate(Contract& c, Date on);
Status End(Contract& c, EndReason reason, Date on);

Status ProposeAmendment(Contract& c, ContractTerms terms, const std::string& reason,
                        const AttestationContext& ctx, Timestamp now);
// The worker accepts: the terms change, the version increases; the caller then sets `digest`.
// A contract amended after attestation but before authentication goes back to accepted and is
// attested again (the origin attested other terms).
Status AcceptAmendment(Contract& c);
Status RejectAmendment(Contract& c);

}  // namespace corridor::domain
