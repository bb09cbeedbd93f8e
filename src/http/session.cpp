// One connection: reads a request's head, asks the head handler, reads the body within its
// limit, calls the handler, writes the response; keep-alive, timeouts, and the server's own
// error answers (see server.hpp). The one translation unit that parses HTTP with Beast.
//
// Timeouts. One steady_timer per session waits for `deadline_`; moving the deadline later needs
// no timer operation (the timer re-arms itself when it fires early), so a keep-alive connection
// costs no timer calls per request. On expiry the session closes the socket, except while a
// request is being read: then only the socket's receiving side is shut down, so the read fails
// at once and a 408 can still be written.
//
// Asio's completion handlers rather than C++20 coroutines: Boost 1.74 enables `co_await` for gcc
// only, and the project is also compiled with clang (fuzzing, clang-tidy).
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <exception>
#include <iterator>
#include <memory>
#include <string_view>
#include <utility>

#include "core/log.hpp"
#include "http/problem.hpp"
#include "http/server_core.hpp"
#include "http/wire.hpp"

namespace corridor::http::internal {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using SteadyClock = std::chrono::steady_clock;

// How long and how much a closing connection is drained of what the client still sends, so
// that closing does not reset the connection before the client has read the last response.
constexpr int kLingerMaxMs = 2'000;
constexpr size_t kLingerMaxBytes = 1 << 20;
constexpr size_t kFirstReadBytes = 4096;
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

std::string_view View(beast::string_view s) { return {s.data(), s.size()}; }

// An error the server answers itself, as RFC 9457 problem details (http/problem.cpp).
struct ServerProblem {
  int status;
  const char* slug;
  const char* title;
  std::string detail;
};

Response InternalError() {
  return Problem(500, "internal-error", "Internal server error",
                 "The server could not complete the request.");
}

class Session final : public Connection, public std::enable_shared_from_this<Session> {
 public:
  Session(ServerCore& server, tcp::socket socket, uint64_t id, std::string remote)
      : server_(server), id_(id), remote_(std::move(remote)), timer_(socket.get_executor()) {
    if (server.ssl) {
      tls_.emplace(std::move(socket), *server.ssl);
    } else {
      plain_.emplace(std::move(socket));
    }
  }
  ~Session() override {
    ReleaseBody();
    server_.Unregister(id_);
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  asio::any_io_executor executor() override { return timer_.get_executor(); }

  void Start() override {
    if (tls_) {
      state_ = State::kHandshake;
      SetDeadline(server_.options.read_timeout_ms, OnTimeout::kClose);
      tls_->async_handshake(asio::ssl::stream_base::server,
                            [self = shared_from_this()](const error_code& ec) {
                              if (ec || self->closed_) return self->Close();
                              self->WaitForRequest();
                            });
    } else {
      WaitForRequest();
    }
  }

  void OnStop() override {
    if (state_ == State::kIdle || state_ == State::kHandshake) Close();
  }

 private:
  enum class State { kHandshake, kIdle, kReading, kHandling, kWriting, kClosing };
  enum class OnTimeout { kClose, kShutdownReceive };

  tcp::socket& Lowest() { return tls_ ? tls_->next_layer() : *plain_; }

  // Calls f with the stream requests are read from and responses written to.
  template <typename F>
  void WithStream(F&& f) {
    if (tls_) {
      f(*tls_);
    } else {
      f(*plain_);
    }
  }

  // --- deadlines -------------------------------------------------------------------------

  void SetDeadline(int ms, OnTimeout action) {
    deadline_ = SteadyClock::now() + std::chrono::milliseconds(ms);
    on_timeout_ = action;
    timed_out_ = false;
    if (!timer_waiting_ || deadline_ < timer_expiry_) StartTimer();
  }

  void ClearDeadline() { deadline_ = SteadyClock::time_point::max(); }

  void StartTimer() {
    timer_expiry_ = deadline_;
    timer_waiting_ = true;
    timer_.expires_at(deadline_);  // a wait still pending completes as aborted
    timer_.async_wait([self = shared_from_this(), gen = ++timer_generation_](const error_code& ec) {
      self->OnTimer(ec, gen);
    });
  }

  void OnTimer(const error_code& ec, uint64_t generation) {
    if (generation != timer_generation_) return;  // superseded by a newer wait
    timer_waiting_ = false;
    if (ec || closed_ || deadline_ == SteadyClock::time_point::max()) return;
    if (SteadyClock::now() < deadline_) return StartTimer();  // the deadline moved later
    timed_out_ = true;
    if (on_timeout_ == OnTimeout::kShutdownReceive) {
      error_code ignored;
      Lowest().shutdown(tcp::socket::shutdown_receive, ignored);
      Lowest().cancel(ignored);
    } else {
      Close();
    }
  }

  // --- reading ---------------------------------------------------------------------------

  void WaitForRequest() {
    state_ = State::kIdle;
    if (server_.stopping.load()) return Finish(/*linger=*/buffer_.size() > 0);
    if (buffer_.size() > 0) return BeginRequest();  // a pipelined request is waiting
    // A new connection owes its first request within the read timeout; a kept-alive one may
    // wait the idle timeout for its next.
    SetDeadline(answered_ == 0 ? server_.options.read_timeout_ms : server_.options.idle_timeout_ms,
                OnTimeout::kClose);
    WithStream([this](auto& stream) {
      stream.async_read_some(buffer_.prepare(kFirstReadBytes),
                             [self = shared_from_this()](const error_code& ec, size_t n) {
                               if (ec || self->closed_) return self->Close();
                               self->buffer_.commit(n);
                               self->BeginRequest();
                             });
    });
  }

  void BeginRequest() {
    state_ = State::kReading;
    request_unread_ = false;
    request_ = Request();
    body_limit_ = server_.options.max_body_bytes;
    started_ = SteadyClock::now();
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(server_.options.max_header_bytes));
    parser_->body_limit(static_cast<uint64_t>(server_.options.max_body_bytes));
    SetDeadline(server_.options.read_timeout_ms, OnTimeout::kShutdownReceive);
    // Most requests arrive whole in one read: parse what is buffered before reading more, which
    // saves a trip through the scheduler. Only the head: its limit is decided from the head.
    error_code parsed;
    parser_->eager(false);
    while (buffer_.size() > 0 && !parser_->is_header_done()) {
      const size_t used = parser_->put(buffer_.data(), parsed);
      buffer_.consume(used);
      if (parsed == bhttp::error::need_more) {
        parsed = {};
        break;
      }
      if (parsed || used == 0) break;
    }
    if (parsed) return OnReadError(parsed);
    if (parser_->is_header_done()) return OnHeader(parsed);
    WithStream([this](auto& stream) {
      bhttp::async_read_header(
          stream, buffer_, *parser_,
          [self = shared_from_this()](const error_code& ec, size_t) { self->OnHeader(ec); });
    });
  }

