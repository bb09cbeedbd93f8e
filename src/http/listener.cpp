// The listener: accepts connections, keeps the registry of live sessions, refuses connections
// over max_connections, and holds the budget of request bodies in flight.
#include <malloc.h>

#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <exception>
#include <vector>

#include "core/log.hpp"
#include "http/problem.hpp"
#include "http/server_core.hpp"
#include "http/wire.hpp"

namespace corridor::http::internal {
namespace {

constexpr int kAcceptRetryMs = 100;
// Memory of a body at least this large is handed back to the system when its request ends.
constexpr size_t kTrimAfterBytes = 1 << 20;

std::string AddressText(const asio::ip::address& a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped()) {
    return asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6()).to_string();
  }
  return a.to_string();
}

}  // namespace

void ServerCore::Accept() {
  acceptor->async_accept(asio::make_strand(*ioc), [this](const error_code& ec, tcp::socket s) {
    OnAccept(ec, std::move(s));
  });
}

void ServerCore::OnAccept(const error_code& ec, tcp::socket socket) {
  if (!acceptor->is_open() || ec == asio::error::operation_aborted) return;
  if (stopping.load()) {
    error_code ignored;
    socket.close(ignored);
    return;
  }
  if (ec) {
    // Out of file descriptors or memory: wait a little instead of spinning on accept.
    log::Warn("http.accept_failed", {{"error", ec.message()}});
    if (ec == asio::error::no_descriptors || ec == asio::error::no_memory ||
        ec == asio::error::no_buffer_space) {
      accept_retry->expires_after(std::chrono::milliseconds(kAcceptRetryMs));
      accept_retry->async_wait([this](const error_code& e) {
        if (!e && !stopping.load()) Accept();
      });
      return;
    }
    return Accept();
  }

  error_code e;
  socket.set_option(tcp::no_delay(true), e);
  const tcp::endpoint remote = socket.remote_endpoint(e);
  if (e) {  // the client is gone already
    socket.close(e);
    return Accept();
  }

  std::shared_ptr<Connection> session;
  {
    std::lock_guard lock(mu);
    if (sessions.size() < options.max_connections) {
      const uint64_t id = next_session_id++;
      session = NewSession(*this, std::move(socket), id, AddressText(remote.address()));
      sessions.emplace(id, session);
    }
  }
  if (session) {
    asio::post(session->executor(), [session] { session->Start(); });
  } else {
    Reject(socket);
  }
  Accept();
}

// Over max_connections: a plain connection gets a 503 written without waiting, a TLS one is
// closed (answering it would need a handshake, the work the cap is there to refuse).
void ServerCore::Reject(tcp::socket& socket) {
  error_code ignored;
  if (!ssl) {
    Response r = Problem(503, "too-many-connections", "Service unavailable",
                         "The server has too many open connections; retry later.");
    r.set_header("Retry-After", "1");
    wire::HeadInfo info;
    info.keep_alive = false;
    info.server_name = options.server_name;
    const std::string text = wire::ResponseHead(r, info) + r.body;
    socket.non_blocking(true, ignored);
    socket.write_some(asio::buffer(text), ignored);
    socket.shutdown(tcp::socket::shutdown_send, ignored);
    Observe({"", "unmatched", 503, 0.0});
  }
  // NOLINTNEXTLINE(clang-analyzer-cplusplus.Move): reached only when no session took the socket
  socket.close(ignored);
}

void ServerCore::CloseAcceptor() {
  error_code ignored;
  acceptor->close(ignored);
  accept_retry->cancel(ignored);
  if (signals) signals->cancel(ignored);
  std::vector<std::weak_ptr<Connection>> live;
  {
    std::lock_guard lock(mu);
    acceptor_closed = true;
    live.reserve(sessions.size());
    for (const auto& [id, weak] : sessions) live.push_back(weak);
  }
  cv.notify_all();
  for (const auto& weak : live) {
    if (auto s = weak.lock()) asio::post(s->executor(), [s] { s->OnStop(); });
  }
}

void ServerCore::Unregister(uint64_t id) {
  bool empty = false;
  {
    std::lock_guard lock(mu);
    sessions.erase(id);
    empty = sessions.empty();
  }
  if (empty) cv.notify_all();
}

void ServerCore::Observe(const RequestRecord& record) const {
  if (!observer) return;
  try {
    observer(record);
  } catch (const std::exception& e) {
    log::Error("http.observer_failed", {{"error", e.what()}});
  } catch (...) {
    log::Error("http.observer_failed", {{"error", "a non-standard exception"}});
  }
}

bool ServerCore::ReserveBody(size_t bytes) {
  size_t now = body_bytes_in_flight.load();
  do {
    if (bytes >
        options.max_body_bytes_in_flight - std::min(now, options.max_body_bytes_in_flight)) {
      return false;
    }
  } while (!body_bytes_in_flight.compare_exchange_weak(now, now + bytes));
  return true;
}

void ServerCore::ReleaseBody(size_t bytes) {
  body_bytes_in_flight.fetch_sub(bytes);
  // The allocator keeps freed memory for reuse, and glibc's raises its threshold for mapping
  // large blocks after the first is freed: without this a burst of uploads would leave the
  // node's resident memory at its peak.
  if (bytes >= kTrimAfterBytes) malloc_trim(0);
}

}  // namespace corridor::http::internal
