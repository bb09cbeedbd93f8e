// Tests of the HTTP server over real sockets on 127.0.0.1 (port 0), with a small blocking client
// written here on POSIX sockets. Nothing waits on a clock: a client blocks on its socket (with a
// generous receive timeout as a safety net) until the server answers or closes.
#include "http/server.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/log.hpp"

namespace corridor::http {
namespace {

constexpr int kClientTimeoutSeconds = 20;

std::string Lower(std::string s) {
  for (auto& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

struct ParsedResponse {
  int status = 0;
  std::string status_line;
  std::multimap<std::string, std::string> headers;  // lower-case names
  std::string body;

  std::string header(const std::string& name) const {
    auto it = headers.find(Lower(name));
    return it == headers.end() ? std::string() : it->second;
  }
  size_t count(const std::string& name) const { return headers.count(Lower(name)); }
};

// A blocking HTTP/1.1 client on one connection.
class Client {
 public:
  explicit Client(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket failed");
    timeval tv{kClientTimeoutSeconds, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~Client() {
    if (fd_ >= 0) ::close(fd_);
  }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool connected() const { return connected_; }

  bool Send(const std::string& data) {
    size_t sent = 0;
    while (sent < data.size()) {
      const ssize_t n = ::send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<size_t>(n);
    }
    return true;
  }

  // Reads one response; nullopt if the connection ended (or failed) before a whole one.
  std::optional<ParsedResponse> Read(bool head = false) {
    size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill()) return std::nullopt;
    }
    ParsedResponse r;
    const std::string head_text = buffer_.substr(0, end);
    buffer_.erase(0, end + 4);
    size_t line_end = head_text.find("\r\n");
    r.status_line = head_text.substr(0, line_end);
    if (r.status_line.size() < 12) return std::nullopt;
    r.status = std::atoi(r.status_line.substr(9, 3).c_str());
    while (line_end != std::string::npos) {
      const size_t start = line_end + 2;
      line_end = head_text.find("\r\n", start);
      const std::string line = head_text.substr(start, line_end - start);
      const size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      r.headers.emplace(Lower(line.substr(0, colon)), value);
    }
    if (head || r.status / 100 == 1 || r.status == 204 || r.status == 304) return r;
    const std::string length = r.header("content-length");
    if (length.empty()) return std::nullopt;  // the server always frames with Content-Length
    const size_t n = std::stoul(length);
    while (buffer_.size() < n) {
      if (!Fill()) return std::nullopt;
    }
    r.body = buffer_.substr(0, n);
    buffer_.erase(0, n);
    return r;
  }

  // True if the server closes the connection with nothing more sent (EOF or reset).
  bool ReadsEnd() {
    if (!buffer_.empty()) return false;
    char c;
    const ssize_t n = ::recv(fd_, &c, 1, 0);
    if (n == 0) return true;
    return n < 0 && (errno == ECONNRESET || errno == EPIPE);
  }

  std::string buffered() const { return buffer_; }

 private:
  bool Fill() {
    char chunk[4096];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  std::string buffer_;
};

std::string Get(const std::string& target, const std::string& extra = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: test\r\n" + extra + "\r\n";
}

std::string Post(const std::string& target, const std::string& body) {
  return "POST " + target + " HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain\r\n" +
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

// A server running on its own thread; stopped and joined at the end of the scope.
class Running {
 public:
  Running(const ServerOptions& options, Handler handler, Observer observer = {},
          HeadHandler head = {}) {
    auto created =
        Server::Create(options, std::move(handler), std::move(observer), std::move(head));
    if (!created.ok()) throw std::runtime_error(created.status().ToString());
    server_ = std::move(created).value();
    thread_ = std::thread([this] { server_->Run(); });
  }
  ~Running() {
    server_->Stop();
    if (thread_.joinable()) thread_.join();
  }
  Running(const Running&) = delete;
  Running& operator=(const Running&) = delete;

  Server& server() { return *server_; }
  uint16_t port() const { return server_->port(); }
  void Join() { thread_.join(); }

 private:
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

// Echoes what it received so the tests can see it.
Response Echo(const Request& r) {
  Response out;
  out.content_type = "text/plain";
  out.route = "/echo";
  out.body = r.method + " " + r.target + " path=" + std::string(r.path()) +
             " query=" + std::string(r.query()) + " from=" + r.remote_address +
             " tls=" + (r.tls ? "1" : "0") + " x=" + std::string(r.header("x-test")) +
             " body=" + r.body;
  return out;
}

ServerOptions TestOptions() {
  ServerOptions o;
  o.threads = 2;
  return o;
}

TEST(ServerTest, GetRoundTripWithTheServerHeaders) {
  Running s(TestOptions(), Echo);
  Client c(s.port());
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.Send(Get("/a/b?x=1", "X-Test: hello\r\n")));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "GET /a/b?x=1 path=/a/b query=x=1 from=127.0.0.1 tls=0 x=hello body=");
  EXPECT_EQ(r->header("Content-Length"), std::to_string(r->body.size()));
  EXPECT_EQ(r->header("Content-Type"), "text/plain");
  EXPECT_EQ(r->header("Server"), "corridor");
  EXPECT_EQ(r->header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r->header("Cache-Control"), "no-store");
  EXPECT_NE(r->header("Date").find(" GMT"), std::string::npos) << r->header("Date");
  EXPECT_EQ(r->header("Date").size(), 29u) << r->header("Date");
}

TEST(ServerTest, PostBodyRoundTrip) {
  Running s(TestOptions(), Echo);
  Client c(s.port());
  const std::string body(100'000, 'z');
  ASSERT_TRUE(c.Send(Post("/p", body)));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "POST /p path=/p query= from=127.0.0.1 tls=0 x= body=" + body);
}

TEST(ServerTest, ChunkedRequestBodyIsJoined) {
  Running s(TestOptions(), Echo);
  Client c(s.port());
  ASSERT_TRUE(
      c.Send("POST /c HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
             "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("body=abcde"), std::string::npos) << r->body;
}

TEST(ServerTest, HandlerHeadersAndCacheControlAreKept) {
  Running s(TestOptions(), [](const Request&) {
    Response r;
    r.status = 201;
    r.body = "{}";
    r.set_header("Location", "/things/1");
    r.set_header("Cache-Control", "max-age=60");
    r.set_header("Content-Length", "999");  // the server frames the body itself
    return r;
  });
  Client c(s.port());
  ASSERT_TRUE(c.Send(Get("/")));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(r->header("Location"), "/things/1");
  EXPECT_EQ(r->count("Cache-Control"), 1u);
  EXPECT_EQ(r->header("Cache-Control"), "max-age=60");
  EXPECT_EQ(r->count("Content-Length"), 1u);
  EXPECT_EQ(r->header("Content-Length"), "2");
  EXPECT_EQ(r->header("Content-Type"), "application/json");
  EXPECT_EQ(r->body, "{}");
}

TEST(ServerTest, NoContentHasNoBodyAndNoLength) {
  Running s(TestOptions(), [](const Request&) {
    Response r;
    r.status = 204;
    r.body = "ignored";
    return r;
  });
  Client c(s.port());
  ASSERT_TRUE(c.Send(Get("/") + Get("/")));
  for (int i = 0; i < 2; ++i) {
    auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 204);
    EXPECT_EQ(r->count("Content-Length"), 0u);
  }
  EXPECT_EQ(c.buffered(), "");
}

TEST(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  std::atomic<int> calls{0};
  Running s(TestOptions(), [&](const Request& r) {
    ++calls;
    return Echo(r);
  });
  Client c(s.port());
  ASSERT_TRUE(c.Send(Get("/one")));
  auto first = c.Read();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->count("Connection"), 0u);  // HTTP/1.1 keeps the connection by default
  ASSERT_TRUE(c.Send(Get("/two")));
  auto second = c.Read();
  ASSERT_TRUE(second);
  EXPECT_NE(first->body.find("GET /one "), std::string::npos);
  EXPECT_NE(second->body.find("GET /two "), std::string::npos);
  EXPECT_EQ(calls.load(), 2);
}

TEST(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  Running s(TestOptions(), Echo);
  Client c(s.port());
  ASSERT_TRUE(c.Send(Get("/first") + Post("/second", "payload") + Get("/third")));
  auto a = c.Read();
  auto b = c.Read();
  auto d = c.Read();
  ASSERT_TRUE(a && b && d);
  EXPECT_EQ(a->body.rfind("GET /first ", 0), 0u) << a->body;
  EXPECT_EQ(b->body.rfind("POST /second ", 0), 0u) << b->body;
  EXPECT_NE(b->body.find("body=payload"), std::string::npos);
  EXPECT_EQ(d->body.rfind("GET /third ", 0), 0u) << d->body;
}

TEST(ServerTest, HeadSendsTheLengthOfTheBodyButNoBody) {
  std::vector<std::string> methods;
  std::mutex mu;
  Running s(TestOptions(), [&](const Request& r) {
    {
      std::lock_guard lock(mu);
      methods.push_back(r.method);
    }
    Response out;
    out.body = std::string(1234, 'h');
    return out;
  });
  Client c(s.port());
  ASSERT_TRUE(c.Send("HEAD /h HTTP/1.1\r\nHost: t\r\n\r\n" + Get("/after")));
  auto head = c.Read(/*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->header("Content-Length"), "1234");
  // The next bytes are the next response, not a body.
  auto next = c.Read();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status_line, "HTTP/1.1 200 OK");
  EXPECT_EQ(next->body.size(), 1234u);
  std::lock_guard lock(mu);
  EXPECT_EQ(methods, (std::vector<std::string>{"HEAD", "GET"}));
}

TEST(ServerTest, ExpectContinueGetsAnInterimResponse) {
  Running s(TestOptions(), Echo);
  Client c(s.port());
  ASSERT_TRUE(
      c.Send("PUT /x HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"));
  auto interim = c.Read();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(c.Send("hello"));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("body=hello"), std::string::npos);
}

TEST(ServerTest, Http10WithoutKeepAliveIsClosedAfterTheResponse) {
  Running s(TestOptions(), Echo);
  Client c(s.port());
  ASSERT_TRUE(c.Send("GET /old HTTP/1.0\r\n\r\n"));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status_line.rfind("HTTP/1.0 200", 0), 0u) << r->status_line;
  EXPECT_TRUE(c.ReadsEnd());
}

TEST(ServerTest, ConnectionCloseRequestIsHonoured) {
  Running s(TestOptions(), Echo);
  Client c(s.port());
  ASSERT_TRUE(c.Send(Get("/", "Connection: close\r\n")));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(Lower(r->header("Connection")), "close");
  EXPECT_TRUE(c.ReadsEnd());
}

// The problem responses the server writes itself, checked in one place.
void ExpectProblem(const std::optional<ParsedResponse>& r, int status, const std::string& slug) {
  ASSERT_TRUE(r) << "no response";
  EXPECT_EQ(r->status, status);
  EXPECT_EQ(r->header("Content-Type"), "application/problem+json");
  EXPECT_EQ(Lower(r->header("Connection")), "close");
  EXPECT_EQ(r->header("Server"), "corridor");
  EXPECT_EQ(r->header("Cache-Control"), "no-store");
  EXPECT_EQ(r->header("X-Content-Type-Options"), "nosniff");
  EXPECT_FALSE(r->header("Date").empty());
  EXPECT_NE(r->body.find("\"type\":\"/problems/" + slug + "\""), std::string::npos) << r->body;
  EXPECT_NE(r->body.find("\"status\":" + std::to_string(status)), std::string::npos) << r->body;
  EXPECT_NE(r->body.find("\"title\":"), std::string::npos) << r->body;
  EXPECT_NE(r->body.find("\"detail\":"), std::string::npos) << r->body;
}

Response MustNotBeCalled(const Request& r) {
  ADD_FAILURE() << "handler called for " << r.method << " " << r.target;
  return {};
}

TEST(ServerTest, HeaderTooLargeIs431) {
  ServerOptions o = TestOptions();
  o.max_header_bytes = 1024;
  Running s(o, MustNotBeCalled);
  Client c(s.port());
  ASSERT_TRUE(c.Send(Get("/", "X-Big: " + std::string(2000, 'a') + "\r\n")));
  ExpectProblem(c.Read(), 431, "request-header-too-large");
  EXPECT_TRUE(c.ReadsEnd());
}

TEST(ServerTest, HeaderJustUnderTheLimitIsServed) {
  ServerOptions o = TestOptions();
  o.max_header_bytes = 1024;
  Running s(o, Echo);
  Client c(s.port());
  std::string request = Get("/", "X-Big: \r\n");
  request = Get("/", "X-Big: " + std::string(1000 - request.size(), 'a') + "\r\n");
  ASSERT_LT(request.size(), 1024u);
  ASSERT_TRUE(c.Send(request));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST(ServerTest, BodyTooLargeIs413BeforeTheBodyIsSent) {
  ServerOptions o = TestOptions();
  o.max_body_bytes = 16;
  Running s(o, MustNotBeCalled);
  Client c(s.port());
  ASSERT_TRUE(c.Send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 17\r\n\r\n"));
  auto r = c.Read();
  ExpectProblem(r, 413, "content-too-large");
  EXPECT_NE(r->body.find("16 bytes"), std::string::npos) << r->body;
  EXPECT_TRUE(c.ReadsEnd());
}

TEST(ServerTest, ChunkedBodyTooLargeIs413) {
  ServerOptions o = TestOptions();
  o.max_body_bytes = 16;
  Running s(o, MustNotBeCalled);
  Client c(s.port());
  ASSERT_TRUE(
      c.Send("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
             "10\r\n0123456789abcdef\r\n1\r\nx\r\n0\r\n\r\n"));
  ExpectProblem(c.Read(), 413, "content-too-large");
}

TEST(ServerTest, BodyAtTheLimitIsServed) {
  ServerOptions o = TestOptions();
  o.max_body_bytes = 16;
  Running s(o, Echo);
  Client c(s.port());
  ASSERT_TRUE(c.Send(Post("/", std::string(16, 'b'))));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST(ServerTest, MalformedRequestsAre400) {
  const std::vector<std::string> cases = {
      std::string("\x16\x03\x01\x02\x00garbage\r\n\r\n", 16),  // TLS to a plain port
      "HELLO\r\n\r\n",                                         // no target or version
      "GET / HTTP/2.0\r\nHost: t\r\n\r\n",                     // only HTTP/1.0 and 1.1 are spoken
      "GET / HTTP/0.9\r\nHost: t\r\n\r\n",
      "GET / HTTP/1.1\r\nHost t\r\n\r\n",                        // field without colon
      "GET / HTTP/1.1\r\nHost: t\r\nContent-Length: x\r\n\r\n",  // bad length
      "GET / HTTP/1.1\r\n\r\n",                                  // HTTP/1.1 without Host
      "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",            // two Hosts
      "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
  };
  Running s(TestOptions(), MustNotBeCalled);
  for (const auto& bytes : cases) {
    SCOPED_TRACE(bytes);
    Client c(s.port());
    ASSERT_TRUE(c.Send(bytes));
    ExpectProblem(c.Read(), 400, "malformed-request");
    EXPECT_TRUE(c.ReadsEnd());
  }
}

TEST(ServerTest, SlowRequestIsCutOffWith408) {
  ServerOptions o = TestOptions();
  o.read_timeout_ms = 200;
  Running s(o, MustNotBeCalled);
  Client c(s.port());
  ASSERT_TRUE(c.Send("GET /slow HTTP/1.1\r\nHost: t\r\nX-Part"));  // and nothing more
  ExpectProblem(c.Read(), 408, "request-timeout");
  EXPECT_TRUE(c.ReadsEnd());
}

TEST(ServerTest, SlowBodyIsCutOffWith408) {
  ServerOptions o = TestOptions();
  o.read_timeout_ms = 200;
  Running s(o, MustNotBeCalled);
  Client c(s.port());
  ASSERT_TRUE(c.Send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc"));
  ExpectProblem(c.Read(), 408, "request-timeout");
  EXPECT_TRUE(c.ReadsEnd());
}

TEST(ServerTest, NewConnectionWithoutARequestIsClosedAfterTheReadTimeout) {
  ServerOptions o = TestOptions();
  o.read_timeout_ms = 200;
  o.idle_timeout_ms = 600'000;
  Running s(o, MustNotBeCalled);
  Client fresh(s.port());  // never sends a byte
  EXPECT_TRUE(fresh.ReadsEnd());
  EXPECT_EQ(fresh.buffered(), "");
}

TEST(ServerTest, IdleKeepAliveConnectionIsClosedAfterTheIdleTimeout) {
  ServerOptions o = TestOptions();
  o.idle_timeout_ms = 200;
  o.read_timeout_ms = 600'000;
  Running s(o, Echo);
  Client used(s.port());
  ASSERT_TRUE(used.Send(Get("/")));
  ASSERT_TRUE(used.Read());
  EXPECT_TRUE(used.ReadsEnd());  // silently: no 408 for a connection between requests
}

TEST(ServerTest, HandlerExceptionIs500WithoutItsText) {
  Running s(TestOptions(), [](const Request&) -> Response {
    throw std::runtime_error("secret table workers_private missing");
  });
  testing::internal::CaptureStderr();
  Client c(s.port());
  ASSERT_TRUE(c.Send(Get("/boom")));
  auto r = c.Read();
  // The connection stays usable.
  ASSERT_TRUE(c.Send(Get("/boom")));
  auto again = c.Read();
  const std::string log = testing::internal::GetCapturedStderr();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(r->header("Content-Type"), "application/problem+json");
  EXPECT_NE(r->body.find("/problems/internal-error"), std::string::npos) << r->body;
  EXPECT_EQ(r->body.find("secret"), std::string::npos) << r->body;
  EXPECT_NE(log.find("secret table workers_private missing"), std::string::npos) << log;
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 500);
}

// --- the head phase, framing, the body budget, request ids -------------------------------

// Answers every head: a login check that refuses requests without "Authorization: yes", and a
// body limit of 8 bytes for /small.
HeadDecision TestHead(const Request& head) {
  HeadDecision d;
  if (head.header("Authorization") != "yes") {
    Response r;
    r.status = 401;
    r.content_type = "text/plain";
    r.body = "log in";
    r.route = "/login";
    d.answer = r;
    return d;
  }
  d.max_body_bytes = head.path() == "/small" ? 8 : 1 << 20;
  return d;
}

TEST(ServerTest, ARequestRefusedOnItsHeadIsAnsweredBeforeItsBodyIsSent) {
  Running s(TestOptions(), MustNotBeCalled, {}, TestHead);
  Client c(s.port());
  // 10 MiB announced and never sent: the answer comes at once, not after a read timeout.
  ASSERT_TRUE(c.Send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 10485760\r\n\r\n"));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(r->body, "log in");
  // The body was not read, so the connection cannot carry another request.
  EXPECT_EQ(Lower(r->header("Connection")), "close");
  EXPECT_TRUE(c.ReadsEnd());
}

TEST(ServerTest, ARequestWithoutABodyRefusedOnItsHeadKeepsTheConnection) {
  Running s(TestOptions(), Echo, {}, TestHead);
  Client c(s.port());
  ASSERT_TRUE(c.Send(Get("/a")));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  ASSERT_TRUE(c.Send(Get("/b", "Authorization: yes\r\n")));
  auto again = c.Read();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
}

TEST(ServerTest, TheHeadHandlerSetsTheBodyLimitOfItsRoute) {
  Running s(TestOptions(), Echo, {}, TestHead);
  {
    Client c(s.port());
    ASSERT_TRUE(
        c.Send("POST /small HTTP/1.1\r\nHost: t\r\nAuthorization: yes\r\n"
               "Content-Length: 9\r\n\r\n"));
    auto r = c.Read();
    ExpectProblem(r, 413, "content-too-large");
    EXPECT_NE(r->body.find("8 bytes"), std::string::npos) << r->body;
  }
  {
    Client c(s.port());
    ASSERT_TRUE(
        c.Send("POST /small HTTP/1.1\r\nHost: t\r\nAuthorization: yes\r\n"
               "Transfer-Encoding: chunked\r\n\r\n5\r\n12345\r\n5\r\n67890\r\n0\r\n\r\n"));
    ExpectProblem(c.Read(), 413, "content-too-large");
  }
  {
    Client c(s.port());
    ASSERT_TRUE(
        c.Send("POST /small HTTP/1.1\r\nHost: t\r\nAuthorization: yes\r\n"
               "Content-Length: 8\r\n\r\n12345678"));
    auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_NE(r->body.find("body=12345678"), std::string::npos) << r->body;
  }
  {
    Client c(s.port());  // another route takes more
    ASSERT_TRUE(
        c.Send("POST /big HTTP/1.1\r\nHost: t\r\nAuthorization: yes\r\n"
               "Content-Length: 9\r\n\r\n123456789"));
    auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
  }
}

TEST(ServerTest, UnknownTransferCodingsAreRefused) {
  struct Case {
    std::string headers;
    int status;
  };
  const std::vector<Case> cases = {
      {"Transfer-Encoding: gzip, chunked\r\n", 501},
      {"Transfer-Encoding: x-unknown\r\nTransfer-Encoding: chunked\r\n", 501},
      {"Transfer-Encoding: gzip\r\n", 400},
      {"Transfer-Encoding: chunked, gzip\r\n", 400},
      {"Transfer-Encoding: chunked, chunked\r\n", 400},
      {"Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", 400},
  };
  Running s(TestOptions(), MustNotBeCalled);
  for (const auto& k : cases) {
    Client c(s.port());
    ASSERT_TRUE(
        c.Send("POST / HTTP/1.1\r\nHost: t\r\n" + k.headers + "\r\n5\r\nhello\r\n0\r\n\r\n"));
    auto r = c.Read();
    ExpectProblem(r, k.status,
                  k.status == 501 ? "unsupported-transfer-coding" : "malformed-request");
  }
  // Chunked alone is read (ChunkedRequestBodyIsJoined); its name in any case too.
  Running echo(TestOptions(), Echo);
  Client c(echo.port());
  ASSERT_TRUE(
      c.Send("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: Chunked\r\n\r\n"
             "2\r\nok\r\n0\r\n\r\n"));
  auto r = c.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST(ServerTest, BodiesInFlightAreBoundedAndTheBudgetIsReturned) {
  ServerOptions o = TestOptions();
  o.max_body_bytes = 60;
  o.max_body_bytes_in_flight = 100;
  Running s(o, Echo);
  const std::string head = "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 60\r\n\r\n";
  Client first(s.port());
  // Expect: 100-continue makes the server say when it has taken the request on.
  ASSERT_TRUE(
      first.Send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 60\r\n"
                 "Expect: 100-continue\r\n\r\n"));
  auto go = first.Read(/*head=*/true);
  ASSERT_TRUE(go);
  EXPECT_EQ(go->status, 100);
  {
    Client second(s.port());  // 60 more do not fit beside the first's 60
    ASSERT_TRUE(second.Send(head));
    auto r = second.Read();
    ExpectProblem(r, 503, "busy");
    EXPECT_EQ(r->header("Retry-After"), "1");
  }
  ASSERT_TRUE(first.Send(std::string(60, 'a')));
  auto done = first.Read();
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, 200);
  // The first's reservation ended with its request.
  Client third(s.port());
  ASSERT_TRUE(third.Send(head + std::string(60, 'b')));
  auto r = third.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST(ServerTest, TheRequestIdIsGivenToTheHandlerAndSentBack) {
  std::mutex mu;
  std::vector<std::string> seen;
  Running s(TestOptions(), [&](const Request& q) {
    std::lock_guard lock(mu);
    seen.push_back(q.request_id);
    return Response();
  });
  Client c(s.port());
  ASSERT_TRUE(c.Send(Get("/", "X-Request-Id: abc-123_x.y\r\n")));
  auto given = c.Read();
  ASSERT_TRUE(c.Send(Get("/", "X-Request-Id: not a token\r\n")));
  auto made = c.Read();
  ASSERT_TRUE(given && made);
  EXPECT_EQ(given->header("X-Request-Id"), "abc-123_x.y");
  const std::string id = made->header("X-Request-Id");
  EXPECT_TRUE(log::ValidRequestId(id)) << id;
  EXPECT_NE(id, "not a token");
  std::lock_guard lock(mu);
  EXPECT_EQ(seen, (std::vector<std::string>{"abc-123_x.y", id}));
}

TEST(ServerTest, AFailureIsLoggedAsOneLineNamingTheRequest) {
  std::mutex mu;
  std::vector<std::string> lines;
  log::SetSink([&](std::string_view line) {
    std::lock_guard lock(mu);
    lines.emplace_back(line);
  });
  {
    Running s(TestOptions(),
              [](const Request&) -> Response { throw std::runtime_error("disk on fire"); });
    Client c(s.port());
    ASSERT_TRUE(c.Send(Get("/secret/path/N1234567", "X-Request-Id: req-42\r\n")));
    auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 500);
  }
  log::SetSink({});
  std::lock_guard lock(mu);
  bool threw = false;
  for (const auto& l : lines) {
    EXPECT_EQ(l.find("N1234567"), std::string::npos) << "the path is not logged: " << l;
    EXPECT_EQ(l.find('\n'), std::string::npos) << l;
    if (l.find("event=http.handler_threw") != std::string::npos) {
      threw = true;
      EXPECT_NE(l.find("request=req-42"), std::string::npos) << l;
      EXPECT_NE(l.find("error=\"disk on fire\""), std::string::npos) << l;
      EXPECT_NE(l.find("level=error"), std::string::npos) << l;
    }
  }
  EXPECT_TRUE(threw);
}

TEST(ServerTest, NonStandardExceptionIs500) {
  Running s(TestOptions(), [](const Request&) -> Response { throw 42; });
  testing::internal::CaptureStderr();
  Client c(s.port());
  ASSERT_TRUE(c.Send(Get("/")));
  auto r = c.Read();
  testing::internal::GetCapturedStderr();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 500);
}

TEST(ServerTest, InvalidResponsesFromTheHandlerAre500) {
  Running s(TestOptions(), [](const Request& q) {
    Response r;
    if (q.target == "/status") r.status = 42;
    if (q.target == "/split") r.set_header("Location", "/x\r\nSet-Cookie: evil=1");
    if (q.target == "/name") r.set_header("Bad Name", "v");
    if (q.target == "/type") r.content_type = "text/plain\r\nX-Evil: 1";
    return r;
  });
  testing::internal::CaptureStderr();
  for (const std::string target : {"/status", "/split", "/name", "/type"}) {
    SCOPED_TRACE(target);
    Client c(s.port());
    ASSERT_TRUE(c.Send(Get(target)));
    auto r = c.Read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 500);
    EXPECT_EQ(r->count("Set-Cookie"), 0u);
    EXPECT_EQ(r->count("X-Evil"), 0u);
  }
  testing::internal::GetCapturedStderr();
}

TEST(ServerTest, ObserverSeesEveryResponse) {
  std::mutex mu;
  std::vector<RequestRecord> records;
  ServerOptions o = TestOptions();
  o.max_body_bytes = 4;
  Running s(
      o,
      [](const Request& q) {
        Response r;
        if (q.target == "/routed") r.route = "/routed/{id}";
        if (q.target == "/missing") r.status = 404;
        return r;
      },
      [&](const RequestRecord& r) {
        std::lock_guard lock(mu);
        records.push_back(r);
      });
  {
    Client c(s.port());
    ASSERT_TRUE(c.Send(Get("/routed") + Get("/missing")));
    ASSERT_TRUE(c.Read());
    ASSERT_TRUE(c.Read());
    ASSERT_TRUE(c.Send(Post("/big", "12345")));
    ASSERT_TRUE(c.Read());
    // The observer runs after the write completes: the connection's end orders it.
    EXPECT_TRUE(c.ReadsEnd());
  }
  std::lock_guard lock(mu);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].method, "GET");
  EXPECT_EQ(records[0].route, "/routed/{id}");
  EXPECT_EQ(records[0].status, 200);
  EXPECT_GE(records[0].seconds, 0.0);
  EXPECT_EQ(records[1].route, "unmatched");
  EXPECT_EQ(records[1].status, 404);
  EXPECT_EQ(records[2].method, "POST");
  EXPECT_EQ(records[2].route, "unmatched");
  EXPECT_EQ(records[2].status, 413);
}

