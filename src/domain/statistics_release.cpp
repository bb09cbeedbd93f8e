#include "domain/statistics_release.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <utility>

#include "core/csv.hpp"

namespace corridor::domain {
namespace {

constexpr std::array<std::string_view, 7> kCommon = {
    "origin", "destination", "month", "isco_major", "sex", "age_band", "employer_size_band"};

constexpr std::array<std::string_view, 5> kSizeBands = {"1", "2-9", "10-49", "50-249", "250+"};

bool IsCommon(std::string_view d) {
  return std::find(kCommon.begin(), kCommon.end(), d) != kCommon.end();
}

// The counter's value for one of the indicator's table dimensions.
const std::string& FieldOf(const StatKey& k, std::string_view dim) {
  if (dim == "origin") return k.origin;
  if (dim == "destination") return k.destination;
  if (dim == "month") return k.month;
  if (dim == "isco_major") return k.isco_major;
  if (dim == "sex") return k.sex;
  if (dim == "age_band") return k.age_band;
  if (dim == "employer_size_band") return k.size_band;
  return k.extra;  // the indicator's own breakdown
}

// The order values are shown in: size bands by size, `unknown` last, the others as text (months,
// age bands, codes).
bool ValueBefore(std::string_view dim, const std::string& a, const std::string& b) {
  if (a == b) return false;
  if (a == kUnknownValue) return false;
  if (b == kUnknownValue) return true;
  if (dim == "employer_size_band") {
    const auto rank = [](std::string_view v) {
      return std::find(kSizeBands.begin(), kSizeBands.end(), v) - kSizeBands.begin();
    };
    if (rank(a) != rank(b)) return rank(a) < rank(b);
  }
  return a < b;
}

bool IsMonth(std::string_view id) {
  if (id.size() != 7 || id[4] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6}) {
    if (id[i] < '0' || id[i] > '9') return false;
  }
  const int month = (id[5] - '0') * 10 + (id[6] - '0');
  return month >= 1 && month <= 12 && id.substr(0, 4) != "0000";
}

Status CheckDefinition(const IndicatorDefinition& def) {
  if (def.id.empty()) return Status::InvalidArgument("an indicator needs an id", "id");
  if (!def.extra_dimension.empty() && IsCommon(def.extra_dimension)) {
    return Status::InvalidArgument(
        def.id + "'s own breakdown cannot be named like a common dimension", "extra_dimension");
  }
  for (const auto& d : def.dimensions) {
    if (!IsCommon(d)) {
      return Status::InvalidArgument(def.id + " names an unknown dimension " + d, "dimensions");
    }
  }
  return Status::Ok();
}

}  // namespace

std::string_view ToString(IndicatorKind k) {
  switch (k) {
    case IndicatorKind::kFlow:
      return "flow";
    case IndicatorKind::kStock:
      return "stock";
    case IndicatorKind::kShare:
      return "share";
  }
  return "flow";
}

Result<IndicatorKind> ParseIndicatorKind(std::string_view text) {
  for (IndicatorKind k : {IndicatorKind::kFlow, IndicatorKind::kStock, IndicatorKind::kShare}) {
    if (ToString(k) == text) return k;
  }
  return Status::InvalidArgument("must be flow, stock or share", "kind");
}

std::span<const std::string_view> CommonDimensions() { return kCommon; }

Status ValidateReleaseId(std::string_view id) {
  if (!IsMonth(id)) {
    return Status::InvalidArgument("a release is named by its last month, YYYY-MM (e.g. 2026-11)",
                                   "id");
  }
  return Status::Ok();
}

Status MayRelease(std::string_view id, Timestamp now) {
  RETURN_IF_ERROR(ValidateReleaseId(id));
  const std::string current = MonthOf(now);
  if (std::string(id) >= current) {
    return Status::FailedPrecondition(
        std::string(id) + " has not ended on the node's clock (today is " + now.date().ToString() +
            "): a release covers months that have ended",
        "id");
  }
  return Status::Ok();
}

Date ReferenceDate(std::string_view month) {
  const int year = std::stoi(std::string(month.substr(0, 4)));
  const int m = std::stoi(std::string(month.substr(5, 2)));
  auto first = Date::FromYmd(year, m, 1);
  return first.ok() ? first->AddMonths(1).AddDays(-1) : Date();
}

std::vector<std::string> TableDimensions(const IndicatorDefinition& d) {
  std::vector<std::string> out;
  if (!d.extra_dimension.empty()) out.push_back(d.extra_dimension);
  for (const auto& dim : d.dimensions) {
    if (d.kind == IndicatorKind::kStock && dim == "month") continue;
    out.push_back(dim);
  }
  return out;
}

ReleasedTable Transposed(const ReleasedTable& t) {
  if (t.col_dimension.empty()) return t;
  ReleasedTable out = t;
  std::swap(out.row_dimension, out.col_dimension);
  std::swap(out.row_values, out.col_values);
  const size_t rows = t.published.rows;
  const size_t cols = t.published.cols;
  out.published.rows = cols;
  out.published.cols = rows;
  for (size_t i = 0; i <= rows; ++i) {
    for (size_t j = 0; j <= cols; ++j) {
      out.published.values[j * (rows + 1) + i] = t.published.values[i * (cols + 1) + j];
    }
  }
  return out;
}

