// Test support for the federation module: deterministic keys and a sample signed envelope (the
// example of docs/formats/federation.md §2). Test-only; thread-safe.
#pragma once

#include <array>
#include <cstdint>

#include "codec/codec.hpp"
#include "crypto/crypto.hpp"
#include "domain/testing.hpp"
#include "federation/envelope.hpp"

namespace corridor::federation::testing {

// The key whose seed is the bytes first, first+1, ..., first+31 (first = 0: the documents'
// example key).
inline crypto::SigningKey KeyFromSeed(uint8_t first) {
  std::array<uint8_t, 32> seed{};
  for (size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<uint8_t>(first + i);
  auto key = crypto::SigningKey::FromSeed(seed);
  return std::move(key).value();
}

inline Timestamp T(const char* text) { return *Timestamp::Parse(text); }

// The document's example: node-npl's first message to node-kwt, an agency record, unsigned.
inline Envelope SampleEnvelope() {
  Envelope e;
  e.sender = "node-npl";
  e.receiver = "node-kwt";
  e.seq = 1;
  e.time = T("2026-11-29T08:00:01.000Z");
  e.created = T("2026-11-29T08:00:00.000Z");
  e.type = std::string(kAgencyRecord);
  e.subject = "A-1";
  json::Object body;
  body.Set("agency", codec::ToJson(domain::testing::SampleAgency()));
  e.body = json::Value(std::move(body));
  return e;
}

inline Envelope SignedSample(const crypto::SigningKey& key) {
  Envelope e = SampleEnvelope();
  SignEnvelope(e, key);
  return e;
}

}  // namespace corridor::federation::testing
