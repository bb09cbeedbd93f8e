#include "federation/http_transport.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <memory>
#include <optional>

#include "core/errno_text.hpp"
#include "core/text.hpp"

namespace corridor::federation {

struct TlsContext {
  SSL_CTX* ctx = nullptr;
  ~TlsContext() { SSL_CTX_free(ctx); }
};

namespace {

constexpr size_t kMaxHeaderBytes = 64 * 1024;

using SteadyClock = std::chrono::steady_clock;

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_;
};

int RemainingMs(SteadyClock::time_point deadline) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now()).count();
  return left < 0 ? 0 : static_cast<int>(left);
}

// Waits for `events` on `fd` until the deadline: OK, or Unavailable naming `what` on a timeout.
Status WaitFor(int fd, short events, SteadyClock::time_point deadline, const std::string& what) {
  for (;;) {
    pollfd p{fd, events, 0};
    const int ms = RemainingMs(deadline);
    if (ms == 0) return Status::Unavailable(what + " timed out");
    const int n = ::poll(&p, 1, ms);
    if (n > 0) return Status::Ok();
    if (n == 0) return Status::Unavailable(what + " timed out");
    if (errno != EINTR) return Status::Unavailable(what + " failed: " + ErrnoText(errno));
  }
}

bool IsHostChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-';
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Result<size_t> ParseHexSize(std::string_view s) {
  if (s.empty() || s.size() > 12) return Status::InvalidArgument("bad chunk size");
  size_t n = 0;
  for (char c : s) {
    int d;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      d = c - 'A' + 10;
    else
      return Status::InvalidArgument("bad chunk size");
    n = n * 16 + static_cast<size_t>(d);
  }
  return n;
}

// Decodes a chunked body: true when complete.
Result<bool> DecodeChunked(std::string_view in, std::string& out) {
  out.clear();
  size_t pos = 0;
  for (;;) {
    const size_t eol = in.find("\r\n", pos);
    if (eol == std::string_view::npos) return false;
    std::string_view line = in.substr(pos, eol - pos);
    line = line.substr(0, line.find(';'));
    ASSIGN_OR_RETURN(size_t size, ParseHexSize(TrimAscii(line)));
    pos = eol + 2;
    if (size == 0) {
      // Trailers, then an empty line.
      for (;;) {
        const size_t end = in.find("\r\n", pos);
        if (end == std::string_view::npos) return false;
        if (end == pos) return true;
        pos = end + 2;
      }
    }
    if (in.size() < pos + size + 2) return false;
    if (in.substr(pos + size, 2) != "\r\n") {
      return Status::InvalidArgument("a chunk is not followed by CRLF");
    }
    out.append(in.substr(pos, size));
    pos += size + 2;
  }
}

std::string OpenSslError() {
  const unsigned long e = ERR_get_error();
  ERR_clear_error();
  if (e == 0) return "the connection failed";
  char buf[256];
  ERR_error_string_n(e, buf, sizeof(buf));
  return buf;
}

bool IsIpAddress(const std::string& host) {
  in6_addr a6{};
  in_addr a4{};
  return ::inet_pton(AF_INET, host.c_str(), &a4) == 1 ||
         ::inet_pton(AF_INET6, host.c_str(), &a6) == 1;
}

// Runs one OpenSSL call on a non-blocking socket until it completes: the call's positive result,
// 0 when the peer closed the connection, or Unavailable naming `what`.
template <typename Call>
Result<int> SslCall(SSL* ssl, int fd, SteadyClock::time_point deadline, const std::string& what,
                    Call call) {
  for (;;) {
    ERR_clear_error();
    const int r = call();
    if (r > 0) return r;
    switch (SSL_get_error(ssl, r)) {
      case SSL_ERROR_WANT_READ:
        RETURN_IF_ERROR(WaitFor(fd, POLLIN, deadline, what));
        continue;
      case SSL_ERROR_WANT_WRITE:
        RETURN_IF_ERROR(WaitFor(fd, POLLOUT, deadline, what));
        continue;
      case SSL_ERROR_ZERO_RETURN:
        return 0;
      case SSL_ERROR_SYSCALL:
        if (errno == 0 || errno == ECONNRESET) return 0;
        return Status::Unavailable(what + " failed: " + ErrnoText(errno));
      default:
        return Status::Unavailable(what + " failed: " + OpenSslError());
    }
  }
}

}  // namespace

