// The federation client on Boost.Beast and Asio (the HTTP library of the node's server), with
// OpenSSL through Asio's TLS stream. Beast stays in this translation unit.
//
// Each Post runs its own io_context on the calling thread: the exchange is asynchronous inside
// (so one deadline can bound resolving, connecting, the handshake, writing and reading), blocking
// outside.
#include "federation/http_transport.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string_view>

#include "core/text.hpp"

namespace corridor::federation {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

struct TlsContext {
  asio::ssl::context ctx{asio::ssl::context::tls_client};
};

namespace {

constexpr size_t kMaxHeaderBytes = 64 * 1024;

using SteadyClock = std::chrono::steady_clock;

bool IsHostChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-';
}

std::string OpenSslError() {
  const unsigned long e = ERR_get_error();  // NOLINT(google-runtime-int): OpenSSL's type
  ERR_clear_error();
  if (e == 0) return "the connection failed";
  std::array<char, 256> buf{};
  ERR_error_string_n(e, buf.data(), buf.size());
  return buf.data();
}

bool IsIpAddress(const std::string& host) {
  error_code ec;
  (void)asio::ip::make_address(host, ec);
  return !ec;
}

// Beast's parser errors are fixed texts ("bad field", "partial message"), safe to pass on.
Status ParseError(const error_code& ec) {
  if (ec == bhttp::error::header_limit) {
    return Status::InvalidArgument("the answer's header is larger than 64 KiB");
  }
  if (ec == bhttp::error::body_limit) {
    return Status::InvalidArgument("the answer is larger than the limit");
  }
  if (ec == bhttp::error::partial_message) {
    return Status::InvalidArgument("the connection ended inside the answer");
  }
  return Status::InvalidArgument("the answer is not valid HTTP/1.1: " + ec.message());
}

// One exchange: its own io_context, the stream, one deadline at a time.
class Exchange {
 public:
  Exchange(const ParsedUrl& url, const std::string& where, TlsContext* tls,
           const HttpTransportOptions& options)
      : url_(url), where_(where), options_(options) {
    if (tls != nullptr) {
      ssl_.emplace(ioc_, tls->ctx);
    } else {
      plain_.emplace(ioc_);
    }
  }

  Result<HttpReply> Run(std::string_view target, const std::string& body) {
    const auto start = SteadyClock::now();
    exchange_deadline_ = start + std::chrono::milliseconds(options_.exchange_timeout_ms);
    const auto connect_deadline = std::min(
        exchange_deadline_, start + std::chrono::milliseconds(options_.connect_timeout_ms));
    RETURN_IF_ERROR(Connect(connect_deadline));
    if (ssl_) RETURN_IF_ERROR(Handshake());
    return Exchange1(target, body);
  }

 private:
  // Runs the io_context until the operation started before it completes.
  void Wait() {
    ioc_.restart();
    ioc_.run();
  }

  bool Expired(SteadyClock::time_point deadline) const { return SteadyClock::now() >= deadline; }

  // The TCP stream, which carries the deadline of every operation above it.
  beast::tcp_stream& Tcp() { return ssl_ ? ssl_->next_layer() : *plain_; }

  Status Connect(SteadyClock::time_point deadline) {
    tcp::resolver resolver(ioc_);
    error_code ec;
    tcp::resolver::results_type found;
    resolver.async_resolve(url_.host, std::to_string(url_.port),
                           [&](const error_code& e, tcp::resolver::results_type r) {
                             ec = e;
                             found = std::move(r);
                           });
    Wait();
    if (ec) return Status::Unavailable("cannot resolve " + url_.host + ": " + ec.message());
    Tcp().expires_at(deadline);
    Tcp().async_connect(found, [&](const error_code& e, const tcp::endpoint&) { ec = e; });
    Wait();
    if (ec) {
      const bool late = ec == beast::error::timeout || Expired(deadline);
      return Status::Unavailable("cannot connect to " + where_ + ": " +
                                 (late ? std::string("connecting timed out") : ec.message()));
    }
    Tcp().socket().set_option(tcp::no_delay(true), ec);
    return Status::Ok();
  }

