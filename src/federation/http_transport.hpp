// The federation transport over HTTP/1.1, in clear or over TLS: a small blocking client on
// Boost.Beast (the HTTP library of the node's server) and OpenSSL through Asio, the only file of
// src/federation that touches the network and the only one that includes Beast.
//
// One connection per request ("Connection: close"), with a deadline for connecting and one for
// the whole exchange, a cap on the response size, and answers read by Content-Length, chunked
// transfer coding or the end of the connection. Base URLs are "http[s]://host[:port][/prefix]";
// the host is a name, an IPv4 address or a bracketed IPv6 address. Over https the peer's
// certificate must chain to the configured CA file (or the system's trust store) and name the
// URL's host (DNS name or IP address); TLS 1.2 at least.
//
// Thread-safety: Post may be called from any number of threads at once.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "federation/transport.hpp"

namespace corridor::federation {

struct HttpTransportOptions {
  int connect_timeout_ms = 5'000;
  int exchange_timeout_ms = 30'000;  // from connecting to the last byte of the answer
  size_t max_response_bytes = 8u << 20;
  // PEM certificates trusted for https peers; empty: the system's trust store.
  std::string ca_file;
};

struct ParsedUrl {
  std::string host;    // without brackets
  bool tls = false;    // https://
  uint16_t port = 80;  // 443 for https without a port
  std::string prefix;  // "" or "/something", no trailing '/'
  std::string host_header;
};
// Refuses anything but http:// or https:// with a host, an optional port 1-65535 and an optional
// path.
Result<ParsedUrl> ParseBaseUrl(const std::string& url);

// Reads an HTTP/1.1 response from `bytes`: true with `reply` set when it is complete, false when
// more bytes are needed (`at_eof` says the connection ended), an error when it is malformed.
Result<bool> ParseHttpResponse(std::string_view bytes, bool at_eof, HttpReply& reply);

struct TlsContext;

class HttpTransport final : public Transport {
 public:
  explicit HttpTransport(HttpTransportOptions options = {});
  ~HttpTransport() override;
  HttpTransport(const HttpTransport&) = delete;
  HttpTransport& operator=(const HttpTransport&) = delete;

  // Loads the trusted certificates now rather than at the first https delivery, so that a bad
  // CA file is an error at start-up.
  Status PrepareTls();

  Result<HttpReply> Post(const std::string& base_url, std::string_view path,
                         const std::string& body) override;

 private:
  HttpTransportOptions options_;
  std::mutex tls_mu_;
  std::unique_ptr<TlsContext> tls_;  // created once, on first use
};

}  // namespace corridor::federation
