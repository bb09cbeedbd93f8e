#include "http/metrics.hpp"

#include <cstdio>

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

void Metrics::ObserveRequest(const std::string& method, const std::string& route, int status,
                             double seconds) {
  const std::string labels = "method=\"" + Escape(method) + "\",route=\"" + Escape(route) + "\"";
  const std::string with_status = labels + ",status=\"" + std::to_string(status) + "\"";
  std::lock_guard<std::mutex> lock(mu_);
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
  }
  for (const auto& [name, g] : gauges) {
    out += "# HELP " + name + " " + g.help + "\n# TYPE " + name + " gauge\n";
    out += name + " " + Number(g.read()) + "\n";
  }
  return out;
}

}  // namespace corridor::http