  Status Handshake() {
    SSL* ssl = ssl_->native_handle();
    if (IsIpAddress(url_.host)) {
      X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), url_.host.c_str());
    } else {
      SSL_set_tlsext_host_name(ssl, url_.host.c_str());
      SSL_set1_host(ssl, url_.host.c_str());
    }
    Tcp().expires_at(exchange_deadline_);
    error_code ec;
    ERR_clear_error();
    ssl_->async_handshake(asio::ssl::stream_base::client, [&](const error_code& e) { ec = e; });
    Wait();
    const long verified = SSL_get_verify_result(ssl);  // NOLINT(google-runtime-int)
    if (verified != X509_V_OK) {
      return Status::Unavailable("the certificate of " + where_ +
                                 " is not trusted: " + X509_verify_cert_error_string(verified));
    }
    if (ec == beast::error::timeout) {
      return Status::Unavailable("the TLS handshake with " + where_ + " timed out");
    }
    if (ec == asio::error::eof || ec == asio::ssl::error::stream_truncated) {
      return Status::Unavailable(where_ + " closed the connection during TLS");
    }
    if (ec) {
      return Status::Unavailable("the TLS handshake with " + where_ + " failed: " + ec.message());
    }
    return Status::Ok();
  }

  template <typename F>
  void WithStream(F&& f) {
    if (ssl_) {
      f(*ssl_);
    } else {
      f(*plain_);
    }
  }

  Result<HttpReply> Exchange1(std::string_view target, const std::string& body) {
    bhttp::request<bhttp::string_body> req{bhttp::verb::post, url_.prefix + std::string(target),
                                           11};
    req.set(bhttp::field::host, url_.host_header);
    req.set(bhttp::field::content_type, "application/json");
    req.set(bhttp::field::accept, "application/json");
    req.set(bhttp::field::user_agent, "corridor-federation");
    req.set(bhttp::field::connection, "close");
    req.body() = body;
    req.prepare_payload();

    error_code ec;
    Tcp().expires_at(exchange_deadline_);
    WithStream(
        [&](auto& s) { bhttp::async_write(s, req, [&](const error_code& e, size_t) { ec = e; }); });
    Wait();
    if (ec == beast::error::timeout)
      return Status::Unavailable("sending to " + where_ + " timed out");
    if (ec) return Status::Unavailable("sending to " + where_ + " failed: " + ec.message());

    bhttp::response_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<uint32_t>(kMaxHeaderBytes));
    parser.body_limit(static_cast<uint64_t>(options_.max_response_bytes));
    beast::flat_buffer buffer;
    WithStream([&](auto& s) {
      bhttp::async_read(s, buffer, parser, [&](const error_code& e, size_t) { ec = e; });
    });
    Wait();
    if (ec == beast::error::timeout) {
      return Status::Unavailable("waiting for " + where_ + " timed out");
    }
    if (ec == bhttp::error::body_limit) {
      return Status::Unavailable("the answer from " + where_ + " is larger than the limit");
    }
    if (ec && ec.category() == bhttp::make_error_code(bhttp::error::need_more).category()) {
      return Status::Unavailable(where_ + ": " + ParseError(ec).message());
    }
    if (ec) return Status::Unavailable("reading from " + where_ + " failed: " + ec.message());
    HttpReply reply;
    reply.status = static_cast<int>(parser.get().result_int());
    reply.body = std::move(parser.get().body());
    return reply;
  }

  const ParsedUrl& url_;
  const std::string& where_;
  const HttpTransportOptions& options_;
  asio::io_context ioc_{1};
  std::optional<beast::tcp_stream> plain_;
  std::optional<beast::ssl_stream<beast::tcp_stream>> ssl_;
  SteadyClock::time_point exchange_deadline_;
};

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
  bhttp::response_parser<bhttp::string_body> parser;
  parser.header_limit(static_cast<uint32_t>(kMaxHeaderBytes));
  parser.body_limit(boost::none);
  parser.eager(true);
  error_code ec;
  size_t used = 0;
  while (used < bytes.size() && !parser.is_done()) {
    const size_t n = parser.put(asio::buffer(bytes.data() + used, bytes.size() - used), ec);
    used += n;
    if (ec == bhttp::error::need_more) {
      ec = {};
      break;
    }
    if (ec) return ParseError(ec);
    if (n == 0) break;
  }
  if (!parser.is_header_done() && bytes.size() > kMaxHeaderBytes) {
    return ParseError(bhttp::error::header_limit);
  }
  if (!parser.is_done()) {
    if (!at_eof) return false;
    parser.put_eof(ec);
    if (ec) return ParseError(ec);
    if (!parser.is_done()) return ParseError(bhttp::error::partial_message);
  }
  reply.status = static_cast<int>(parser.get().result_int());
  reply.body = std::move(parser.get().body());
  return true;
}

HttpTransport::HttpTransport(HttpTransportOptions options) : options_(std::move(options)) {}

HttpTransport::~HttpTransport() = default;

Status HttpTransport::PrepareTls() {
  std::lock_guard<std::mutex> lock(tls_mu_);
  if (tls_) return Status::Ok();
  auto t = std::make_unique<TlsContext>();
  SSL_CTX* ctx = t->ctx.native_handle();
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  // A peer that closes after its answer without a close_notify has still answered in full: the
  // answer's own framing (Content-Length or chunks) says whether it is complete.
  SSL_CTX_set_options(ctx, SSL_OP_IGNORE_UNEXPECTED_EOF);
  ERR_clear_error();
  const int loaded = options_.ca_file.empty()
                         ? SSL_CTX_set_default_verify_paths(ctx)
                         : SSL_CTX_load_verify_locations(ctx, options_.ca_file.c_str(), nullptr);
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
  if (url.tls) RETURN_IF_ERROR(PrepareTls());
  Exchange exchange(url, base_url, url.tls ? tls_.get() : nullptr, options_);
  return exchange.Run(path, body);
}

}  // namespace corridor::federation
