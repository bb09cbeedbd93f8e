#include "federation/http_transport.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

namespace corridor::federation {
namespace {

TEST(BaseUrlTest, ReadsHostPortAndPrefix) {
  auto u = ParseBaseUrl("http://127.0.0.1:8080");
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_EQ(u->host, "127.0.0.1");
  EXPECT_EQ(u->port, 8080);
  EXPECT_EQ(u->prefix, "");
  EXPECT_EQ(u->host_header, "127.0.0.1:8080");
  u = ParseBaseUrl("http://corridor.example.kw/node/");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->host, "corridor.example.kw");
  EXPECT_EQ(u->port, 80);
  EXPECT_EQ(u->prefix, "/node");
  u = ParseBaseUrl("http://[::1]:9000");
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_EQ(u->host, "::1");
  EXPECT_EQ(u->port, 9000);
  EXPECT_FALSE(u->tls);
  u = ParseBaseUrl("https://corridor.example.kw");
  ASSERT_TRUE(u.ok());
  EXPECT_TRUE(u->tls);
  EXPECT_EQ(u->port, 443);
  u = ParseBaseUrl("https://127.0.0.1:8443/node");
  ASSERT_TRUE(u.ok());
  EXPECT_TRUE(u->tls);
  EXPECT_EQ(u->port, 8443);
  EXPECT_EQ(u->prefix, "/node");
}

TEST(HttpTransportTest, AnUnloadableCaFileIsAnErrorNamingIt) {
  HttpTransportOptions o;
  o.ca_file = "/nonexistent/ca.pem";
  HttpTransport t(o);
  Status s = t.PrepareTls();
  EXPECT_EQ(s.field(), "federation_ca_file");
  EXPECT_NE(s.message().find("/nonexistent/ca.pem"), std::string::npos) << s.message();
}

TEST(BaseUrlTest, RefusesWhatItCannotUse) {
  const std::pair<const char*, const char*> cases[] = {
      {"ftp://x", "must start with http:// or https://"},
      {"HTTP://x", "must start with http:// or https://"},
      {"http://", "has no host"},
      {"http://:80", "has no host"},
      {"http://x.kw:", "has an empty port"},
      {"http://x.kw:0", "has a port outside 1-65535"},
      {"http://x.kw:70000", "has a port outside 1-65535"},
      {"http://x.kw:8a", "has a bad port"},
      {"http://user@x.kw", "has a character not allowed in a host name"},
      {"http://x.kw/a?b", "has a path with a character not allowed here"},
      {"http://x.kw/a b", "has a path with a character not allowed here"},
      {"http://[::1", "has an unclosed ["},
  };
  for (const auto& [url, why] : cases) {
    auto u = ParseBaseUrl(url);
    ASSERT_FALSE(u.ok()) << url;
    EXPECT_EQ(u.status().message(), std::string("the peer URL \"") + url + "\" " + why);
    EXPECT_EQ(u.status().field(), "url");
  }
}

TEST(HttpResponseTest, ReadsByLengthChunksOrEnd) {
  HttpReply r;
  const std::string by_length = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
  EXPECT_EQ(*ParseHttpResponse(by_length.substr(0, 30), false, r), false);
  EXPECT_EQ(*ParseHttpResponse(by_length.substr(0, by_length.size() - 1), false, r), false);
  EXPECT_EQ(*ParseHttpResponse(by_length, false, r), true);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "hello");
  const std::string chunked =
      "HTTP/1.1 409 Conflict\r\ntransfer-encoding: chunked\r\n\r\n4;x=1\r\nabcd\r\n2\r\nef\r\n"
      "0\r\nX-Trailer: 1\r\n\r\n";
  EXPECT_EQ(*ParseHttpResponse(chunked.substr(0, chunked.size() - 2), false, r), false);
  EXPECT_EQ(*ParseHttpResponse(chunked, false, r), true);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.body, "abcdef");
  const std::string to_end = "HTTP/1.0 503 Busy\r\nServer: x\r\n\r\nlater";
  EXPECT_EQ(*ParseHttpResponse(to_end, false, r), false);
  EXPECT_EQ(*ParseHttpResponse(to_end, true, r), true);
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.body, "later");
}

TEST(HttpResponseTest, RefusesMalformedAnswers) {
  HttpReply r;
  EXPECT_FALSE(ParseHttpResponse("SMTP 220\r\n\r\n", false, r).ok());
  EXPECT_FALSE(ParseHttpResponse("HTTP/1.1 200 OK\r\nno colon\r\n\r\n", false, r).ok());
  EXPECT_FALSE(ParseHttpResponse("HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n", false, r).ok());
  EXPECT_FALSE(ParseHttpResponse("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nab", true, r).ok());
  EXPECT_FALSE(ParseHttpResponse(
                   "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabcd\r\n", false, r)
                   .ok());
  EXPECT_FALSE(ParseHttpResponse("HTTP/1.1 200", true, r).ok());
  EXPECT_FALSE(ParseHttpResponse(std::string(70000, 'x'), false, r).ok());
}

