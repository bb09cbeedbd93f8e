// The statistics API (docs/statistics.md, "The API"; docs/openapi.yaml): the definition file, the
// releases, and the tables of a release, all without login and all from what releases stored;
// and an administrator's request to make a release.
#include <set>

#include "codec/statistics.hpp"
#include "http/api.hpp"
#include "http/api_support.hpp"

namespace corridor::http {
namespace {

// The query of a table: rows, cols and release, each at most once; anything else is refused by
// name (a misspelt filter must not quietly answer another table).
Result<service::TableQuery> TableQueryOf(const Request& req, const std::string& indicator) {
  service::TableQuery q;
  q.indicator = indicator;
  std::set<std::string> seen;
  const std::string_view query = req.query();
  for (size_t start = 0; start < query.size();) {
    size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    const std::string_view pair = query.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) continue;
    ASSIGN_OR_RETURN(Params one, ParseQuery(pair));
    for (const auto& [name, value] : one) {
      if (!seen.insert(name).second) return Status::InvalidArgument("is given twice", name);
      if (name == "rows") {
        q.rows = value;
      } else if (name == "cols") {
        q.cols = value;
      } else if (name == "release") {
        q.release = value;
        if (value.empty())
          return Status::InvalidArgument("is empty: name a release or leave it out", name);
      } else {
        return Status::InvalidArgument("is not a parameter of a table (rows, cols, release)", name);
      }
    }
  }
  return q;
}

std::string ETag(std::string_view sha256_hex) { return "\"" + std::string(sha256_hex) + "\""; }

// 304 when the client holds this body already (If-None-Match names its tag, or is *).
bool NotModified(const Request& req, const std::string& etag) {
  const std::string_view held = req.header("If-None-Match");
  if (held.empty()) return false;
  if (held == "*") return true;
  for (size_t start = 0; start < held.size();) {
    size_t end = held.find(',', start);
    if (end == std::string_view::npos) end = held.size();
    std::string_view tag = held.substr(start, end - start);
    start = end + 1;
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag) return true;
  }
  return false;
}

Response Cached(const Request& req, int status, std::string content_type, std::string body,
                const std::string& sha256_hex, const std::string& cache_control) {
  Response r;
  const std::string etag = ETag(sha256_hex);
  if (NotModified(req, etag)) {
    r.status = 304;
    r.content_type.clear();
  } else {
    r.status = status;
    r.content_type = std::move(content_type);
    r.body = std::move(body);
  }
  r.set_header("ETag", etag);
  r.set_header("Cache-Control", cache_control);
  return r;
}

}  // namespace

void Api::AddStatisticsRoutes() {
  router_.Add("GET", "/api/v1/statistics/indicators",
              Open([this](const Request& req, const Params&) -> Result<Response> {
                const auto& catalog = releases_->catalog();
                return Cached(req, 200, "application/json", catalog.document, catalog.sha256,
                              "public, max-age=3600");
              }));
  router_.Add("GET", "/api/v1/statistics/releases",
              Open([this](const Request&, const Params&) -> Result<Response> {
                ASSIGN_OR_RETURN(auto list, releases_->List());
                json::Array items;
                for (const auto& r : list) items.push_back(codec::ToJson(r));
                Response r = List(items, "");
                r.set_header("Cache-Control", "public, max-age=300");
                return r;
              }));
  router_.Add("POST", "/api/v1/statistics/releases",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(json::Value body, BodyWith(c.request, {"id"}));
                const json::Value* id = body.Get("id");
                if (id == nullptr || !id->is_string()) {
                  return Status::InvalidArgument("is required, a month YYYY-MM", "id");
                }
                ASSIGN_OR_RETURN(auto made, releases_->Release(c.actor, id->AsString()));
                Response r = Json(201, codec::ToJson(made));
                r.set_header("Location", "/api/v1/statistics/releases/" + made.id);
                return r;
              }));
  router_.Add("GET", "/api/v1/statistics/releases/{release}",
              Open([this](const Request&, const Params& params) -> Result<Response> {
                ASSIGN_OR_RETURN(auto r, releases_->Get(params.find("release")->second));
                Response out = Json(200, codec::ToJson(r));
                out.set_header("Cache-Control", "public, max-age=31536000, immutable");
                return out;
              }));
  router_.Add("GET", "/api/v1/statistics/tables/{indicator}",
              Open([this](const Request& req, const Params& params) -> Result<Response> {
                ASSIGN_OR_RETURN(auto q, TableQueryOf(req, params.find("indicator")->second));
                const bool named = !q.release.empty();
                ASSIGN_OR_RETURN(auto table, releases_->Table(q));
                // A named release never changes; the latest does when the next one is made.
                return Cached(
                    req, 200, "application/json", std::move(table.body), table.sha256,
                    named ? "public, max-age=31536000, immutable" : "public, max-age=300");
              }));
}

}  // namespace corridor::http
