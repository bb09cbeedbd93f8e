#include "codec/training.hpp"

#include "codec/reader.hpp"

namespace corridor::codec {
namespace {

// Each string of the list `key` parsed into an enum, the error naming the item.
template <typename E, typename F>
std::vector<E> EnumList(ObjectReader& r, std::string_view key, F parse) {
  std::vector<E> out;
  const std::vector<std::string> names = r.StringList(key);
  for (size_t i = 0; i < names.size(); ++i) {
    auto v = parse(names[i]);
    if (!v.ok()) {
      r.Fail(v.status().WithField(r.Path(key) + "[" + std::to_string(i) + "]"));
      return out;
    }
    out.push_back(*v);
  }
  return out;
}

template <typename E>
json::Value NamesOf(const std::vector<E>& values) {
  json::Array out;
  for (E v : values) out.push_back(std::string(ToString(v)));
  return out;
}

json::Value Strings(const std::vector<std::string>& values) {
  json::Array out;
  for (const auto& v : values) out.push_back(v);
  return out;
}

// The object member `key` read by `each` with a nested reader (required: an error when absent).
template <typename F>
bool Nested(ObjectReader& r, std::string_view key, bool required, F each) {
  const json::Value* v = r.Raw(key);
  if (v == nullptr || v->is_null()) {
    if (required) r.Fail(Status::InvalidArgument("is required", r.Path(key)));
    return false;
  }
  ObjectReader nested(*v, r.Path(key));
  if (nested.ok()) each(nested);
  r.Fail(nested.Finish());
  return true;
}

Result<domain::Course> CourseFromJson(const json::Value& v, const std::string& path) {
  ObjectReader r(v, path);
  domain::Course c;
  c.id = r.String("id");
  c.audience = r.Enum("audience", domain::ParseAudience, domain::Audience::kWorkers);
  c.official_roles = EnumList<domain::OfficialRole>(r, "official_roles", domain::ParseOfficialRole);
  c.topics = EnumList<domain::Topic>(r, "topics", domain::ParseTopic);
  c.duration_hours = r.Int("duration_hours", 1, 400);
  c.delivered_by = EnumList<domain::CentreKind>(r, "delivered_by", domain::ParseCentreKind);
  const json::Value* text = r.Raw("text");
  if (text == nullptr || !text->is_object()) {
    r.Fail(Status::InvalidArgument("must be an object of texts by language", r.Path("text")));
  } else {
    for (const auto& [lang, t] : text->AsObject()) {
      domain::CourseText ct;
      ObjectReader tr(t, r.Path("text") + "." + lang);
      if (tr.ok()) {
        ct.title = tr.String("title");
        ct.outline = tr.StringList("outline");
      }
      r.Fail(tr.Finish());
      c.text[lang] = std::move(ct);
    }
  }
  RETURN_IF_ERROR(r.Finish());
  return c;
}

domain::Official OfficialFrom(ObjectReader& o) {
  domain::Official off;
  off.name = o.String("name");
  off.role = o.Enum("role", domain::ParseOfficialRole, domain::OfficialRole::kPolice);
  off.service_number = o.String("service_number");
  off.organisation = o.String("organisation");
  return off;
}

json::Value OfficialJson(const domain::Official& o) {
  json::Object j;
  j.Set("name", o.name);
  j.Set("role", std::string(ToString(o.role)));
  j.Set("service_number", o.service_number);
  j.Set("organisation", o.organisation);
  return j;
}

}  // namespace

Result<domain::Catalogue> CatalogueFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::Catalogue c;
  c.country = r.String("country");
  c.language = r.String("language");
  const json::Value* courses = r.Raw("courses");
  if (courses == nullptr || !courses->is_array()) {
    r.Fail(Status::InvalidArgument("must be a list of courses", "courses"));
  } else {
    for (size_t i = 0; i < courses->AsArray().size() && r.ok(); ++i) {
      auto course = CourseFromJson(courses->AsArray()[i], "courses[" + std::to_string(i) + "]");
      if (!course.ok()) {
        r.Fail(course.status());
        break;
      }
      c.courses.push_back(std::move(*course));
    }
  }
  RETURN_IF_ERROR(r.Finish());
  RETURN_IF_ERROR(domain::ValidateCatalogue(c));
  return c;
}

json::Value ToJson(const domain::Course& c) {
  json::Object j;
  j.Set("id", c.id);
  j.Set("audience", std::string(ToString(c.audience)));
  j.Set("official_roles", NamesOf(c.official_roles));
  j.Set("topics", NamesOf(c.topics));
  j.Set("duration_hours", c.duration_hours);
  j.Set("delivered_by", NamesOf(c.delivered_by));
  json::Object text;
  for (const auto& [lang, t] : c.text) {
    json::Object o;
    o.Set("title", t.title);
    o.Set("outline", Strings(t.outline));
    text.Set(lang, std::move(o));
  }
  j.Set("text", std::move(text));
  return j;
}

