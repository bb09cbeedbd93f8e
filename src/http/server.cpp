// The Server: checks its options, binds the listening socket, runs the threads, stops and drains
// (see server.hpp). Accepting is in listener.cpp, connections in session.cpp.
#include "http/server.hpp"

#include <algorithm>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <csignal>
#include <exception>
#include <limits>
#include <thread>
#include <vector>

#include "core/log.hpp"
#include "http/server_core.hpp"
#include "http/wire.hpp"

namespace corridor::http {

using internal::error_code;
using internal::ServerCore;
using internal::tcp;
namespace asio = boost::asio;

namespace {

Status ValidateOptions(const ServerOptions& o) {
  auto positive = [](std::string_view name, int v) -> Status {
    if (v > 0) return Status::Ok();
    return Status::InvalidArgument(
        std::string(name) + " must be positive, not " + std::to_string(v), std::string(name));
  };
  if (o.threads < 0) {
    return Status::InvalidArgument(
        "threads must be 0 (one per core) or positive, not " + std::to_string(o.threads),
        "threads");
  }
  if (o.max_header_bytes < 64 || o.max_header_bytes > std::numeric_limits<uint32_t>::max()) {
    return Status::InvalidArgument("max_header_bytes must be between 64 and 4294967295, not " +
                                       std::to_string(o.max_header_bytes),
                                   "max_header_bytes");
  }
  if (o.max_body_bytes_in_flight < o.max_body_bytes) {
    return Status::InvalidArgument("max_body_bytes_in_flight must be at least max_body_bytes (" +
                                       std::to_string(o.max_body_bytes) + "), not " +
                                       std::to_string(o.max_body_bytes_in_flight),
                                   "max_body_bytes_in_flight");
  }
  RETURN_IF_ERROR(positive("read_timeout_ms", o.read_timeout_ms));
  RETURN_IF_ERROR(positive("idle_timeout_ms", o.idle_timeout_ms));
  RETURN_IF_ERROR(positive("write_timeout_ms", o.write_timeout_ms));
  if (o.drain_timeout_ms < 0) {
    return Status::InvalidArgument(
        "drain_timeout_ms must not be negative, not " + std::to_string(o.drain_timeout_ms),
        "drain_timeout_ms");
  }
  if (o.max_connections == 0) {
    return Status::InvalidArgument("max_connections must be at least 1", "max_connections");
  }
  if (o.tls_certificate_file.empty() != o.tls_private_key_file.empty()) {
    return Status::InvalidArgument(
        o.tls_certificate_file.empty()
            ? "tls_private_key_file is set but tls_certificate_file is not; TLS needs both"
            : "tls_certificate_file is set but tls_private_key_file is not; TLS needs both",
        o.tls_certificate_file.empty() ? "tls_certificate_file" : "tls_private_key_file");
  }
  if (o.server_name.empty() || !wire::ValidFieldValue(o.server_name)) {
    return Status::InvalidArgument("server_name must be a non-empty header value", "server_name");
  }
  return Status::Ok();
}

}  // namespace

struct Server::Impl : ServerCore {};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() = default;

Result<std::unique_ptr<Server>> Server::Create(const ServerOptions& options, Handler handler,
                                               Observer observer, HeadHandler head_handler) {
  RETURN_IF_ERROR(ValidateOptions(options));
  if (!handler) return Status::InvalidArgument("the handler is empty");

  std::string host = options.host;
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  error_code ec;
  const asio::ip::address address = asio::ip::make_address(host, ec);
  if (ec) {
    return Status::InvalidArgument("host '" + options.host + "' is not an IPv4 or IPv6 address",
                                   "host");
  }

  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->handler = std::move(handler);
  impl->head_handler = std::move(head_handler);
  impl->observer = std::move(observer);
  const int threads = options.threads > 0
                          ? options.threads
                          : std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
  impl->options.threads = threads;
  impl->ioc.emplace(threads);

  if (!options.tls_certificate_file.empty()) {
    impl->ssl.emplace(asio::ssl::context::tls_server);
    RETURN_IF_ERROR(internal::ConfigureTls(*impl->ssl, options));
  }

  const auto strand = asio::make_strand(*impl->ioc);
  impl->acceptor.emplace(strand);
  impl->accept_retry.emplace(strand);
  const tcp::endpoint endpoint(address, options.port);
  const std::string where = "port " + std::to_string(options.port) + " on " + options.host;
  auto& acceptor = *impl->acceptor;
  if (acceptor.open(endpoint.protocol(), ec)) {
    return Status::Unavailable("cannot open a socket for " + where + ": " + ec.message());
  }
  if (acceptor.set_option(asio::socket_base::reuse_address(true), ec)) {
    return Status::Unavailable("cannot set SO_REUSEADDR for " + where + ": " + ec.message());
  }
  if (acceptor.bind(endpoint, ec)) {
    if (ec == asio::error::address_in_use) {
      return Status::Unavailable(where + " is in use");
    }
    if (ec == boost::system::errc::address_not_available) {
      return Status::InvalidArgument(
          "host '" + options.host + "' is not an address of this machine", "host");
    }
    if (ec == asio::error::access_denied) {
      return Status::Unavailable("no permission to listen on " + where);
    }
    return Status::Unavailable("cannot listen on " + where + ": " + ec.message());
  }
  if (acceptor.listen(asio::socket_base::max_listen_connections, ec)) {
    return Status::Unavailable("cannot listen on " + where + ": " + ec.message());
  }
  impl->port = acceptor.local_endpoint(ec).port();
  if (ec) return Status::Unavailable("cannot read the bound port: " + ec.message());
  impl->Accept();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

uint16_t Server::port() const { return impl_->port; }

void Server::Run() {
  Impl& m = *impl_;
  if (m.running.exchange(true)) {
    log::Warn("http.run_twice");
    return;
  }
  auto work = asio::make_work_guard(*m.ioc);
  std::vector<std::thread> pool;
  pool.reserve(static_cast<size_t>(m.options.threads));
  for (int i = 0; i < m.options.threads; ++i) {
    pool.emplace_back([&m] {
      for (;;) {
        try {
          m.ioc->run();
          return;
        } catch (const std::exception& e) {
          log::Error("http.thread_exception", {{"error", e.what()}});
        }
      }
    });
  }
  {
    std::unique_lock lock(m.mu);
    m.cv.wait(lock, [&m] { return m.acceptor_closed; });
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(m.options.drain_timeout_ms);
    if (!m.cv.wait_until(lock, deadline, [&m] { return m.sessions.empty(); })) {
      log::Warn("http.drain_timeout", {{"open_connections", m.sessions.size()}});
    }
  }
  work.reset();
  m.ioc->stop();
  for (auto& t : pool) t.join();
}

void Server::Stop() {
  Impl& m = *impl_;
  if (m.stopping.exchange(true)) return;
  asio::post(m.acceptor->get_executor(), [&m] { m.CloseAcceptor(); });
}

void Server::HandleSignals() {
  Impl& m = *impl_;
  if (m.signals) return;
  m.signals.emplace(m.acceptor->get_executor(), SIGTERM, SIGINT);
  m.signals->async_wait([this](const error_code& ec, int) {
    if (!ec) Stop();
  });
}

}  // namespace corridor::http
