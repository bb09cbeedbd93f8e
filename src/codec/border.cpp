#include "codec/border.hpp"

#include "codec/reader.hpp"

namespace corridor::codec {
namespace {

double NumberField(ObjectReader& r, std::string_view key) {
  const json::Value* n = r.Raw(key);
  if (n == nullptr) {
    r.Fail(Status::InvalidArgument("is required", r.Path(key)));
    return 0;
  }
  if (!n->is_number()) {
    r.Fail(Status::InvalidArgument("must be a number", r.Path(key)));
    return 0;
  }
  return n->AsNumber();
}

}  // namespace

json::Value ToJson(const domain::TravelDocument& d) {
  json::Object o;
  o.Set("kind", d.kind);
  o.Set("format", d.format);
  o.Set("document_code", d.document_code);
  o.Set("issuing_state", d.issuing_state);
  o.Set("number", d.number);
  o.Set("nationality", d.nationality);
  o.Set("primary_identifier", d.primary_identifier);
  o.Set("secondary_identifier", d.secondary_identifier);
  o.Set("birth_date", d.birth_date);
  o.Set("sex", d.sex);
  o.Set("expiry", OptDate(d.expiry));
  o.Set("mrz_valid", d.mrz_valid);
  json::Array lines;
  for (const auto& l : d.lines) lines.push_back(l);
  o.Set("lines", std::move(lines));
  return o;
}

Result<domain::TravelDocument> TravelDocumentFromJson(const json::Value& v,
                                                      const std::string& path) {
  ObjectReader r(v, path);
  domain::TravelDocument d;
  d.kind = r.String("kind");
  d.format = r.String("format");
  d.document_code = r.String("document_code");
  d.issuing_state = r.String("issuing_state");
  d.number = r.String("number");
  d.nationality = r.String("nationality");
  d.primary_identifier = r.String("primary_identifier");
  d.secondary_identifier = r.String("secondary_identifier");
  d.birth_date = r.String("birth_date");
  d.sex = r.String("sex");
  d.expiry = r.OptionalDate("expiry");
  d.mrz_valid = r.Bool("mrz_valid");
  d.lines = r.StringList("lines");
  RETURN_IF_ERROR(r.Finish());
  return d;
}

json::Value ToJson(const domain::Crossing& c) {
  json::Object o;
  o.Set("id", c.id.value());
  o.Set("direction", std::string(ToString(c.direction)));
  o.Set("time", c.time.ToString());
  o.Set("port", c.port);
  o.Set("officer", c.officer);
  o.Set("document", ToJson(c.document));
  o.Set("visa", c.visa ? ToJson(*c.visa) : json::Value());
  o.Set("authorised_until", OptDate(c.authorised_until));
  o.Set("invalid_mrz_reason", c.invalid_mrz_reason);
  o.Set("worker", OptId(c.worker));
  json::Array findings;
  for (const auto& f : c.findings) {
    json::Object fo;
    fo.Set("code", f.code);
    fo.Set("message", f.message);
    fo.Set("subject", f.subject);
    findings.push_back(std::move(fo));
  }
  o.Set("findings", std::move(findings));
  json::Array lists;
  for (const auto& l : c.screened_against) {
    json::Object lo;
    lo.Set("list", l.list);
    lo.Set("version", l.version);
    lo.Set("digest", l.digest);
    lists.push_back(std::move(lo));
  }
  o.Set("screened_against", std::move(lists));
  o.Set("hits", c.hits);
  return o;
}

Result<domain::Crossing> CrossingFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::Crossing c;
  c.id = domain::CrossingId(r.String("id"));
  c.direction = r.Enum("direction", domain::ParseDirection, domain::Direction::kEntry);
  c.time = r.TimestampField("time");
  c.port = r.String("port");
  c.officer = r.String("officer");
  if (const json::Value* d = r.Raw("document")) {
    auto doc = TravelDocumentFromJson(*d, r.Path("document"));
    if (doc.ok()) c.document = std::move(*doc);
    r.Fail(doc.status());
  } else {
    r.Fail(Status::InvalidArgument("is required", "document"));
  }
  if (const json::Value* d = r.Raw("visa")) {
    auto visa = TravelDocumentFromJson(*d, r.Path("visa"));
    if (visa.ok()) c.visa = std::move(*visa);
    r.Fail(visa.status());
  }
  c.authorised_until = r.OptionalDate("authorised_until");
  c.invalid_mrz_reason = r.OptionalString("invalid_mrz_reason");
  if (std::string w = r.OptionalString("worker"); !w.empty()) c.worker = WorkerId(w);
  if (const json::Value* fs = r.Raw("findings")) {
    if (!fs->is_array()) {
      r.Fail(Status::InvalidArgument("must be an array", "findings"));
    } else {
      for (size_t i = 0; i < fs->AsArray().size(); ++i) {
        ObjectReader fr(fs->AsArray()[i], "findings." + std::to_string(i));
        domain::Finding f;
        f.code = fr.String("code");
        f.message = fr.String("message");
        f.subject = fr.OptionalString("subject");
        r.Fail(fr.Finish());
        c.findings.push_back(std::move(f));
      }
    }
  }
  if (const json::Value* ls = r.Raw("screened_against")) {
    if (!ls->is_array()) {
      r.Fail(Status::InvalidArgument("must be an array", "screened_against"));
    } else {
      for (size_t i = 0; i < ls->AsArray().size(); ++i) {
        ObjectReader lr(ls->AsArray()[i], "screened_against." + std::to_string(i));
        domain::ListVersionRef l;
        l.list = lr.String("list");
        l.version = lr.Int64("version");
        l.digest = lr.String("digest");
        r.Fail(lr.Finish());
        c.screened_against.push_back(std::move(l));
      }
    }
  }
  c.hits = r.Int("hits", 0, 1000000);
  RETURN_IF_ERROR(r.Finish());
  return c;
}

