#include <gtest/gtest.h>

#include <map>

#include "http/testing.hpp"
#include "service/testing.hpp"

namespace corridor::http {
namespace {

using domain::Role;
using testing::Conforms;
using testing::ListConforms;

// A Nepali node: two Nepali workers (W1 with an attested contract), an orientation centre and a
// training institute licensed by the origin's officer, a staff account for each, and an account
// for every other role.
class ApiTrainingTest : public ::testing::Test {
 protected:
  void TearDown() override {
    if (t_ && t_->node.store) {
      EXPECT_EQ(store::testing::AuditProblems(*t_->node.store), "");
    }
  }

  void SetUp() override {
    auto api = testing::TestApi::Create("NPL", *Timestamp::Parse("2026-11-29T08:00:00Z"));
    ASSERT_TRUE(api.ok()) << api.status().ToString() << " " << api.status().detail();
    t_ = std::move(*api);
    auto& reg = *t_->registry;
    ASSERT_TRUE(service::testing::SeedReferenceData(reg).ok());
    const domain::Actor sys = domain::SystemActor();
    domain::Employer e = domain::testing::SampleEmployer();
    e.id = EmployerId();
    const EmployerId e1 = reg.RegisterEmployer(sys, e)->id;
    domain::Agency ag = domain::testing::SampleAgency();
    ag.id = AgencyId();
    const AgencyId a1 = reg.RegisterAgency(sys, ag)->id;
    domain::Worker w = domain::testing::SampleWorker();
    w.id = WorkerId();
    w1_ = reg.RegisterWorker(sys, w)->id;
    w.passport.number = "PA7654321";
    w.given_names_latin = "RITA";
    w2_ = reg.RegisterWorker(sys, w)->id;
    domain::ContractTerms t = domain::testing::SampleTerms();
    t.worker = w1_;
    t.employer = e1;
    t.agency = a1;
    c1_ = reg.DraftContract(sys, t)->id;
    ASSERT_TRUE(reg.OfferContract(sys, c1_).ok());
    ASSERT_TRUE(reg.AcceptContract(sys, c1_).ok());
    ASSERT_TRUE(reg.AttestContract(sys, c1_).ok());

    auto make = [&](const char* name, Role role, const std::string& country,
                    std::optional<EmployerId> emp = std::nullopt,
                    std::optional<AgencyId> agency = std::nullopt,
                    std::optional<WorkerId> worker = std::nullopt,
                    std::optional<CentreId> centre = std::nullopt) {
      auto token = t_->NewAccount(role, name, country, std::move(emp), std::move(agency),
                                  std::move(worker), std::move(centre));
      ASSERT_TRUE(token.ok()) << name << ": " << token.status().ToString();
      tokens_[name] = *token;
    };
    make("admin", Role::kAdministrator, "NPL");
    make("origin", Role::kOriginOfficer, "NPL");
    make("dest", Role::kDestinationOfficer, "KWT");
    make("embassy", Role::kEmbassy, "NPL");
    make("employer1", Role::kEmployer, "", e1);
    make("agency1", Role::kAgency, "", std::nullopt, a1);
    make("worker1", Role::kWorker, "", std::nullopt, std::nullopt, w1_);
    make("worker2", Role::kWorker, "", std::nullopt, std::nullopt, w2_);
    make("border", Role::kBorderOfficer, "NPL");
    make("investigator", Role::kInvestigator, "NPL");
    make("analyst", Role::kAnalyst, "NPL");
    make("caseworker", Role::kCaseworker, "NPL");
    make("supervisor", Role::kCaseSupervisor, "NPL");
    make("hotline", Role::kHotlineOperator, "NPL");

    centre_ = Centre("OC-2026-014", "orientation_centre", "NPL-PDO-GCC");
    institute_ = Centre("TI-2026-002", "training_institute", "NPL-OFF-HTP");
    make("centre", Role::kOrientationCentre, "NPL", std::nullopt, std::nullopt, std::nullopt,
         CentreId(centre_));
    make("institute", Role::kOrientationCentre, "NPL", std::nullopt, std::nullopt, std::nullopt,
         CentreId(institute_));
  }

