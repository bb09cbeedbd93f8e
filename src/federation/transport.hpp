// How a sender reaches its peer's endpoint: one interface, an in-process implementation for
// tests (a peer is a function; it can be taken down, its requests altered and its answers lost),
// and an HTTP/1.1 client over POSIX sockets (http_transport.hpp) for the real thing.
//
// Thread-safety: implementations may be called from any thread; InProcessTransport serialises
// its own configuration with a mutex and calls handlers without holding it.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace corridor::federation {

struct HttpReply {
  int status = 0;
  std::string body;
};

class Transport {
 public:
  virtual ~Transport() = default;
  // POSTs `body` (application/json) to `base_url` followed by `path`. Unavailable when the peer
  // cannot be reached or does not answer in time; any HTTP answer is a reply.
  virtual Result<HttpReply> Post(const std::string& base_url, std::string_view path,
                                 const std::string& body) = 0;
};

class InProcessTransport final : public Transport {
 public:
  using Handler = std::function<HttpReply(const std::string& body)>;

  // The peer reached at `base_url` is `handler` (replacing any before it).
  void Attach(const std::string& base_url, Handler handler);
  // A peer taken down answers nothing (Unavailable) until brought back.
  void SetReachable(const std::string& base_url, bool reachable);
  // Sees and may change every request body before the peer gets it.
  void SetRequestFilter(std::function<void(std::string& body)> filter);
  // Sees every reply the peer gave; returning false loses it on the way back (the sender gets
  // Unavailable although the peer acted), as when the connection breaks after the peer commits.
  void SetReplyFilter(std::function<bool(HttpReply& reply)> filter);
  int requests() const;

  Result<HttpReply> Post(const std::string& base_url, std::string_view path,
                         const std::string& body) override;

 private:
  struct Peer {
    Handler handler;
    bool reachable = true;
  };
  mutable std::mutex mu_;
  std::map<std::string, Peer> peers_;
  std::function<void(std::string&)> request_filter_;
  std::function<bool(HttpReply&)> reply_filter_;
  int requests_ = 0;
};

}  // namespace corridor::federation