Result<ParsedUrl> ParseBaseUrl(const std::string& url) {
  const auto bad = [&](const std::string& why) {
    return Status::InvalidArgument("the peer URL \"" + url + "\" " + why, "url");
  };
  if (url.size() > 2000) return bad("is too long");
  ParsedUrl out;
  std::string_view rest;
  if (url.starts_with("http://")) {
    rest = std::string_view(url).substr(7);
  } else if (url.starts_with("https://")) {
    rest = std::string_view(url).substr(8);
    out.tls = true;
    out.port = 443;
  } else {
    return bad("must start with http:// or https://");
  }
  const size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? "" : rest.substr(slash);
  std::string_view port_text;
  if (!authority.empty() && authority[0] == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return bad("has an unclosed [");
    out.host = std::string(authority.substr(1, close - 1));
    for (char c : out.host) {
      if (!(IsHostChar(c) || c == ':')) return bad("has a bad IPv6 address");
    }
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return bad("has text after the address");
      port_text = after.substr(1);
      if (port_text.empty()) return bad("has an empty port");
    }
  } else {
    const size_t colon = authority.rfind(':');
    out.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
      if (port_text.empty()) return bad("has an empty port");
    }
    for (char c : out.host) {
      if (!IsHostChar(c)) return bad("has a character not allowed in a host name");
    }
  }
  if (out.host.empty()) return bad("has no host");
  if (!port_text.empty()) {
    if (port_text.size() > 5 || !IsAsciiDigits(port_text)) return bad("has a bad port");
    const int port = std::stoi(std::string(port_text));
    if (port < 1 || port > 65535) return bad("has a port outside 1-65535");
    out.port = static_cast<uint16_t>(port);
  }
  for (char c : path) {
    if (c <= ' ' || c == '?' || c == '#' || c == '%' || static_cast<unsigned char>(c) >= 0x7f) {
      return bad("has a path with a character not allowed here");
    }
  }
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  out.prefix = std::string(path);
  out.host_header = std::string(authority);
  return out;
}

Result<bool> ParseHttpResponse(std::string_view bytes, bool at_eof, HttpReply& reply) {
  const size_t head_end = bytes.find("\r\n\r\n");
  if (head_end == std::string_view::npos) {
    if (bytes.size() > kMaxHeaderBytes) {
      return Status::InvalidArgument("the answer's header is larger than 64 KiB");
    }
    if (at_eof) return Status::InvalidArgument("the connection ended inside the answer's header");
    return false;
  }
  std::string_view head = bytes.substr(0, head_end);
  const size_t first_eol = head.find("\r\n");
  std::string_view status_line = head.substr(0, first_eol);
  if (status_line.substr(0, 7) != "HTTP/1." || status_line.size() < 12 || status_line[8] != ' ' ||
      !IsAsciiDigits(status_line.substr(9, 3))) {
    return Status::InvalidArgument("the answer does not start with an HTTP/1.x status line");
  }
  const int status = std::stoi(std::string(status_line.substr(9, 3)));
  bool chunked = false;
  std::optional<size_t> length;
  size_t pos = first_eol == std::string_view::npos ? head.size() : first_eol + 2;
  while (pos < head.size()) {
    size_t eol = head.find("\r\n", pos);
    if (eol == std::string_view::npos) eol = head.size();
    std::string_view line = head.substr(pos, eol - pos);
    pos = eol + 2;
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      return Status::InvalidArgument("the answer has a header line without ':'");
    }
    const std::string name = Lower(TrimAscii(line.substr(0, colon)));
    const std::string_view value = TrimAscii(line.substr(colon + 1));
    if (name == "content-length") {
      if (value.empty() || value.size() > 12 || !IsAsciiDigits(value)) {
        return Status::InvalidArgument("the answer has a bad Content-Length");
      }
      length = static_cast<size_t>(std::stoull(std::string(value)));
    } else if (name == "transfer-encoding") {
      chunked = Lower(value).find("chunked") != std::string::npos;
    }
  }
  std::string_view body = bytes.substr(head_end + 4);
  reply.status = status;
  if (chunked) {
    ASSIGN_OR_RETURN(bool done, DecodeChunked(body, reply.body));
    if (!done && at_eof) return Status::InvalidArgument("the connection ended inside a chunk");
    return done;
  }
  if (length) {
    if (body.size() < *length) {
      if (at_eof) return Status::InvalidArgument("the connection ended before the answer's body");
      return false;
    }
    reply.body = std::string(body.substr(0, *length));
    return true;
  }
  if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
    reply.body.clear();
    return true;
  }
  if (!at_eof) return false;
  reply.body = std::string(body);
  return true;
}