// A one-shot server on 127.0.0.1 (port chosen by the kernel): accepts one connection, reads one
// request, answers `answer` (or nothing, holding the connection until the test ends).
class OneShotServer {
 public:
  explicit OneShotServer(std::string answer, bool answer_at_all = true)
      : answer_(std::move(answer)), answer_at_all_(answer_at_all) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof(a)), 0);
    EXPECT_EQ(::listen(fd_, 4), 0);
    socklen_t len = sizeof(a);
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~OneShotServer() {
    ::shutdown(fd_, SHUT_RDWR);
    if (client_ >= 0) ::shutdown(client_, SHUT_RDWR);
    thread_.join();
    if (client_ >= 0) ::close(client_);
    ::close(fd_);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/base"; }
  const std::string& request() const { return request_; }

 private:
  void Serve() {
    client_ = ::accept(fd_, nullptr, nullptr);
    if (client_ < 0) return;
    char buf[64 * 1024];
    size_t needed = 0;  // the request's whole size, once its header is in
    for (;;) {
      const ssize_t n = ::recv(client_, buf, sizeof(buf), 0);
      if (n <= 0) return;
      request_.append(buf, static_cast<size_t>(n));
      if (needed == 0) {
        const size_t end = request_.find("\r\n\r\n");
        if (end == std::string::npos) continue;
        const size_t cl = request_.find("Content-Length: ");
        needed = end + 4 + std::stoul(request_.substr(cl + 16));
      }
      if (request_.size() >= needed) break;
    }
    if (!answer_at_all_) {
      while (::recv(client_, buf, sizeof(buf), 0) > 0) {
      }
      return;
    }
    size_t sent = 0;
    while (sent < answer_.size()) {
      const ssize_t n = ::send(client_, answer_.data() + sent, answer_.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;
      sent += static_cast<size_t>(n);
    }
    ::shutdown(client_, SHUT_WR);
  }

  std::string answer_;
  bool answer_at_all_;
  int fd_ = -1;
  std::atomic<int> client_{-1};
  uint16_t port_ = 0;
  std::string request_;
  std::thread thread_;
};

TEST(HttpTransportTest, PostsTheBodyAndReadsTheAnswer) {
  const std::string answer =
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 14\r\n\r\n"
      "{\"results\":[]}";
  std::string request;
  Result<HttpReply> reply = Status::Internal("not run");
  {
    OneShotServer server(answer);
    HttpTransport t;
    reply = t.Post(server.url(), "/federation/v1/messages", "{\"envelopes\":[]}");
    request = server.request();
  }
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->body, "{\"results\":[]}");
  EXPECT_EQ(request.rfind("POST /base/federation/v1/messages HTTP/1.1\r\n", 0), 0u) << request;
  EXPECT_NE(request.find("\r\nContent-Type: application/json\r\n"), std::string::npos);
  EXPECT_NE(request.find("\r\nContent-Length: 16\r\n"), std::string::npos);
  EXPECT_NE(request.find("\r\nHost: 127.0.0.1:"), std::string::npos);
  EXPECT_EQ(request.substr(request.size() - 16), "{\"envelopes\":[]}");
}

TEST(HttpTransportTest, ALargeBodyGoesWhole) {
  const std::string body(3u << 20, 'x');
  std::string request;
  Result<HttpReply> reply = Status::Internal("not run");
  {
    OneShotServer server("HTTP/1.1 204 No Content\r\n\r\n");
    HttpTransport t;
    reply = t.Post(server.url(), "/p", body);
    request = server.request();
  }
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  EXPECT_EQ(reply->status, 204);
  EXPECT_EQ(request.size() - request.find("\r\n\r\n") - 4, body.size());
}

TEST(HttpTransportTest, AnUnreachablePeerIsUnavailable) {
  // A port that was free a moment ago and has no listener now.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)), 0);
  socklen_t len = sizeof(a);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  HttpTransport t;
  auto reply = t.Post("http://127.0.0.1:" + std::to_string(ntohs(a.sin_port)), "/p", "{}");
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.status().code(), Code::kUnavailable);
  EXPECT_NE(reply.status().message().find("cannot connect to"), std::string::npos);
}

TEST(HttpTransportTest, APeerThatDoesNotAnswerIsUnavailable) {
  OneShotServer server("", /*answer_at_all=*/false);
  HttpTransportOptions o;
  o.exchange_timeout_ms = 200;
  HttpTransport t(o);
  auto reply = t.Post(server.url(), "/p", "{}");
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.status().code(), Code::kUnavailable);
  EXPECT_NE(reply.status().message().find("timed out"), std::string::npos)
      << reply.status().message();
}

TEST(HttpTransportTest, AMalformedAnswerIsUnavailable) {
  OneShotServer server("this is not http\r\n\r\n");
  HttpTransport t;
  auto reply = t.Post(server.url(), "/p", "{}");
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.status().code(), Code::kUnavailable);
}

}  // namespace
}  // namespace corridor::federation