TEST(ServerTest, MaxConnectionsIsEnforced) {
  ServerOptions o = TestOptions();
  o.max_connections = 1;
  Running s(o, Echo);
  auto first = std::make_unique<Client>(s.port());
  ASSERT_TRUE(first->Send(Get("/")));
  ASSERT_TRUE(first->Read());  // its session is registered now
  {
    Client second(s.port());
    ExpectProblem(second.Read(), 503, "too-many-connections");
    EXPECT_TRUE(second.ReadsEnd());
  }
  first.reset();
  // The slot frees once the server has seen the first connection close; until then a new
  // connection may still be refused.
  bool served = false;
  for (int attempt = 0; attempt < 200 && !served; ++attempt) {
    Client next(s.port());
    next.Send(Get("/again"));  // a refused connection may be reset before or after this
    auto r = next.Read();
    served = r && r->status == 200;
    if (r && !served) {
      EXPECT_EQ(r->status, 503);
    }
  }
  EXPECT_TRUE(served);
}

// True if a new connection gets an answer to a request.
bool Served(uint16_t port) {
  Client c(port);
  if (!c.connected()) return false;
  if (!c.Send(Get("/new"))) return false;
  return c.Read().has_value();
}

TEST(ServerTest, StopFinishesTheRequestInFlightAndClosesTheRest) {
  std::promise<void> entered;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  auto created = Server::Create(TestOptions(), [&](const Request& r) {
    if (r.target == "/slow") {
      entered.set_value();
      released.wait();
    }
    return Echo(r);
  });
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  Server& server = **created;
  std::thread runner([&] { server.Run(); });

  Client idle(server.port());
  ASSERT_TRUE(idle.Send(Get("/warm")));
  ASSERT_TRUE(idle.Read());
  Client busy(server.port());
  ASSERT_TRUE(busy.Send(Get("/slow")));
  entered.get_future().wait();

  server.Stop();
  EXPECT_TRUE(idle.ReadsEnd());         // an idle keep-alive connection is closed at once
  EXPECT_FALSE(Served(server.port()));  // new connections are not served
  release.set_value();
  auto r = busy.Read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("GET /slow "), std::string::npos);
  EXPECT_EQ(Lower(r->header("Connection")), "close");
  EXPECT_TRUE(busy.ReadsEnd());
  runner.join();  // Run returns once the sessions are gone
  EXPECT_FALSE(Served(server.port()));
}

