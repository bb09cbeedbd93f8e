// Throughput figures for the ledger, as disabled tests: they print, they assert nothing about
// time, and they run only when asked:
//
//   build/src/ledger/ledger_test --gtest_also_run_disabled_tests --gtest_filter='*Throughput*'
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "ledger/event.hpp"
#include "ledger/merkle.hpp"
#include "ledger/verify.hpp"

namespace corridor::ledger {
namespace {

constexpr uint64_t kEvents = 1'000'000;

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

Event SyntheticEvent(uint64_t i) {
  Event e;
  e.index = i;
  e.time = Timestamp::FromMillis(1'772'000'000'000 + static_cast<int64_t>(i) * 37);
  e.node_id = "origin-np";
  e.type = "contract.attested";
  e.subject = "C-" + std::to_string(100000000 + i);
  e.actor = "U-" + std::to_string(5000 + i % 977);
  e.data["digest"] = HashToHex(LeafHash(std::to_string(i)));
  e.data["terms_version"] = static_cast<int>(i % 5);
  return e;
}

TEST(LedgerBench, DISABLED_AppendAndRootThroughput) {
  std::vector<Hash> leaves;
  leaves.reserve(kEvents);
  for (uint64_t i = 0; i < kEvents; ++i) leaves.push_back(LeafHash(std::to_string(i)));

  auto t = std::chrono::steady_clock::now();
  CompactTree tree;
  std::vector<NodeRecord> completed;
  for (const Hash& h : leaves) {
    completed.clear();
    tree.Append(h, &completed);
  }
  const double append_s = Seconds(t);
  const Hash root = tree.Root();

  t = std::chrono::steady_clock::now();
  CompactTree tree2;
  Hash last{};
  for (const Hash& h : leaves) {
    completed.clear();
    tree2.Append(h, &completed);
    last = tree2.Root();
  }
  const double append_root_s = Seconds(t);
  ASSERT_EQ(last, root);
  std::printf("Append (with completed nodes) x %llu: %.3f s, %.0f appends/s\n",
              static_cast<unsigned long long>(kEvents), append_s, kEvents / append_s);
  std::printf("Append + Root() after every append x %llu: %.3f s, %.0f /s\n",
              static_cast<unsigned long long>(kEvents), append_root_s, kEvents / append_root_s);
}

TEST(LedgerBench, DISABLED_VerifyLogThroughput) {
  crypto::Init();
  const crypto::SigningKey key = crypto::SigningKey::Generate();
  std::vector<StoredEvent> events;
  events.reserve(kEvents);
  std::vector<SignedTreeHead> heads;
  MemoryNodeSource nodes;
  CompactTree tree;
  std::vector<NodeRecord> completed;
  size_t bytes = 0;
  auto t = std::chrono::steady_clock::now();
  for (uint64_t i = 0; i < kEvents; ++i) {
    StoredEvent s;
    s.index = i;
    s.bytes = EncodeEvent(SyntheticEvent(i));
    s.leaf_hash = LeafHash(s.bytes);
    bytes += s.bytes.size();
    completed.clear();
    tree.Append(s.leaf_hash, &completed);
    ASSERT_TRUE(nodes.PutAll(completed).ok());
    events.push_back(std::move(s));
    if ((i + 1) % 10'000 == 0) {
      heads.push_back(
          SignTreeHead({"origin-np", i + 1, tree.Root(), Timestamp::FromMillis(0)}, key));
    }
  }
  const double build_s = Seconds(t);
  std::printf(
      "Encode + hash + append + store nodes x %llu (avg %zu bytes): %.3f s, %.0f events/s\n",
      static_cast<unsigned long long>(kEvents), bytes / kEvents, build_s, kEvents / build_s);

  for (bool with_nodes : {false, true}) {
    MemoryEventReader reader(events);
    t = std::chrono::steady_clock::now();
    const VerifyReport r =
        VerifyLog(reader, heads, key.public_key(), "origin-np", with_nodes ? &nodes : nullptr);
    const double verify_s = Seconds(t);
    ASSERT_TRUE(r.ok) << r.problem;
    ASSERT_EQ(r.events_checked, kEvents);
    std::printf("VerifyLog x %llu events, %zu heads, %s: %.3f s, %.0f events/s\n",
                static_cast<unsigned long long>(kEvents), heads.size(),
                with_nodes ? "checking stored nodes" : "no stored nodes", verify_s,
                kEvents / verify_s);
  }
}

}  // namespace
}  // namespace corridor::ledger
