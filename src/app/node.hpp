// One running node: its store, services, API and HTTP server, and the periodic work (signing
// tree heads and folding new ledger events into the statistics every head interval; the daily
// jobs). `corridor serve` runs one;
// `corridor demo` runs two.
// Thread-safety: Open from one thread; Stop from any thread (a signal handler's thread too).
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "crypto/crypto.hpp"
#include "federation/http_transport.hpp"
#include "http/api.hpp"
#include "http/metrics.hpp"
#include "http/server.hpp"
#include "screening/name_knowledge.hpp"
#include "service/accounts.hpp"
#include "service/border.hpp"
#include "service/cases.hpp"
#include "service/clearance.hpp"
#include "service/federation.hpp"
#include "service/federation_worker.hpp"
#include "service/permits.hpp"
#include "service/registry.hpp"
#include "service/statistics.hpp"
#include "service/training.hpp"
#include "service/wages.hpp"
#include "store/store.hpp"

namespace corridor::app {

struct NodeConfig {
  std::string store;     // store URI
  std::string key_file;  // default: beside an SQLite store
  std::string listen = "127.0.0.1:8080";
  std::string public_base_url;  // default http://<listen>
  std::string web_root;         // the built portal; default: web/dist beside the binary's tree
  std::string node_name;        // shown on public pages
  std::string tls_certificate_file;
  std::string tls_private_key_file;
  // PEM certificates trusted for https:// peers; default: the system's trust store.
  std::string federation_ca_file;
  int threads = 0;
  int64_t head_interval_ms = 1000;
  // How often the node hands its peers its signed ledger head (docs/formats/federation.md §8).
  int64_t peer_head_interval_ms = 30'000;
  // The daily jobs (payroll months closed without a file, the escalation ladder, arrears that
  // unlock a job change, overstays) run at start-up and then this often; they are idempotent and
  // judge by the day, so running them more often than daily only notices things sooner.
  int64_t daily_jobs_interval_ms = 3'600'000;
  std::string payroll_ladder_file;     // `country,day,action` CSV; default: the built-in ladders
  int wage_unlock_months = 2;          // months in arrears that waive a job change's notice
  int permit_expiry_notice_days = 30;  // days before a permit's end its holder is told
  std::string screening_config_file;   // thresholds (docs/border.md); default: built-in
  // Protection's deadlines and trafficking flag (docs/formats/cases.md); default: built-in.
  std::string case_rules_file;
  std::string log_level = "info";  // debug, info, warn or error (core/log.hpp)
  // Logins (docs/security.md): Argon2id checks at once (0: half the cores), and the per-address
  // allowance of failed attempts (a burst, then one every refill_ms).
  int login_threads = 0;
  int login_address_burst = 20;
  int64_t login_address_refill_ms = 30'000;
  // The node's clock; default the system's. The demo seeds its corridor on a clock that starts
  // months ago and catches up with the present. Must outlive the node.
  const Clock* clock = nullptr;
};

// The escalation ladders built into the binary (data/payroll/ladder.csv).
std::string_view DefaultLadderCsv();

// Reads a JSON configuration file (docs/operations.md); options given on the command line win.
Status LoadConfigFile(const std::string& path, NodeConfig& config);

class Node {
 public:
  static Result<std::unique_ptr<Node>> Open(NodeConfig config);
  ~Node();

  uint16_t port() const { return server_->port(); }
  const std::string& base_url() const { return base_url_; }
  store::Store& store() { return *store_; }
  service::Registry& registry() { return *registry_; }
  service::Accounts& accounts() { return *accounts_; }
  service::Federation& federation() { return *federation_; }
  const crypto::PublicKey& public_key() const { return key_->public_key(); }
  service::Wages& wages() { return *wages_; }
  service::Border& border() { return *border_; }
  service::Cases& cases() { return *cases_; }
  service::Clearances& clearances() { return *clearances_; }
  service::Training& training() { return *training_; }
  service::Statistics& statistics() { return *statistics_; }
  // The daily jobs once, now (the periodic thread calls this too).
  void RunDailyJobs();

  // Serves until Stop(); returns after requests in flight are answered.
  void Run();
  void Stop();
  http::Server& server() { return *server_; }

 private:
  Node() = default;
  void Periodic();

  NodeConfig config_;
  std::string base_url_;
  SystemClock system_clock_;
  const Clock* clock_ = &system_clock_;
  crypto::SodiumRng rng_;
  std::unique_ptr<crypto::SigningKey> key_;
  std::unique_ptr<http::Metrics> metrics_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<service::Registry> registry_;
  // Federation: destroyed before the store it observes, after the API that reaches it.
  std::unique_ptr<federation::HttpTransport> transport_;
  std::unique_ptr<service::Federation> federation_;
  std::unique_ptr<service::FederationWorker> worker_;
  std::unique_ptr<service::Accounts> accounts_;
  std::unique_ptr<service::AccessLog> access_;
  std::unique_ptr<service::Wages> wages_;
  std::unique_ptr<service::Permits> permits_;
  std::unique_ptr<screening::NameKnowledge> knowledge_;
  std::unique_ptr<service::Border> border_;
  std::unique_ptr<service::Cases> cases_;
  std::unique_ptr<service::Clearances> clearances_;
  std::unique_ptr<service::Training> training_;
  std::unique_ptr<service::Statistics> statistics_;
  std::mutex daily_mu_;  // one run of the daily jobs at a time
  std::unique_ptr<http::Api> api_;
  std::unique_ptr<http::Server> server_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread periodic_;
};

// Serves every node until SIGINT or SIGTERM, then stops them all and returns once their requests
// in flight are answered. Call BlockStopSignals() first thing in main, before any thread starts.
void BlockStopSignals();
void RunUntilSignal(const std::vector<Node*>& nodes);

// Splits "HOST:PORT" ("[::1]:8080" for IPv6).
Result<std::pair<std::string, uint16_t>> ParseListen(const std::string& listen);

}  // namespace corridor::app
