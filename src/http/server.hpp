// The HTTP server: a Boost.Beast listener and sessions around a request->response function.
//
// The server owns sockets, TLS, timeouts and limits; the handler (a Router) owns meaning. A
// request's head (request line and headers) is read first and given to the head handler, which
// routes and authenticates it and says how large a body it may have, or answers it at once (a
// 401, 404 or 413 is sent without reading the body). The body is then read within that limit and
// the whole request passed to the handler on one of the server's threads, and its response
// written back; keep-alive connections read the next request only after the previous response is
// written (so a client's pipeline is capped at one request in flight). Handlers may block (the
// store is synchronous): the server runs `threads` threads.
//
// Memory. Bodies being read count against max_body_bytes_in_flight (the announced length, or the
// route's limit for a chunked body); a request that does not fit is answered 503 with
// Retry-After before its body is read. A large body's memory is handed back to the system when
// its request ends.
//
// Files: server.cpp (Server), listener.cpp (accepting, the connection registry), session.cpp (one
// connection), tls.cpp (the TLS context), wire.cpp (the bytes of a response head and the framing
// rules, no Beast). Beast and Asio appear only in these, through server_core.hpp.
//
// Shutdown (Stop, or SIGTERM/SIGINT when HandleSignals is used) stops accepting, lets requests
// in flight finish and their responses go out, closes idle keep-alive connections, and returns
// from Run once every session is gone or the drain timeout passed.
//
// Thread-safety: Start/Run/Stop may be called from any thread; the handler is called
// concurrently from the server's threads and must be thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/status.hpp"
#include "http/message.hpp"

namespace corridor::http {

using Handler = std::function<Response(const Request&)>;

// Called with the request without its body (`body` empty). Empty: every request may carry up to
// ServerOptions::max_body_bytes.
using HeadHandler = std::function<HeadDecision(const Request& head)>;

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 0;  // 0 picks a free port; port() tells which
  int threads = 0;    // 0: one per core, at least 2
  size_t max_header_bytes = 16 * 1024;
  // The largest body of any request (a head handler may allow less); 413 beyond.
  size_t max_body_bytes = 32 * 1024 * 1024;
  // The bodies being read at once, in all (see "Memory" above); 503 beyond.
  size_t max_body_bytes_in_flight = 128 * 1024 * 1024;
  // For a whole request, headers and body; it also bounds the TLS handshake and a new
  // connection's wait for its first request. A request begun and not read in time gets a 408.
  int read_timeout_ms = 30'000;
  int idle_timeout_ms = 60'000;  // keep-alive connection between requests
  int write_timeout_ms = 30'000;
  int drain_timeout_ms = 30'000;  // how long Stop waits for requests in flight
  size_t max_connections = 10'000;
  // TLS: both set means HTTPS only (PEM files).
  std::string tls_certificate_file;
  std::string tls_private_key_file;
  std::string server_name = "corridor";
};

// Observations for metrics, called after each response is written (also the server's own error
// responses, and the 503 to a connection over max_connections), on a server thread.
struct RequestRecord {
  std::string method;  // as received; "" when the request line could not be read
  std::string route;   // Response::route, or "unmatched"
  int status = 0;
  double seconds = 0;  // from the request's first byte read to the response written
};
using Observer = std::function<void(const RequestRecord&)>;

class Server {
 public:
  // Binds the listening socket (so the port is known and taken before Start returns).
  static Result<std::unique_ptr<Server>> Create(const ServerOptions& options, Handler handler,
                                                Observer observer = {},
                                                HeadHandler head_handler = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  uint16_t port() const;
  // Serves on the server's threads; returns when stopped and drained, or when the drain
  // timeout passed (a handler still running is waited for: a thread cannot be interrupted).
  // Call once; the Server must outlive it.
  void Run();
  // Asks the server to stop (safe from any thread, and from a signal-handling thread).
  void Stop();
  // Makes SIGTERM and SIGINT call Stop() (call before Run).
  void HandleSignals();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace corridor::http
