// Statistics releases (docs/statistics.md, "Releases"): which tables a release publishes of each
// indicator, computed from the aggregator's counters and put under disclosure control together,
// and the figures file (indicators.csv) whose SHA-256 the ledger records.
//
// A release's id is its last month ("2026-11"). A flow is summed over the months up to it, with
// month a dimension of its tables; a stock is taken at the month's last day (the running sum of
// its deltas), month fixed in every figure's key. Every two-dimensional table of two of the
// indicator's dimensions is computed, the figures they share (margins and the grand total) are
// linked, and SuppressLinked then Publish protect them all at once; the one-dimensional tables
// are the shared margins. Only protected figures come out: a release never holds a true count.
//
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "core/time.hpp"
#include "domain/disclosure.hpp"
#include "domain/statistics.hpp"

namespace corridor::domain {

enum class IndicatorKind { kFlow, kStock, kShare };
std::string_view ToString(IndicatorKind k);  // "flow", "stock", "share"
Result<IndicatorKind> ParseIndicatorKind(std::string_view text);

// An indicator as the definition file (data/statistics/indicators.json) describes it, the parts
// a release needs.
struct IndicatorDefinition {
  std::string id;
  IndicatorKind kind = IndicatorKind::kFlow;
  std::string extra_dimension;          // its own breakdown ("state", "direction"...), or ""
  std::vector<std::string> dimensions;  // the common dimensions it is broken down by
};

// The common dimensions, in the order of indicators.csv's columns: origin, destination, month,
// isco_major, sex, age_band, employer_size_band.
std::span<const std::string_view> CommonDimensions();

// The value of a dimension whose fact the aggregator did not know (an unknown traveller's sex).
inline constexpr std::string_view kUnknownValue = "unknown";

// InvalidArgument (field "id") unless `id` is a month "YYYY-MM".
Status ValidateReleaseId(std::string_view id);
// The release of `id` may be made at `now`: a valid id whose month has ended on the node's clock
// (FailedPrecondition naming "id" otherwise).
Status MayRelease(std::string_view id, Timestamp now);
// The last day of the month "YYYY-MM" (a valid id).
Date ReferenceDate(std::string_view month);

// The dimensions of an indicator's tables, in order: its own breakdown first, then its common
// dimensions in the definition's order, without month for a stock.
std::vector<std::string> TableDimensions(const IndicatorDefinition& d);

// One published table: the figures as disclosure control left them (absent when withheld).
struct ReleasedTable {
  std::string indicator;
  std::string month;  // a stock's reference month (part of every key); "" for a flow
  std::string row_dimension;
  std::vector<std::string> row_values;
  std::string col_dimension;            // "" for a one-dimensional table
  std::vector<std::string> col_values;  // empty for a one-dimensional table
  // (rows + 1) x (cols + 1) values, row-major, margins last (PublishedTable's layout); a
  // one-dimensional table has cols == 0: a value per row, then the total.
  PublishedTable published;
  bool operator==(const ReleasedTable&) const = default;
};

// The table with its rows and columns exchanged (a one-dimensional table is returned as it is).
ReleasedTable Transposed(const ReleasedTable& t);

// One distinct figure of a release: its dimensions (sorted by name; a total leaves its dimension
// out) and its published value, absent when withheld.
struct ReleasedFigure {
  std::string indicator;
  std::vector<DimensionValue> values;
  std::optional<int64_t> value;
};

struct IndicatorRelease {
  std::string indicator;
  // Every two-dimensional table (the row dimension before the column's in TableDimensions'
  // order), then every one-dimensional table, in TableDimensions' order.
  std::vector<ReleasedTable> tables;
  std::vector<ReleasedFigure> figures;  // each figure once, in CellKey order
};

// The tables and figures of one indicator for the release of `month`, from every counter of the
// aggregator (counters of other indicators and of later months are left out). InvalidArgument
// for a definition with fewer than two dimensions or an invalid policy; Internal when the
// counters do not add up to whole non-negative counts or two tables disagree on a figure.
Result<IndicatorRelease> ReleaseIndicator(const IndicatorDefinition& def,
                                          std::span<const StatDelta> counters,
                                          std::string_view month, const DisclosurePolicy& policy,
                                          uint64_t seed);

// A release as it is listed: the record the store keeps and the ledger vouches for.
struct ReleaseSummary {
  std::string id;       // its last month, "YYYY-MM"
  Date reference_date;  // that month's last day
  Timestamp made_at;
  DisclosurePolicy policy;
  std::string sha256;  // hex SHA-256 of its indicators.csv
  std::vector<std::string> indicators;
  int64_t tables = 0;   // distinct tables (a two-dimensional table counts once)
  int64_t figures = 0;  // lines of indicators.csv
  bool operator==(const ReleaseSummary&) const = default;
};

// The dimension columns of indicators.csv, between `indicator` and `value`: the common
// dimensions, then every indicator's own breakdown in `definitions`, alphabetically.
std::vector<std::string> FiguresCsvColumns(std::span<const IndicatorDefinition> definitions);

// indicators.csv (docs/statistics.md): a header, then one line per figure, sorted by the
// indicator's position in `definitions`, then by the columns. `releases` are of indicators
// in `definitions`.
std::string FiguresCsv(std::span<const IndicatorDefinition> definitions,
                       std::span<const IndicatorRelease> releases);

}  // namespace corridor::domain
