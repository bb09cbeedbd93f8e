#include "service/accounts.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include "service/testing.hpp"

namespace corridor::service {
namespace {

using domain::Role;

constexpr char kPassword[] = "the right password";

// Holds password checks until the test opens it.
struct Gate {
  std::mutex mu;
  std::condition_variable cv;
  bool open = false;
  int waiting = 0;
  void Wait() {
    std::unique_lock<std::mutex> lock(mu);
    ++waiting;
    cv.notify_all();
    cv.wait(lock, [this] { return open; });
  }
  void WaitFor(int n) {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return waiting >= n; });
  }
  void Open() {
    std::lock_guard<std::mutex> lock(mu);
    open = true;
    cv.notify_all();
  }
};

// The password check, counted, and held at a gate when the test sets one. Every account here
// has the password kPassword; the Argon2id hashing itself is crypto's to test.
struct CountingCheck {
  std::atomic<int> calls{0};
  Gate* gate = nullptr;
  bool operator()(std::string_view password, const std::string& hash) {
    ++calls;
    if (gate != nullptr) gate->Wait();
    return !hash.empty() && password == kPassword;
  }
};

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto node = store::testing::TestNode::Create("node-kw", "KWT",
                                                 *Timestamp::Parse("2026-11-29T08:00:00Z"));
    ASSERT_TRUE(node.ok()) << node.status().ToString() << " " << node.status().detail();
    node_ = std::move(*node);
  }

  std::unique_ptr<Accounts> Make(AuthConfig config) {
    config.check_password = [this](std::string_view p, const std::string& h) {
      return check_(p, h);
    };
    auto accounts = std::make_unique<Accounts>(*node_.store, std::move(config));
    domain::Account a;
    a.username = "admin";
    a.role = Role::kAdministrator;
    a.country = "KWT";
    a.display_name = "Administrator";
    a.language = "en";
    auto created = accounts->Create(domain::SystemActor(), a, kPassword);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return accounts;
  }

  Result<domain::LoginState> StoredState(const std::string& username) {
    domain::LoginState s;
    RETURN_IF_ERROR(node_.store->Read([&](store::ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(auto a, store::FindAccountByUsername(tx.conn(), username));
      if (!a) return Status::NotFound(username);
      s = {a->failed_logins, a->locked_until_ms};
      return Status::Ok();
    }));
    return s;
  }

  store::testing::TestNode node_;
  CountingCheck check_;
};

AuthConfig WideOpenAddresses() {
  AuthConfig c;
  c.address.burst = 1000;  // these tests are about the account's own limit
  c.hash_threads = 8;
  return c;
}

TEST_F(AccountsTest, FortyParallelWrongPasswordsCheckNoMoreThanTheLimit) {
  auto accounts = Make(WideOpenAddresses());
  check_.calls = 0;
  std::vector<std::future<LoginAnswer>> answers;
  answers.reserve(40);
  for (int i = 0; i < 40; ++i) {
    answers.push_back(std::async(std::launch::async, [&accounts, i] {
      return accounts->Login(
          {"admin", "wrong password " + std::to_string(i), "192.0.2." + std::to_string(i)});
    }));
  }
  int wrong = 0;
  int locked = 0;
  for (auto& f : answers) {
    const LoginAnswer a = f.get();
    ASSERT_FALSE(a.result.ok());
    if (a.result.status().code() == Code::kUnauthenticated) ++wrong;
    if (a.result.status().code() == Code::kResourceExhausted) {
      ++locked;
      EXPECT_GT(a.retry_after_s, 0);
    }
  }
  const int limit = AuthConfig{}.lock.max_failures;
  EXPECT_EQ(wrong, limit);
  EXPECT_EQ(locked, 40 - limit);
  EXPECT_EQ(check_.calls.load(), limit);  // no password was checked beyond the limit
  auto state = StoredState("admin");
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->failures, limit);
  EXPECT_GT(state->locked_until_ms, node_.clock->Now().millis());
}