TEST(ServerTest, DrainTimeoutEndsRunWhileAResponseIsStuck) {
  ServerOptions o = TestOptions();
  o.drain_timeout_ms = 100;
  std::promise<void> entered;
  auto created = Server::Create(o, [&](const Request&) {
    Response r;
    r.body = std::string(32 << 20, 'x');  // more than the socket buffers hold
    entered.set_value();
    return r;
  });
  ASSERT_TRUE(created.ok());
  Server& server = **created;
  std::thread runner([&] { server.Run(); });
  Client reader_that_never_reads(server.port());
  ASSERT_TRUE(reader_that_never_reads.Send(Get("/big")));
  entered.get_future().wait();
  testing::internal::CaptureStderr();
  server.Stop();
  runner.join();  // within the drain timeout, not the 30 s write timeout
  const std::string log = testing::internal::GetCapturedStderr();
  EXPECT_NE(log.find("level=warn event=http.drain_timeout open_connections=1"), std::string::npos)
      << log;
}

TEST(ServerTest, StopBeforeRunMakesRunReturn) {
  auto created = Server::Create(TestOptions(), Echo);
  ASSERT_TRUE(created.ok());
  (*created)->Stop();
  (*created)->Run();
  EXPECT_FALSE(Served((*created)->port()));
}

