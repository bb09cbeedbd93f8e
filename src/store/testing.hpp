// Test support: a fresh, empty store location for one test, on the backend the test run names.
//
// CTest runs each store-backed test binary twice: without CORRIDOR_TEST_PG_DIR (SQLite: a file
// in a new temporary directory) and with it (PostgreSQL: a new schema in the throwaway server
// that the `pg` CTest fixture started; its URI is in $CORRIDOR_TEST_PG_DIR/uri). A PostgreSQL run
// whose server is missing fails; it never skips.
// Everything is removed when the TestStore is destroyed. Test-only; one per test.
#pragma once

#include <memory>
#include <string>

#include "core/clock.hpp"
#include "core/status.hpp"
#include "crypto/crypto.hpp"
#include "store/store.hpp"

namespace corridor::store::testing {

class TestLocation {
 public:
  static Result<std::unique_ptr<TestLocation>> Create();
  TestLocation(const TestLocation&) = delete;
  TestLocation& operator=(const TestLocation&) = delete;
  ~TestLocation();

  // The store URI for this test.
  const std::string& uri() const { return uri_; }
  // A private temporary directory (for key files and the like), on both backends.
  const std::string& dir() const { return dir_; }
  bool postgres() const { return !schema_.empty(); }

 private:
  TestLocation() = default;
  std::string uri_;
  std::string dir_;
  std::string schema_;
  std::string admin_uri_;
};

// An initialised node store in a fresh location, with a settable clock, a reproducible random
// stream and a fresh signing key.
struct TestNode {
  std::unique_ptr<TestLocation> location;
  std::unique_ptr<ManualClock> clock;
  std::unique_ptr<SeededRng> rng;
  std::unique_ptr<crypto::SigningKey> key;
  std::unique_ptr<Store> store;

  // `country` is the node's; the clock starts at `now`.
  static Result<TestNode> Create(const std::string& node_id, const std::string& country,
                                 Timestamp now);
  // Closes and opens the store again (as after a restart).
  Status Reopen();
};

// `corridor audit verify` of `store` (state_audit.hpp: the ledger, then the state against it):
// "" when it passes, else each problem on a line of its own. Fixtures call it after every test,
// so each kind of write the tests make is audited.
std::string AuditProblems(Store& store);

}  // namespace corridor::store::testing