json::Value ToJson(const domain::Centre& c) {
  json::Object j;
  j.Set("id", c.id.value());
  j.Set("name", c.name);
  j.Set("kind", std::string(ToString(c.kind)));
  j.Set("country", c.country);
  j.Set("address", c.address);
  j.Set("licence_number", c.licence_number);
  j.Set("licence_valid_until", c.licence_valid_until.ToString());
  j.Set("licence_status", std::string(ToString(c.licence_status)));
  j.Set("courses", Strings(c.courses));
  j.Set("registered_by", c.registered_by);
  j.Set("registered_at", c.registered_at.ToString());
  return j;
}

Result<domain::Centre> CentreFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::Centre c;
  c.id = CentreId(r.String("id"));
  c.name = r.String("name");
  c.kind = r.Enum("kind", domain::ParseCentreKind, domain::CentreKind::kOrientationCentre);
  c.country = r.String("country");
  c.address = r.String("address");
  c.licence_number = r.String("licence_number");
  c.licence_valid_until = r.DateField("licence_valid_until");
  c.licence_status =
      r.Enum("licence_status", domain::ParseLicenceStatus, domain::LicenceStatus::kRevoked);
  c.courses = r.StringList("courses");
  c.registered_by = r.String("registered_by");
  c.registered_at = r.TimestampField("registered_at");
  RETURN_IF_ERROR(r.Finish());
  return c;
}

json::Value ToJson(const domain::Session& s) {
  json::Object j;
  j.Set("id", s.id.value());
  j.Set("course", s.course);
  j.Set("audience", std::string(ToString(s.audience)));
  j.Set("centre", s.centre.value());
  j.Set("date", s.date.ToString());
  j.Set("place", s.place);
  j.Set("trainer", s.trainer);
  j.Set("capacity", s.capacity);
  j.Set("enrolled", s.enrolled);
  j.Set("state", std::string(ToString(s.state)));
  j.Set("completed_on", OptDate(s.completed_on));
  j.Set("scheduled_by", s.scheduled_by);
  j.Set("scheduled_at", s.scheduled_at.ToString());
  return j;
}

Result<domain::Session> SessionFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::Session s;
  s.id = domain::SessionId(r.String("id"));
  s.course = r.String("course");
  s.audience = r.Enum("audience", domain::ParseAudience, domain::Audience::kWorkers);
  s.centre = CentreId(r.String("centre"));
  s.date = r.DateField("date");
  s.place = r.String("place");
  s.trainer = r.String("trainer");
  s.capacity = r.Int("capacity", 1, domain::kMaxCapacity);
  s.enrolled = r.Int("enrolled", 0, domain::kMaxCapacity);
  s.state = r.Enum("state", domain::ParseSessionState, domain::SessionState::kScheduled);
  s.completed_on = r.OptionalDate("completed_on");
  s.scheduled_by = r.String("scheduled_by");
  s.scheduled_at = r.TimestampField("scheduled_at");
  RETURN_IF_ERROR(r.Finish());
  return s;
}

json::Value ToJson(const domain::Attendance& a) {
  json::Object j;
  j.Set("id", a.id.value());
  j.Set("session", a.session.value());
  j.Set("course", a.course);
  j.Set("centre", a.centre.value());
  j.Set("worker", OptId(a.worker));
  j.Set("official", a.official ? OfficialJson(*a.official) : json::Value());
  j.Set("outcome", std::string(ToString(a.outcome)));
  j.Set("certificate", OptId(a.certificate));
  j.Set("enrolled_by", a.enrolled_by);
  j.Set("enrolled_at", a.enrolled_at.ToString());
  return j;
}

Result<domain::Attendance> AttendanceFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::Attendance a;
  a.id = domain::AttendanceId(r.String("id"));
  a.session = domain::SessionId(r.String("session"));
  a.course = r.String("course");
  a.centre = CentreId(r.String("centre"));
  a.worker = OptionalId<WorkerId>(r, "worker");
  domain::Official off;
  if (Nested(r, "official", false, [&](ObjectReader& o) { off = OfficialFrom(o); })) {
    a.official = off;
  }
  a.outcome =
      r.Enum("outcome", domain::ParseAttendanceOutcome, domain::AttendanceOutcome::kEnrolled);
  a.certificate = OptionalId<CertificateId>(r, "certificate");
  a.enrolled_by = r.String("enrolled_by");
  a.enrolled_at = r.TimestampField("enrolled_at");
  RETURN_IF_ERROR(r.Finish());
  return a;
}

