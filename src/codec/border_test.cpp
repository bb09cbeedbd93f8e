#include "codec/border.hpp"

#include <gtest/gtest.h>

#include "domain/testing.hpp"

namespace corridor::codec {
namespace {

using domain::testing::D;

domain::TravelDocument Passport() {
  domain::TravelDocument d;
  d.kind = "passport";
  d.format = "TD3";
  d.document_code = "P";
  d.issuing_state = "NPL";
  d.number = "PA1234567";
  d.nationality = "NPL";
  d.primary_identifier = "THAPA";
  d.secondary_identifier = "SITA KUMARI";
  d.birth_date = "1996-04-12";
  d.sex = "F";
  d.expiry = D("2031-03-01");
  d.mrz_valid = true;
  d.lines = {"P<NPLTHAPA<<SITA<KUMARI<<<<<<<<<<<<<<<<<<<<<",
             "PA12345670NPL9604125F3103017<<<<<<<<<<<<<<02"};
  return d;
}

TEST(BorderCodecTest, RecordsRoundTrip) {
  domain::Crossing c;
  c.id = domain::CrossingId("X-1");
  c.direction = domain::Direction::kExit;
  c.time = *Timestamp::Parse("2026-12-01T10:00:00Z");
  c.port = "KWI";
  c.officer = "U-1";
  c.document = Passport();
  c.visa = Passport();
  c.visa->kind = "visa";
  c.visa->expiry.reset();
  c.authorised_until = D("2027-01-01");
  c.worker = WorkerId("W-1");
  c.findings = {{"permit_active", "permit P-1 is active until 2028-12-31", "P-1"},
                {"not_registered", "no worker holds this passport", ""}};
  c.screened_against = {{"UN", 3, std::string(64, 'a')}};
  c.hits = 2;
  auto back = CrossingFromJson(ToJson(c));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, c);

  domain::ScreeningHit h;
  h.id = domain::HitId("H-1");
  h.crossing = c.id;
  h.list = "OFAC-SDN";
  h.list_version = 1;
  h.entry_id = "36";
  h.listed_name = "Muhammad Abd al-Aziz Hamdan";
  h.score = 0.915;
  h.decision = "match";
  h.explanation = "decision match: score 0.915\n";
  h.raised_at = c.time;
  ASSERT_TRUE(domain::DecideHit(h, false, "different person", "U-2", c.time).ok());
  auto hb = ScreeningHitFromJson(ToJson(h));
  ASSERT_TRUE(hb.ok()) << hb.status().ToString();
  EXPECT_EQ(*hb, h);

  domain::OverstayFlag f;
  f.id = domain::OverstayId("O-1");
  f.entry = c.id;
  f.document = "NPL:PA1234567";
  f.authorised_until = D("2027-01-01");
  f.basis = "visa valid until 2027-01-01";
  f.grace_days = 10;
  f.flagged_on = D("2027-02-01");
  f.days_over = 21;
  f.departed = domain::CrossingId("X-2");
  auto fb = OverstayFlagFromJson(ToJson(f));
  ASSERT_TRUE(fb.ok()) << fb.status().ToString();
  EXPECT_EQ(*fb, f);
}

TEST(BorderCodecTest, ErrorsNameTheFieldPath) {
  domain::Crossing c;
  c.id = domain::CrossingId("X-1");
  c.document = Passport();
  c.findings = {{"permit_active", "x", ""}};
  json::Value v = ToJson(c);
  v["document"]["expiry"] = "2031-02-30";
  EXPECT_EQ(CrossingFromJson(v).status().field(), "document.expiry");
  v = ToJson(c);
  v["direction"] = "transit";
  EXPECT_EQ(CrossingFromJson(v).status().field(), "direction");
  v = ToJson(c);
  v["findings"].AsArray()[0].AsObject().Erase("code");
  EXPECT_EQ(CrossingFromJson(v).status().field(), "findings.0.code");
  v = ToJson(c);
  v.AsObject().Set("religion", "x");
  EXPECT_EQ(CrossingFromJson(v).status().field(), "religion");
  domain::ScreeningHit h;
  h.id = domain::HitId("H-1");
  json::Value hv = ToJson(h);
  hv["score"] = "high";
  EXPECT_EQ(ScreeningHitFromJson(hv).status().field(), "score");
  hv = ToJson(h);
  hv["state"] = "open";
  EXPECT_EQ(ScreeningHitFromJson(hv).status().field(), "state");
}

}  // namespace
}  // namespace corridor::codec
