// Limits per client address, in memory: a token bucket per address (an IPv4 address, or the /64
// an IPv6 host gets). Each counted event takes a token; tokens come back one every `refill_ms` up
// to `burst`. Logins count their attempts here (a success gives its token back, so only failures
// use up the allowance, docs/security.md); the federation endpoint counts the envelopes it
// refuses per sender address (docs/formats/federation.md §5).
//
// Bounded: when the table is full, buckets that restrict nothing (full again) are dropped first;
// if that frees nothing, the table starts again empty.
//
// Thread-safety: all members may be called from any thread.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace corridor::service {

// The key a client address is limited by: the address itself for IPv4 (an IPv4-mapped IPv6
// address counts as IPv4), the first 64 bits for IPv6, the text itself (at most 64 bytes) if it
// parses as neither.
std::string AddressKey(std::string_view address);

struct AddressLimits {
  int burst = 20;              // events an address may cause at once
  int64_t refill_ms = 30'000;  // one more allowed this often
  size_t max_addresses = 100'000;
};

class AddressLimiter {
 public:
  explicit AddressLimiter(AddressLimits limits = {}) : limits_(limits) {}
  // Takes a token for `key` at `now_ms`; 0 when taken, else the milliseconds until one is back.
  int64_t Take(const std::string& key, int64_t now_ms);
  // Whether `key` has a token now, without taking it: 0 if so, else the milliseconds to wait.
  int64_t Wait(const std::string& key, int64_t now_ms);
  // Gives back a token taken for an event that turned out not to count.
  void Refund(const std::string& key, int64_t now_ms);

 private:
  // Tokens counted in milliseconds of refill: a token is `refill_ms` of credit, exactly.
  struct Bucket {
    int64_t credit_ms = 0;
    int64_t updated_ms = 0;
  };
  int64_t Capacity() const { return limits_.burst * limits_.refill_ms; }
  void Refill(Bucket& b, int64_t now_ms) const;

  AddressLimits limits_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace corridor::service