json::Value ToJson(const domain::Certificate& c) {
  json::Object j;
  j.Set("id", c.id.value());
  j.Set("attendance", c.attendance.value());
  j.Set("session", c.session.value());
  j.Set("course", c.course);
  j.Set("centre", c.centre.value());
  j.Set("worker", OptId(c.worker));
  if (c.official) {
    json::Object o;
    o.Set("name", c.official->name);
    o.Set("role", std::string(ToString(c.official->role)));
    j.Set("official", std::move(o));
  } else {
    j.Set("official", json::Value());
  }
  j.Set("completed_on", c.completed_on.ToString());
  j.Set("issued_at", c.issued_at.ToString());
  return j;
}

Result<domain::Certificate> CertificateFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::Certificate c;
  c.id = CertificateId(r.String("id"));
  c.attendance = domain::AttendanceId(r.String("attendance"));
  c.session = domain::SessionId(r.String("session"));
  c.course = r.String("course");
  c.centre = CentreId(r.String("centre"));
  c.worker = OptionalId<WorkerId>(r, "worker");
  domain::Certificate::Holder holder;
  if (Nested(r, "official", false, [&](ObjectReader& o) {
        holder.name = o.String("name");
        holder.role = o.Enum("role", domain::ParseOfficialRole, domain::OfficialRole::kPolice);
      })) {
    c.official = holder;
  }
  c.completed_on = r.DateField("completed_on");
  c.issued_at = r.TimestampField("issued_at");
  RETURN_IF_ERROR(r.Finish());
  if (c.worker.has_value() == c.official.has_value()) {
    return Status::InvalidArgument("a certificate names either a worker or an official", "worker");
  }
  return c;
}

Result<domain::Centre> CentreRequestFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::Centre c;
  c.name = r.String("name");
  c.kind = r.Enum("kind", domain::ParseCentreKind, domain::CentreKind::kOrientationCentre);
  c.address = r.String("address");
  c.licence_number = r.String("licence_number");
  c.licence_valid_until = r.DateField("licence_valid_until");
  c.courses = r.StringList("courses");
  RETURN_IF_ERROR(r.Finish());
  return c;
}

Result<LicenceChange> LicenceChangeFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  LicenceChange c;
  c.status = r.Enum("licence_status", domain::ParseLicenceStatus, domain::LicenceStatus::kActive);
  c.valid_until = r.DateField("licence_valid_until");
  c.reason = r.String("reason");
  RETURN_IF_ERROR(r.Finish());
  return c;
}

Result<domain::Session> SessionRequestFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::Session s;
  s.course = r.String("course");
  s.centre = CentreId(r.String("centre"));
  s.date = r.DateField("date");
  s.place = r.String("place");
  s.trainer = r.String("trainer");
  s.capacity = r.Int("capacity", 1, domain::kMaxCapacity);
  RETURN_IF_ERROR(r.Finish());
  return s;
}

Result<EnrolRequest> EnrolRequestFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  EnrolRequest out;
  domain::Attendance& a = out.attendance;
  a.worker = OptionalId<WorkerId>(r, "worker");
  if (r.Has("passport_number")) out.passport_number = r.String("passport_number");
  domain::Official off;
  if (Nested(r, "official", false, [&](ObjectReader& o) { off = OfficialFrom(o); })) {
    a.official = off;
  }
  RETURN_IF_ERROR(r.Finish());
  const int named = (a.worker ? 1 : 0) + (r.Has("passport_number") ? 1 : 0) + (a.official ? 1 : 0);
  if (named != 1) {
    return Status::InvalidArgument(
        "name exactly one of a worker, a worker's passport_number or an official",
        r.Has("passport_number") && !a.worker ? "passport_number" : "worker");
  }
  return out;
}

Result<CompletionRequest> CompletionRequestFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  CompletionRequest c;
  c.completed_on = r.DateField("completed_on");
  if (r.Has("absent")) {
    for (auto& id : r.StringList("absent")) c.absent.emplace_back(std::move(id));
  } else {
    (void)r.Raw("absent");
  }
  RETURN_IF_ERROR(r.Finish());
  return c;
}

Result<CertificateId> PresentedCertificateFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  const std::string id = r.String("certificate");
  RETURN_IF_ERROR(r.Finish());
  RETURN_IF_ERROR(CheckIdText(id).WithField("certificate"));
  return CertificateId(id);
}

}  // namespace corridor::codec
