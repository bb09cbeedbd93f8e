// Fuzz target for what a node reads from its peer (docs/formats/federation.md): the request and
// response bodies, envelopes and receipts, and the receiver that applies them to a store.
//
// The first input byte picks the mode; the rest is a JSON document.
//  - even: as it came off the network. The request, response, envelope and receipt readers must
//    refuse it precisely or read a value that writes back and reads again as the same value;
//    the receiver's checks must refuse an envelope not signed by the pinned peer key.
//  - odd: as the pinned peer would send it. Every envelope of the request that reads is made the
//    peer's next message (sender, receiver, sequence number, time) and signed with the peer's
//    key, so the fuzzer reaches what the receiver applies: every message type's body, read and
//    checked by the same rules as the API's, on a real node store (SQLite in a temporary
//    directory). Whatever it sends, Receive answers or refuses precisely, and every 64 inputs
//    the node's audit (ledger and message log) passes.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "crypto/crypto.hpp"
#include "domain/testing.hpp"
#include "federation/checks.hpp"
#include "federation/envelope.hpp"
#include "federation/protocol.hpp"
#include "federation/testing.hpp"
#include "federation/transport.hpp"
#include "fuzz_check.hpp"
#include "service/federation.hpp"
#include "service/testing.hpp"
#include "store/federation_store.hpp"
#include "store/testing.hpp"

namespace {

using namespace corridor;

const Timestamp kNow = *Timestamp::Parse("2026-11-29T08:00:00Z");

// The receiving node (Kuwait) with Nepal pinned as its peer.
struct Receiver {
  store::testing::TestNode node;
  std::unique_ptr<service::Registry> registry;
  SeededRng jitter{7};
  federation::InProcessTransport transport;
  std::unique_ptr<service::Federation> federation;
  crypto::SigningKey peer_key = federation::testing::KeyFromSeed(0);
  int inputs = 0;
};

std::unique_ptr<Receiver> MakeReceiver() {
  auto node = store::testing::TestNode::Create("node-kwt", "KWT", kNow);
  if (!node.ok()) {
    std::fprintf(stderr, "federation_fuzz: no store: %s\n", node.status().ToString().c_str());
    std::abort();
  }
  auto r = std::make_unique<Receiver>();
  r->node = std::move(*node);
  r->registry = std::make_unique<service::Registry>(*r->node.store);
  FUZZ_REQUIRE(service::testing::SeedReferenceData(*r->registry).ok());
  const domain::Actor sys = domain::SystemActor();
  // Records the peer's messages may refer to.
  FUZZ_REQUIRE(r->registry->RegisterEmployer(sys, domain::testing::SampleEmployer()).ok());
  r->federation =
      std::make_unique<service::Federation>(*r->node.store, *r->node.key, r->jitter, r->transport);
  FUZZ_REQUIRE(
      r->federation->SetPeer(sys, {"node-npl", "NPL", "http://npl.test", r->peer_key.public_key()})
          .ok());
  return r;
}

// Reads what came off the network; a value that reads writes back and reads the same.
void ReadAsReceived(const json::Value& v) {
  // A key nobody else holds: the corpus carries envelopes signed with the documents' example key.
  static const crypto::SigningKey kPinned = crypto::SigningKey::Generate();
  const federation::PeerKey pinned{"node-npl", kPinned.public_key()};
  const federation::ReceiverContext ctx{"node-kwt", kNow, federation::kDefaultSkewMs};
  if (auto raws = federation::RequestFromJson(v); raws.ok()) {
    FUZZ_REQUIRE(!raws->empty());
    for (const json::Value& raw : *raws) {
      federation::Refusal refusal;
      auto e = federation::ReadEnvelope(raw, &refusal);
      if (!e.ok()) {
        FUZZ_REQUIRE(!refusal.reason.empty());
        continue;
      }
      auto again = federation::EnvelopeFromJson(federation::EnvelopeToJson(*e));
      FUZZ_REQUIRE(again.ok() && *again == *e);
      // Nobody but the test holds the pinned key's seed, and the fuzzer does not forge Ed25519:
      // an envelope that claims the peer is refused (as a bad signature, or for an earlier
      // reason), never accepted.
      FUZZ_REQUIRE(federation::CheckEnvelope(*e, &pinned, ctx).has_value());
      FUZZ_REQUIRE(federation::CheckEnvelope(*e, nullptr, ctx).has_value());
    }
  }
  if (auto e = federation::EnvelopeFromJson(v); e.ok()) {
    auto again = federation::EnvelopeFromJson(federation::EnvelopeToJson(*e));
    FUZZ_REQUIRE(again.ok() && *again == *e);
  }
  if (auto r = federation::ReceiptFromJson(v); r.ok()) {
    auto again = federation::ReceiptFromJson(federation::ReceiptToJson(*r));
    FUZZ_REQUIRE(again.ok() && *again == *r);
  }
  if (auto r = federation::ResponseFromJson(v); r.ok()) {
    const std::string written = json::Canonical(federation::ResponseToJson(*r));
    auto again = federation::ResponseFromJson(*json::Parse(written));
    FUZZ_REQUIRE(again.ok());
    FUZZ_REQUIRE(json::Canonical(federation::ResponseToJson(*again)) == written);
  }
}

// Sends the request as the pinned peer would: each envelope that reads becomes the next message.
void ReceiveAsFromPeer(const json::Value& v) {
  static const std::unique_ptr<Receiver> r = MakeReceiver();
  auto raws = federation::RequestFromJson(v);
  if (!raws.ok()) return;
  uint64_t next = 1;
  FUZZ_REQUIRE(r->node.store
                   ->Read([&](store::ReadTx& tx) -> Status {
                     ASSIGN_OR_RETURN(auto p, store::GetPeer(tx.conn(), "node-npl"));
                     if (p) next = p->next_in_seq;
                     return Status::Ok();
                   })
                   .ok());
  std::vector<federation::Envelope> envelopes;
  for (const json::Value& raw : *raws) {
    federation::Refusal refusal;
    auto e = federation::ReadEnvelope(raw, &refusal);
    if (!e.ok()) continue;
    e->sender = "node-npl";
    e->receiver = "node-kwt";
    e->seq = next + envelopes.size();
    e->time = r->node.clock->Now();
    federation::SignEnvelope(*e, r->peer_key);
    envelopes.push_back(std::move(*e));
  }
  if (envelopes.empty()) return;
  const std::string body = json::Write(federation::RequestToJson(envelopes));
  auto response = r->federation->Receive(body, "127.0.0.1");
  if (!response.ok()) {
    FUZZ_REQUIRE(response.status().code() == Code::kInvalidArgument);
  } else {
    for (const auto& result : response->results) {
      FUZZ_REQUIRE(federation::VerifyReceipt(result.receipt, r->node.key->public_key()).ok());
    }
  }
  if (++r->inputs % 64 == 0) {
    auto ledger = r->node.store->Verify();
    FUZZ_REQUIRE(ledger.ok() && ledger->ok);
    auto log = store::VerifyMessageLog(*r->node.store);
    FUZZ_REQUIRE(log.ok() && log->ok);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > 64 * 1024) return 0;
  static const bool init = [] {
    crypto::Init();
    return true;
  }();
  (void)init;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto v = json::Parse(text);
  if (!v.ok()) return 0;
  if (data[0] % 2 == 0) {
    ReadAsReceived(*v);
  } else {
    ReceiveAsFromPeer(*v);
  }
  return 0;
}
