// Registry throughput beside the raw rate of the same store, in one run.
//
//   registry_bench --store-dir DIR [--pg-uri URI] [--contracts N] [--import-rows N]
//
// For each backend (SQLite in DIR; PostgreSQL if --pg-uri is given) it measures:
//   1. contracts registered per second, each its own durable transaction through the service
//      layer (validation, digest, record, ledger event, Merkle nodes, a signed head per second),
//      beside a bare loop inserting rows of the same size, one durable transaction each;
//   2. bulk import rows per second (workers, one transaction for the file) beside a bare loop
//      inserting the same number of rows in one transaction;
//   3. `audit verify` events per second over the ledger those steps wrote (the ledger and the
//      state against it; bench/audit_bench.cpp measures it at a million events).
// Durability is the store's: SQLite WAL with synchronous=FULL (fsync per commit), PostgreSQL
// with its defaults (synchronous_commit on). Prints one JSON line per measurement.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>

#include "codec/codec.hpp"
#include "core/clock.hpp"
#include "crypto/crypto.hpp"
#include "domain/testing.hpp"
#include "service/import.hpp"
#include "service/registry.hpp"
#include "store/state_audit.hpp"
#include "store/store.hpp"

using namespace corridor;

namespace {

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void Report(const std::string& backend, const std::string& what, uint64_t n, double secs,
            const std::string& unit) {
  std::printf(
      "{\"backend\":\"%s\",\"measure\":\"%s\",\"count\":%llu,\"seconds\":%.3f,"
      "\"per_second\":%.1f,\"unit\":\"%s\"}\n",
      backend.c_str(), what.c_str(), static_cast<unsigned long long>(n), secs, n / secs,
      unit.c_str());
  std::fflush(stdout);
}

int Die(const Status& s) {
  std::fprintf(stderr, "registry_bench: %s (%s)\n", s.ToString().c_str(), s.detail().c_str());
  return 1;
}

std::string WorkersCsv(int rows, int offset) {
  std::ostringstream out;
  out << "family_name_latin,given_names_latin,date_of_birth,sex,nationality,passport_number,"
         "passport_issuing_state,passport_expiry,phone,preferred_language\n";
  for (int i = 0; i < rows; ++i) {
    const int n = offset + i;
    std::string given;  // names have no digits: spell n in letters
    for (int v = n; given.empty() || v > 0; v /= 26)
      given.push_back(static_cast<char>('A' + v % 26));
    out << "THAPA,SITA " << given << ",1990-01-" << (10 + n % 19) << ",F,NPL,PB" << (1000000 + n)
        << ",NPL,2031-03-01,+97798" << (10000000 + n) << ",ne\n";
  }
  return out.str();
}

int RunBackend(const std::string& backend, const std::string& uri, int contracts, int import_rows) {
  SystemClock clock;
  crypto::SodiumRng rng;
  const crypto::SigningKey key = crypto::SigningKey::Generate();
  if (Status s = store::Store::Initialise(uri, {"node-bench", "KWT", key.public_key()}); !s.ok()) {
    return Die(s);
  }
  store::StoreOptions options;
  options.clock = &clock;
  options.rng = &rng;
  options.key = &key;
  auto st = store::Store::Open(uri, options);
  if (!st.ok()) return Die(st.status());
  store::Store& store = **st;
  service::Registry registry(store);
  const domain::Actor system = domain::SystemActor();

  // Reference data and parties.
  if (Status s = registry.SetOccupation(system, {"5322", "Home-based personal care workers"});
      !s.ok())
    return Die(s);
  if (Status s = registry.SetCountryRules(system, domain::testing::KuwaitRules()); !s.ok())
    return Die(s);
  domain::Employer e = domain::testing::SampleEmployer();
  e.id = EmployerId();
  auto employer = registry.RegisterEmployer(system, e);
  if (!employer.ok()) return Die(employer.status());
  {
    std::istringstream in(WorkersCsv(contracts, 0));
    auto r = service::Import(registry, system, service::ImportKind::kWorkers, in);
    if (!r.ok()) return Die(r.status());
    if (!r->ok())
      return Die(Status::InvalidArgument(r->errors[0].field + ": " + r->errors[0].message));
  }
  std::vector<domain::Worker> workers;
  std::string after;
  while (true) {
    std::vector<domain::Worker> page;
    Status s = store.Read([&](store::ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(page, tx.ListWorkers({}, {after, 1000}));
      return Status::Ok();
    });
    if (!s.ok()) return Die(s);
    if (page.empty()) break;
    after = page.back().id.value();
    workers.insert(workers.end(), page.begin(), page.end());
  }

  // 1. Contracts, one durable transaction each.
  domain::Actor employer_actor;
  employer_actor.account = "U-employer";
  employer_actor.role = domain::Role::kEmployer;
  employer_actor.employer = employer->id;
  auto start = std::chrono::steady_clock::now();
  std::string doc_sample;
  for (int i = 0; i < contracts; ++i) {
    domain::ContractTerms t = domain::testing::SampleTerms();
    t.worker = workers[static_cast<size_t>(i)].id;
    t.employer = employer->id;
    t.agency.reset();
    auto c = registry.DraftContract(employer_actor, t);
    if (!c.ok()) return Die(c.status());
    if (i == 0) doc_sample = json::Write(codec::ToJson(*c));
  }
  Report(backend, "contracts_registered", static_cast<uint64_t>(contracts), Seconds(start),
         "contracts/s");

  // The peer: the same store, a bare table, rows of the same size, one durable commit each.
  {
    auto conn = store.database().Acquire();
    if (!conn.ok()) return Die(conn.status());
    if (Status s = (*conn)->ExecScript("CREATE TABLE bench_raw (id TEXT PRIMARY KEY, doc TEXT)");
        !s.ok()) {
      return Die(s);
    }
    start = std::chrono::steady_clock::now();
    for (int i = 0; i < contracts; ++i) {
      Status s = store::InTransaction(**conn, true, [&]() {
        return (*conn)
            ->Exec("INSERT INTO bench_raw (id, doc) VALUES ($1, $2)",
                   {"r" + std::to_string(i), doc_sample})
            .status();
      });
      if (!s.ok()) return Die(s);
    }
    Report(backend, "bare_insert_one_per_commit", static_cast<uint64_t>(contracts), Seconds(start),
           "rows/s");
  }

  // 2. Bulk import in one transaction, beside bare inserts in one transaction.
  {
    const std::string csv = WorkersCsv(import_rows, contracts);
    std::istringstream in(csv);
    start = std::chrono::steady_clock::now();
    auto r = service::Import(registry, system, service::ImportKind::kWorkers, in);
    if (!r.ok() || !r->ok()) return Die(r.ok() ? Status::Internal("bad rows") : r.status());
    Report(backend, "import_rows", r->imported, Seconds(start), "rows/s");
    std::string worker_doc;
    Status s = store.Read([&](store::ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(auto w, tx.GetWorker(workers.front().id));
      worker_doc = json::Write(codec::ToJson(w));
      return Status::Ok();
    });
    if (!s.ok()) return Die(s);
    auto conn = store.database().Acquire();
    if (!conn.ok()) return Die(conn.status());
    start = std::chrono::steady_clock::now();
    s = store::InTransaction(**conn, true, [&]() -> Status {
      for (int i = 0; i < import_rows; ++i) {
        RETURN_IF_ERROR((*conn)
                            ->Exec("INSERT INTO bench_raw (id, doc) VALUES ($1, $2)",
                                   {"b" + std::to_string(i), worker_doc})
                            .status());
      }
      return Status::Ok();
    });
    if (!s.ok()) return Die(s);
    Report(backend, "bare_insert_one_transaction", static_cast<uint64_t>(import_rows),
           Seconds(start), "rows/s");
  }

  // 3. Audit verify (the ledger, then the state against it) over everything written above.
  start = std::chrono::steady_clock::now();
  auto report = store::Audit(store);
  if (!report.ok()) return Die(report.status());
  if (!report->ok()) return Die(Status::DataLoss("the audit failed"));
  Report(backend, "audit_verify", report->ledger.events_checked, Seconds(start), "events/s");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir;
  std::string pg;
  int contracts = 2000;
  int import_rows = 100000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--store-dir")
      dir = argv[i + 1];
    else if (a == "--pg-uri")
      pg = argv[i + 1];
    else if (a == "--contracts")
      contracts = std::stoi(argv[i + 1]);
    else if (a == "--import-rows")
      import_rows = std::stoi(argv[i + 1]);
  }
  if (dir.empty()) {
    std::fprintf(stderr,
                 "usage: registry_bench --store-dir DIR [--pg-uri URI] [--contracts N] "
                 "[--import-rows N]\n");
    return 2;
  }
  crypto::Init();
  std::filesystem::create_directories(dir);
  std::filesystem::remove(dir + "/bench.db");
  if (int rc = RunBackend("sqlite", "sqlite:" + dir + "/bench.db", contracts, import_rows))
    return rc;
  if (!pg.empty()) {
    if (int rc = RunBackend("postgresql", pg, contracts, import_rows)) return rc;
  }
  return 0;
}
