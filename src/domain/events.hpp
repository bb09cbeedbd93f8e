// The catalog of ledger event types: every kind of change a node records, in one place.
//
// A use case records an event with WriteTx::Record(EventType, subject, data); the ledger keeps
// the type's name (docs/formats/ledger.md), federation's outbound routing maps types to messages
// (federation/routing.hpp), and nothing spells a type as a string literal elsewhere. A new
// capability declares its types here, in its own block, with the name it has in the ledger
// ("case.opened"): a name never changes once events carry it.
//
// Pure values; thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace corridor::domain {

enum class EventType {
  // People, organisations and reference data.
  kAccountCreated,
  kWorkerRegistered,
  kWorkerPersonNumberAssigned,
  kEmployerRegistered,
  kAgencyRegistered,
  kAgencyLicenceChanged,
  kJobOrderCreated,
  kOccupationSet,
  kWageFloorSet,
  kCountryRulesSet,
  // Contracts.
  kContractDrafted,
  kContractOffered,
  kContractWithdrawn,
  kContractAccepted,
  kContractRejected,
  kContractAttested,
  kContractAuthenticated,
  kContractSubstitutionFlagged,
  kContractActivated,
  kContractEnded,
  kContractAmendmentProposed,
  kContractAmendmentTerms,
  kContractAmendmentAccepted,
  kContractAmendmentRejected,
  // Mobility.
  kPermitIssued,
  kPermitCancelled,
  kPermitAmended,
  kPermitRenewed,
  kPermitExpiryNotified,
  kPermitExpired,
  kTransferFiled,
  kTransferCompleted,
  kTransferCancelled,
  kAbsenceReported,
  kAbsenceReportRefused,
  kExitNotified,
  // Wage protection.
  kPayrollFileSubmitted,
  kPayrollMonthClosedWithoutFile,
  kWagesEscalationStep,
  kWagesPermitsSuspensionLifted,
  kWagesTransferUnlocked,
  kWagesTransferUnlockEnded,
  // Border.
  kWatchlistImported,
  kCrossingRecorded,
  kScreeningHitRaised,
  kScreeningHitConfirmed,
  kScreeningHitDismissed,
  kOverstayFlagged,
  kOverstayDeparted,
  // Departure clearance (docs/formats/clearance.md).
  kOrientationRecorded,
  kInsuranceRecorded,
  kMedicalRecorded,
  kClearanceIssued,
  kClearanceRevoked,
  // Orientation and training (docs/formats/training.md).
  kTrainingCentreRegistered,
  kTrainingCentreLicenceChanged,
  kTrainingSessionScheduled,
  kTrainingSessionCancelled,
  kTrainingAttendeeEnrolled,
  kTrainingSessionCompleted,
  kTrainingCertificateIssued,
  // Federation's own log.
  kFederationPeerSet,
  kFederationQueued,
  kFederationAcknowledged,
  kFederationReceived,
  // Protection: complaints and cases (docs/formats/cases.md section 7).
  kComplaintFiled,
  kComplaintJoined,
  kComplaintMessagePosted,
  kComplaintTriageOverdue,
  kCaseOpened,
  kCaseSignalLinked,
  kCaseIndicatorsAssessed,
  kCaseTraffickingFlagged,
  kCaseAssigned,
  kCaseActionAdded,
  kCaseActionCompleted,
  kCaseDeadlineMissed,
  kCaseClosed,
  // The node's own integrity.
  kIntegrityAlarmRaised,
  // Statistics: a release published (docs/statistics.md, "Releases").
  kStatisticsReleased,
};

inline constexpr std::array<std::string_view, 80> kEventTypeNames = {
    "account.created",
    "worker.registered",
    "worker.person_number_assigned",
    "employer.registered",
    "agency.registered",
    "agency.licence_changed",
    "job_order.created",
    "occupation.set",
    "wage_floor.set",
    "country_rules.set",
    "contract.drafted",
    "contract.offered",
    "contract.withdrawn",
    "contract.accepted",
    "contract.rejected",
    "contract.attested",
    "contract.authenticated",
    "contract.substitution_flagged",
    "contract.activated",
    "contract.ended",
    "contract.amendment_proposed",
    "contract.amendment_terms",
    "contract.amendment_accepted",
    "contract.amendment_rejected",
    "permit.issued",
    "permit.cancelled",
    "permit.amended",
    "permit.renewed",
    "permit.expiry_notified",
    "permit.expired",
    "transfer.filed",
    "transfer.completed",
    "transfer.cancelled",
    "absence.reported",
    "absence.report_refused",
    "exit.notified",
    "payroll.file_submitted",
    "payroll.month_closed_without_file",
    "wages.escalation_step",
    "wages.permits_suspension_lifted",
    "wages.transfer_unlocked",
    "wages.transfer_unlock_ended",
    "watchlist.imported",
    "crossing.recorded",
    "screening.hit_raised",
    "screening.hit_confirmed",
    "screening.hit_dismissed",
    "overstay.flagged",
    "overstay.departed",
    "orientation.recorded",
    "insurance.recorded",
    "medical.recorded",
    "clearance.issued",
    "clearance.revoked",
    "training.centre_registered",
    "training.centre_licence_changed",
    "training.session_scheduled",
    "training.session_cancelled",
    "training.attendee_enrolled",
    "training.session_completed",
    "training.certificate_issued",
    "federation.peer_set",
    "federation.queued",
    "federation.acknowledged",
    "federation.received",
    "complaint.filed",
    "complaint.joined",
    "complaint.message_posted",
    "complaint.triage_overdue",
    "case.opened",
    "case.signal_linked",
    "case.indicators_assessed",
    "case.trafficking_flagged",
    "case.assigned",
    "case.action_added",
    "case.action_completed",
    "case.deadline_missed",
    "case.closed",
    "integrity.alarm_raised",
    "statistics.released",
};

inline constexpr size_t kEventTypeCount = kEventTypeNames.size();
static_assert(static_cast<size_t>(EventType::kStatisticsReleased) + 1 == kEventTypeCount,
              "every event type has its name, in the order of the enum");

// The type's name as the ledger carries it.
constexpr std::string_view ToString(EventType t) { return kEventTypeNames[static_cast<size_t>(t)]; }

// The type of a name, or nullopt for a name that is not in the catalog.
std::optional<EventType> ParseEventType(std::string_view name);

// Contract events whose data's "digest" is the digest of the contract's terms after the change:
// every contract event but the terms of a proposed amendment and the substitution flag, whose
// digests are of other terms. The audit checks the terms of a contract last changed before the
// ledger recorded record hashes against it (docs/formats/ledger.md §6).
bool CarriesContractDigest(EventType t);

}  // namespace corridor::domain
