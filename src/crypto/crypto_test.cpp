#include "crypto/crypto.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace corridor::crypto {
namespace {

class CryptoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { Init(); }
};

TEST_F(CryptoTest, Sha256KnownAnswers) {
  // FIPS 180-2 examples.
  EXPECT_EQ(HexEncode(Sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(HexEncode(Sha256("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  Sha256Stream s;
  s.Update("ab");
  s.Update("c");
  EXPECT_EQ(s.Finish(), Sha256("abc"));
}

// RFC 8032 and the 1,024 cases of sign.input, from the python3-cryptography-vectors package.
// Each line: secret||public (hex) : public (hex) : message (hex) : signature||message (hex) :
TEST_F(CryptoTest, Ed25519SignInputVectors) {
  const char* path =
      "/usr/lib/python3/dist-packages/cryptography_vectors/asymmetric/Ed25519/sign.input";
  std::ifstream in(path);
  ASSERT_TRUE(in) << "missing " << path << " (scripts/bootstrap --test installs it)";
  std::string line;
  int cases = 0;
  while (std::getline(in, line)) {
    std::vector<std::string> parts;
    std::stringstream ss(line);
    std::string part;
    while (std::getline(ss, part, ':')) parts.push_back(part);
    ASSERT_GE(parts.size(), 4u);
    auto sk = HexDecode(parts[0]);
    auto pk = HexDecode(parts[1]);
    auto msg = HexDecode(parts[2]);
    auto sm = HexDecode(parts[3]);
    ASSERT_TRUE(sk.ok() && pk.ok() && msg.ok() && sm.ok());
    auto key = SigningKey::FromSeed(std::span(*sk).first(32));
    ASSERT_TRUE(key.ok());
    EXPECT_EQ(HexEncode(key->public_key()), parts[1]);
    const Signature sig = key->Sign(*msg);
    EXPECT_EQ(HexEncode(sig), parts[3].substr(0, 128)) << "case " << cases;
    PublicKey p{};
    std::copy(pk->begin(), pk->end(), p.begin());
    EXPECT_TRUE(Verify(p, *msg, sig));
    Signature bad = sig;
    bad[0] ^= 1;
    EXPECT_FALSE(Verify(p, *msg, bad));
    ++cases;
  }
  EXPECT_EQ(cases, 1024);
}

TEST_F(CryptoTest, SeedRoundTrip) {
  const SigningKey k = SigningKey::Generate();
  auto again = SigningKey::FromSeed(k.Seed());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->public_key(), k.public_key());
  EXPECT_FALSE(SigningKey::FromSeed(std::span<const uint8_t>()).ok());
}

TEST_F(CryptoTest, PasswordHashIsArgon2idAndChecks) {
  auto h = HashPassword("correct horse");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(CheckPassword("correct horse", *h));
  EXPECT_FALSE(CheckPassword("correct horse!", *h));
}

}  // namespace
}  // namespace corridor::crypto
