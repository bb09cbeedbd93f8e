// The HTTP server: listener, session and the call of the handler (see server.hpp).
//
// Beast and Asio stay in this one translation unit. The server uses Asio's completion handlers
// rather than C++20 coroutines: Boost 1.74 enables `co_await` for gcc only, and the project is
// also compiled with clang (fuzzing, clang-tidy).
//
// Threads and ownership. Every connection is a Session, owned by the handlers of its pending
// operations (shared_ptr) and running on a strand of its own, so a session's members are only
// touched by one thread at a time. The handler runs inline on that strand and may block it.
// ServerCore keeps a registry of weak pointers to the live sessions (under `mu`), which caps the
// connections, lets Stop reach idle sessions, and lets Run wait until all are gone.
//
// Timeouts. One steady_timer per session waits for `deadline_`; moving the deadline later needs
// no timer operation (the timer re-arms itself when it fires early), so a keep-alive connection
// costs no timer calls per request. On expiry the session closes the socket, except while a
// request is being read: then only the socket's receiving side is shut down, so the read fails
// at once and a 408 can still be written.
#include "http/server.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <exception>
#include <limits>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/errno_text.hpp"

namespace corridor::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;
using SteadyClock = std::chrono::steady_clock;

// How long and how much a closing connection is drained of what the client still sends, so
// that closing does not reset the connection before the client has read the last response.
constexpr int kLingerMaxMs = 2'000;
constexpr size_t kLingerMaxBytes = 1 << 20;
constexpr size_t kFirstReadBytes = 4096;
constexpr int kAcceptRetryMs = 100;
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

std::string_view View(beast::string_view s) { return {s.data(), s.size()}; }

void Log(const std::string& message) { std::fprintf(stderr, "http server: %s\n", message.c_str()); }

// RFC 9110 5.1: a field name is a token.
bool IsTokenChar(unsigned char c) {
  if (c >= '0' && c <= '9') return true;
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool ValidFieldName(std::string_view name) {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return IsTokenChar(static_cast<unsigned char>(c)); });
}

// RFC 9110 5.5: no CR, LF or NUL in a field value (they would split the response).
bool ValidFieldValue(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

// IMF-fixdate (RFC 9110 5.6.7), computed once per second and thread.
std::string_view HttpDate() {
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  thread_local std::time_t cached = -1;
  thread_local std::array<char, 64> text{};
  const std::time_t now = std::time(nullptr);
  if (now != cached) {
    std::tm t{};
    gmtime_r(&now, &t);
    std::snprintf(text.data(), text.size(), "%s, %02d %s %04d %02d:%02d:%02d GMT",
                  kDays[static_cast<size_t>(t.tm_wday) % 7], t.tm_mday,
                  kMonths[static_cast<size_t>(t.tm_mon) % 12], t.tm_year + 1900, t.tm_hour,
                  t.tm_min, t.tm_sec);
    cached = now;
  }
  return text.data();
}

std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      std::array<char, 8> esc{};
      std::snprintf(esc.data(), esc.size(), "\\u%04x", static_cast<unsigned>(u));
      out += esc.data();
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

// An error the server answers itself, as RFC 9457 problem details.
struct Problem {
  int status;
  std::string_view slug;
  std::string_view title;
  std::string detail;
};

std::string ProblemJson(const Problem& p) {
  return "{\"type\":" + JsonString("/problems/" + std::string(p.slug)) +
         ",\"title\":" + JsonString(p.title) + ",\"status\":" + std::to_string(p.status) +
         ",\"detail\":" + JsonString(p.detail) + "}";
}

Response ProblemResponse(const Problem& p) {
  Response r;
  r.status = p.status;
  r.content_type = "application/problem+json";
  r.body = ProblemJson(p);
  return r;
}

Problem InternalErrorProblem() {
  return {500, "internal-error", "Internal server error",
          "The server could not complete the request."};
}

Problem TooManyConnectionsProblem() {
  return {503, "too-many-connections", "Service unavailable",
          "The server has too many open connections; retry later."};
}

// Header fields the server owns: a handler's values for them are not sent.
bool ServerOwnedField(std::string_view name) {
  return EqualsIgnoreCase(name, "content-length") || EqualsIgnoreCase(name, "transfer-encoding") ||
         EqualsIgnoreCase(name, "connection") || EqualsIgnoreCase(name, "date") ||
         EqualsIgnoreCase(name, "server");
}

std::string AddressText(const asio::ip::address& a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped()) {
    return asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6()).to_string();
  }
  return a.to_string();
}

