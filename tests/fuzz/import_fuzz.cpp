// Fuzz target for bulk import (docs/formats/import.md): the CSV reader, the header and column
// checks, every row's reading and the registry's rules, run against a real node store (SQLite in
// a temporary directory) holding the reference data and a worker, an employer and an agency that
// contract rows may name. The first input byte picks the kind; the rest is the file.
//
// Besides "no crash, no sanitizer report": a file with a bad row is refused whole (nothing
// imported, the ledger unchanged), each reported error names a data line; a file refused as a
// whole changes nothing either; a good file is imported whole, one ledger event at least per row.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>

#include "crypto/crypto.hpp"
#include "domain/testing.hpp"
#include "fuzz_check.hpp"
#include "service/import.hpp"
#include "service/testing.hpp"
#include "store/testing.hpp"

namespace {

using namespace corridor;

struct Fixture {
  store::testing::TestNode node;
  std::unique_ptr<service::Registry> registry;
};

std::unique_ptr<Fixture> Make() {
  auto node = store::testing::TestNode::Create("node-fuzz", "KWT",
                                               *Timestamp::Parse("2026-11-29T08:00:00Z"));
  if (!node.ok()) {
    std::fprintf(stderr, "import_fuzz: no store: %s\n", node.status().ToString().c_str());
    std::abort();
  }
  auto f = std::make_unique<Fixture>();
  f->node = std::move(*node);
  f->registry = std::make_unique<service::Registry>(*f->node.store);
  const domain::Actor sys = domain::SystemActor();
  FUZZ_REQUIRE(service::testing::SeedReferenceData(*f->registry).ok());
  FUZZ_REQUIRE(f->registry->RegisterWorker(sys, domain::testing::SampleWorker()).ok());
  FUZZ_REQUIRE(f->registry->RegisterEmployer(sys, domain::testing::SampleEmployer()).ok());
  FUZZ_REQUIRE(f->registry->RegisterAgency(sys, domain::testing::SampleAgency()).ok());
  return f;
}

uint64_t LedgerSize(store::Store& st) {
  uint64_t size = 0;
  FUZZ_REQUIRE(st.Read([&](store::ReadTx& tx) -> Status {
                   ASSIGN_OR_RETURN(size, tx.LedgerSize());
                   return Status::Ok();
                 }).ok());
  return size;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > 64 * 1024) return 0;
  // One store for the whole run, removed with its directory at exit.
  static const std::unique_ptr<Fixture> fixture = Make();
  static const service::ImportKind kKinds[] = {
      service::ImportKind::kWorkers,     service::ImportKind::kEmployers,
      service::ImportKind::kAgencies,    service::ImportKind::kContracts,
      service::ImportKind::kOccupations, service::ImportKind::kWageFloors};
  const service::ImportKind kind = kKinds[data[0] % 6];
  std::istringstream in(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  const uint64_t before = LedgerSize(*fixture->node.store);
  service::ImportOptions options;
  options.max_errors = 3;
  const auto report = service::Import(*fixture->registry, domain::SystemActor(), kind, in, options);
  const uint64_t after = LedgerSize(*fixture->node.store);
  if (!report.ok()) {
    FUZZ_REQUIRE(report.status().code() == Code::kInvalidArgument);
    FUZZ_REQUIRE(after == before);
    return 0;
  }
  if (!report->ok()) {
    FUZZ_REQUIRE(report->imported == 0);
    FUZZ_REQUIRE(after == before);
    FUZZ_REQUIRE(report->bad_rows >= report->errors.size());
    FUZZ_REQUIRE(report->errors.size() <= options.max_errors);
    for (const service::ImportError& e : report->errors) {
      FUZZ_REQUIRE(e.line >= 2);  // line 1 is the header
      FUZZ_REQUIRE(!e.message.empty());
    }
    return 0;
  }
  FUZZ_REQUIRE(report->imported == report->rows);
  FUZZ_REQUIRE(after >= before + report->rows);
  return 0;
}
