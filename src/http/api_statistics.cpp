// The statistics API (docs/statistics.md, "The API"; docs/openapi.yaml): the definition file, the
// releases, and the tables of a release, all without login and all from what releases stored;
// an administrator's request to make a release; and the releases' open data under /open-data/
// (docs/statistics.md, "Open data"): the stored files and two plain HTML pages listing them.
#include <set>
#include <sstream>

#include "codec/statistics.hpp"
#include "http/api.hpp"
#include "http/api_support.hpp"
#include "http/html.hpp"

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

constexpr std::string_view kPageHead =
    "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    "<style>body{font-family:sans-serif;max-width:48em;margin:1em auto;padding:0 1em;"
    "line-height:1.5}table{border-collapse:collapse;width:100%}th,td{text-align:start;"
    "padding:.3em;border-bottom:1px solid #ccc;vertical-align:top}code{overflow-wrap:anywhere;"
    "font-size:.85em}</style>";

Response Html(std::string body) {
  Response r;
  r.status = 200;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(body);
  r.set_header("Cache-Control", "public, max-age=300");
  return r;
}

std::string OpenDataIndexPage(const std::string& node_name,
                              const std::vector<domain::ReleaseSummary>& releases) {
  std::ostringstream html;
  html << kPageHead << "<title>Open data</title></head><body><h1>Open data</h1><p>"
       << HtmlEscape(node_name)
       << " publishes its statistics as releases: tables under disclosure control (no figure "
          "below the threshold, every figure rounded), never a person's record. Each release "
          "is a set of files signed with the node's key.</p>";
  if (releases.empty()) {
    html << "<p>No release has been published yet.</p>";
  } else {
    html << "<table><thead><tr><th scope=\"col\">Release</th><th scope=\"col\">Reference "
            "date</th><th scope=\"col\">Figures</th></tr></thead><tbody>";
    for (const auto& r : releases) {
      html << "<tr><td><a href=\"/open-data/" << HtmlEscape(r.id) << "/\">" << HtmlEscape(r.id)
           << "</a></td><td>" << r.reference_date.ToString() << "</td><td>" << r.figures
           << "</td></tr>";
    }
    html << "</tbody></table>";
  }
  html << "</body></html>";
  return html.str();
}

std::string OpenDataReleasePage(const service::StatisticsReleases::OpenDataIndex& index) {
  const domain::ReleaseSummary& r = index.release;
  std::ostringstream html;
  html << kPageHead << "<title>Open data " << HtmlEscape(r.id) << "</title></head><body>"
       << "<p><a href=\"/open-data/\">Open data</a></p><h1>Release " << HtmlEscape(r.id)
       << "</h1><p>Every month up to " << r.reference_date.ToString() << "; made "
       << r.made_at.ToString() << "; figures below " << r.policy.threshold
       << " withheld, every figure rounded to a multiple of " << r.policy.rounding_base
       << ". The release's SHA-256 (of indicators.csv, recorded in the node's ledger): <code>"
       << HtmlEscape(r.sha256) << "</code>.</p>";
  html << "<table><thead><tr><th scope=\"col\">File</th><th scope=\"col\">Bytes</th>"
          "<th scope=\"col\">SHA-256</th></tr></thead><tbody>";
  for (const auto& f : index.files) {
    html << "<tr><td><a href=\"/open-data/" << HtmlEscape(r.id) << "/" << HtmlEscape(f.name)
         << "\" download>" << HtmlEscape(f.name) << "</a></td><td>" << f.bytes << "</td><td><code>"
         << HtmlEscape(f.sha256) << "</code></td></tr>";
  }
  html << "</tbody></table>";
  if (index.signed_manifest) {
    html << "<p>release.json lists every other file with its size and SHA-256 and is signed "
            "with the node's Ed25519 key (its public key: <code>/api/v1/node</code>). "
            "dictionary.csv says what each column and indicator means; the .sdmx.csv files hold "
            "the monthly figures in SDMX-CSV.</p>";
  } else {
    html << "<p>This release was made before the node published open data: it offers its "
            "figures file alone.</p>";
  }
  html << "</body></html>";
  return html.str();
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
  const auto index = [this](const Request&, const Params&) -> Result<Response> {
    ASSIGN_OR_RETURN(auto list, releases_->List());
    return Html(OpenDataIndexPage(options_.node_name, list));
  };
  router_.Add("GET", "/open-data", Open(index));
  router_.Add("GET", "/open-data/", Open(index));
  router_.Add("GET", "/open-data/{release}/",
              Open([this](const Request&, const Params& params) -> Result<Response> {
                ASSIGN_OR_RETURN(auto found, releases_->Files(params.find("release")->second));
                return Html(OpenDataReleasePage(found));
              }));
  router_.Add("GET", "/open-data/{release}/{file}",
              Open([this](const Request& req, const Params& params) -> Result<Response> {
                const std::string& name = params.find("file")->second;
                ASSIGN_OR_RETURN(auto file, releases_->File(params.find("release")->second, name));
                Response r = Cached(req, 200, std::move(file.content_type), std::move(file.body),
                                    file.sha256, "public, max-age=31536000, immutable");
                // A stored name is one of the release's own ([a-z0-9_.]); quoting it is safe.
                r.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
                return r;
              }));
}

}  // namespace corridor::http
