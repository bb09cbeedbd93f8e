#include "domain/login.hpp"

#include <algorithm>

namespace corridor::domain {

LoginClaim ClaimLoginAttempt(const LoginState& state, int64_t now_ms, const LoginPolicy& policy,
                             bool known_address) {
  LoginClaim out;
  if (state.locked_until_ms > now_ms && !known_address) {
    out.next = state;
    out.retry_after_ms = state.locked_until_ms - now_ms;
    return out;
  }
  out.allowed = true;
  out.next.failures = std::min(state.failures, 1'000'000) + 1;
  out.next.locked_until_ms = state.locked_until_ms;
  if (out.next.failures >= policy.max_failures) {
    // The attempt that reaches the limit locks at once, before its password is checked: so
    // attempts running in parallel with it are refused, and no more than the limit get through.
    const int doublings = std::min(out.next.failures - policy.max_failures, 30);
    const int64_t lock = std::min(policy.lock_base_ms << doublings, policy.lock_max_ms);
    out.next.locked_until_ms = std::max(state.locked_until_ms, now_ms + lock);
  }
  return out;
}

}  // namespace corridor::domain
