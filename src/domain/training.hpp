// Orientation and training (docs/formats/training.md): the courses an origin country sets as data,
// the licensed centres that deliver them, sessions, each attendee's place, and the certificate of
// each who completed; who may see and do what.
//
// - A course is for workers (pre-departure orientation) or for officials by role (police, labour
//   inspectors, border officers); its topics are those of its audience.
// - A centre may deliver a course on a day when the course is among those its licence names, the
//   licence is active and not expired that day.
// - Enrolment refuses a full session, an attendee who does not fit the course, and the same person
//   twice; completion certifies everyone enrolled but those named absent.
// - The destination sees nothing of this module; a centre's staff see only their own centre's.
//
// Pure values and functions; thread-safe. Today's date is a parameter.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "core/status.hpp"
#include "core/time.hpp"
#include "domain/access.hpp"
#include "domain/registry.hpp"

namespace corridor::domain {

CORRIDOR_DEFINE_ID(SessionId, "TS");
CORRIDOR_DEFINE_ID(AttendanceId, "TA");

// ---------------------------------------------------------------- courses

enum class Audience { kWorkers, kOfficials };
std::string_view ToString(Audience a);  // "workers", "officials"
Result<Audience> ParseAudience(std::string_view text);

enum class OfficialRole { kPolice, kLabourInspector, kBorderOfficer };
std::string_view ToString(OfficialRole r);  // "police", "labour_inspector", "border_officer"
Result<OfficialRole> ParseOfficialRole(std::string_view text);

enum class Topic {
  // Workers' courses.
  kWorkersRightsAndContract,
  kWageProtectionAndComplaints,
  kSafeMigrationAndTrafficking,
  kDestinationLawsAndCulture,
  // Officials' courses.
  kHumanRights,
  kContractualLabour,
  kTraffickingPrevention,
};
std::string_view ToString(Topic t);
Result<Topic> ParseTopic(std::string_view text);
Audience AudienceOf(Topic t);

enum class CentreKind { kOrientationCentre, kTrainingInstitute };
std::string_view ToString(CentreKind k);  // "orientation_centre", "training_institute"
Result<CentreKind> ParseCentreKind(std::string_view text);

struct CourseText {
  std::string title;                 // 1-200 characters
  std::vector<std::string> outline;  // 1-30 items of 1-300 characters
  bool operator==(const CourseText&) const = default;
};

struct Course {
  std::string id;  // 3-40 of [A-Z0-9-]
  Audience audience = Audience::kWorkers;
  std::vector<OfficialRole> official_roles;  // officials' courses only
  std::vector<Topic> topics;
  int duration_hours = 0;
  std::vector<CentreKind> delivered_by;
  std::map<std::string, CourseText> text;  // by language code
  bool operator==(const Course&) const = default;

  bool Trains(OfficialRole r) const;
  bool DeliveredBy(CentreKind k) const;
  // The title in `language`, else in English.
  const std::string& TitleIn(std::string_view language) const;
};

// A country's courses (data/training/<country>.json).
struct Catalogue {
  std::string country;   // alpha-3
  std::string language;  // the country's own language; every course has text in it and in "en"
  std::vector<Course> courses;
  bool operator==(const Catalogue&) const = default;

