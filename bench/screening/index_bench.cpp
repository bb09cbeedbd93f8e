// Builds the screening index over a list file and measures it: build time, peak memory,
// per-query latency (p50, p99) and throughput on one core, recall on planted variants and the
// false-positive rate on names that are not listed.
//
//   screening_index_bench OUT_DIR/list.csv OUT_DIR/queries.csv [name-only]
//
// "name-only" drops the dates of birth from the queries (the names alone must then do).
// Lines starting "result " repeat the figures for bench/screening/run.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "core/csv.hpp"
#include "screening/index.hpp"
#include "screening/lists.hpp"

using namespace corridor;
using namespace corridor::screening;
using Clock = std::chrono::steady_clock;

namespace {

long PeakRssKb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// CPU time of this thread in milliseconds: on a shared machine, wall time also counts the time
// other processes had the core.
double CpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: screening_index_bench list.csv queries.csv [name-only]\n";
    return 2;
  }
  const bool name_only = argc > 3 && std::string(argv[3]) == "name-only";
  auto t0 = Clock::now();
  const double c0 = CpuMs();
  std::ifstream list_in(argv[1], std::ios::binary);
  auto list = ParseNationalList(list_in);
  if (!list.ok()) {
    std::cerr << list.status().ToString() << "\n";
    return 1;
  }
  auto t1 = Clock::now();
  const double c1 = CpuMs();
  const long rss_list = PeakRssKb();
  auto index = WatchlistIndex::Build(std::move(list).value(), NameKnowledge::Default());
  if (!index.ok()) {
    std::cerr << index.status().ToString() << "\n";
    return 1;
  }
  auto t2 = Clock::now();
  const double c2 = CpuMs();
  const IndexFigures f = (*index)->figures();
  const char* tag = name_only ? "corridor_names" : "corridor_dob";
  std::printf("result %s build_s %.1f\nresult %s build_cpu_s %.1f\nresult %s rss_mib %.0f\n", tag,
              Ms(t2 - t1) / 1000, tag, (c2 - c1) / 1000, tag, PeakRssKb() / 1024.0);
  std::printf("list: %zu entries parsed in %.1f s wall, %.1f s CPU (peak RSS %.0f MiB)\n",
              f.entries, Ms(t1 - t0) / 1000, (c1 - c0) / 1000, rss_list / 1024.0);
  std::printf(
      "index: built in %.1f s wall, %.1f s CPU; %zu names, %zu parts, %zu distinct parts, %zu "
      "postings; peak RSS %.0f MiB\n",
      Ms(t2 - t1) / 1000, (c2 - c1) / 1000, f.names, f.tokens, f.vocabulary, f.postings,
      PeakRssKb() / 1024.0);

  struct Query {
    NameQuery q;
    std::string expected;
    std::string variant;
  };
  std::vector<Query> queries;
  {
    std::ifstream in(argv[2], std::ios::binary);
    CsvReader reader(in);
    std::vector<std::string> row;
    (void)reader.Next(row);  // header
    while (true) {
      auto more = reader.Next(row);
      if (!more.ok() || !*more) break;
      Query q;
      q.q.names = {row[1]};
      if (!row[2].empty() && !name_only) q.q.date_of_birth = *Date::Parse(row[2]);
      q.expected = row[3];
      q.variant = row[4];
      queries.push_back(std::move(q));
    }
  }
  IndexSearcher searcher(**index);
  MatchConfig config;
  SearchOptions options;
  // Warm up the transliterators and caches.
  for (size_t i = 0; i < std::min<size_t>(50, queries.size()); ++i) {
    (void)searcher.Search(queries[i].q, config, options);
  }
  std::vector<double> latency, cpu;
  std::map<std::string, std::pair<int, int>> recall;  // variant -> (found at review+, total)
  std::map<std::string, int> found_match;
  int fp_review = 0, fp_match = 0, negatives = 0;
  size_t candidates = 0;
  auto q0 = Clock::now();
  for (const auto& q : queries) {
    auto s = Clock::now();
    const double cs = CpuMs();
    auto hits = searcher.Search(q.q, config, options);
    cpu.push_back(CpuMs() - cs);
    latency.push_back(Ms(Clock::now() - s));
    candidates += searcher.last_candidates();
    if (!hits.ok()) continue;
    if (q.expected.empty()) {
      ++negatives;
      if (!hits->empty()) ++fp_review;
      for (const auto& h : *hits) {
        if (h.result.decision == Decision::kMatch) {
          ++fp_match;
          break;
        }
      }
      continue;
    }
    auto& r = recall[q.variant];
    ++r.second;
    for (const auto& h : *hits) {
      if (h.result.entry_id == q.expected) {
        ++r.first;
        if (h.result.decision == Decision::kMatch) ++found_match[q.variant];
        break;
      }
    }
  }
  const double total_ms = Ms(Clock::now() - q0);
  std::sort(latency.begin(), latency.end());
  std::sort(cpu.begin(), cpu.end());
  const auto pct = [&](double p) { return latency[static_cast<size_t>(p * (latency.size() - 1))]; };
  const auto cpct = [&](double p) { return cpu[static_cast<size_t>(p * (cpu.size() - 1))]; };
  double cpu_total = 0;
  for (double c : cpu) cpu_total += c;
  std::printf(
      "CPU per query: p50 %.3f ms, p99 %.3f ms, mean %.3f ms (%.0f queries per CPU-second)\n",
      cpct(0.5), cpct(0.99), cpu_total / cpu.size(), 1000.0 * cpu.size() / cpu_total);
  std::printf(
      "queries: %zu on one core%s; %.0f queries/s; latency p50 %.3f ms, p99 %.3f ms, "
      "max %.3f ms; %.0f candidates scored per query\n",
      queries.size(), name_only ? " (names only)" : " (with dates of birth)",
      1000.0 * queries.size() / total_ms, pct(0.5), pct(0.99), latency.back(),
      static_cast<double>(candidates) / queries.size());
  for (const auto& [variant, r] : recall) {
    std::printf("recall %-16s %4d/%4d found at review or above (%.1f%%), %4d decided match\n",
                variant.c_str(), r.first, r.second, 100.0 * r.first / r.second,
                found_match[variant]);
    std::printf("result %s recall_%s %.1f\n", tag, variant.c_str(), 100.0 * r.first / r.second);
  }
  std::printf("result %s qps %.0f\nresult %s p50_ms %.3f\nresult %s p99_ms %.3f\n", tag,
              1000.0 * queries.size() / total_ms, tag, pct(0.5), tag, pct(0.99));
  std::printf("result %s cpu_p50_ms %.3f\nresult %s cpu_p99_ms %.3f\n", tag, cpct(0.5), tag,
              cpct(0.99));
  std::printf("result %s fp %.2f\nresult %s fp_match %.2f\n", tag,
              100.0 * fp_review / std::max(1, negatives), tag,
              100.0 * fp_match / std::max(1, negatives));
  std::printf(
      "not listed: %d queries, %d raised a review or match (%.2f%%), %d a match "
      "(%.2f%%)\n",
      negatives, fp_review, 100.0 * fp_review / std::max(1, negatives), fp_match,
      100.0 * fp_match / std::max(1, negatives));
  std::printf("peak RSS at the end: %.0f MiB\n", PeakRssKb() / 1024.0);
  return 0;
}