  // Registers a centre as the origin's officer; its id.
  std::string Centre(const char* licence, const char* kind, const char* course) {
    const std::string body = std::string(R"({"name":"Centre )") + licence + R"(","kind":")" + kind +
                             R"(","address":"Baneshwor, Kathmandu","licence_number":")" + licence +
                             R"(","licence_valid_until":"2027-12-31","courses":[")" + course +
                             R"("]})";
    const Response r = Call("origin", "POST", "/api/v1/training/centres", body);
    EXPECT_EQ(r.status, 201) << r.body;
    const json::Value v = testing::TestApi::Body(r);
    EXPECT_EQ(Conforms("TrainingCentre", v), "");
    return v.Get("id")->AsString();
  }

  Response Call(const std::string& who, const std::string& method, const std::string& target,
                const std::string& body = "") {
    return t_->Call(method, target, tokens_.at(who), body);
  }

  uint64_t LedgerSize() {
    uint64_t n = 0;
    EXPECT_TRUE(t_->node.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(n, tx.LedgerSize());
                      return Status::Ok();
                    })
                    .ok());
    return n;
  }

  // Every account but those named, each expecting `status`.
  std::map<std::string, int> AllBut(std::initializer_list<const char*> except, int status) const {
    std::map<std::string, int> out;
    for (const auto& [who, token] : tokens_) out[who] = status;
    for (const char* e : except) out.erase(e);
    return out;
  }

  // Schedules a session of the orientation course at the centre, as its staff; its id.
  std::string Session(int capacity) {
    const Response r =
        Call("centre", "POST", "/api/v1/training/sessions",
             R"({"course":"NPL-PDO-GCC","centre":")" + centre_ +
                 R"(","date":"2026-11-20","place":"Hall 2","trainer":"Sita Sharma","capacity":)" +
                 std::to_string(capacity) + "}");
    EXPECT_EQ(r.status, 201) << r.body;
    const json::Value v = testing::TestApi::Body(r);
    EXPECT_EQ(Conforms("TrainingSession", v), "");
    return v.Get("id")->AsString();
  }

  std::unique_ptr<testing::TestApi> t_;
  WorkerId w1_, w2_;
  ContractId c1_;
  std::string centre_, institute_;
  std::map<std::string, std::string> tokens_;
};