  void OnHeader(const error_code& ec) {
    if (closed_) return;
    if (ec) return OnReadError(ec);
    const auto& msg = parser_->get();
    const std::string_view asked_id = View(msg["X-Request-Id"]);
    request_.request_id =
        log::ValidRequestId(asked_id) ? std::string(asked_id) : log::NewRequestId();
    // RFC 9112 3.2: an HTTP/1.1 request has exactly one Host; no request has two.
    const size_t hosts = msg.count(bhttp::field::host);
    if (hosts > 1 || (msg.version() >= 11 && hosts == 0)) {
      return WriteProblem({400, "malformed-request", "Malformed request",
                           "The request must carry exactly one Host header."});
    }
    // RFC 9112 6.1: a transfer coding the server does not know is refused, not guessed at.
    std::string codings;  // every Transfer-Encoding line, joined
    for (auto [it, end] = msg.equal_range(bhttp::field::transfer_encoding); it != end; ++it) {
      if (!codings.empty()) codings += ',';
      codings += View(it->value());
    }
    const wire::FramingError framing = wire::CheckTransferEncoding(
        codings, msg.count(bhttp::field::content_length) > 0, msg.version());
    if (framing.status != 0) {
      return WriteProblem(
          {framing.status,
           framing.status == 501 ? "unsupported-transfer-coding" : "malformed-request",
           framing.status == 501 ? "Unsupported transfer coding" : "Malformed request",
           framing.detail});
    }

    request_.method = std::string(msg.method_string());
    request_.target = std::string(msg.target());
    request_.headers.reserve(static_cast<size_t>(std::distance(msg.begin(), msg.end())));
    for (const auto& field : msg) {
      request_.headers.push_back({std::string(field.name_string()), std::string(field.value())});
    }
    request_.remote_address = remote_;
    request_.tls = tls_.has_value();

    // Route and authenticate on the head: a request that will be refused is refused before its
    // body is read, and a body is read only up to what its route takes.
    size_t limit = server_.options.max_body_bytes;
    if (server_.head_handler) {
      HeadDecision decision;
      try {
        decision = server_.head_handler(request_);
      } catch (const std::exception& e) {
        log::Error("http.handler_threw",
                   {{"request", request_.request_id}, {"phase", "head"}, {"error", e.what()}});
        decision.answer = InternalError();
      } catch (...) {
        log::Error("http.handler_threw", {{"request", request_.request_id},
                                          {"phase", "head"},
                                          {"error", "a non-standard exception"}});
        decision.answer = InternalError();
      }
      if (decision.answer) {
        const bool head = msg.method() == bhttp::verb::head;
        const unsigned version = msg.version();
        // A body that is not read leaves the connection unusable for another request.
        const bool nothing_left = parser_->is_done();
        const bool keep_alive = nothing_left && msg.keep_alive() && !server_.stopping.load();
        parser_.reset();
        request_unread_ = !nothing_left;
        return WriteResponse(std::move(*decision.answer), request_.method, version, keep_alive,
                             head);
      }
      limit = std::min(limit, decision.max_body_bytes);
    }
    if (parser_->is_done()) return Handle();

    // The announced length is checked here: the parser compared it with the server's limit only.
    const auto length = parser_->content_length();
    body_limit_ = limit;
    if (length && *length > limit) return BodyTooLarge(limit);
    parser_->body_limit(static_cast<uint64_t>(limit));
    reserved_ = length ? static_cast<size_t>(*length) : limit;
    if (!server_.ReserveBody(reserved_)) {
      reserved_ = 0;
      return WriteProblem({503, "busy", "Service unavailable",
                           "The server is reading too many request bodies at once; retry later."},
                          /*retry_after=*/true);
    }
    parser_->eager(true);
    if (msg.version() >= 11 && EqualsIgnoreCase(View(msg[bhttp::field::expect]), "100-continue")) {
      WithStream([this](auto& stream) {
        asio::async_write(stream, asio::buffer(kContinue.data(), kContinue.size()),
                          [self = shared_from_this()](const error_code& e, size_t) {
                            if (e || self->closed_) return self->OnReadError(e);
                            self->ReadBody();
                          });
      });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    WithStream([this](auto& stream) {
      bhttp::async_read(stream, buffer_, *parser_,
                        [self = shared_from_this()](const error_code& ec, size_t) {
                          if (self->closed_) return;
                          if (ec) return self->OnReadError(ec);
                          self->Handle();
                        });
    });
  }

  void BodyTooLarge(size_t limit) {
    WriteProblem({413, "content-too-large", "Content too large",
                  "The request body exceeds " + std::to_string(limit) + " bytes."});
  }

  void OnReadError(const error_code& ec) {
    if (closed_) return;
    if (timed_out_) {
      return WriteProblem({408, "request-timeout", "Request timeout",
                           "The request was not received completely in time."});
    }
    if (ec == bhttp::error::header_limit) {
      return WriteProblem({431, "request-header-too-large", "Request header fields too large",
                           "The request line and headers exceed " +
                               std::to_string(server_.options.max_header_bytes) + " bytes."});
    }
    if (ec == bhttp::error::body_limit) {
      return BodyTooLarge(body_limit_);
    }
    if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) {
      return Close();
    }
    if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category()) {
      // Beast's parser messages ("bad method", "bad Content-Length") are fixed texts, safe to
      // show and useful to whoever wrote the client.
      return WriteProblem({400, "malformed-request", "Malformed request",
                           "The request is not valid HTTP/1.1: " + ec.message() + "."});
    }
    Close();  // the connection failed: nobody to answer
  }

