#include "service/federation_worker.hpp"

#include <algorithm>
#include <chrono>

namespace corridor::service {

void FederationWorker::Start() {
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Run(); });
}

void FederationWorker::Stop() {
  if (!thread_.joinable()) return;
  stop_ = true;
  federation_.Wake();
  thread_.join();
}

std::string FederationWorker::last_error() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_error_;
}

void FederationWorker::Run() {
  using Steady = std::chrono::steady_clock;
  auto next_heads = Steady::now();  // the first pass hands heads over at once
  while (!stop_) {
    std::string error;
    if (Steady::now() >= next_heads) {
      auto queued = federation_.QueueHeads();
      if (!queued.ok()) error = queued.status().ToString();
      next_heads = Steady::now() + std::chrono::milliseconds(options_.head_interval_ms);
    }
    int64_t wait_ms = options_.idle_ms;
    auto report = federation_.DeliverDue();
    if (!report.ok()) {
      error = report.status().ToString();
    } else if (report->next_due) {
      const int64_t until = report->next_due->millis() - federation_.store().clock().Now().millis();
      wait_ms = std::clamp<int64_t>(until, 0, wait_ms);
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      last_error_ = error;
    }
    ++passes_;
    const int64_t to_heads =
        std::chrono::duration_cast<std::chrono::milliseconds>(next_heads - Steady::now()).count();
    wait_ms = std::clamp<int64_t>(to_heads, 0, wait_ms);
    if (!stop_) federation_.WaitForWork(wait_ms);
  }
}

}  // namespace corridor::service
