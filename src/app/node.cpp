#include "app/node.hpp"

#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "app/border_command.hpp"
#include "app/key_file.hpp"
#include "app/name_data.hpp"
#include "core/log.hpp"
#include "json/json.hpp"

namespace corridor::app {

Result<std::pair<std::string, uint16_t>> ParseListen(const std::string& listen) {
  std::string host;
  std::string port;
  if (!listen.empty() && listen[0] == '[') {
    const size_t close = listen.find(']');
    if (close == std::string::npos || close + 1 >= listen.size() || listen[close + 1] != ':') {
      return Status::InvalidArgument("must be HOST:PORT, [IPV6]:PORT", "listen");
    }
    host = listen.substr(1, close - 1);
    port = listen.substr(close + 2);
  } else {
    const size_t colon = listen.rfind(':');
    if (colon == std::string::npos) return Status::InvalidArgument("must be HOST:PORT", "listen");
    host = listen.substr(0, colon);
    port = listen.substr(colon + 1);
  }
  if (host.empty() || port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos || std::stoi(port) > 65535) {
    return Status::InvalidArgument("must be HOST:PORT with a port from 0 to 65535", "listen");
  }
  return std::make_pair(host, static_cast<uint16_t>(std::stoi(port)));
}

Status LoadConfigFile(const std::string& path, NodeConfig& c) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read the configuration file " + path);
  std::stringstream text;
  text << in.rdbuf();
  auto v = json::Parse(text.str());
  if (!v.ok()) return Status::InvalidArgument(path + ": " + v.status().message());
  if (!v->is_object()) return Status::InvalidArgument(path + ": must be a JSON object");
  for (const auto& setting : v->AsObject()) {
    const std::string& key = setting.first;
    const json::Value& value = setting.second;
    auto str = [&](std::string& out) -> Status {
      if (!value.is_string()) {
        std::string message = path;
        message.append(": ").append(key).append(" must be a string");
        return Status::InvalidArgument(message);
      }
      out = value.AsString();
      return Status::Ok();
    };
    if (key == "store") {
      RETURN_IF_ERROR(str(c.store));
    } else if (key == "key_file") {
      RETURN_IF_ERROR(str(c.key_file));
    } else if (key == "listen") {
      RETURN_IF_ERROR(str(c.listen));
    } else if (key == "public_base_url") {
      RETURN_IF_ERROR(str(c.public_base_url));
    } else if (key == "web_root") {
      RETURN_IF_ERROR(str(c.web_root));
    } else if (key == "node_name") {
      RETURN_IF_ERROR(str(c.node_name));
    } else if (key == "tls_certificate_file") {
      RETURN_IF_ERROR(str(c.tls_certificate_file));
    } else if (key == "tls_private_key_file") {
      RETURN_IF_ERROR(str(c.tls_private_key_file));
    } else if (key == "federation_ca_file") {
      RETURN_IF_ERROR(str(c.federation_ca_file));
    } else if (key == "payroll_ladder_file") {
      RETURN_IF_ERROR(str(c.payroll_ladder_file));
    } else if (key == "screening_config_file") {
      RETURN_IF_ERROR(str(c.screening_config_file));
    } else if (key == "case_rules_file") {
      RETURN_IF_ERROR(str(c.case_rules_file));
    } else if (key == "daily_jobs_interval_ms") {
      auto n = value.AsInt64();
      if (!n.ok() || *n < 1000) {
        return Status::InvalidArgument(path + ": daily_jobs_interval_ms must be at least 1000");
      }
      c.daily_jobs_interval_ms = *n;
    } else if (key == "wage_unlock_months") {
      auto n = value.AsInt64();
      if (!n.ok() || *n < 1 || *n > 12) {
        return Status::InvalidArgument(path + ": wage_unlock_months must be 1-12");
      }
      c.wage_unlock_months = static_cast<int>(*n);
    } else if (key == "permit_expiry_notice_days") {
      auto n = value.AsInt64();
      if (!n.ok() || *n < 0 || *n > 365) {
        return Status::InvalidArgument(path + ": permit_expiry_notice_days must be 0-365");
      }
      c.permit_expiry_notice_days = static_cast<int>(*n);
    } else if (key == "peer_head_interval_ms") {
      auto n = value.AsInt64();
      if (!n.ok() || *n < 100) {
        return Status::InvalidArgument(path + ": peer_head_interval_ms must be at least 100");
      }
      c.peer_head_interval_ms = *n;
    } else if (key == "log_level") {
      log::Level level = log::Level::kInfo;
      if (!value.is_string() || !log::ParseLevel(value.AsString(), level)) {
        return Status::InvalidArgument(path + ": log_level must be debug, info, warn or error");
      }
      c.log_level = value.AsString();
    } else if (key == "login_threads") {
      auto n = value.AsInt64();
      if (!n.ok() || *n < 0 || *n > 256)
        return Status::InvalidArgument(path + ": login_threads must be 0-256");
      c.login_threads = static_cast<int>(*n);
    } else if (key == "login_address_burst") {
      auto n = value.AsInt64();
      if (!n.ok() || *n < 1 || *n > 100'000)
        return Status::InvalidArgument(path + ": login_address_burst must be 1-100000");
      c.login_address_burst = static_cast<int>(*n);
    } else if (key == "login_address_refill_ms") {
      auto n = value.AsInt64();
      if (!n.ok() || *n < 1 || *n > 86'400'000)
        return Status::InvalidArgument(path + ": login_address_refill_ms must be 1-86400000");
      c.login_address_refill_ms = *n;
    } else if (key == "threads") {
      auto n = value.AsInt64();
      if (!n.ok() || *n < 0 || *n > 256)
        return Status::InvalidArgument(path + ": threads must be 0-256");
      c.threads = static_cast<int>(*n);
    } else {
      std::string message = path;
      message.append(": unknown setting '").append(key).append("'");
      return Status::InvalidArgument(message);
    }
  }
  return Status::Ok();
}

namespace {

Result<std::string> ReadWholeFile(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(std::string("cannot read the ") + what + " " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

Result<service::WagesConfig> LoadWagesConfig(const NodeConfig& c) {
  service::WagesConfig w;
  w.unlock_months = c.wage_unlock_months;
  std::string text(DefaultLadderCsv());
  if (!c.payroll_ladder_file.empty()) {
    ASSIGN_OR_RETURN(text, ReadWholeFile(c.payroll_ladder_file, "escalation ladder"));
  }
  std::istringstream in(text);
  auto ladders = service::LoadLadders(in);
  if (!ladders.ok()) {
    return Status::InvalidArgument((c.payroll_ladder_file.empty()
                                        ? std::string("the built-in ladder")
                                        : c.payroll_ladder_file) +
                                   ": " + ladders.status().message());
  }
  w.ladders = std::move(*ladders);
  return w;
}

}  // namespace

namespace {

// The protection rules: the file the configuration names, else the built-in ones.
Result<domain::CaseRules> LoadCaseRules(const std::string& path) {
  if (path.empty()) return service::DefaultCaseRules();
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read the case rules file " + path);
  std::stringstream text;
  text << in.rdbuf();
  auto rules = service::ParseCaseRules(text.str());
  if (!rules.ok()) {
    return Status::InvalidArgument(path + ": " + rules.status().field() + ": " +
                                   rules.status().message());
  }
  return rules;
}

}  // namespace

Result<std::unique_ptr<Node>> Node::Open(NodeConfig config) {
  crypto::Init();
  std::unique_ptr<Node> n(new Node());
  n->config_ = std::move(config);
  NodeConfig& c = n->config_;
  log::Level level = log::Level::kInfo;
  if (!log::ParseLevel(c.log_level, level)) {
    return Status::InvalidArgument("log_level must be debug, info, warn or error", "log_level");
  }
  log::SetLevel(level);
  if (c.key_file.empty()) {
    ASSIGN_OR_RETURN(c.key_file, DefaultKeyPath(c.store));
  }
  ASSIGN_OR_RETURN(auto key, ReadKeyFile(c.key_file));
  n->key_ = std::make_unique<crypto::SigningKey>(std::move(key));
  ASSIGN_OR_RETURN(auto listen, ParseListen(c.listen));
  n->metrics_ = std::make_unique<http::Metrics>();
  store::StoreOptions so;
  if (c.clock != nullptr) n->clock_ = c.clock;
  so.clock = n->clock_;
  so.rng = &n->rng_;
  so.key = n->key_.get();
  so.head_interval_ms = c.head_interval_ms;
  so.pool_size = 8;
  http::Metrics* metrics = n->metrics_.get();
  so.observer = [metrics](const char* op, double seconds) { metrics->ObserveStore(op, seconds); };
  ASSIGN_OR_RETURN(n->store_, store::Store::Open(c.store, so));
  n->access_ = std::make_unique<service::AccessLog>(*n->store_);
  ASSIGN_OR_RETURN(auto case_rules, LoadCaseRules(c.case_rules_file));
  n->cases_ = std::make_unique<service::Cases>(*n->store_, *n->access_, std::move(case_rules));
  // The capabilities that detect abuse open or join protection cases in their own writes.
  n->registry_ =
      std::make_unique<service::Registry>(*n->store_, service::RegistryConfig{}, n->cases_.get());
  // From here on every write queues the federation messages it causes (its peers are set with
  // `corridor peer set`); the worker delivers them.
  federation::HttpTransportOptions to;
  to.ca_file = c.federation_ca_file;
  n->transport_ = std::make_unique<federation::HttpTransport>(to);
  if (!c.federation_ca_file.empty()) RETURN_IF_ERROR(n->transport_->PrepareTls());
  n->federation_ =
      std::make_unique<service::Federation>(*n->store_, *n->key_, n->rng_, *n->transport_);
  n->worker_ = std::make_unique<service::FederationWorker>(
      *n->federation_, service::WorkerOptions{c.peer_head_interval_ms, 1000});
  service::AuthConfig auth;
  auth.hash_threads = c.login_threads;
  auth.address.burst = c.login_address_burst;
  auth.address.refill_ms = c.login_address_refill_ms;
  n->accounts_ = std::make_unique<service::Accounts>(*n->store_, std::move(auth));
  ASSIGN_OR_RETURN(auto wages_config, LoadWagesConfig(c));
  n->wages_ =
      std::make_unique<service::Wages>(*n->store_, std::move(wages_config), n->cases_.get());
  service::PermitsConfig permits_config{c.permit_expiry_notice_days};
  RETURN_IF_ERROR(permits_config.Validate());
  n->permits_ = std::make_unique<service::Permits>(*n->store_, permits_config);
  ASSIGN_OR_RETURN(auto border_config, LoadBorderConfigFile(c.screening_config_file));
  ASSIGN_OR_RETURN(n->knowledge_, LoadNameKnowledge());
  n->border_ =
      std::make_unique<service::Border>(*n->store_, *n->knowledge_, border_config, n->cases_.get());
  RETURN_IF_ERROR(n->border_->LoadIndex());
  ASSIGN_OR_RETURN(auto clearance_rules, service::BuiltInClearanceRequirements());
  n->clearances_ = std::make_unique<service::Clearances>(
      *n->store_, service::ClearanceConfig{std::move(clearance_rules)});
  // The node's courses (data/training/<country>.json): a file that does not hold stops the start.
  ASSIGN_OR_RETURN(auto training_config,
                   service::BuiltInTrainingConfig(n->store_->identity().country));
  n->training_ = std::make_unique<service::Training>(*n->store_, std::move(training_config));
  n->statistics_ = std::make_unique<service::Statistics>(*n->store_);
  store::Store* st = n->store_.get();
  n->metrics_->SetGauge("corridor_ledger_events", "Events in the node's ledger.", [st]() {
    uint64_t size = 0;
    (void)st->Read([&](store::ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(size, tx.LedgerSize());
      return Status::Ok();
    });
    return static_cast<double>(size);
  });
  service::Statistics* statistics = n->statistics_.get();
  n->metrics_->SetGauge("corridor_statistics_folded_events",
                        "Ledger events folded into the statistics' counters.", [statistics]() {
                          auto folded = statistics->Position();
                          return folded.ok() ? static_cast<double>(*folded) : 0.0;
                        });

  http::ServerOptions so_http;
  so_http.host = listen.first;
  so_http.port = listen.second;
  so_http.threads = c.threads;
  so_http.tls_certificate_file = c.tls_certificate_file;
  so_http.tls_private_key_file = c.tls_private_key_file;
  // The API is built after the port is known (the public base URL may depend on it), so the
  // handler reaches it through the node.
  Node* self = n.get();
  ASSIGN_OR_RETURN(n->server_,
                   http::Server::Create(
                       so_http, [self](const http::Request& r) { return self->api_->Handle(r); },
                       [metrics](const http::RequestRecord& r) {
                         metrics->ObserveRequest(r.method, r.route, r.status, r.seconds);
                       },
                       [self](const http::Request& head) { return self->api_->Head(head); }));
  const std::string scheme = c.tls_certificate_file.empty() ? "http" : "https";
  const std::string host =
      listen.first == "0.0.0.0" || listen.first == "::" ? "127.0.0.1" : listen.first;
  n->base_url_ = c.public_base_url.empty()
                     ? scheme + "://" +
                           (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
                           std::to_string(n->server_->port())
                     : c.public_base_url;
  http::ApiOptions ao;
  ao.public_base_url = n->base_url_;
  ao.web_root = c.web_root;
  ao.node_name = c.node_name.empty() ? n->store_->identity().node_id : c.node_name;
  ao.federation = n->federation_.get();
  ao.wages = n->wages_.get();
  ao.permits = n->permits_.get();
  ao.border = n->border_.get();
  ao.cases = n->cases_.get();
  ao.clearances = n->clearances_.get();
  ao.training = n->training_.get();
  n->api_ =
      std::make_unique<http::Api>(*n->registry_, *n->accounts_, *n->access_, *n->metrics_, ao);
  n->periodic_ = std::thread([self] { self->Periodic(); });
  n->worker_->Start();
  return n;
}

Node::~Node() {
  Stop();
  // Logins still queued are answered before the server they answer through goes away.
  if (accounts_) accounts_->StopLogins();
  if (periodic_.joinable()) periodic_.join();
  if (worker_) worker_->Stop();
  // Cover every acknowledged write with a signed head before closing.
  if (store_) (void)store_->SignHead();
}

void Node::RunDailyJobs() {
  std::lock_guard<std::mutex> one_at_a_time(daily_mu_);
  const Timestamp now = clock_->Now();
  auto wages = wages_->RunDailyJobs(now);
  if (!wages.ok()) {
    log::Error("node.daily_job_failed", {{"job", "payroll"}, {"error", wages.status().ToString()}});
  }
  if (auto permits = permits_->RunDailyJobs(now); !permits.ok()) {
    log::Error("node.daily_job_failed",
               {{"job", "permits"}, {"error", permits.status().ToString()}});
  }
  if (Status st = border_->RunDailyJobs(now); !st.ok()) {
    log::Error("node.daily_job_failed", {{"job", "overstay"}, {"error", st.ToString()}});
  }
  if (Status st = cases_->RunDailyJobs(now); !st.ok()) {
    log::Error("node.daily_job_failed", {{"job", "case_deadlines"}, {"error", st.ToString()}});
  }
}

// Ledger events the periodic thread folds into the statistics per run, at most (plus the rest of
// the last batch).
constexpr uint64_t kStatisticsFoldPerRun = 20'000;

void Node::Periodic() {
  std::unique_lock<std::mutex> lock(mu_);
  // The first run of the daily jobs comes one head interval after start-up, not in Open.
  auto next_daily = std::chrono::steady_clock::now();
  while (!stopping_) {
    cv_.wait_for(lock, std::chrono::milliseconds(config_.head_interval_ms));
    if (stopping_) break;
    lock.unlock();
    // Writes sign heads as they go; this covers the last writes of a quiet spell.
    auto head = store_->SignHead();
    if (!head.ok()) log::Error("node.sign_head_failed", {{"error", head.status().ToString()}});
    // The statistics follow the ledger one head interval behind (docs/statistics.md), catching
    // up at most kStatisticsFoldPerRun events a run so that heads and daily jobs are not held.
    auto folded = statistics_->FoldNew(kStatisticsFoldPerRun);
    if (!folded.ok()) {
      log::Error("node.statistics_fold_failed", {{"error", folded.status().ToString()}});
    }
    if (std::chrono::steady_clock::now() >= next_daily) {
      RunDailyJobs();
      next_daily = std::chrono::steady_clock::now() +
                   std::chrono::milliseconds(config_.daily_jobs_interval_ms);
    }
    lock.lock();
  }
}

void Node::Run() { server_->Run(); }

void BlockStopSignals() {
  // SIGUSR1 too: RunUntilSignal uses it to wake its waiter, which must never kill the process.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

void RunUntilSignal(const std::vector<Node*>& nodes) {
  // The signals are blocked in every thread; this one waits for them synchronously, so stopping
  // runs in an ordinary thread, not in a signal handler.
  std::atomic<bool> waited{false};
  std::thread waiter([&nodes, &waited] {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGUSR1);
    int sig = 0;
    sigwait(&set, &sig);
    waited = true;
    for (Node* n : nodes) n->Stop();
  });
  std::vector<std::thread> runners;
  for (size_t i = 1; i < nodes.size(); ++i) runners.emplace_back([n = nodes[i]] { n->Run(); });
  nodes[0]->Run();
  for (Node* n : nodes) n->Stop();
  for (auto& t : runners) t.join();
  // Wake the waiter if the nodes stopped for another reason (SIGUSR1 is blocked everywhere, so
  // it only ever reaches the waiter's sigwait).
  if (!waited) pthread_kill(waiter.native_handle(), SIGUSR1);
  waiter.join();
}

void Node::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (server_) server_->Stop();
}

}  // namespace corridor::app
