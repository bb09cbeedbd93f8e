#include "codec/codec.hpp"

#include "codec/reader.hpp"
#include "crypto/crypto.hpp"

namespace corridor::codec {
namespace {

using domain::Allowance;

json::Value Opt(const std::optional<Date>& d) {
  return d ? json::Value(d->ToString()) : json::Value();
}
json::Value Opt(const std::optional<Timestamp>& t) {
  return t ? json::Value(t->ToString()) : json::Value();
}

json::Value AllowanceToJson(const Allowance& a) {
  json::Object o;
  o.Set("kind", std::string(ToString(a.kind)));
  if (a.amount) o.Set("amount", MoneyToJson(*a.amount));
  return o;
}

Allowance ReadAllowance(ObjectReader& parent, std::string_view key) {
  Allowance a;
  const json::Value* v = parent.Raw(key);
  if (v == nullptr) {
    if (parent.ok()) parent.Fail(Status::InvalidArgument("is required", parent.Path(key)));
    return a;
  }
  ObjectReader r(*v, parent.Path(key));
  a.kind = r.Enum("kind", domain::ParseAllowanceKind, domain::AllowanceKind::kNone);
  a.amount = r.OptionalMoney("amount");
  parent.Fail(r.Finish());
  return a;
}

}  // namespace

json::Value ToJson(const domain::Worker& w) {
  json::Object o;
  o.Set("id", w.id.value());
  o.Set("name_native", w.name_native);
  o.Set("family_name_latin", w.family_name_latin);
  o.Set("given_names_latin", w.given_names_latin);
  o.Set("date_of_birth", w.date_of_birth.ToString());
  o.Set("sex", std::string(ToString(w.sex)));
  o.Set("nationality", w.nationality);
  json::Object p;
  p.Set("number", w.passport.number);
  p.Set("issuing_state", w.passport.issuing_state);
  p.Set("expiry", w.passport.expiry.ToString());
  o.Set("passport", std::move(p));
  o.Set("phone", w.phone);
  o.Set("preferred_language", w.preferred_language);
  return o;
}

Result<domain::Worker> WorkerFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::Worker w;
  w.id = WorkerId(r.OptionalString("id"));
  w.name_native = r.OptionalString("name_native");
  w.family_name_latin = r.String("family_name_latin");
  w.given_names_latin = r.OptionalString("given_names_latin");
  w.date_of_birth = r.DateField("date_of_birth");
  w.sex = r.Enum("sex", domain::ParseSex, domain::Sex::kUnspecified);
  w.nationality = r.String("nationality");
  if (const json::Value* p = r.Raw("passport")) {
    ObjectReader pr(*p, "passport");
    w.passport.number = pr.String("number");
    w.passport.issuing_state = pr.String("issuing_state");
    w.passport.expiry = pr.DateField("expiry");
    r.Fail(pr.Finish());
  } else if (r.ok()) {
    r.Fail(Status::InvalidArgument("is required", "passport"));
  }
  w.phone = r.String("phone");
  w.preferred_language = r.String("preferred_language");
  RETURN_IF_ERROR(r.Finish());
  return w;
}

json::Value ToJson(const domain::Employer& e) {
  json::Object o;
  o.Set("id", e.id.value());
  o.Set("registration_number", e.registration_number);
  o.Set("name", e.name);
  o.Set("sector", e.sector);
  o.Set("establishment", e.establishment);
  o.Set("country", e.country);
  return o;
}

Result<domain::Employer> EmployerFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::Employer e;
  e.id = EmployerId(r.OptionalString("id"));
  e.registration_number = r.String("registration_number");
  e.name = r.String("name");
  e.sector = r.String("sector");
  e.establishment = r.String("establishment");
  e.country = r.String("country");
  RETURN_IF_ERROR(r.Finish());
  return e;
}

