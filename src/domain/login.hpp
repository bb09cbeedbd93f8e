// The rule that limits password guessing on one account: attempts are claimed before the
// password is checked, so parallel attempts count as they start, not as they finish.
//
// An account (or an unknown username, which must answer exactly like an account) allows
// `max_failures` attempts without a success; the attempt that reaches the limit locks it for
// `lock_base_ms`, and each further attempt after a lock ends locks it again for twice as long, up
// to `lock_max_ms`. A success ends the count. While locked, attempts are refused before any
// password is checked, except from an address the account has logged in from before: so nobody
// can keep an account's owner out by failing from elsewhere (docs/security.md).
//
// Pure values and functions; thread-safe.
#pragma once

#include <cstdint>

namespace corridor::domain {

struct LoginPolicy {
  int max_failures = 5;
  int64_t lock_base_ms = 60'000;
  int64_t lock_max_ms = 3'600'000;
};

// What is stored per account (and kept in memory per unknown username).
struct LoginState {
  int failures = 0;  // attempts claimed since the last success, the one in progress included
  int64_t locked_until_ms = 0;
  bool operator==(const LoginState&) const = default;
};

struct LoginClaim {
  bool allowed = false;
  LoginState next;             // the state to store (unchanged when refused)
  int64_t retry_after_ms = 0;  // when refused: until the lock ends
};

// Claims one attempt at `now_ms`. `known_address`: the attempt comes from an address the account
// has logged in from before.
LoginClaim ClaimLoginAttempt(const LoginState& state, int64_t now_ms, const LoginPolicy& policy,
                             bool known_address);

// The state after a successful login.
inline LoginState AfterSuccess() { return {}; }

}  // namespace corridor::domain
