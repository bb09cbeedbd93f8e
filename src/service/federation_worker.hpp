// The delivery worker: one thread per node that delivers pending federation messages as soon
// as a write commits them, retries peers when their backoff ends, and hands each peer the node's
// signed ledger head every `head_interval_ms` (docs/formats/federation.md §3 and §8).
//
// Thread-safety: Start and Stop from one thread; the worker thread is the only caller of
// Federation::DeliverDue and QueueHeads while it runs.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "service/federation.hpp"

namespace corridor::service {

struct WorkerOptions {
  int64_t head_interval_ms = 30'000;
  int64_t idle_ms = 1'000;  // the longest sleep when nothing wakes the worker
};

class FederationWorker {
 public:
  explicit FederationWorker(Federation& federation, WorkerOptions options = {})
      : federation_(federation), options_(options) {}
  ~FederationWorker() { Stop(); }
  FederationWorker(const FederationWorker&) = delete;
  FederationWorker& operator=(const FederationWorker&) = delete;

  void Start();
  // Asks the thread to finish its pass and waits for it.
  void Stop();
  // The last error a pass met ("" when the last pass went well), for status pages and logs.
  std::string last_error() const;
  uint64_t passes() const { return passes_.load(); }

 private:
  void Run();

  Federation& federation_;
  WorkerOptions options_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<uint64_t> passes_{0};
  mutable std::mutex mu_;
  std::string last_error_;
};

}  // namespace corridor::service