  // --- handling --------------------------------------------------------------------------

  void Handle() {
    state_ = State::kHandling;
    ClearDeadline();
    bhttp::request<bhttp::string_body> msg = parser_->release();
    parser_.reset();
    request_.body = std::move(msg.body());
    const unsigned version = msg.version();
    const bool head = msg.method() == bhttp::verb::head;
    const bool client_keeps_alive = msg.keep_alive();

    Response response;
    try {
      response = server_.handler(request_);
    } catch (const std::exception& e) {
      // The path is not logged: it may hold a record's id chosen by a person.
      log::Error(
          "http.handler_threw",
          {{"request", request_.request_id}, {"method", request_.method}, {"error", e.what()}});
      response = InternalError();
    } catch (...) {
      log::Error("http.handler_threw", {{"request", request_.request_id},
                                        {"method", request_.method},
                                        {"error", "a non-standard exception"}});
      response = InternalError();
    }
    // The body is done with: its memory goes back before the response is written.
    std::string().swap(request_.body);
    ReleaseBody();
    if (response.deferred) return Defer(std::move(response), version, head, client_keeps_alive);
    // A stop that came while the handler ran closes the connection after this response.
    const bool keep_alive = client_keeps_alive && !server_.stopping.load();
    WriteResponse(std::move(response), std::move(request_.method), version, keep_alive, head);
  }

