#include "codec/training.hpp"

#include <gtest/gtest.h>

#include "domain/testing.hpp"

namespace corridor::codec {
namespace {

using domain::testing::D;

json::Value J(std::string_view text) {
  auto v = json::Parse(text);
  EXPECT_TRUE(v.ok()) << v.status().ToString();
  return v.ok() ? *v : json::Value();
}

constexpr std::string_view kCatalogue = R"({
  "country": "NPL", "language": "ne",
  "courses": [
    {"id": "NPL-PDO-GCC", "audience": "workers", "official_roles": [],
     "topics": ["workers_rights_and_contract", "destination_laws_and_culture"],
     "duration_hours": 16, "delivered_by": ["orientation_centre"],
     "text": {"en": {"title": "Orientation", "outline": ["Your contract"]},
              "ne": {"title": "अभिमुखीकरण", "outline": ["तपाईंको करार"]}}},
    {"id": "NPL-OFF-HTP", "audience": "officials", "official_roles": ["police"],
     "topics": ["human_rights"], "duration_hours": 24, "delivered_by": ["training_institute"],
     "text": {"en": {"title": "Human rights", "outline": ["Victims"]},
              "ne": {"title": "मानव अधिकार", "outline": ["पीडित"]}}}
  ]})";

TEST(TrainingCodec, ReadsACourseFile) {
  auto c = CatalogueFromJson(J(kCatalogue));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->country, "NPL");
  ASSERT_EQ(c->courses.size(), 2u);
  EXPECT_EQ(c->courses[1].official_roles,
            std::vector<domain::OfficialRole>{domain::OfficialRole::kPolice});
  EXPECT_EQ(c->courses[0].text.at("ne").outline[0], "तपाईंको करार");
  // The course's JSON form is the file's.
  EXPECT_EQ(ToJson(c->courses[1]), J(kCatalogue).Get("courses")->AsArray()[1]);
}

TEST(TrainingCodec, ACourseFileErrorNamesTheCourseAndField) {
  auto field_of = [](std::string text) { return CatalogueFromJson(J(text)).status().field(); };
  std::string t(kCatalogue);
  auto replaced = [&](std::string_view from, std::string_view to) {
    std::string s = t;
    const size_t at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    s.replace(at, from.size(), to);
    return s;
  };
  EXPECT_EQ(field_of(replaced("\"topics\": [\"human_rights\"]", "\"topics\": [\"rights\"]")),
            "courses[1].topics[0]");
  EXPECT_EQ(field_of(replaced("\"duration_hours\": 24", "\"duration_hours\": 0")),
            "courses[1].duration_hours");
  EXPECT_EQ(field_of(replaced("\"title\": \"मानव अधिकार\", ", "")), "courses[1].text.ne.title");
  EXPECT_EQ(field_of(replaced("\"audience\": \"officials\",",
                              "\"audience\": \"officials\", "
                              "\"level\": 2,")),
            "courses[1].level");
  EXPECT_EQ(field_of(replaced("\"official_roles\": [\"police\"]", "\"official_roles\": []")),
            "courses[1].official_roles");
  EXPECT_EQ(field_of(replaced("\"language\": \"ne\"", "\"language\": \"tl\"")), "courses[0].text");
  EXPECT_EQ(CatalogueFromJson(J("{\"country\": \"NPL\", \"language\": \"ne\"}")).status().field(),
            "courses");
}

TEST(TrainingCodec, RecordsRoundTrip) {
  const Timestamp at = *Timestamp::Parse("2026-11-29T08:00:00Z");
  domain::Centre c;
  c.id = CentreId("TC-1");
  c.name = "Kathmandu Orientation Centre";
  c.country = "NPL";
  c.address = "Baneshwor";
  c.licence_number = "OC-14";
  c.licence_valid_until = D("2027-12-31");
  c.courses = {"NPL-PDO-GCC"};
  c.registered_by = "U-1";
  c.registered_at = at;
  EXPECT_EQ(*CentreFromJson(ToJson(c)), c);

  domain::Session s;
  s.id = domain::SessionId("TS-1");
  s.course = "NPL-PDO-GCC";
  s.centre = c.id;
  s.date = D("2026-11-20");
  s.place = "Hall 2";
  s.trainer = "Sita Sharma";
  s.capacity = 30;
  s.enrolled = 2;
  s.state = domain::SessionState::kCompleted;
  s.completed_on = D("2026-11-21");
  s.scheduled_by = "U-1";
  s.scheduled_at = at;
  EXPECT_EQ(*SessionFromJson(ToJson(s)), s);

  domain::Attendance a;
  a.id = domain::AttendanceId("TA-1");
  a.session = s.id;
  a.course = s.course;
  a.centre = c.id;
  a.official = domain::Official{"Inspector Rana", domain::OfficialRole::kBorderOfficer, "B-7",
                                "Immigration Department"};
  a.outcome = domain::AttendanceOutcome::kCompleted;
  a.certificate = CertificateId("CT-1");
  a.enrolled_by = "U-1";
  a.enrolled_at = at;
  EXPECT_EQ(*AttendanceFromJson(ToJson(a)), a);

  domain::Certificate k;
  k.id = CertificateId("CT-1");
  k.attendance = a.id;
  k.session = s.id;
  k.course = s.course;
  k.centre = c.id;
  k.worker = WorkerId("W-1");
  k.completed_on = D("2026-11-21");
  k.issued_at = at;
  EXPECT_EQ(*CertificateFromJson(ToJson(k)), k);
  k.official = domain::Certificate::Holder{"Inspector Rana", domain::OfficialRole::kPolice};
  EXPECT_EQ(CertificateFromJson(ToJson(k)).status().code(), Code::kInvalidArgument);  // both
}