TEST_F(AccountsTest, AnUnknownUsernameAnswersExactlyLikeAnAccount) {
  auto accounts = Make(WideOpenAddresses());
  for (int i = 0; i < 8; ++i) {
    const LoginAnswer known = accounts->Login({"admin", "wrong password", "192.0.2.1"});
    const LoginAnswer unknown = accounts->Login({"nobody", "wrong password", "192.0.2.1"});
    ASSERT_FALSE(known.result.ok());
    ASSERT_FALSE(unknown.result.ok());
    EXPECT_EQ(known.result.status().code(), unknown.result.status().code()) << i;
    EXPECT_EQ(known.result.status().message(), unknown.result.status().message()) << i;
    EXPECT_EQ(known.retry_after_s, unknown.retry_after_s) << i;
    node_.clock->Advance(7'000);
  }
  // Both are locked now, and both unlock at the same moment.
  node_.clock->Advance(60'000);
  EXPECT_EQ(accounts->Login({"admin", "wrong password", "192.0.2.1"}).result.status().code(),
            Code::kUnauthenticated);
  EXPECT_EQ(accounts->Login({"nobody", "wrong password", "192.0.2.1"}).result.status().code(),
            Code::kUnauthenticated);
}

TEST_F(AccountsTest, FailuresFromElsewhereNeverKeepTheOwnerOut) {
  auto accounts = Make(WideOpenAddresses());
  // The administrator logs in from her office once.
  ASSERT_TRUE(accounts->Login({"admin", kPassword, "203.0.113.7"}).result.ok());
  // An attacker from many addresses keeps the account locked, for as long as it likes.
  for (int round = 0; round < 20; ++round) {
    for (int i = 0; i < 10; ++i) {
      (void)accounts->Login({"admin", "guess", "198.51.100." + std::to_string(i + 10 * round)});
    }
    node_.clock->Advance(30'000);
  }
  // The right password from a new address waits for the lock...
  const LoginAnswer elsewhere = accounts->Login({"admin", kPassword, "192.0.2.99"});
  EXPECT_EQ(elsewhere.result.status().code(), Code::kResourceExhausted);
  EXPECT_GT(elsewhere.retry_after_s, 0);
  // ...while from her office the administrator is let in, and the count starts again.
  const LoginAnswer office = accounts->Login({"admin", kPassword, "203.0.113.7"});
  ASSERT_TRUE(office.result.ok()) << office.result.status().ToString();
  auto state = StoredState("admin");
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(*state, domain::LoginState{});
  // An IPv6 host is one address whatever its interface identifier.
  ASSERT_TRUE(accounts->Login({"admin", kPassword, "2001:db8:1:2::10"}).result.ok());
  for (int i = 0; i < 6; ++i) (void)accounts->Login({"admin", "guess", "192.0.2.200"});
  EXPECT_TRUE(accounts->Login({"admin", kPassword, "2001:db8:1:2:aaaa::1"}).result.ok());
}

TEST_F(AccountsTest, OneAddressIsLimitedFirstAcrossAccounts) {
  AuthConfig c;
  c.address.burst = 10;
  c.address.refill_ms = 30'000;
  auto accounts = Make(c);
  check_.calls = 0;
  for (int i = 0; i < 10; ++i) {
    const LoginAnswer a = accounts->Login({"user" + std::to_string(i), "guess", "192.0.2.5"});
    EXPECT_EQ(a.result.status().code(), Code::kUnauthenticated) << i;
  }
  const LoginAnswer over = accounts->Login({"admin", kPassword, "192.0.2.5"});
  EXPECT_EQ(over.result.status().code(), Code::kResourceExhausted);
  EXPECT_EQ(over.retry_after_s, 30);
  EXPECT_EQ(check_.calls.load(), 10);  // refused before any lookup or hashing
  // Another address is not affected; a success gives its token back.
  EXPECT_TRUE(accounts->Login({"admin", kPassword, "192.0.2.6"}).result.ok());
  node_.clock->Advance(30'000);
  EXPECT_TRUE(accounts->Login({"admin", kPassword, "192.0.2.5"}).result.ok());
  EXPECT_TRUE(accounts->Login({"admin", kPassword, "192.0.2.5"}).result.ok());
  EXPECT_EQ(accounts->Login({"admin", "guess", "192.0.2.5"}).result.status().code(),
            Code::kUnauthenticated);
  EXPECT_EQ(accounts->Login({"admin", kPassword, "192.0.2.5"}).result.status().code(),
            Code::kResourceExhausted);
}

TEST_F(AccountsTest, LoginsRunOnTheirOwnPoolAndAFullQueueAnswersAtOnce) {
  Gate gate;
  AuthConfig c = WideOpenAddresses();
  c.hash_threads = 2;
  c.hash_queue = 3;
  c.lock.max_failures = 100;
  auto accounts = Make(c);
  check_.gate = &gate;
  std::mutex mu;
  std::condition_variable cv;
  std::vector<LoginAnswer> answers;
  auto done = [&](LoginAnswer a) {
    std::lock_guard<std::mutex> lock(mu);
    answers.push_back(std::move(a));
    cv.notify_all();
  };
  // StartLogin returns at once: two attempts are being checked (held at the gate), three wait.
  for (int i = 0; i < 2; ++i) accounts->StartLogin({"admin", "guess", "192.0.2.1"}, done);
  gate.WaitFor(2);
  for (int i = 0; i < 3; ++i) accounts->StartLogin({"admin", "guess", "192.0.2.1"}, done);
  EXPECT_EQ(accounts->logins_running(), 2);
  EXPECT_EQ(accounts->logins_waiting(), 3U);
  {
    std::lock_guard<std::mutex> lock(mu);
    EXPECT_TRUE(answers.empty());
  }
  // The queue is full: the next is answered on the caller's thread, with when to retry.
  accounts->StartLogin({"admin", kPassword, "192.0.2.1"}, done);
  {
    std::lock_guard<std::mutex> lock(mu);
    ASSERT_EQ(answers.size(), 1U);
    EXPECT_EQ(answers[0].result.status().code(), Code::kUnavailable);
    EXPECT_EQ(answers[0].retry_after_s, 1);
  }
  gate.Open();
  std::unique_lock<std::mutex> lock(mu);
  cv.wait(lock, [&] { return answers.size() == 6; });
  for (size_t i = 1; i < answers.size(); ++i) {
    EXPECT_EQ(answers[i].result.status().code(), Code::kUnauthenticated) << i;
  }
}

TEST_F(AccountsTest, StoppingAnswersWhatIsStillQueued) {
  Gate gate;
  AuthConfig c = WideOpenAddresses();
  c.hash_threads = 1;
  auto accounts = Make(c);
  check_.gate = &gate;
  std::mutex mu;
  std::vector<LoginAnswer> answers;
  auto done = [&](LoginAnswer a) {
    std::lock_guard<std::mutex> lock(mu);
    answers.push_back(std::move(a));
  };
  for (int i = 0; i < 3; ++i) accounts->StartLogin({"admin", "guess", "192.0.2.1"}, done);
  gate.WaitFor(1);
  std::thread opener([&] { gate.Open(); });
  accounts->StopLogins();
  opener.join();
  // Each queued login is answered once: checked if it started before the stop, else refused.
  ASSERT_EQ(answers.size(), 3U);
  EXPECT_EQ(answers[0].result.status().code(), Code::kUnauthenticated);
  for (size_t i = 1; i < 3; ++i) {
    const Code code = answers[i].result.status().code();
    EXPECT_TRUE(code == Code::kUnavailable || code == Code::kUnauthenticated) << i;
  }
  // After stopping, a login is answered at once.
  accounts->StartLogin({"admin", kPassword, "192.0.2.1"}, done);
  ASSERT_EQ(answers.size(), 4U);
  EXPECT_EQ(answers[3].result.status().code(), Code::kUnavailable);
}

}  // namespace
}  // namespace corridor::service
