// Contract routes: drafting, every lifecycle step, amendments, history; and the mobility routes:
// permits, transfers, absence reports, exit notices.
#include "codec/codec.hpp"
#include "domain/reference.hpp"
#include "http/api.hpp"
#include "http/api_support.hpp"
#include "http/document.hpp"
#include "http/views.hpp"

namespace corridor::http {
namespace {

Result<std::string> TextField(const json::Value& body, const char* name, bool required) {
  const json::Value* v = body.Get(name);
  if (v == nullptr || v->is_null()) {
    if (required) return Status::InvalidArgument("is required", name);
    return std::string();
  }
  if (!v->is_string()) return Status::InvalidArgument("must be a string", name);
  return v->AsString();
}

}  // namespace

void Api::AddContractRoutes() {
  const std::string base = options_.public_base_url;
  auto view = [this, base](const Call& c, const domain::Contract& ct) {
    return ContractView(ct, base, contracts_.AllowedActions(c.actor, ct));
  };

  router_.Add(
      "POST", "/api/v1/contracts", Authed(accounts_, [this, view](Call& c) -> Result<Response> {
        return Idempotent(registry_.store(), c,
                          [&](const store::WriteOptions& write) -> Result<Response> {
                            ASSIGN_OR_RETURN(json::Value body, Body(c.request));
                            ASSIGN_OR_RETURN(domain::ContractTerms t, codec::TermsFromJson(body));
                            ASSIGN_OR_RETURN(auto contract,
                                             registry_.DraftContract(c.actor, std::move(t), write));
                            Response r = Json(201, view(c, contract));
                            r.set_header("Location", "/api/v1/contracts/" + contract.id.value());
                            return r;
                          });
      }));
  router_.Add("GET", "/api/v1/contracts",
              Authed(accounts_, [this, base](Call& c) -> Result<Response> {
                service::ContractListQuery q;
                ASSIGN_OR_RETURN(q.page, PageOf(c));
                if (!c.q("state").empty()) {
                  auto s = domain::ParseContractState(c.q("state"));
                  if (!s.ok()) return s.status().WithField("state");
                  q.state = *s;
                }
                if (!c.q("worker").empty()) q.worker = WorkerId(c.q("worker"));
                ASSIGN_OR_RETURN(auto list, contracts_.List(c.actor, q));
                json::Array items;
                for (const auto& it : list.items) {
                  items.push_back(ContractView(it.record, base, it.allowed_actions));
                }
                return List(items, list.next);
              }));
  router_.Add("GET", "/api/v1/contracts/{id}",
              Authed(accounts_, [this, base](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(auto doc, contracts_.Get(c.actor, ContractId(c.param("id"))));
                Response r;
                ASSIGN_OR_RETURN(r.body, ContractDocumentView(std::move(doc), base));
                return r;
              }));
  router_.Add("GET", "/api/v1/contracts/{id}/history",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(auto events,
                                 contracts_.History(c.actor, ContractId(c.param("id"))));
                json::Array items;
                for (auto& e : events) items.push_back(std::move(e));
                return List(items, "");
              }));

  // The printable contract, in the worker's language (or ?lang=) beside English, with its QR code.
  router_.Add(
      "GET", "/api/v1/contracts/{id}/document",
      Authed(accounts_, [this](Call& c) -> Result<Response> {
        const ContractId id(c.param("id"));
        ASSIGN_OR_RETURN(auto p, contracts_.Printable(c.actor, id));
        std::string lang = c.q("lang").empty() ? p.worker.preferred_language : c.q("lang");
        if (!domain::IsSupportedLanguage(lang)) {
          return Status::InvalidArgument("is not a supported language", "lang");
        }
        const std::string url =
            options_.public_base_url + "/verify/" + id.value() + "?digest=" + p.contract.digest;
        ASSIGN_OR_RETURN(
            std::string html,
            ContractDocumentHtml(
                p.contract, {&p.worker, &p.employer, p.agency ? &*p.agency : nullptr}, lang, url));
        Response r;
        r.content_type = "text/html; charset=utf-8";
        r.body = std::move(html);
        return r;
      }));

  // Lifecycle steps: POST /api/v1/contracts/{id}/<step>.
  auto step = [this, view](const char* name, auto run) {
    router_.Add("POST", std::string("/api/v1/contracts/{id}/") + name,
                Authed(accounts_, [view, run](Call& c) -> Result<Response> {
                  ASSIGN_OR_RETURN(domain::Contract ct, run(c, ContractId(c.param("id"))));
                  return Json(200, view(c, ct));
                }));
  };
  step("offer",
       [this](Call& c, const ContractId& id) { return registry_.OfferContract(c.actor, id); });
  step("withdraw",
       [this](Call& c, const ContractId& id) { return registry_.WithdrawContract(c.actor, id); });
  step("accept",
       [this](Call& c, const ContractId& id) { return registry_.AcceptContract(c.actor, id); });
  step("reject", [this](Call& c, const ContractId& id) -> Result<domain::Contract> {
    ASSIGN_OR_RETURN(json::Value body, BodyWith(c.request, {"reason"}));
    ASSIGN_OR_RETURN(std::string reason, TextField(body, "reason", true));
    return registry_.RejectContract(c.actor, id, reason);
  });
  step("attest",
       [this](Call& c, const ContractId& id) { return registry_.AttestContract(c.actor, id); });
  step("end", [this](Call& c, const ContractId& id) -> Result<domain::Contract> {
    ASSIGN_OR_RETURN(json::Value body, BodyWith(c.request, {"reason", "on"}));
    ASSIGN_OR_RETURN(std::string reason, TextField(body, "reason", true));
    ASSIGN_OR_RETURN(std::string on, TextField(body, "on", true));
    auto r = domain::ParseEndReason(reason);
    if (!r.ok()) return r.status().WithField("reason");
    auto d = Date::Parse(on);
    if (!d.ok()) return d.status().WithField("on");
    return registry_.EndContract(c.actor, id, *r, *d);
  });
  step("amendment/accept", [this](Call& c, const ContractId& id) {
    return registry_.DecideAmendment(c.actor, id, true);
  });
  step("amendment/reject", [this](Call& c, const ContractId& id) {
    return registry_.DecideAmendment(c.actor, id, false);
  });
  step("amendments", [this](Call& c, const ContractId& id) -> Result<domain::Contract> {
    ASSIGN_OR_RETURN(json::Value body, BodyWith(c.request, {"reason", "terms"}));
    ASSIGN_OR_RETURN(std::string reason, TextField(body, "reason", true));
    const json::Value* terms = body.Get("terms");
    if (terms == nullptr) return Status::InvalidArgument("is required", "terms");
    ASSIGN_OR_RETURN(domain::ContractTerms t, codec::TermsFromJson(*terms, "terms"));
    return registry_.ProposeAmendment(c.actor, id, std::move(t), reason);
  });
  // Authentication answers 409 with every difference when the presented terms were substituted.
  router_.Add("POST", "/api/v1/contracts/{id}/authenticate",
              Authed(accounts_, [this, view](Call& c) -> Result<Response> {
                std::optional<domain::ContractTerms> presented;
                if (!c.request.body.empty()) {
                  ASSIGN_OR_RETURN(json::Value body, BodyWith(c.request, {"terms"}));
                  if (const json::Value* t = body.Get("terms")) {
                    ASSIGN_OR_RETURN(presented, codec::TermsFromJson(*t, "terms"));
                  }
                }
                ASSIGN_OR_RETURN(auto outcome, registry_.AuthenticateContract(
                                                   c.actor, ContractId(c.param("id")), presented));
                if (!outcome.substitution) return Json(200, view(c, outcome.contract));
                json::Object o;
                o.Set("type", "/problems/substitution");
                o.Set("title", "Contract substitution");
                o.Set("status", 409);
                o.Set("detail",
                      "the presented terms differ from the attested contract; the difference is "
                      "recorded and shown to both authorities, the embassy and the worker");
                o.Set("field", "terms");
                o.Set("differences", codec::ToJson(outcome.diffs));
                Response r = Json(409, o);
                r.content_type = "application/problem+json";
                return r;
              }));
  router_.Add("POST", "/api/v1/contracts/{id}/permit",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(auto permit,
                                 registry_.IssuePermit(c.actor, ContractId(c.param("id"))));
                ASSIGN_OR_RETURN(auto item, mobility_.WithActions(c.actor, std::move(permit)));
                Response r = Json(201, PermitView(item));
                r.set_header("Location", "/api/v1/permits/" + item.record.id.value());
                return r;
              }));
  router_.Add("POST", "/api/v1/contracts/{id}/absence-reports",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(json::Value body, BodyWith(c.request, {"last_seen", "details"}));
                ASSIGN_OR_RETURN(std::string last_seen, TextField(body, "last_seen", true));
                ASSIGN_OR_RETURN(std::string details, TextField(body, "details", true));
                auto d = Date::Parse(last_seen);
                if (!d.ok()) return d.status().WithField("last_seen");
                ASSIGN_OR_RETURN(auto report, registry_.ReportAbsence(
                                                  c.actor, ContractId(c.param("id")), *d, details));
                if (report.state == domain::AbsenceReportState::kRefused) {
                  // Refused, and the attempt recorded.
                  json::Object o;
                  o.Set("type", "/problems/absence-report-refused");
                  o.Set("title", "Absence report refused");
                  o.Set("status", 409);
                  o.Set("detail", report.refusal_reason);
                  o.Set("report", codec::ToJson(report));
                  Response r = Json(409, o);
                  r.content_type = "application/problem+json";
                  return r;
                }
                return Json(201, codec::ToJson(report));
              }));
}

