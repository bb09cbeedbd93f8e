#include "http/metrics.hpp"

#include <algorithm>
#include <cstdio>
#include <string_view>

namespace corridor::http {
namespace {

std::string Escape(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

std::string Number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

}  // namespace

void Metrics::Histogram::Observe(double v) {
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (v <= kBuckets[i]) ++counts[i];
  }
  ++count;
  sum += v;
}

void Metrics::SetRoutes(const std::vector<std::string>& routes) {
  std::lock_guard<std::mutex> lock(mu_);
  routes_.clear();
  routes_.insert(routes.begin(), routes.end());
  routes_.insert("unmatched");
}

void Metrics::ObserveRequest(const std::string& method, const std::string& route, int status,
                             double seconds) {
  static constexpr std::array<std::string_view, 7> kMethods = {"GET",   "HEAD",   "POST",   "PUT",
                                                               "PATCH", "DELETE", "OPTIONS"};
  const bool known_method = std::find(kMethods.begin(), kMethods.end(), method) != kMethods.end();
  // A status outside 100-599 cannot come from the server; it is folded all the same.
  const int status_label = status >= 100 && status <= 599 ? status : 0;
  std::lock_guard<std::mutex> lock(mu_);
  const bool known_route = routes_.empty() || routes_.find(route) != routes_.end();
  const std::string labels = "method=\"" + (known_method ? Escape(method) : std::string("other")) +
                             "\",route=\"" +
                             (known_route ? Escape(route) : std::string("unmatched")) + "\"";
  const std::string with_status = labels + ",status=\"" + std::to_string(status_label) + "\"";
  ++requests_[with_status];
  latency_[labels].Observe(seconds);
}

void Metrics::ObserveStore(const std::string& operation, double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  store_["operation=\"" + Escape(operation) + "\""].Observe(seconds);
}

void Metrics::SetGauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard<std::mutex> lock(mu_);
  gauges_[std::move(name)] = {std::move(help), std::move(read)};
}

void Metrics::SetCounter(const std::string& name, const std::string& help,
                         const std::string& labels, std::function<double()> read) {
  std::lock_guard<std::mutex> lock(mu_);
  Counter& c = counters_[name];
  c.help = help;
  c.series[labels] = std::move(read);
}

std::string Metrics::Render() const {
  std::string out;
  auto histogram = [&out](const std::string& name, const std::map<std::string, Histogram>& hs) {
    for (const auto& [labels, h] : hs) {
      for (size_t i = 0; i < kBuckets.size(); ++i) {
        out += name + "_bucket{" + labels + ",le=\"" + Number(kBuckets[i]) + "\"} " +
               std::to_string(h.counts[i]) + "\n";
      }
      out += name + "_bucket{" + labels + ",le=\"+Inf\"} " + std::to_string(h.count) + "\n";
      out += name + "_sum{" + labels + "} " + Number(h.sum) + "\n";
      out += name + "_count{" + labels + "} " + std::to_string(h.count) + "\n";
    }
  };
  std::map<std::string, Gauge> gauges;
  std::map<std::string, Counter> counters;
  {
    std::lock_guard<std::mutex> lock(mu_);
    out += "# HELP corridor_http_requests_total HTTP requests answered.\n";
    out += "# TYPE corridor_http_requests_total counter\n";
    for (const auto& [labels, n] : requests_) {
      out += "corridor_http_requests_total{" + labels + "} " + std::to_string(n) + "\n";
    }
    out += "# HELP corridor_http_request_duration_seconds Time from request to response.\n";
    out += "# TYPE corridor_http_request_duration_seconds histogram\n";
    histogram("corridor_http_request_duration_seconds", latency_);
    out += "# HELP corridor_store_duration_seconds Store transactions, by kind.\n";
    out += "# TYPE corridor_store_duration_seconds histogram\n";
    histogram("corridor_store_duration_seconds", store_);
    gauges = gauges_;
    counters = counters_;
  }
  for (const auto& [name, c] : counters) {
    out += "# HELP " + name + " " + c.help + "\n# TYPE " + name + " counter\n";
    for (const auto& [labels, read] : c.series) {
      out += name + "{" + labels + "} " + Number(read()) + "\n";
    }
  }
  for (const auto& [name, g] : gauges) {
    out += "# HELP " + name + " " + g.help + "\n# TYPE " + name + " gauge\n";
    out += name + " " + Number(g.read()) + "\n";
  }
  return out;
}

}  // namespace corridor::http
