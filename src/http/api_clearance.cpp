// Departure clearance routes (docs/openapi.yaml, docs/formats/clearance.md): orientation
// completions and medical fitness findings of a worker, insurance policies and the requirement
// check of a contract, issuing, reading and revoking clearances.
//
// Need-to-know is the service's (domain/clearance.hpp): the origin's officer and the worker see
// the records; the destination's officer and the embassy see a clearance's crossing form; every
// other role nothing (404, as for a missing record).
#include "codec/actions.hpp"
#include "codec/clearance.hpp"
#include "codec/training.hpp"
#include "domain/reference.hpp"
#include "http/api.hpp"
#include "http/api_support.hpp"
#include "http/clearance_document.hpp"
#include "http/html.hpp"
#include "http/views.hpp"

namespace corridor::http {
namespace {

template <typename T>
Response Items(const std::vector<T>& records) {
  json::Array items;
  items.reserve(records.size());
  for (const auto& r : records) items.push_back(codec::ToJson(r));
  return List(items, "");
}

Response Created(const json::Value& body, const std::string& location) {
  Response r = Json(201, body);
  r.set_header("Location", location);
  return r;
}

// 409 naming every requirement that does not hold; nothing was written.
Response RequirementsProblem(const ContractId& contract, const domain::ClearanceCheck& check) {
  json::Object o;
  o.Set("type", "/problems/clearance-requirements");
  o.Set("title", "Clearance requirements not met");
  o.Set("status", 409);
  const auto missing = check.Missing();
  std::string names;
  json::Array list;
  for (const auto& m : missing) {
    names += (names.empty() ? "" : ", ") + std::string(ToString(m.requirement));
    list.push_back(codec::ToJson(m));
  }
  o.Set("detail", "contract " + contract.value() + " cannot be cleared yet: " + names);
  o.Set("missing", std::move(list));
  Response r = Json(409, o);
  r.content_type = "application/problem+json";
  return r;
}

json::Value CheckJson(const service::ClearanceCheckView& v) {
  json::Object o;
  o.Set("contract", v.contract.value());
  o.Set("ready", v.check.ready());
  json::Array results;
  for (const auto& r : v.check.results) results.push_back(codec::ToJson(r));
  o.Set("requirements", std::move(results));
  o.Set("allowed_actions", codec::ActionsToJson(v.allowed_actions));
  return o;
}

// A contract of the origin officer's queue (docs/formats/clearance.md §5).
json::Value QueueItemJson(const service::ClearanceQueueItem& item) {
  const domain::ContractTerms& t = item.contract.terms;
  json::Object o;
  o.Set("contract", item.contract.id.value());
  o.Set("contract_state", std::string(ToString(item.contract.state)));
  o.Set("worker", t.worker.value());
  o.Set("employer", t.employer.value());
  o.Set("agency", t.agency ? json::Value(t.agency->value()) : json::Value());
  o.Set("destination_country", t.destination_country);
  o.Set("position", t.position);
  o.Set("start_date", t.start_date.ToString());
  o.Set("ready", item.check.ready());
  json::Array missing;
  for (const auto& m : item.check.Missing()) missing.push_back(codec::ToJson(m));
  o.Set("missing", std::move(missing));
  json::Value last;
  if (item.last) {
    json::Object l;
    l.Set("id", item.last->clearance.id.value());
    l.Set("state", std::string(ToString(item.last->clearance.state)));
    l.Set("standing", std::string(ToString(item.last->standing)));
    l.Set("valid_until", item.last->clearance.valid_until.ToString());
    last = std::move(l);
  }
  o.Set("last_clearance", std::move(last));
  o.Set("allowed_actions", codec::ActionsToJson(item.allowed_actions));
  return o;
}

struct Revocation {
  domain::RevocationReason reason = domain::RevocationReason::kIssuedInError;
  std::string note;
};

Result<Revocation> RevocationFrom(const json::Value& body) {
  if (!body.is_object()) return Status::InvalidArgument("must be a JSON object", "body");
  for (const auto& [k, v] : body.AsObject()) {
    if (k != "reason" && k != "note") return Status::InvalidArgument("is not a known field", k);
    if (!v.is_string()) return Status::InvalidArgument("must be a string", k);
  }
  const json::Value* reason = body.Get("reason");
  if (reason == nullptr) return Status::InvalidArgument("is required", "reason");
  const json::Value* note = body.Get("note");
  if (note == nullptr) return Status::InvalidArgument("is required", "note");
  Revocation r;
  auto parsed = domain::ParseRevocationReason(reason->AsString());
  if (!parsed.ok()) return parsed.status().WithField("reason");
  r.reason = *parsed;
  r.note = note->AsString();
  return r;
}

}  // namespace

void Api::AddClearanceRoutes() {
  // Orientation completions and medical findings: the worker's.
  router_.Add("POST", "/api/v1/workers/{id}/orientation",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                return Idempotent(
                    registry_.store(), c,
                    [&](const store::WriteOptions& write) -> Result<Response> {
                      ASSIGN_OR_RETURN(json::Value body, Body(c.request));
                      if (body.Get("certificate") != nullptr) {
                        // A training certificate presented at the desk: the completion it
                        // recorded (docs/formats/training.md §2), nothing written.
                        ASSIGN_OR_RETURN(auto id, codec::PresentedCertificateFromJson(body));
                        ASSIGN_OR_RETURN(auto o, training_queries_->PresentedCertificate(
                                                     c.actor, WorkerId(c.param("id")), id));
                        return Json(200, codec::ToJson(o));
                      }
                      ASSIGN_OR_RETURN(auto request, codec::OrientationRequestFromJson(body));
                      ASSIGN_OR_RETURN(
                          auto o, clearances_->RecordOrientation(c.actor, WorkerId(c.param("id")),
                                                                 std::move(request), write));
                      return Created(codec::ToJson(o),
                                     "/api/v1/workers/" + o.worker.value() + "/orientation");
                    });
              }));
  router_.Add("GET", "/api/v1/workers/{id}/orientation",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(
                    auto list, clearance_queries_->Orientations(c.actor, WorkerId(c.param("id"))));
                return Items(list);
              }));
  router_.Add(
      "POST", "/api/v1/workers/{id}/medical",
      Authed(accounts_, [this](Call& c) -> Result<Response> {
        return Idempotent(
            registry_.store(), c, [&](const store::WriteOptions& write) -> Result<Response> {
              ASSIGN_OR_RETURN(json::Value body, Body(c.request));
              ASSIGN_OR_RETURN(auto request, codec::MedicalRequestFromJson(body));
              ASSIGN_OR_RETURN(auto m, clearances_->RecordMedical(c.actor, WorkerId(c.param("id")),
                                                                  std::move(request), write));
              return Created(codec::ToJson(m), "/api/v1/workers/" + m.worker.value() + "/medical");
            });
      }));
  router_.Add(
      "GET", "/api/v1/workers/{id}/medical", Authed(accounts_, [this](Call& c) -> Result<Response> {
        ASSIGN_OR_RETURN(auto list, clearance_queries_->Medical(c.actor, WorkerId(c.param("id"))));
        return Items(list);
      }));

  // Insurance and the requirement check: the contract's.
  router_.Add("POST", "/api/v1/contracts/{id}/insurance",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                return Idempotent(
                    registry_.store(), c,
                    [&](const store::WriteOptions& write) -> Result<Response> {
                      ASSIGN_OR_RETURN(json::Value body, Body(c.request));
                      ASSIGN_OR_RETURN(auto request, codec::InsuranceRequestFromJson(body));
                      ASSIGN_OR_RETURN(
                          auto p, clearances_->RecordInsurance(c.actor, ContractId(c.param("id")),
                                                               std::move(request), write));
                      return Created(codec::ToJson(p),
                                     "/api/v1/contracts/" + p.contract.value() + "/insurance");
                    });
              }));
  router_.Add("GET", "/api/v1/contracts/{id}/insurance",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(auto list,
                                 clearance_queries_->Insurance(c.actor, ContractId(c.param("id"))));
                return Items(list);
              }));
  router_.Add("GET", "/api/v1/contracts/{id}/clearance-check",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(auto check,
                                 clearance_queries_->Check(c.actor, ContractId(c.param("id"))));
                return Json(200, CheckJson(check));
              }));

  // Clearances.
  router_.Add(
      "POST", "/api/v1/contracts/{id}/clearance",
      Authed(accounts_, [this](Call& c) -> Result<Response> {
        return Idempotent(
            registry_.store(), c, [&](const store::WriteOptions& write) -> Result<Response> {
              const ContractId id(c.param("id"));
              ASSIGN_OR_RETURN(auto outcome, clearances_->Issue(c.actor, id, write));
              if (!outcome.clearance) return RequirementsProblem(id, outcome.check);
              const std::string location = "/api/v1/clearances/" + outcome.clearance->id.value();
              return Created(ClearanceJson(clearance_queries_->WithActions(
                                 c.actor, std::move(*outcome.clearance))),
                             location);
            });
      }));
  router_.Add("GET", "/api/v1/clearances", Authed(accounts_, [this](Call& c) -> Result<Response> {
                service::ClearanceListQuery q;
                ASSIGN_OR_RETURN(q.page, PageOf(c));
                if (!c.q("contract").empty()) {
                  RETURN_IF_ERROR(CheckIdText(c.q("contract")).WithField("contract"));
                  q.contract = ContractId(c.q("contract"));
                }
                if (!c.q("worker").empty()) {
                  RETURN_IF_ERROR(CheckIdText(c.q("worker")).WithField("worker"));
                  q.worker = WorkerId(c.q("worker"));
                }
                ASSIGN_OR_RETURN(auto list, clearance_queries_->List(c.actor, q));
                json::Array items;
                for (const auto& it : list.items) items.push_back(ClearanceJson(it));
                return List(items, list.next);
              }));
  // Before /clearances/{id}: the router takes the first route that matches.
  router_.Add("GET", "/api/v1/clearances/queue",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(store::Page page, PageOf(c));
                ASSIGN_OR_RETURN(auto queue, clearance_queries_->Queue(c.actor, page));
                json::Array items;
                items.reserve(queue.items.size());
                for (const auto& it : queue.items) items.push_back(QueueItemJson(it));
                return List(items, queue.next);
              }));
  router_.Add(
      "GET", "/api/v1/clearances/{id}", Authed(accounts_, [this](Call& c) -> Result<Response> {
        ASSIGN_OR_RETURN(auto item,
                         clearance_queries_->Get(c.actor, domain::ClearanceId(c.param("id"))));
        return Json(200, ClearanceJson(item));
      }));
  // The document the worker holds: in her language (or ?lang=) beside English, with the QR code
  // of its public check.
  router_.Add("GET", "/api/v1/clearances/{id}/document",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                const domain::ClearanceId id(c.param("id"));
                ASSIGN_OR_RETURN(auto p, clearance_queries_->Printable(c.actor, id));
                const std::string lang =
                    c.q("lang").empty() ? p.worker.preferred_language : c.q("lang");
                if (!domain::IsSupportedLanguage(lang)) {
                  return Status::InvalidArgument("is not a supported language", "lang");
                }
                const std::string url = options_.public_base_url + "/verify/" + id.value();
                ASSIGN_OR_RETURN(
                    std::string html,
                    ClearanceDocumentHtml(
                        {&p.clearance, p.standing, &p.worker, p.position, p.employer}, lang, url));
                Response r;
                r.content_type = "text/html; charset=utf-8";
                r.body = std::move(html);
                return r;
              }));
  router_.Add(
      "POST", "/api/v1/clearances/{id}/revoke",
      Authed(accounts_, [this](Call& c) -> Result<Response> {
        ASSIGN_OR_RETURN(json::Value body, Body(c.request));
        ASSIGN_OR_RETURN(Revocation r, RevocationFrom(body));
        ASSIGN_OR_RETURN(
            auto revoked,
            clearances_->Revoke(c.actor, domain::ClearanceId(c.param("id")), r.reason, r.note));
        return Json(200,
                    ClearanceJson(clearance_queries_->WithActions(c.actor, std::move(revoked))));
      }));
}