void Api::AddMobilityRoutes() {
  router_.Add("GET", "/api/v1/permits", Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(store::Page page, PageOf(c));
                std::optional<WorkerId> worker;
                if (!c.q("worker").empty()) worker = WorkerId(c.q("worker"));
                ASSIGN_OR_RETURN(auto list, mobility_.Permits(c.actor, worker, page));
                json::Array items;
                for (const auto& p : list.items) items.push_back(PermitView(p));
                return List(items, list.next);
              }));
  router_.Add("GET", "/api/v1/permits/{id}", Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(auto item, mobility_.Permit(c.actor, PermitId(c.param("id"))));
                return Json(200, PermitView(item));
              }));
  router_.Add("POST", "/api/v1/permits/{id}/renew",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(json::Value body, BodyWith(c.request, {"end"}));
                ASSIGN_OR_RETURN(std::string text, TextField(body, "end", true));
                auto end = Date::Parse(text);
                if (!end.ok()) return end.status().WithField("end");
                ASSIGN_OR_RETURN(auto p, permits_->Renew(c.actor, PermitId(c.param("id")), *end));
                ASSIGN_OR_RETURN(auto item, mobility_.WithActions(c.actor, std::move(p)));
                return Json(200, PermitView(item));
              }));
  router_.Add("POST", "/api/v1/transfers", Authed(accounts_, [this](Call& c) -> Result<Response> {
                return Idempotent(
                    registry_.store(), c,
                    [&](const store::WriteOptions& write) -> Result<Response> {
                      ASSIGN_OR_RETURN(json::Value body,
                                       BodyWith(c.request, {"from_contract", "to_contract"}));
                      ASSIGN_OR_RETURN(std::string from, TextField(body, "from_contract", true));
                      ASSIGN_OR_RETURN(std::string to, TextField(body, "to_contract", true));
                      ASSIGN_OR_RETURN(auto t, registry_.FileTransfer(c.actor, ContractId(from),
                                                                      ContractId(to), "", write));
                      const std::string location = "/api/v1/transfers/" + t.id.value();
                      ASSIGN_OR_RETURN(auto item, mobility_.WithActions(c.actor, std::move(t)));
                      Response r = Json(201, TransferView(item));
                      r.set_header("Location", location);
                      return r;
                    });
              }));
  router_.Add("GET", "/api/v1/transfers", Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(store::Page page, PageOf(c));
                ASSIGN_OR_RETURN(auto list, mobility_.Transfers(c.actor, page));
                json::Array items;
                for (const auto& t : list.items) items.push_back(TransferView(t));
                return List(items, list.next);
              }));
  router_.Add("POST", "/api/v1/transfers/{id}/complete",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(auto t,
                                 registry_.CompleteTransfer(c.actor, TransferId(c.param("id"))));
                ASSIGN_OR_RETURN(auto item, mobility_.WithActions(c.actor, std::move(t)));
                return Json(200, TransferView(item));
              }));
  router_.Add("POST", "/api/v1/transfers/{id}/cancel",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(auto t,
                                 registry_.CancelTransfer(c.actor, TransferId(c.param("id"))));
                ASSIGN_OR_RETURN(auto item, mobility_.WithActions(c.actor, std::move(t)));
                return Json(200, TransferView(item));
              }));
  router_.Add(
      "POST", "/api/v1/workers/{id}/exit-notices",
      Authed(accounts_, [this](Call& c) -> Result<Response> {
        return Idempotent(
            registry_.store(), c, [&](const store::WriteOptions& write) -> Result<Response> {
              ASSIGN_OR_RETURN(json::Value body,
                               BodyWith(c.request, {"kind", "departure_date", "return_date"}));
              ASSIGN_OR_RETURN(std::string kind, TextField(body, "kind", true));
              ASSIGN_OR_RETURN(std::string departure, TextField(body, "departure_date", true));
              ASSIGN_OR_RETURN(std::string ret, TextField(body, "return_date", false));
              auto k = domain::ParseExitKind(kind);
              if (!k.ok()) return k.status().WithField("kind");
              auto d = Date::Parse(departure);
              if (!d.ok()) return d.status().WithField("departure_date");
              std::optional<Date> back;
              if (!ret.empty()) {
                auto r = Date::Parse(ret);
                if (!r.ok()) return r.status().WithField("return_date");
                back = *r;
              }
              ASSIGN_OR_RETURN(auto n, registry_.NotifyExit(c.actor, WorkerId(c.param("id")), *k,
                                                            *d, back, write));
              return Json(201, codec::ToJson(n));
            });
      }));
  router_.Add("GET", "/api/v1/workers/{id}/exit-notices",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(auto list,
                                 mobility_.ExitNotices(c.actor, WorkerId(c.param("id"))));
                json::Array items;
                for (const auto& n : list) items.push_back(codec::ToJson(n));
                return List(items, "");
              }));
}

}  // namespace corridor::http
