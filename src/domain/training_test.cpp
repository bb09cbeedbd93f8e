#include "domain/training.hpp"

#include <gtest/gtest.h>

#include "domain/testing.hpp"

namespace corridor::domain {
namespace {

using testing::D;

Course WorkersCourse() {
  Course c;
  c.id = "NPL-PDO-GCC";
  c.audience = Audience::kWorkers;
  c.topics = {Topic::kWorkersRightsAndContract, Topic::kWageProtectionAndComplaints};
  c.duration_hours = 16;
  c.delivered_by = {CentreKind::kOrientationCentre};
  c.text["en"] = {"Pre-departure orientation", {"Your contract", "Your wages"}};
  c.text["ne"] = {"प्रस्थानपूर्व अभिमुखीकरण", {"तपाईंको करार"}};
  return c;
}

Course OfficialsCourse() {
  Course c;
  c.id = "NPL-OFF-HTP";
  c.audience = Audience::kOfficials;
  c.official_roles = {OfficialRole::kPolice, OfficialRole::kBorderOfficer};
  c.topics = {Topic::kHumanRights, Topic::kTraffickingPrevention};
  c.duration_hours = 24;
  c.delivered_by = {CentreKind::kTrainingInstitute};
  c.text["en"] = {"Human rights", {"Identifying victims"}};
  c.text["ne"] = {"मानव अधिकार", {"पीडितको पहिचान"}};
  return c;
}

Catalogue Nepal() {
  Catalogue c;
  c.country = "NPL";
  c.language = "ne";
  c.courses = {WorkersCourse(), OfficialsCourse()};
  return c;
}

Centre Kathmandu() {
  Centre c;
  c.id = CentreId("TC-1");
  c.name = "Kathmandu Orientation Centre";
  c.kind = CentreKind::kOrientationCentre;
  c.country = "NPL";
  c.address = "Baneshwor, Kathmandu";
  c.licence_number = "OC-2026-014";
  c.licence_valid_until = D("2027-12-31");
  c.courses = {"NPL-PDO-GCC"};
  return c;
}

Session ScheduledAt(const Centre& centre, const Course& course, int capacity) {
  Session s;
  s.id = SessionId("TS-1");
  s.date = D("2026-11-20");
  s.place = "Hall 2";
  s.trainer = "Sita Sharma";
  s.capacity = capacity;
  EXPECT_TRUE(ValidateSession(s, course, centre).ok());
  return s;
}

Attendance WorkerPlace(const char* worker) {
  Attendance a;
  a.worker = WorkerId(worker);
  return a;
}

Attendance OfficialPlace(OfficialRole role, const char* number) {
  Attendance a;
  a.official = Official{"Inspector Rana", role, number, "Nepal Police"};
  return a;
}

Actor As(Role role, const char* country = "NPL") {
  Actor a;
  a.account = "U-1";
  a.role = role;
  a.country = country;
  return a;
}

Actor Staff(const char* centre) {
  Actor a = As(Role::kOrientationCentre);
  a.centre = CentreId(centre);
  return a;
}

const NodeContext kNepal{"NPL"};

// ---------------------------------------------------------------- the catalogue

TEST(TrainingCatalogue, AWellFormedCatalogueHolds) { EXPECT_TRUE(ValidateCatalogue(Nepal()).ok()); }

TEST(TrainingCatalogue, EachProblemIsNamedByCourseAndField) {
  auto refused = [](Catalogue c) {
    Status s = ValidateCatalogue(c);
    EXPECT_EQ(s.code(), Code::kInvalidArgument);
    return s.field();
  };
  Catalogue c = Nepal();
  c.courses[1].text.erase("ne");
  EXPECT_EQ(refused(c), "courses[1].text");
  c = Nepal();
  c.courses[0].topics.push_back(Topic::kHumanRights);
  EXPECT_EQ(refused(c), "courses[0].topics[2]");
  c = Nepal();
  c.courses[0].topics.push_back(Topic::kWorkersRightsAndContract);
  EXPECT_EQ(refused(c), "courses[0].topics[2]");
  c = Nepal();
  c.courses[0].official_roles = {OfficialRole::kPolice};
  EXPECT_EQ(refused(c), "courses[0].official_roles");
  c = Nepal();
  c.courses[1].official_roles.clear();
  EXPECT_EQ(refused(c), "courses[1].official_roles");
  c = Nepal();
  c.courses[0].duration_hours = 0;
  EXPECT_EQ(refused(c), "courses[0].duration_hours");
  c = Nepal();
  c.courses[0].delivered_by.clear();
  EXPECT_EQ(refused(c), "courses[0].delivered_by");
  c = Nepal();
  c.courses[0].id = "npl pdo";
  EXPECT_EQ(refused(c), "courses[0].id");
  c = Nepal();
  c.courses[1].id = c.courses[0].id;
  EXPECT_EQ(refused(c), "courses[1].id");
  c = Nepal();
  c.courses[0].text["xx"] = {"Title", {"Item"}};
  EXPECT_EQ(refused(c), "courses[0].text.xx");
  c = Nepal();
  c.courses[0].text["en"].title = "";
  EXPECT_EQ(refused(c), "courses[0].text.en.title");
  c = Nepal();
  c.courses[0].text["en"].outline.clear();
  EXPECT_EQ(refused(c), "courses[0].text.en.outline");
  c = Nepal();
  c.courses[0].text["en"].outline[1] = " ";
  EXPECT_EQ(refused(c), "courses[0].text.en.outline[1]");
  c = Nepal();
  c.language = "zz";
  EXPECT_EQ(refused(c), "language");
}

TEST(TrainingCatalogue, TitlesFallBackToEnglish) {
  const Course c = WorkersCourse();
  EXPECT_EQ(c.TitleIn("ne"), "प्रस्थानपूर्व अभिमुखीकरण");
  EXPECT_EQ(c.TitleIn("tl"), "Pre-departure orientation");
  EXPECT_EQ(Nepal().Find("NPL-OFF-HTP")->audience, Audience::kOfficials);
  EXPECT_EQ(Nepal().Find("NOPE"), nullptr);
}

// ---------------------------------------------------------------- centres

TEST(TrainingCentre, IsLicensedForCoursesItsKindDelivers) {
  const Date today = D("2026-11-29");
  Centre c = Kathmandu();
  c.name = "  Kathmandu Orientation Centre ";
  ASSERT_TRUE(ValidateCentre(c, Nepal(), today).ok());
  EXPECT_EQ(c.name, "Kathmandu Orientation Centre");

  c = Kathmandu();
  c.courses = {"NPL-OFF-HTP"};  // delivered by training institutes only
  Status s = ValidateCentre(c, Nepal(), today);
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_EQ(s.field(), "courses[0]");
  c.courses = {"NPL-PDO-GCC", "NPL-PDO-GCC"};
  EXPECT_EQ(ValidateCentre(c, Nepal(), today).field(), "courses[1]");
  c.courses = {"NPL-UNKNOWN"};
  EXPECT_EQ(ValidateCentre(c, Nepal(), today).field(), "courses[0]");
  c.courses = {};
  EXPECT_EQ(ValidateCentre(c, Nepal(), today).field(), "courses");
  c = Kathmandu();
  c.licence_valid_until = D("2026-11-28");
  EXPECT_EQ(ValidateCentre(c, Nepal(), today).field(), "licence_valid_until");
  c = Kathmandu();
  c.licence_number = "";
  EXPECT_EQ(ValidateCentre(c, Nepal(), today).field(), "licence_number");
}

TEST(TrainingCentre, MayDeliverOnlyItsCoursesWhileItsLicenceHolds) {
  Centre c = Kathmandu();
  EXPECT_TRUE(MayDeliver(c, WorkersCourse(), D("2026-12-01")).ok());
  // Each refusal names the field of the scheduling request it is about.
  EXPECT_EQ(MayDeliver(c, OfficialsCourse(), D("2026-12-01")).code(), Code::kFailedPrecondition);
  EXPECT_EQ(MayDeliver(c, OfficialsCourse(), D("2026-12-01")).field(), "course");
  EXPECT_EQ(MayDeliver(c, WorkersCourse(), D("2028-01-01")).code(), Code::kFailedPrecondition);
  EXPECT_EQ(MayDeliver(c, WorkersCourse(), D("2028-01-01")).field(), "date");
  c.licence_status = LicenceStatus::kSuspended;
  EXPECT_EQ(MayDeliver(c, WorkersCourse(), D("2026-12-01")).code(), Code::kFailedPrecondition);
  EXPECT_EQ(MayDeliver(c, WorkersCourse(), D("2026-12-01")).field(), "centre");
}

TEST(TrainingCentre, ARevokedLicenceIsFinal) {
  Centre c = Kathmandu();
  const Date today = D("2026-11-29");
  std::string why = "inspection found no trainer on site";
  EXPECT_EQ(ChangeLicence(c, LicenceStatus::kActive, D("2026-11-01"), why, today).field(),
            "licence_valid_until");
  EXPECT_EQ(c.licence_valid_until, D("2027-12-31"));  // unchanged
  ASSERT_TRUE(ChangeLicence(c, LicenceStatus::kSuspended, D("2027-12-31"), why, today).ok());
  ASSERT_TRUE(ChangeLicence(c, LicenceStatus::kRevoked, D("2027-12-31"), why, today).ok());
  EXPECT_EQ(ChangeLicence(c, LicenceStatus::kActive, D("2028-12-31"), why, today).code(),
            Code::kFailedPrecondition);
  EXPECT_EQ(c.licence_status, LicenceStatus::kRevoked);
}

TEST(TrainingCentre, ALicenceChangeNeedsAReasonAndTrimsIt) {
  const Date today = D("2026-11-29");
  for (std::string bad : {std::string(), std::string("   "), std::string(501, 'x')}) {
    Centre c = Kathmandu();
    const Centre before = c;
    EXPECT_EQ(ChangeLicence(c, LicenceStatus::kSuspended, D("2027-12-31"), bad, today).field(),
              "reason")
        << bad.size();
    EXPECT_EQ(c, before);
  }
  Centre c = Kathmandu();
  std::string why = "  fees charged to workers  ";
  ASSERT_TRUE(ChangeLicence(c, LicenceStatus::kSuspended, D("2027-12-31"), why, today).ok());
  EXPECT_EQ(why, "fees charged to workers");
}

// The steps a reader may take on a centre: the authority changes a licence that is not revoked;
// the authority and the centre's own staff schedule while the licence is active and unexpired.
TEST(TrainingCentre, AllowedActionsFollowTheRoleAndTheLicence) {
  const NodeContext node{"NPL"};
  Actor officer;
  officer.role = Role::kOriginOfficer;
  officer.country = "NPL";
  Actor staff;
  staff.role = Role::kOrientationCentre;
  staff.centre = CentreId("TC-1");
  Actor other_staff = staff;
  other_staff.centre = CentreId("TC-2");
  Actor foreign = officer;
  foreign.country = "PHL";
  Actor analyst;
  analyst.role = Role::kAnalyst;
  analyst.country = "NPL";
  using V = std::vector<CentreStep>;
  Centre c = Kathmandu();
  c.id = CentreId("TC-1");
  const Date today = D("2026-11-29");
  EXPECT_EQ(AllowedCentreActions(officer, c, node, today),
            (V{CentreStep::kChangeLicence, CentreStep::kScheduleSession}));
  EXPECT_EQ(AllowedCentreActions(staff, c, node, today), V{CentreStep::kScheduleSession});
  EXPECT_EQ(AllowedCentreActions(other_staff, c, node, today), V{});
  EXPECT_EQ(AllowedCentreActions(foreign, c, node, today), V{});
  EXPECT_EQ(AllowedCentreActions(analyst, c, node, today), V{});
  // The licence's last day still schedules; the day after does not.
  EXPECT_EQ(AllowedCentreActions(staff, c, node, c.licence_valid_until),
            V{CentreStep::kScheduleSession});
  EXPECT_EQ(AllowedCentreActions(staff, c, node, c.licence_valid_until.AddDays(1)), V{});
  c.licence_status = LicenceStatus::kSuspended;
  EXPECT_EQ(AllowedCentreActions(officer, c, node, today), V{CentreStep::kChangeLicence});
  EXPECT_EQ(AllowedCentreActions(staff, c, node, today), V{});
  c.licence_status = LicenceStatus::kRevoked;
  EXPECT_EQ(AllowedCentreActions(officer, c, node, today), V{});
  EXPECT_EQ(ToString(CentreStep::kChangeLicence), "change_licence");
  EXPECT_EQ(ToString(CentreStep::kScheduleSession), "schedule_session");
}

// ---------------------------------------------------------------- sessions and enrolment

TEST(TrainingSession, IsScheduledOnlyForACourseTheCentreMayDeliver) {
  Session s;
  s.date = D("2026-12-01");
  s.place = "Hall 2";
  s.trainer = "Sita Sharma";
  s.capacity = 30;
  Session refused = s;
  EXPECT_EQ(ValidateSession(refused, OfficialsCourse(), Kathmandu()).code(),
            Code::kFailedPrecondition);
  refused = s;
  refused.capacity = 0;
  EXPECT_EQ(ValidateSession(refused, WorkersCourse(), Kathmandu()).field(), "capacity");
  refused.capacity = kMaxCapacity + 1;
  EXPECT_EQ(ValidateSession(refused, WorkersCourse(), Kathmandu()).field(), "capacity");
  refused = s;
  refused.trainer = "";
  EXPECT_EQ(ValidateSession(refused, WorkersCourse(), Kathmandu()).field(), "trainer");
  ASSERT_TRUE(ValidateSession(s, WorkersCourse(), Kathmandu()).ok());
  EXPECT_EQ(s.course, "NPL-PDO-GCC");
  EXPECT_EQ(s.centre, CentreId("TC-1"));
  EXPECT_EQ(s.audience, Audience::kWorkers);
  EXPECT_EQ(s.state, SessionState::kScheduled);
}

TEST(TrainingSession, EnrolmentStopsAtCapacity) {
  const Course course = WorkersCourse();
  Session s = ScheduledAt(Kathmandu(), course, 2);
  std::vector<Attendance> places;
  for (const char* w : {"W-1", "W-2"}) {
    Attendance a = WorkerPlace(w);
    ASSERT_TRUE(Enrol(s, course, a, "NPL", "NPL", places).ok());
    a.id = AttendanceId(std::string("TA-") + w);
    places.push_back(a);
  }
  EXPECT_EQ(s.enrolled, 2);
  Attendance third = WorkerPlace("W-3");
  const Session before = s;
  Status full = Enrol(s, course, third, "NPL", "NPL", places);
  EXPECT_EQ(full.code(), Code::kFailedPrecondition);
  EXPECT_NE(full.message().find("full"), std::string::npos);
  EXPECT_EQ(s, before);  // nothing changed
}

TEST(TrainingSession, EnrolmentRefusesWhoDoesNotFitTheCourse) {
  const Course workers = WorkersCourse();
  const Course officials = OfficialsCourse();
  Session s = ScheduledAt(Kathmandu(), workers, 10);
  Attendance a = OfficialPlace(OfficialRole::kPolice, "P-1");
  EXPECT_EQ(Enrol(s, workers, a, std::nullopt, "NPL", {}).field(), "official");
  a = WorkerPlace("W-1");
  EXPECT_EQ(Enrol(s, workers, a, "IND", "NPL", {}).code(), Code::kFailedPrecondition);
  EXPECT_EQ(Enrol(s, workers, a, "IND", "NPL", {}).field(), "worker");
  std::vector<Attendance> places{WorkerPlace("W-1")};
  places[0].id = AttendanceId("TA-1");
  EXPECT_EQ(Enrol(s, workers, a, "NPL", "NPL", places).code(), Code::kAlreadyExists);
  EXPECT_EQ(Enrol(s, workers, a, "NPL", "NPL", places).field(), "worker");
  EXPECT_EQ(s.enrolled, 0);

  Centre institute = Kathmandu();
  institute.kind = CentreKind::kTrainingInstitute;
  institute.courses = {"NPL-OFF-HTP"};
  Session o = ScheduledAt(institute, officials, 10);
  a = WorkerPlace("W-1");
  EXPECT_EQ(Enrol(o, officials, a, "NPL", "NPL", {}).field(), "worker");
  a = OfficialPlace(OfficialRole::kLabourInspector, "L-1");  // the course trains police, border
  EXPECT_EQ(Enrol(o, officials, a, std::nullopt, "NPL", {}).field(), "official.role");
  a = OfficialPlace(OfficialRole::kPolice, "P-1");
  ASSERT_TRUE(Enrol(o, officials, a, std::nullopt, "NPL", {}).ok());
  a.id = AttendanceId("TA-9");
  Attendance again = OfficialPlace(OfficialRole::kPolice, "P-1");
  EXPECT_EQ(Enrol(o, officials, again, std::nullopt, "NPL", std::vector<Attendance>{a}).code(),
            Code::kAlreadyExists);
  EXPECT_EQ(Enrol(o, officials, again, std::nullopt, "NPL", std::vector<Attendance>{a}).field(),
            "official.service_number");
  Attendance both = WorkerPlace("W-1");
  both.official = Official{"X", OfficialRole::kPolice, "P-2", "Police"};
  EXPECT_EQ(Enrol(o, officials, both, "NPL", "NPL", {}).code(), Code::kInvalidArgument);
}

TEST(TrainingSession, ACancelledOrCompletedSessionTakesNoOne) {
  const Course course = WorkersCourse();
  Session s = ScheduledAt(Kathmandu(), course, 10);
  ASSERT_TRUE(CancelSession(s).ok());
  EXPECT_EQ(CancelSession(s).code(), Code::kFailedPrecondition);
  Attendance a = WorkerPlace("W-1");
  EXPECT_EQ(Enrol(s, course, a, "NPL", "NPL", {}).code(), Code::kFailedPrecondition);
}

// ---------------------------------------------------------------- completion

class CompletionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    session_ = ScheduledAt(Kathmandu(), WorkersCourse(), 10);
    for (const char* w : {"W-1", "W-2", "W-3"}) {
      Attendance a = WorkerPlace(w);
      ASSERT_TRUE(Enrol(session_, WorkersCourse(), a, "NPL", "NPL", places_).ok());
      a.id = AttendanceId(std::string("TA-") + w);
      places_.push_back(a);
    }
  }
  Session session_;
  std::vector<Attendance> places_;
  const Date today_ = D("2026-11-29");
};

