// Protection: complaints and cases (docs/formats/cases.md).
//
// - A complaint is what someone told the node about a worker or an employer: the worker herself,
//   an officer, the embassy or a hotline operator on her behalf, or an anonymous tip. It waits in
//   the intake queue (`received`) until a case supervisor opens a case from it or joins it to one.
// - A case gathers complaints and automatic signals about one worker (or one employer), holds the
//   assessment of the ILO's eleven forced-labour indicators, is assigned to an investigator or a
//   caseworker, carries actions with deadlines, and is closed with an outcome.
// - The rules that are policy, not code (deadlines per category, the trafficking flag), are a
//   CaseRules value read from configuration (codec/cases.hpp, data/cases/rules.json).
//
// Transitions are pure: each checks the record's state and its input, changes the record and
// returns OK, or returns the precise refusal and leaves the record as it was. Who may see a record
// (MayViewCase, MayViewComplaint) and which steps a reader may take (AllowedCaseActions,
// AllowedComplaintActions) are pure functions of the actor and the record's facts.
//
// Pure values and functions; thread-safe.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "core/status.hpp"
#include "core/time.hpp"
#include "domain/access.hpp"

namespace corridor::domain {

CORRIDOR_DEFINE_ID(ComplaintId, "CP");
CORRIDOR_DEFINE_ID(CaseId, "CS");
CORRIDOR_DEFINE_ID(MessageId, "CG");

// ---------------------------------------------------------------- vocabulary

enum class ComplaintCategory {
  kUnpaidWages,
  kPassportKept,
  kConfinement,
  kViolence,
  kThreats,
  kExcessiveHours,
  kRecruitmentFee,
  kContractSubstitution,
  kOther,
};
inline constexpr size_t kComplaintCategoryCount = 9;
std::string_view ToString(ComplaintCategory c);
Result<ComplaintCategory> ParseComplaintCategory(std::string_view text);

enum class Channel { kWorker, kOnBehalf, kAnonymousTip };
std::string_view ToString(Channel c);  // "worker", "on_behalf", "anonymous_tip"
Result<Channel> ParseChannel(std::string_view text);

enum class ComplaintState { kReceived, kInCase };
std::string_view ToString(ComplaintState s);  // "received", "in_case"
Result<ComplaintState> ParseComplaintState(std::string_view text);

// The ILO's eleven indicators of forced labour, in the ILO's order.
enum class Indicator {
  kAbuseOfVulnerability,
  kDeception,
  kRestrictionOfMovement,
  kIsolation,
  kPhysicalAndSexualViolence,
  kIntimidationAndThreats,
  kRetentionOfIdentityDocuments,
  kWithholdingOfWages,
  kDebtBondage,
  kAbusiveWorkingAndLivingConditions,
  kExcessiveOvertime,
};
inline constexpr size_t kIndicatorCount = 11;
std::string_view ToString(Indicator i);
Result<Indicator> ParseIndicator(std::string_view text);

enum class IndicatorValue { kUnknown, kPresent, kAbsent };
std::string_view ToString(IndicatorValue v);  // "unknown", "present", "absent"
Result<IndicatorValue> ParseIndicatorValue(std::string_view text);

enum class CaseState { kIntake, kAssessment, kInProgress, kClosed };
std::string_view ToString(CaseState s);  // "intake", "assessment", "in_progress", "closed"
Result<CaseState> ParseCaseState(std::string_view text);

enum class Outcome {
  kResolvedWithPayment,
  kReferredToProsecution,
  kRepatriationAssisted,
  kWithdrawn,
  kUnfounded,
};
std::string_view ToString(Outcome o);
Result<Outcome> ParseOutcome(std::string_view text);

// What raised an automatic signal (docs/formats/cases.md section 1.4).
enum class SignalKind {
  kSubstitutionFlagged,
  kArrearsTransferUnlocked,
  kLadderReferral,
  kUnlawfulDeduction,
  kAbscondingRefused,
  kWatchlistHitConfirmed,
  kOverstay,
};
std::string_view ToString(SignalKind k);
Result<SignalKind> ParseSignalKind(std::string_view text);
// The complaint category a signal brings to its case.
ComplaintCategory CategoryOf(SignalKind k);

// ---------------------------------------------------------------- rules (configuration)

struct CategoryDeadlines {
  int triage_days = 2;      // a complaint is triaged within this of being filed
  int assessment_days = 5;  // a case's indicators are assessed within this of its opening
  int action_days = 14;     // the longest (and default) time given to an action
  bool operator==(const CategoryDeadlines&) const = default;
};

// One clause of the trafficking flag: at least `min_present` of `among` are present.
struct FlagClause {
  std::string name;
  int min_present = 1;
  std::vector<Indicator> among;
  bool operator==(const FlagClause&) const = default;
};

struct CaseRules {
  std::array<CategoryDeadlines, kComplaintCategoryCount> deadlines{};  // by ComplaintCategory
  std::vector<FlagClause> trafficking_flag;
  // OK, or the first rule that cannot work (a limit below a day, a clause that can never hold).
  Status Validate() const;
};

// The shortest limits among `categories` (the rules' default for an empty list).
CategoryDeadlines DeadlinesFor(const CaseRules& rules,
                               const std::vector<ComplaintCategory>& categories);

// ---------------------------------------------------------------- records

inline constexpr size_t kMaxComplaintText = 5000;
inline constexpr size_t kMaxSafeContact = 500;
inline constexpr size_t kMaxEvidence = 2000;
inline constexpr size_t kMaxNote = 2000;

struct Complaint {
  ComplaintId id;
  Channel channel = Channel::kWorker;
  std::optional<WorkerId> worker;
  std::string worker_nationality;  // alpha-3, "" when no worker is named
  std::optional<EmployerId> employer;
  std::vector<ComplaintCategory> categories;
  std::string text;
  std::string safe_contact;
  std::string language;
  std::string filed_by;  // account id
  Role filed_by_role = Role::kWorker;
  Timestamp filed_at;
  ComplaintState state = ComplaintState::kReceived;
  std::optional<CaseId> case_id;
  Timestamp triage_due;
  bool triage_escalated = false;
  bool operator==(const Complaint&) const = default;
};

// Checks a new complaint's own fields (categories, text, contact, channel and worker) and fills
// triage_due from the rules. The caller has checked that the worker and employer exist.
Status CheckNewComplaint(Complaint& c, const CaseRules& rules);

struct ComplaintMessage {
  MessageId id;
  ComplaintId complaint;
  bool from_worker = false;  // the worker herself; otherwise the case team
  std::string author;        // account id; never shown to the worker
  std::string text;
  Timestamp time;
  bool operator==(const ComplaintMessage&) const = default;
};

struct IndicatorAssessment {
  Indicator indicator = Indicator::kAbuseOfVulnerability;
  IndicatorValue value = IndicatorValue::kUnknown;
  std::string evidence;
  std::string assessed_by;
  std::optional<Timestamp> assessed_at;
  bool operator==(const IndicatorAssessment&) const = default;
};

struct CaseAction {
  std::string id;  // "A1", "A2", ... within the case
  std::string description;
  Date due_on;
  std::string added_by;
  Timestamp added_at;
  bool done = false;
  std::optional<Timestamp> done_at;
  std::string done_note;
  bool escalated = false;
  bool operator==(const CaseAction&) const = default;
};

struct CaseSignal {
  SignalKind kind = SignalKind::kSubstitutionFlagged;
  std::string source;  // the record that raised it
  Timestamp time;
  bool operator==(const CaseSignal&) const = default;
};

struct Case {
  CaseId id;
  CaseState state = CaseState::kIntake;
  std::optional<WorkerId> worker;
  std::string worker_nationality;
  std::optional<EmployerId> employer;
  std::vector<ComplaintCategory> categories;  // sorted, no repeats
  std::vector<ComplaintId> complaints;
  std::vector<CaseSignal> signals;
  std::vector<IndicatorAssessment> indicators;  // all eleven, in the order of Indicator
  bool trafficking_flag = false;
  std::string flag_rule;
  std::string supervisor;  // account id, "" until assigned
  std::string assignee;    // account id, "" until assigned
  std::optional<Role> assignee_role;
  std::string opened_by;
  Timestamp opened_at;
  Timestamp assessment_due;
  bool assessment_escalated = false;
  std::vector<CaseAction> actions;
  int escalations = 0;
  std::optional<Outcome> outcome;
  std::string closure_reason;
  std::string closed_by;
  std::optional<Timestamp> closed_at;
  bool operator==(const Case&) const = default;
};

// A new case in intake about the complaint's (or the signal's) subject, with all eleven
// indicators unknown and its assessment deadline from the rules.
Case NewCase(const CaseId& id, std::optional<WorkerId> worker, std::string worker_nationality,
             std::optional<EmployerId> employer, const std::vector<ComplaintCategory>& categories,
             const std::string& opened_by, Timestamp now, const CaseRules& rules);

// ---------------------------------------------------------------- transitions

// Joins a received complaint to an open case about the same worker (either may name none; a case
// that named none takes the complaint's worker). The case's categories widen.
Status JoinComplaint(Case& k, Complaint& c);

// Adds a signal to an open case (once per source: a repeat is AlreadyExists).
Status LinkSignal(Case& k, SignalKind kind, const std::string& source, Timestamp now);

// Sets the indicators named in `changes` (evidence required when present); intake becomes
// assessment; the flag is the rules' verdict on the indicators now. Returns whether the flag
// turned on with this assessment.
Result<bool> AssessIndicators(Case& k, const std::vector<IndicatorAssessment>& changes,
                              const CaseRules& rules, const std::string& by, Timestamp now);

// The first clause of the flag rule the indicators satisfy, or "" when none does.
std::string FlagVerdict(const std::vector<IndicatorAssessment>& indicators, const CaseRules& rules);

// Assigns an open case to an investigator or caseworker; the supervisor is who assigns it.
Status Assign(Case& k, const std::string& assignee, Role assignee_role,
              const std::string& supervisor);

// Adds an action due on `due_on` (absent: the category limit); today to the limit.
Result<CaseAction> AddAction(Case& k, std::string_view description, std::optional<Date> due_on,
                             const CaseRules& rules, const std::string& by, Timestamp now);
Status CompleteAction(Case& k, std::string_view action, std::string_view note, Timestamp now);

Status Close(Case& k, Outcome outcome, std::string_view reason, const std::string& by,
             Timestamp now);

// A missed deadline, found by Escalate.
struct MissedDeadline {
  std::string what;    // "assessment" or "action"
  std::string action;  // the action's id, "" for the assessment
  std::string due;     // the deadline (a time or a date)
};

// Marks every deadline of the case missed at `now` and not escalated yet as escalated, and
// returns them (none for a closed case). Calling it again at the same or a later time returns
// only deadlines missed since.
std::vector<MissedDeadline> Escalate(Case& k, Timestamp now);
// When the triage of a received complaint is missed at `now` and not escalated yet, marks it.
bool EscalateTriage(Complaint& c, Timestamp now);
// The earliest deadline of the case not yet escalated, or nullopt (closed, or none left).
std::optional<Timestamp> NextDeadline(const Case& k);
// The earliest deadline of the case still to be met, missed (and escalated) or not: the
// assessment while in intake, and each action not done (missed once its day has ended); nullopt
// when closed or none is set. A queue of cases is ordered by it, the most urgent first.
std::optional<Timestamp> QueueDeadline(const Case& k);

// ---------------------------------------------------------------- access

// What access to a case depends on, without its content (the stored row's columns).
struct CaseFacts {
  CaseState state = CaseState::kIntake;
  std::string assignee;
  std::string supervisor;
  std::string worker_nationality;
};
CaseFacts FactsOf(const Case& k);

// The roles that handle cases and their need-to-know (docs/formats/cases.md section 6).
bool IsCaseSupervisor(const Actor& a, const NodeContext& node);
// An embassy on a node of another country, for its nationals.
bool IsEmbassyOf(const Actor& a, std::string_view nationality, const NodeContext& node);

// The assigned investigator or caseworker, the supervisor who assigned it (any supervisor of the
// node while it is unassigned), and the embassy of the worker's country.
bool MayViewCase(const Actor& a, const CaseFacts& k, const NodeContext& node);

// What access to a complaint depends on.
struct ComplaintFacts {
  Channel channel = Channel::kWorker;
  std::optional<WorkerId> worker;
  std::string worker_nationality;
  ComplaintState state = ComplaintState::kReceived;
  std::optional<CaseFacts> in_case;  // the facts of its case, when joined
};
ComplaintFacts FactsOf(const Complaint& c, std::optional<CaseFacts> in_case);

// The worker her own (not anonymous tips that name her); while received, the node's case
// supervisors; once in a case, whoever may see the case; the embassy its nationals'.
bool MayViewComplaint(const Actor& a, const ComplaintFacts& c, const NodeContext& node);

// May `a` file a complaint through `channel`? The worker files only for herself; officers of the
// node, the embassy (on a node of another country) and hotline operators of the node file on
// behalf and tips.
Status CheckMayFileComplaint(const Actor& a, Channel channel, const NodeContext& node);

// Steps on a case; the API's names are those of its routes.
enum class CaseStep {
  kJoinComplaint,     // POST /cases/{id}/complaints
  kAssessIndicators,  // POST /cases/{id}/indicators
  kAssign,            // POST /cases/{id}/assign
  kAddAction,         // POST /cases/{id}/actions
  kCompleteAction,    // POST /cases/{id}/actions/{action}/complete
  kClose,             // POST /cases/{id}/close
  kListReads,         // GET /cases/{id}/reads
};
std::string_view ToString(CaseStep s);

// May the case's lifecycle take `step` from where it stands (whoever asks)?
bool StateAllows(CaseStep step, const Case& k);
// The role rule of a step, as a yes or no.
bool MayTakeCaseStep(const Actor& a, CaseStep step, const CaseFacts& k, const NodeContext& node);
// OK, or FailedPrecondition naming the state; PermissionDenied naming who may.
Status CheckCaseStep(const Actor& a, CaseStep step, const Case& k, const NodeContext& node);
// The steps `a` may take on the case now, in the order of CaseStep.
std::vector<CaseStep> AllowedCaseActions(const Actor& a, const Case& k, const NodeContext& node);

// Steps on a complaint.
enum class ComplaintStep {
  kOpenCase,     // POST /cases with this complaint
  kJoinCase,     // POST /cases/{case}/complaints
  kPostMessage,  // POST /complaints/{id}/messages
};
std::string_view ToString(ComplaintStep s);
// The steps `a` may take on a complaint it may see.
std::vector<ComplaintStep> AllowedComplaintActions(const Actor& a, const ComplaintFacts& c,
                                                   const NodeContext& node);
// Whether a message from `a` on the complaint speaks as the worker herself.
bool SpeaksAsWorker(const Actor& a, const ComplaintFacts& c);

// Whether a ledger event type's name belongs to protection ("complaint." or "case."): such
// events are read through their case, never through the ledger's event endpoint.
bool IsProtectionEventName(std::string_view type);

}  // namespace corridor::domain
