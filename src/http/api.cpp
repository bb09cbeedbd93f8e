#include "http/api.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "codec/codec.hpp"
#include "core/encoding.hpp"
#include "core/log.hpp"
#include "http/api_support.hpp"
#include "http/html.hpp"
#include "http/openapi.hpp"
#include "http/views.hpp"

namespace corridor::http {

Api::Api(service::Registry& registry, service::Accounts& accounts, service::AccessLog& access,
         Metrics& metrics, ApiOptions options)
    : registry_(registry),
      accounts_(accounts),
      access_(access),
      alarms_(registry.store()),
      contracts_(registry.store(), access, alarms_),
      mobility_(registry.store(), access),
      queries_(registry.store(), access),
      border_queries_(registry.store(), access),
      notifications_(registry.store()),
      metrics_(metrics),
      own_wages_(options.wages == nullptr
                     ? std::make_unique<service::Wages>(registry.store(), service::WagesConfig{})
                     : nullptr),
      wages_(options.wages == nullptr ? own_wages_.get() : options.wages),
      own_permits_(options.permits == nullptr ? std::make_unique<service::Permits>(
                                                    registry.store(), service::PermitsConfig{})
                                              : nullptr),
      permits_(options.permits == nullptr ? own_permits_.get() : options.permits),
      border_(options.border),
      case_queries_(registry.store(), access),
      own_cases_(options.cases == nullptr
                     ? std::make_unique<service::Cases>(registry.store(), access,
                                                        service::DefaultCaseRules().value())
                     : nullptr),
      cases_(options.cases == nullptr ? own_cases_.get() : options.cases),
      clearances_(options.clearances),
      training_(options.training),
      options_(std::move(options)) {
  if (clearances_ == nullptr) {
    service::ClearanceConfig config;
    auto built_in = service::BuiltInClearanceRequirements();
    if (built_in.ok()) {
      config.requirements = std::move(*built_in);
    } else {
      log::Error("clearance.requirements", {{"error", built_in.status().ToString()}});
    }
    own_clearances_ = std::make_unique<service::Clearances>(registry.store(), std::move(config));
    clearances_ = own_clearances_.get();
  }
  clearance_queries_ =
      std::make_unique<service::ClearanceQueries>(registry.store(), access, *clearances_, &alarms_);
  releases_ = std::make_unique<service::StatisticsReleases>(
      registry.store(), service::BuiltInStatisticsCatalog().value());
  if (training_ == nullptr) {
    service::TrainingConfig config;
    auto built_in = service::BuiltInTrainingConfig(registry.node().country);
    if (built_in.ok()) {
      config = std::move(*built_in);
    } else {
      log::Error("training.courses", {{"error", built_in.status().ToString()}});
    }
    own_training_ = std::make_unique<service::Training>(registry.store(), std::move(config));
    training_ = own_training_.get();
  }
  training_queries_ =
      std::make_unique<service::TrainingQueries>(registry.store(), access, *training_, &alarms_);
  AddAuthRoutes();
  AddRegistryRoutes();
  AddContractRoutes();
  AddMobilityRoutes();
  AddLedgerRoutes();
  AddPublicRoutes();
  if (options_.federation != nullptr) AddFederationRoutes();
  AddPayrollRoutes();
  AddBorderRoutes();
  AddCaseRoutes();
  AddClearanceRoutes();
  AddStatisticsRoutes();
  AddTrainingRoutes();
  AddPortalRoutes();
  metrics_.SetRoutes(router_.RouteLabels());
  // The integrity alarm (service/integrity.hpp): a fixed label per kind of record.
  metrics_.SetCounter(
      "corridor_integrity_alarms_total",
      "Stored records found to disagree with the ledger where they were served.",
      "record=\"contract\"",
      [this]() { return static_cast<double>(alarms_.Raised(service::AlarmedRecord::kContract)); });
  metrics_.SetCounter(
      "corridor_integrity_alarms_total",
      "Stored records found to disagree with the ledger where they were served.",
      "record=\"clearance\"",
      [this]() { return static_cast<double>(alarms_.Raised(service::AlarmedRecord::kClearance)); });
  metrics_.SetCounter(
      "corridor_integrity_alarms_total",
      "Stored records found to disagree with the ledger where they were served.",
      "record=\"certificate\"", [this]() {
        return static_cast<double>(alarms_.Raised(service::AlarmedRecord::kCertificate));
      });
}

Response Api::Handle(const Request& request) const {
  Response r = router_.Handle(request);
  if (r.deferred) {
    // The answer given later gets the same treatment.
    r.deferred = [inner = std::move(r.deferred)](Respond respond) {
      inner([respond = std::move(respond)](Response done) {
        if (done.content_type.rfind("text/html", 0) == 0) AddHtmlSecurityHeaders(done);
        respond(std::move(done));
      });
    };
    return r;
  }
  if (r.content_type.rfind("text/html", 0) == 0) AddHtmlSecurityHeaders(r);
  return r;
}

HeadDecision Api::Head(const Request& head) const {
  HeadDecision d = router_.Head(head);
  if (d.answer && d.answer->content_type.rfind("text/html", 0) == 0) {
    AddHtmlSecurityHeaders(*d.answer);
  }
  return d;
}

namespace {

// The login body: exactly a username and a password, both strings.
Result<service::LoginAttempt> LoginAttemptOf(const Request& req) {
  ASSIGN_OR_RETURN(json::Value body, BodyWith(req, {"username", "password"}));
  const json::Value* username = body.Get("username");
  const json::Value* password = body.Get("password");
  if (username == nullptr || !username->is_string()) {
    return Status::InvalidArgument("is required, a string", "username");
  }
  if (password == nullptr || !password->is_string()) {
    return Status::InvalidArgument("is required, a string", "password");
  }
  return service::LoginAttempt{username->AsString(), password->AsString(), req.remote_address};
}

Response LoginResponse(const service::LoginAnswer& answer) {
  if (!answer.result.ok()) {
    Response r = Problem(answer.result.status());
    if (answer.retry_after_s > 0) r.set_header("Retry-After", std::to_string(answer.retry_after_s));
    return r;
  }
  const service::LoginResult& login = *answer.result;
  json::Object o;
  o.Set("token", login.token);
  o.Set("expires_at", login.expires.ToString());
  o.Set("account", AccountView(login.account));
  return Json(201, o);
}

// Parses the attempt here; the answer comes later, from the accounts' hashing pool.
Response DeferredLogin(service::Accounts& accounts, const Request& req) {
  auto attempt = LoginAttemptOf(req);
  if (!attempt.ok()) return Problem(attempt.status());
  Response r;
  r.deferred = [&accounts, attempt = std::move(*attempt)](Respond respond) mutable {
    accounts.StartLogin(std::move(attempt),
                        [respond = std::move(respond)](const service::LoginAnswer& answer) {
                          respond(LoginResponse(answer));
                        });
  };
  return r;
}

}  // namespace

void Api::AddAuthRoutes() {
  // Login: the password check runs on the accounts' hashing pool, not on the server's thread;
  // refusals for too many attempts (429) and a full queue (503) say when to try again.
  // A login's body is a username and a password: a few hundred bytes.
  router_.Add("POST", "/api/v1/session",
              WithMaxBody(8 * 1024, RouteHandler([this](const Request& req, const Params&) {
                            return DeferredLogin(accounts_, req);
                          })));
  router_.Add("DELETE", "/api/v1/session", Authed(accounts_, [this](Call& c) -> Result<Response> {
                RETURN_IF_ERROR(accounts_.Logout(c.request.header("Authorization").substr(7)));
                Response r;
                r.status = 204;
                r.content_type.clear();
                return r;
              }));
  router_.Add("GET", "/api/v1/me", Authed(accounts_, [](Call& c) -> Result<Response> {
                return Json(200, AccountView(c.account));
              }));
  router_.Add("GET", "/api/v1/accounts", Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(store::Page page, PageOf(c));
                ASSIGN_OR_RETURN(auto list, accounts_.List(c.actor, page.after, page.limit));
                json::Array items;
                for (const auto& a : list) items.push_back(AccountView(a));
                return List(items, static_cast<int>(list.size()) == page.limit
                                       ? list.back().id.value()
                                       : "");
              }));
  router_.Add(
      "POST", "/api/v1/accounts", Authed(accounts_, [this](Call& c) -> Result<Response> {
        return Idempotent(
            registry_.store(), c, [&](const store::WriteOptions& write) -> Result<Response> {
              ASSIGN_OR_RETURN(json::Value body, Body(c.request));
              domain::Account a;
              const auto text = [&](const char* k) {
                const json::Value* v = body.Get(k);
                return v && v->is_string() ? v->AsString() : std::string();
              };
              for (const auto& [k, v] : body.AsObject()) {
                static const char* kKnown[] = {"username", "password", "role",   "country",
                                               "employer", "agency",   "worker", "display_name",
                                               "language", "centre"};
                bool known = false;
                for (const char* n : kKnown) known = known || k == n;
                if (!known) return Status::InvalidArgument("is not a known field", k);
                if (!v.is_string() && !v.is_null())
                  return Status::InvalidArgument("must be a string", k);
              }
              a.username = text("username");
              auto role = domain::ParseRole(text("role"));
              if (!role.ok()) return role.status().WithField("role");
              a.role = *role;
              a.country = text("country");
              if (!text("employer").empty()) a.employer = EmployerId(text("employer"));
              if (!text("agency").empty()) a.agency = AgencyId(text("agency"));
              if (!text("worker").empty()) a.worker = WorkerId(text("worker"));
              if (!text("centre").empty()) a.centre = CentreId(text("centre"));
              a.display_name = text("display_name");
              a.language = text("language").empty() ? "en" : text("language");
              ASSIGN_OR_RETURN(auto created, accounts_.Create(c.actor, a, text("password"), write));
              Response r = Json(201, AccountView(created));
              r.set_header("Location", "/api/v1/accounts/" + created.id.value());
              return r;
            });
      }));
  router_.Add("GET", "/api/v1/notifications",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(store::Page page, PageOf(c));
                ASSIGN_OR_RETURN(auto notes, notifications_.List(c.actor, page));
                json::Array items;
                for (const auto& n : notes.items) items.push_back(NotificationView(n));
                return List(items, notes.next);
              }));
}

