// The federation transport over HTTP/1.1: a small blocking client on POSIX sockets, the only
// file of src/federation that touches the network.
//
// One connection per request ("Connection: close"), with a deadline for connecting and one for
// the whole exchange, a cap on the response size, and answers read by Content-Length, chunked
// transfer coding or the end of the connection. Base URLs are "http://host[:port][/prefix]";
// the host is a name, an IPv4 address or a bracketed IPv6 address.
//
// Thread-safety: Post may be called from any number of threads at once; it holds no state.
#pragma once

#include <cstdint>
#include <string>

#include "federation/transport.hpp"

namespace corridor::federation {

struct HttpTransportOptions {
  int connect_timeout_ms = 5'000;
  int exchange_timeout_ms = 30'000;  // from connecting to the last byte of the answer
  size_t max_response_bytes = 8u << 20;
};

struct ParsedUrl {
  std::string host;  // without brackets
  uint16_t port = 80;
  std::string prefix;  // "" or "/something", no trailing '/'
  std::string host_header;
};
// Refuses anything but http:// with a host, an optional port 1-65535 and an optional path.
Result<ParsedUrl> ParseBaseUrl(const std::string& url);

// Reads an HTTP/1.1 response from `bytes`: true with `reply` set when it is complete, false when
// more bytes are needed (`at_eof` says the connection ended), an error when it is malformed.
Result<bool> ParseHttpResponse(std::string_view bytes, bool at_eof, HttpReply& reply);

class HttpTransport final : public Transport {
 public:
  explicit HttpTransport(HttpTransportOptions options = {}) : options_(options) {}
  Result<HttpReply> Post(const std::string& base_url, std::string_view path,
                         const std::string& body) override;

 private:
  HttpTransportOptions options_;
};

}  // namespace corridor::federation
