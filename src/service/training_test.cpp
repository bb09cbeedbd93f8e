#include "service/training.hpp"

#include <gtest/gtest.h>

#include "federation/routing.hpp"
#include "service/clearance.hpp"
#include "service/clearance_queries.hpp"
#include "service/notifier.hpp"
#include "service/testing.hpp"
#include "service/training_queries.hpp"

namespace corridor::service {
namespace {

using domain::Role;
using domain::testing::D;
using namespace service::testing;

TEST(TrainingCourseFiles, EveryFileReadsAndIsNamedByItsCountry) {
  auto all = BuiltInCatalogues();
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_TRUE(all->count("NPL"));
  ASSERT_TRUE(all->count("PHL"));
  for (const auto& [country, c] : *all) EXPECT_EQ(country, c.country);
  const domain::Catalogue& npl = all->at("NPL");
  const domain::Course* orientation = npl.Find("NPL-PDO-GCC");
  ASSERT_NE(orientation, nullptr);
  // The workers' orientation speaks the portal's six languages.
  for (const char* lang : {"en", "ne", "hi", "bn", "ar", "tl"}) {
    EXPECT_TRUE(orientation->text.contains(lang)) << lang;
  }
  const domain::Course* officials = npl.Find("NPL-OFF-HTP");
  ASSERT_NE(officials, nullptr);
  EXPECT_EQ(officials->official_roles.size(), 3u);
  EXPECT_FALSE(BuiltInTrainingConfig("KWT")->catalogue.has_value());
}

TEST(TrainingRouting, NothingOfTrainingCrossesToThePeer) {
  for (domain::EventType t :
       {domain::EventType::kTrainingCentreRegistered,
        domain::EventType::kTrainingCentreLicenceChanged,
        domain::EventType::kTrainingSessionScheduled, domain::EventType::kTrainingSessionCancelled,
        domain::EventType::kTrainingAttendeeEnrolled, domain::EventType::kTrainingSessionCompleted,
        domain::EventType::kTrainingCertificateIssued}) {
    EXPECT_FALSE(federation::RouteOf(t)) << domain::ToString(t);
  }
}

// A Nepali node with its courses, a worker with an attested contract, and an orientation centre
// and a training institute licensed by the origin officer.
class TrainingServiceTest : public ::testing::Test {
 protected:
  void TearDown() override {
    if (node_.store) {
      EXPECT_EQ(store::testing::AuditProblems(*node_.store), "");
    }
  }

  void SetUp() override {
    auto n = store::testing::TestNode::Create("node-npl", "NPL",
                                              *Timestamp::Parse("2026-11-29T08:00:00Z"));
    ASSERT_TRUE(n.ok()) << n.status().ToString() << " " << n.status().detail();
    node_ = std::move(*n);
    registry_ = std::make_unique<Registry>(*node_.store);
    ASSERT_TRUE(SeedReferenceData(*registry_).ok());
    auto config = BuiltInTrainingConfig("NPL");
    ASSERT_TRUE(config.ok());
    training_ = std::make_unique<Training>(*node_.store, std::move(*config));
    access_ = std::make_unique<AccessLog>(*node_.store, 10);
    queries_ = std::make_unique<TrainingQueries>(*node_.store, *access_, *training_);
    auto rules = BuiltInClearanceRequirements();
    ASSERT_TRUE(rules.ok());
    clearances_ = std::make_unique<Clearances>(*node_.store, ClearanceConfig{*rules});
    clearance_queries_ = std::make_unique<ClearanceQueries>(*node_.store, *access_, *clearances_);

    const domain::Actor sys = domain::SystemActor();
    domain::Employer e = domain::testing::SampleEmployer();
    e.id = EmployerId();
    const EmployerId employer = registry_->RegisterEmployer(sys, e)->id;
    domain::Agency ag = domain::testing::SampleAgency();
    ag.id = AgencyId();
    const AgencyId agency = registry_->RegisterAgency(sys, ag)->id;
    domain::Worker w = domain::testing::SampleWorker();
    w.id = WorkerId();
    worker_ = registry_->RegisterWorker(officer_, w)->id;
    domain::Worker w2 = domain::testing::SampleWorker();
    w2.id = WorkerId();
    w2.passport.number = "PA7654321";
    w2.given_names_latin = "Gita";
    other_worker_ = registry_->RegisterWorker(officer_, w2)->id;
    domain::ContractTerms t = domain::testing::SampleTerms();
    t.worker = worker_;
    t.employer = employer;
    t.agency = agency;
    auto c = registry_->DraftContract(AgencyActor(agency), t);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    contract_ = c->id;

    auto centre = training_->RegisterCentre(
        officer_, Centre("OC-2026-014", "orientation_centre", "NPL-PDO-GCC"));
    ASSERT_TRUE(centre.ok()) << centre.status().ToString();
    centre_ = centre->id;
    staff_ = Staff(centre_);
    auto institute = training_->RegisterCentre(
        officer_, Centre("TI-2026-002", "training_institute", "NPL-OFF-HTP"));
    ASSERT_TRUE(institute.ok()) << institute.status().ToString();
    institute_ = institute->id;
  }