Result<Response> Api::VerifyClearance(const std::string& id, bool json,
                                      std::string_view request_id) const {
  ASSIGN_OR_RETURN(auto check, clearance_queries_->PublicCheck(id, request_id));
  // Existence and where it stands: no name, no passport, no evidence.
  json::Object o;
  o.Set("clearance", id);
  o.Set("registered", check.registered);
  if (check.registered && !check.integrity_ok) {
    o.Set("integrity", "mismatch");
    o.Set("valid", false);
  } else if (check.clearance) {
    const domain::Clearance& k = *check.clearance;
    o.Set("integrity", "verified");
    o.Set("standing", std::string(ToString(check.standing)));
    o.Set("valid", check.standing == domain::ClearanceStanding::kValid);
    o.Set("contract", k.contract.value());
    o.Set("origin_country", k.origin_country);
    o.Set("destination_country", k.destination_country);
    o.Set("issued_on", k.issued_on.ToString());
    o.Set("valid_until", k.valid_until.ToString());
    o.Set("revoked_on", k.revoked_on ? json::Value(k.revoked_on->ToString()) : json::Value());
  }
  if (json) return Json(check.registered ? 200 : 404, o);
  std::string h =
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>Departure clearance check</title><style>body{font-family:sans-serif;max-width:40em;"
      "margin:1em auto;padding:0 1em;line-height:1.5}dt{font-weight:bold}"
      ".ok{color:#0a5d00}.bad{color:#a40000}</style></head><body>"
      "<h1>Departure clearance check</h1>";
  if (!check.registered) {
    h += "<p class=\"bad\">No departure clearance with the number <code>" + HtmlEscape(id) +
         "</code> is registered with " + HtmlEscape(options_.node_name) + ".</p>";
  } else if (!check.integrity_ok) {
    h += "<dl><dt>Clearance</dt><dd><code>" + HtmlEscape(id) +
         "</code></dd><dt>Registered with</dt><dd>" + HtmlEscape(options_.node_name) +
         "</dd></dl><p class=\"bad\" data-integrity=\"mismatch\">The record of this clearance "
         "failed the node's integrity check: it does not agree with the node's ledger, and it "
         "cannot be confirmed as valid. The node's administrator has been alerted.</p>";
  } else {
    const domain::Clearance& k = *check.clearance;
    const bool valid = check.standing == domain::ClearanceStanding::kValid;
    h += "<dl><dt>Clearance</dt><dd><code>" + HtmlEscape(id) +
         "</code></dd><dt>Registered with</dt><dd>" + HtmlEscape(options_.node_name) +
         "</dd><dt>Standing today</dt><dd class=\"" + (valid ? "ok" : "bad") +
         "\" data-standing=\"" + std::string(ToString(check.standing)) + "\">" +
         std::string(ToString(check.standing)) +
         "</dd><dt>For contract</dt><dd><a href=\"/verify/" + HtmlEscape(k.contract.value()) +
         "\"><code>" + HtmlEscape(k.contract.value()) + "</code></a></dd><dt>From / to</dt><dd>" +
         HtmlEscape(k.origin_country) + " → " + HtmlEscape(k.destination_country) +
         "</dd><dt>Issued on</dt><dd>" + k.issued_on.ToString() +
         "</dd><dt>Depart on or before</dt><dd>" + k.valid_until.ToString() + "</dd>";
    if (k.revoked_on) h += "<dt>Revoked on</dt><dd>" + k.revoked_on->ToString() + "</dd>";
    h += "</dl>";
  }
  h += "<p>This page shows no personal data.</p></body></html>";
  Response r;
  r.status = check.registered ? 200 : 404;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(h);
  return r;
}

}  // namespace corridor::http