  const Course* Find(std::string_view id) const;
};

// Checks the whole catalogue, naming the course and the field ("courses[1].text.ne.title"):
// ids well formed and unique, topics of the course's audience and not repeated, official roles
// exactly for officials' courses, a duration of 1-400 hours, one or more centre kinds, text in
// English and the country's language, every language a known one, titles and outlines in bounds.
Status ValidateCatalogue(const Catalogue& c);

// ---------------------------------------------------------------- centres

struct Centre {
  CentreId id;
  std::string name;
  CentreKind kind = CentreKind::kOrientationCentre;
  std::string country;
  std::string address;
  std::string licence_number;
  Date licence_valid_until;
  LicenceStatus licence_status = LicenceStatus::kActive;
  std::vector<std::string> courses;  // course ids it is licensed to deliver
  std::string registered_by;
  Timestamp registered_at;
  bool operator==(const Centre&) const = default;
};

// Trims the text fields and checks the centre against the country's catalogue: names and licence
// number in bounds, a licence valid on `today` or later, one or more courses, each in the
// catalogue, not repeated, and delivered by centres of this kind.
Status ValidateCentre(Centre& c, const Catalogue& catalogue, Date today);

// Whether the centre may deliver `course` on `day`, or FailedPrecondition saying why not.
Status MayDeliver(const Centre& c, const Course& course, Date day);

// A licence change: a revoked licence is final; a new validity is not before `today`; `reason`
// (trimmed in place) is required, 1 to 500 characters, and goes to the ledger with the change.
Status ChangeLicence(Centre& c, LicenceStatus status, Date valid_until, std::string& reason,
                     Date today);

// ---------------------------------------------------------------- sessions

enum class SessionState { kScheduled, kCompleted, kCancelled };
std::string_view ToString(SessionState s);
Result<SessionState> ParseSessionState(std::string_view text);

struct Session {
  SessionId id;
  std::string course;
  Audience audience = Audience::kWorkers;
  CentreId centre;
  Date date;
  std::string place;
  std::string trainer;
  int capacity = 0;
  int enrolled = 0;
  SessionState state = SessionState::kScheduled;
  std::optional<Date> completed_on;
  std::string scheduled_by;
  Timestamp scheduled_at;
  bool operator==(const Session&) const = default;
};

inline constexpr int kMaxCapacity = 500;

// Trims and checks a new session for `course` at `centre`: place and trainer 1-200 characters,
// capacity 1-500, the centre may deliver the course on the session's date. Fills audience, sets
// state scheduled and nothing enrolled.
Status ValidateSession(Session& s, const Course& course, const Centre& centre);

// Cancels a scheduled session; a completed or cancelled one is refused.
Status CancelSession(Session& s);

// ---------------------------------------------------------------- attendance

struct Official {
  std::string name;  // 1-200
  OfficialRole role = OfficialRole::kPolice;
  std::string service_number;  // 1-64
  std::string organisation;    // 1-200
  bool operator==(const Official&) const = default;
};

enum class AttendanceOutcome { kEnrolled, kCompleted, kAbsent };
std::string_view ToString(AttendanceOutcome o);  // "enrolled", "completed", "absent"
Result<AttendanceOutcome> ParseAttendanceOutcome(std::string_view text);

struct Attendance {
  AttendanceId id;
  SessionId session;
  std::string course;
  CentreId centre;
  std::optional<WorkerId> worker;
  std::optional<Official> official;
  AttendanceOutcome outcome = AttendanceOutcome::kEnrolled;
  std::optional<CertificateId> certificate;
  std::string enrolled_by;
  Timestamp enrolled_at;
  bool operator==(const Attendance&) const = default;
};

// Enrols `who` (exactly one of worker and official set) in the session: the session scheduled and
// not full, a worker of the node's country (`worker_nationality`) for a workers' course, an
// official whose role the course trains for an officials' course, not enrolled already (`others`:
// the session's attendances). On success fills the attendance's session, course and centre and
// counts it in the session.
Status Enrol(Session& s, const Course& course, Attendance& who,
             std::optional<std::string_view> worker_nationality, std::string_view node_country,
             std::span<const Attendance> others);

// ---------------------------------------------------------------- completion and certificates

struct Certificate {
  CertificateId id;
  AttendanceId attendance;
  SessionId session;
  std::string course;
  CentreId centre;
  std::optional<WorkerId> worker;
  struct Holder {
    std::string name;
    OfficialRole role = OfficialRole::kPolice;
    bool operator==(const Holder&) const = default;
  };
  std::optional<Holder> official;
  Date completed_on;
  Timestamp issued_at;
  bool operator==(const Certificate&) const = default;
};

// Completes a scheduled session on `completed_on` (not before its date, not after `today`):
// every attendance in `attendances` (the session's) is completed but those in `absent`, each of
// which must be one of them. Marks the attendances; the caller issues a certificate for each
// completed one (IssueCertificate). Refusals change nothing.
Status Complete(Session& s, std::vector<Attendance>& attendances,
                std::span<const AttendanceId> absent, Date completed_on, Date today);

// The certificate of a completed attendance; sets the attendance's certificate.
Result<Certificate> IssueCertificate(const Session& s, Attendance& a, CertificateId id,
                                     Timestamp now);

// Whether a certificate presented for `worker` is hers: FailedPrecondition otherwise, naming no
// one else.
Status CheckCertificateHolder(const Certificate& c, const WorkerId& worker);

// ---------------------------------------------------------------- access

// Origin officer of the node's country.
bool IsTrainingAuthority(const Actor& a, const NodeContext& node);
// Centres: the authority all, a centre's staff their own.
bool MayViewCentre(const Actor& a, const CentreId& centre, const NodeContext& node);
// Sessions and their attendees: the authority all, a centre's staff their own centre's.
bool MayViewSession(const Actor& a, const CentreId& centre, const NodeContext& node);
// A worker's certificates and attendance: the authority for its nationals, the worker herself.
// (Centre staff see their sessions' attendees through MayViewSession.)
bool MayViewWorkerTraining(const Actor& a, const WorkerId& worker, std::string_view nationality,
                           const NodeContext& node);
// Counts: the authority and the node's analysts.
bool MayViewTrainingCounts(const Actor& a, const NodeContext& node);

// Registering a centre and changing its licence: the authority. PermissionDenied naming who may.
Status CheckMayLicenceCentres(const Actor& a, const NodeContext& node);
// Scheduling, enrolling, completing, cancelling at `centre`: the authority and the centre's staff.
Status CheckMayRunSessions(const Actor& a, const CentreId& centre, const NodeContext& node);

enum class SessionStep {
  kEnrol,     // POST /training/sessions/{id}/attendees
  kComplete,  // POST /training/sessions/{id}/complete
  kCancel,    // POST /training/sessions/{id}/cancel
};
std::string_view ToString(SessionStep s);
std::vector<SessionStep> AllowedSessionActions(const Actor& a, const Session& s,
                                               const NodeContext& node);

enum class CentreStep {
  kChangeLicence,    // POST /training/centres/{id}/licence: the authority, unless revoked
  kScheduleSession,  // POST /training/sessions: the authority and the centre's staff, while its
                     // licence is active and not expired on `today`
};
std::string_view ToString(CentreStep s);
std::vector<CentreStep> AllowedCentreActions(const Actor& a, const Centre& c,
                                             const NodeContext& node, Date today);

}  // namespace corridor::domain
