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

#include "core/status.hpp"

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

}  // namespace corridor::store::testing