  static domain::Centre Centre(const char* licence, const char* kind, const char* course) {
    domain::Centre c;
    c.name = std::string("Centre ") + licence;
    c.kind = *domain::ParseCentreKind(kind);
    c.address = "Baneshwor, Kathmandu";
    c.licence_number = licence;
    c.licence_valid_until = D("2027-12-31");
    c.courses = {course};
    return c;
  }

  static domain::Actor Staff(const CentreId& centre) {
    domain::Actor a;
    a.account = "U-staff-" + centre.value();
    a.role = Role::kOrientationCentre;
    a.country = "NPL";
    a.centre = centre;
    return a;
  }

  static domain::Session Request(const CentreId& centre, const char* course, int capacity,
                                 const char* on = "2026-11-20") {
    domain::Session s;
    s.course = course;
    s.centre = centre;
    s.date = D(on);
    s.place = "Hall 2, Baneshwor";
    s.trainer = "Sita Sharma";
    s.capacity = capacity;
    return s;
  }

  static domain::Attendance Worker(const WorkerId& w) {
    domain::Attendance a;
    a.worker = w;
    return a;
  }

  uint64_t LedgerSize() {
    uint64_t n = 0;
    EXPECT_TRUE(node_.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(n, tx.LedgerSize());
                      return Status::Ok();
                    })
                    .ok());
    return n;
  }

  bool OrientationMet() {
    auto check = clearance_queries_->Check(officer_, contract_);
    EXPECT_TRUE(check.ok()) << check.status().ToString();
    return check.ok() && check->check.results.at(1).met;
  }

  store::testing::TestNode node_;
  std::unique_ptr<Registry> registry_;
  std::unique_ptr<Training> training_;
  std::unique_ptr<AccessLog> access_;
  std::unique_ptr<TrainingQueries> queries_;
  std::unique_ptr<Clearances> clearances_;
  std::unique_ptr<ClearanceQueries> clearance_queries_;
  domain::Actor officer_ = Officer(Role::kOriginOfficer, "NPL", "U-np-officer");
  domain::Actor staff_;
  WorkerId worker_;
  WorkerId other_worker_;
  ContractId contract_;
  CentreId centre_;
  CentreId institute_;
};

