#include "codec/cases.hpp"

#include <functional>

#include "codec/reader.hpp"

namespace corridor::codec {
namespace {

using domain::Indicator;

// Calls `each` with a reader for every element of the array member `key` (absent: none).
void ReadObjects(ObjectReader& r, std::string_view key,
                 const std::function<void(ObjectReader&)>& each) {
  const json::Value* v = r.Raw(key);
  if (v == nullptr || v->is_null()) return;
  if (!v->is_array()) {
    r.Fail(Status::InvalidArgument("must be an array", r.Path(key)));
    return;
  }
  for (size_t i = 0; i < v->AsArray().size() && r.ok(); ++i) {
    ObjectReader er(v->AsArray()[i], r.Path(key) + "." + std::to_string(i));
    each(er);
    r.Fail(er.Finish());
  }
}

// The array member `key` of enum names.
template <typename E, typename Parse>
std::vector<E> Names(ObjectReader& r, std::string_view key, Parse parse) {
  std::vector<E> out;
  const std::vector<std::string> names = r.StringList(key);
  for (size_t i = 0; i < names.size() && r.ok(); ++i) {
    auto e = parse(names[i]);
    if (!e.ok()) {
      r.Fail(e.status().WithField(r.Path(key) + "." + std::to_string(i)));
      break;
    }
    out.push_back(*e);
  }
  return out;
}

}  // namespace

json::Value ToJson(const domain::Complaint& c) {
  json::Object o;
  o.Set("id", c.id.value());
  o.Set("channel", std::string(ToString(c.channel)));
  o.Set("worker", OptId(c.worker));
  o.Set("worker_nationality", c.worker_nationality);
  o.Set("employer", OptId(c.employer));
  o.Set("categories", NamesToJson(c.categories));
  o.Set("text", c.text);
  o.Set("safe_contact", c.safe_contact);
  o.Set("language", c.language);
  o.Set("filed_by", c.filed_by);
  o.Set("filed_by_role", std::string(ToString(c.filed_by_role)));
  o.Set("filed_at", c.filed_at.ToString());
  o.Set("state", std::string(ToString(c.state)));
  o.Set("case", OptId(c.case_id));
  o.Set("triage_due", c.triage_due.ToString());
  o.Set("triage_escalated", c.triage_escalated);
  return o;
}

Result<domain::Complaint> ComplaintFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::Complaint c;
  c.id = domain::ComplaintId(r.String("id"));
  c.channel = r.Enum("channel", domain::ParseChannel, domain::Channel::kWorker);
  if (std::string w = r.OptionalString("worker"); !w.empty()) c.worker = WorkerId(w);
  c.worker_nationality = r.OptionalString("worker_nationality");
  if (std::string e = r.OptionalString("employer"); !e.empty()) c.employer = EmployerId(e);
  c.categories = Names<domain::ComplaintCategory>(r, "categories", domain::ParseComplaintCategory);
  c.text = r.String("text");
  c.safe_contact = r.OptionalString("safe_contact");
  c.language = r.OptionalString("language");
  c.filed_by = r.String("filed_by");
  c.filed_by_role = r.Enum("filed_by_role", domain::ParseRole, domain::Role::kWorker);
  c.filed_at = r.TimestampField("filed_at");
  c.state = r.Enum("state", domain::ParseComplaintState, domain::ComplaintState::kReceived);
  if (std::string k = r.OptionalString("case"); !k.empty()) c.case_id = domain::CaseId(k);
  c.triage_due = r.TimestampField("triage_due");
  c.triage_escalated = r.Bool("triage_escalated");
  RETURN_IF_ERROR(r.Finish());
  return c;
}

json::Value ToJson(const domain::ComplaintMessage& m) {
  json::Object o;
  o.Set("id", m.id.value());
  o.Set("complaint", m.complaint.value());
  o.Set("from", m.from_worker ? "worker" : "case_team");
  o.Set("author", m.author);
  o.Set("text", m.text);
  o.Set("time", m.time.ToString());
  return o;
}

Result<domain::ComplaintMessage> ComplaintMessageFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::ComplaintMessage m;
  m.id = domain::MessageId(r.String("id"));
  m.complaint = domain::ComplaintId(r.String("complaint"));
  const std::string from = r.String("from");
  if (r.ok() && from != "worker" && from != "case_team") {
    r.Fail(Status::InvalidArgument("must be worker or case_team", "from"));
  }
  m.from_worker = from == "worker";
  m.author = r.String("author");
  m.text = r.String("text");
  m.time = r.TimestampField("time");
  RETURN_IF_ERROR(r.Finish());
  return m;
}

