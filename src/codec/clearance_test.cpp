#include "codec/clearance.hpp"

#include <gtest/gtest.h>

#include "domain/testing.hpp"

namespace corridor::codec {
namespace {

using domain::testing::D;

domain::Clearance SampleClearance() {
  domain::Clearance c;
  c.id = domain::ClearanceId("DC-1");
  c.contract = ContractId("C-1");
  c.worker = WorkerId("W-1");
  c.origin_country = "NPL";
  c.destination_country = "KWT";
  c.contract_digest = std::string(64, 'b');
  c.passport = domain::PassportRef{"PA1234567", "NPL"};
  c.issued_on = D("2026-11-29");
  c.valid_until = D("2027-02-27");
  c.issued_by = "U-np";
  c.evidence = domain::ClearanceEvidence{domain::OrientationId("OC-1"), std::nullopt,
                                         domain::MedicalRecordId("MF-1")};
  return c;
}

json::Value Parsed(const char* text) { return *json::Parse(text); }

// A completion written from a training certificate names it; one an officer recorded has no such
// member, so documents recorded before there were certificates keep their bytes.
TEST(ClearanceCodecTest, AnOrientationNamesItsCertificateOnlyWhenItHasOne) {
  domain::OrientationCompletion o;
  o.id = domain::OrientationId("OC-1");
  o.worker = WorkerId("W-1");
  o.centre = "Centre";
  o.completed_on = D("2026-10-01");
  o.recorded_by = "U-np";
  o.recorded_at = *Timestamp::Parse("2026-11-29T08:00:00Z");
  EXPECT_EQ(ToJson(o).Get("certificate"), nullptr);
  EXPECT_EQ(*OrientationFromJson(ToJson(o)), o);
  o.certificate = CertificateId("CT-1");
  EXPECT_EQ(ToJson(o).Get("certificate")->AsString(), "CT-1");
  EXPECT_EQ(*OrientationFromJson(ToJson(o)), o);
}

TEST(ClearanceCodecTest, RecordsRoundTrip) {
  const Timestamp at = *Timestamp::Parse("2026-11-29T08:00:00Z");
  const domain::OrientationCompletion o{domain::OrientationId("OC-1"),
                                        WorkerId("W-1"),
                                        "Centre",
                                        D("2026-10-01"),
                                        "U-np",
                                        at,
                                        std::nullopt};
  EXPECT_EQ(*OrientationFromJson(ToJson(o)), o);
  const domain::InsurancePolicy p{domain::InsurancePolicyId("IP-1"),
                                  ContractId("C-1"),
                                  WorkerId("W-1"),
                                  "Himalayan Life",
                                  "HL-1",
                                  D("2026-12-01"),
                                  D("2029-01-31"),
                                  *Money::Parse("2500000", "NPR"),
                                  "U-np",
                                  at};
  EXPECT_EQ(*InsurancePolicyFromJson(ToJson(p)), p);
  const domain::MedicalFitness m{
      domain::MedicalRecordId("MF-1"), WorkerId("W-1"), "Centre", D("2026-11-02"),
      domain::MedicalOutcome::kFit,    "U-np",          at};
  EXPECT_EQ(*MedicalFitnessFromJson(ToJson(m)), m);

  domain::Clearance c = SampleClearance();
  auto back = ClearanceFromJson(ToJson(c));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, c);
  ASSERT_TRUE(domain::Revoke(c, domain::RevocationReason::kContractWithdrawn, "withdrawn", "U-np",
                             D("2026-12-01"))
                  .ok());
  EXPECT_EQ(*ClearanceFromJson(ToJson(c)), c);
}

TEST(ClearanceCodecTest, TheCrossingFormHasNoPassportOrEvidenceMembers) {
  const domain::Clearance x = domain::CrossingForm(SampleClearance());
  const json::Value j = ToJson(x);
  EXPECT_EQ(j.Get("passport"), nullptr);
  EXPECT_EQ(j.Get("evidence"), nullptr);
  EXPECT_EQ(*ClearanceFromJson(j), x);
}

TEST(ClearanceCodecTest, NothingClinicalReads) {
  json::Value j = ToJson(domain::MedicalFitness{domain::MedicalRecordId("MF-1"),
                                                WorkerId("W-1"),
                                                "Centre",
                                                D("2026-11-02"),
                                                domain::MedicalOutcome::kUnfit,
                                                "U",
                                                {}});
  j["diagnosis"] = "tuberculosis";
  auto m = MedicalFitnessFromJson(j);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().field(), "diagnosis");
  auto req = MedicalRequestFromJson(
      Parsed(R"({"centre":"C","examined_on":"2026-11-01","outcome":"unfit","note":"x"})"));
  EXPECT_EQ(req.status().field(), "note");
  EXPECT_EQ(MedicalRequestFromJson(
                Parsed(R"({"centre":"C","examined_on":"2026-11-01","outcome":"maybe"})"))
                .status()
                .field(),
            "outcome");
}

