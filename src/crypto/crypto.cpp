#include "crypto/crypto.hpp"

#include <openssl/evp.h>
#include <sodium.h>

#include <cstring>
#include <memory>
#include <stdexcept>

namespace corridor::crypto {

static_assert(sizeof(crypto_hash_sha256_state) <= 128, "Sha256Stream state buffer too small");

namespace {

// SHA-256 is on every hot path (Merkle leaves and nodes, digests). OpenSSL's implementation uses
// the CPU's SHA extensions where present, several times faster than libsodium's portable code;
// each thread keeps one digest context so a hash costs no allocation.
const EVP_MD* Sha256Md() {
  static const EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

struct CtxDeleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

}  // namespace

void Init() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  if (Sha256Md() == nullptr) throw std::runtime_error("OpenSSL has no SHA-256");
}

Digest Sha256(std::span<const uint8_t> data) {
  thread_local std::unique_ptr<EVP_MD_CTX, CtxDeleter> ctx(EVP_MD_CTX_new());
  Digest out{};
  unsigned int len = 0;
  if (!ctx || EVP_DigestInit_ex2(ctx.get(), Sha256Md(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), out.data(), &len) != 1) {
    // Fall back to libsodium rather than return a wrong digest.
    crypto_hash_sha256(out.data(), data.data(), data.size());
  }
  return out;
}

Sha256Stream::Sha256Stream() {
  crypto_hash_sha256_init(reinterpret_cast<crypto_hash_sha256_state*>(state_.data()));
}

void Sha256Stream::Update(std::span<const uint8_t> data) {
  crypto_hash_sha256_update(reinterpret_cast<crypto_hash_sha256_state*>(state_.data()), data.data(),
                            data.size());
}

Digest Sha256Stream::Finish() {
  Digest out{};
  crypto_hash_sha256_final(reinterpret_cast<crypto_hash_sha256_state*>(state_.data()), out.data());
  return out;
}

SigningKey SigningKey::Generate() {
  SigningKey k;
  crypto_sign_keypair(k.public_.data(), k.secret_.data());
  return k;
}

Result<SigningKey> SigningKey::FromSeed(std::span<const uint8_t> seed32) {
  if (seed32.size() != crypto_sign_SEEDBYTES) {
    return Status::InvalidArgument("an Ed25519 seed is 32 bytes");
  }
  SigningKey k;
  crypto_sign_seed_keypair(k.public_.data(), k.secret_.data(), seed32.data());
  return k;
}

SigningKey::SigningKey(SigningKey&& other) noexcept
    : secret_(other.secret_), public_(other.public_) {
  sodium_memzero(other.secret_.data(), other.secret_.size());
}

SigningKey& SigningKey::operator=(SigningKey&& other) noexcept {
  if (this != &other) {
    secret_ = other.secret_;
    public_ = other.public_;
    sodium_memzero(other.secret_.data(), other.secret_.size());
  }
  return *this;
}

SigningKey::~SigningKey() { sodium_memzero(secret_.data(), secret_.size()); }

Signature SigningKey::Sign(std::span<const uint8_t> message) const {
  Signature sig{};
  crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), secret_.data());
  return sig;
}

std::array<uint8_t, 32> SigningKey::Seed() const {
  std::array<uint8_t, 32> seed{};
  crypto_sign_ed25519_sk_to_seed(seed.data(), secret_.data());
  return seed;
}

bool Verify(const PublicKey& key, std::span<const uint8_t> message, const Signature& signature) {
  return crypto_sign_verify_detached(signature.data(), message.data(), message.size(),
                                     key.data()) == 0;
}

Result<std::string> HashPassword(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Status::ResourceExhausted("not enough memory to hash the password");
  }
  return std::string(out);
}

bool CheckPassword(std::string_view password, const std::string& hash) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void RandomBytes(std::span<uint8_t> out) { randombytes_buf(out.data(), out.size()); }

bool ConstantTimeEqual(std::span<const uint8_t> a, std::span<const uint8_t> b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace corridor::crypto