json::Value ToJson(const domain::ScreeningHit& h) {
  json::Object o;
  o.Set("id", h.id.value());
  o.Set("crossing", h.crossing.value());
  o.Set("worker", OptId(h.worker));
  o.Set("list", h.list);
  o.Set("list_version", h.list_version);
  o.Set("entry_id", h.entry_id);
  o.Set("listed_name", h.listed_name);
  o.Set("entry_reason", h.entry_reason);
  o.Set("document_match", h.document_match);
  o.Set("score", h.score);
  o.Set("decision", h.decision);
  o.Set("explanation", h.explanation);
  o.Set("raised_at", h.raised_at.ToString());
  o.Set("state", std::string(ToString(h.state)));
  o.Set("decided_by", h.decided_by);
  o.Set("decided_at", h.decided_at ? json::Value(h.decided_at->ToString()) : json::Value());
  o.Set("decision_reason", h.decision_reason);
  return o;
}

Result<domain::ScreeningHit> ScreeningHitFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::ScreeningHit h;
  h.id = domain::HitId(r.String("id"));
  h.crossing = domain::CrossingId(r.String("crossing"));
  if (std::string w = r.OptionalString("worker"); !w.empty()) h.worker = WorkerId(w);
  h.list = r.String("list");
  h.list_version = r.Int64("list_version");
  h.entry_id = r.String("entry_id");
  h.listed_name = r.String("listed_name");
  h.entry_reason = r.String("entry_reason");
  h.document_match = r.Bool("document_match");
  h.score = NumberField(r, "score");
  h.decision = r.String("decision");
  h.explanation = r.String("explanation");
  h.raised_at = r.TimestampField("raised_at");
  h.state = r.Enum("state", domain::ParseHitState, domain::HitState::kPending);
  h.decided_by = r.OptionalString("decided_by");
  h.decided_at = r.OptionalTimestamp("decided_at");
  h.decision_reason = r.OptionalString("decision_reason");
  RETURN_IF_ERROR(r.Finish());
  return h;
}

json::Value ToJson(const domain::OverstayFlag& f) {
  json::Object o;
  o.Set("id", f.id.value());
  o.Set("entry", f.entry.value());
  o.Set("worker", OptId(f.worker));
  o.Set("document", f.document);
  o.Set("authorised_until", f.authorised_until.ToString());
  o.Set("basis", f.basis);
  o.Set("grace_days", f.grace_days);
  o.Set("flagged_on", f.flagged_on.ToString());
  o.Set("days_over", f.days_over);
  o.Set("departed", f.departed ? json::Value(f.departed->value()) : json::Value());
  return o;
}

Result<domain::OverstayFlag> OverstayFlagFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::OverstayFlag f;
  f.id = domain::OverstayId(r.String("id"));
  f.entry = domain::CrossingId(r.String("entry"));
  if (std::string w = r.OptionalString("worker"); !w.empty()) f.worker = WorkerId(w);
  f.document = r.String("document");
  f.authorised_until = r.DateField("authorised_until");
  f.basis = r.String("basis");
  f.grace_days = r.Int("grace_days", 0, 3650);
  f.flagged_on = r.DateField("flagged_on");
  f.days_over = r.Int("days_over", 0, 1000000);
  if (std::string d = r.OptionalString("departed"); !d.empty()) f.departed = domain::CrossingId(d);
  RETURN_IF_ERROR(r.Finish());
  return f;
}

}  // namespace corridor::codec