Result<IndicatorRelease> ReleaseIndicator(const IndicatorDefinition& def,
                                          std::span<const StatDelta> counters,
                                          std::string_view month, const DisclosurePolicy& policy,
                                          uint64_t seed) {
  RETURN_IF_ERROR(CheckDefinition(def));
  RETURN_IF_ERROR(ValidateReleaseId(month));
  RETURN_IF_ERROR(ValidateDisclosurePolicy(policy));
  const std::vector<std::string> dims = TableDimensions(def);
  if (dims.size() < 2) {
    return Status::InvalidArgument(def.id + " has fewer than two dimensions to publish",
                                   "dimensions");
  }
  const bool stock = def.kind == IndicatorKind::kStock;
  std::vector<DimensionValue> fixed;
  if (stock) fixed.push_back({"month", std::string(month)});

  // The finest cells: a count per combination of the table dimensions' values, summed over the
  // months up to the release's (a flow's month is one of the dimensions; a stock's deltas add up
  // to its count at the month's end).
  std::map<std::vector<std::string>, int64_t> fine;
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max() / 4;
  for (const StatDelta& d : counters) {
    if (d.key.indicator != def.id || d.key.month.empty() || d.key.month > month) continue;
    std::vector<std::string> values;
    values.reserve(dims.size());
    for (const auto& dim : dims) {
      const std::string& v = FieldOf(d.key, dim);
      values.push_back(v.empty() ? std::string(kUnknownValue) : v);
    }
    int64_t& n = fine[std::move(values)];
    if (d.count > kMax || d.count < -kMax || n > kMax || n < -kMax) {
      return Status::Internal(def.id + "'s counters are out of range");
    }
    n += d.count;
  }
  std::vector<std::vector<std::string>> values(dims.size());
  for (const auto& [cell, n] : fine) {
    if (n < 0) {
      return Status::Internal(def.id + "'s counters add up to a negative count in " +
                              std::string(month));
    }
    if (n == 0) continue;
    for (size_t k = 0; k < dims.size(); ++k) values[k].push_back(cell[k]);
  }
  for (size_t k = 0; k < dims.size(); ++k) {
    auto& v = values[k];
    std::sort(v.begin(), v.end(), [&](const std::string& a, const std::string& b) {
      return ValueBefore(dims[k], a, b);
    });
    v.erase(std::unique(v.begin(), v.end()), v.end());
  }

  // Every two-dimensional table, its cells summed from the finest cells.
  struct Pair {
    size_t a;
    size_t b;
  };
  std::vector<Pair> pairs;
  std::vector<CountTable> counts;
  for (size_t a = 0; a < dims.size(); ++a) {
    for (size_t b = a + 1; b < dims.size(); ++b) {
      pairs.push_back({a, b});
      CountTable t;
      t.rows = values[a].size();
      t.cols = values[b].size();
      t.cells.assign(t.rows * t.cols, 0);
      counts.push_back(std::move(t));
    }
  }
  const bool empty = values[0].empty();  // no count at all: every dimension has no value
  if (!empty) {
    std::vector<std::map<std::string, size_t>> position(dims.size());
    for (size_t k = 0; k < dims.size(); ++k) {
      for (size_t i = 0; i < values[k].size(); ++i) position[k][values[k][i]] = i;
    }
    for (const auto& [cell, n] : fine) {
      if (n == 0) continue;
      for (size_t p = 0; p < pairs.size(); ++p) {
        const size_t i = position[pairs[p].a][cell[pairs[p].a]];
        const size_t j = position[pairs[p].b][cell[pairs[p].b]];
        counts[p].cells[i * counts[p].cols + j] += n;
      }
    }
  }

  // The key of each extended cell of each table; cells with the same key are one figure.
  const auto key_of = [&](size_t p, size_t i, size_t j) {
    std::vector<DimensionValue> dv = fixed;
    const Pair& pr = pairs[p];
    if (i < values[pr.a].size()) dv.push_back({dims[pr.a], values[pr.a][i]});
    if (j < values[pr.b].size()) dv.push_back({dims[pr.b], values[pr.b][j]});
    return dv;
  };

  IndicatorRelease out;
  out.indicator = def.id;
  std::vector<PublishedTable> published;
  if (empty) {
    // Nothing counted: every table is its grand total, zero, which names nobody.
    for (size_t p = 0; p < pairs.size(); ++p) published.push_back({0, 0, {int64_t{0}}});
  } else {
    std::map<std::string, std::pair<size_t, size_t>> first;
    std::vector<LinkedCell> links;
    for (size_t p = 0; p < pairs.size(); ++p) {
      const size_t rows = counts[p].rows;
      const size_t cols = counts[p].cols;
      for (size_t i = 0; i <= rows; ++i) {
        for (size_t j = 0; j <= cols; ++j) {
          const size_t cell = i * (cols + 1) + j;
          auto [it, inserted] = first.emplace(CellKey(def.id, key_of(p, i, j)), std::pair{p, cell});
          if (!inserted) links.push_back({it->second.first, it->second.second, p, cell});
        }
      }
    }
    ASSIGN_OR_RETURN(auto protected_tables, SuppressLinked(counts, links, policy));
    for (size_t p = 0; p < pairs.size(); ++p) {
      TableLabels labels{def.id, dims[pairs[p].a], values[pairs[p].a], dims[pairs[p].b],
                         values[pairs[p].b]};
      ASSIGN_OR_RETURN(auto t, Publish(protected_tables[p], labels, policy, seed, fixed));
      published.push_back(std::move(t));
    }
  }

  // The figures, each once; two tables showing one figure must agree on it.
  std::map<std::string, ReleasedFigure> figures;
  for (size_t p = 0; p < pairs.size(); ++p) {
    const PublishedTable& t = published[p];
    for (size_t i = 0; i <= t.rows; ++i) {
      for (size_t j = 0; j <= t.cols; ++j) {
        std::vector<DimensionValue> dv = key_of(p, i, j);
        const std::optional<int64_t>& v = t.values[i * (t.cols + 1) + j];
        std::string key = CellKey(def.id, dv);
        auto it = figures.find(key);
        if (it != figures.end()) {
          if (it->second.value != v) {
            return Status::Internal("two tables of " + def.id + " disagree on " + key);
          }
          continue;
        }
        std::sort(dv.begin(), dv.end(), [](const DimensionValue& x, const DimensionValue& y) {
          return x.dimension < y.dimension;
        });
        figures.emplace(std::move(key), ReleasedFigure{def.id, std::move(dv), v});
      }
    }
    ReleasedTable table;
    table.indicator = def.id;
    table.month = stock ? std::string(month) : std::string();
    table.row_dimension = dims[pairs[p].a];
    table.row_values = values[pairs[p].a];
    table.col_dimension = dims[pairs[p].b];
    table.col_values = values[pairs[p].b];
    table.published = t;
    out.tables.push_back(std::move(table));
  }

  // The one-dimensional tables: the margin every two-dimensional table of the dimension shows.
  for (size_t k = 0; k < dims.size(); ++k) {
    ReleasedTable table;
    table.indicator = def.id;
    table.month = stock ? std::string(month) : std::string();
    table.row_dimension = dims[k];
    table.row_values = values[k];
    const size_t n = values[k].size();
    table.published.rows = n;
    table.published.cols = 0;
    for (size_t p = 0; p < pairs.size(); ++p) {
      if (pairs[p].a != k && pairs[p].b != k) continue;
      const PublishedTable& t = published[p];
      for (size_t i = 0; i <= n; ++i) {
        table.published.values.push_back(pairs[p].a == k ? t.values[i * (t.cols + 1) + t.cols]
                                                         : t.values[t.rows * (t.cols + 1) + i]);
      }
      break;
    }
    out.tables.push_back(std::move(table));
  }
  for (auto& [key, figure] : figures) out.figures.push_back(std::move(figure));
  return out;
}