json::Value ToJson(const domain::Agency& a) {
  json::Object o;
  o.Set("id", a.id.value());
  o.Set("licence_number", a.licence_number);
  o.Set("name", a.name);
  o.Set("country", a.country);
  o.Set("status", std::string(ToString(a.status)));
  o.Set("licence_expiry", Opt(a.licence_expiry));
  return o;
}

Result<domain::Agency> AgencyFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::Agency a;
  a.id = AgencyId(r.OptionalString("id"));
  a.licence_number = r.String("licence_number");
  a.name = r.String("name");
  a.country = r.String("country");
  if (r.Has("status")) {
    a.status = r.Enum("status", domain::ParseLicenceStatus, domain::LicenceStatus::kActive);
  } else {
    r.Raw("status");  // absent or null: a new licence is active
  }
  a.licence_expiry = r.OptionalDate("licence_expiry");
  RETURN_IF_ERROR(r.Finish());
  return a;
}

json::Value ToJson(const domain::JobOrder& j) {
  json::Object o;
  o.Set("id", j.id.value());
  o.Set("employer", j.employer.value());
  o.Set("agency", j.agency ? json::Value(j.agency->value()) : json::Value());
  o.Set("position", j.position);
  o.Set("isco_code", j.isco_code);
  o.Set("openings", j.openings);
  o.Set("basic_wage", MoneyToJson(j.basic_wage));
  o.Set("country", j.country);
  o.Set("status", std::string(ToString(j.status)));
  return o;
}

Result<domain::JobOrder> JobOrderFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::JobOrder j;
  j.id = JobOrderId(r.OptionalString("id"));
  j.employer = EmployerId(r.String("employer"));
  if (std::string a = r.OptionalString("agency"); !a.empty()) j.agency = AgencyId(a);
  j.position = r.String("position");
  j.isco_code = r.String("isco_code");
  j.openings = r.Int("openings", 1, 10000);
  j.basic_wage = r.MoneyField("basic_wage");
  j.country = r.String("country");
  const std::string status = r.OptionalString("status");
  if (status == "closed") {
    j.status = domain::JobOrderStatus::kClosed;
  } else if (!status.empty() && status != "open") {
    r.Fail(Status::InvalidArgument("must be open or closed", "status"));
  }
  RETURN_IF_ERROR(r.Finish());
  return j;
}

json::Value ToJson(const domain::Occupation& o) {
  json::Object out;
  out.Set("isco_code", o.isco_code);
  out.Set("title", o.title);
  return out;
}

Result<domain::Occupation> OccupationFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::Occupation o;
  o.isco_code = r.String("isco_code");
  o.title = r.String("title");
  RETURN_IF_ERROR(r.Finish());
  return o;
}

json::Value ToJson(const domain::WageFloor& f) {
  json::Object o;
  o.Set("country", f.country);
  o.Set("isco_code", f.isco_code);
  o.Set("minimum", MoneyToJson(f.minimum));
  o.Set("effective_from", f.effective_from.ToString());
  return o;
}

Result<domain::WageFloor> WageFloorFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::WageFloor f;
  f.country = r.String("country");
  f.isco_code = r.OptionalString("isco_code");
  f.minimum = r.MoneyField("minimum");
  f.effective_from = r.DateField("effective_from");
  RETURN_IF_ERROR(r.Finish());
  return f;
}

json::Value ToJson(const domain::CountryRules& c) {
  json::Object o;
  o.Set("country", c.country);
  o.Set("max_hours_per_day", c.max_hours_per_day);
  o.Set("max_days_per_week", c.max_days_per_week);
  o.Set("min_overtime_percent", c.min_overtime_percent);
  o.Set("min_annual_leave_days", c.min_annual_leave_days);
  o.Set("max_probation_months", c.max_probation_months);
  o.Set("min_notice_days", c.min_notice_days);
  o.Set("max_deduction_percent", c.max_deduction_percent);
  o.Set("payment_due_day", c.payment_due_day);
  o.Set("permit_grace_days", c.permit_grace_days);
  o.Set("permit_max_months", c.permit_max_months);
  return o;
}

