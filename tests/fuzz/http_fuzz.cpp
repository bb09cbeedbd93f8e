// Fuzz target for HTTP requests as the node reads and answers them, without sockets: the bytes
// of one request go through the steps of the server's session (src/http/session.cpp: Beast's
// parser with the server's limits, the Host and framing checks, the API's decision on the head,
// the body within the route's limit) into the node's API (Api::Head and Api::Handle: the router,
// authentication, every handler, the problem documents) on a real node store (SQLite in a
// temporary directory) with the portal's files, federation and the border configured; the answer
// goes through the session's response writer (http/wire.hpp).
//
// The placeholders @admin@, @officer@, @employer@ and @worker@ in the input are replaced by
// logged-in tokens of those roles, so the fuzzer reaches past authentication.
//
// Besides "no crash, no sanitizer report", it checks what the API promises of every answer: a
// status from 200 to 599 and never 500 (bad input is the client's error); no exception escapes
// to the server's last-resort catch; header names and values the server can write; an error is a
// problem document (RFC 9457) whose status is the response's; no storage internals in any body.
// (The session's own answers, 400, 408, 413, 431 and 501, are its server_test's.)
#include <algorithm>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

#include "crypto/crypto.hpp"
#include "federation/transport.hpp"
#include "fuzz_check.hpp"
#include "http/api.hpp"
#include "http/metrics.hpp"
#include "http/wire.hpp"
#include "json/json.hpp"
#include "service/federation.hpp"
#include "service/testing.hpp"
#include "store/testing.hpp"

namespace {

using namespace corridor;
namespace bhttp = boost::beast::http;

struct Node {
  store::testing::TestNode node;
  std::unique_ptr<service::Registry> registry;
  std::unique_ptr<service::Accounts> accounts;
  std::unique_ptr<service::AccessLog> access;
  std::unique_ptr<service::Border> border;
  std::unique_ptr<http::Metrics> metrics;
  SeededRng jitter{3};
  federation::InProcessTransport transport;
  std::unique_ptr<service::Federation> federation;
  std::unique_ptr<http::Api> api;
  std::vector<std::pair<std::string, std::string>> tokens;  // placeholder, token
  std::string web_root;