std::vector<std::string> FiguresCsvColumns(std::span<const IndicatorDefinition> definitions) {
  std::vector<std::string> columns(kCommon.begin(), kCommon.end());
  std::vector<std::string> extras;
  for (const auto& d : definitions) {
    if (!d.extra_dimension.empty()) extras.push_back(d.extra_dimension);
  }
  std::sort(extras.begin(), extras.end());
  extras.erase(std::unique(extras.begin(), extras.end()), extras.end());
  columns.insert(columns.end(), extras.begin(), extras.end());
  return columns;
}

std::string FiguresCsv(std::span<const IndicatorDefinition> definitions,
                       std::span<const IndicatorRelease> releases) {
  const std::vector<std::string> columns = FiguresCsvColumns(definitions);

  std::string out = "indicator";
  for (const auto& c : columns) {
    out += ',';
    out += c;
  }
  out += ",value,flag\n";
  std::vector<std::pair<std::pair<size_t, std::vector<std::string>>, std::string>> lines;
  for (const IndicatorRelease& r : releases) {
    size_t order = definitions.size();
    for (size_t k = 0; k < definitions.size(); ++k) {
      if (definitions[k].id == r.indicator) order = k;
    }
    for (const ReleasedFigure& f : r.figures) {
      std::vector<std::string> cells(columns.size());
      for (const DimensionValue& dv : f.values) {
        auto it = std::find(columns.begin(), columns.end(), dv.dimension);
        if (it != columns.end()) cells[static_cast<size_t>(it - columns.begin())] = dv.value;
      }
      std::string line;
      AppendCsvField(line, f.indicator);
      for (const auto& c : cells) {
        line += ',';
        AppendCsvField(line, c);
      }
      line += ',';
      if (f.value) line += std::to_string(*f.value);
      line += f.value ? ",\n" : ",suppressed\n";
      lines.push_back({{order, std::move(cells)}, std::move(line)});
    }
  }
  std::sort(lines.begin(), lines.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [order, line] : lines) out += line;
  return out;
}

}  // namespace corridor::domain
