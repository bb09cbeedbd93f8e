// HTTP requests and responses as plain values, so handlers and the router know no sockets and
// no Beast. The server (server.hpp) turns bytes into a Request and a Response into bytes.
// Thread-safety: values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace corridor::http {

struct Header {
  std::string name;  // as received; compare case-insensitively
  std::string value;
};

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // path and query as received, "/api/v1/contracts?limit=10"
  std::vector<Header> headers;
  std::string body;
  std::string remote_address;  // "127.0.0.1"
  bool tls = false;
  // Set by the server: the client's X-Request-Id when well-formed, else a new one; sent back in
  // the response's X-Request-Id and named in every log line about the request.
  std::string request_id;

  // The first header of that name (case-insensitive), or "".
  std::string_view header(std::string_view name) const;
  // The path without the query, percent-decoding not applied.
  std::string_view path() const;
  // The raw query after '?', or "".
  std::string_view query() const;
};

struct Response;
// Completes a deferred response (below): call it once, from any thread.
using Respond = std::function<void(Response)>;

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<Header> headers;  // extra headers (Location, Cache-Control, ...)
  std::string body;
  // Set by the router for metrics: the route pattern ("/api/v1/contracts/{id}").
  std::string route;
  // A response that is not ready when the handler returns. When set, the server calls it once
  // with a Respond and writes whatever response that is given (keeping this one's route); the
  // server's thread is free meanwhile. Work that must not hold a server thread (password
  // hashing) answers this way. A Respond dropped without being called answers 503.
  std::function<void(Respond)> deferred;

  void set_header(std::string name, std::string value);
  std::string_view header(std::string_view name) const;
};

// What the server does with a request whose head (request line and headers) has been read, its
// body not yet: answer at once (the body is not read), or read a body of at most max_body_bytes.
struct HeadDecision {
  std::optional<Response> answer;
  size_t max_body_bytes = 0;
};

bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace corridor::http
