#include "codec/clearance.hpp"

#include <functional>

#include "codec/reader.hpp"

namespace corridor::codec {
namespace {

// Reads the object member `key` with a nested reader; absent or null: `each` is not called.
// Returns whether it was present.
bool Nested(ObjectReader& r, std::string_view key, bool required,
            const std::function<void(ObjectReader&)>& each) {
  const json::Value* v = r.Raw(key);
  if (v == nullptr) {
    if (required) r.Fail(Status::InvalidArgument("is required", r.Path(key)));
    return false;
  }
  ObjectReader nested(*v, r.Path(key));
  if (nested.ok()) each(nested);
  r.Fail(nested.Finish());
  return true;
}

}  // namespace

json::Value ToJson(const domain::OrientationCompletion& o) {
  json::Object j;
  j.Set("id", o.id.value());
  j.Set("worker", o.worker.value());
  j.Set("centre", o.centre);
  j.Set("completed_on", o.completed_on.ToString());
  j.Set("recorded_by", o.recorded_by);
  j.Set("recorded_at", o.recorded_at.ToString());
  // Only a completion written from a certificate has the member, so the documents recorded
  // before there were certificates keep their bytes.
  if (o.certificate) j.Set("certificate", o.certificate->value());
  return j;
}

Result<domain::OrientationCompletion> OrientationFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::OrientationCompletion o;
  o.id = domain::OrientationId(r.String("id"));
  o.worker = WorkerId(r.String("worker"));
  o.centre = r.String("centre");
  o.completed_on = r.DateField("completed_on");
  o.recorded_by = r.String("recorded_by");
  o.recorded_at = r.TimestampField("recorded_at");
  o.certificate = OptionalId<CertificateId>(r, "certificate");
  RETURN_IF_ERROR(r.Finish());
  return o;
}

json::Value ToJson(const domain::InsurancePolicy& p) {
  json::Object j;
  j.Set("id", p.id.value());
  j.Set("contract", p.contract.value());
  j.Set("worker", p.worker.value());
  j.Set("insurer", p.insurer);
  j.Set("policy_number", p.policy_number);
  j.Set("cover_from", p.cover_from.ToString());
  j.Set("cover_until", p.cover_until.ToString());
  j.Set("sum_insured", MoneyToJson(p.sum_insured));
  j.Set("recorded_by", p.recorded_by);
  j.Set("recorded_at", p.recorded_at.ToString());
  return j;
}

Result<domain::InsurancePolicy> InsurancePolicyFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::InsurancePolicy p;
  p.id = domain::InsurancePolicyId(r.String("id"));
  p.contract = ContractId(r.String("contract"));
  p.worker = WorkerId(r.String("worker"));
  p.insurer = r.String("insurer");
  p.policy_number = r.String("policy_number");
  p.cover_from = r.DateField("cover_from");
  p.cover_until = r.DateField("cover_until");
  p.sum_insured = r.MoneyField("sum_insured");
  p.recorded_by = r.String("recorded_by");
  p.recorded_at = r.TimestampField("recorded_at");
  RETURN_IF_ERROR(r.Finish());
  return p;
}

json::Value ToJson(const domain::MedicalFitness& m) {
  json::Object j;
  j.Set("id", m.id.value());
  j.Set("worker", m.worker.value());
  j.Set("centre", m.centre);
  j.Set("examined_on", m.examined_on.ToString());
  j.Set("outcome", std::string(ToString(m.outcome)));
  j.Set("recorded_by", m.recorded_by);
  j.Set("recorded_at", m.recorded_at.ToString());
  return j;
}

Result<domain::MedicalFitness> MedicalFitnessFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::MedicalFitness m;
  m.id = domain::MedicalRecordId(r.String("id"));
  m.worker = WorkerId(r.String("worker"));
  m.centre = r.String("centre");
  m.examined_on = r.DateField("examined_on");
  m.outcome = r.Enum("outcome", domain::ParseMedicalOutcome, domain::MedicalOutcome::kUnfit);
  m.recorded_by = r.String("recorded_by");
  m.recorded_at = r.TimestampField("recorded_at");
  RETURN_IF_ERROR(r.Finish());
  return m;
}

json::Value ToJson(const domain::Clearance& c) {
  json::Object j;
  j.Set("id", c.id.value());
  j.Set("contract", c.contract.value());
  j.Set("worker", c.worker.value());
  j.Set("origin_country", c.origin_country);
  j.Set("destination_country", c.destination_country);
  j.Set("contract_digest", c.contract_digest);
  if (c.passport) {
    json::Object p;
    p.Set("number", c.passport->number);
    p.Set("issuing_state", c.passport->issuing_state);
    j.Set("passport", std::move(p));
  }
  j.Set("issued_on", c.issued_on.ToString());
  j.Set("valid_until", c.valid_until.ToString());
  j.Set("issued_by", c.issued_by);
  if (c.evidence) {
    json::Object e;
    e.Set("orientation", OptId(c.evidence->orientation));
    e.Set("insurance", OptId(c.evidence->insurance));
    e.Set("medical", OptId(c.evidence->medical));
    j.Set("evidence", std::move(e));
  }
  j.Set("state", std::string(ToString(c.state)));
  j.Set("revoked_on", OptDate(c.revoked_on));
  j.Set("revoked_by", c.revoked_by);
  j.Set("revocation_reason", c.revocation_reason
                                 ? json::Value(std::string(ToString(*c.revocation_reason)))
                                 : json::Value());
  j.Set("revocation_note", c.revocation_note);
  return j;
}