TEST_F(TrainingServiceTest, CompletingOrientationMeetsTheClearanceRequirement) {
  EXPECT_FALSE(OrientationMet());
  auto s = training_->Schedule(staff_, Request(centre_, "NPL-PDO-GCC", 20));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  auto place = training_->Enrol(staff_, s->id, Worker(worker_));
  ASSERT_TRUE(place.ok()) << place.status().ToString();
  auto absent = training_->Enrol(staff_, s->id, Worker(other_worker_));
  ASSERT_TRUE(absent.ok()) << absent.status().ToString();
  EXPECT_FALSE(OrientationMet());

  const std::vector<domain::AttendanceId> away{absent->id};
  auto done = training_->Complete(staff_, s->id, D("2026-11-21"), away);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->session.state, domain::SessionState::kCompleted);
  ASSERT_EQ(done->certificates.size(), 1u);
  const domain::Certificate& cert = done->certificates[0];
  EXPECT_EQ(cert.worker, worker_);
  EXPECT_TRUE(OrientationMet());

  // The completion the requirement reads names the certificate; the absent worker has none.
  auto mine = queries_->OfWorker(officer_, worker_);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->certificates.size(), 1u);
  EXPECT_EQ(mine->attendance.at(0).outcome, domain::AttendanceOutcome::kCompleted);
  EXPECT_TRUE(queries_->OfWorker(officer_, other_worker_)->certificates.empty());
  auto oc = clearance_queries_->Orientations(officer_, worker_);
  ASSERT_TRUE(oc.ok());
  ASSERT_EQ(oc->size(), 1u);
  EXPECT_EQ(oc->at(0).certificate, cert.id);
  EXPECT_EQ(oc->at(0).centre, "Centre OC-2026-014");

  // At the desk: the worker's own certificate answers her completion; another's is refused.
  auto presented = queries_->PresentedCertificate(officer_, worker_, cert.id);
  ASSERT_TRUE(presented.ok()) << presented.status().ToString();
  EXPECT_EQ(presented->id, oc->at(0).id);
  auto borrowed = queries_->PresentedCertificate(officer_, other_worker_, cert.id);
  EXPECT_EQ(borrowed.status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(borrowed.status().field(), "certificate");
  EXPECT_EQ(
      queries_->PresentedCertificate(officer_, worker_, CertificateId("CT-NONE")).status().code(),
      Code::kNotFound);
  EXPECT_EQ(queries_->PresentedCertificate(staff_, worker_, cert.id).status().code(),
            Code::kNotFound);

  // The worker was told, and the public check shows the course and date only.
  auto told = node_.store->Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto list, tx.ListNotifications(WorkerRecipient(worker_), {"", 100}));
    bool found = false;
    for (const auto& n : list) found = found || n.type == "training.certificate_issued";
    EXPECT_TRUE(found);
    return Status::Ok();
  });
  EXPECT_TRUE(told.ok());
  auto pub = queries_->PublicCheck(cert.id.value(), "");
  ASSERT_TRUE(pub.ok());
  EXPECT_TRUE(pub->registered);
  EXPECT_TRUE(pub->integrity_ok);
  EXPECT_EQ(pub->course_title, "Pre-departure orientation for work in the Gulf");
  EXPECT_FALSE(queries_->PublicCheck("CT-UNKNOWN", "")->registered);
  EXPECT_FALSE(queries_->PublicCheck("not an id", "")->registered);
}