json::Value ToJson(const domain::IndicatorAssessment& a) {
  json::Object o;
  o.Set("indicator", std::string(ToString(a.indicator)));
  o.Set("value", std::string(ToString(a.value)));
  o.Set("evidence", a.evidence);
  o.Set("assessed_by", a.assessed_by);
  o.Set("assessed_at", OptTime(a.assessed_at));
  return o;
}

json::Value ToJson(const domain::CaseAction& a) {
  json::Object o;
  o.Set("id", a.id);
  o.Set("description", a.description);
  o.Set("due_on", a.due_on.ToString());
  o.Set("added_by", a.added_by);
  o.Set("added_at", a.added_at.ToString());
  o.Set("done", a.done);
  o.Set("done_at", OptTime(a.done_at));
  o.Set("done_note", a.done_note);
  o.Set("escalated", a.escalated);
  return o;
}

json::Value ToJson(const domain::Case& k) {
  json::Object o;
  o.Set("id", k.id.value());
  o.Set("state", std::string(ToString(k.state)));
  o.Set("worker", OptId(k.worker));
  o.Set("worker_nationality", k.worker_nationality);
  o.Set("employer", OptId(k.employer));
  o.Set("categories", NamesToJson(k.categories));
  json::Array complaints;
  for (const auto& c : k.complaints) complaints.push_back(c.value());
  o.Set("complaints", std::move(complaints));
  json::Array signals;
  for (const auto& s : k.signals) {
    json::Object so;
    so.Set("kind", std::string(ToString(s.kind)));
    so.Set("source", s.source);
    so.Set("time", s.time.ToString());
    signals.push_back(std::move(so));
  }
  o.Set("signals", std::move(signals));
  json::Array indicators;
  for (const auto& a : k.indicators) indicators.push_back(ToJson(a));
  o.Set("indicators", std::move(indicators));
  o.Set("trafficking_flag", k.trafficking_flag);
  o.Set("flag_rule", k.flag_rule);
  o.Set("supervisor", k.supervisor);
  o.Set("assignee", k.assignee);
  o.Set("assignee_role", k.assignee_role ? std::string(ToString(*k.assignee_role)) : "");
  o.Set("opened_by", k.opened_by);
  o.Set("opened_at", k.opened_at.ToString());
  o.Set("assessment_due", k.assessment_due.ToString());
  o.Set("assessment_escalated", k.assessment_escalated);
  json::Array actions;
  for (const auto& a : k.actions) actions.push_back(ToJson(a));
  o.Set("actions", std::move(actions));
  o.Set("escalations", k.escalations);
  o.Set("outcome", k.outcome ? json::Value(std::string(ToString(*k.outcome))) : json::Value());
  o.Set("closure_reason", k.closure_reason);
  o.Set("closed_by", k.closed_by);
  o.Set("closed_at", OptTime(k.closed_at));
  return o;
}

