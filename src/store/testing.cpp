#include "store/testing.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/clock.hpp"
#include "core/encoding.hpp"
#include "store/database.hpp"
#include "store/state_audit.hpp"

namespace corridor::store::testing {

Result<std::unique_ptr<TestLocation>> TestLocation::Create() {
  std::unique_ptr<TestLocation> loc(new TestLocation());
  const char* tmp = std::getenv("TMPDIR");  // NOLINT(concurrency-mt-unsafe): tests set no env
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/corridor-test-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) return Status::Internal("mkdtemp failed");
  loc->dir_ = pattern;

  // NOLINTNEXTLINE(concurrency-mt-unsafe): read before any test thread starts
  const char* pg_dir = std::getenv("CORRIDOR_TEST_PG_DIR");
  if (pg_dir == nullptr || *pg_dir == '\0') {
    loc->uri_ = "sqlite:" + loc->dir_ + "/store.db";
    return loc;
  }
  std::ifstream in(std::string(pg_dir) + "/uri");
  if (!in || !std::getline(in, loc->admin_uri_)) {
    return Status::Unavailable(std::string("no PostgreSQL test server: ") + pg_dir +
                               "/uri is missing (the pg fixture did not start)");
  }
  SystemRng rng;
  uint8_t bytes[8];
  rng.Fill(bytes);
  loc->schema_ = "t_" + HexEncode(bytes);
  OpenOptions options;
  options.pool_size = 1;
  ASSIGN_OR_RETURN(auto admin, Database::Open(loc->admin_uri_, options));
  ASSIGN_OR_RETURN(auto conn, admin->Acquire());
  RETURN_IF_ERROR(conn->ExecScript("CREATE SCHEMA " + loc->schema_));
  loc->uri_ = loc->admin_uri_ + "?options=-csearch_path%3D" + loc->schema_;
  return loc;
}

TestLocation::~TestLocation() {
  if (!schema_.empty()) {
    OpenOptions options;
    options.pool_size = 1;
    auto admin = Database::Open(admin_uri_, options);
    if (admin.ok()) {
      auto conn = (*admin)->Acquire();
      if (conn.ok()) (void)(*conn)->ExecScript("DROP SCHEMA " + schema_ + " CASCADE");
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

Result<TestNode> TestNode::Create(const std::string& node_id, const std::string& country,
                                  Timestamp now) {
  crypto::Init();
  TestNode n;
  ASSIGN_OR_RETURN(n.location, TestLocation::Create());
  n.clock = std::make_unique<ManualClock>(now);
  n.rng = std::make_unique<SeededRng>(42);
  n.key = std::make_unique<crypto::SigningKey>(crypto::SigningKey::Generate());
  NodeIdentity identity{node_id, country, n.key->public_key()};
  RETURN_IF_ERROR(Store::Initialise(n.location->uri(), identity));
  RETURN_IF_ERROR(n.Reopen());
  return n;
}

Status TestNode::Reopen() {
  store.reset();
  StoreOptions options;
  options.clock = clock.get();
  options.rng = rng.get();
  options.key = key.get();
  options.head_interval_ms = 0;  // a head after every write: tests see every state signed
  ASSIGN_OR_RETURN(store, Store::Open(location->uri(), options));
  return Status::Ok();
}

std::string AuditProblems(Store& store) {
  auto r = Audit(store);
  if (!r.ok()) return "the audit failed: " + r.status().ToString();
  if (!r->ledger.ok) return "ledger: " + r->ledger.problem + "\n";
  std::string out;
  for (const auto& f : r->state.findings) out += f.table + " " + f.id + ": " + f.problem + "\n";
  if (r->state.findings_total > r->state.findings.size()) out += "and more\n";
  return out;
}

}  // namespace corridor::store::testing
