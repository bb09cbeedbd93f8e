// What the server's translation units share (server.cpp, listener.cpp, session.cpp, tls.cpp):
// the server's state and the interface between the listener and its sessions. Internal to the
// http module; the only header of the project that includes Asio.
//
// Threads and ownership. Every connection is a session, owned by the handlers of its pending
// operations (shared_ptr) and running on a strand of its own, so a session's members are only
// touched by one thread at a time. The handler runs inline on that strand and may block it.
// ServerCore keeps a registry of weak pointers to the live sessions (under `mu`), which caps the
// connections, lets Stop reach idle sessions, and lets Run wait until all are gone.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/status.hpp"
#include "http/server.hpp"

namespace corridor::http::internal {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

// One connection, as the listener sees it (session.cpp implements it).
class Connection {
 public:
  virtual ~Connection() = default;
  virtual asio::any_io_executor executor() = 0;
  // Begins the TLS handshake or the wait for the first request (on the connection's strand).
  virtual void Start() = 0;
  // The server is stopping (on the connection's strand): a connection between requests closes
  // now; one reading, handling or writing a request finishes it first.
  virtual void OnStop() = 0;
};

struct ServerCore;

// A new session for an accepted socket (session.cpp).
std::shared_ptr<Connection> NewSession(ServerCore& server, tcp::socket socket, uint64_t id,
                                       std::string remote);

// Loads the certificate chain and private key of `o` into `ctx`, TLS 1.2 and later (tls.cpp).
Status ConfigureTls(asio::ssl::context& ctx, const ServerOptions& o);

// Everything a server holds; Server::Impl is this.
struct ServerCore {
  ServerOptions options;
  Handler handler;
  HeadHandler head_handler;
  Observer observer;
  uint16_t port = 0;

  // The registry of live sessions, and what Run waits for.
  std::mutex mu;
  std::condition_variable cv;
  std::unordered_map<uint64_t, std::weak_ptr<Connection>> sessions;
  uint64_t next_session_id = 0;
  bool acceptor_closed = false;
  std::atomic<bool> stopping{false};
  std::atomic<bool> running{false};
  // Bytes of request bodies reserved by sessions reading them (ServerOptions'
  // max_body_bytes_in_flight).
  std::atomic<size_t> body_bytes_in_flight{0};

  // Asio objects, destroyed explicitly in the destructor: the I/O objects first, then the
  // io_context (whose destruction may free the last sessions, which use the registry above), then
  // TLS.
  std::optional<asio::io_context> ioc;
  std::optional<asio::ssl::context> ssl;
  std::optional<tcp::acceptor> acceptor;  // on a strand; so are the two below
  std::optional<asio::signal_set> signals;
  std::optional<asio::steady_timer> accept_retry;

  ServerCore() = default;
  ServerCore(const ServerCore&) = delete;
  ServerCore& operator=(const ServerCore&) = delete;
  ~ServerCore() {
    accept_retry.reset();
    signals.reset();
    acceptor.reset();
    ioc.reset();
    ssl.reset();
  }

  // listener.cpp
  void Accept();
  void OnAccept(const error_code& ec, tcp::socket socket);
  void Reject(tcp::socket& socket);
  void CloseAcceptor();
  void Unregister(uint64_t id);
  void Observe(const RequestRecord& record) const;
  // Reserves `bytes` of the body budget; false when they do not fit.
  bool ReserveBody(size_t bytes);
  // Returns a reservation; hands freed memory back to the system after a large body.
  void ReleaseBody(size_t bytes);
};

}  // namespace corridor::http::internal