std::string OpenSslError() {
  const unsigned long e = ERR_peek_last_error();  // NOLINT(google-runtime-int): OpenSSL's type
  std::string text = "unknown reason";
  if (e != 0) {
    std::array<char, 256> buf{};
    ERR_error_string_n(e, buf.data(), buf.size());
    text = buf.data();
  }
  ERR_clear_error();
  return text;
}

// A file that is missing or unreadable gets that said plainly, before OpenSSL's reasons.
Status CheckReadable(std::string_view option, const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    const int err = errno;
    return Status::InvalidArgument(
        std::string(option) + " '" + path + "' cannot be read: " + ErrnoText(err),
        std::string(option));
  }
  std::fclose(f);
  return Status::Ok();
}

int PemPasswordRefused(char* /*buf*/, int /*size*/, int /*rwflag*/, void* asked) {
  *static_cast<bool*>(asked) = true;
  return -1;
}

// Loads the certificate chain and private key into `ctx`, TLS 1.2 and later only.
Status ConfigureTls(asio::ssl::context& ctx, const ServerOptions& o) {
  SSL_CTX* native = ctx.native_handle();
  ERR_clear_error();
  if (SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1) {
    return Status::Internal("cannot require TLS 1.2: " + OpenSslError());
  }
  ctx.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_compression |
                  asio::ssl::context::single_dh_use);

  RETURN_IF_ERROR(CheckReadable("tls_certificate_file", o.tls_certificate_file));
  RETURN_IF_ERROR(CheckReadable("tls_private_key_file", o.tls_private_key_file));

  if (SSL_CTX_use_certificate_chain_file(native, o.tls_certificate_file.c_str()) != 1) {
    return Status::InvalidArgument("tls_certificate_file '" + o.tls_certificate_file +
                                       "' holds no valid PEM certificate chain (" + OpenSslError() +
                                       ")",
                                   "tls_certificate_file");
  }

  std::FILE* f = std::fopen(o.tls_private_key_file.c_str(), "rb");
  if (f == nullptr) return CheckReadable("tls_private_key_file", o.tls_private_key_file);
  bool password_asked = false;
  EVP_PKEY* key = PEM_read_PrivateKey(f, nullptr, &PemPasswordRefused, &password_asked);
  std::fclose(f);
  if (key == nullptr) {
    const std::string reason = OpenSslError();
    return Status::InvalidArgument(
        "tls_private_key_file '" + o.tls_private_key_file + "' " +
            (password_asked ? std::string("is encrypted with a passphrase; give an unencrypted "
                                          "PEM private key")
                            : "holds no valid PEM private key (" + reason + ")"),
        "tls_private_key_file");
  }
  const int used = SSL_CTX_use_PrivateKey(native, key);
  EVP_PKEY_free(key);
  if (used != 1 || SSL_CTX_check_private_key(native) != 1) {
    return Status::InvalidArgument("tls_private_key_file '" + o.tls_private_key_file +
                                       "' does not match the certificate in "
                                       "tls_certificate_file '" +
                                       o.tls_certificate_file + "' (" + OpenSslError() + ")",
                                   "tls_private_key_file");
  }
  return Status::Ok();
}

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
  if (o.server_name.empty() || !ValidFieldValue(o.server_name)) {
    return Status::InvalidArgument("server_name must be a non-empty header value", "server_name");
  }
  return Status::Ok();
}

class Session;

// Everything a server holds; Server::Impl is this, named so sessions can reach it.
struct ServerCore {
  ServerOptions options;
  Handler handler;
  Observer observer;
  uint16_t port = 0;

  // The registry of live sessions, and what Run waits for.
  std::mutex mu;
  std::condition_variable cv;
  std::unordered_map<uint64_t, std::weak_ptr<Session>> sessions;
  uint64_t next_session_id = 0;
  bool acceptor_closed = false;
  std::atomic<bool> stopping{false};
  std::atomic<bool> running{false};

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

  void Accept();
  void OnAccept(const error_code& ec, tcp::socket socket);
  void Reject(tcp::socket& socket);
  void CloseAcceptor();
  void Unregister(uint64_t id);
  void Observe(const RequestRecord& record) const;
};

