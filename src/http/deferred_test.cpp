// The server's deferred responses (message.hpp): answered later from another thread, without
// holding a server thread meanwhile; a Respond dropped unanswered is a 503.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "http/server.hpp"
#include "http/test_client.hpp"

namespace corridor::http {
namespace {

using testing::RawClient;

// Keeps the deferred requests' Responds until the test answers them.
struct Parked {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<Respond> waiting;
  void Park(Respond r) {
    std::lock_guard<std::mutex> lock(mu);
    waiting.push_back(std::move(r));
    cv.notify_all();
  }
  void WaitFor(size_t n) {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return waiting.size() >= n; });
  }
};

class DeferredTest : public ::testing::Test {
 protected:
  void Start(Handler handler) {
    ServerOptions o;
    o.threads = 1;  // one thread: a deferred request must not hold it
    auto s = Server::Create(o, std::move(handler));
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    server_ = std::move(*s);
    runner_ = std::thread([this] { server_->Run(); });
  }
  void TearDown() override {
    if (server_) server_->Stop();
    if (runner_.joinable()) runner_.join();
  }
  std::unique_ptr<Server> server_;
  std::thread runner_;
};

TEST_F(DeferredTest, ARequestWaitingForItsAnswerHoldsNoServerThread) {
  Parked parked;
  Start([&parked](const Request& req) {
    Response r;
    if (req.path() == "/slow") {
      r.route = "/slow";
      r.deferred = [&parked](Respond respond) { parked.Park(std::move(respond)); };
      return r;
    }
    r.body = "quick";
    return r;
  });
  std::vector<std::unique_ptr<RawClient>> slow;
  for (int i = 0; i < 8; ++i) {
    slow.push_back(std::make_unique<RawClient>(server_->port()));
    ASSERT_TRUE(slow.back()->Send("GET", "/slow"));
  }
  parked.WaitFor(8);
  // Eight requests wait for their answers on a one-thread server, and it still answers others.
  RawClient quick(server_->port());
  ASSERT_TRUE(quick.Send("GET", "/quick"));
  const auto q = quick.Read();
  EXPECT_EQ(q.status, 200);
  EXPECT_EQ(q.body, "quick");
  // Answered from another thread; an answer given twice is written once; one dropped is a 503.
  std::thread answerer([&parked] {
    std::lock_guard<std::mutex> lock(parked.mu);
    for (size_t i = 0; i < parked.waiting.size(); ++i) {
      if (i == 7) {
        parked.waiting[i] = nullptr;  // dropped without an answer
        continue;
      }
      Response r;
      r.status = 201;
      r.body = "answer " + std::to_string(i);
      parked.waiting[i](r);
      parked.waiting[i](r);
    }
  });
  answerer.join();
  int answered = 0;
  int unavailable = 0;
  for (auto& c : slow) {
    const auto r = c->Read();
    if (r.status == 201) ++answered;
    if (r.status == 503) {
      ++unavailable;
      EXPECT_NE(r.head.find("Retry-After: 1"), std::string::npos) << r.head;
      EXPECT_NE(r.body.find("/problems/unavailable"), std::string::npos) << r.body;
    }
  }
  EXPECT_EQ(answered, 7);
  EXPECT_EQ(unavailable, 1);
}

TEST_F(DeferredTest, StoppingWaitsForDeferredAnswers) {
  Parked parked;
  Start([&parked](const Request&) {
    Response r;
    r.deferred = [&parked](Respond respond) { parked.Park(std::move(respond)); };
    return r;
  });
  RawClient c(server_->port());
  ASSERT_TRUE(c.Send("GET", "/x"));
  parked.WaitFor(1);
  server_->Stop();
  {
    std::lock_guard<std::mutex> lock(parked.mu);
    Response r;
    r.body = "late but whole";
    parked.waiting[0](r);
  }
  const auto r = c.Read();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "late but whole");
}

}  // namespace
}  // namespace corridor::http
