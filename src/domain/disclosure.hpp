// Disclosure control for published statistics (docs/statistics.md, "Disclosure control"): what
// the node applies to every count before it leaves the node, so that no person can be singled
// out of a table.
//
// - Primary suppression: a cell whose count is at least 1 and below the policy's threshold
//   (default 5) is not published. Zeros are published: they say that nobody is in the cell.
// - Complementary suppression: in a table published with its margins (row totals, column totals
//   and the grand total), more cells are suppressed until no suppressed cell can be recovered from
//   the published ones. Each row and column of the table extended by its margins is a line whose
//   last cell is its total; for every line whose total is published and that holds suppressed
//   cells:
//     * at least two of its cells are suppressed (one alone is its total minus the others), and
//     * the suppressed cells of the line sum to at least threshold + (their number - 1), so that
//       even an attacker who knows that a suppressed cell holds at least one person cannot bound
//       any of them below the threshold from this line.
//   When the line has no published non-zero cell left to suppress, its total is suppressed; that
//   total is a cell of the margin line, which is then protected the same way.
// - Linked tables: tables that publish the same figure (two tables of one indicator share their
//   one-dimensional margins and grand total) are suppressed together, the union of their patterns
//   carried across until it no longer changes, so a figure hidden in one is never shown by another.
// - Random rounding: every published count is rounded to a multiple of the base (default 3), up
//   with probability (count mod base) / base, else down. The draw is a hash of the release's seed
//   and the cell's key (the indicator and its dimension values, independent of the table), so the
//   same figure is rounded the same way in every table and every query of a release, and repeating
//   a query does not average the noise away. Zeros and multiples of the base are unchanged. The
//   seed is the node's secret: knowing it would narrow down the true counts.
//
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace corridor::domain {

struct DisclosurePolicy {
  int64_t threshold = 5;      // counts 1..threshold-1 are suppressed; 1 suppresses nothing
  int64_t rounding_base = 3;  // 1 rounds nothing
  bool operator==(const DisclosurePolicy&) const = default;
};
inline constexpr int64_t kMaxDisclosureThreshold = 1000;
inline constexpr int64_t kMaxRoundingBase = 100;

// The policy as configured, or InvalidArgument naming the field out of range.
Status ValidateDisclosurePolicy(const DisclosurePolicy& policy);

// A two-dimensional table of counts, row-major, without its margins.
struct CountTable {
  size_t rows = 0;
  size_t cols = 0;
  std::vector<int64_t> cells;  // rows * cols counts, each >= 0
};

// Why a cell of the extended table is not published.
enum class Suppression : uint8_t {
  kNone,           // published
  kPrimary,        // a small count
  kComplementary,  // hidden so that a small count cannot be recovered
};
std::string_view ToString(Suppression s);  // "none", "primary", "complementary"

// The table extended by its margins: (rows + 1) x (cols + 1), row-major; cell (i, cols) is row
// i's total, cell (rows, j) column j's total, cell (rows, cols) the grand total.
struct ExtendedTable {
  size_t rows = 0;  // of the table without margins
  size_t cols = 0;
  std::vector<int64_t> counts;           // true counts, margins included
  std::vector<Suppression> suppression;  // per cell, the same layout
  size_t Index(size_t row, size_t col) const { return row * (cols + 1) + col; }
  bool Suppressed(size_t row, size_t col) const {
    return suppression[Index(row, col)] != Suppression::kNone;
  }
};

// The table with its margins computed, nothing suppressed yet. InvalidArgument when the cells do
// not match rows * cols, a count is negative, or a total would overflow.
Result<ExtendedTable> Extend(const CountTable& table);

// Primary and complementary suppression of one table. `forced` (empty, or one flag per extended
// cell) names cells that must be suppressed because another published table hides the same
// figure; they count as complementary. InvalidArgument for a bad policy or table.
Result<ExtendedTable> SuppressTable(const CountTable& table, const DisclosurePolicy& policy,
                                    const std::vector<bool>& forced = {});

// Two extended cells that publish the same figure: cell `cell_a` of table `table_a` and cell
// `cell_b` of table `table_b` (indices into ExtendedTable::counts).
struct LinkedCell {
  size_t table_a = 0;
  size_t cell_a = 0;
  size_t table_b = 0;
  size_t cell_b = 0;
};

// Suppresses tables that share figures together: each is suppressed, then every linked cell
// hidden in one table is forced in the other, until nothing changes. InvalidArgument when a link
// names a table or cell that does not exist or joins two different counts.
Result<std::vector<ExtendedTable>> SuppressLinked(std::span<const CountTable> tables,
                                                  std::span<const LinkedCell> links,
                                                  const DisclosurePolicy& policy);

// The links of two tables over the same rows (the same row dimension and labels, in the same
// order): their row totals and their grand totals.
std::vector<LinkedCell> SharedRowMargins(size_t table_a, const CountTable& a, size_t table_b,
                                         const CountTable& b);

// Random rounding of one count to a multiple of `base` for the release `seed`, the draw keyed by
// `cell_key`. Unbiased over the draws; deterministic for (seed, key); 0 stays 0, multiples of the
// base stay. `base` must be at least 1 and `count` non-negative.
int64_t RoundRandom(int64_t count, int64_t base, uint64_t seed, std::string_view cell_key);

// The key of a figure: the indicator and its dimension values, with dimensions sorted by name and
// a total over a dimension simply leaving it out, e.g. "permits_issued|month=2025-06|sex=F".
// The same figure has the same key in every table that shows it.
struct DimensionValue {
  std::string dimension;
  std::string value;
};
std::string CellKey(std::string_view indicator, std::vector<DimensionValue> values);

// A table as published: a value per extended cell, absent when suppressed, else rounded.
struct PublishedTable {
  size_t rows = 0;
  size_t cols = 0;
  std::vector<std::optional<int64_t>> values;  // (rows + 1) x (cols + 1), like ExtendedTable
  bool operator==(const PublishedTable&) const = default;
};

// Labels of a table to publish: the indicator, the dimension of its rows and of its columns, and
// the value of each row and column.
struct TableLabels {
  std::string indicator;
  std::string row_dimension;
  std::vector<std::string> row_values;
  std::string col_dimension;
  std::vector<std::string> col_values;
};

// Rounds the cells a suppression left published, each by the key of its figure (CellKey), which
// also names the dimensions every cell of the table shares (`fixed`: a stock's reference month).
// InvalidArgument when the labels do not match the table or the policy is invalid.
Result<PublishedTable> Publish(const ExtendedTable& table, const TableLabels& labels,
                               const DisclosurePolicy& policy, uint64_t release_seed,
                               std::span<const DimensionValue> fixed = {});

}  // namespace corridor::domain