TEST_F(CompletionTest, EveryoneButTheAbsentCompletesAndIsCertified) {
  const std::vector<AttendanceId> absent{AttendanceId("TA-W-2")};
  ASSERT_TRUE(Complete(session_, places_, absent, D("2026-11-21"), today_).ok());
  EXPECT_EQ(session_.state, SessionState::kCompleted);
  EXPECT_EQ(session_.completed_on, D("2026-11-21"));
  EXPECT_EQ(places_[0].outcome, AttendanceOutcome::kCompleted);
  EXPECT_EQ(places_[1].outcome, AttendanceOutcome::kAbsent);
  const Timestamp now = *Timestamp::Parse("2026-11-29T09:00:00Z");
  auto cert = IssueCertificate(session_, places_[0], CertificateId("CT-1"), now);
  ASSERT_TRUE(cert.ok()) << cert.status().ToString();
  EXPECT_EQ(cert->worker, WorkerId("W-1"));
  EXPECT_EQ(cert->course, "NPL-PDO-GCC");
  EXPECT_EQ(cert->completed_on, D("2026-11-21"));
  EXPECT_EQ(places_[0].certificate, CertificateId("CT-1"));
  EXPECT_EQ(IssueCertificate(session_, places_[0], CertificateId("CT-2"), now).status().code(),
            Code::kAlreadyExists);
  EXPECT_EQ(IssueCertificate(session_, places_[1], CertificateId("CT-3"), now).status().code(),
            Code::kFailedPrecondition);  // absent
  EXPECT_EQ(Complete(session_, places_, {}, D("2026-11-21"), today_).code(),
            Code::kFailedPrecondition);  // once
}

