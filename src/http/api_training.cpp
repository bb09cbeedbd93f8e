// Orientation and training routes (docs/openapi.yaml tag `training`, docs/formats/training.md):
// courses, centres and their licences, sessions, attendees and completion, a worker's training,
// the analysts' counts, and the public check of a certificate.
//
// Need-to-know is the service's (domain/training.hpp): the origin's officer sees all of it, a
// centre's staff their own centre's sessions and attendees, a worker her own certificates, an
// analyst counts; every other role nothing (404, as for a missing record).
#include "codec/actions.hpp"
#include "codec/training.hpp"
#include "http/api.hpp"
#include "http/api_support.hpp"
#include "http/html.hpp"

namespace corridor::http {
namespace {

template <typename T>
json::Array ItemsOf(const std::vector<T>& records) {
  json::Array items;
  items.reserve(records.size());
  for (const auto& r : records) items.push_back(codec::ToJson(r));
  return items;
}

Response Created(const json::Value& body, const std::string& location) {
  Response r = Json(201, body);
  r.set_header("Location", location);
  return r;
}

json::Value CentreJson(const service::CentreItem& c) {
  json::Value v = codec::ToJson(c.record);
  v["allowed_actions"] = codec::ActionsToJson(c.allowed_actions);
  return v;
}

json::Value SessionJson(const service::SessionItem& s) {
  json::Value v = codec::ToJson(s.record);
  v["allowed_actions"] = codec::ActionsToJson(s.allowed_actions);
  return v;
}

json::Value CountJson(const service::TrainingCountView& c) {
  json::Object o;
  o.Set("course", c.course);
  o.Set("audience", c.audience);
  o.Set("official_role", c.official_role.empty() ? json::Value() : json::Value(c.official_role));
  o.Set("sessions_completed", c.sessions_completed);
  o.Set("certified", c.certified ? json::Value(*c.certified) : json::Value());
  o.Set("suppressed", !c.certified.has_value());
  return o;
}

}  // namespace

void Api::AddTrainingRoutes() {
  router_.Add("GET", "/api/v1/training/courses",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                return List(ItemsOf(training_queries_->Courses(c.actor)), "");
              }));

  // Centres.
  router_.Add(
      "POST", "/api/v1/training/centres", Authed(accounts_, [this](Call& c) -> Result<Response> {
        return Idempotent(
            registry_.store(), c, [&](const store::WriteOptions& write) -> Result<Response> {
              ASSIGN_OR_RETURN(json::Value body, Body(c.request));
              ASSIGN_OR_RETURN(auto request, codec::CentreRequestFromJson(body));
              ASSIGN_OR_RETURN(auto centre,
                               training_->RegisterCentre(c.actor, std::move(request), write));
              const std::string location = "/api/v1/training/centres/" + centre.id.value();
              return Created(CentreJson(training_queries_->WithActions(c.actor, std::move(centre))),
                             location);
            });
      }));
  router_.Add("GET", "/api/v1/training/centres",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(store::Page page, PageOf(c));
                ASSIGN_OR_RETURN(auto list, training_queries_->Centres(c.actor, page));
                json::Array items;
                for (const auto& item : list.items) items.push_back(CentreJson(item));
                return List(items, list.next);
              }));
  router_.Add("GET", "/api/v1/training/centres/{id}",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(auto centre,
                                 training_queries_->Centre(c.actor, CentreId(c.param("id"))));
                return Json(200, CentreJson(centre));
              }));
  router_.Add(
      "POST", "/api/v1/training/centres/{id}/licence",
      Authed(accounts_, [this](Call& c) -> Result<Response> {
        ASSIGN_OR_RETURN(json::Value body, Body(c.request));
        ASSIGN_OR_RETURN(auto change, codec::LicenceChangeFromJson(body));
        ASSIGN_OR_RETURN(auto centre,
                         training_->ChangeLicence(c.actor, CentreId(c.param("id")), change.status,
                                                  change.valid_until, std::move(change.reason)));
        return Json(200, CentreJson(training_queries_->WithActions(c.actor, std::move(centre))));
      }));

  // Sessions.
  router_.Add(
      "POST", "/api/v1/training/sessions", Authed(accounts_, [this](Call& c) -> Result<Response> {
        return Idempotent(
            registry_.store(), c, [&](const store::WriteOptions& write) -> Result<Response> {
              ASSIGN_OR_RETURN(json::Value body, Body(c.request));
              ASSIGN_OR_RETURN(auto request, codec::SessionRequestFromJson(body));
              ASSIGN_OR_RETURN(auto s, training_->Schedule(c.actor, std::move(request), write));
              const std::string location = "/api/v1/training/sessions/" + s.id.value();
              return Created(SessionJson(training_queries_->WithActions(c.actor, std::move(s))),
                             location);
            });
      }));
  router_.Add("GET", "/api/v1/training/sessions",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(store::Page page, PageOf(c));
                std::optional<CentreId> centre;
                if (!c.q("centre").empty()) centre = CentreId(c.q("centre"));
                ASSIGN_OR_RETURN(auto list, training_queries_->Sessions(c.actor, page, centre));
                json::Array items;
                for (const auto& s : list.items) items.push_back(SessionJson(s));
                return List(items, list.next);
              }));
  router_.Add("GET", "/api/v1/training/sessions/{id}",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(
                    auto s, training_queries_->Session(c.actor, domain::SessionId(c.param("id"))));
                return Json(200, SessionJson(s));
              }));
  router_.Add(
      "GET", "/api/v1/training/sessions/{id}/attendees",
      Authed(accounts_, [this](Call& c) -> Result<Response> {
        ASSIGN_OR_RETURN(auto list,
                         training_queries_->Attendees(c.actor, domain::SessionId(c.param("id"))));
        json::Array items;
        for (const auto& at : list) {
          json::Value v = codec::ToJson(at.attendance);
          v["worker_name"] = at.attendance.worker ? json::Value(at.worker_name) : json::Value();
          v["worker_name_native"] =
              at.attendance.worker ? json::Value(at.worker_name_native) : json::Value();
          items.push_back(std::move(v));
        }
        return List(items, "");
      }));
  router_.Add(
      "POST", "/api/v1/training/sessions/{id}/attendees",
      Authed(accounts_, [this](Call& c) -> Result<Response> {
        return Idempotent(
            registry_.store(), c, [&](const store::WriteOptions& write) -> Result<Response> {
              ASSIGN_OR_RETURN(json::Value body, Body(c.request));
              ASSIGN_OR_RETURN(auto request, codec::EnrolRequestFromJson(body));
              ASSIGN_OR_RETURN(auto a, training_->Enrol(c.actor, domain::SessionId(c.param("id")),
                                                        std::move(request.attendance), write,
                                                        request.passport_number));
              return Created(codec::ToJson(a),
                             "/api/v1/training/sessions/" + a.session.value() + "/attendees");
            });
      }));
  router_.Add(
      "POST", "/api/v1/training/sessions/{id}/complete",
      Authed(accounts_, [this](Call& c) -> Result<Response> {
        ASSIGN_OR_RETURN(json::Value body, Body(c.request));
        ASSIGN_OR_RETURN(auto request, codec::CompletionRequestFromJson(body));
        ASSIGN_OR_RETURN(auto done, training_->Complete(c.actor, domain::SessionId(c.param("id")),
                                                        request.completed_on, request.absent));
        json::Object o;
        o.Set("session",
              SessionJson(training_queries_->WithActions(c.actor, std::move(done.session))));
        o.Set("certificates", ItemsOf(done.certificates));
        return Json(200, o);
      }));
  router_.Add(
      "POST", "/api/v1/training/sessions/{id}/cancel",
      Authed(accounts_, [this](Call& c) -> Result<Response> {
        ASSIGN_OR_RETURN(auto s, training_->Cancel(c.actor, domain::SessionId(c.param("id"))));
        return Json(200, SessionJson(training_queries_->WithActions(c.actor, std::move(s))));
      }));

  // A worker's training, and the counts.
  router_.Add("GET", "/api/v1/workers/{id}/training",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(auto t,
                                 training_queries_->OfWorker(c.actor, WorkerId(c.param("id"))));
                json::Object o;
                o.Set("worker", t.worker.value());
                o.Set("attendance", ItemsOf(t.attendance));
                json::Array sessions;
                for (const auto& s : t.sessions) {
                  json::Object p;
                  p.Set("session", s.session.value());
                  p.Set("course", s.course);
                  p.Set("date", s.date.ToString());
                  p.Set("place", s.place);
                  p.Set("state", std::string(domain::ToString(s.state)));
                  p.Set("centre_name", s.centre_name);
                  p.Set("centre_address", s.centre_address);
                  sessions.push_back(std::move(p));
                }
                o.Set("sessions", std::move(sessions));
                o.Set("certificates", ItemsOf(t.certificates));
                return Json(200, o);
              }));
  router_.Add("GET", "/api/v1/training/statistics",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(auto counts, training_queries_->Counts(c.actor));
                json::Array items;
                for (const auto& k : counts) items.push_back(CountJson(k));
                return List(items, "");
              }));
}

