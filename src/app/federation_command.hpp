// `corridor peer set` and `corridor peer list`: pinning a peer node (its id, country, URL and
// Ed25519 public key) and showing the peers with their delivery state
// (docs/formats/federation.md §1).
// Thread-safety: run from main's thread.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace corridor::app {

struct PeerOptions {
  std::string store;
  std::string key;  // the node's key file (default <sqlite file>.key)
  std::string node_id;
  std::string country;
  std::string url;
  std::string public_key;  // 64 hex digits
};

// Adds "peer set" and "peer list" to `app`; returns the "peer" subcommand. After parsing,
// RunPeerCommand runs whichever was given.
CLI::App* AddPeerCommands(CLI::App& app, PeerOptions& options);
// The exit code of the peer subcommand that was parsed.
int RunPeerCommand(CLI::App& peer, const PeerOptions& options);

}  // namespace corridor::app