TEST(TrainingCodec, RequestsTakeOnlyTheCallersMembers) {
  auto centre = CentreRequestFromJson(
      J(R"({"name": "C", "kind": "orientation_centre", "address": "A", "licence_number": "L",
            "licence_valid_until": "2027-12-31", "courses": ["NPL-PDO-GCC"]})"));
  ASSERT_TRUE(centre.ok()) << centre.status().ToString();
  EXPECT_EQ(CentreRequestFromJson(J(R"({"name": "C", "kind": "orientation_centre", "address": "A",
            "licence_number": "L", "licence_valid_until": "2027-12-31", "courses": [],
            "licence_status": "active"})"))
                .status()
                .field(),
            "licence_status");
  EXPECT_EQ(CentreRequestFromJson(J(R"({"name": "C", "kind": "school", "address": "A",
            "licence_number": "L", "licence_valid_until": "2027-12-31", "courses": []})"))
                .status()
                .field(),
            "kind");
  EXPECT_EQ(SessionRequestFromJson(J(R"({"course": "X", "centre": "TC-1", "date": "2026-12-01",
            "place": "P", "trainer": "T", "capacity": 501})"))
                .status()
                .field(),
            "capacity");
  auto worker = EnrolRequestFromJson(J(R"({"worker": "W-1"})"));
  ASSERT_TRUE(worker.ok());
  EXPECT_EQ(worker->attendance.worker, WorkerId("W-1"));
  EXPECT_EQ(worker->passport_number, "");
  auto passport = EnrolRequestFromJson(J(R"({"passport_number": "PA1234567"})"));
  ASSERT_TRUE(passport.ok()) << passport.status().ToString();
  EXPECT_EQ(passport->passport_number, "PA1234567");
  EXPECT_FALSE(passport->attendance.worker.has_value());
  EXPECT_EQ(EnrolRequestFromJson(J(R"({"passport_number": "PA1234567", "worker": "W-1"})"))
                .status()
                .field(),
            "worker");
  EXPECT_EQ(EnrolRequestFromJson(J(R"({"passport_number": 7})")).status().field(),
            "passport_number");
  auto official = EnrolRequestFromJson(J(R"({"official": {"name": "N", "role": "police",
            "service_number": "P-1", "organisation": "Nepal Police"}})"));
  ASSERT_TRUE(official.ok()) << official.status().ToString();
  EXPECT_EQ(official->attendance.official->role, domain::OfficialRole::kPolice);
  EXPECT_EQ(EnrolRequestFromJson(J(R"({"official": {"name": "N", "role": "judge",
            "service_number": "P-1", "organisation": "O"}})"))
                .status()
                .field(),
            "official.role");
  EXPECT_EQ(EnrolRequestFromJson(J("{}")).status().code(), Code::kInvalidArgument);
  auto done = CompletionRequestFromJson(J(R"({"completed_on": "2026-11-21", "absent": ["TA-1"]})"));
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->absent, std::vector<domain::AttendanceId>{domain::AttendanceId("TA-1")});
  EXPECT_TRUE(CompletionRequestFromJson(J(R"({"completed_on": "2026-11-21"})"))->absent.empty());
  EXPECT_EQ(CompletionRequestFromJson(J(R"({"completed_on": "21/11/2026"})")).status().field(),
            "completed_on");
  EXPECT_EQ(*PresentedCertificateFromJson(J(R"({"certificate": "CT-1"})")), CertificateId("CT-1"));
  EXPECT_EQ(PresentedCertificateFromJson(J(R"({"certificate": "CT 1"})")).status().field(),
            "certificate");
  EXPECT_EQ(
      PresentedCertificateFromJson(J(R"({"certificate": "CT-1", "centre": "X"})")).status().field(),
      "centre");
}

}  // namespace
}  // namespace corridor::codec
