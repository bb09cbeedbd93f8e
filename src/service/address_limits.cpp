#include "service/address_limits.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstdio>

namespace corridor::service {

std::string AddressKey(std::string_view address) {
  std::string text(address.substr(0, 64));
  std::array<unsigned char, 16> bytes{};
  if (inet_pton(AF_INET, text.c_str(), bytes.data()) == 1) return text;
  if (inet_pton(AF_INET6, text.c_str(), bytes.data()) != 1) return text;
  const bool v4_mapped =
      std::all_of(bytes.begin(), bytes.begin() + 10, [](unsigned char b) { return b == 0; }) &&
      bytes[10] == 0xff && bytes[11] == 0xff;
  std::array<char, 64> out{};
  if (v4_mapped) {
    std::snprintf(out.data(), out.size(), "%u.%u.%u.%u", bytes[12], bytes[13], bytes[14],
                  bytes[15]);
  } else {
    std::snprintf(out.data(), out.size(), "%02x%02x:%02x%02x:%02x%02x:%02x%02x::/64", bytes[0],
                  bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7]);
  }
  return out.data();
}

void AddressLimiter::Refill(Bucket& b, int64_t now_ms) const {
  if (now_ms > b.updated_ms) {
    b.credit_ms = std::min(Capacity(), b.credit_ms + (now_ms - b.updated_ms));
    b.updated_ms = now_ms;
  }
}

int64_t AddressLimiter::Take(const std::string& key, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    if (buckets_.size() >= limits_.max_addresses) {
      // Full buckets restrict nothing: drop them, or everything if none is full.
      for (auto b = buckets_.begin(); b != buckets_.end();) {
        Refill(b->second, now_ms);
        b = b->second.credit_ms >= Capacity() ? buckets_.erase(b) : std::next(b);
      }
      if (buckets_.size() >= limits_.max_addresses) buckets_.clear();
    }
    it = buckets_.emplace(key, Bucket{Capacity(), now_ms}).first;
  }
  Bucket& b = it->second;
  Refill(b, now_ms);
  if (b.credit_ms >= limits_.refill_ms) {
    b.credit_ms -= limits_.refill_ms;
    return 0;
  }
  return limits_.refill_ms - b.credit_ms;
}

int64_t AddressLimiter::Wait(const std::string& key, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) return 0;
  Refill(it->second, now_ms);
  return it->second.credit_ms >= limits_.refill_ms ? 0 : limits_.refill_ms - it->second.credit_ms;
}

void AddressLimiter::Refund(const std::string& key, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) return;
  Refill(it->second, now_ms);
  it->second.credit_ms = std::min(Capacity(), it->second.credit_ms + limits_.refill_ms);
}

}  // namespace corridor::service
