#include "http/problem.hpp"

#include "core/log.hpp"
#include "json/json.hpp"

namespace corridor::http {

ProblemKind ProblemFor(Code code) {
  switch (code) {
    case Code::kOk:
      return {200, "ok", "OK"};
    case Code::kInvalidArgument:
      return {422, "invalid-argument", "The request is not valid"};
    case Code::kNotFound:
      return {404, "not-found", "Not found"};
    case Code::kAlreadyExists:
      return {409, "already-exists", "It exists already"};
    case Code::kFailedPrecondition:
      return {409, "rule-refused", "A rule refuses this change"};
    case Code::kPermissionDenied:
      return {403, "forbidden", "Not allowed"};
    case Code::kUnauthenticated:
      return {401, "unauthenticated", "Log in first"};
    case Code::kResourceExhausted:
      return {429, "too-many", "Too many requests"};
    case Code::kConflict:
      return {409, "conflict", "A concurrent change won"};
    case Code::kUnavailable:
      return {503, "unavailable", "The service is unavailable"};
    case Code::kDataLoss:
      return {500, "data-loss", "Stored data failed verification"};
    case Code::kInternal:
      return {500, "internal", "Internal error"};
  }
  return {500, "internal", "Internal error"};
}

Response Problem(const Status& s, std::string_view request_id) {
  const ProblemKind k = ProblemFor(s.code());
  if (k.status >= 500 || !s.detail().empty()) {
    // The log gets the internal detail; the client never does.
    log::Write(k.status >= 500 ? log::Level::kError : log::Level::kWarn, "http.problem",
               {{"request", request_id},
                {"status", k.status},
                {"error", s.ToString()},
                {"detail", s.detail()}});
  }
  json::Object o;
  o.Set("type", std::string("/problems/") + k.slug);
  o.Set("title", k.title);
  o.Set("status", k.status);
  o.Set("detail", k.status >= 500 && s.code() == Code::kInternal ? std::string("internal error")
                                                                 : s.message());
  if (!s.field().empty()) o.Set("field", s.field());
  Response r;
  r.status = k.status;
  r.content_type = "application/problem+json";
  r.body = json::Write(o);
  if (k.status == 401) r.set_header("WWW-Authenticate", "Bearer");
  return r;
}

Response Problem(int status, const char* slug, const char* title, const std::string& detail) {
  json::Object o;
  o.Set("type", std::string("/problems/") + slug);
  o.Set("title", title);
  o.Set("status", status);
  o.Set("detail", detail);
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = json::Write(o);
  return r;
}

}  // namespace corridor::http