TEST(ServerTest, SigtermStopsTheServer) {
  auto created = Server::Create(TestOptions(), Echo);
  ASSERT_TRUE(created.ok());
  Server& server = **created;
  server.HandleSignals();
  std::thread runner([&] { server.Run(); });
  ASSERT_TRUE(Served(server.port()));
  ASSERT_EQ(std::raise(SIGTERM), 0);
  runner.join();
  EXPECT_FALSE(Served(server.port()));
}

// --- creation errors ------------------------------------------------------------------------

TEST(ServerTest, PortZeroPicksAFreePortAndAPortInUseIsRefused) {
  auto a = Server::Create(TestOptions(), Echo);
  ASSERT_TRUE(a.ok());
  EXPECT_NE((*a)->port(), 0);
  ServerOptions o = TestOptions();
  o.port = (*a)->port();
  auto b = Server::Create(o, Echo);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().code(), Code::kUnavailable);
  EXPECT_NE(b.status().message().find("port " + std::to_string(o.port)), std::string::npos)
      << b.status().message();
  EXPECT_NE(b.status().message().find("in use"), std::string::npos) << b.status().message();
}

TEST(ServerTest, BadOptionsAreRefusedPrecisely) {
  struct Case {
    std::function<void(ServerOptions&)> change;
    std::string field;
    std::string words;
  };
  const std::vector<Case> cases = {
      {[](ServerOptions& o) { o.host = "localhost.invalid"; }, "host", "not an IPv4 or IPv6"},
      {[](ServerOptions& o) { o.host = "256.1.1.1"; }, "host", "not an IPv4 or IPv6"},
      {[](ServerOptions& o) { o.host = "192.0.2.1"; }, "host", "not an address of this machine"},
      {[](ServerOptions& o) { o.threads = -1; }, "threads", "not -1"},
      {[](ServerOptions& o) { o.read_timeout_ms = 0; }, "read_timeout_ms", "positive"},
      {[](ServerOptions& o) { o.idle_timeout_ms = -5; }, "idle_timeout_ms", "positive"},
      {[](ServerOptions& o) { o.write_timeout_ms = 0; }, "write_timeout_ms", "positive"},
      {[](ServerOptions& o) { o.drain_timeout_ms = -1; }, "drain_timeout_ms", "negative"},
      {[](ServerOptions& o) { o.max_connections = 0; }, "max_connections", "at least 1"},
      {[](ServerOptions& o) { o.max_header_bytes = 10; }, "max_header_bytes", "between"},
      {[](ServerOptions& o) { o.server_name = "a\r\nb"; }, "server_name", "header value"},
      {[](ServerOptions& o) { o.tls_certificate_file = "/x.pem"; }, "tls_private_key_file",
       "tls_private_key_file is not"},
      {[](ServerOptions& o) { o.tls_private_key_file = "/x.pem"; }, "tls_certificate_file",
       "tls_certificate_file is not"},
  };
  for (const auto& c : cases) {
    ServerOptions o = TestOptions();
    c.change(o);
    auto r = Server::Create(o, Echo);
    ASSERT_FALSE(r.ok()) << c.field;
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument) << c.field;
    EXPECT_EQ(r.status().field(), c.field);
    EXPECT_NE(r.status().message().find(c.words), std::string::npos) << r.status().message();
  }
  auto no_handler = Server::Create(TestOptions(), Handler{});
  EXPECT_FALSE(no_handler.ok());
}