  // A deferred response (message.hpp): the session waits, without a thread, until the Respond is
  // called from wherever the work runs; the response is then written on the session's strand. A
  // Respond dropped unanswered answers 503.
  void Defer(Response pending, unsigned version, bool head, bool client_keeps_alive) {
    struct Answer {
      std::shared_ptr<Session> session;
      std::string method;
      std::string route;
      unsigned version = 11;
      bool head = false;
      bool keep_alive = false;
      std::atomic<bool> answered{false};
      void Give(Response r) {
        if (answered.exchange(true)) return;
        if (r.route.empty()) r.route = route;
        // The session is released here: whoever keeps the Respond does not keep the session.
        std::shared_ptr<Session> s = std::move(session);
        const auto executor = s->executor();
        asio::post(executor, [self = std::move(s), r = std::move(r), m = method, v = version,
                              h = head, k = keep_alive]() mutable {
          if (self->closed_) return;
          // A stop that came meanwhile closes the connection after this response.
          self->WriteResponse(std::move(r), std::move(m), v, k && !self->server_.stopping.load(),
                              h);
        });
      }
      Answer() = default;
      Answer(const Answer&) = delete;
      Answer& operator=(const Answer&) = delete;
      ~Answer() {
        if (answered.load()) return;
        Response r = Problem(503, "unavailable", "Service unavailable",
                             "The request could not be completed; retry later.");
        r.set_header("Retry-After", "1");
        Give(std::move(r));
      }
    };
    auto answer = std::make_shared<Answer>();
    answer->session = shared_from_this();
    answer->method = std::move(request_.method);
    answer->route = pending.route;
    answer->version = version;
    answer->head = head;
    answer->keep_alive = client_keeps_alive;
    auto later = std::move(pending.deferred);
    try {
      later([answer](Response r) { answer->Give(std::move(r)); });
    } catch (const std::exception& e) {
      log::Error(
          "http.handler_threw",
          {{"request", request_.request_id}, {"method", answer->method}, {"error", e.what()}});
      answer->Give(InternalError());
    }
  }

  void ReleaseBody() {
    if (reserved_ == 0) return;
    server_.ReleaseBody(reserved_);
    reserved_ = 0;
  }

  // Answers a request the handler never sees; what is left of it is not read.
  void WriteProblem(const ServerProblem& problem, bool retry_after = false) {
    std::string method;
    bool head = false;
    if (parser_) {
      // Empty when the request line was not parsed (a header too large).
      method = std::string(parser_->get().method_string());
      head = parser_->get().method() == bhttp::verb::head;
    }
    parser_.reset();
    ReleaseBody();
    request_unread_ = true;
    Response r = Problem(problem.status, problem.slug, problem.title, problem.detail);
    if (retry_after) r.set_header("Retry-After", "1");
    WriteResponse(std::move(r), std::move(method), 11, /*keep_alive=*/false, head);
  }