TEST_F(TrainingServiceTest, OfficialsAreTrainedByRoleAndCountedForAnalysts) {
  const domain::Actor institute_staff = Staff(institute_);
  auto s = training_->Schedule(institute_staff, Request(institute_, "NPL-OFF-HTP", 30));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  int n = 0;
  for (const char* role :
       {"police", "police", "border_officer", "labour_inspector", "police", "police", "police"}) {
    domain::Attendance a;
    a.official = domain::Official{"Officer " + std::to_string(n), *domain::ParseOfficialRole(role),
                                  "SN-" + std::to_string(n), "Nepal Police"};
    ++n;
    ASSERT_TRUE(training_->Enrol(institute_staff, s->id, a).ok()) << role;
  }
  // A worker has no place in an officials' course.
  EXPECT_EQ(training_->Enrol(institute_staff, s->id, Worker(worker_)).status().field(), "worker");
  auto done = training_->Complete(officer_, s->id, D("2026-11-28"), {});
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->certificates.size(), 7u);
  EXPECT_FALSE(OrientationMet());  // officials' training is not a worker's orientation

  const domain::Actor analyst = Officer(Role::kAnalyst, "NPL", "U-analyst");
  auto counts = queries_->Counts(analyst);
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  std::map<std::string, std::optional<int64_t>> by;
  for (const auto& c : *counts) {
    if (c.course == "NPL-OFF-HTP") by[c.official_role] = c.certified;
    if (c.course == "NPL-OFF-HTP" && c.official_role.empty()) {
      EXPECT_EQ(c.sessions_completed, 1);
    }
  }
  EXPECT_EQ(by[""], 7);
  EXPECT_EQ(by["police"], 5);
  EXPECT_EQ(by["border_officer"], std::nullopt);  // 1: suppressed
  EXPECT_EQ(by["labour_inspector"], std::nullopt);
  EXPECT_EQ(queries_->Counts(staff_).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(queries_->Sessions(analyst, {"", 50}).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(queries_->Attendees(analyst, s->id).status().code(), Code::kNotFound);
}

TEST_F(TrainingServiceTest, BadInputIsRefusedPreciselyAndChangesNothing) {
  auto s = training_->Schedule(staff_, Request(centre_, "NPL-PDO-GCC", 1));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_TRUE(training_->Enrol(staff_, s->id, Worker(worker_)).ok());
  const uint64_t before = LedgerSize();

  // Beyond capacity.
  auto full = training_->Enrol(staff_, s->id, Worker(other_worker_));
  EXPECT_EQ(full.status().code(), Code::kFailedPrecondition);
  EXPECT_NE(full.status().message().find("full"), std::string::npos);
  // A course the centre may not deliver, an unknown course, an unknown centre.
  EXPECT_EQ(training_->Schedule(staff_, Request(centre_, "NPL-OFF-HTP", 10)).status().code(),
            Code::kFailedPrecondition);
  EXPECT_EQ(training_->Schedule(staff_, Request(centre_, "NPL-NOPE", 10)).status().field(),
            "course");
  EXPECT_EQ(training_->Schedule(officer_, Request(CentreId("TC-NONE"), "NPL-PDO-GCC", 10))
                .status()
                .code(),
            Code::kNotFound);
  // Unknown ids.
  EXPECT_EQ(training_->Enrol(staff_, s->id, Worker(WorkerId("W-NONE"))).status().code(),
            Code::kNotFound);
  EXPECT_EQ(training_->Enrol(staff_, domain::SessionId("TS-NONE"), Worker(worker_)).status().code(),
            Code::kNotFound);
  // A completion in the future, before the session, or naming a stranger as absent.
  auto future = training_->Complete(staff_, s->id, D("2026-11-30"), {});
  EXPECT_EQ(future.status().field(), "completed_on");
  EXPECT_EQ(training_->Complete(staff_, s->id, D("2026-11-19"), {}).status().field(),
            "completed_on");
  const std::vector<domain::AttendanceId> stranger{domain::AttendanceId("TA-NONE")};
  EXPECT_EQ(training_->Complete(staff_, s->id, D("2026-11-21"), stranger).status().field(),
            "absent[0]");
  // A centre with a licence number taken, or an expired licence.
  auto again = training_->RegisterCentre(
      officer_, Centre("OC-2026-014", "orientation_centre", "NPL-PDO-GCC"));
  EXPECT_EQ(again.status().code(), Code::kAlreadyExists);
  EXPECT_EQ(again.status().field(), "licence_number");
  domain::Centre lapsed = Centre("OC-2026-099", "orientation_centre", "NPL-PDO-GCC");
  lapsed.licence_valid_until = D("2026-01-01");
  EXPECT_EQ(training_->RegisterCentre(officer_, lapsed).status().field(), "licence_valid_until");
  EXPECT_EQ(LedgerSize(), before);

  auto session = queries_->Session(staff_, s->id);
  ASSERT_TRUE(session.ok());
  EXPECT_EQ(session->record.enrolled, 1);
  EXPECT_EQ(session->record.state, domain::SessionState::kScheduled);

  // A worker not of Nepal.
  domain::Worker foreign = domain::testing::SampleWorker();
  foreign.id = WorkerId();
  foreign.nationality = "IND";
  foreign.passport.issuing_state = "IND";
  foreign.passport.number = "Z1234567";
  auto f = registry_->RegisterWorker(domain::SystemActor(), foreign);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  auto other = training_->Schedule(staff_, Request(centre_, "NPL-PDO-GCC", 10));
  ASSERT_TRUE(other.ok());
  const uint64_t scheduled = LedgerSize();
  EXPECT_EQ(training_->Enrol(staff_, other->id, Worker(f->id)).status().code(),
            Code::kFailedPrecondition);
  EXPECT_EQ(training_->Enrol(staff_, other->id, Worker(WorkerId("W-NONE"))).status().field(),
            "worker");
  EXPECT_EQ(LedgerSize(), scheduled);
}

TEST_F(TrainingServiceTest, ALicenceSuspendedStopsNewSessions) {
  const uint64_t before = LedgerSize();
  auto suspended = training_->ChangeLicence(officer_, centre_, domain::LicenceStatus::kSuspended,
                                            D("2027-12-31"), "  trainers without a licence ");
  ASSERT_TRUE(suspended.ok()) << suspended.status().ToString();
  EXPECT_EQ(LedgerSize(), before + 1);
  // The ledger keeps why, and what the licence was before.
  json::Value data;
  ASSERT_TRUE(node_.store
                  ->Read([&](store::ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto events, tx.History(centre_.value(), 100));
                    data = *events.back().Get("data");
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(json::Write(data),
            R"({"licence_status":"suspended","licence_valid_until":"2027-12-31",)"
            R"("previous_status":"active","reason":"trainers without a licence"})");
  // No reason: refused by name, nothing written.
  EXPECT_EQ(
      training_
          ->ChangeLicence(officer_, centre_, domain::LicenceStatus::kActive, D("2027-12-31"), " ")
          .status()
          .field(),
      "reason");
  EXPECT_EQ(LedgerSize(), before + 1);
  EXPECT_EQ(training_->Schedule(staff_, Request(centre_, "NPL-PDO-GCC", 10)).status().code(),
            Code::kFailedPrecondition);
  EXPECT_EQ(training_
                ->ChangeLicence(staff_, centre_, domain::LicenceStatus::kActive, D("2027-12-31"),
                                "inspection passed")
                .status()
                .code(),
            Code::kPermissionDenied);
  ASSERT_TRUE(training_
                  ->ChangeLicence(officer_, centre_, domain::LicenceStatus::kActive,
                                  D("2027-12-31"), "inspection passed")
                  .ok());
  EXPECT_TRUE(training_->Schedule(staff_, Request(centre_, "NPL-PDO-GCC", 10)).ok());
}

TEST_F(TrainingServiceTest, ACentreSeesOnlyItsOwnAndOthersNothing) {
  auto s = training_->Schedule(staff_, Request(centre_, "NPL-PDO-GCC", 10));
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(training_->Enrol(staff_, s->id, Worker(worker_)).ok());
  const domain::Actor other_staff = Staff(institute_);

  // The centre's own staff and the officer see it; another centre does not, and cannot act.
  EXPECT_TRUE(queries_->Session(staff_, s->id).ok());
  EXPECT_TRUE(queries_->Session(officer_, s->id).ok());
  EXPECT_EQ(queries_->Session(other_staff, s->id).status().code(), Code::kNotFound);
  EXPECT_EQ(queries_->Attendees(other_staff, s->id).status().code(), Code::kNotFound);
  EXPECT_EQ(training_->Enrol(other_staff, s->id, Worker(other_worker_)).status().code(),
            Code::kNotFound);
  EXPECT_EQ(training_->Cancel(other_staff, s->id).status().code(), Code::kNotFound);
  EXPECT_EQ(queries_->Centre(other_staff, centre_).status().code(), Code::kNotFound);
  EXPECT_EQ(training_->Schedule(other_staff, Request(centre_, "NPL-PDO-GCC", 10)).status().code(),
            Code::kNotFound);
  auto own = queries_->Sessions(staff_, {"", 50});
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(own->items.size(), 1u);
  EXPECT_TRUE(queries_->Sessions(other_staff, {"", 50})->items.empty());
  auto centres = queries_->Centres(staff_, {"", 50});
  ASSERT_TRUE(centres.ok());
  ASSERT_EQ(centres->items.size(), 1u);
  EXPECT_EQ(centres->items[0].record.id, centre_);
  EXPECT_EQ(queries_->Centres(officer_, {"", 50})->items.size(), 2u);
  // A centre's staff register no centre; a centre's staff see no worker's training directly.
  EXPECT_EQ(training_->RegisterCentre(staff_, Centre("X-1", "orientation_centre", "NPL-PDO-GCC"))
                .status()
                .code(),
            Code::kPermissionDenied);
  EXPECT_EQ(queries_->OfWorker(staff_, worker_).status().code(), Code::kNotFound);

  // The worker sees her own training, nobody else's; every other role sees nothing.
  EXPECT_TRUE(queries_->OfWorker(WorkerActor(worker_), worker_).ok());
  EXPECT_EQ(queries_->OfWorker(WorkerActor(worker_), other_worker_).status().code(),
            Code::kNotFound);
  for (const domain::Actor& a :
       {Officer(Role::kDestinationOfficer, "KWT", "U-kw"), Officer(Role::kEmbassy, "NPL", "U-em"),
        Officer(Role::kAdministrator, "NPL", "U-admin"), Officer(Role::kAnalyst, "NPL", "U-an"),
        Officer(Role::kBorderOfficer, "NPL", "U-b"), Officer(Role::kInvestigator, "NPL", "U-i"),
        AgencyActor(AgencyId("A-1")), EmployerActor(EmployerId("E-1")),
        WorkerActor(other_worker_)}) {
    EXPECT_EQ(queries_->Session(a, s->id).status().code(), Code::kNotFound) << ToString(a.role);
    EXPECT_EQ(queries_->Attendees(a, s->id).status().code(), Code::kNotFound) << ToString(a.role);
    EXPECT_EQ(queries_->Centre(a, centre_).status().code(), Code::kNotFound) << ToString(a.role);
    EXPECT_EQ(training_->Cancel(a, s->id).status().code(), Code::kNotFound) << ToString(a.role);
    EXPECT_EQ(queries_->OfWorker(a, worker_).status().code(), Code::kNotFound) << ToString(a.role);
  }
  // Courses are published to everyone.
  EXPECT_EQ(queries_->Courses(WorkerActor(worker_)).size(), 2u);
}

TEST_F(TrainingServiceTest, ACancelledSessionTakesNoOneAndIssuesNothing) {
  auto s = training_->Schedule(officer_, Request(centre_, "NPL-PDO-GCC", 10));
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(training_->Enrol(officer_, s->id, Worker(worker_)).ok());
  auto cancelled = training_->Cancel(staff_, s->id);
  ASSERT_TRUE(cancelled.ok()) << cancelled.status().ToString();
  EXPECT_EQ(cancelled->state, domain::SessionState::kCancelled);
  EXPECT_EQ(training_->Enrol(staff_, s->id, Worker(other_worker_)).status().code(),
            Code::kFailedPrecondition);
  EXPECT_EQ(training_->Complete(staff_, s->id, D("2026-11-21"), {}).status().code(),
            Code::kFailedPrecondition);
  EXPECT_FALSE(OrientationMet());
}

}  // namespace
}  // namespace corridor::service
