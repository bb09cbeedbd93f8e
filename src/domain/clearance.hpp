// Departure clearance (docs/formats/clearance.md): the records the origin keeps before a worker
// leaves for work abroad (orientation completed, an insurance policy, a medical fitness finding),
// the requirements each origin country sets as data, the check that lists every requirement that
// does not hold, the clearance's lifecycle (issued, then possibly revoked), and who may see and do
// what.
//
// - A requirement check never stops at the first problem: it says, for every requirement, whether
//   it holds and exactly why not. Nothing is issued until all hold.
// - A medical record holds a centre, a date and fit or unfit, never anything clinical.
// - The orientation requirement reads an OrientationCompletion, whoever recorded it: an origin
//   officer, or the completion of an orientation session (domain/training.hpp).
// - The destination holds a clearance's crossing form (CrossingForm): no passport, no evidence.
//
// Pure values and functions; thread-safe. Today's date is a parameter.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/status.hpp"
#include "core/time.hpp"
#include "domain/access.hpp"
#include "domain/contract.hpp"
#include "domain/registry.hpp"

namespace corridor::domain {

CORRIDOR_DEFINE_ID(ClearanceId, "DC");
CORRIDOR_DEFINE_ID(OrientationId, "OC");
CORRIDOR_DEFINE_ID(InsurancePolicyId, "IP");
CORRIDOR_DEFINE_ID(MedicalRecordId, "MF");

// ---------------------------------------------------------------- the records

struct OrientationCompletion {
  OrientationId id;
  WorkerId worker;
  std::string centre;
  Date completed_on;
  std::string recorded_by;
  Timestamp recorded_at;
  // The training certificate it was written from (docs/formats/training.md); absent for a
  // completion an officer recorded from a centre's own paper.
  std::optional<CertificateId> certificate;
  bool operator==(const OrientationCompletion&) const = default;
};

struct InsurancePolicy {
  InsurancePolicyId id;
  ContractId contract;
  WorkerId worker;
  std::string insurer;
  std::string policy_number;
  Date cover_from;
  Date cover_until;
  Money sum_insured;
  std::string recorded_by;
  Timestamp recorded_at;
  bool operator==(const InsurancePolicy&) const = default;
};

enum class MedicalOutcome { kFit, kUnfit };
std::string_view ToString(MedicalOutcome o);  // "fit", "unfit"
Result<MedicalOutcome> ParseMedicalOutcome(std::string_view text);

struct MedicalFitness {
  MedicalRecordId id;
  WorkerId worker;
  std::string centre;
  Date examined_on;
  MedicalOutcome outcome = MedicalOutcome::kUnfit;
  std::string recorded_by;
  Timestamp recorded_at;
  bool operator==(const MedicalFitness&) const = default;
};

// Each trims its text fields and checks the record as a whole, naming the offending field:
// names 1-200 characters (a policy number 1-64), dates not in the future, a policy's cover in
// order and not ended before `today`, a sum insured above zero.
Status ValidateOrientation(OrientationCompletion& o, Date today);
Status ValidateInsurance(InsurancePolicy& p, Date today);
Status ValidateMedical(MedicalFitness& m, Date today);

// ---------------------------------------------------------------- the requirements

// An origin country's requirements (data/clearance/<country>.json). A rule that is not required
// always holds.
struct ClearanceRequirements {
  std::string country;             // alpha-3, the origin
  int departure_within_days = 90;  // a clearance is valid this many days after issue
  struct Orientation {
    bool required = true;
    int within_days = 180;  // the latest completion at most this many days before today
    bool operator==(const Orientation&) const = default;
  } orientation;
  struct Insurance {
    bool required = true;
    Money minimum_sum_insured;
    bool operator==(const Insurance&) const = default;
  } insurance;
  struct Medical {
    bool required = true;
    int within_days = 90;  // the latest examination at most this many days before today
    bool operator==(const Medical&) const = default;
  } medical;
  bool agency_licence_required = true;
  struct Passport {
    bool required = true;
    int margin_months = 6;  // valid until the contract's end plus this
    bool operator==(const Passport&) const = default;
  } passport;
  bool operator==(const ClearanceRequirements&) const = default;
};
Status ValidateClearanceRequirements(const ClearanceRequirements& r);

enum class Requirement {
  kContractAttested,
  kOrientation,
  kInsurance,
  kMedical,
  kAgencyLicence,
  kPassport,
};
std::string_view ToString(Requirement r);  // "contract_attested", "orientation", ...

// What the check reads. `contract` and `worker` are required; `agency` is the contract's agency
// when it names one (null otherwise).
struct ClearanceFacts {
  const Contract* contract = nullptr;
  const Worker* worker = nullptr;
  const Agency* agency = nullptr;
  std::optional<OrientationCompletion> orientation;  // the worker's latest completion
  std::vector<InsurancePolicy> policies;             // every policy recorded for the contract
  std::optional<MedicalFitness> medical;             // the worker's latest examination
  Date today;
};

struct RequirementResult {
  Requirement requirement = Requirement::kContractAttested;
  bool met = false;
  std::string detail;  // why it holds, or exactly why not, for the officer and the worker
  bool operator==(const RequirementResult&) const = default;
};

// The ids of the records that met the requirements (nullopt when the rule is not required).
struct ClearanceEvidence {
  std::optional<OrientationId> orientation;
  std::optional<InsurancePolicyId> insurance;
  std::optional<MedicalRecordId> medical;
  bool operator==(const ClearanceEvidence&) const = default;
};

struct ClearanceCheck {
  std::vector<RequirementResult> results;  // every requirement, in the order of Requirement
  ClearanceEvidence evidence;
  bool ready() const;
  std::vector<RequirementResult> Missing() const;  // those that do not hold, in order
};

ClearanceCheck CheckRequirements(const ClearanceRequirements& r, const ClearanceFacts& f);

// ---------------------------------------------------------------- the clearance

enum class ClearanceState { kIssued, kRevoked };
std::string_view ToString(ClearanceState s);  // "issued", "revoked"
Result<ClearanceState> ParseClearanceState(std::string_view text);

enum class RevocationReason {
  kAgencyLicenceRevoked,
  kContractWithdrawn,
  kRequirementLapsed,
  kIssuedInError,
};
std::string_view ToString(RevocationReason r);
Result<RevocationReason> ParseRevocationReason(std::string_view text);

struct PassportRef {
  std::string number;
  std::string issuing_state;
  bool operator==(const PassportRef&) const = default;
};

struct Clearance {
  ClearanceId id;
  ContractId contract;
  WorkerId worker;
  std::string origin_country;
  std::string destination_country;
  std::string contract_digest;          // the attested digest
  std::optional<PassportRef> passport;  // absent in the crossing form
  Date issued_on;
  Date valid_until;  // the last day the worker may depart on it
  std::string issued_by;
  std::optional<ClearanceEvidence> evidence;  // absent in the crossing form
  ClearanceState state = ClearanceState::kIssued;
  std::optional<Date> revoked_on;
  std::string revoked_by;
  std::optional<RevocationReason> revocation_reason;
  std::string revocation_note;
  bool operator==(const Clearance&) const = default;
};

// Issues the clearance when every requirement holds; FailedPrecondition naming every missing
// requirement otherwise (the caller shows check.Missing() in full).
Result<Clearance> Issue(const ClearanceRequirements& r, const ClearanceFacts& f,
                        const ClearanceCheck& check, ClearanceId id, const std::string& officer);

// Revokes an issued clearance with a reason and a note (1-500 characters); a revoked one is final.
Status Revoke(Clearance& c, RevocationReason reason, std::string_view note,
              const std::string& officer, Date today);

enum class ClearanceStanding { kValid, kExpired, kRevoked };
std::string_view ToString(ClearanceStanding s);  // "valid", "expired", "revoked"
ClearanceStanding StandingOn(const Clearance& c, Date day);

// What crosses to the destination and what it holds: no passport and no evidence.
Clearance CrossingForm(Clearance c);

// ---------------------------------------------------------------- access

// How much of a clearance a reader sees.
enum class ClearanceSight { kNone, kCrossingForm, kFull };
// The origin officer of the node's country (contracts of its origin) and the worker see all of
// it; the destination officer of the node's country and the origin's embassy there see the
// crossing form; every other role nothing.
ClearanceSight SightOfClearance(const Actor& a, const WorkerId& worker, std::string_view origin,
                                std::string_view destination, const NodeContext& node);

// Orientation, insurance and medical records of a worker of `nationality`: the origin officer of
// the node's country for its nationals, and the worker herself.
bool MayViewClearanceRecords(const Actor& a, const WorkerId& worker, std::string_view nationality,
                             const NodeContext& node);

// Recording the records, issuing and revoking: an origin officer of `origin` on that country's
// node (and the node itself). PermissionDenied naming who may.
Status CheckMayClear(const Actor& a, std::string_view origin, const NodeContext& node);

// Steps on a clearance; the API's names are those of its routes.
enum class ClearanceStep {
  kRevoke,  // POST /clearances/{id}/revoke
};
std::string_view ToString(ClearanceStep s);
std::vector<ClearanceStep> AllowedClearanceActions(const Actor& a, const Clearance& c,
                                                   const NodeContext& node);

// Steps from a contract's clearance check.
enum class ClearanceCheckStep {
  kIssueClearance,     // POST /contracts/{id}/clearance
  kRecordOrientation,  // POST /workers/{id}/orientation (the contract's worker)
  kRecordInsurance,    // POST /contracts/{id}/insurance
  kRecordMedical,      // POST /workers/{id}/medical (the contract's worker)
};
std::string_view ToString(ClearanceCheckStep s);
// For the origin officer who may clear the contract (CheckMayClear, on the origin's node):
// issue_clearance when every requirement holds and no valid clearance is held (`issued`), then
// recording each kind of evidence, always. Nothing for anyone else.
std::vector<ClearanceCheckStep> AllowedClearanceCheckActions(const Actor& a,
                                                             const ClearanceCheck& check,
                                                             std::string_view origin, bool issued,
                                                             const NodeContext& node);

}  // namespace corridor::domain