TEST_F(ApiTrainingTest, EveryRoleOnEveryEndpoint) {
  const uint64_t before = LedgerSize();
  const std::string centre_body =
      R"({"name":"X","kind":"orientation_centre","address":"A","licence_number":"L-9",
          "licence_valid_until":"2027-12-31","courses":["NPL-PDO-GCC"]})";
  for (const auto& [who, status] : AllBut({"origin"}, 403)) {
    EXPECT_EQ(Call(who, "POST", "/api/v1/training/centres", centre_body).status, status) << who;
  }
  const std::string schedule = R"({"course":"NPL-PDO-GCC","centre":")" + centre_ +
                               R"(","date":"2026-11-20","place":"P","trainer":"T","capacity":5})";
  for (const auto& [who, status] : AllBut({"origin", "centre"}, 404)) {
    EXPECT_EQ(Call(who, "POST", "/api/v1/training/sessions", schedule).status, status) << who;
  }
  EXPECT_EQ(LedgerSize(), before);

  const std::string id = Session(5);
  const std::string session = "/api/v1/training/sessions/" + id;
  const std::string enrol = R"({"worker":")" + w1_.value() + R"("})";
  for (const auto& [who, status] : AllBut({"origin", "centre"}, 404)) {
    EXPECT_EQ(Call(who, "GET", session).status, status) << who;
    EXPECT_EQ(Call(who, "GET", session + "/attendees").status, status) << who;
    EXPECT_EQ(Call(who, "POST", session + "/attendees", enrol).status, status) << who;
    EXPECT_EQ(Call(who, "POST", session + "/complete", R"({"completed_on":"2026-11-21"})").status,
              status)
        << who;
    EXPECT_EQ(Call(who, "POST", session + "/cancel").status, status) << who;
    EXPECT_EQ(Call(who, "GET", "/api/v1/training/centres/" + centre_).status, status) << who;
  }
  const Response enrolled = Call("centre", "POST", session + "/attendees", enrol);
  ASSERT_EQ(enrolled.status, 201) << enrolled.body;
  EXPECT_EQ(Conforms("TrainingAttendance", testing::TestApi::Body(enrolled)), "");
  const Response listed = Call("origin", "GET", session + "/attendees");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(ListConforms("SessionAttendee", testing::TestApi::Body(listed)), "");
  const Response seen = Call("centre", "GET", session);
  ASSERT_EQ(seen.status, 200);
  EXPECT_EQ(Conforms("TrainingSession", testing::TestApi::Body(seen)), "");

  const Response done =
      Call("centre", "POST", session + "/complete", R"({"completed_on":"2026-11-21","absent":[]})");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(Conforms("TrainingCompletion", testing::TestApi::Body(done)), "");

  // A worker's training: the origin's officer and the worker herself.
  const std::string mine = "/api/v1/workers/" + w1_.value() + "/training";
  const Response own = Call("worker1", "GET", mine);
  ASSERT_EQ(own.status, 200);
  EXPECT_EQ(Conforms("WorkerTraining", testing::TestApi::Body(own)), "");
  EXPECT_EQ(Call("origin", "GET", mine).status, 200);
  for (const auto& [who, status] : AllBut({"origin", "worker1"}, 404)) {
    EXPECT_EQ(Call(who, "GET", mine).status, status) << who;
  }
  // Counts: the origin's officer and the analyst.
  for (const auto& [who, status] : AllBut({"origin", "analyst"}, 403)) {
    EXPECT_EQ(Call(who, "GET", "/api/v1/training/statistics").status, status) << who;
  }
  const Response counts = Call("analyst", "GET", "/api/v1/training/statistics");
  ASSERT_EQ(counts.status, 200);
  EXPECT_EQ(ListConforms("TrainingCount", testing::TestApi::Body(counts)), "");
  // Lists of sessions and centres: the authority and centres' staff (their own).
  for (const auto& [who, status] : AllBut({"origin", "centre", "institute"}, 403)) {
    EXPECT_EQ(Call(who, "GET", "/api/v1/training/sessions").status, status) << who;
    EXPECT_EQ(Call(who, "GET", "/api/v1/training/centres").status, status) << who;
  }
  auto items = [&](const char* who, const char* target) {
    const Response r = Call(who, "GET", target);
    EXPECT_EQ(r.status, 200) << who << " " << target;
    return testing::TestApi::Body(r).Get("items")->AsArray().size();
  };
  EXPECT_EQ(items("centre", "/api/v1/training/sessions"), 1u);
  EXPECT_EQ(items("institute", "/api/v1/training/sessions"), 0u);
  // One centre's sessions: the authority's filter; a centre's staff get their own or nothing
  // (another centre's, or an unknown one, alike).
  const std::string of_centre = "/api/v1/training/sessions?centre=" + centre_;
  const std::string of_institute = "/api/v1/training/sessions?centre=" + institute_;
  EXPECT_EQ(items("origin", of_centre.c_str()), 1u);
  EXPECT_EQ(items("origin", of_institute.c_str()), 0u);
  EXPECT_EQ(items("centre", of_centre.c_str()), 1u);
  EXPECT_EQ(items("institute", of_centre.c_str()), 0u);
  EXPECT_EQ(items("centre", "/api/v1/training/sessions?centre=TC-NOSUCHCENTRE"), 0u);
  EXPECT_EQ(items("origin", "/api/v1/training/centres"), 2u);
  EXPECT_EQ(items("institute", "/api/v1/training/centres"), 1u);
  // Courses are published to every account.
  for (const auto& [who, status] : AllBut({}, 200)) {
    const Response r = Call(who, "GET", "/api/v1/training/courses");
    EXPECT_EQ(r.status, status) << who;
  }
  EXPECT_EQ(ListConforms("TrainingCourse", testing::TestApi::Body(
                                               Call("worker1", "GET", "/api/v1/training/courses"))),
            "");
}

