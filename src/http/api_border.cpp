// Border routes: crossings recorded from a machine-readable zone, screening hits and their
// review, overstay flags, and the watchlists' versions (docs/openapi.yaml, tag border).
//
// Need-to-know (domain/border.hpp): border officers of the node see everything here; a worker
// sees their own crossings without what screening found; every other role sees none of it.
#include "codec/border.hpp"
#include "http/api.hpp"
#include "http/api_support.hpp"
#include "http/multipart.hpp"

namespace corridor::http {
namespace {

using domain::Role;

// A worker's view of their own crossing: when, where, which document; not the findings, the
// screening or the officer.
json::Value CrossingView(const domain::Actor& a, const domain::Crossing& c,
                         const domain::NodeContext& node) {
  json::Value full = codec::ToJson(c);
  if (domain::IsBorderAuthority(a, node)) return full;
  json::Object o;
  o.Set("id", c.id.value());
  o.Set("direction", std::string(ToString(c.direction)));
  o.Set("time", c.time.ToString());
  o.Set("port", c.port);
  json::Object d;
  d.Set("kind", c.document.kind);
  d.Set("issuing_state", c.document.issuing_state);
  d.Set("number", c.document.number);
  d.Set("expiry", c.document.expiry ? json::Value(c.document.expiry->ToString()) : json::Value());
  o.Set("document", std::move(d));
  o.Set("worker", c.worker ? json::Value(c.worker->value()) : json::Value());
  return o;
}

json::Value VersionView(const store::ListVersionInfo& v) {
  json::Object o;
  o.Set("list_id", v.list_id);
  o.Set("version", v.version);
  o.Set("format", v.format);
  o.Set("digest", v.digest);
  o.Set("entries", v.entries);
  o.Set("added", v.added);
  o.Set("changed", v.changed);
  o.Set("removed", v.removed);
  json::Array sources;
  for (const auto& s : v.sources) {
    json::Object so;
    so.Set("name", s.name);
    so.Set("sha256", s.sha256);
    so.Set("bytes", s.bytes);
    sources.push_back(std::move(so));
  }
  o.Set("sources", std::move(sources));
  o.Set("imported_by", v.imported_by);
  o.Set("imported_at", v.imported_at.ToString());
  return o;
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

Result<service::CrossingRequest> CrossingRequestFrom(const json::Value& body) {
  if (!body.is_object()) return Status::InvalidArgument("must be a JSON object", "body");
  for (const auto& [k, v] : body.AsObject()) {
    static const char* kKnown[] = {
        "direction", "mrz", "visa_mrz", "port", "authorised_until", "accept_invalid_reason"};
    bool known = false;
    for (const char* n : kKnown) known = known || k == n;
    if (!known) return Status::InvalidArgument("is not a known field", k);
  }
  service::CrossingRequest r;
  ASSIGN_OR_RETURN(std::string direction, Text(body, "direction", true));
  auto d = domain::ParseDirection(direction);
  if (!d.ok()) return d.status().WithField("direction");
  r.direction = *d;
  ASSIGN_OR_RETURN(r.mrz, Text(body, "mrz", true));
  ASSIGN_OR_RETURN(r.visa_mrz, Text(body, "visa_mrz", false));
  ASSIGN_OR_RETURN(r.port, Text(body, "port", true));
  ASSIGN_OR_RETURN(std::string until, Text(body, "authorised_until", false));
  if (!until.empty()) {
    auto date = Date::Parse(until);
    if (!date.ok()) return date.status().WithField("authorised_until");
    r.authorised_until = *date;
  }
  ASSIGN_OR_RETURN(r.accept_invalid_reason, Text(body, "accept_invalid_reason", false));
  return r;
}

// An import's body: at most the server's own cap, stated here so the answer names it.
constexpr size_t kMaxImportBytes = 16 * 1024 * 1024;
// ofac-csv takes two files, csv any number: a few more than any real import.
constexpr size_t kMaxImportFiles = 8;

// The files of an import: the parts named "file" of a multipart/form-data body, in order, each
// named by its filename; or else the body itself, named by the query's `name`.
Result<std::vector<service::SourceFile>> ImportFiles(const Call& c, service::ListFormat format) {
  ASSIGN_OR_RETURN(std::string boundary, FormBoundary(c.request.header("Content-Type")));
  std::vector<service::SourceFile> files;
  if (!boundary.empty()) {
    ASSIGN_OR_RETURN(auto parts, ParseFormData(c.request.body, boundary, kMaxImportFiles));
    for (const auto& p : parts) {
      if (p.name != "file") {
        return Status::InvalidArgument(
            "is not a known part; send each list file as a part "
            "named file",
            p.name);
      }
      files.push_back({p.filename.empty() ? "file" + std::to_string(files.size() + 1) : p.filename,
                       std::string(p.body)});
    }
  } else {
    std::string name = c.q("name");
    if (name.empty())
      name = std::string("upload.") + (format == service::ListFormat::kUnXml ? "xml" : "csv");
    files.push_back({std::move(name), c.request.body});
  }
  for (const auto& f : files) {
    if (f.name.size() > 200)
      return Status::InvalidArgument("is longer than 200 characters", "name");
    if (f.bytes.empty()) {
      return Status::InvalidArgument(f.name + ": the file is empty", "body");
    }
  }
  if (files.empty()) return Status::InvalidArgument("holds no file", "body");
  return files;
}

}  // namespace

void Api::AddBorderRoutes() {
  // Every border route needs the border service; a node without one answers 503.
  auto border = [this]() -> Result<service::Border*> {
    if (border_ == nullptr)
      return Status::Unavailable("border screening is not set up on this node");
    return border_;
  };

  router_.Add(
      "POST", "/api/v1/crossings", Authed(accounts_, [this, border](Call& c) -> Result<Response> {
        ASSIGN_OR_RETURN(service::Border * b, border());
        RETURN_IF_ERROR(domain::CheckMayRecordCrossing(c.actor, registry_.node()));
        return Idempotent(
            registry_.store(), c, [&](const store::WriteOptions& write) -> Result<Response> {
              ASSIGN_OR_RETURN(json::Value body, Body(c.request));
              ASSIGN_OR_RETURN(service::CrossingRequest req, CrossingRequestFrom(body));
              ASSIGN_OR_RETURN(auto out, b->RecordCrossing(c.actor, req, write));
              access_.Record(c.actor, "create", "crossing", out.crossing.id.value(), true);
              json::Object o;
              o.Set("crossing", codec::ToJson(out.crossing));
              json::Array hits;
              for (const auto& h : out.hits) hits.push_back(codec::ToJson(h));
              o.Set("hits", std::move(hits));
              Response r = Json(201, o);
              r.set_header("Location", "/api/v1/crossings/" + out.crossing.id.value());
              return r;
            });
      }));
  router_.Add("GET", "/api/v1/crossings", Authed(accounts_, [this](Call& c) -> Result<Response> {
                service::CrossingQuery q;
                ASSIGN_OR_RETURN(q.page, PageOf(c));
                q.worker = c.q("worker");
                q.document_number = c.q("document_number");
                q.issuing_state = c.q("issuing_state");
                ASSIGN_OR_RETURN(auto list, border_queries_.Crossings(c.actor, q));
                json::Array items;
                for (const auto& x : list.items) {
                  items.push_back(CrossingView(c.actor, x, registry_.node()));
                }
                return List(items, list.next);
              }));
  router_.Add("GET", "/api/v1/crossings/{id}",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(
                    auto x, border_queries_.Crossing(c.actor, domain::CrossingId(c.param("id"))));
                return Json(200, CrossingView(c.actor, x, registry_.node()));
              }));

