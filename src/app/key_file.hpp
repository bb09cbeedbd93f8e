// The node's Ed25519 signing key on disk.
//
// Format (text, two lines): "corridor-node-key v1" and the 32-byte seed in lower-case hex. The
// file is created with mode 0600 and never overwritten; a key file readable by group or others
// is refused, as ssh refuses such keys. Keys never reach a log.
// Thread-safety: plain functions.
#pragma once

#include <string>

#include "core/status.hpp"
#include "crypto/crypto.hpp"

namespace corridor::app {

// The default key path for a store URI: "<file>.key" beside an SQLite file; PostgreSQL stores
// have no default (the operator names one).
Result<std::string> DefaultKeyPath(const std::string& store_uri);

// Writes a new key file; refuses to replace an existing one.
Status WriteKeyFile(const std::string& path, const crypto::SigningKey& key);
Result<crypto::SigningKey> ReadKeyFile(const std::string& path);

}  // namespace corridor::app