TEST_F(CompletionTest, RefusalsChangeNothing) {
  const Session before = session_;
  const std::vector<Attendance> places = places_;
  Status future = Complete(session_, places_, {}, D("2026-11-30"), today_);
  EXPECT_EQ(future.field(), "completed_on");
  EXPECT_NE(future.message().find("future"), std::string::npos);
  EXPECT_EQ(Complete(session_, places_, {}, D("2026-11-19"), today_).field(), "completed_on");
  const std::vector<AttendanceId> stranger{AttendanceId("TA-OTHER")};
  EXPECT_EQ(Complete(session_, places_, stranger, D("2026-11-21"), today_).field(), "absent[0]");
  const std::vector<AttendanceId> twice{AttendanceId("TA-W-1"), AttendanceId("TA-W-1")};
  EXPECT_EQ(Complete(session_, places_, twice, D("2026-11-21"), today_).field(), "absent[1]");
  EXPECT_EQ(session_, before);
  EXPECT_EQ(places_, places);
  EXPECT_EQ(IssueCertificate(session_, places_[0], CertificateId("CT-1"), {}).status().code(),
            Code::kFailedPrecondition);  // not completed
}

TEST(TrainingCertificate, IsTheHoldersOnly) {
  Certificate c;
  c.id = CertificateId("CT-1");
  c.worker = WorkerId("W-1");
  EXPECT_TRUE(CheckCertificateHolder(c, WorkerId("W-1")).ok());
  Status other = CheckCertificateHolder(c, WorkerId("W-2"));
  EXPECT_EQ(other.code(), Code::kFailedPrecondition);
  EXPECT_EQ(other.message().find("W-1"), std::string::npos);  // names no one else
  c.worker.reset();
  c.official = Certificate::Holder{"Inspector Rana", OfficialRole::kPolice};
  Status official = CheckCertificateHolder(c, WorkerId("W-1"));
  EXPECT_EQ(official.code(), Code::kFailedPrecondition);
  EXPECT_EQ(official.message().find("Rana"), std::string::npos);
}

