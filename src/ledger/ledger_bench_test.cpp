// Throughput figures for the ledger, as disabled tests: they print, they assert nothing about
// time, and they run only when asked:
//
//   build/src/ledger/ledger_test --gtest_also_run_disabled_tests --gtest_filter='*Throughput*'
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <ctime>

#include "ledger/event.hpp"
#include "ledger/merkle.hpp"
#include "ledger/verify.hpp"

namespace corridor::ledger {
namespace {

constexpr uint64_t kEvents = 1'000'000;

// Wall time and this process's CPU time: on a shared machine the CPU time is the steadier figure.
struct Stopwatch {
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  std::clock_t cpu = std::clock();
  double WallSeconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
  }
  double CpuSeconds() const { return static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC; }
};

void Report(const char* what, uint64_t n, const Stopwatch& w) {
  const double wall = w.WallSeconds();
  const double cpu = w.CpuSeconds();
  std::printf("%s x %llu: wall %.3f s (%.0f /s), cpu %.3f s (%.0f /s)\n", what,
              static_cast<unsigned long long>(n), wall, static_cast<double>(n) / wall, cpu,
              static_cast<double>(n) / cpu);
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

  Stopwatch w;
  CompactTree tree;
  std::vector<NodeRecord> completed;
  for (const Hash& h : leaves) {
    completed.clear();
    tree.Append(h, &completed);
  }
  Report("Append, collecting completed nodes", kEvents, w);
  const Hash root = tree.Root();

  w = Stopwatch();
  CompactTree tree2;
  Hash last{};
  for (const Hash& h : leaves) {
    completed.clear();
    tree2.Append(h, &completed);
    last = tree2.Root();
  }
  Report("Append + Root() after every append", kEvents, w);
  ASSERT_EQ(last, root);
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
  Stopwatch w;
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
  std::printf("average event: %zu bytes\n", bytes / kEvents);
  Report("Build an event, encode, hash, append, store nodes", kEvents, w);

  // Two passes each; the first pass also warms up the memory of the events.
  for (bool with_nodes : {true, false, true, false}) {
    MemoryEventReader reader(events);
    w = Stopwatch();
    const VerifyReport r =
        VerifyLog(reader, heads, key.public_key(), "origin-np", with_nodes ? &nodes : nullptr);
    Report(with_nodes ? "VerifyLog, 100 heads, checking stored nodes"
                      : "VerifyLog, 100 heads, no stored nodes",
           kEvents, w);
    ASSERT_TRUE(r.ok) << r.problem;
    ASSERT_EQ(r.events_checked, kEvents);
  }
}

}  // namespace
}  // namespace corridor::ledger