namespace {

bool WantsJson(const Request& r, const Params& query) {
  auto f = query.find("format");
  if (f != query.end()) return f->second == "json";
  return r.header("Accept").find("application/json") != std::string_view::npos;
}

std::string ContentTypeFor(const std::string& path) {
  auto ends = [&](const char* ext) {
    const std::string e(ext);
    return path.size() >= e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".json")) return "application/json";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".woff2")) return "font/woff2";
  return "application/octet-stream";
}

}  // namespace

void Api::AddPublicRoutes() {
  router_.Add("GET", "/healthz", Open([](const Request&, const Params&) -> Result<Response> {
                Response r;
                r.content_type = "text/plain; charset=utf-8";
                r.body = "ok\n";
                return r;
              }));
  router_.Add("GET", "/readyz", Open([this](const Request&, const Params&) -> Result<Response> {
                // Ready when the store answers.
                if (!queries_.Ready().ok()) return Status::Unavailable("the store does not answer");
                Response r;
                r.content_type = "text/plain; charset=utf-8";
                r.body = "ready\n";
                return r;
              }));
  router_.Add("GET", "/metrics", Open([this](const Request&, const Params&) -> Result<Response> {
                Response r;
                r.content_type = "text/plain; version=0.0.4; charset=utf-8";
                r.body = metrics_.Render();
                return r;
              }));
  router_.Add("GET", "/api/v1/openapi.json",
              Open([](const Request&, const Params&) -> Result<Response> {
                Response r;
                r.body = OpenApiJson();
                r.set_header("Cache-Control", "public, max-age=300");
                return r;
              }));
  // Which node this is, for the portal's login page: its name and country, nothing personal.
  router_.Add("GET", "/api/v1/node",
              Open([this](const Request&, const Params&) -> Result<Response> {
                json::Object o;
                o.Set("name", options_.node_name);
                o.Set("country", registry_.node().country);
                o.Set("public_key", HexEncode(registry_.store().identity().public_key));
                Response r = Json(200, o);
                r.set_header("Cache-Control", "public, max-age=300");
                return r;
              }));
  // The public check of a contract, of a departure clearance (ids DC-...) or of a training
  // certificate (ids CT-...): no login, no personal data.
  router_.Add(
      "GET", "/verify/{id}",
      Open([this](const Request& req, const Params& params) -> Result<Response> {
        const std::string& id = params.find("id")->second;
        ASSIGN_OR_RETURN(Params query, ParseQuery(req.query()));
        if (id.starts_with("DC-"))
          return VerifyClearance(id, WantsJson(req, query), req.request_id);
        if (id.starts_with("CT-"))
          return VerifyCertificate(id, WantsJson(req, query), req.request_id);
        const std::string asked = query.count("digest") ? query["digest"] : std::string();
        ASSIGN_OR_RETURN(auto check, contracts_.PublicCheck(id, asked, req.request_id));
        const std::optional<domain::Contract>& contract = check.contract;
        const std::vector<std::string>& digests = check.digests;  // every version's, oldest first
        json::Object o;
        o.Set("contract", id);
        o.Set("registered", check.registered);
        std::string verdict;
        if (check.registered && !check.integrity_ok) {
          // The stored record disagrees with the ledger: nothing of it is confirmed, and it is
          // not presented as attested or authenticated (docs/formats/ledger.md §7).
          o.Set("integrity", "mismatch");
          o.Set("attested", false);
          o.Set("authenticated", false);
          o.Set("in_force", false);
          if (!asked.empty()) {
            o.Set("asked_digest", asked);
            o.Set("digest_status", "unknown");
          }
        } else if (contract) {
          const domain::Contract& c = *contract;
          o.Set("integrity", "verified");
          o.Set("state", std::string(ToString(c.state)));
          o.Set("version", c.version);
          o.Set("digest", c.digest);
          o.Set("attested", !c.attested_digest.empty());
          o.Set("authenticated", !c.authenticated_digest.empty());
          const bool in_force = c.state == domain::ContractState::kActive ||
                                c.state == domain::ContractState::kAuthenticated ||
                                c.state == domain::ContractState::kAttested;
          o.Set("in_force", c.state == domain::ContractState::kActive);
          if (!asked.empty()) {
            o.Set("asked_digest", asked);
            if (asked == c.digest) {
              verdict = in_force ? "current" : "final version of a contract no longer in force";
            } else if (std::find(digests.begin(), digests.end(), asked) != digests.end()) {
              verdict = "superseded";
            } else {
              verdict = "not a version of this contract";
            }
            o.Set("digest_status",
                  asked == c.digest ? std::string("current")
                  : std::find(digests.begin(), digests.end(), asked) != digests.end()
                      ? std::string("superseded")
                      : std::string("unknown"));
          }
        }
        if (WantsJson(req, query)) {
          Response r = Json(check.registered ? 200 : 404, o);
          return r;
        }
        std::ostringstream html;
        html << "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                "<title>Contract check</title><style>body{font-family:sans-serif;max-width:40em;"
                "margin:1em auto;padding:0 1em;line-height:1.5}dt{font-weight:bold}"
                ".ok{color:#0a5d00}.bad{color:#a40000}</style></head><body>"
                "<h1>Contract check</h1>";
        if (!check.registered) {
          html << "<p class=\"bad\">No contract with the number <code>" << HtmlEscape(id)
               << "</code> is registered with " << HtmlEscape(options_.node_name) << ".</p>";
        } else if (!check.integrity_ok) {
          html << "<dl><dt>Contract</dt><dd><code>" << HtmlEscape(id) << "</code></dd>"
               << "<dt>Registered with</dt><dd>" << HtmlEscape(options_.node_name) << "</dd></dl>"
               << "<p class=\"bad\" data-integrity=\"mismatch\">The record of this contract failed "
                  "the node's integrity check: it does not agree with the node's ledger. It "
                  "cannot be confirmed as attested or authenticated, and no copy of it can be "
                  "confirmed as current. The node's administrator has been alerted.</p>";
        } else {
          const domain::Contract& c = *contract;
          html << "<dl><dt>Contract</dt><dd><code>" << HtmlEscape(id) << "</code></dd>"
               << "<dt>Registered with</dt><dd>" << HtmlEscape(options_.node_name) << "</dd>"
               << "<dt>State</dt><dd>" << ToString(c.state) << "</dd>"
               << "<dt>Version</dt><dd>" << c.version << "</dd>"
               << "<dt>Attested by the country of origin</dt><dd>"
               << (c.attested_digest.empty() ? "no" : "yes") << "</dd>"
               << "<dt>Authenticated by the country of work</dt><dd>"
               << (c.authenticated_digest.empty() ? "no" : "yes") << "</dd>"
               << "<dt>Digest of the current terms</dt><dd><code>" << c.digest << "</code></dd>";
          if (!asked.empty()) {
            const bool good = asked == c.digest;
            html << "<dt>The copy you hold</dt><dd class=\"" << (good ? "ok" : "bad") << "\">"
                 << HtmlEscape(verdict) << "</dd>";
          }
          html << "</dl>";
        }
        html << "<p>This page shows no personal data.</p></body></html>";
        Response r;
        r.status = check.registered ? 200 : 404;
        r.content_type = "text/html; charset=utf-8";
        r.body = html.str();
        return r;
      }));
}

void Api::AddPortalRoutes() {
  if (options_.web_root.empty()) return;
  // The portal: its built files, listed and read once here (index.html, favicon.ico and the
  // flat assets/ folder); a request names one of them or gets 404, and no request's path ever
  // reaches the file system.
  namespace fs = std::filesystem;
  constexpr uintmax_t kMaxAssetBytes = 16 << 20;
  auto load = [this](const fs::path& file, const std::string& name) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec) || fs::file_size(file, ec) > kMaxAssetBytes) return;
    std::ifstream in(file, std::ios::binary);
    if (!in) return;
    std::ostringstream body;
    body << in.rdbuf();
    assets_[name] = {ContentTypeFor(name), body.str()};
  };
  const fs::path root(options_.web_root);
  load(root / "index.html", "index.html");
  load(root / "favicon.ico", "favicon.ico");
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root / "assets", ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.empty() && name[0] != '.') load(entry.path(), "assets/" + name);
  }
  if (assets_.find("index.html") == assets_.end()) {
    log::Warn("portal.missing", {{"web_root", options_.web_root}, {"file", "index.html"}});
  }
  auto serve = [this](std::string_view name) -> Result<Response> {
    const auto it = assets_.find(name);
    if (it == assets_.end()) return Status::NotFound("no such file");
    Response r;
    r.content_type = it->second.content_type;
    r.body = it->second.body;
    if (name.rfind("assets/", 0) == 0) {
      r.set_header("Cache-Control", "public, max-age=31536000, immutable");
    } else {
      r.set_header("Cache-Control", "no-cache");
    }
    return r;
  };
  router_.Add("GET", "/",
              Open([serve](const Request&, const Params&) { return serve("index.html"); }));
  router_.Add("GET", "/assets/{file}", Open([serve](const Request&, const Params& p) {
                return serve("assets/" + p.find("file")->second);
              }));
  router_.Add("GET", "/app/{page}",
              Open([serve](const Request&, const Params&) { return serve("index.html"); }));
  router_.Add("GET", "/app/{page}/{id}",
              Open([serve](const Request&, const Params&) { return serve("index.html"); }));
  router_.Add("GET", "/favicon.ico",
              Open([serve](const Request&, const Params&) { return serve("favicon.ico"); }));
}

}  // namespace corridor::http