TEST_F(ApiTrainingTest, ACompletedOrientationClearsTheRequirementAndIsCheckedPublicly) {
  const std::string session = "/api/v1/training/sessions/" + Session(1);
  ASSERT_EQ(Call("centre", "POST", session + "/attendees", R"({"worker":")" + w1_.value() + R"("})")
                .status,
            201);
  // Beyond capacity, and a date in the future: refused, nothing written.
  const uint64_t before = LedgerSize();
  const Response full =
      Call("centre", "POST", session + "/attendees", R"({"worker":")" + w2_.value() + R"("})");
  EXPECT_EQ(full.status, 409) << full.body;
  const Response future =
      Call("centre", "POST", session + "/complete", R"({"completed_on":"2026-12-01"})");
  EXPECT_EQ(future.status, 422) << future.body;
  EXPECT_NE(future.body.find("completed_on"), std::string::npos);
  EXPECT_EQ(LedgerSize(), before);

  const std::string check = "/api/v1/contracts/" + c1_.value() + "/clearance-check";
  auto orientation_met = [&]() {
    const json::Value v = testing::TestApi::Body(Call("origin", "GET", check));
    return v.Get("requirements")->AsArray()[1].Get("met")->AsBool();
  };
  EXPECT_FALSE(orientation_met());
  const Response done =
      Call("centre", "POST", session + "/complete", R"({"completed_on":"2026-11-21"})");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_TRUE(orientation_met());
  const std::string cert =
      testing::TestApi::Body(done).Get("certificates")->AsArray()[0].Get("id")->AsString();

  // The public check: validity, course and date; nothing about who holds it.
  const Response pub = t_->Call("GET", "/verify/" + cert + "?format=json", "");
  ASSERT_EQ(pub.status, 200) << pub.body;
  const json::Value v = testing::TestApi::Body(pub);
  EXPECT_EQ(Conforms("CertificateCheck", v), "");
  EXPECT_TRUE(v.Get("valid")->AsBool());
  EXPECT_EQ(v.Get("course")->AsString(), "NPL-PDO-GCC");
  EXPECT_EQ(v.Get("completed_on")->AsString(), "2026-11-21");
  const Response page = t_->Call("GET", "/verify/" + cert, "");
  ASSERT_EQ(page.status, 200);
  for (const Response* r : {&pub, &page}) {
    EXPECT_EQ(r->body.find(w1_.value()), std::string::npos);
    EXPECT_EQ(r->body.find("THAPA"), std::string::npos);
    EXPECT_EQ(r->body.find(centre_), std::string::npos);
    EXPECT_EQ(r->body.find("Sita"), std::string::npos);
  }
  EXPECT_EQ(t_->Call("GET", "/verify/CT-UNKNOWN?format=json", "").status, 404);

  // At the clearance desk: her own certificate answers her completion, another's is refused.
  const std::string desk = R"({"certificate":")" + cert + R"("})";
  const Response hers =
      Call("origin", "POST", "/api/v1/workers/" + w1_.value() + "/orientation", desk);
  ASSERT_EQ(hers.status, 200) << hers.body;
  EXPECT_EQ(Conforms("OrientationCompletion", testing::TestApi::Body(hers)), "");
  EXPECT_EQ(testing::TestApi::Body(hers).Get("certificate")->AsString(), cert);
  const uint64_t desk_before = LedgerSize();
  const Response borrowed =
      Call("origin", "POST", "/api/v1/workers/" + w2_.value() + "/orientation", desk);
  EXPECT_EQ(borrowed.status, 409) << borrowed.body;
  EXPECT_EQ(borrowed.body.find(w1_.value()), std::string::npos);
  EXPECT_EQ(Call("origin", "POST", "/api/v1/workers/" + w1_.value() + "/orientation",
                 R"({"certificate":"CT-UNKNOWN"})")
                .status,
            404);
  EXPECT_EQ(Call("worker1", "POST", "/api/v1/workers/" + w1_.value() + "/orientation", desk).status,
            403);
  EXPECT_EQ(Call("centre", "POST", "/api/v1/workers/" + w1_.value() + "/orientation", desk).status,
            404);
  EXPECT_EQ(LedgerSize(), desk_before);
  // The bare record an officer types in keeps working.
  EXPECT_EQ(Call("origin", "POST", "/api/v1/workers/" + w2_.value() + "/orientation",
                 R"({"centre":"Pokhara Orientation Centre","completed_on":"2026-11-20"})")
                .status,
            201);
}

