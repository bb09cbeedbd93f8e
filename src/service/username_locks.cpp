#include "service/username_locks.hpp"

namespace corridor::service {

domain::LoginClaim UsernameLocks::Claim(const std::string& username, int64_t now_ms,
                                        const domain::LoginPolicy& policy) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = states_.find(username);
  if (it == states_.end()) {
    if (states_.size() >= max_names_) {
      // Names not locked now restrict nothing at present; drop them, or all if none is.
      for (auto s = states_.begin(); s != states_.end();) {
        s = s->second.locked_until_ms <= now_ms ? states_.erase(s) : std::next(s);
      }
      if (states_.size() >= max_names_) states_.clear();
    }
    it = states_.emplace(username, domain::LoginState{}).first;
  }
  const domain::LoginClaim c = domain::ClaimLoginAttempt(it->second, now_ms, policy, false);
  it->second = c.next;
  return c;
}

}  // namespace corridor::service
