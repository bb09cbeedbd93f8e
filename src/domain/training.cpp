#include "domain/training.hpp"

#include <algorithm>
#include <set>

#include "core/text.hpp"
#include "domain/named.hpp"
#include "domain/reference.hpp"

namespace corridor::domain {
namespace {

constexpr Named<Audience> kAudiences[] = {{Audience::kWorkers, "workers"},
                                          {Audience::kOfficials, "officials"}};
constexpr Named<OfficialRole> kOfficialRoles[] = {
    {OfficialRole::kPolice, "police"},
    {OfficialRole::kLabourInspector, "labour_inspector"},
    {OfficialRole::kBorderOfficer, "border_officer"},
};
constexpr Named<Topic> kTopics[] = {
    {Topic::kWorkersRightsAndContract, "workers_rights_and_contract"},
    {Topic::kWageProtectionAndComplaints, "wage_protection_and_complaints"},
    {Topic::kSafeMigrationAndTrafficking, "safe_migration_and_trafficking"},
    {Topic::kDestinationLawsAndCulture, "destination_laws_and_culture"},
    {Topic::kHumanRights, "human_rights"},
    {Topic::kContractualLabour, "contractual_labour"},
    {Topic::kTraffickingPrevention, "trafficking_prevention"},
};
constexpr Named<CentreKind> kKinds[] = {{CentreKind::kOrientationCentre, "orientation_centre"},
                                        {CentreKind::kTrainingInstitute, "training_institute"}};
constexpr Named<SessionState> kSessionStates[] = {{SessionState::kScheduled, "scheduled"},
                                                  {SessionState::kCompleted, "completed"},
                                                  {SessionState::kCancelled, "cancelled"}};
constexpr Named<AttendanceOutcome> kOutcomes[] = {{AttendanceOutcome::kEnrolled, "enrolled"},
                                                  {AttendanceOutcome::kCompleted, "completed"},
                                                  {AttendanceOutcome::kAbsent, "absent"}};

Status Text(std::string& value, std::string_view field, size_t max_chars) {
  ASSIGN_OR_RETURN(value, RequiredText(value, field, max_chars));
  return Status::Ok();
}

bool IsCourseId(std::string_view id) {
  if (id.size() < 3 || id.size() > 40) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

Status ValidateCourse(const Course& c, const std::string& at, std::string_view country_language) {
  auto field = [&](const std::string& f) { return at + "." + f; };
  if (!IsCourseId(c.id)) {
    return Status::InvalidArgument("must be 3 to 40 characters of A-Z, 0-9 and '-'", field("id"));
  }
  if (c.audience == Audience::kOfficials && c.official_roles.empty()) {
    return Status::InvalidArgument("an officials' course names the roles it trains",
                                   field("official_roles"));
  }
  if (c.audience == Audience::kWorkers && !c.official_roles.empty()) {
    return Status::InvalidArgument("a workers' course trains no official roles",
                                   field("official_roles"));
  }
  std::set<OfficialRole> roles(c.official_roles.begin(), c.official_roles.end());
  if (roles.size() != c.official_roles.size()) {
    return Status::InvalidArgument("names a role twice", field("official_roles"));
  }
  if (c.topics.empty()) return Status::InvalidArgument("must name a topic", field("topics"));
  std::set<Topic> topics;
  for (size_t i = 0; i < c.topics.size(); ++i) {
    const std::string f = field("topics[" + std::to_string(i) + "]");
    if (!topics.insert(c.topics[i]).second) return Status::InvalidArgument("is repeated", f);
    if (AudienceOf(c.topics[i]) != c.audience) {
      return Status::InvalidArgument("'" + std::string(ToString(c.topics[i])) +
                                         "' is not a topic of a course for " +
                                         std::string(ToString(c.audience)),
                                     f);
    }
  }
  if (c.duration_hours < 1 || c.duration_hours > 400) {
    return Status::InvalidArgument("must be from 1 to 400 hours", field("duration_hours"));
  }
  if (c.delivered_by.empty()) {
    return Status::InvalidArgument("must name a kind of centre", field("delivered_by"));
  }
  std::set<CentreKind> kinds(c.delivered_by.begin(), c.delivered_by.end());
  if (kinds.size() != c.delivered_by.size()) {
    return Status::InvalidArgument("names a kind twice", field("delivered_by"));
  }
  for (const std::string_view needed : {std::string_view("en"), country_language}) {
    if (!c.text.contains(std::string(needed))) {
      return Status::InvalidArgument("has no text in '" + std::string(needed) + "'", field("text"));
    }
  }
  for (const auto& [lang, text] : c.text) {
    const std::string f = field("text." + lang);
    if (!IsSupportedLanguage(lang)) {
      return Status::InvalidArgument("is not a language of the list", f);
    }
    RETURN_IF_ERROR(RequiredText(text.title, f + ".title", 200).status());
    if (text.outline.empty() || text.outline.size() > 30) {
      return Status::InvalidArgument("must hold 1 to 30 items", f + ".outline");
    }
    for (size_t i = 0; i < text.outline.size(); ++i) {
      RETURN_IF_ERROR(
          RequiredText(text.outline[i], f + ".outline[" + std::to_string(i) + "]", 300).status());
    }
  }
  return Status::Ok();
}

bool IsAuthority(const Actor& a, const NodeContext& node) {
  return a.role == Role::kOriginOfficer && a.country == node.country;
}

bool IsStaffOf(const Actor& a, const CentreId& centre) {
  return a.role == Role::kOrientationCentre && a.centre && *a.centre == centre;
}

}  // namespace

std::string_view ToString(Audience a) { return NameOf(kAudiences, a); }
Result<Audience> ParseAudience(std::string_view text) {
  return ParseNamed(kAudiences, text, "an audience");
}
std::string_view ToString(OfficialRole r) { return NameOf(kOfficialRoles, r); }
Result<OfficialRole> ParseOfficialRole(std::string_view text) {
  return ParseNamed(kOfficialRoles, text, "an official's role");
}
std::string_view ToString(Topic t) { return NameOf(kTopics, t); }
Result<Topic> ParseTopic(std::string_view text) { return ParseNamed(kTopics, text, "a topic"); }
Audience AudienceOf(Topic t) {
  switch (t) {
    case Topic::kWorkersRightsAndContract:
    case Topic::kWageProtectionAndComplaints:
    case Topic::kSafeMigrationAndTrafficking:
    case Topic::kDestinationLawsAndCulture:
      return Audience::kWorkers;
    case Topic::kHumanRights:
    case Topic::kContractualLabour:
    case Topic::kTraffickingPrevention:
      return Audience::kOfficials;
  }
  return Audience::kWorkers;
}
std::string_view ToString(CentreKind k) { return NameOf(kKinds, k); }
Result<CentreKind> ParseCentreKind(std::string_view text) {
  return ParseNamed(kKinds, text, "a kind of centre");
}
std::string_view ToString(SessionState s) { return NameOf(kSessionStates, s); }
Result<SessionState> ParseSessionState(std::string_view text) {
  return ParseNamed(kSessionStates, text, "a session state");
}
std::string_view ToString(AttendanceOutcome o) { return NameOf(kOutcomes, o); }
Result<AttendanceOutcome> ParseAttendanceOutcome(std::string_view text) {
  return ParseNamed(kOutcomes, text, "an attendance outcome");
}

bool Course::Trains(OfficialRole r) const {
  return std::find(official_roles.begin(), official_roles.end(), r) != official_roles.end();
}

bool Course::DeliveredBy(CentreKind k) const {
  return std::find(delivered_by.begin(), delivered_by.end(), k) != delivered_by.end();
}

const std::string& Course::TitleIn(std::string_view language) const {
  auto it = text.find(std::string(language));
  if (it == text.end()) it = text.find("en");
  static const std::string kNone;
  return it == text.end() ? kNone : it->second.title;
}

const Course* Catalogue::Find(std::string_view id) const {
  for (const auto& c : courses) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

Status ValidateCatalogue(const Catalogue& c) {
  RETURN_IF_ERROR(CheckCountry(c.country, "country"));
  RETURN_IF_ERROR(CheckLanguage(c.language, "language"));
  std::set<std::string> ids;
  for (size_t i = 0; i < c.courses.size(); ++i) {
    const std::string at = "courses[" + std::to_string(i) + "]";
    RETURN_IF_ERROR(ValidateCourse(c.courses[i], at, c.language));
    if (!ids.insert(c.courses[i].id).second) {
      return Status::InvalidArgument("'" + c.courses[i].id + "' is the id of an earlier course",
                                     at + ".id");
    }
  }
  return Status::Ok();
}

Status ValidateCentre(Centre& c, const Catalogue& catalogue, Date today) {
  RETURN_IF_ERROR(Text(c.name, "name", 200));
  RETURN_IF_ERROR(Text(c.address, "address", 300));
  RETURN_IF_ERROR(Text(c.licence_number, "licence_number", 64));
  if (c.licence_valid_until < today) {
    return Status::InvalidArgument("the licence ended on " + c.licence_valid_until.ToString() +
                                       "; license a centre until today or later",
                                   "licence_valid_until");
  }
  if (c.courses.empty()) {
    return Status::InvalidArgument("must name a course the centre may deliver", "courses");
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < c.courses.size(); ++i) {
    const std::string f = "courses[" + std::to_string(i) + "]";
    if (!seen.insert(c.courses[i]).second) return Status::InvalidArgument("is repeated", f);
    const Course* course = catalogue.Find(c.courses[i]);
    if (course == nullptr) {
      return Status::InvalidArgument(
          "'" + c.courses[i] + "' is not a course of " + catalogue.country, f);
    }
    if (!course->DeliveredBy(c.kind)) {
      return Status::InvalidArgument(
          "course " + course->id + " is not delivered by a " + std::string(ToString(c.kind)), f);
    }
  }
  return Status::Ok();
}

Status MayDeliver(const Centre& c, const Course& course, Date day) {
  if (std::find(c.courses.begin(), c.courses.end(), course.id) == c.courses.end()) {
    return Status::FailedPrecondition(
        "centre " + c.id.value() + " is not licensed to deliver " + course.id, "course");
  }
  if (c.licence_status != LicenceStatus::kActive) {
    return Status::FailedPrecondition(
        "the licence of centre " + c.id.value() + " is " + std::string(ToString(c.licence_status)),
        "centre");
  }
  if (day > c.licence_valid_until) {
    return Status::FailedPrecondition("the licence of centre " + c.id.value() + " ends on " +
                                          c.licence_valid_until.ToString() + ", before " +
                                          day.ToString(),
                                      "date");
  }
  return Status::Ok();
}

Status ChangeLicence(Centre& c, LicenceStatus status, Date valid_until, std::string& reason,
                     Date today) {
  if (c.licence_status == LicenceStatus::kRevoked) {
    return Status::FailedPrecondition("the licence of centre " + c.id.value() +
                                      " is revoked; a revocation is final");
  }
  if (valid_until < today) {
    return Status::InvalidArgument("must not be before today (" + today.ToString() + ")",
                                   "licence_valid_until");
  }
  RETURN_IF_ERROR(Text(reason, "reason", 500));
  c.licence_status = status;
  c.licence_valid_until = valid_until;
  return Status::Ok();
}

Status ValidateSession(Session& s, const Course& course, const Centre& centre) {
  RETURN_IF_ERROR(Text(s.place, "place", 200));
  RETURN_IF_ERROR(Text(s.trainer, "trainer", 200));
  if (s.capacity < 1 || s.capacity > kMaxCapacity) {
    return Status::InvalidArgument("must be from 1 to " + std::to_string(kMaxCapacity), "capacity");
  }
  RETURN_IF_ERROR(MayDeliver(centre, course, s.date));
  s.course = course.id;
  s.centre = centre.id;
  s.audience = course.audience;
  s.state = SessionState::kScheduled;
  s.enrolled = 0;
  s.completed_on.reset();
  return Status::Ok();
}

Status CancelSession(Session& s) {
  if (s.state != SessionState::kScheduled) {
    return Status::FailedPrecondition("session " + s.id.value() + " is " +
                                      std::string(ToString(s.state)) + "; only a scheduled one " +
                                      "is cancelled");
  }
  s.state = SessionState::kCancelled;
  return Status::Ok();
}

Status Enrol(Session& s, const Course& course, Attendance& who,
             std::optional<std::string_view> worker_nationality, std::string_view node_country,
             std::span<const Attendance> others) {
  if (s.state != SessionState::kScheduled) {
    return Status::FailedPrecondition("session " + s.id.value() + " is " +
                                      std::string(ToString(s.state)) + "; attendees are enrolled " +
                                      "while it is scheduled");
  }
  if (who.worker.has_value() == who.official.has_value()) {
    return Status::InvalidArgument("names either a worker or an official", "worker");
  }
  if (course.audience == Audience::kWorkers) {
    if (!who.worker) {
      return Status::InvalidArgument("course " + course.id + " is for workers; name a worker",
                                     "official");
    }
    if (!worker_nationality || *worker_nationality != node_country) {
      return Status::FailedPrecondition(
          "worker " + who.worker->value() + " is not a national of " + std::string(node_country),
          "worker");
    }
    for (const auto& o : others) {
      if (o.worker && *o.worker == *who.worker) {
        return Status::AlreadyExists("worker " + who.worker->value() + " is enrolled in session " +
                                         s.id.value() + " already (" + o.id.value() + ")",
                                     "worker");
      }
    }
  } else {
    if (!who.official) {
      return Status::InvalidArgument("course " + course.id + " is for officials; name an official",
                                     "worker");
    }
    Official& off = *who.official;
    RETURN_IF_ERROR(Text(off.name, "official.name", 200));
    RETURN_IF_ERROR(Text(off.service_number, "official.service_number", 64));
    RETURN_IF_ERROR(Text(off.organisation, "official.organisation", 200));
    if (!course.Trains(off.role)) {
      return Status::InvalidArgument(
          "course " + course.id + " does not train " + std::string(ToString(off.role)),
          "official.role");
    }
    for (const auto& o : others) {
      if (o.official && o.official->role == off.role &&
          o.official->service_number == off.service_number) {
        return Status::AlreadyExists("the official with service number " + off.service_number +
                                         " is enrolled in session " + s.id.value() + " already (" +
                                         o.id.value() + ")",
                                     "official.service_number");
      }
    }
  }
  if (s.enrolled >= s.capacity) {
    return Status::FailedPrecondition("session " + s.id.value() +
                                      " is full: " + std::to_string(s.capacity) + " of " +
                                      std::to_string(s.capacity) + " places are taken");
  }
  who.session = s.id;
  who.course = s.course;
  who.centre = s.centre;
  who.outcome = AttendanceOutcome::kEnrolled;
  who.certificate.reset();
  ++s.enrolled;
  return Status::Ok();
}

Status Complete(Session& s, std::vector<Attendance>& attendances,
                std::span<const AttendanceId> absent, Date completed_on, Date today) {
  if (s.state != SessionState::kScheduled) {
    return Status::FailedPrecondition("session " + s.id.value() + " is " +
                                      std::string(ToString(s.state)) + " already");
  }
  if (completed_on > today) {
    return Status::InvalidArgument(
        "is in the future (" + completed_on.ToString() + ", today is " + today.ToString() + ")",
        "completed_on");
  }
  if (completed_on < s.date) {
    return Status::InvalidArgument("is before the session's date " + s.date.ToString(),
                                   "completed_on");
  }
  std::set<AttendanceId> away;
  for (size_t i = 0; i < absent.size(); ++i) {
    const std::string f = "absent[" + std::to_string(i) + "]";
    const bool ours = std::any_of(attendances.begin(), attendances.end(), [&](const Attendance& a) {
      return a.id == absent[i] && a.session == s.id;
    });
    if (!ours) {
      return Status::InvalidArgument(
          "'" + absent[i].value() + "' is not an attendee of session " + s.id.value(), f);
    }
    if (!away.insert(absent[i]).second) return Status::InvalidArgument("is repeated", f);
  }
  for (auto& a : attendances) {
    if (a.session != s.id) {
      return Status::Internal("attendance " + a.id.value() + " is not of session " + s.id.value());
    }
  }
  for (auto& a : attendances) {
    a.outcome = away.contains(a.id) ? AttendanceOutcome::kAbsent : AttendanceOutcome::kCompleted;
  }
  s.state = SessionState::kCompleted;
  s.completed_on = completed_on;
  return Status::Ok();
}

Result<Certificate> IssueCertificate(const Session& s, Attendance& a, CertificateId id,
                                     Timestamp now) {
  if (s.state != SessionState::kCompleted || !s.completed_on) {
    return Status::FailedPrecondition("session " + s.id.value() + " is not completed");
  }
  if (a.session != s.id || a.outcome != AttendanceOutcome::kCompleted) {
    return Status::FailedPrecondition("attendance " + a.id.value() + " did not complete session " +
                                      s.id.value());
  }
  if (a.certificate) {
    return Status::AlreadyExists("attendance " + a.id.value() + " holds certificate " +
                                 a.certificate->value() + " already");
  }
  Certificate c;
  c.id = std::move(id);
  c.attendance = a.id;
  c.session = s.id;
  c.course = s.course;
  c.centre = s.centre;
  c.worker = a.worker;
  if (a.official) c.official = Certificate::Holder{a.official->name, a.official->role};
  c.completed_on = *s.completed_on;
  c.issued_at = now;
  a.certificate = c.id;
  return c;
}

Status CheckCertificateHolder(const Certificate& c, const WorkerId& worker) {
  if (!c.worker) {
    return Status::FailedPrecondition("certificate " + c.id.value() +
                                      " is of an officials' course, not a worker's orientation");
  }
  if (*c.worker != worker) {
    return Status::FailedPrecondition("certificate " + c.id.value() +
                                      " was issued to another person, not to worker " +
                                      worker.value());
  }
  return Status::Ok();
}

bool IsTrainingAuthority(const Actor& a, const NodeContext& node) {
  return a.role == Role::kSystem || IsAuthority(a, node);
}

bool MayViewCentre(const Actor& a, const CentreId& centre, const NodeContext& node) {
  return IsTrainingAuthority(a, node) || IsStaffOf(a, centre);
}

bool MayViewSession(const Actor& a, const CentreId& centre, const NodeContext& node) {
  return IsTrainingAuthority(a, node) || IsStaffOf(a, centre);
}

bool MayViewWorkerTraining(const Actor& a, const WorkerId& worker, std::string_view nationality,
                           const NodeContext& node) {
  if (IsTrainingAuthority(a, node)) return a.role == Role::kSystem || nationality == a.country;
  return a.role == Role::kWorker && a.worker && *a.worker == worker;
}

bool MayViewTrainingCounts(const Actor& a, const NodeContext& node) {
  return IsTrainingAuthority(a, node) || (a.role == Role::kAnalyst && a.country == node.country);
}

Status CheckMayLicenceCentres(const Actor& a, const NodeContext& node) {
  if (IsTrainingAuthority(a, node)) return Status::Ok();
  return Status::PermissionDenied("only an origin-authority officer of " + node.country +
                                  " registers and licenses training centres");
}

Status CheckMayRunSessions(const Actor& a, const CentreId& centre, const NodeContext& node) {
  if (IsTrainingAuthority(a, node) || IsStaffOf(a, centre)) return Status::Ok();
  return Status::PermissionDenied("only the centre's own staff or an origin-authority officer of " +
                                  node.country + " runs the centre's sessions");
}

std::string_view ToString(SessionStep s) {
  switch (s) {
    case SessionStep::kEnrol:
      return "enrol";
    case SessionStep::kComplete:
      return "complete";
    case SessionStep::kCancel:
      return "cancel";
  }
  return "unknown";
}

std::vector<SessionStep> AllowedSessionActions(const Actor& a, const Session& s,
                                               const NodeContext& node) {
  std::vector<SessionStep> out;
  if (s.state != SessionState::kScheduled || !CheckMayRunSessions(a, s.centre, node).ok()) {
    return out;
  }
  if (s.enrolled < s.capacity) out.push_back(SessionStep::kEnrol);
  out.push_back(SessionStep::kComplete);
  out.push_back(SessionStep::kCancel);
  return out;
}

std::string_view ToString(CentreStep s) {
  switch (s) {
    case CentreStep::kChangeLicence:
      return "change_licence";
    case CentreStep::kScheduleSession:
      return "schedule_session";
  }
  return "?";
}

std::vector<CentreStep> AllowedCentreActions(const Actor& a, const Centre& c,
                                             const NodeContext& node, Date today) {
  std::vector<CentreStep> out;
  if (c.licence_status != LicenceStatus::kRevoked && CheckMayLicenceCentres(a, node).ok()) {
    out.push_back(CentreStep::kChangeLicence);
  }
  if (c.licence_status == LicenceStatus::kActive && today <= c.licence_valid_until &&
      CheckMayRunSessions(a, c.id, node).ok()) {
    out.push_back(CentreStep::kScheduleSession);
  }
  return out;
}

}  // namespace corridor::domain
