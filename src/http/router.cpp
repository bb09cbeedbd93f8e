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

// True when text split at '/' or '\\' has a part "." or "..".
bool HasDotSegment(std::string_view text) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find_first_of("/\\", start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view part = text.substr(start, end - start);
    if (part == "." || part == "..") return true;
    start = end + 1;
  }
  return false;
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

RouteSpec WithMaxBody(size_t bytes, RouteSpec spec) {
  spec.max_body_bytes = bytes;
  return spec;
}

void Router::Add(std::string method, std::string pattern, RouteSpec spec) {
  std::vector<std::string> segments;
  for (auto s : Split(pattern)) segments.emplace_back(s);
  routes_.push_back({std::move(method), std::move(pattern), std::move(segments), std::move(spec)});
}

std::vector<std::string> Router::RouteLabels() const {
  std::vector<std::string> out;
  out.reserve(routes_.size() + 2);
  for (const auto& r : routes_) out.push_back(r.pattern);
  out.emplace_back("unmatched");
  out.emplace_back("method-not-allowed");
  return out;
}

const Router::Route* Router::Match(const Request& request, Params& params,
                                   Response& refusal) const {
  const std::string_view path = request.path();
  if (path.empty() || path[0] != '/') {
    refusal = Problem(400, "bad-request", "Bad request", "the request target must be a path");
    refusal.route = "unmatched";
    return nullptr;
  }
  const auto segments = Split(path);
  // A dot segment or a NUL, as sent or percent-encoded (an encoded '/' splits a segment too),
  // is refused before anything looks it up.
  for (const std::string_view raw : segments) {
    auto decoded = PercentDecode(raw, false);
    const std::string_view seg = decoded.ok() ? std::string_view(*decoded) : raw;
    if (HasDotSegment(seg) || seg.find('\0') != std::string_view::npos ||
        raw.find('\0') != std::string_view::npos) {
      refusal = Problem(400, "bad-request", "Bad request",
                        "the path may not hold a NUL or a '.' or '..' segment");
      refusal.route = "unmatched";
      return nullptr;
    }
  }
  std::string allow;
  const std::string method = request.method == "HEAD" ? "GET" : request.method;
  for (const auto& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    Params found;
    bool match = true;
    for (size_t i = 0; i < segments.size() && match; ++i) {
      const std::string& want = route.segments[i];
      if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
        auto value = PercentDecode(segments[i], false);
        if (!value.ok() || value->empty()) {
          match = false;
        } else {
          found.emplace(want.substr(1, want.size() - 2), std::move(*value));
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
    params = std::move(found);
    return &route;
  }
  if (!allow.empty()) {
    refusal = Problem(405, "method-not-allowed", "Method not allowed",
                      request.method + " is not allowed here; allowed: " + allow);
    refusal.set_header("Allow", allow);
    refusal.route = "method-not-allowed";
    return nullptr;
  }
  refusal = Problem(404, "not-found", "Not found", "no such resource");
  refusal.route = "unmatched";
  return nullptr;
}

Response Router::Handle(const Request& request) const {
  Params params;
  Response refusal;
  const Route* route = Match(request, params, refusal);
  if (route == nullptr) return refusal;
  Response r = route->spec.handler(request, params);
  r.route = route->pattern;
  return r;
}

HeadDecision Router::Head(const Request& head) const {
  HeadDecision d;
  Params params;
  Response refusal;
  const Route* route = Match(head, params, refusal);
  if (route == nullptr) {
    d.answer = std::move(refusal);
    return d;
  }
  if (route->spec.head_check) {
    d.answer = route->spec.head_check(head);
    if (d.answer) {
      d.answer->route = route->pattern;
      return d;
    }
  }
  d.max_body_bytes = route->spec.max_body_bytes;
  return d;
}

}  // namespace corridor::http
