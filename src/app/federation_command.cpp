#include "app/federation_command.hpp"

#include <cstdio>

#include "app/commands.hpp"
#include "app/key_file.hpp"
#include "core/clock.hpp"
#include "core/encoding.hpp"
#include "federation/http_transport.hpp"
#include "service/federation.hpp"
#include "store/federation_store.hpp"
#include "store/store.hpp"

namespace corridor::app {
namespace {

std::string Describe(const Status& s) {
  return s.field().empty() ? s.message() : s.field() + ": " + s.message();
}

int RunSet(const PeerOptions& o) {
  crypto::Init();
  auto key_bytes = HexDecode(o.public_key);
  if (!key_bytes.ok() || key_bytes->size() != 32) {
    return Fail("--public-key must be the peer's Ed25519 public key, 64 hex digits");
  }
  std::string key_path = o.key;
  if (key_path.empty()) {
    auto def = DefaultKeyPath(o.store);
    if (!def.ok()) return Fail(Describe(def.status()));
    key_path = *def;
  }
  auto key = ReadKeyFile(key_path);
  if (!key.ok()) return Fail(key.status().message());
  SystemClock clock;
  crypto::SodiumRng rng;
  store::StoreOptions options;
  options.clock = &clock;
  options.rng = &rng;
  options.key = &*key;
  auto st = store::Store::Open(o.store, options);
  if (!st.ok()) return Fail(Describe(st.status()));
  federation::HttpTransport transport;
  service::Federation fed(**st, *key, rng, transport);
  service::PeerConfig p;
  p.node_id = o.node_id;
  p.country = o.country;
  p.url = o.url;
  std::copy(key_bytes->begin(), key_bytes->end(), p.public_key.begin());
  if (Status s = fed.SetPeer(domain::SystemActor(), p); !s.ok()) return Fail(Describe(s));
  std::printf("peer %s (%s) at %s pinned with key %s\n", p.node_id.c_str(), p.country.c_str(),
              p.url.c_str(), o.public_key.c_str());
  return 0;
}

int RunList(const PeerOptions& o) {
  SystemClock clock;
  store::StoreOptions options;
  options.clock = &clock;
  auto st = store::Store::Open(o.store, options);
  if (!st.ok()) return Fail(Describe(st.status()));
  std::vector<store::PeerRow> peers;
  Status s = (*st)->Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(peers, store::ListPeers(tx.conn()));
    return Status::Ok();
  });
  if (!s.ok()) return Fail(Describe(s));
  for (const auto& p : peers) {
    int64_t pending = 0;
    (void)(*st)->Read([&](store::ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(pending, store::CountOutbox(tx.conn(), p.node_id, "pending"));
      return Status::Ok();
    });
    std::printf("%s %s %s key %s next-out %llu next-in %llu pending %lld%s%s\n", p.node_id.c_str(),
                p.country.c_str(), p.url.c_str(), HexEncode(p.public_key).c_str(),
                static_cast<unsigned long long>(p.next_out_seq),
                static_cast<unsigned long long>(p.next_in_seq), static_cast<long long>(pending),
                p.last_error.empty() ? "" : " last error: ", p.last_error.c_str());
  }
  return 0;
}

}  // namespace

CLI::App* AddPeerCommands(CLI::App& app, PeerOptions& o) {
  auto* peer = app.add_subcommand("peer", "Pin the peer node of a corridor, or list the peers");
  peer->require_subcommand(1);
  auto* set = peer->add_subcommand(
      "set", "Pin a peer: its node id, country, URL and Ed25519 public key (a trust anchor)");
  set->add_option("--store", o.store, "store URI")->required();
  set->add_option("--key", o.key, "this node's key file (default <sqlite file>.key)");
  set->add_option("--node-id", o.node_id, "the peer's node id")->required();
  set->add_option("--country", o.country, "the peer's country (ISO 3166 alpha-3)")->required();
  set->add_option("--url", o.url, "the peer's base URL, http://host:port")->required();
  set->add_option("--public-key", o.public_key, "the peer's public key, 64 hex digits")->required();
  auto* list = peer->add_subcommand("list", "List the peers and their delivery state");
  list->add_option("--store", o.store, "store URI")->required();
  return peer;
}

int RunPeerCommand(CLI::App& peer, const PeerOptions& o) {
  if (*peer.get_subcommand("set")) return RunSet(o);
  if (*peer.get_subcommand("list")) return RunList(o);
  return 2;
}

}  // namespace corridor::app