// A centre's read carries the steps its reader may take; a licence change needs a reason, and a
// refusal names its field and writes nothing.
TEST_F(ApiTrainingTest, ACentresStepsAndALicenceChangeWithItsReason) {
  auto actions = [&](const char* who) {
    const Response r = Call(who, "GET", "/api/v1/training/centres/" + centre_);
    EXPECT_EQ(r.status, 200) << who << " " << r.body;
    const json::Value v = testing::TestApi::Body(r);
    EXPECT_EQ(Conforms("TrainingCentre", v), "") << who;
    return json::Write(*v.Get("allowed_actions"));
  };
  EXPECT_EQ(actions("origin"), R"(["change_licence","schedule_session"])");
  EXPECT_EQ(actions("centre"), R"(["schedule_session"])");
  // The list carries the same view as the read.
  const json::Value list =
      testing::TestApi::Body(Call("origin", "GET", "/api/v1/training/centres"));
  for (const auto& c : list.Get("items")->AsArray()) {
    EXPECT_EQ(Conforms("TrainingCentre", c), "");
    EXPECT_EQ(json::Write(*c.Get("allowed_actions")), R"(["change_licence","schedule_session"])");
  }

  const std::string path = "/api/v1/training/centres/" + centre_ + "/licence";
  const uint64_t size = LedgerSize();
  struct Case {
    const char* body;
    int status;
    const char* field;
  };
  const Case cases[] = {
      {R"({"licence_status":"suspended","licence_valid_until":"2027-12-31"})", 422, "reason"},
      {R"({"licence_status":"suspended","licence_valid_until":"2027-12-31","reason":"  "})", 422,
       "reason"},
      {R"({"licence_status":"suspended","licence_valid_until":"2027-12-31","reason":7})", 422,
       "reason"},
      {R"({"licence_status":"closed","licence_valid_until":"2027-12-31","reason":"x"})", 422,
       "licence_status"},
      {R"({"licence_status":"suspended","licence_valid_until":"2020-01-01","reason":"x"})", 422,
       "licence_valid_until"},
  };
  for (const Case& k : cases) {
    const Response r = Call("origin", "POST", path, k.body);
    EXPECT_EQ(r.status, k.status) << k.body << " " << r.body;
    EXPECT_EQ(r.content_type, "application/problem+json") << k.body;
    const json::Value problem = testing::TestApi::Body(r);
    ASSERT_NE(problem.Get("field"), nullptr) << k.body << " " << r.body;
    EXPECT_EQ(problem.Get("field")->AsString(), k.field) << k.body;
  }
  // Seen but not the centre's to change: 403; another centre's staff do not see it: 404.
  const char* good =
      R"({"licence_status":"suspended","licence_valid_until":"2027-12-31","reason":"unpaid fees"})";
  EXPECT_EQ(Call("centre", "POST", path, good).status, 403);
  EXPECT_EQ(Call("institute", "POST", path, good).status, 404);
  EXPECT_EQ(LedgerSize(), size);

  const Response r = Call("origin", "POST", path, good);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::Value v = testing::TestApi::Body(r);
  EXPECT_EQ(Conforms("TrainingCentre", v), "");
  EXPECT_EQ(v.Get("licence_status")->AsString(), "suspended");
  EXPECT_EQ(json::Write(*v.Get("allowed_actions")), R"(["change_licence"])");
  EXPECT_EQ(LedgerSize(), size + 1);
  // Suspended: the staff may no longer schedule, and are not offered to.
  EXPECT_EQ(actions("centre"), "[]");
}

