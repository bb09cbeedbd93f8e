// Time and randomness behind interfaces, so tests can set the clock and fix the random stream.
//
// Domain code never reads the clock itself: callers pass a Timestamp or a Clock&.
// Thread-safety: SystemClock and SystemRng are safe to share; ManualClock and SeededRng are
// for a single test thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "core/time.hpp"

namespace corridor {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp Now() const override;
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start) : now_(start) {}
  Timestamp Now() const override { return now_; }
  void Set(Timestamp t) { now_ = t; }
  void Advance(int64_t ms) { now_ = now_.AddMillis(ms); }

 private:
  Timestamp now_;
};

class Rng {
 public:
  virtual ~Rng() = default;
  virtual void Fill(std::span<uint8_t> out) = 0;
};

// The kernel's random source (getrandom); suitable for keys, tokens and identifiers.
class SystemRng final : public Rng {
 public:
  void Fill(std::span<uint8_t> out) override;
};

// A reproducible stream (splitmix64) for tests and synthetic data; never for secrets.
class SeededRng final : public Rng {
 public:
  explicit SeededRng(uint64_t seed) : state_(seed) {}
  void Fill(std::span<uint8_t> out) override;
  uint64_t Next();

 private:
  uint64_t state_;
};

}  // namespace corridor
