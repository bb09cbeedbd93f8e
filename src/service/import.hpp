// Bulk import of registry records from CSV files (docs/formats/import.md).
//
// The file is read as a stream, so millions of rows never sit in memory. The whole file is one
// transaction: either every row is registered, each with its ledger event, or nothing is. Every
// bad row is reported with its line number and field (up to `max_errors`; the count of the rest
// is given), and a file with any bad row changes nothing.
//
// Thread-safety: one import at a time per call; the store serialises it with other writers.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "domain/access.hpp"
#include "service/registry.hpp"

namespace corridor::service {

enum class ImportKind { kWorkers, kEmployers, kAgencies, kContracts, kOccupations, kWageFloors };
Result<ImportKind> ParseImportKind(std::string_view text);

struct ImportError {
  uint64_t line = 0;
  std::string field;
  std::string message;
};

struct ImportReport {
  uint64_t rows = 0;      // data rows read
  uint64_t imported = 0;  // rows written (0 unless every row was good)
  uint64_t bad_rows = 0;
  std::vector<ImportError> errors;  // the first max_errors of them
  bool ok() const { return bad_rows == 0; }
};

struct ImportOptions {
  size_t max_errors = 100;
  // Called every few thousand rows and at the end with the bytes read so far.
  std::function<void(uint64_t bytes, uint64_t rows)> progress;
};

// Returns the report; a non-OK Status only for a failure of the file as a whole (unreadable,
// bad header) or of the store.
Result<ImportReport> Import(Registry& registry, const domain::Actor& actor, ImportKind kind,
                            std::istream& in, const ImportOptions& options = {});

// The columns of each kind, for help texts and the documentation test.
std::vector<std::string_view> RequiredColumns(ImportKind kind);
std::vector<std::string_view> OptionalColumns(ImportKind kind);

}  // namespace corridor::service
