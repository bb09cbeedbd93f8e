// Two nodes of a corridor in one process, for tests and benchmarks: Nepal (origin, node-npl)
// and Kuwait (destination, node-kwt), each with its own store, clock, key, registry and
// federation service, joined by an in-process transport that tests can take down, tamper with
// or make lose answers. Test-only; one thread unless a test starts workers.
#pragma once

#include <memory>
#include <string>

#include "federation/protocol.hpp"
#include "federation/transport.hpp"
#include "service/federation.hpp"
#include "service/registry.hpp"
#include "service/testing.hpp"
#include "store/testing.hpp"

namespace corridor::service::testing {

struct CorridorNode {
  store::testing::TestNode node;
  std::unique_ptr<Registry> registry;
  std::unique_ptr<SeededRng> jitter;
  std::unique_ptr<Federation> federation;
  std::string url;

  // The peer endpoint as the HTTP layer answers it.
  federation::HttpReply Handle(const std::string& body) {
    if (federation->RefusalWait("127.0.0.1") > 0) return {429, R"({"title":"too many"})"};
    auto r = federation->Receive(body, "127.0.0.1");
    if (!r.ok()) {
      json::Object problem;
      problem.Set("title", "bad request");
      problem.Set("detail", r.status().message());
      return {400, json::Write(json::Value(std::move(problem)))};
    }
    return {200, json::Write(federation::ResponseToJson(*r))};
  }

  // Closes everything and opens the store again, as after a crash and restart (the store
  // survives; nothing in memory does).
  Status Restart(federation::Transport& transport) {
    federation.reset();
    registry.reset();
    RETURN_IF_ERROR(node.Reopen());
    registry = std::make_unique<Registry>(*node.store);
    federation = std::make_unique<Federation>(*node.store, *node.key, *jitter, transport);
    return Status::Ok();
  }

  int64_t Count(const char* table, const std::string& where = "") {
    int64_t n = -1;
    Status s = node.store->Read([&](store::ReadTx& tx) {
      return tx.conn().Query(
          std::string("SELECT COUNT(*) FROM ") + table + (where.empty() ? "" : " WHERE " + where),
          {}, [&](const store::Row& r) {
            n = r.Int(0);
            return Status::Ok();
          });
    });
    return s.ok() ? n : -1;
  }
};

class TestCorridor {
 public:
  static Result<std::unique_ptr<TestCorridor>> Create(Timestamp now) {
    std::unique_ptr<TestCorridor> c(new TestCorridor());
    RETURN_IF_ERROR(c->Make(c->origin, "node-npl", "NPL", "http://npl.test", now, 1));
    RETURN_IF_ERROR(c->Make(c->destination, "node-kwt", "KWT", "http://kwt.test", now, 2));
    const domain::Actor sys = domain::SystemActor();
    RETURN_IF_ERROR(c->origin.federation->SetPeer(
        sys, {"node-kwt", "KWT", c->destination.url, c->destination.node.key->public_key()}));
    RETURN_IF_ERROR(c->destination.federation->SetPeer(
        sys, {"node-npl", "NPL", c->origin.url, c->origin.node.key->public_key()}));
    return c;
  }

  // Moves both nodes' clocks on.
  void Advance(int64_t ms) {
    origin.node.clock->Advance(ms);
    destination.node.clock->Advance(ms);
  }

  // Delivery passes both ways until neither node sends anything (a peer in backoff waits).
  Status DeliverAll(int max_rounds = 50) {
    for (int i = 0; i < max_rounds; ++i) {
      ASSIGN_OR_RETURN(auto a, origin.federation->DeliverDue());
      ASSIGN_OR_RETURN(auto b, destination.federation->DeliverDue());
      if (a.sent == 0 && b.sent == 0) return Status::Ok();
    }
    return Status::Internal("delivery did not settle");
  }

  CorridorNode origin;
  CorridorNode destination;
  federation::InProcessTransport transport;

 private:
  TestCorridor() = default;
  Status Make(CorridorNode& n, const std::string& id, const std::string& country,
              const std::string& url, Timestamp now, uint64_t seed) {
    ASSIGN_OR_RETURN(n.node, store::testing::TestNode::Create(id, country, now));
    // Each node draws its own ids: the same stream on both would make them collide, which
    // random ids on real nodes never do.
    *n.node.rng = SeededRng(0x5eed0000 + seed);
    n.registry = std::make_unique<Registry>(*n.node.store);
    n.jitter = std::make_unique<SeededRng>(seed);
    n.federation = std::make_unique<Federation>(*n.node.store, *n.node.key, *n.jitter, transport);
    n.url = url;
    CorridorNode* node = &n;
    transport.Attach(url, [node](const std::string& body) { return node->Handle(body); });
    return SeedReferenceData(*n.registry);
  }
};

}  // namespace corridor::service::testing
