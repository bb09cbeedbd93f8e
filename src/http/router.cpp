#include "http/router.hpp"

#include "core/text.hpp"
#include "http/problem.hpp"

namespace corridor::http {
namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 1;  // after the leading '/'
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Result<std::string> PercentDecode(std::string_view s, bool query) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      if (i + 2 >= s.size()) return Status::InvalidArgument("a percent escape is cut short");
      const int hi = HexDigit(s[i + 1]);
      const int lo = HexDigit(s[i + 2]);
      if (hi < 0 || lo < 0) return Status::InvalidArgument("a percent escape is not hex");
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (query && s[i] == '+') {
      out.push_back(' ');
    } else {
      out.push_back(s[i]);
    }
  }
  if (!IsValidUtf8(out)) return Status::InvalidArgument("is not valid UTF-8");
  return out;
}

Result<Params> ParseQuery(std::string_view query) {
  Params out;
  size_t start = 0;
  while (start < query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    const std::string_view pair = query.substr(start, end - start);
    if (!pair.empty()) {
      const size_t eq = pair.find('=');
      auto name = PercentDecode(pair.substr(0, eq), true);
      auto value = PercentDecode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
      if (!name.ok() || !value.ok()) {
        return Status::InvalidArgument("the query string has a bad escape", "query");
      }
      out.emplace(std::move(*name), std::move(*value));
    }
    start = end + 1;
  }
  return out;
}

void Router::Add(std::string method, std::string pattern, RouteHandler handler) {
  Route r;
  r.method = std::move(method);
  r.pattern = std::move(pattern);
  for (auto s : Split(r.pattern)) r.segments.emplace_back(s);
  r.handler = std::move(handler);
  routes_.push_back(std::move(r));
}

Response Router::Handle(const Request& request) const {
  const std::string_view path = request.path();
  if (path.empty() || path[0] != '/') {
    return Problem(400, "bad-request", "Bad request", "the request target must be a path");
  }
  const auto segments = Split(path);
  std::string allow;
  const std::string method = request.method == "HEAD" ? "GET" : request.method;
  for (const auto& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    Params params;
    bool match = true;
    for (size_t i = 0; i < segments.size() && match; ++i) {
      const std::string& want = route.segments[i];
      if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
        auto value = PercentDecode(segments[i], false);
        if (!value.ok() || value->empty()) {
          match = false;
        } else {
          params.emplace(want.substr(1, want.size() - 2), std::move(*value));
        }
      } else if (want != segments[i]) {
        match = false;
      }
    }
    if (!match) continue;
    if (route.method != method) {
      if (allow.find(route.method) == std::string::npos) {
        allow += (allow.empty() ? "" : ", ") + route.method;
      }
      continue;
    }
    Response r = route.handler(request, params);
    r.route = route.pattern;
    return r;
  }
  if (!allow.empty()) {
    Response r = Problem(405, "method-not-allowed", "Method not allowed",
                         request.method + " is not allowed here; allowed: " + allow);
    r.set_header("Allow", allow);
    r.route = "method-not-allowed";
    return r;
  }
  Response r = Problem(404, "not-found", "Not found", "no such resource");
  r.route = "unmatched";
  return r;
}

}  // namespace corridor::http
