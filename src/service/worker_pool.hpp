// A fixed number of threads that run queued jobs, with a bounded queue: work that is too costly
// for the HTTP server's threads (Argon2id password checks) runs here, at most `threads` at a
// time, and work beyond `max_queued` is refused at once rather than piling up.
//
// Thread-safety: TrySubmit, queued and running may be called from any thread; Stop (and the
// destructor) from a thread that is not one of the pool's.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace corridor::service {

class WorkerPool {
 public:
  WorkerPool(int threads, size_t max_queued);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `job`; false (and `job` is not run) when the queue is full or the pool stopped.
  bool TrySubmit(std::function<void()> job);
  // Refuses new jobs, runs those already queued, and joins the threads. Idempotent.
  void Stop();

  size_t queued() const;
  int running() const;

 private:
  void Loop();

  const size_t max_queued_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  int running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace corridor::service