Result<Response> Api::VerifyCertificate(const std::string& id, bool json,
                                        std::string_view request_id) const {
  ASSIGN_OR_RETURN(auto check, training_queries_->PublicCheck(id, request_id));
  // Existence, validity, course and date: no name, no worker, no centre.
  json::Object o;
  o.Set("certificate", id);
  o.Set("registered", check.registered);
  if (check.registered && !check.integrity_ok) {
    o.Set("integrity", "mismatch");
    o.Set("valid", false);
  } else if (check.certificate) {
    o.Set("integrity", "verified");
    o.Set("valid", true);
    o.Set("course", check.certificate->course);
    o.Set("course_title", check.course_title);
    o.Set("completed_on", check.certificate->completed_on.ToString());
  }
  if (json) return Json(check.registered ? 200 : 404, o);
  std::string h =
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>Training certificate check</title><style>body{font-family:sans-serif;max-width:40em;"
      "margin:1em auto;padding:0 1em;line-height:1.5}dt{font-weight:bold}"
      ".ok{color:#0a5d00}.bad{color:#a40000}</style></head><body>"
      "<h1>Training certificate check</h1>";
  if (!check.registered) {
    h += "<p class=\"bad\">No training certificate with the number <code>" + HtmlEscape(id) +
         "</code> is registered with " + HtmlEscape(options_.node_name) + ".</p>";
  } else if (!check.integrity_ok) {
    h += "<dl><dt>Certificate</dt><dd><code>" + HtmlEscape(id) +
         "</code></dd><dt>Registered with</dt><dd>" + HtmlEscape(options_.node_name) +
         "</dd></dl><p class=\"bad\" data-integrity=\"mismatch\">The record of this certificate "
         "failed the node's integrity check: it does not agree with the node's ledger, and it "
         "cannot be confirmed as valid. The node's administrator has been alerted.</p>";
  } else {
    const domain::Certificate& k = *check.certificate;
    h += "<dl><dt>Certificate</dt><dd><code>" + HtmlEscape(id) +
         "</code></dd><dt>Registered with</dt><dd>" + HtmlEscape(options_.node_name) +
         "</dd><dt>Standing</dt><dd class=\"ok\" data-valid=\"true\">valid</dd>"
         "<dt>Course</dt><dd>" +
         HtmlEscape(check.course_title) + " (<code>" + HtmlEscape(k.course) +
         "</code>)</dd><dt>Completed on</dt><dd>" + k.completed_on.ToString() + "</dd></dl>";
  }
  h += "<p>This page shows no personal data.</p></body></html>";
  Response r;
  r.status = check.registered ? 200 : 404;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(h);
  return r;
}

}  // namespace corridor::http
