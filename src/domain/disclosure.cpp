#include "domain/disclosure.hpp"

#include <algorithm>
#include <limits>
#include <utility>

namespace corridor::domain {
namespace {

// A row or column of the extended table: its cells in order, the last one its total.
struct Line {
  std::vector<size_t> cells;  // extended indices; cells.back() is the total
};

std::vector<Line> Lines(const ExtendedTable& t) {
  std::vector<Line> lines;
  lines.reserve(t.rows + t.cols + 2);
  for (size_t i = 0; i <= t.rows; ++i) {
    Line l;
    for (size_t j = 0; j <= t.cols; ++j) l.cells.push_back(t.Index(i, j));
    lines.push_back(std::move(l));
  }
  for (size_t j = 0; j <= t.cols; ++j) {
    Line l;
    for (size_t i = 0; i <= t.rows; ++i) l.cells.push_back(t.Index(i, j));
    lines.push_back(std::move(l));
  }
  return lines;
}

bool IsSuppressed(const ExtendedTable& t, size_t cell) {
  return t.suppression[cell] != Suppression::kNone;
}

// The cell to hide next among `candidates` (published ones only): the smallest non-zero count
// among the line's cells, the total only when no such cell is left, a zero last (hiding a zero
// protects too, but a hidden zero is the weakest complement: the attacker may guess it).
std::optional<size_t> PickComplement(const ExtendedTable& t, const std::vector<size_t>& candidates,
                                     std::optional<size_t> total) {
  std::optional<size_t> best;
  auto rank = [&](size_t cell) {
    // Lower is better: non-zero interior cells by count, then the total, then zeros.
    const int64_t v = t.counts[cell];
    if (total && cell == *total) return std::pair<int, int64_t>{1, v};
    return v > 0 ? std::pair<int, int64_t>{0, v} : std::pair<int, int64_t>{2, 0};
  };
  for (size_t cell : candidates) {
    if (IsSuppressed(t, cell)) continue;
    if (!best || rank(cell) < rank(*best)) best = cell;
  }
  return best;
}

// Makes every line hold zero or at least two hidden cells, and a published total's line with a
// small count hide enough for the small count to reach the threshold. True when it hid a cell.
bool ProtectLines(ExtendedTable& t, const std::vector<Line>& lines, int64_t threshold) {
  for (const Line& line : lines) {
    const size_t total = line.cells.back();
    size_t hidden = 0;
    int64_t hidden_sum = 0;
    bool has_primary = false;
    for (size_t k = 0; k + 1 < line.cells.size(); ++k) {
      const size_t cell = line.cells[k];
      if (!IsSuppressed(t, cell)) continue;
      ++hidden;
      hidden_sum += t.counts[cell];
      has_primary = has_primary || t.suppression[cell] == Suppression::kPrimary;
    }
    const bool total_hidden = IsSuppressed(t, total);
    const size_t hidden_with_total = hidden + (total_hidden ? 1 : 0);
    bool needs = hidden_with_total == 1;
    // From a published total, each hidden cell is at most hidden_sum - (hidden - 1) when the
    // others hold at least one person each; that bound must not fall below the threshold.
    if (!needs && !total_hidden && has_primary &&
        hidden_sum < threshold + static_cast<int64_t>(hidden) - 1) {
      needs = true;
    }
    if (!needs) continue;
    if (auto pick = PickComplement(t, line.cells, total)) {
      t.suppression[*pick] = Suppression::kComplementary;
      return true;
    }
  }
  return false;
}

// The hidden cells as a bipartite graph: a vertex per extended row (0..rows) and per extended
// column (rows+1..), an edge per hidden cell. A hidden cell that is a bridge of this graph is the
// sum of the published figures around it (cut it, and the equations of one side determine it);
// one on a cycle is not. Returns a bridge, if any.
struct Graph {
  size_t rows = 0;
  size_t cols = 0;
  std::vector<std::vector<std::pair<size_t, size_t>>> adjacent;  // (vertex, cell)
};

Graph HiddenGraph(const ExtendedTable& t) {
  Graph g{t.rows + 1, t.cols + 1, {}};
  g.adjacent.resize(g.rows + g.cols);
  for (size_t i = 0; i <= t.rows; ++i) {
    for (size_t j = 0; j <= t.cols; ++j) {
      const size_t cell = t.Index(i, j);
      if (!IsSuppressed(t, cell)) continue;
      g.adjacent[i].emplace_back(g.rows + j, cell);
      g.adjacent[g.rows + j].emplace_back(i, cell);
    }
  }
  return g;
}

// The vertices reachable from `from` without crossing `cut`.
std::vector<bool> Reach(const Graph& g, size_t from, size_t cut) {
  std::vector<bool> seen(g.adjacent.size(), false);
  std::vector<size_t> stack{from};
  seen[from] = true;
  while (!stack.empty()) {
    const size_t v = stack.back();
    stack.pop_back();
    for (const auto& [w, cell] : g.adjacent[v]) {
      if (cell == cut || seen[w]) continue;
      seen[w] = true;
      stack.push_back(w);
    }
  }
  return seen;
}

// Hides a cell that closes a cycle through the first bridge found. True when it hid one.
bool CloseBridges(ExtendedTable& t) {
  const Graph g = HiddenGraph(t);
  for (size_t i = 0; i <= t.rows; ++i) {
    for (const auto& [col_vertex, cell] : g.adjacent[i]) {
      const std::vector<bool> side_a = Reach(g, i, cell);
      if (side_a[col_vertex]) continue;  // on a cycle
      const std::vector<bool> side_b = Reach(g, col_vertex, cell);
      // A published cell joining a row of one side to a column of the other closes a cycle.
      std::vector<size_t> candidates;
      for (size_t r = 0; r <= t.rows; ++r) {
        for (size_t c = 0; c <= t.cols; ++c) {
          const size_t rv = r;
          const size_t cv = g.rows + c;
          if ((side_a[rv] && side_b[cv]) || (side_b[rv] && side_a[cv])) {
            candidates.push_back(t.Index(r, c));
          }
        }
      }
      if (auto pick = PickComplement(t, candidates, std::nullopt)) {
        t.suppression[*pick] = Suppression::kComplementary;
        return true;
      }
    }
  }
  return false;
}

uint64_t SplitMix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t HashKey(std::string_view key) {
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a
  for (unsigned char c : key) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

void AppendEscaped(std::string& out, std::string_view text) {
  for (char c : text) {
    if (c == '|' || c == '=' || c == '%') {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out += '%';
      out += kHex[(static_cast<unsigned char>(c) >> 4) & 0xF];
      out += kHex[static_cast<unsigned char>(c) & 0xF];
    } else {
      out += c;
    }
  }
}

}  // namespace

Status ValidateDisclosurePolicy(const DisclosurePolicy& policy) {
  if (policy.threshold < 1 || policy.threshold > kMaxDisclosureThreshold) {
    return Status::InvalidArgument(
        "threshold must be from 1 to " + std::to_string(kMaxDisclosureThreshold), "threshold");
  }
  if (policy.rounding_base < 1 || policy.rounding_base > kMaxRoundingBase) {
    return Status::InvalidArgument(
        "rounding base must be from 1 to " + std::to_string(kMaxRoundingBase), "rounding_base");
  }
  return Status::Ok();
}

std::string_view ToString(Suppression s) {
  switch (s) {
    case Suppression::kNone:
      return "none";
    case Suppression::kPrimary:
      return "primary";
    case Suppression::kComplementary:
      return "complementary";
  }
  return "none";
}

Result<ExtendedTable> Extend(const CountTable& table) {
  if (table.rows == 0 || table.cols == 0) {
    return Status::InvalidArgument("a table needs at least one row and one column", "cells");
  }
  if (table.cells.size() != table.rows * table.cols) {
    return Status::InvalidArgument(
        "the table has " + std::to_string(table.cells.size()) +
            " cells, not rows x cols = " + std::to_string(table.rows * table.cols),
        "cells");
  }
  ExtendedTable t;
  t.rows = table.rows;
  t.cols = table.cols;
  t.counts.assign((t.rows + 1) * (t.cols + 1), 0);
  t.suppression.assign(t.counts.size(), Suppression::kNone);
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  for (size_t i = 0; i < t.rows; ++i) {
    for (size_t j = 0; j < t.cols; ++j) {
      const int64_t v = table.cells[i * t.cols + j];
      if (v < 0) {
        return Status::InvalidArgument(
            "count at row " + std::to_string(i) + ", column " + std::to_string(j) + " is negative",
            "cells");
      }
      int64_t& row_total = t.counts[t.Index(i, t.cols)];
      int64_t& col_total = t.counts[t.Index(t.rows, j)];
      int64_t& grand = t.counts[t.Index(t.rows, t.cols)];
      if (v > kMax - grand) return Status::InvalidArgument("the table's total overflows", "cells");
      t.counts[t.Index(i, j)] = v;
      row_total += v;
      col_total += v;
      grand += v;
    }
  }
  return t;
}

Result<ExtendedTable> SuppressTable(const CountTable& table, const DisclosurePolicy& policy,
                                    const std::vector<bool>& forced) {
  if (Status s = ValidateDisclosurePolicy(policy); !s.ok()) return s;
  auto extended = Extend(table);
  if (!extended.ok()) return extended.status();
  ExtendedTable t = std::move(*extended);
  if (!forced.empty() && forced.size() != t.counts.size()) {
    return Status::InvalidArgument("forced cells must name every cell of the extended table",
                                   "forced");
  }
  for (size_t cell = 0; cell < t.counts.size(); ++cell) {
    const int64_t v = t.counts[cell];
    if (v > 0 && v < policy.threshold) {
      t.suppression[cell] = Suppression::kPrimary;
    } else if (!forced.empty() && forced[cell]) {
      t.suppression[cell] = Suppression::kComplementary;
    }
  }
  const std::vector<Line> lines = Lines(t);
  // Each step hides one more cell, so this ends after at most one step per cell.
  while (ProtectLines(t, lines, policy.threshold) || CloseBridges(t)) {
  }
  return t;
}

std::vector<LinkedCell> SharedRowMargins(size_t table_a, const CountTable& a, size_t table_b,
                                         const CountTable& b) {
  std::vector<LinkedCell> links;
  if (a.rows != b.rows) return links;
  for (size_t i = 0; i <= a.rows; ++i) {
    links.push_back({table_a, i * (a.cols + 1) + a.cols, table_b, i * (b.cols + 1) + b.cols});
  }
  return links;
}

Result<std::vector<ExtendedTable>> SuppressLinked(std::span<const CountTable> tables,
                                                  std::span<const LinkedCell> links,
                                                  const DisclosurePolicy& policy) {
  std::vector<std::vector<bool>> forced;
  std::vector<ExtendedTable> out;
  for (const CountTable& table : tables) {
    auto t = SuppressTable(table, policy);
    if (!t.ok()) return t.status();
    forced.emplace_back(t->counts.size(), false);
    out.push_back(std::move(*t));
  }
  for (const LinkedCell& link : links) {
    if (link.table_a >= out.size() || link.table_b >= out.size() ||
        link.cell_a >= out[link.table_a].counts.size() ||
        link.cell_b >= out[link.table_b].counts.size()) {
      return Status::InvalidArgument("a link names a table or cell that does not exist", "links");
    }
    if (out[link.table_a].counts[link.cell_a] != out[link.table_b].counts[link.cell_b]) {
      return Status::InvalidArgument("a link joins two cells with different counts", "links");
    }
  }
  // Each round forces at least one more cell or stops; cells only ever become hidden.
  for (bool changed = true; changed;) {
    changed = false;
    for (const LinkedCell& link : links) {
      const bool a = IsSuppressed(out[link.table_a], link.cell_a);
      const bool b = IsSuppressed(out[link.table_b], link.cell_b);
      if (a && !b && !forced[link.table_b][link.cell_b]) {
        forced[link.table_b][link.cell_b] = true;
        changed = true;
      } else if (b && !a && !forced[link.table_a][link.cell_a]) {
        forced[link.table_a][link.cell_a] = true;
        changed = true;
      }
    }
    if (!changed) break;
    for (size_t k = 0; k < out.size(); ++k) {
      std::vector<bool> flags = forced[k];
      for (size_t cell = 0; cell < flags.size(); ++cell) {
        flags[cell] = flags[cell] || IsSuppressed(out[k], cell);
      }
      auto t = SuppressTable(tables[k], policy, flags);
      if (!t.ok()) return t.status();
      out[k] = std::move(*t);
    }
  }
  return out;
}

int64_t RoundRandom(int64_t count, int64_t base, uint64_t seed, std::string_view cell_key) {
  if (base <= 1 || count <= 0) return count;
  const int64_t remainder = count % base;
  if (remainder == 0) return count;
  const uint64_t draw = SplitMix(seed ^ SplitMix(HashKey(cell_key)));
  // Up with probability remainder / base (the bias of the modulo is below 2^-57 for base <= 100).
  const bool up = static_cast<int64_t>(draw % static_cast<uint64_t>(base)) < remainder;
  return up ? count - remainder + base : count - remainder;
}

std::string CellKey(std::string_view indicator, std::vector<DimensionValue> values) {
  std::sort(values.begin(), values.end(), [](const DimensionValue& a, const DimensionValue& b) {
    return a.dimension < b.dimension;
  });
  std::string key;
  AppendEscaped(key, indicator);
  for (const DimensionValue& v : values) {
    key += '|';
    AppendEscaped(key, v.dimension);
    key += '=';
    AppendEscaped(key, v.value);
  }
  return key;
}

Result<PublishedTable> Publish(const ExtendedTable& table, const TableLabels& labels,
                               const DisclosurePolicy& policy, uint64_t release_seed,
                               std::span<const DimensionValue> fixed) {
  if (Status s = ValidateDisclosurePolicy(policy); !s.ok()) return s;
  if (labels.indicator.empty()) return Status::InvalidArgument("indicator is empty", "indicator");
  if (labels.row_dimension.empty() || labels.col_dimension.empty() ||
      labels.row_dimension == labels.col_dimension) {
    return Status::InvalidArgument("rows and columns need two different dimensions", "dimension");
  }
  if (labels.row_values.size() != table.rows || labels.col_values.size() != table.cols) {
    return Status::InvalidArgument("labels do not match the table's rows and columns", "labels");
  }
  if (table.counts.size() != (table.rows + 1) * (table.cols + 1) ||
      table.suppression.size() != table.counts.size()) {
    return Status::InvalidArgument("the extended table is malformed", "table");
  }
  PublishedTable out;
  out.rows = table.rows;
  out.cols = table.cols;
  out.values.resize(table.counts.size());
  for (size_t i = 0; i <= table.rows; ++i) {
    for (size_t j = 0; j <= table.cols; ++j) {
      const size_t cell = table.Index(i, j);
      if (IsSuppressed(table, cell)) continue;
      std::vector<DimensionValue> dims(fixed.begin(), fixed.end());
      if (i < table.rows) dims.push_back({labels.row_dimension, labels.row_values[i]});
      if (j < table.cols) dims.push_back({labels.col_dimension, labels.col_values[j]});
      out.values[cell] = RoundRandom(table.counts[cell], policy.rounding_base, release_seed,
                                     CellKey(labels.indicator, std::move(dims)));
    }
  }
  return out;
}

}  // namespace corridor::domain