HttpTransport::HttpTransport(HttpTransportOptions options) : options_(std::move(options)) {}

HttpTransport::~HttpTransport() = default;

Status HttpTransport::PrepareTls() {
  std::lock_guard<std::mutex> lock(tls_mu_);
  if (tls_) return Status::Ok();
  auto t = std::make_unique<TlsContext>();
  t->ctx = SSL_CTX_new(TLS_client_method());
  if (t->ctx == nullptr) return Status::Internal("cannot create a TLS context: " + OpenSslError());
  SSL_CTX_set_min_proto_version(t->ctx, TLS1_2_VERSION);
  SSL_CTX_set_verify(t->ctx, SSL_VERIFY_PEER, nullptr);
  // A peer that closes after its answer without a close_notify has still answered in full: the
  // answer's own framing (Content-Length or chunks) says whether it is complete.
  SSL_CTX_set_options(t->ctx, SSL_OP_IGNORE_UNEXPECTED_EOF);
  const int loaded = options_.ca_file.empty()
                         ? SSL_CTX_set_default_verify_paths(t->ctx)
                         : SSL_CTX_load_verify_locations(t->ctx, options_.ca_file.c_str(), nullptr);
  if (loaded != 1) {
    return Status::InvalidArgument(
        (options_.ca_file.empty() ? std::string("the system's trust store")
                                  : "the CA file " + options_.ca_file) +
            " cannot be loaded: " + OpenSslError(),
        "federation_ca_file");
  }
  tls_ = std::move(t);
  return Status::Ok();
}

