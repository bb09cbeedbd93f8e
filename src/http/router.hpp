// Routes requests to handlers by method and path pattern ("/api/v1/contracts/{id}/attest").
// Path parameters are percent-decoded and given to the handler; an unknown path is 404, a known
// path with another method 405 with an Allow header, a path with a NUL or a dot segment ("." or
// "..", also percent-encoded) 400. The router stamps each response with its route pattern for
// metrics.
//
// Head rails. Head() decides on a request's head before its body is read (the server's head
// handler): the route, the route's head check (a login: Authed() answers 401 here) and the
// largest body the route takes (kDefaultMaxBody unless the route says otherwise).
// Thread-safety: build once, then Handle from any thread.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.hpp"
#include "http/message.hpp"

namespace corridor::http {

using Params = std::map<std::string, std::string, std::less<>>;
using RouteHandler = std::function<Response(const Request&, const Params&)>;
// Answers a request from its head alone, or nullopt to let it through.
using HeadCheck = std::function<std::optional<Response>(const Request& head)>;

// The body a route takes unless it says otherwise: JSON bodies are at most 1 MiB.
inline constexpr size_t kDefaultMaxBody = 1 << 20;

// A route's handler and what is decided on its head.
struct RouteSpec {
  RouteSpec(RouteHandler h) : handler(std::move(h)) {}  // NOLINT(google-explicit-constructor)
  RouteSpec(RouteHandler h, HeadCheck check)
      : handler(std::move(h)), head_check(std::move(check)) {}
  RouteHandler handler;
  HeadCheck head_check;
  size_t max_body_bytes = kDefaultMaxBody;
};

// `spec` taking bodies of up to `bytes` (uploads).
RouteSpec WithMaxBody(size_t bytes, RouteSpec spec);

class Router {
 public:
  void Add(std::string method, std::string pattern, RouteSpec spec);
  Response Handle(const Request& request) const;
  // The decision on a request's head (see above).
  HeadDecision Head(const Request& head) const;
  // Every route pattern, and the labels of requests no route took ("unmatched",
  // "method-not-allowed"): the fixed set of route labels for metrics.
  std::vector<std::string> RouteLabels() const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    RouteSpec spec;
  };
  // The route for a request, with its parameters; or the response for none (400, 404, 405).
  const Route* Match(const Request& request, Params& params, Response& refusal) const;
  std::vector<Route> routes_;
};

// Percent-decodes a path segment or query component ('+' as space in queries); refuses bad
// escapes and invalid UTF-8.
Result<std::string> PercentDecode(std::string_view s, bool query);

// The query's parameters (first value of each name); duplicates keep the first.
Result<Params> ParseQuery(std::string_view query);

}  // namespace corridor::http