Result<domain::CountryRules> CountryRulesFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::CountryRules c;
  c.country = r.String("country");
  c.max_hours_per_day = r.Int("max_hours_per_day", 1, 24);
  c.max_days_per_week = r.Int("max_days_per_week", 1, 7);
  c.min_overtime_percent = r.Int("min_overtime_percent", 0, 1000);
  c.min_annual_leave_days = r.Int("min_annual_leave_days", 0, 365);
  c.max_probation_months = r.Int("max_probation_months", 0, 60);
  c.min_notice_days = r.Int("min_notice_days", 0, 365);
  c.max_deduction_percent = r.Int("max_deduction_percent", 0, 100);
  // Rules set before the field existed keep the default.
  if (r.Has("payment_due_day")) c.payment_due_day = r.Int("payment_due_day", 1, 31);
  if (r.Has("permit_grace_days")) c.permit_grace_days = r.Int("permit_grace_days", 0, 365);
  if (r.Has("permit_max_months")) c.permit_max_months = r.Int("permit_max_months", 0, 120);
  RETURN_IF_ERROR(r.Finish());
  return c;
}

json::Value ToJson(const domain::ContractTerms& t) {
  json::Object o;
  o.Set("worker", t.worker.value());
  o.Set("employer", t.employer.value());
  o.Set("agency", t.agency ? json::Value(t.agency->value()) : json::Value());
  o.Set("origin_country", t.origin_country);
  o.Set("destination_country", t.destination_country);
  o.Set("position", t.position);
  o.Set("isco_code", t.isco_code);
  o.Set("basic_wage", MoneyToJson(t.basic_wage));
  o.Set("housing", AllowanceToJson(t.housing));
  o.Set("food", AllowanceToJson(t.food));
  o.Set("transport", AllowanceToJson(t.transport));
  o.Set("hours_per_day", t.hours_per_day);
  o.Set("days_per_week", t.days_per_week);
  o.Set("weekly_rest_day", std::string(ToString(t.weekly_rest_day)));
  o.Set("overtime_percent", t.overtime_percent);
  o.Set("annual_leave_days", t.annual_leave_days);
  o.Set("probation_months", t.probation_months);
  o.Set("start_date", t.start_date.ToString());
  o.Set("duration_months", t.duration_months);
  o.Set("notice_period_days", t.notice_period_days);
  o.Set("place_of_work", t.place_of_work);
  o.Set("accommodation", std::string(ToString(t.accommodation)));
  o.Set("accommodation_details", t.accommodation_details);
  o.Set("recruitment_fees_paid_by", std::string(ToString(t.recruitment_fees_paid_by)));
  o.Set("travel_paid_by", std::string(ToString(t.travel_paid_by)));
  o.Set("repatriation_paid_by", std::string(ToString(t.repatriation_paid_by)));
  o.Set("worker_fees", MoneyToJson(t.worker_fees));
  json::Array langs;
  for (const auto& l : t.languages) langs.emplace_back(l);
  o.Set("languages", std::move(langs));
  return o;
}