TEST(ClearanceCodecTest, RequestsNameTheFieldAtFault) {
  EXPECT_EQ(OrientationRequestFromJson(Parsed(R"({"centre":"C"})")).status().field(),
            "completed_on");
  EXPECT_EQ(OrientationRequestFromJson(Parsed(R"({"centre":"C","completed_on":"2026-02-30"})"))
                .status()
                .field(),
            "completed_on");
  auto p = InsuranceRequestFromJson(Parsed(
      R"({"insurer":"I","policy_number":"P","cover_from":"2026-01-01","cover_until":"2028-01-01",
          "sum_insured":{"amount":"10.123","currency":"NPR"}})"));
  EXPECT_EQ(p.status().field(), "sum_insured");
  p = InsuranceRequestFromJson(Parsed(
      R"({"insurer":"I","policy_number":"P","cover_from":"2026-01-01","cover_until":"2028-01-01",
          "sum_insured":{"amount":"10","currency":"NPR"}})"));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->sum_insured, *Money::Parse("10", "NPR"));
}

TEST(ClearanceCodecTest, ARevocationIsWholeOrAbsent) {
  json::Value j = ToJson(SampleClearance());
  j["state"] = "revoked";
  EXPECT_EQ(ClearanceFromJson(j).status().field(), "state");
  j["revoked_on"] = "2026-12-01";
  j["revocation_reason"] = "issued_in_error";
  EXPECT_TRUE(ClearanceFromJson(j).ok());
  j["revocation_reason"] = "whim";
  EXPECT_EQ(ClearanceFromJson(j).status().field(), "revocation_reason");
}

TEST(ClearanceCodecTest, RequirementsFileReads) {
  auto r = ClearanceRequirementsFromJson(Parsed(R"({
    "country": "NPL", "departure_within_days": 90,
    "orientation": {"required": true, "within_days": 180},
    "insurance": {"required": true, "minimum_sum_insured": {"amount": "2000000.00", "currency": "NPR"}},
    "medical": {"required": false, "within_days": 90},
    "agency_licence": {"required": true},
    "passport": {"required": true, "margin_months": 6}})"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->country, "NPL");
  EXPECT_EQ(r->insurance.minimum_sum_insured, *Money::Parse("2000000", "NPR"));
  EXPECT_FALSE(r->medical.required);
  EXPECT_EQ(r->passport.margin_months, 6);

  auto bad = ClearanceRequirementsFromJson(Parsed(R"({
    "country": "NPL", "departure_within_days": 90,
    "orientation": {"required": true, "within_days": 180, "hours": 40},
    "insurance": {"required": true, "minimum_sum_insured": {"amount": "1", "currency": "NPR"}},
    "medical": {"required": true, "within_days": 90},
    "agency_licence": {"required": true},
    "passport": {"required": true, "margin_months": 6}})"));
  EXPECT_EQ(bad.status().field(), "orientation.hours");
  bad = ClearanceRequirementsFromJson(Parsed(R"({"country": "NPL", "departure_within_days": 90})"));
  EXPECT_EQ(bad.status().field(), "orientation");
}

}  // namespace
}  // namespace corridor::codec