  router_.Add("GET", "/api/v1/screening/hits",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(store::Page page, PageOf(c));
                store::HitFilter f;
                if (!c.q("state").empty()) {
                  auto s = domain::ParseHitState(c.q("state"));
                  if (!s.ok()) return s.status().WithField("state");
                  f.state = *s;
                }
                if (!c.q("crossing").empty()) {
                  RETURN_IF_ERROR(CheckIdText(c.q("crossing")).WithField("crossing"));
                  f.crossing = domain::CrossingId(c.q("crossing"));
                }
                ASSIGN_OR_RETURN(auto list, border_queries_.Hits(c.actor, f, page));
                json::Array items;
                for (const auto& h : list.items) items.push_back(codec::ToJson(h));
                return List(items, list.next);
              }));
  router_.Add(
      "GET", "/api/v1/screening/hits/{id}", Authed(accounts_, [this](Call& c) -> Result<Response> {
        ASSIGN_OR_RETURN(auto hit, border_queries_.Hit(c.actor, domain::HitId(c.param("id"))));
        return Json(200, codec::ToJson(hit));
      }));
  for (const bool confirm : {true, false}) {
    router_.Add("POST",
                std::string("/api/v1/screening/hits/{id}/") + (confirm ? "confirm" : "dismiss"),
                Authed(accounts_, [this, border, confirm](Call& c) -> Result<Response> {
                  ASSIGN_OR_RETURN(service::Border * b, border());
                  const domain::HitId id(c.param("id"));
                  RETURN_IF_ERROR(border_queries_.CheckMayDecideHit(c.actor, id));
                  ASSIGN_OR_RETURN(json::Value body, BodyWith(c.request, {"reason"}));
                  ASSIGN_OR_RETURN(std::string reason, Text(body, "reason", true));
                  ASSIGN_OR_RETURN(auto hit, b->DecideHit(c.actor, id, confirm, reason));
                  return Json(200, codec::ToJson(hit));
                }));
  }

  router_.Add("GET", "/api/v1/overstays", Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(store::Page page, PageOf(c));
                const std::string open = c.q("open");
                if (!open.empty() && open != "true" && open != "false") {
                  return Status::InvalidArgument("must be true or false", "open");
                }
                ASSIGN_OR_RETURN(auto list,
                                 border_queries_.Overstays(c.actor, open == "true", page));
                json::Array items;
                for (const auto& f : list.items) items.push_back(codec::ToJson(f));
                return List(items, list.next);
              }));

  // List metadata: versions, digests and sources; no entries.
  router_.Add("GET", "/api/v1/watchlists", Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(auto lists, border_queries_.Watchlists(c.actor));
                json::Array items;
                for (const auto& l : lists) items.push_back(VersionView(l));
                return List(items, "");
              }));
  // Imports: an administrator replaces the lists the files hold (docs/border.md section 5). A
  // border officer screens against the lists and does not change them.
  router_.Add(
      "POST", "/api/v1/watchlists/imports",
      WithMaxBody(
          kMaxImportBytes, Authed(accounts_, [this, border](Call& c) -> Result<Response> {
            ASSIGN_OR_RETURN(service::Border * b, border());
            if (c.actor.role != Role::kAdministrator) {
              return Status::PermissionDenied("only an administrator imports watchlists");
            }
            if (c.request.body.size() > kMaxImportBytes) {
              return Problem(413, "too-large", "List file too large",
                             "the body is " + std::to_string(c.request.body.size()) +
                                 " bytes; at most " + std::to_string(kMaxImportBytes) +
                                 " are accepted");
            }
            return Idempotent(
                registry_.store(), c, [&](const store::WriteOptions& write) -> Result<Response> {
                  if (c.q("format").empty())
                    return Status::InvalidArgument("is required", "format");
                  auto format = service::ParseListFormat(c.q("format"));
                  if (!format.ok()) return format.status().WithField("format");
                  ASSIGN_OR_RETURN(auto files, ImportFiles(c, *format));
                  ASSIGN_OR_RETURN(auto done, b->ImportLists(c.actor, *format, files, write));
                  json::Array lists;
                  for (const auto& r : done) {
                    json::Object o;
                    o.Set("now", VersionView(r.now));
                    o.Set("previous", r.previous ? VersionView(*r.previous) : json::Value());
                    lists.push_back(std::move(o));
                  }
                  json::Object o;
                  o.Set("format", std::string(service::ToString(*format)));
                  o.Set("lists", std::move(lists));
                  return Json(200, o);
                });
          })));
  router_.Add("GET", "/api/v1/watchlists/{list}/versions",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(auto versions,
                                 border_queries_.WatchlistVersions(c.actor, c.param("list")));
                json::Array items;
                for (const auto& v : versions) items.push_back(VersionView(v));
                return List(items, "");
              }));
}

}  // namespace corridor::http