Result<domain::ContractTerms> TermsFromJson(const json::Value& v, const std::string& path) {
  ObjectReader r(v, path);
  domain::ContractTerms t;
  t.worker = WorkerId(r.String("worker"));
  t.employer = EmployerId(r.String("employer"));
  if (std::string a = r.OptionalString("agency"); !a.empty()) t.agency = AgencyId(a);
  t.origin_country = r.String("origin_country");
  t.destination_country = r.String("destination_country");
  t.position = r.String("position");
  t.isco_code = r.String("isco_code");
  t.basic_wage = r.MoneyField("basic_wage");
  t.housing = ReadAllowance(r, "housing");
  t.food = ReadAllowance(r, "food");
  t.transport = ReadAllowance(r, "transport");
  t.hours_per_day = r.Int("hours_per_day", 1, 24);
  t.days_per_week = r.Int("days_per_week", 1, 7);
  t.weekly_rest_day = r.Enum("weekly_rest_day", domain::ParseWeekday, domain::Weekday::kFriday);
  t.overtime_percent = r.Int("overtime_percent", 0, 1000);
  t.annual_leave_days = r.Int("annual_leave_days", 0, 365);
  t.probation_months = r.Int("probation_months", 0, 60);
  t.start_date = r.DateField("start_date");
  t.duration_months = r.Int("duration_months", 1, 120);
  t.notice_period_days = r.Int("notice_period_days", 0, 365);
  t.place_of_work = r.String("place_of_work");
  t.accommodation =
      r.Enum("accommodation", domain::ParseAccommodation, domain::Accommodation::kProvidedFree);
  t.accommodation_details = r.OptionalString("accommodation_details");
  t.recruitment_fees_paid_by =
      r.Enum("recruitment_fees_paid_by", domain::ParsePayer, domain::Payer::kEmployer);
  t.travel_paid_by = r.Enum("travel_paid_by", domain::ParsePayer, domain::Payer::kEmployer);
  t.repatriation_paid_by =
      r.Enum("repatriation_paid_by", domain::ParsePayer, domain::Payer::kEmployer);
  t.worker_fees = r.MoneyField("worker_fees");
  t.languages = r.StringList("languages");
  RETURN_IF_ERROR(r.Finish());
  return t;
}

json::Value ToJson(const domain::Contract& c) {
  json::Object o;
  o.Set("id", c.id.value());
  o.Set("state", std::string(ToString(c.state)));
  o.Set("version", c.version);
  o.Set("digest", c.digest);
  o.Set("terms", ToJson(c.terms));
  o.Set("attested_digest", c.attested_digest);
  o.Set("authenticated_digest", c.authenticated_digest);
  o.Set("attested_by", c.attested_by);
  o.Set("authenticated_by", c.authenticated_by);
  o.Set("offered_at", Opt(c.offered_at));
  o.Set("decided_at", Opt(c.decided_at));
  o.Set("attested_at", Opt(c.attested_at));
  o.Set("authenticated_at", Opt(c.authenticated_at));
  o.Set("active_from", Opt(c.active_from));
  o.Set("ended_on", Opt(c.ended_on));
  o.Set("end_reason",
        c.end_reason ? json::Value(std::string(ToString(*c.end_reason))) : json::Value());
  o.Set("rejection_reason", c.rejection_reason);
  if (c.pending_amendment) {
    const auto& a = *c.pending_amendment;
    json::Object am;
    am.Set("number", a.number);
    am.Set("terms", ToJson(a.terms));
    am.Set("reason", a.reason);
    am.Set("state", std::string(ToString(a.state)));
    am.Set("proposed_at", a.proposed_at.ToString());
    am.Set("digest", TermsDigest(a.terms));
    o.Set("pending_amendment", std::move(am));
  } else {
    o.Set("pending_amendment", json::Value());
  }
  return o;
}