  // Turns a Response into the message on the wire.
  void WriteResponse(Response r, std::string method, unsigned version, bool keep_alive, bool head) {
    if (request_.request_id.empty()) request_.request_id = log::NewRequestId();
    std::string invalid;
    if (r.status < 200 || r.status > 599) invalid = "status " + std::to_string(r.status);
    for (const auto& h : r.headers) {
      if (!invalid.empty()) break;
      if (!wire::ValidFieldName(h.name) || !wire::ValidFieldValue(h.value)) {
        invalid = "header " + h.name;
      }
    }
    if (!wire::ValidFieldValue(r.content_type)) invalid = "content type";
    if (!invalid.empty()) {
      log::Error("http.invalid_response",
                 {{"request", request_.request_id}, {"route", r.route}, {"invalid", invalid}});
      const std::string route = r.route;
      r = InternalError();
      r.route = route;
    }

    wire::HeadInfo info;
    info.version = version;
    info.keep_alive = keep_alive;
    info.server_name = server_.options.server_name;
    info.request_id = request_.request_id;
    out_head_ = wire::ResponseHead(r, info);
    out_body_ = head ? std::string() : std::move(r.body);

    record_.method = std::move(method);
    record_.route = r.route.empty() ? "unmatched" : std::move(r.route);
    record_.status = r.status;
    keep_alive_ = info.keep_alive;
    if (r.status >= 500 || log::Enabled(log::Level::kDebug)) {
      // Each request at debug level; a server-side failure always, with what identifies it.
      log::Write(r.status >= 500 ? log::Level::kError : log::Level::kDebug, "http.request",
                 {{"request", request_.request_id},
                  {"method", record_.method.substr(0, 16)},
                  {"route", record_.route},
                  {"status", r.status},
                  {"remote", remote_}});
    }

    state_ = State::kWriting;
    SetDeadline(server_.options.write_timeout_ms, OnTimeout::kClose);
    const std::array<asio::const_buffer, 2> buffers = {asio::buffer(out_head_),
                                                       asio::buffer(out_body_)};
    WithStream([&](auto& stream) {
      asio::async_write(stream, buffers, [self = shared_from_this()](const error_code& ec, size_t) {
        self->OnWritten(ec);
      });
    });
  }

  void OnWritten(const error_code& ec) {
    ClearDeadline();
    std::string().swap(out_body_);
    if (ec || closed_) return Close();
    record_.seconds = std::chrono::duration<double>(SteadyClock::now() - started_).count();
    server_.Observe(record_);
    ++answered_;
    request_ = Request();
    if (!keep_alive_) return Finish(/*linger=*/request_unread_ || buffer_.size() > 0);
    WaitForRequest();
  }

  // --- closing ---------------------------------------------------------------------------

  // Ends the connection after the last response. When the client may still be sending (the
  // request was not read to its end, or more requests are buffered), closing at once would
  // reset the connection and could destroy the response before the client reads it: then the
  // sending side is shut down (FIN) and what arrives is read and discarded for a short while.
  void Finish(bool linger) {
    if (closed_) return;
    state_ = State::kClosing;
    if (!linger) return Close();
    SetDeadline(std::min(server_.options.read_timeout_ms, kLingerMaxMs), OnTimeout::kClose);
    error_code ec;
    Lowest().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return Close();
    drain_ = std::make_unique<std::array<char, 4096>>();
    Drain();
  }

  void Drain() {
    Lowest().async_read_some(asio::buffer(*drain_),
                             [self = shared_from_this()](const error_code& ec, size_t n) {
                               self->drained_ += n;
                               if (ec || self->closed_ || self->drained_ > kLingerMaxBytes) {
                                 return self->Close();
                               }
                               self->Drain();
                             });
  }

  void Close() {
    if (closed_) return;
    closed_ = true;
    state_ = State::kClosing;
    ClearDeadline();
    ReleaseBody();
    error_code ignored;
    timer_.cancel(ignored);
    Lowest().close(ignored);
  }

  ServerCore& server_;
  const uint64_t id_;
  const std::string remote_;
  asio::steady_timer timer_;
  std::optional<tcp::socket> plain_;
  std::optional<beast::ssl_stream<tcp::socket>> tls_;

  State state_ = State::kIdle;
  bool closed_ = false;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Request request_;        // the request being read or handled (its head first, then its body)
  size_t body_limit_ = 0;  // of the request being read
  size_t reserved_ = 0;    // bytes of the server's body budget this request holds
  std::string out_head_;   // the response being written
  std::string out_body_;
  bool keep_alive_ = false;
  bool request_unread_ = false;  // the last request was answered before it was read whole
  uint64_t answered_ = 0;        // responses written on this connection
  SteadyClock::time_point started_;
  RequestRecord record_;
  std::unique_ptr<std::array<char, 4096>> drain_;
  size_t drained_ = 0;

  SteadyClock::time_point deadline_ = SteadyClock::time_point::max();
  OnTimeout on_timeout_ = OnTimeout::kClose;
  bool timed_out_ = false;
  bool timer_waiting_ = false;
  SteadyClock::time_point timer_expiry_;
  uint64_t timer_generation_ = 0;
};

}  // namespace

std::shared_ptr<Connection> NewSession(ServerCore& server, tcp::socket socket, uint64_t id,
                                       std::string remote) {
  return std::make_shared<Session>(server, std::move(socket), id, std::move(remote));
}

}  // namespace corridor::http::internal