class Session final : public std::enable_shared_from_this<Session> {
 public:
  Session(ServerCore& server, tcp::socket socket, uint64_t id, std::string remote)
      : server_(server), id_(id), remote_(std::move(remote)), timer_(socket.get_executor()) {
    if (server.ssl) {
      tls_.emplace(std::move(socket), *server.ssl);
    } else {
      plain_.emplace(std::move(socket));
    }
  }
  ~Session() { server_.Unregister(id_); }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  asio::any_io_executor executor() { return timer_.get_executor(); }

  void Start() {
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

  // Called on the session's strand when the server stops: a connection between requests is
  // closed now; one reading, handling or writing a request finishes it first.
  void OnStop() {
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
    started_ = SteadyClock::now();
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(server_.options.max_header_bytes));
    parser_->body_limit(static_cast<uint64_t>(server_.options.max_body_bytes));
    SetDeadline(server_.options.read_timeout_ms, OnTimeout::kShutdownReceive);
    // Most requests arrive whole in one read: parse what is buffered before reading more, which
    // saves a trip through the scheduler.
    error_code parsed;
    parser_->eager(true);
    while (buffer_.size() > 0 && !parser_->is_done()) {
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
    // RFC 9112 3.2: an HTTP/1.1 request has exactly one Host; no request has two.
    const size_t hosts = msg.count(bhttp::field::host);
    if (hosts > 1 || (msg.version() >= 11 && hosts == 0)) {
      return WriteProblem({400, "malformed-request", "Malformed request",
                           "The request must carry exactly one Host header."});
    }
    if (parser_->is_done()) return Handle();
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
      return WriteProblem({413, "content-too-large", "Content too large",
                           "The request body exceeds " +
                               std::to_string(server_.options.max_body_bytes) + " bytes."});
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

    Request request;
    request.method = std::string(msg.method_string());
    request.target = std::string(msg.target());
    for (const auto& field : msg) {
      request.headers.push_back({std::string(field.name_string()), std::string(field.value())});
    }
    request.body = std::move(msg.body());
    request.remote_address = remote_;
    request.tls = tls_.has_value();

    Response response;
    try {
      response = server_.handler(request);
    } catch (const std::exception& e) {
      Log("handler for " + request.method + " " + std::string(request.path()) +
          " threw: " + e.what());
      response = ProblemResponse(InternalErrorProblem());
    } catch (...) {
      Log("handler for " + request.method + " " + std::string(request.path()) +
          " threw a non-standard exception");
      response = ProblemResponse(InternalErrorProblem());
    }
    const bool keep_alive = msg.keep_alive() && !server_.stopping.load();
    WriteResponse(std::move(response), request.method, msg.version(), keep_alive,
                  msg.method() == bhttp::verb::head);
  }

  // Answers a request the handler never sees; what is left of it is not read.
  void WriteProblem(const Problem& problem) {
    std::string method;
    bool head = false;
    if (parser_) {
      // Empty when the request line was not parsed (a header too large).
      method = std::string(parser_->get().method_string());
      head = parser_->get().method() == bhttp::verb::head;
    }
    parser_.reset();
    request_unread_ = true;
    WriteResponse(ProblemResponse(problem), std::move(method), 11, /*keep_alive=*/false, head);
  }

  // Turns the handler's Response into the message on the wire.
  void WriteResponse(Response r, std::string method, unsigned version, bool keep_alive, bool head) {
    std::string invalid;
    if (r.status < 200 || r.status > 599) invalid = "status " + std::to_string(r.status);
    for (const auto& h : r.headers) {
      if (!invalid.empty()) break;
      if (!ValidFieldName(h.name) || !ValidFieldValue(h.value)) invalid = "header " + h.name;
    }
    if (!ValidFieldValue(r.content_type)) invalid = "content type";
    if (!invalid.empty()) {
      Log("handler for " + method + " returned an invalid " + invalid + "; answering 500");
      const std::string route = r.route;
      r = ProblemResponse(InternalErrorProblem());
      r.route = route;
    }

    // The head is written by hand into one string: Beast's serializer walks a concatenation of
    // buffer sequences per field, which costs more than the request's parsing.
    std::string& out = out_head_;
    out.clear();
    out += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
    out += std::to_string(r.status);
    out += ' ';
    out += View(bhttp::obsolete_reason(static_cast<bhttp::status>(r.status)));
    out += "\r\n";
    auto field = [&out](std::string_view name, std::string_view value) {
      out += name;
      out += ": ";
      out += value;
      out += "\r\n";
    };
    bool cache_control = false;
    bool content_type = false;
    for (const auto& h : r.headers) {
      if (EqualsIgnoreCase(h.name, "connection")) {
        if (EqualsIgnoreCase(h.value, "close")) keep_alive = false;
        continue;
      }
      if (ServerOwnedField(h.name)) continue;
      if (EqualsIgnoreCase(h.name, "cache-control")) cache_control = true;
      if (EqualsIgnoreCase(h.name, "content-type")) content_type = true;
      field(h.name, h.value);
    }
    if (!content_type && !r.content_type.empty()) field("Content-Type", r.content_type);
    field("Date", HttpDate());
    field("Server", server_.options.server_name);
    field("X-Content-Type-Options", "nosniff");
    if (!cache_control) field("Cache-Control", "no-store");
    // RFC 9110 6.4.1 and 8.6: 204 and 304 have no content and a 204 no Content-Length.
    if (r.status == 204 || r.status == 304) {
      r.body.clear();
    } else {
      field("Content-Length", std::to_string(r.body.size()));
    }
    if (!keep_alive && version >= 11) field("Connection", "close");
    if (keep_alive && version == 10) field("Connection", "keep-alive");
    out += "\r\n";
    out_body_ = head ? std::string() : std::move(r.body);

    record_.method = std::move(method);
    record_.route = r.route.empty() ? "unmatched" : std::move(r.route);
    record_.status = r.status;
    keep_alive_ = keep_alive;

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
    out_body_.clear();
    if (ec || closed_) return Close();
    record_.seconds = std::chrono::duration<double>(SteadyClock::now() - started_).count();
    server_.Observe(record_);
    ++answered_;
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
  std::string out_head_;  // the response being written
  std::string out_body_;
  bool keep_alive_ = false;
  bool request_unread_ = false;
  uint64_t answered_ = 0;  // responses written on this connection  // the last request was answered
                           // before it was read whole
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
    Log("accept failed: " + ec.message());
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

  std::shared_ptr<Session> session;
  {
    std::lock_guard lock(mu);
    if (sessions.size() < options.max_connections) {
      const uint64_t id = next_session_id++;
      session =
          std::make_shared<Session>(*this, std::move(socket), id, AddressText(remote.address()));
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
    const std::string body = ProblemJson(TooManyConnectionsProblem());
    const std::string text =
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\n"
        "Content-Length: " +
        std::to_string(body.size()) + "\r\nDate: " + std::string(HttpDate()) +
        "\r\nServer: " + options.server_name +
        "\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nRetry-After: 1"
        "\r\nConnection: close\r\n\r\n" +
        body;
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
  std::vector<std::weak_ptr<Session>> live;
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
    Log(std::string("observer threw: ") + e.what());
  } catch (...) {
    Log("observer threw a non-standard exception");
  }
}

}  // namespace

struct Server::Impl : ServerCore {};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() = default;

Result<std::unique_ptr<Server>> Server::Create(const ServerOptions& options, Handler handler,
                                               Observer observer) {
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
  impl->observer = std::move(observer);
  const int threads = options.threads > 0
                          ? options.threads
                          : std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
  impl->options.threads = threads;
  impl->ioc.emplace(threads);

  if (!options.tls_certificate_file.empty()) {
    impl->ssl.emplace(asio::ssl::context::tls_server);
    RETURN_IF_ERROR(ConfigureTls(*impl->ssl, options));
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
    Log("Run called twice; the second call returns at once");
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
          Log(std::string("unexpected exception on a server thread: ") + e.what());
        }
      }
    });
  }
  {
    std::unique_lock lock(m.mu);
    m.cv.wait(lock, [&m] { return m.acceptor_closed; });
    const auto deadline =
        SteadyClock::now() + std::chrono::milliseconds(m.options.drain_timeout_ms);
    if (!m.cv.wait_until(lock, deadline, [&m] { return m.sessions.empty(); })) {
      Log("drain timeout: closing " + std::to_string(m.sessions.size()) +
          " connections still open");
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