TEST(ServerTest, Ipv6LoopbackWorks) {
  ServerOptions o = TestOptions();
  o.host = "::1";
  auto created = Server::Create(o, Echo);
  if (!created.ok()) GTEST_SKIP() << "no IPv6 loopback here: " << created.status().ToString();
  EXPECT_NE((*created)->port(), 0);
  ServerOptions bracketed = TestOptions();
  bracketed.host = "[::1]";
  EXPECT_TRUE(Server::Create(bracketed, Echo).ok());
}

// --- TLS ------------------------------------------------------------------------------------

class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "corridor-http-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

int Shell(const std::string& command) {
  return std::system((command + " 2>/dev/null").c_str());  // NOLINT(concurrency-mt-unsafe)
}

std::string Capture(const std::string& command) {
  std::string out;
  std::FILE* p = ::popen(command.c_str(), "r");
  if (p == nullptr) return out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  ::pclose(p);
  return out;
}

// A self-signed certificate and its key (P-256), made by the openssl command-line tool.
bool MakeCertificate(const TempDir& dir, const std::string& name) {
  return Shell(
             "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 "
             "-subj /CN=localhost -keyout " +
             dir.file(name + ".key") + " -out " + dir.file(name + ".crt")) == 0;
}

TEST(ServerTlsTest, ServesHttpsAndMarksTheRequest) {
  TempDir dir;
  ASSERT_TRUE(MakeCertificate(dir, "a"));
  ServerOptions o = TestOptions();
  o.tls_certificate_file = dir.file("a.crt");
  o.tls_private_key_file = dir.file("a.key");
  Running s(o, Echo);
  const std::string url = "https://127.0.0.1:" + std::to_string(s.port());
  // Two requests on one connection; the second a POST.
  const std::string out = Capture("curl --silent --show-error --insecure --max-time 20 " + url +
                                  "/secure --next --insecure --max-time 20 --data-binary tlsbody " +
                                  url + "/again 2>&1");
  EXPECT_NE(out.find("GET /secure path=/secure query= from=127.0.0.1 tls=1"), std::string::npos)
      << out;
  EXPECT_NE(out.find("POST /again"), std::string::npos) << out;
  EXPECT_NE(out.find("body=tlsbody"), std::string::npos) << out;

  // TLS 1.2 is served as well as 1.3.
  const std::string v12 =
      Capture("curl --silent --insecure --max-time 20 --tls-max 1.2 " + url + "/v12 2>&1");
  EXPECT_NE(v12.find("GET /v12 "), std::string::npos) << v12;

  // Plain HTTP to the TLS port is not served.
  Client plain(s.port());
  ASSERT_TRUE(plain.Send(Get("/plain")));
  EXPECT_FALSE(plain.Read().has_value());
}