// ---------------------------------------------------------------- access

TEST(TrainingAccess, EachRoleSeesWhatItNeeds) {
  const CentreId own("TC-1");
  const CentreId other("TC-2");
  const Actor officer = As(Role::kOriginOfficer);
  EXPECT_TRUE(MayViewCentre(officer, other, kNepal));
  EXPECT_TRUE(MayViewSession(officer, other, kNepal));
  EXPECT_TRUE(CheckMayLicenceCentres(officer, kNepal).ok());
  EXPECT_TRUE(CheckMayRunSessions(officer, other, kNepal).ok());
  EXPECT_TRUE(MayViewTrainingCounts(officer, kNepal));
  EXPECT_TRUE(MayViewWorkerTraining(officer, WorkerId("W-1"), "NPL", kNepal));
  EXPECT_FALSE(MayViewWorkerTraining(officer, WorkerId("W-1"), "IND", kNepal));
  // An officer of another country on this node (never the case in a corridor) sees nothing.
  const Actor foreign = As(Role::kOriginOfficer, "PHL");
  EXPECT_FALSE(MayViewSession(foreign, own, kNepal));
  EXPECT_EQ(CheckMayLicenceCentres(foreign, kNepal).code(), Code::kPermissionDenied);

  const Actor staff = Staff("TC-1");
  EXPECT_TRUE(MayViewCentre(staff, own, kNepal));
  EXPECT_FALSE(MayViewCentre(staff, other, kNepal));
  EXPECT_TRUE(MayViewSession(staff, own, kNepal));
  EXPECT_FALSE(MayViewSession(staff, other, kNepal));
  EXPECT_TRUE(CheckMayRunSessions(staff, own, kNepal).ok());
  EXPECT_EQ(CheckMayRunSessions(staff, other, kNepal).code(), Code::kPermissionDenied);
  EXPECT_EQ(CheckMayLicenceCentres(staff, kNepal).code(), Code::kPermissionDenied);
  EXPECT_FALSE(MayViewTrainingCounts(staff, kNepal));
  EXPECT_FALSE(MayViewWorkerTraining(staff, WorkerId("W-1"), "NPL", kNepal));
  Actor unbound = As(Role::kOrientationCentre);
  EXPECT_FALSE(MayViewSession(unbound, own, kNepal));

  Actor worker = As(Role::kWorker, "");
  worker.worker = WorkerId("W-1");
  EXPECT_TRUE(MayViewWorkerTraining(worker, WorkerId("W-1"), "NPL", kNepal));
  EXPECT_FALSE(MayViewWorkerTraining(worker, WorkerId("W-2"), "NPL", kNepal));
  EXPECT_FALSE(MayViewSession(worker, own, kNepal));

  const Actor analyst = As(Role::kAnalyst);
  EXPECT_TRUE(MayViewTrainingCounts(analyst, kNepal));
  EXPECT_FALSE(MayViewSession(analyst, own, kNepal));
  EXPECT_FALSE(MayViewWorkerTraining(analyst, WorkerId("W-1"), "NPL", kNepal));

  for (Role r : {Role::kAdministrator, Role::kDestinationOfficer, Role::kEmbassy, Role::kEmployer,
                 Role::kAgency, Role::kBorderOfficer, Role::kInvestigator, Role::kCaseworker,
                 Role::kCaseSupervisor, Role::kHotlineOperator}) {
    const Actor a = As(r);
    EXPECT_FALSE(MayViewCentre(a, own, kNepal)) << ToString(r);
    EXPECT_FALSE(MayViewSession(a, own, kNepal)) << ToString(r);
    EXPECT_FALSE(MayViewWorkerTraining(a, WorkerId("W-1"), "NPL", kNepal)) << ToString(r);
    EXPECT_FALSE(MayViewTrainingCounts(a, kNepal)) << ToString(r);
    EXPECT_FALSE(CheckMayRunSessions(a, own, kNepal).ok()) << ToString(r);
  }
}