  ~Node() {
    api.reset();
    federation.reset();
    access.reset();
    std::error_code ec;
    std::filesystem::remove_all(web_root, ec);
  }
};

std::string NewToken(Node& n, domain::Role role, const std::string& username,
                     std::optional<EmployerId> employer = std::nullopt,
                     std::optional<WorkerId> worker = std::nullopt) {
  domain::Account a;
  a.username = username;
  a.role = role;
  a.country = "KWT";
  a.employer = std::move(employer);
  a.worker = std::move(worker);
  a.display_name = username;
  a.language = "en";
  const std::string password = "correct horse battery " + username;
  auto created = n.accounts->Create(domain::SystemActor(), a, password);
  FUZZ_REQUIRE(created.ok());
  auto login = n.accounts->Login(username, password);
  FUZZ_REQUIRE(login.ok());
  return login->token;
}

std::unique_ptr<Node> MakeNode() {
  crypto::Init();
  auto node = store::testing::TestNode::Create("node-kwt", "KWT",
                                               *Timestamp::Parse("2026-11-29T08:00:00Z"));
  if (!node.ok()) {
    std::fprintf(stderr, "http_fuzz: no store: %s\n", node.status().ToString().c_str());
    std::abort();
  }
  auto n = std::make_unique<Node>();
  n->node = std::move(*node);
  n->registry = std::make_unique<service::Registry>(*n->node.store);
  FUZZ_REQUIRE(service::testing::SeedReferenceData(*n->registry).ok());
  n->accounts = std::make_unique<service::Accounts>(*n->node.store, service::AuthConfig{});
  n->access = std::make_unique<service::AccessLog>(*n->node.store, 10);
  n->metrics = std::make_unique<http::Metrics>();
  n->border = std::make_unique<service::Border>(*n->node.store, screening::NameKnowledge::Default(),
                                                service::BorderConfig{});
  n->federation =
      std::make_unique<service::Federation>(*n->node.store, *n->node.key, n->jitter, n->transport);
  n->web_root = n->node.location->dir() + "/web";
  std::filesystem::create_directories(n->web_root + "/assets");
  std::ofstream(n->web_root + "/index.html") << "<!doctype html><title>portal</title>";
  std::ofstream(n->web_root + "/assets/app.js") << "console.log(1)";
  http::ApiOptions options;
  options.public_base_url = "http://node.test";
  options.node_name = "Kuwait";
  options.web_root = n->web_root;
  options.federation = n->federation.get();
  options.border = n->border.get();
  n->api =
      std::make_unique<http::Api>(*n->registry, *n->accounts, *n->access, *n->metrics, options);
  const domain::Actor sys = domain::SystemActor();
  auto employer = n->registry->RegisterEmployer(sys, domain::testing::SampleEmployer());
  FUZZ_REQUIRE(employer.ok());
  auto worker = n->registry->RegisterWorker(sys, domain::testing::SampleWorker());
  FUZZ_REQUIRE(worker.ok());
  n->tokens = {
      {"@admin@", NewToken(*n, domain::Role::kAdministrator, "admin")},
      {"@officer@", NewToken(*n, domain::Role::kDestinationOfficer, "officer")},
      {"@employer@", NewToken(*n, domain::Role::kEmployer, "employer", employer->id)},
      {"@worker@", NewToken(*n, domain::Role::kWorker, "worker", std::nullopt, worker->id)},
  };
  return n;
}

// What the API promises of every answer, and what the session's writer needs of it.
void CheckResponse(http::Response r, const std::string& request_bytes) {
  if (r.status == 500) {
    std::fprintf(stderr, "http_fuzz: answered 500: %s\n", r.body.c_str());
  }
  FUZZ_REQUIRE(r.status >= 200 && r.status <= 599);
  FUZZ_REQUIRE(r.status != 500);
  FUZZ_REQUIRE(http::wire::ValidFieldValue(r.content_type));
  for (const http::Header& h : r.headers) {
    FUZZ_REQUIRE(http::wire::ValidFieldName(h.name));
    FUZZ_REQUIRE(http::wire::ValidFieldValue(h.value));
  }
  if (r.content_type.rfind("application/problem+json", 0) == 0) {
    auto problem = json::Parse(r.body);
    FUZZ_REQUIRE(problem.ok());
    const json::Value* status = problem->Get("status");
    FUZZ_REQUIRE(status != nullptr && status->is_number());
    FUZZ_REQUIRE(static_cast<int>(status->AsNumber()) == r.status);
  }
  // Storage internals in a body came from the node, unless the request carried them.
  for (const char* internal : {"sqlite", "SQLITE", "SELECT ", "INSERT ", "libpq", "std::"}) {
    if (request_bytes.find(internal) == std::string::npos) {
      FUZZ_REQUIRE(r.body.find(internal) == std::string::npos);
    }
  }
  http::wire::HeadInfo info;
  info.server_name = "corridor";
  info.request_id = "fuzz";
  const std::string head = http::wire::ResponseHead(r, info);
  FUZZ_REQUIRE(head.size() >= 4 && head.compare(head.size() - 4, 4, "\r\n\r\n") == 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;
  static const std::unique_ptr<Node> n = MakeNode();
  std::string bytes(reinterpret_cast<const char*>(data), size);
  for (const auto& [placeholder, token] : n->tokens) {
    for (size_t at = bytes.find(placeholder); at != std::string::npos;
         at = bytes.find(placeholder, at + token.size())) {
      bytes.replace(at, placeholder.size(), token);
    }
  }
  // What the session does with the bytes (src/http/session.cpp, BeginRequest and OnHeader): the
  // head within the header limit, exactly one Host, the framing rules, the API's decision on the
  // head, then the body within the route's limit.
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(16 * 1024);
  parser.body_limit(16 * 1024 * 1024);
  parser.eager(false);
  boost::beast::error_code ec;
  size_t used = 0;
  auto feed = [&](auto done) {
    while (used < bytes.size() && !done()) {
      const size_t n_used =
          parser.put(boost::asio::buffer(bytes.data() + used, bytes.size() - used), ec);
      used += n_used;
      if (ec == bhttp::error::need_more) {
        ec = {};
        break;
      }
      if (ec || n_used == 0) break;
    }
  };
  feed([&] { return parser.is_header_done(); });
  if (ec || !parser.is_header_done()) return 0;  // answered by the server itself, or waited for
  const auto& msg = parser.get();
  const size_t hosts = msg.count(bhttp::field::host);
  if (hosts > 1 || (msg.version() >= 11 && hosts == 0)) return 0;  // the server's 400
  std::string codings;
  for (auto [it, end] = msg.equal_range(bhttp::field::transfer_encoding); it != end; ++it) {
    if (!codings.empty()) codings += ',';
    codings += std::string(it->value());
  }
  if (http::wire::CheckTransferEncoding(codings, msg.count(bhttp::field::content_length) > 0,
                                        msg.version())
          .status != 0) {
    return 0;  // the server's 400 or 501
  }

  http::Request request;
  request.method = std::string(msg.method_string());
  request.target = std::string(msg.target());
  for (const auto& field : msg) {
    request.headers.push_back({std::string(field.name_string()), std::string(field.value())});
  }
  request.remote_address = "127.0.0.1";
  request.request_id = "fuzz";

  http::HeadDecision decision;
  try {
    decision = n->api->Head(request);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "http_fuzz: the head of %s %s threw %s\n", request.method.c_str(),
                 request.target.c_str(), e.what());
    std::abort();
  }
  if (decision.answer) {
    CheckResponse(*decision.answer, bytes);
    return 0;
  }
  parser.body_limit(std::min<uint64_t>(decision.max_body_bytes, 16 * 1024 * 1024));
  parser.eager(true);
  feed([&] { return parser.is_done(); });
  if (ec || !parser.is_done()) return 0;  // 413, or a body that never ends
  request.body = parser.get().body();

  http::Response r;
  try {
    r = n->api->Handle(request);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "http_fuzz: %s %s threw %s\n", request.method.c_str(),
                 request.target.c_str(), e.what());
    std::abort();
  }
  CheckResponse(r, bytes);
  return 0;
}
