// Routes requests to handlers by method and path pattern ("/api/v1/contracts/{id}/attest").
// Path parameters are percent-decoded and given to the handler; an unknown path is 404, a known
// path with another method 405 with an Allow header. The router stamps each response with its
// route pattern for metrics.
// Thread-safety: build once, then Handle from any thread.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "http/message.hpp"

namespace corridor::http {

using Params = std::map<std::string, std::string, std::less<>>;
using RouteHandler = std::function<Response(const Request&, const Params&)>;

class Router {
 public:
  void Add(std::string method, std::string pattern, RouteHandler handler);
  Response Handle(const Request& request) const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    RouteHandler handler;
  };
  std::vector<Route> routes_;
};

// Percent-decodes a path segment or query component ('+' as space in queries); refuses bad
// escapes and invalid UTF-8.
Result<std::string> PercentDecode(std::string_view s, bool query);

// The query's parameters (first value of each name); duplicates keep the first.
Result<Params> ParseQuery(std::string_view query);

}  // namespace corridor::http
