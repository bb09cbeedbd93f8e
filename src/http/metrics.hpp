// Prometheus metrics in the text exposition format: requests and latency histograms per route,
// method and status class; store transaction latency; the ledger's size; the integrity alarms.
//
// Labels come from fixed sets, so no request can add a series: a method outside GET, HEAD,
// POST, PUT, PATCH, DELETE and OPTIONS is counted as "other", and once the routes are set
// (SetRoutes, the router's patterns) any other route label as "unmatched".
// Thread-safety: Observe* and Render may be called from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace corridor::http {

class Metrics {
 public:
  void ObserveRequest(const std::string& method, const std::string& route, int status,
                      double seconds);
  void ObserveStore(const std::string& operation, double seconds);
  // Called at render time for gauges (the ledger's size).
  void SetGauge(std::string name, std::string help, std::function<double()> read);
  // A counter kept elsewhere, read at render time: one series of `name` per fixed `labels`
  // (written as in the exposition, `record="contract"`), e.g. the integrity alarms.
  void SetCounter(const std::string& name, const std::string& help, const std::string& labels,
                  std::function<double()> read);
  // The route labels requests may carry; others count as "unmatched".
  void SetRoutes(const std::vector<std::string>& routes);
  std::string Render() const;

 private:
  static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,   0.1,   0.25,   0.5,   1,    2.5};
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> counts{};
    uint64_t count = 0;
    double sum = 0;
    void Observe(double v);
  };
  struct Gauge {
    std::string help;
    std::function<double()> read;
  };
  mutable std::mutex mu_;
  std::map<std::string, uint64_t> requests_;  // labels -> count
  std::map<std::string, Histogram> latency_;  // labels -> histogram
  std::map<std::string, Histogram> store_;    // operation -> histogram
  std::map<std::string, Gauge> gauges_;
  struct Counter {
    std::string help;
    std::map<std::string, std::function<double()>> series;  // labels -> read
  };
  std::map<std::string, Counter> counters_;
  std::set<std::string, std::less<>> routes_;  // empty: every route label is kept
};

}  // namespace corridor::http