Result<domain::Contract> ContractFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::Contract c;
  c.id = ContractId(r.String("id"));
  c.state = r.Enum("state", domain::ParseContractState, domain::ContractState::kDraft);
  c.version = r.Int("version", 1, 1'000'000);
  c.digest = r.String("digest");
  if (const json::Value* t = r.Raw("terms")) {
    auto terms = TermsFromJson(*t, "terms");
    if (terms.ok()) {
      c.terms = std::move(*terms);
    } else {
      r.Fail(terms.status());
    }
  } else if (r.ok()) {
    r.Fail(Status::InvalidArgument("is required", "terms"));
  }
  c.attested_digest = r.OptionalString("attested_digest");
  c.authenticated_digest = r.OptionalString("authenticated_digest");
  c.attested_by = r.OptionalString("attested_by");
  c.authenticated_by = r.OptionalString("authenticated_by");
  c.offered_at = r.OptionalTimestamp("offered_at");
  c.decided_at = r.OptionalTimestamp("decided_at");
  c.attested_at = r.OptionalTimestamp("attested_at");
  c.authenticated_at = r.OptionalTimestamp("authenticated_at");
  c.active_from = r.OptionalDate("active_from");
  c.ended_on = r.OptionalDate("ended_on");
  if (r.Has("end_reason")) {
    c.end_reason = r.Enum("end_reason", domain::ParseEndReason, domain::EndReason::kExpiry);
  } else {
    r.Raw("end_reason");
  }
  c.rejection_reason = r.OptionalString("rejection_reason");
  if (const json::Value* a = r.Raw("pending_amendment")) {
    ObjectReader ar(*a, "pending_amendment");
    domain::Amendment am;
    am.number = ar.Int("number", 2, 1'000'000);
    if (const json::Value* t = ar.Raw("terms")) {
      auto terms = TermsFromJson(*t, "pending_amendment.terms");
      if (terms.ok()) {
        am.terms = std::move(*terms);
      } else {
        ar.Fail(terms.status());
      }
    }
    am.reason = ar.String("reason");
    ar.String("state");
    am.proposed_at = ar.TimestampField("proposed_at");
    ar.OptionalString("digest");
    r.Fail(ar.Finish());
    c.pending_amendment = std::move(am);
  }
  RETURN_IF_ERROR(r.Finish());
  return c;
}

json::Value ToJson(const domain::Permit& p) {
  json::Object o;
  o.Set("id", p.id.value());
  o.Set("worker", p.worker.value());
  o.Set("contract", p.contract.value());
  o.Set("employer", p.employer.value());
  o.Set("valid_from", p.valid_from.ToString());
  o.Set("valid_until", p.valid_until.ToString());
  o.Set("status", std::string(ToString(p.status)));
  o.Set("status_reason", p.status_reason);
  o.Set("person_number", p.person_number);
  if (p.expiry_notice_for) o.Set("expiry_notice_for", p.expiry_notice_for->ToString());
  return o;
}

Result<domain::Permit> PermitFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::Permit p;
  p.id = PermitId(r.String("id"));
  p.worker = WorkerId(r.String("worker"));
  p.contract = ContractId(r.String("contract"));
  p.employer = EmployerId(r.String("employer"));
  p.valid_from = r.DateField("valid_from");
  p.valid_until = r.DateField("valid_until");
  p.status = r.Enum("status", domain::ParsePermitStatus, domain::PermitStatus::kActive);
  p.status_reason = r.OptionalString("status_reason");
  // Permits issued before person numbers existed have none.
  p.person_number = r.OptionalString("person_number");
  if (!p.person_number.empty()) r.Fail(domain::CheckPersonNumber(p.person_number, "person_number"));
  p.expiry_notice_for = r.OptionalDate("expiry_notice_for");
  RETURN_IF_ERROR(r.Finish());
  return p;
}

json::Value ToJson(const domain::Transfer& t) {
  json::Object o;
  o.Set("id", t.id.value());
  o.Set("worker", t.worker.value());
  o.Set("from_contract", t.from_contract.value());
  o.Set("to_contract", t.to_contract.value());
  o.Set("from_employer", t.from_employer.value());
  o.Set("to_employer", t.to_employer.value());
  o.Set("filed_on", t.filed_on.ToString());
  o.Set("effective_on", t.effective_on.ToString());
  o.Set("notice_waived", t.notice_waived);
  o.Set("waiver_reason", t.waiver_reason);
  o.Set("state", std::string(ToString(t.state)));
  return o;
}