Result<domain::Case> CaseFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::Case k;
  k.id = domain::CaseId(r.String("id"));
  k.state = r.Enum("state", domain::ParseCaseState, domain::CaseState::kIntake);
  if (std::string w = r.OptionalString("worker"); !w.empty()) k.worker = WorkerId(w);
  k.worker_nationality = r.OptionalString("worker_nationality");
  if (std::string e = r.OptionalString("employer"); !e.empty()) k.employer = EmployerId(e);
  k.categories = Names<domain::ComplaintCategory>(r, "categories", domain::ParseComplaintCategory);
  for (const auto& c : r.StringList("complaints")) k.complaints.emplace_back(c);
  ReadObjects(r, "signals", [&](ObjectReader& sr) {
    domain::CaseSignal s;
    s.kind = sr.Enum("kind", domain::ParseSignalKind, domain::SignalKind::kOverstay);
    s.source = sr.String("source");
    s.time = sr.TimestampField("time");
    k.signals.push_back(std::move(s));
  });
  ReadObjects(r, "indicators", [&](ObjectReader& ir) {
    domain::IndicatorAssessment a;
    a.indicator = ir.Enum("indicator", domain::ParseIndicator, Indicator::kAbuseOfVulnerability);
    a.value = ir.Enum("value", domain::ParseIndicatorValue, domain::IndicatorValue::kUnknown);
    a.evidence = ir.OptionalString("evidence");
    a.assessed_by = ir.OptionalString("assessed_by");
    a.assessed_at = ir.OptionalTimestamp("assessed_at");
    k.indicators.push_back(std::move(a));
  });
  if (r.ok() && k.indicators.size() != domain::kIndicatorCount) {
    r.Fail(Status::InvalidArgument("must hold all eleven indicators", "indicators"));
  }
  for (size_t i = 0; r.ok() && i < k.indicators.size(); ++i) {
    if (k.indicators[i].indicator != static_cast<Indicator>(i)) {
      r.Fail(Status::InvalidArgument("are not in the order of the indicators", "indicators"));
    }
  }
  k.trafficking_flag = r.Bool("trafficking_flag");
  k.flag_rule = r.OptionalString("flag_rule");
  k.supervisor = r.OptionalString("supervisor");
  k.assignee = r.OptionalString("assignee");
  if (std::string role = r.OptionalString("assignee_role"); !role.empty()) {
    auto parsed = domain::ParseRole(role);
    if (!parsed.ok()) {
      r.Fail(parsed.status().WithField("assignee_role"));
    } else {
      k.assignee_role = *parsed;
    }
  }
  k.opened_by = r.String("opened_by");
  k.opened_at = r.TimestampField("opened_at");
  k.assessment_due = r.TimestampField("assessment_due");
  k.assessment_escalated = r.Bool("assessment_escalated");
  ReadObjects(r, "actions", [&](ObjectReader& ar) {
    domain::CaseAction a;
    a.id = ar.String("id");
    a.description = ar.String("description");
    a.due_on = ar.DateField("due_on");
    a.added_by = ar.String("added_by");
    a.added_at = ar.TimestampField("added_at");
    a.done = ar.Bool("done");
    a.done_at = ar.OptionalTimestamp("done_at");
    a.done_note = ar.OptionalString("done_note");
    a.escalated = ar.Bool("escalated");
    k.actions.push_back(std::move(a));
  });
  k.escalations = r.Int("escalations", 0, 1000000);
  if (std::string o = r.OptionalString("outcome"); !o.empty()) {
    auto parsed = domain::ParseOutcome(o);
    if (!parsed.ok()) {
      r.Fail(parsed.status().WithField("outcome"));
    } else {
      k.outcome = *parsed;
    }
  }
  k.closure_reason = r.OptionalString("closure_reason");
  k.closed_by = r.OptionalString("closed_by");
  k.closed_at = r.OptionalTimestamp("closed_at");
  RETURN_IF_ERROR(r.Finish());
  return k;
}

Result<domain::CaseRules> CaseRulesFromJson(const json::Value& v) {
  ObjectReader r(v, "");
  domain::CaseRules rules;
  const json::Value* deadlines = r.Raw("deadlines");
  if (deadlines == nullptr || !deadlines->is_object()) {
    return Status::InvalidArgument("must be an object naming every category", "deadlines");
  }
  ObjectReader dr(*deadlines, "deadlines");
  for (size_t i = 0; i < domain::kComplaintCategoryCount && dr.ok(); ++i) {
    const auto category = static_cast<domain::ComplaintCategory>(i);
    const std::string name(ToString(category));
    const json::Value* one = dr.Raw(name);
    if (one == nullptr) {
      dr.Fail(
          Status::InvalidArgument("is missing; every category has its deadlines", dr.Path(name)));
      break;
    }
    ObjectReader cr(*one, dr.Path(name));
    domain::CategoryDeadlines& d = rules.deadlines[i];
    d.triage_days = cr.Int("triage_days", 1, 365);
    d.assessment_days = cr.Int("assessment_days", 1, 365);
    d.action_days = cr.Int("action_days", 1, 365);
    dr.Fail(cr.Finish());
  }
  r.Fail(dr.Finish());
  ReadObjects(r, "trafficking_flag", [&](ObjectReader& fr) {
    domain::FlagClause clause;
    clause.name = fr.String("name");
    clause.min_present = fr.Int("min_present", 1, static_cast<int>(domain::kIndicatorCount));
    const std::vector<std::string> among = fr.StringList("among");
    for (size_t i = 0; i < among.size() && fr.ok(); ++i) {
      if (among[i] == "*") {
        for (size_t n = 0; n < domain::kIndicatorCount; ++n) {
          clause.among.push_back(static_cast<Indicator>(n));
        }
        continue;
      }
      auto ind = domain::ParseIndicator(among[i]);
      if (!ind.ok()) {
        fr.Fail(ind.status().WithField(fr.Path("among") + "." + std::to_string(i)));
        break;
      }
      clause.among.push_back(*ind);
    }
    rules.trafficking_flag.push_back(std::move(clause));
  });
  RETURN_IF_ERROR(r.Finish());
  RETURN_IF_ERROR(rules.Validate());
  return rules;
}

}  // namespace corridor::codec