TEST(TrainingAccess, StepsFollowTheSessionAndTheReader) {
  Session s = ScheduledAt(Kathmandu(), WorkersCourse(), 1);
  EXPECT_EQ(AllowedSessionActions(Staff("TC-1"), s, kNepal),
            (std::vector<SessionStep>{SessionStep::kEnrol, SessionStep::kComplete,
                                      SessionStep::kCancel}));
  EXPECT_TRUE(AllowedSessionActions(Staff("TC-2"), s, kNepal).empty());
  EXPECT_TRUE(AllowedSessionActions(As(Role::kAnalyst), s, kNepal).empty());
  Attendance a = WorkerPlace("W-1");
  ASSERT_TRUE(Enrol(s, WorkersCourse(), a, "NPL", "NPL", {}).ok());
  EXPECT_EQ(AllowedSessionActions(As(Role::kOriginOfficer), s, kNepal),
            (std::vector<SessionStep>{SessionStep::kComplete, SessionStep::kCancel}));  // full
  ASSERT_TRUE(CancelSession(s).ok());
  EXPECT_TRUE(AllowedSessionActions(As(Role::kOriginOfficer), s, kNepal).empty());
}

TEST(TrainingAccess, TheCentreRoleHasItsName) {
  EXPECT_EQ(ToString(Role::kOrientationCentre), "orientation_centre");
  EXPECT_EQ(*ParseRole("orientation_centre"), Role::kOrientationCentre);
}

}  // namespace
}  // namespace corridor::domain