Result<domain::Transfer> TransferFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::Transfer t;
  t.id = TransferId(r.String("id"));
  t.worker = WorkerId(r.String("worker"));
  t.from_contract = ContractId(r.String("from_contract"));
  t.to_contract = ContractId(r.String("to_contract"));
  t.from_employer = EmployerId(r.String("from_employer"));
  t.to_employer = EmployerId(r.String("to_employer"));
  t.filed_on = r.DateField("filed_on");
  t.effective_on = r.DateField("effective_on");
  t.notice_waived = r.Bool("notice_waived");
  t.waiver_reason = r.OptionalString("waiver_reason");
  const std::string state = r.String("state");
  if (state == "filed") {
    t.state = domain::TransferState::kFiled;
  } else if (state == "completed") {
    t.state = domain::TransferState::kCompleted;
  } else if (state == "cancelled") {
    t.state = domain::TransferState::kCancelled;
  } else if (r.ok()) {
    r.Fail(Status::InvalidArgument("must be filed, completed or cancelled", "state"));
  }
  RETURN_IF_ERROR(r.Finish());
  return t;
}

json::Value ToJson(const domain::AbsenceReport& a) {
  json::Object o;
  o.Set("id", a.id.value());
  o.Set("worker", a.worker.value());
  o.Set("contract", a.contract.value());
  o.Set("employer", a.employer.value());
  o.Set("last_seen", a.last_seen.ToString());
  o.Set("details", a.details);
  o.Set("state", std::string(ToString(a.state)));
  o.Set("refusal_reason", a.refusal_reason);
  return o;
}

Result<domain::AbsenceReport> AbsenceReportFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::AbsenceReport a;
  a.id = NoticeId(r.String("id"));
  a.worker = WorkerId(r.String("worker"));
  a.contract = ContractId(r.String("contract"));
  a.employer = EmployerId(r.String("employer"));
  a.last_seen = r.DateField("last_seen");
  a.details = r.String("details");
  const std::string state = r.String("state");
  if (state == "open") {
    a.state = domain::AbsenceReportState::kOpen;
  } else if (state == "refused") {
    a.state = domain::AbsenceReportState::kRefused;
  } else if (state == "closed") {
    a.state = domain::AbsenceReportState::kClosed;
  } else if (r.ok()) {
    r.Fail(Status::InvalidArgument("must be open, refused or closed", "state"));
  }
  a.refusal_reason = r.OptionalString("refusal_reason");
  RETURN_IF_ERROR(r.Finish());
  return a;
}

json::Value ToJson(const domain::ExitNotice& n) {
  json::Object o;
  o.Set("id", n.id.value());
  o.Set("worker", n.worker.value());
  o.Set("contract", n.contract ? json::Value(n.contract->value()) : json::Value());
  o.Set("kind", std::string(ToString(n.kind)));
  o.Set("departure_date", n.departure_date.ToString());
  o.Set("return_date", Opt(n.return_date));
  o.Set("notified_at", n.notified_at.ToString());
  return o;
}

Result<domain::ExitNotice> ExitNoticeFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::ExitNotice n;
  n.id = NoticeId(r.String("id"));
  n.worker = WorkerId(r.String("worker"));
  if (std::string c = r.OptionalString("contract"); !c.empty()) n.contract = ContractId(c);
  n.kind = r.Enum("kind", domain::ParseExitKind, domain::ExitKind::kReturning);
  n.departure_date = r.DateField("departure_date");
  n.return_date = r.OptionalDate("return_date");
  n.notified_at = r.TimestampField("notified_at");
  RETURN_IF_ERROR(r.Finish());
  return n;
}

json::Value ToJson(const std::vector<domain::FieldDiff>& diffs) {
  json::Array out;
  for (const auto& d : diffs) {
    json::Object o;
    o.Set("field", d.field);
    o.Set("before", d.before);
    o.Set("after", d.after);
    out.emplace_back(std::move(o));
  }
  return out;
}

std::string CanonicalTerms(const domain::ContractTerms& t) { return json::Canonical(ToJson(t)); }

std::string TermsDigest(const domain::ContractTerms& t) {
  return HexEncode(crypto::Sha256(CanonicalTerms(t)));
}

}  // namespace corridor::codec
