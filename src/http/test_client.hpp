// A small blocking HTTP/1.1 client for tests over real sockets on 127.0.0.1: one request per
// connection (Connection: close), read until the server closes. Nothing waits on a clock: a read
// blocks until the server answers, with a generous receive timeout as a safety net so that a
// server that never answers fails the test instead of hanging it. Test-only.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>

namespace corridor::http::testing {

struct RawResponse {
  int status = 0;  // 0: no response
  std::string head;
  std::string body;
};

class RawClient {
 public:
  explicit RawClient(uint16_t port, int timeout_seconds = 60) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) return;
    timeval tv{timeout_seconds, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~RawClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  // Sends `method target` with a JSON body (if any) and Connection: close.
  bool Send(const std::string& method, const std::string& target, const std::string& body = "") {
    std::string text = method + " " + target + " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n";
    if (!body.empty()) {
      text += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
              "\r\n";
    }
    text += "\r\n" + body;
    if (!connected_) return false;
    size_t sent = 0;
    while (sent < text.size()) {
      const ssize_t n = ::send(fd_, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<size_t>(n);
    }
    return true;
  }

  // Reads until the server closes the connection.
  RawResponse Read() {
    std::string all;
    char chunk[4096];
    for (;;) {
      const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) break;
      all.append(chunk, static_cast<size_t>(n));
    }
    RawResponse r;
    const size_t end = all.find("\r\n\r\n");
    if (all.size() < 12 || end == std::string::npos) return r;
    r.status = std::atoi(all.substr(9, 3).c_str());
    r.head = all.substr(0, end);
    r.body = all.substr(end + 4);
    return r;
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
};

}  // namespace corridor::http::testing