// The centre enrols a worker by her passport as well as by her worker number, sees its
// attendees' names to call the roll, and the worker sees where and when her session is.
TEST_F(ApiTrainingTest, EnrolByPassportNamesOnTheRollAndTheWorkersPlace) {
  const std::string session_id = Session(5);
  const std::string session = "/api/v1/training/sessions/" + session_id;
  const uint64_t before = LedgerSize();
  struct Case {
    std::string body;
    int status;
    const char* field;
  };
  const Case cases[] = {
      {R"({"passport_number":"PX0000000"})", 422, "passport_number"},  // nobody's
      {R"({"passport_number":""})", 422, "passport_number"},
      {R"({"passport_number":7})", 422, "passport_number"},
      {R"({"passport_number":"PA1234567","worker":")" + w1_.value() + R"("})", 422, "worker"},
      {R"({})", 422, "worker"},
  };
  for (const Case& k : cases) {
    const Response r = Call("centre", "POST", session + "/attendees", k.body);
    EXPECT_EQ(r.status, k.status) << k.body << " " << r.body;
    const json::Value problem = testing::TestApi::Body(r);
    ASSERT_NE(problem.Get("field"), nullptr) << k.body << " " << r.body;
    EXPECT_EQ(problem.Get("field")->AsString(), k.field) << k.body;
  }
  EXPECT_EQ(LedgerSize(), before);

  // W2 by her passport (W1 and W2 share the sample's names; W2's passport is PA7654321).
  const Response enrolled =
      Call("centre", "POST", session + "/attendees", R"({"passport_number":"PA7654321"})");
  ASSERT_EQ(enrolled.status, 201) << enrolled.body;
  const json::Value at = testing::TestApi::Body(enrolled);
  EXPECT_EQ(Conforms("TrainingAttendance", at), "");
  EXPECT_EQ(at.Get("worker")->AsString(), w2_.value());
  // Enrolled already, by either name.
  EXPECT_EQ(Call("centre", "POST", session + "/attendees", R"({"worker":")" + w2_.value() + R"("})")
                .status,
            409);

  for (const char* who : {"centre", "origin"}) {
    const json::Value roll = testing::TestApi::Body(Call(who, "GET", session + "/attendees"));
    EXPECT_EQ(ListConforms("SessionAttendee", roll), "") << who;
    ASSERT_EQ(roll.Get("items")->AsArray().size(), 1u) << who;
    const json::Value& one = roll.Get("items")->AsArray()[0];
    EXPECT_EQ(one.Get("worker_name")->AsString(),
              "RITA " + domain::testing::SampleWorker().family_name_latin)
        << who;
    EXPECT_EQ(one.Get("worker_name_native")->AsString(),
              domain::testing::SampleWorker().name_native)
        << who;
    EXPECT_EQ(one.Get("passport_number"), nullptr) << "no passport on the roll";
  }
  EXPECT_EQ(Call("institute", "GET", session + "/attendees").status, 404);

  // The worker reads her session's day, place and centre, which she may not read as a session.
  const json::Value mine = testing::TestApi::Body(
      Call("worker2", "GET", "/api/v1/workers/" + w2_.value() + "/training"));
  EXPECT_EQ(Conforms("WorkerTraining", mine), "");
  ASSERT_EQ(mine.Get("sessions")->AsArray().size(), 1u);
  const json::Value& place = mine.Get("sessions")->AsArray()[0];
  EXPECT_EQ(place.Get("session")->AsString(), session_id);
  EXPECT_EQ(place.Get("date")->AsString(), "2026-11-20");
  EXPECT_EQ(place.Get("place")->AsString(), "Hall 2");
  EXPECT_EQ(place.Get("state")->AsString(), "scheduled");
  EXPECT_EQ(place.Get("centre_name")->AsString(), "Centre OC-2026-014");
  EXPECT_EQ(place.Get("centre_address")->AsString(), "Baneshwor, Kathmandu");
  EXPECT_EQ(Call("worker2", "GET", session).status, 404);
  // W1 has no session.
  const json::Value none = testing::TestApi::Body(
      Call("worker1", "GET", "/api/v1/workers/" + w1_.value() + "/training"));
  EXPECT_EQ(none.Get("sessions")->AsArray().size(), 0u);
}

TEST_F(ApiTrainingTest, ACentreAccountNamesAnExistingCentre) {
  auto account = [&](const std::string& centre) {
    std::string body =
        R"({"username":"centre.staff","password":"a long enough password","role":"orientation_centre",)"
        R"("country":"NPL","display_name":"Centre staff")";
    if (!centre.empty()) body += R"(,"centre":")" + centre + "\"";
    return Call("admin", "POST", "/api/v1/accounts", body + "}");
  };
  EXPECT_EQ(account("").status, 422);
  EXPECT_EQ(account("TC-NONE").status, 404);
  const Response made = account(centre_);
  ASSERT_EQ(made.status, 201) << made.body;
  const json::Value v = testing::TestApi::Body(made);
  EXPECT_EQ(Conforms("Account", v), "");
  EXPECT_EQ(v.Get("centre")->AsString(), centre_);
  const Response worker_with_centre =
      Call("admin", "POST", "/api/v1/accounts",
           R"({"username":"w.centre","password":"a long enough password","role":"worker",)"
           R"("worker":")" +
               w1_.value() + R"(","centre":")" + centre_ + R"(","display_name":"W"})");
  EXPECT_EQ(worker_with_centre.status, 422);
}

}  // namespace
}  // namespace corridor::http