Result<HttpReply> HttpTransport::Post(const std::string& base_url, std::string_view path,
                                      const std::string& body) {
  ASSIGN_OR_RETURN(ParsedUrl url, ParseBaseUrl(base_url));
  const auto start = SteadyClock::now();
  const auto exchange_deadline = start + std::chrono::milliseconds(options_.exchange_timeout_ms);
  const auto connect_deadline =
      std::min(exchange_deadline, start + std::chrono::milliseconds(options_.connect_timeout_ms));
  const std::string& where = base_url;

  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(url.port);
  if (int rc = ::getaddrinfo(url.host.c_str(), port.c_str(), &hints, &found); rc != 0) {
    return Status::Unavailable("cannot resolve " + url.host + ": " + ::gai_strerror(rc));
  }
  std::unique_ptr<addrinfo, void (*)(addrinfo*)> addresses(found, ::freeaddrinfo);

  std::optional<Fd> sock;
  std::string last_error = "no address";
  for (addrinfo* a = addresses.get(); a != nullptr && !sock; a = a->ai_next) {
    Fd fd(::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol));
    if (fd.get() < 0) {
      last_error = ErrnoText(errno);
      continue;
    }
    if (::connect(fd.get(), a->ai_addr, a->ai_addrlen) != 0) {
      if (errno != EINPROGRESS) {
        last_error = ErrnoText(errno);
        continue;
      }
      Status w = WaitFor(fd.get(), POLLOUT, connect_deadline, "connecting to " + where);
      if (!w.ok()) {
        last_error = w.message();
        continue;
      }
      int err = 0;
      socklen_t len = sizeof(err);
      if (::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &len) != 0 || err != 0) {
        last_error = ErrnoText(err != 0 ? err : errno);
        continue;
      }
    }
    const int one = 1;
    (void)::setsockopt(fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    sock.emplace(fd.release());
    break;
  }
  if (!sock) return Status::Unavailable("cannot connect to " + where + ": " + last_error);

  std::unique_ptr<SSL, void (*)(SSL*)> ssl(nullptr, SSL_free);
  if (url.tls) {
    RETURN_IF_ERROR(PrepareTls());
    ssl.reset(SSL_new(tls_->ctx));
    if (!ssl || SSL_set_fd(ssl.get(), sock->get()) != 1) {
      return Status::Unavailable("cannot start TLS with " + where + ": " + OpenSslError());
    }
    if (IsIpAddress(url.host)) {
      X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl.get()), url.host.c_str());
    } else {
      SSL_set_tlsext_host_name(ssl.get(), url.host.c_str());
      SSL_set1_host(ssl.get(), url.host.c_str());
    }
    auto shook = SslCall(ssl.get(), sock->get(), exchange_deadline,
                         "the TLS handshake with " + where, [&] { return SSL_connect(ssl.get()); });
    const long verified = SSL_get_verify_result(ssl.get());
    if (verified != X509_V_OK) {
      return Status::Unavailable("the certificate of " + where +
                                 " is not trusted: " + X509_verify_cert_error_string(verified));
    }
    if (!shook.ok()) return shook.status();
    if (*shook == 0) return Status::Unavailable(where + " closed the connection during TLS");
  }

  std::string request = "POST " + url.prefix + std::string(path) +
                        " HTTP/1.1\r\nHost: " + url.host_header +
                        "\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
                        "User-Agent: corridor-federation\r\nConnection: close\r\n"
                        "Content-Length: " +
                        std::to_string(body.size()) + "\r\n\r\n";
  request += body;
  size_t sent = 0;
  while (ssl && sent < request.size()) {
    const int chunk = static_cast<int>(std::min<size_t>(request.size() - sent, 1 << 20));
    ASSIGN_OR_RETURN(int n,
                     SslCall(ssl.get(), sock->get(), exchange_deadline, "sending to " + where,
                             [&] { return SSL_write(ssl.get(), request.data() + sent, chunk); }));
    if (n == 0) return Status::Unavailable(where + " closed the connection");
    sent += static_cast<size_t>(n);
  }
  while (sent < request.size()) {
    const ssize_t n =
        ::send(sock->get(), request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n > 0) {
      sent += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
      RETURN_IF_ERROR(WaitFor(sock->get(), POLLOUT, exchange_deadline, "sending to " + where));
      continue;
    }
    return Status::Unavailable("sending to " + where + " failed: " + ErrnoText(errno));
  }

  std::string in;
  char buf[64 * 1024];
  HttpReply reply;
  for (;;) {
    ssize_t n = 0;
    if (ssl) {
      ASSIGN_OR_RETURN(int got,
                       SslCall(ssl.get(), sock->get(), exchange_deadline, "waiting for " + where,
                               [&] { return SSL_read(ssl.get(), buf, sizeof(buf)); }));
      n = got;
    } else {
      n = ::recv(sock->get(), buf, sizeof(buf), 0);
    }
    if (n > 0) {
      in.append(buf, static_cast<size_t>(n));
      if (in.size() > options_.max_response_bytes + kMaxHeaderBytes) {
        return Status::Unavailable("the answer from " + where + " is larger than the limit");
      }
      auto done = ParseHttpResponse(in, false, reply);
      if (!done.ok()) return Status::Unavailable(where + ": " + done.status().message());
      if (*done) return reply;
      continue;
    }
    if (n == 0) {
      auto done = ParseHttpResponse(in, true, reply);
      if (!done.ok()) return Status::Unavailable(where + ": " + done.status().message());
      return reply;
    }
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
      RETURN_IF_ERROR(WaitFor(sock->get(), POLLIN, exchange_deadline, "waiting for " + where));
      continue;
    }
    return Status::Unavailable("reading from " + where + " failed: " + ErrnoText(errno));
  }
}

}  // namespace corridor::federation