TEST(ServerTlsTest, HandshakeIsBoundedByTheReadTimeout) {
  TempDir dir;
  ASSERT_TRUE(MakeCertificate(dir, "a"));
  ServerOptions o = TestOptions();
  o.tls_certificate_file = dir.file("a.crt");
  o.tls_private_key_file = dir.file("a.key");
  o.read_timeout_ms = 200;
  o.idle_timeout_ms = 600'000;
  Running s(o, MustNotBeCalled);
  Client silent(s.port());  // connects, never starts the handshake
  EXPECT_TRUE(silent.ReadsEnd());
}

TEST(ServerTlsTest, BadCertificateFilesAreRefusedPrecisely) {
  TempDir dir;
  ASSERT_TRUE(MakeCertificate(dir, "a"));
  ASSERT_TRUE(MakeCertificate(dir, "b"));
  { std::ofstream(dir.file("junk.pem")) << "not a certificate\n"; }
  ASSERT_EQ(Shell("openssl ec -in " + dir.file("a.key") + " -aes256 -passout pass:secret -out " +
                  dir.file("encrypted.key")),
            0);
  struct Case {
    std::string cert;
    std::string key;
    std::string field;
    std::vector<std::string> words;
  };
  const std::vector<Case> cases = {
      {dir.file("missing.crt"),
       dir.file("a.key"),
       "tls_certificate_file",
       {dir.file("missing.crt"), "cannot be read", "No such file"}},
      {dir.file("a.crt"),
       dir.file("missing.key"),
       "tls_private_key_file",
       {dir.file("missing.key"), "cannot be read"}},
      {dir.file("junk.pem"),
       dir.file("a.key"),
       "tls_certificate_file",
       {dir.file("junk.pem"), "no valid PEM certificate"}},
      {dir.file("a.key"), dir.file("a.key"), "tls_certificate_file", {"no valid PEM certificate"}},
      {dir.file("a.crt"),
       dir.file("junk.pem"),
       "tls_private_key_file",
       {dir.file("junk.pem"), "no valid PEM private key"}},
      {dir.file("a.crt"), dir.file("a.crt"), "tls_private_key_file", {"no valid PEM private key"}},
      {dir.file("a.crt"),
       dir.file("encrypted.key"),
       "tls_private_key_file",
       {"encrypted with a passphrase"}},
      {dir.file("a.crt"),
       dir.file("b.key"),
       "tls_private_key_file",
       {dir.file("b.key"), "does not match", dir.file("a.crt")}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.cert + " " + c.key);
    ServerOptions o = TestOptions();
    o.tls_certificate_file = c.cert;
    o.tls_private_key_file = c.key;
    auto r = Server::Create(o, Echo);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
    EXPECT_EQ(r.status().field(), c.field);
    for (const auto& w : c.words) {
      EXPECT_NE(r.status().message().find(w), std::string::npos) << r.status().message();
    }
  }
}

}  // namespace
}  // namespace corridor::http
