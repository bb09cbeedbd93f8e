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

using domain::Role;

// The contract filter that scopes a list to what the caller may see.
Result<store::ContractFilter> ScopeFor(const domain::Actor& a, const std::string& node_country) {
  store::ContractFilter f;
  switch (a.role) {
    case Role::kEmployer:
      f.employer = a.employer;
      break;
    case Role::kAgency:
      f.agency = a.agency;
      break;
    case Role::kWorker:
      f.worker = a.worker;
      break;
    case Role::kOriginOfficer:
      f.origin_country = a.country;
      break;
    case Role::kDestinationOfficer:
      f.destination_country = a.country;
      break;
    case Role::kEmbassy:
      f.origin_country = a.country;
      f.destination_country = node_country;
      break;
    case Role::kSystem:
      break;
    default:
      return Status::PermissionDenied("this role does not see contracts");
  }
  return f;
}

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
  auto view = [base](const domain::Contract& c) { return ContractView(c, base); };

  router_.Add("POST", "/api/v1/contracts",
              Authed(accounts_, [this, view](Call& c) -> Result<Response> {
                return Idempotent(registry_.store(), c, [&]() -> Result<Response> {
                  ASSIGN_OR_RETURN(json::Value body, Body(c.request));
                  ASSIGN_OR_RETURN(domain::ContractTerms t, codec::TermsFromJson(body));
                  ASSIGN_OR_RETURN(auto contract, registry_.DraftContract(c.actor, std::move(t)));
                  Response r = Json(201, view(contract));
                  r.set_header("Location", "/api/v1/contracts/" + contract.id.value());
                  return r;
                });
              }));
  router_.Add(
      "GET", "/api/v1/contracts", Authed(accounts_, [this, view](Call& c) -> Result<Response> {
        ASSIGN_OR_RETURN(store::Page page, PageOf(c));
        ASSIGN_OR_RETURN(store::ContractFilter f, ScopeFor(c.actor, registry_.node().country));
        if (!c.q("state").empty()) {
          auto s = domain::ParseContractState(c.q("state"));
          if (!s.ok()) return s.status().WithField("state");
          f.state = *s;
        }
        if (!c.q("worker").empty()) {
          // One worker's contracts, within the caller's scope; a worker asking for another's gets
          // none.
          if (f.worker && f.worker->value() != c.q("worker")) return List(json::Array(), "");
          f.worker = WorkerId(c.q("worker"));
        }
        std::vector<domain::Contract> list;
        RETURN_IF_ERROR(registry_.store().Read([&](store::ReadTx& tx) -> Status {
          ASSIGN_OR_RETURN(list, tx.ListContracts(f, page));
          return Status::Ok();
        }));
        json::Array items;
        for (const auto& ct : list) {
          if (!domain::MayViewContract(c.actor, ct, registry_.node()))
            continue;  // a worker's drafts
          access_.Record(c.actor, "list", "contract", ct.id.value(), true);
          items.push_back(view(ct));
        }
        return List(items,
                    static_cast<int>(list.size()) == page.limit ? list.back().id.value() : "");
      }));
  router_.Add(
      "GET", "/api/v1/contracts/{id}", Authed(accounts_, [this](Call& c) -> Result<Response> {
        const ContractId id(c.param("id"));
        std::optional<store::ReadTx::StoredContract> stored;
        RETURN_IF_ERROR(registry_.store().Read([&](store::ReadTx& tx) -> Status {
          ASSIGN_OR_RETURN(stored, tx.GetContractDocument(id));
          return Status::Ok();
        }));
        const bool allowed = stored && domain::MayViewContract(c.actor, stored->parties,
                                                               stored->state, registry_.node());
        access_.Record(c.actor, "view", "contract", id.value(), allowed);
        if (!allowed) return Status::NotFound("contract " + id.value() + " does not exist");
        // The stored document is the contract's JSON form (codec::ToJson) written compactly; the
        // view adds the public check's address. No decoding and re-encoding on this hot path.
        std::string& doc = stored->doc;
        if (doc.size() < 2 || doc.back() != '}')
          return Status::DataLoss("a stored contract is damaged");
        doc.pop_back();
        doc += ",\"verify_url\":";
        json::AppendQuoted(&doc, options_.public_base_url + "/verify/" + id.value());
        doc += '}';
        Response r;
        r.body = std::move(doc);
        return r;
      }));
  router_.Add("GET", "/api/v1/contracts/{id}/history",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                const ContractId id(c.param("id"));
                std::optional<domain::Contract> contract;
                std::vector<json::Value> events;
                RETURN_IF_ERROR(registry_.store().Read([&](store::ReadTx& tx) -> Status {
                  auto ct = tx.GetContract(id);
                  if (!ct.ok())
                    return ct.status().code() == Code::kNotFound ? Status::Ok() : ct.status();
                  contract = std::move(*ct);
                  ASSIGN_OR_RETURN(events, tx.History(id.value(), 1000));
                  return Status::Ok();
                }));
                const bool allowed =
                    contract && domain::MayViewContract(c.actor, *contract, registry_.node());
                access_.Record(c.actor, "history", "contract", id.value(), allowed);
                if (!allowed) return Status::NotFound("contract " + id.value() + " does not exist");
                json::Array items;
                for (auto& e : events) items.push_back(std::move(e));
                return List(items, "");
              }));

  // The printable contract, in the worker's language (or ?lang=) beside English, with its QR code.
  router_.Add("GET", "/api/v1/contracts/{id}/document",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                const ContractId id(c.param("id"));
                std::optional<domain::Contract> contract;
                std::optional<domain::Worker> worker;
                std::optional<domain::Employer> employer;
                std::optional<domain::Agency> agency;
                RETURN_IF_ERROR(registry_.store().Read([&](store::ReadTx& tx) -> Status {
                  auto ct = tx.GetContract(id);
                  if (!ct.ok())
                    return ct.status().code() == Code::kNotFound ? Status::Ok() : ct.status();
                  contract = std::move(*ct);
                  ASSIGN_OR_RETURN(worker, tx.GetWorker(contract->terms.worker));
                  ASSIGN_OR_RETURN(employer, tx.GetEmployer(contract->terms.employer));
                  if (contract->terms.agency) {
                    ASSIGN_OR_RETURN(agency, tx.GetAgency(*contract->terms.agency));
                  }
                  return Status::Ok();
                }));
                const bool allowed =
                    contract && domain::MayViewContract(c.actor, *contract, registry_.node());
                access_.Record(c.actor, "print", "contract", id.value(), allowed);
                if (!allowed) return Status::NotFound("contract " + id.value() + " does not exist");
                std::string lang = c.q("lang").empty() ? worker->preferred_language : c.q("lang");
                if (!domain::IsSupportedLanguage(lang)) {
                  return Status::InvalidArgument("is not a supported language", "lang");
                }
                const std::string url = options_.public_base_url + "/verify/" + id.value() +
                                        "?digest=" + contract->digest;
                ASSIGN_OR_RETURN(
                    std::string html,
                    ContractDocumentHtml(
                        *contract, {&*worker, &*employer, agency ? &*agency : nullptr}, lang, url));
                Response r;
                r.content_type = "text/html; charset=utf-8";
                r.body = std::move(html);
                return r;
              }));

  // Lifecycle steps: POST /api/v1/contracts/{id}/<step>.
  auto step = [this, view](const char* name, auto run) {
    router_.Add("POST", std::string("/api/v1/contracts/{id}/") + name,
                Authed(accounts_, [this, view, run](Call& c) -> Result<Response> {
                  ASSIGN_OR_RETURN(domain::Contract ct, run(c, ContractId(c.param("id"))));
                  return Json(200, view(ct));
                }));
  };
  step("offer",
       [this](Call& c, const ContractId& id) { return registry_.OfferContract(c.actor, id); });
  step("withdraw",
       [this](Call& c, const ContractId& id) { return registry_.WithdrawContract(c.actor, id); });
  step("accept",
       [this](Call& c, const ContractId& id) { return registry_.AcceptContract(c.actor, id); });
  step("reject", [this](Call& c, const ContractId& id) -> Result<domain::Contract> {
    ASSIGN_OR_RETURN(json::Value body, Body(c.request));
    ASSIGN_OR_RETURN(std::string reason, TextField(body, "reason", true));
    return registry_.RejectContract(c.actor, id, reason);
  });
  step("attest",
       [this](Call& c, const ContractId& id) { return registry_.AttestContract(c.actor, id); });
  step("end", [this](Call& c, const ContractId& id) -> Result<domain::Contract> {
    ASSIGN_OR_RETURN(json::Value body, Body(c.request));
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
    ASSIGN_OR_RETURN(json::Value body, Body(c.request));
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
                  ASSIGN_OR_RETURN(json::Value body, Body(c.request));
                  if (const json::Value* t = body.Get("terms")) {
                    ASSIGN_OR_RETURN(presented, codec::TermsFromJson(*t, "terms"));
                  }
                }
                ASSIGN_OR_RETURN(auto outcome, registry_.AuthenticateContract(
                                                   c.actor, ContractId(c.param("id")), presented));
                if (!outcome.substitution) return Json(200, view(outcome.contract));
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
                Response r = Json(201, codec::ToJson(permit));
                r.set_header("Location", "/api/v1/permits/" + permit.id.value());
                return r;
              }));
  router_.Add("POST", "/api/v1/contracts/{id}/absence-reports",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(json::Value body, Body(c.request));
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
                if (c.actor.role == Role::kWorker) {
                  worker = c.actor.worker;
                } else if (!c.q("worker").empty()) {
                  worker = WorkerId(c.q("worker"));
                }
                if (c.actor.role != Role::kWorker && c.actor.role != Role::kDestinationOfficer &&
                    c.actor.role != Role::kBorderOfficer && c.actor.role != Role::kEmbassy &&
                    c.actor.role != Role::kEmployer && c.actor.role != Role::kOriginOfficer) {
                  return Status::PermissionDenied("this role does not see permits");
                }
                std::vector<domain::Permit> list;
                std::vector<domain::Contract> contracts;
                RETURN_IF_ERROR(registry_.store().Read([&](store::ReadTx& tx) -> Status {
                  ASSIGN_OR_RETURN(list, tx.ListPermits(worker, page));
                  for (const auto& p : list) {
                    ASSIGN_OR_RETURN(auto ct, tx.GetContract(p.contract));
                    contracts.push_back(std::move(ct));
                  }
                  return Status::Ok();
                }));
                json::Array items;
                for (size_t i = 0; i < list.size(); ++i) {
                  // A permit is seen by whoever sees its contract, and by the border (identity
                  // checks).
                  const bool allowed =
                      c.actor.role == Role::kBorderOfficer
                          ? c.actor.country == registry_.node().country
                          : domain::MayViewContract(c.actor, contracts[i], registry_.node());
                  if (!allowed) continue;
                  access_.Record(c.actor, "list", "permit", list[i].id.value(), true);
                  items.push_back(codec::ToJson(list[i]));
                }
                return List(items, static_cast<int>(list.size()) == page.limit
                                       ? list.back().id.value()
                                       : "");
              }));
  router_.Add("POST", "/api/v1/transfers", Authed(accounts_, [this](Call& c) -> Result<Response> {
                return Idempotent(registry_.store(), c, [&]() -> Result<Response> {
                  ASSIGN_OR_RETURN(json::Value body, Body(c.request));
                  ASSIGN_OR_RETURN(std::string from, TextField(body, "from_contract", true));
                  ASSIGN_OR_RETURN(std::string to, TextField(body, "to_contract", true));
                  ASSIGN_OR_RETURN(auto t, registry_.FileTransfer(c.actor, ContractId(from),
                                                                  ContractId(to), ""));
                  Response r = Json(201, codec::ToJson(t));
                  r.set_header("Location", "/api/v1/transfers/" + t.id.value());
                  return r;
                });
              }));
  router_.Add(
      "GET", "/api/v1/transfers", Authed(accounts_, [this](Call& c) -> Result<Response> {
        ASSIGN_OR_RETURN(store::Page page, PageOf(c));
        std::optional<WorkerId> worker;
        if (c.actor.role == Role::kWorker) worker = c.actor.worker;
        std::vector<domain::Transfer> list;
        RETURN_IF_ERROR(registry_.store().Read([&](store::ReadTx& tx) -> Status {
          ASSIGN_OR_RETURN(list, tx.ListTransfers(worker, page));
          return Status::Ok();
        }));
        json::Array items;
        for (const auto& t : list) {
          bool allowed = false;
          switch (c.actor.role) {
            case Role::kWorker:
              allowed = true;
              break;  // scoped to the worker above
            case Role::kEmployer:
              allowed = c.actor.employer == t.from_employer || c.actor.employer == t.to_employer;
              break;
            case Role::kDestinationOfficer:
              allowed = c.actor.country == registry_.node().country;
              break;
            default:
              allowed = false;
          }
          if (!allowed) continue;
          access_.Record(c.actor, "list", "transfer", t.id.value(), true);
          items.push_back(codec::ToJson(t));
        }
        return List(items,
                    static_cast<int>(list.size()) == page.limit ? list.back().id.value() : "");
      }));
  router_.Add("POST", "/api/v1/transfers/{id}/complete",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(auto t,
                                 registry_.CompleteTransfer(c.actor, TransferId(c.param("id"))));
                return Json(200, codec::ToJson(t));
              }));
  router_.Add("POST", "/api/v1/transfers/{id}/cancel",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(auto t,
                                 registry_.CancelTransfer(c.actor, TransferId(c.param("id"))));
                return Json(200, codec::ToJson(t));
              }));
  router_.Add("POST", "/api/v1/workers/{id}/exit-notices",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                return Idempotent(registry_.store(), c, [&]() -> Result<Response> {
                  ASSIGN_OR_RETURN(json::Value body, Body(c.request));
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
                  ASSIGN_OR_RETURN(
                      auto n, registry_.NotifyExit(c.actor, WorkerId(c.param("id")), *k, *d, back));
                  return Json(201, codec::ToJson(n));
                });
              }));
  router_.Add("GET", "/api/v1/workers/{id}/exit-notices",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                const WorkerId id(c.param("id"));
                std::optional<domain::Worker> worker;
                std::vector<domain::Contract> contracts;
                std::vector<domain::ExitNotice> list;
                RETURN_IF_ERROR(registry_.store().Read([&](store::ReadTx& tx) -> Status {
                  auto w = tx.GetWorker(id);
                  if (!w.ok())
                    return w.status().code() == Code::kNotFound ? Status::Ok() : w.status();
                  worker = std::move(*w);
                  store::ContractFilter f;
                  f.worker = id;
                  ASSIGN_OR_RETURN(contracts, tx.ListContracts(f, {"", 1000}));
                  ASSIGN_OR_RETURN(list, tx.ListExitNotices(id, {"", 200}));
                  return Status::Ok();
                }));
                // Whoever may see the worker sees their exit notices; the border always (it checks
                // them).
                const bool allowed =
                    worker &&
                    (c.actor.role == Role::kBorderOfficer
                         ? c.actor.country == registry_.node().country
                         : domain::MayViewWorker(c.actor, *worker, contracts, registry_.node()));
                access_.Record(c.actor, "view", "exit_notices", id.value(), allowed);
                if (!allowed) return Status::NotFound("worker " + id.value() + " does not exist");
                json::Array items;
                for (const auto& n : list) items.push_back(codec::ToJson(n));
                return List(items, "");
              }));
}

}  // namespace corridor::http
