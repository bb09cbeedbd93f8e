// Protection routes: complaints, their messages and cases (docs/openapi.yaml, tag cases;
// docs/formats/cases.md).
//
// Handlers parse strictly (every member known, every name checked), call one use case
// (service::Cases) or query (service::CaseQueries), and write the view. A caller who may not see
// the complaint or case gets 404 on every verb before the body is read, exactly as for a missing
// id. The worker's view of her complaint and its messages never names who handles it.
#include "codec/actions.hpp"
#include "codec/cases.hpp"
#include "http/api.hpp"
#include "http/api_support.hpp"

namespace corridor::http {
namespace {

using domain::CaseState;

Status KnownMembers(const json::Value& body, std::initializer_list<std::string_view> known) {
  if (!body.is_object()) return Status::InvalidArgument("must be a JSON object", "body");
  for (const auto& [k, v] : body.AsObject()) {
    bool ok = false;
    for (std::string_view n : known) ok = ok || k == n;
    if (!ok) return Status::InvalidArgument("is not a known field", k);
  }
  return Status::Ok();
}

Result<std::string> Text(const json::Value& body, const char* name, bool required) {
  const json::Value* v = body.Get(name);
  if (v == nullptr || v->is_null()) {
    if (required) return Status::InvalidArgument("is required", name);
    return std::string();
  }
  if (!v->is_string()) return Status::InvalidArgument("must be a string", name);
  return v->AsString();
}

Result<service::ComplaintRequest> ComplaintRequestFrom(const json::Value& body) {
  RETURN_IF_ERROR(KnownMembers(
      body, {"channel", "worker", "employer", "categories", "text", "safe_contact", "language"}));
  service::ComplaintRequest r;
  ASSIGN_OR_RETURN(std::string channel, Text(body, "channel", true));
  auto ch = domain::ParseChannel(channel);
  if (!ch.ok()) return ch.status().WithField("channel");
  r.channel = *ch;
  ASSIGN_OR_RETURN(r.worker, Text(body, "worker", false));
  ASSIGN_OR_RETURN(r.employer, Text(body, "employer", false));
  const json::Value* categories = body.Get("categories");
  if (categories == nullptr || categories->is_null()) {
    return Status::InvalidArgument("is required", "categories");
  }
  if (!categories->is_array()) {
    return Status::InvalidArgument("must be an array of categories", "categories");
  }
  for (size_t i = 0; i < categories->AsArray().size(); ++i) {
    const json::Value& c = categories->AsArray()[i];
    const std::string at = "categories." + std::to_string(i);
    if (!c.is_string()) return Status::InvalidArgument("must be a string", at);
    auto parsed = domain::ParseComplaintCategory(c.AsString());
    if (!parsed.ok()) return parsed.status().WithField(at);
    r.categories.push_back(*parsed);
  }
  ASSIGN_OR_RETURN(r.text, Text(body, "text", true));
  ASSIGN_OR_RETURN(r.safe_contact, Text(body, "safe_contact", false));
  ASSIGN_OR_RETURN(r.language, Text(body, "language", false));
  return r;
}

Result<std::vector<domain::IndicatorAssessment>> IndicatorsFrom(const json::Value& body) {
  RETURN_IF_ERROR(KnownMembers(body, {"indicators"}));
  const json::Value* list = body.Get("indicators");
  if (list == nullptr || list->is_null())
    return Status::InvalidArgument("is required", "indicators");
  if (!list->is_array()) return Status::InvalidArgument("must be an array", "indicators");
  std::vector<domain::IndicatorAssessment> out;
  for (size_t i = 0; i < list->AsArray().size(); ++i) {
    const json::Value& item = list->AsArray()[i];
    const std::string at = "indicators." + std::to_string(i);
    if (!item.is_object()) return Status::InvalidArgument("must be an object", at);
    for (const auto& [k, v] : item.AsObject()) {
      if (k != "indicator" && k != "value" && k != "evidence") {
        return Status::InvalidArgument("is not a known field", at + "." + k);
      }
    }
    domain::IndicatorAssessment a;
    auto text = [&](const char* name, bool required) -> Result<std::string> {
      auto t = Text(item, name, required);
      if (!t.ok()) return t.status().WithField(at + "." + name);
      return t;
    };
    ASSIGN_OR_RETURN(std::string indicator, text("indicator", true));
    auto ind = domain::ParseIndicator(indicator);
    if (!ind.ok()) return ind.status().WithField(at + ".indicator");
    a.indicator = *ind;
    ASSIGN_OR_RETURN(std::string value, text("value", true));
    auto val = domain::ParseIndicatorValue(value);
    if (!val.ok()) return val.status().WithField(at + ".value");
    a.value = *val;
    ASSIGN_OR_RETURN(a.evidence, text("evidence", false));
    out.push_back(std::move(a));
  }
  return out;
}

// The worker sees how far her complaint has come, in her terms.
std::string_view Progress(const std::optional<CaseState>& s) {
  if (!s) return "received";
  switch (*s) {
    case CaseState::kIntake:
    case CaseState::kAssessment:
      return "assessment";
    case CaseState::kInProgress:
      return "in_progress";
    case CaseState::kClosed:
      return "closed";
  }
  return "received";
}

json::Value ComplaintView(const service::ComplaintItem& item) {
  const domain::Complaint& c = item.complaint;
  if (!item.as_worker) {
    json::Value v = codec::ToJson(c);
    v["reference"] = c.id.value();
    v["allowed_actions"] = codec::ActionsToJson(item.allowed_actions);
    return v;
  }
  json::Object o;
  o.Set("id", c.id.value());
  o.Set("reference", c.id.value());
  o.Set("categories", codec::NamesToJson(c.categories));
  o.Set("text", c.text);
  o.Set("safe_contact", c.safe_contact);
  o.Set("language", c.language);
  o.Set("filed_at", c.filed_at.ToString());
  o.Set("filed_on_behalf", c.channel == domain::Channel::kOnBehalf);
  o.Set("state", std::string(ToString(c.state)));
  o.Set("progress", std::string(Progress(item.case_state)));
  o.Set("outcome",
        item.outcome ? json::Value(std::string(ToString(*item.outcome))) : json::Value());
  o.Set("allowed_actions", codec::ActionsToJson(item.allowed_actions));
  return o;
}

json::Value MessageView(const domain::ComplaintMessage& m, bool as_worker) {
  json::Value v = codec::ToJson(m);
  if (as_worker) v.AsObject().Erase("author");
  return v;
}

json::Value CaseView(const service::CaseItem& item) {
  json::Value v = codec::ToJson(item.record);
  const auto due = domain::QueueDeadline(item.record);
  v["next_due"] = due ? json::Value(due->ToString()) : json::Value();
  v["allowed_actions"] = codec::ActionsToJson(item.allowed_actions);
  return v;
}

json::Value AssigneeView(const service::Assignee& a) {
  json::Object o;
  o.Set("id", a.id.value());
  o.Set("display_name", a.display_name);
  o.Set("role", std::string(ToString(a.role)));
  return o;
}

json::Value ReadView(const store::AccessRecord& r) {
  json::Object o;
  o.Set("time", r.time.ToString());
  o.Set("account", r.account);
  o.Set("role", r.role);
  o.Set("action", r.action);
  o.Set("allowed", r.allowed);
  return o;
}

Status CheckId(const std::string& id, const char* field) {
  return CheckIdText(id).WithField(field);
}

}  // namespace

void Api::AddCaseRoutes() {
  // ---- complaints
  router_.Add(
      "POST", "/api/v1/complaints", Authed(accounts_, [this](Call& c) -> Result<Response> {
        return Idempotent(
            registry_.store(), c, [&](const store::WriteOptions& write) -> Result<Response> {
              ASSIGN_OR_RETURN(json::Value body, Body(c.request));
              ASSIGN_OR_RETURN(auto req, ComplaintRequestFrom(body));
              ASSIGN_OR_RETURN(auto filed, cases_->FileComplaint(c.actor, req, write));
              json::Object o;
              o.Set("reference", filed.id.value());
              o.Set("complaint", ComplaintView(case_queries_.Acknowledgement(c.actor, filed)));
              Response r = Json(201, o);
              r.set_header("Location", "/api/v1/complaints/" + filed.id.value());
              return r;
            });
      }));
  router_.Add("GET", "/api/v1/complaints", Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(store::Page page, PageOf(c));
                std::optional<domain::ComplaintState> state;
                if (!c.q("state").empty()) {
                  auto s = domain::ParseComplaintState(c.q("state"));
                  if (!s.ok()) return s.status().WithField("state");
                  state = *s;
                }
                ASSIGN_OR_RETURN(auto list, case_queries_.Complaints(c.actor, state, page));
                json::Array items;
                for (const auto& i : list.items) items.push_back(ComplaintView(i));
                return List(items, list.next);
              }));
  router_.Add(
      "GET", "/api/v1/complaints/{id}", Authed(accounts_, [this](Call& c) -> Result<Response> {
        ASSIGN_OR_RETURN(auto item,
                         case_queries_.Complaint(c.actor, domain::ComplaintId(c.param("id"))));
        return Json(200, ComplaintView(item));
      }));
  router_.Add("GET", "/api/v1/complaints/{id}/messages",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(store::Page page, PageOf(c));
                ASSIGN_OR_RETURN(auto list, case_queries_.Messages(
                                                c.actor, domain::ComplaintId(c.param("id")), page));
                json::Array items;
                for (const auto& m : list.items)
                  items.push_back(MessageView(m.message, m.as_worker));
                return List(items, list.next);
              }));
  router_.Add("POST", "/api/v1/complaints/{id}/messages",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                const domain::ComplaintId id(c.param("id"));
                RETURN_IF_ERROR(case_queries_.CheckMaySeeComplaint(c.actor, id));
                return Idempotent(
                    registry_.store(), c,
                    [&](const store::WriteOptions& write) -> Result<Response> {
                      ASSIGN_OR_RETURN(json::Value body, Body(c.request));
                      RETURN_IF_ERROR(KnownMembers(body, {"text"}));
                      ASSIGN_OR_RETURN(std::string text, Text(body, "text", true));
                      ASSIGN_OR_RETURN(auto m, cases_->PostMessage(c.actor, id, text, write));
                      return Json(201, MessageView(m, c.actor.role == domain::Role::kWorker));
                    });
              }));

  // ---- cases
  router_.Add("POST", "/api/v1/cases", Authed(accounts_, [this](Call& c) -> Result<Response> {
                return Idempotent(
                    registry_.store(), c,
                    [&](const store::WriteOptions& write) -> Result<Response> {
                      ASSIGN_OR_RETURN(json::Value body, Body(c.request));
                      RETURN_IF_ERROR(KnownMembers(body, {"complaint"}));
                      ASSIGN_OR_RETURN(std::string complaint, Text(body, "complaint", true));
                      RETURN_IF_ERROR(CheckId(complaint, "complaint"));
                      ASSIGN_OR_RETURN(
                          auto k, cases_->OpenCase(c.actor, domain::ComplaintId(complaint), write));
                      ASSIGN_OR_RETURN(auto item, case_queries_.Case(c.actor, k.id));
                      Response r = Json(201, CaseView(item));
                      r.set_header("Location", "/api/v1/cases/" + k.id.value());
                      return r;
                    });
              }));
  router_.Add("GET", "/api/v1/cases", Authed(accounts_, [this](Call& c) -> Result<Response> {
                service::CaseListQuery q;
                ASSIGN_OR_RETURN(q.page, PageOf(c));
                if (!c.q("state").empty()) {
                  auto s = domain::ParseCaseState(c.q("state"));
                  if (!s.ok()) return s.status().WithField("state");
                  q.state = *s;
                }
                const std::string flagged = c.q("flagged");
                if (!flagged.empty()) {
                  if (flagged != "true" && flagged != "false") {
                    return Status::InvalidArgument("must be true or false", "flagged");
                  }
                  q.flagged = flagged == "true";
                }
                const std::string order = c.q("order");
                if (!order.empty()) {
                  if (order != "id" && order != "due") {
                    return Status::InvalidArgument("must be id or due", "order");
                  }
                  if (order == "due") q.order = store::CaseOrder::kDue;
                }
                ASSIGN_OR_RETURN(auto list, case_queries_.Cases(c.actor, q));
                json::Array items;
                for (const auto& i : list.items) items.push_back(CaseView(i));
                return List(items, list.next);
              }));
  router_.Add("GET", "/api/v1/cases/{id}", Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(auto item,
                                 case_queries_.Case(c.actor, domain::CaseId(c.param("id"))));
                return Json(200, CaseView(item));
              }));
  router_.Add("GET", "/api/v1/cases/{id}/assignees",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(auto list,
                                 case_queries_.Assignees(c.actor, domain::CaseId(c.param("id"))));
                json::Array items;
                for (const auto& a : list) items.push_back(AssigneeView(a));
                return List(items, "");
              }));
  router_.Add(
      "GET", "/api/v1/cases/{id}/reads", Authed(accounts_, [this](Call& c) -> Result<Response> {
        ASSIGN_OR_RETURN(store::Page page, PageOf(c));
        ASSIGN_OR_RETURN(auto reads,
                         case_queries_.Reads(c.actor, domain::CaseId(c.param("id")), page.limit));
        json::Array items;
        for (const auto& r : reads) items.push_back(ReadView(r));
        return List(items, "");
      }));

  // A step on a case: 404 for a caller who may not see it, before the body is read; then the
  // body, strictly; then one use case.
  using StepFn =
      std::function<Result<domain::Case>(Call&, const domain::CaseId&, const json::Value& body)>;
  auto step = [this](int status, StepFn fn) {
    return Authed(accounts_, [this, status, fn = std::move(fn)](Call& c) -> Result<Response> {
      const domain::CaseId id(c.param("id"));
      RETURN_IF_ERROR(case_queries_.CheckMaySeeCase(c.actor, id));
      ASSIGN_OR_RETURN(json::Value body, Body(c.request));
      ASSIGN_OR_RETURN(domain::Case k, fn(c, id, body));
      ASSIGN_OR_RETURN(auto item, case_queries_.Case(c.actor, k.id));
      return Json(status, CaseView(item));
    });
  };
  router_.Add("POST", "/api/v1/cases/{id}/complaints",
              step(200,
                   [this](Call& c, const domain::CaseId& id,
                          const json::Value& body) -> Result<domain::Case> {
                     RETURN_IF_ERROR(KnownMembers(body, {"complaint"}));
                     ASSIGN_OR_RETURN(std::string complaint, Text(body, "complaint", true));
                     RETURN_IF_ERROR(CheckId(complaint, "complaint"));
                     return cases_->JoinComplaint(c.actor, id, domain::ComplaintId(complaint));
                   }));
  router_.Add("POST", "/api/v1/cases/{id}/indicators",
              step(200,
                   [this](Call& c, const domain::CaseId& id,
                          const json::Value& body) -> Result<domain::Case> {
                     ASSIGN_OR_RETURN(auto changes, IndicatorsFrom(body));
                     return cases_->AssessIndicators(c.actor, id, changes);
                   }));
  router_.Add("POST", "/api/v1/cases/{id}/assign",
              step(200,
                   [this](Call& c, const domain::CaseId& id,
                          const json::Value& body) -> Result<domain::Case> {
                     RETURN_IF_ERROR(KnownMembers(body, {"assignee"}));
                     ASSIGN_OR_RETURN(std::string assignee, Text(body, "assignee", true));
                     return cases_->Assign(c.actor, id, AccountId(assignee));
                   }));
  router_.Add("POST", "/api/v1/cases/{id}/actions",
              step(201,
                   [this](Call& c, const domain::CaseId& id,
                          const json::Value& body) -> Result<domain::Case> {
                     RETURN_IF_ERROR(KnownMembers(body, {"description", "due_on"}));
                     ASSIGN_OR_RETURN(std::string description, Text(body, "description", true));
                     ASSIGN_OR_RETURN(std::string due, Text(body, "due_on", false));
                     std::optional<Date> due_on;
                     if (!due.empty()) {
                       auto d = Date::Parse(due);
                       if (!d.ok()) return d.status().WithField("due_on");
                       due_on = *d;
                     }
                     return cases_->AddAction(c.actor, id, description, due_on);
                   }));
  router_.Add("POST", "/api/v1/cases/{id}/actions/{action}/complete",
              step(200,
                   [this](Call& c, const domain::CaseId& id,
                          const json::Value& body) -> Result<domain::Case> {
                     RETURN_IF_ERROR(KnownMembers(body, {"note"}));
                     ASSIGN_OR_RETURN(std::string note, Text(body, "note", true));
                     return cases_->CompleteAction(c.actor, id, c.param("action"), note);
                   }));
  router_.Add("POST", "/api/v1/cases/{id}/close",
              step(200,
                   [this](Call& c, const domain::CaseId& id,
                          const json::Value& body) -> Result<domain::Case> {
                     RETURN_IF_ERROR(KnownMembers(body, {"outcome", "reason"}));
                     ASSIGN_OR_RETURN(std::string outcome, Text(body, "outcome", true));
                     auto o = domain::ParseOutcome(outcome);
                     if (!o.ok()) return o.status().WithField("outcome");
                     ASSIGN_OR_RETURN(std::string reason, Text(body, "reason", true));
                     return cases_->Close(c.actor, id, *o, reason);
                   }));
}

}  // namespace corridor::http
