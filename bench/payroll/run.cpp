// Runs the reconciliation benchmark on a directory written by payroll_gen: loads the contract
// book, reconciles every file of the manifest in one session on one thread, closes the month,
// and compares the findings with expected.txt (every planted violation found, nothing else).
// Prints lines per second and the peak resident memory. Never part of pass/fail.
//
//   payroll_bench DIR
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "payroll/contracts.hpp"
#include "payroll/reconcile.hpp"

namespace {

long PeakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double Seconds(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace corridor;
  using namespace corridor::payroll;
  if (argc != 2) {
    std::cerr << "usage: payroll_bench DIR\n";
    return 2;
  }
  const std::string dir = argv[1];
  static char buffer[4][1 << 20];
  auto t0 = std::chrono::steady_clock::now();
  ContractBook book;
  {
    std::ifstream c(dir + "/contracts.csv");
    c.rdbuf()->pubsetbuf(buffer[0], sizeof buffer[0]);
    std::ifstream f(dir + "/floors.csv");
    Status s = LoadContractsCsv(c, book);
    if (s.ok()) s = LoadFloorsCsv(f, book);
    if (s.ok()) s = book.Build();
    if (!s.ok()) {
      std::cerr << "contract book: " << s.ToString() << "\n";
      return 1;
    }
  }
  auto t1 = std::chrono::steady_clock::now();
  const long rss_book = PeakRssKb();
  const double cpu0 = CpuSeconds();

  Session session(book, ReconcileConfig{Month{2026, 3}, 0, 0});
  std::ifstream manifest(dir + "/manifest.txt");
  uint64_t lines = 0;
  uint64_t bytes = 0;
  for (std::string line; std::getline(manifest, line);) {
    std::istringstream words(line);
    std::string kind, file, opt;
    words >> kind >> file;
    std::ifstream in(dir + "/" + file, std::ios::binary);
    in.rdbuf()->pubsetbuf(buffer[1], sizeof buffer[1]);
    Result<FileReport> r = Status::Internal("unknown manifest line");
    if (kind == "sif") {
      SifSubmission sub;
      while (words >> opt) {
        if (opt.rfind("employer=", 0) == 0) sub.employer_id = opt.substr(9);
        if (opt.rfind("paid_on=", 0) == 0) sub.paid_on = Date::Parse(opt.substr(8)).value();
      }
      r = session.AddSif(in, sub);
    } else if (kind == "extended") {
      r = session.AddExtended(in, ExtendedSubmission{});
    }
    if (!r.ok()) {
      std::cerr << file << ": " << r.status().ToString() << "\n";
      return 1;
    }
    lines += r->lines;
    bytes += r->bytes;
  }
  Status closed = session.Close();
  auto t2 = std::chrono::steady_clock::now();
  const double cpu = CpuSeconds() - cpu0;
  if (!closed.ok()) return 1;

  std::vector<std::string> got;
  got.reserve(session.findings().size());
  for (const Finding& f : session.findings()) {
    got.push_back(std::string(FindingCodeName(f.code)) + "," + f.worker + "," + f.month.ToString() +
                  "," + f.ExpectedText() + "," + f.ActualText());
  }
  std::vector<std::string> want;
  std::ifstream exp(dir + "/expected.txt");
  for (std::string l; std::getline(exp, l);) want.push_back(l);
  std::sort(got.begin(), got.end());
  std::sort(want.begin(), want.end());
  std::vector<std::string> missing, extra;
  std::set_difference(want.begin(), want.end(), got.begin(), got.end(),
                      std::back_inserter(missing));
  std::set_difference(got.begin(), got.end(), want.begin(), want.end(), std::back_inserter(extra));
  const double secs = Seconds(t1, t2);
  std::printf("contracts %zu  book load+build %.2f s  rss after book %.0f MiB\n", book.size(),
              Seconds(t0, t1), rss_book / 1024.0);
  std::printf(
      "employee records %llu  bytes %.0f MiB  reconcile+close wall %.2f s (%.2f M lines/s)  "
      "cpu %.2f s (%.2f M lines/cpu-s, %.0f MiB/cpu-s)\n",
      static_cast<unsigned long long>(lines), bytes / 1048576.0, secs, lines / secs / 1e6, cpu,
      lines / cpu / 1e6, bytes / cpu / 1048576.0);
  std::printf("findings %zu  planted %zu  missed %zu  unexpected %zu  peak rss %.0f MiB\n",
              got.size(), want.size(), missing.size(), extra.size(), PeakRssKb() / 1024.0);
  for (size_t i = 0; i < missing.size() && i < 10; ++i)
    std::printf("  missed: %s\n", missing[i].c_str());
  for (size_t i = 0; i < extra.size() && i < 10; ++i)
    std::printf("  unexpected: %s\n", extra[i].c_str());
  return missing.empty() && extra.empty() ? 0 : 3;
}
