#include "federation/transport.hpp"

namespace corridor::federation {

void InProcessTransport::Attach(const std::string& base_url, Handler handler) {
  std::lock_guard<std::mutex> lock(mu_);
  peers_[base_url].handler = std::move(handler);
}

void InProcessTransport::SetReachable(const std::string& base_url, bool reachable) {
  std::lock_guard<std::mutex> lock(mu_);
  peers_[base_url].reachable = reachable;
}

void InProcessTransport::SetRequestFilter(std::function<void(std::string&)> filter) {
  std::lock_guard<std::mutex> lock(mu_);
  request_filter_ = std::move(filter);
}

void InProcessTransport::SetReplyFilter(std::function<bool(HttpReply&)> filter) {
  std::lock_guard<std::mutex> lock(mu_);
  reply_filter_ = std::move(filter);
}

int InProcessTransport::requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_;
}

Result<HttpReply> InProcessTransport::Post(const std::string& base_url, std::string_view path,
                                           const std::string& body) {
  Handler handler;
  std::function<void(std::string&)> request_filter;
  std::function<bool(HttpReply&)> reply_filter;
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++requests_;
    auto it = peers_.find(base_url);
    if (it == peers_.end() || !it->second.handler) {
      return Status::Unavailable("no peer answers at " + base_url);
    }
    if (!it->second.reachable) return Status::Unavailable(base_url + " does not answer");
    handler = it->second.handler;
    request_filter = request_filter_;
    reply_filter = reply_filter_;
  }
  if (path.empty()) return Status::Internal("a request without a path");
  std::string sent = body;
  if (request_filter) request_filter(sent);
  HttpReply reply = handler(sent);
  if (reply_filter && !reply_filter(reply)) {
    return Status::Unavailable("the connection to " + base_url + " broke before the answer");
  }
  return reply;
}

}  // namespace corridor::federation
