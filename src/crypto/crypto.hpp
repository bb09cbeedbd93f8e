// Cryptographic primitives, with libsodium behind this header: SHA-256, Ed25519 signatures,
// Argon2id password hashes, secure random bytes and constant-time comparison.
//
// Callers never see a libsodium type. Init() must run once before use (it is cheap and safe to
// call again). Thread-safety: every function is safe to call from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/encoding.hpp"
#include "core/status.hpp"

namespace corridor::crypto {

// Initialises libsodium; throws std::runtime_error if the library cannot start (start-up only).
void Init();

using Digest = std::array<uint8_t, 32>;

Digest Sha256(std::span<const uint8_t> data);
inline Digest Sha256(std::string_view data) { return Sha256(AsBytes(data)); }

// Incremental SHA-256 for data that arrives in pieces.
class Sha256Stream {
 public:
  Sha256Stream();
  void Update(std::span<const uint8_t> data);
  void Update(std::string_view data) { Update(AsBytes(data)); }
  Digest Finish();

 private:
  alignas(16) std::array<uint8_t, 128> state_{};  // holds crypto_hash_sha256_state
};

using PublicKey = std::array<uint8_t, 32>;
using Signature = std::array<uint8_t, 64>;

// An Ed25519 signing key. The secret never leaves this object except through Seed(), which the
// key file writer uses; it is wiped on destruction.
class SigningKey {
 public:
  static SigningKey Generate();
  static Result<SigningKey> FromSeed(std::span<const uint8_t> seed32);
  SigningKey(const SigningKey&) = delete;
  SigningKey& operator=(const SigningKey&) = delete;
  SigningKey(SigningKey&& other) noexcept;
  SigningKey& operator=(SigningKey&& other) noexcept;
  ~SigningKey();

  const PublicKey& public_key() const { return public_; }
  Signature Sign(std::span<const uint8_t> message) const;
  std::array<uint8_t, 32> Seed() const;

 private:
  SigningKey() = default;
  std::array<uint8_t, 64> secret_{};
  PublicKey public_{};
};

bool Verify(const PublicKey& key, std::span<const uint8_t> message, const Signature& signature);

// Argon2id (libsodium's crypto_pwhash_str, interactive limits): a self-describing string.
Result<std::string> HashPassword(std::string_view password);
bool CheckPassword(std::string_view password, const std::string& hash);

void RandomBytes(std::span<uint8_t> out);
bool ConstantTimeEqual(std::span<const uint8_t> a, std::span<const uint8_t> b);

// The secure random source as an Rng, for id and token generation.
class SodiumRng final : public Rng {
 public:
  void Fill(std::span<uint8_t> out) override { RandomBytes(out); }
};

}  // namespace corridor::crypto