Result<domain::Clearance> ClearanceFromJson(const json::Value& v, const std::string& path) {
  ObjectReader r(v, path);
  domain::Clearance c;
  c.id = domain::ClearanceId(r.String("id"));
  c.contract = ContractId(r.String("contract"));
  c.worker = WorkerId(r.String("worker"));
  c.origin_country = r.String("origin_country");
  c.destination_country = r.String("destination_country");
  c.contract_digest = r.String("contract_digest");
  domain::PassportRef passport;
  if (Nested(r, "passport", false, [&](ObjectReader& p) {
        passport.number = p.String("number");
        passport.issuing_state = p.String("issuing_state");
      })) {
    c.passport = passport;
  }
  c.issued_on = r.DateField("issued_on");
  c.valid_until = r.DateField("valid_until");
  c.issued_by = r.String("issued_by");
  domain::ClearanceEvidence evidence;
  if (Nested(r, "evidence", false, [&](ObjectReader& e) {
        evidence.orientation = OptionalId<domain::OrientationId>(e, "orientation");
        evidence.insurance = OptionalId<domain::InsurancePolicyId>(e, "insurance");
        evidence.medical = OptionalId<domain::MedicalRecordId>(e, "medical");
      })) {
    c.evidence = evidence;
  }
  c.state = r.Enum("state", domain::ParseClearanceState, domain::ClearanceState::kIssued);
  c.revoked_on = r.OptionalDate("revoked_on");
  c.revoked_by = r.OptionalString("revoked_by");
  if (r.Has("revocation_reason")) {
    c.revocation_reason = r.Enum("revocation_reason", domain::ParseRevocationReason,
                                 domain::RevocationReason::kIssuedInError);
  } else {
    (void)r.Raw("revocation_reason");
  }
  c.revocation_note = r.OptionalString("revocation_note");
  RETURN_IF_ERROR(r.Finish());
  // A revoked clearance says when, and an issued one has no revocation.
  const bool revoked = c.state == domain::ClearanceState::kRevoked;
  if (revoked != c.revoked_on.has_value() || revoked != c.revocation_reason.has_value()) {
    return Status::InvalidArgument(
        "a revoked clearance has revoked_on and revocation_reason, "
        "an issued one neither",
        path.empty() ? "state" : path + ".state");
  }
  return c;
}

json::Value ToJson(const domain::RequirementResult& r) {
  json::Object j;
  j.Set("requirement", std::string(ToString(r.requirement)));
  j.Set("met", r.met);
  j.Set("detail", r.detail);
  return j;
}

Result<domain::OrientationCompletion> OrientationRequestFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::OrientationCompletion o;
  o.centre = r.String("centre");
  o.completed_on = r.DateField("completed_on");
  RETURN_IF_ERROR(r.Finish());
  return o;
}

Result<domain::InsurancePolicy> InsuranceRequestFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::InsurancePolicy p;
  p.insurer = r.String("insurer");
  p.policy_number = r.String("policy_number");
  p.cover_from = r.DateField("cover_from");
  p.cover_until = r.DateField("cover_until");
  p.sum_insured = r.MoneyField("sum_insured");
  RETURN_IF_ERROR(r.Finish());
  return p;
}

Result<domain::MedicalFitness> MedicalRequestFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::MedicalFitness m;
  m.centre = r.String("centre");
  m.examined_on = r.DateField("examined_on");
  m.outcome = r.Enum("outcome", domain::ParseMedicalOutcome, domain::MedicalOutcome::kUnfit);
  RETURN_IF_ERROR(r.Finish());
  return m;
}

Result<domain::ClearanceRequirements> ClearanceRequirementsFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::ClearanceRequirements q;
  q.country = r.String("country");
  q.departure_within_days = r.Int("departure_within_days", 1, 3660);
  Nested(r, "orientation", true, [&](ObjectReader& o) {
    q.orientation.required = o.Bool("required");
    q.orientation.within_days = o.Int("within_days", 1, 3660);
  });
  Nested(r, "insurance", true, [&](ObjectReader& o) {
    q.insurance.required = o.Bool("required");
    q.insurance.minimum_sum_insured = o.MoneyField("minimum_sum_insured");
  });
  Nested(r, "medical", true, [&](ObjectReader& o) {
    q.medical.required = o.Bool("required");
    q.medical.within_days = o.Int("within_days", 1, 3660);
  });
  Nested(r, "agency_licence", true,
         [&](ObjectReader& o) { q.agency_licence_required = o.Bool("required"); });
  Nested(r, "passport", true, [&](ObjectReader& o) {
    q.passport.required = o.Bool("required");
    q.passport.margin_months = o.Int("margin_months", 0, 60);
  });
  RETURN_IF_ERROR(r.Finish());
  RETURN_IF_ERROR(domain::ValidateClearanceRequirements(q));
  return q;
}

}  // namespace corridor::codec
