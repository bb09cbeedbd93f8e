// The node's HTTP API (/api/v1, docs/openapi.yaml), the public contract check (/verify) and the
// operational endpoints (/healthz, /readyz, /metrics).
//
// Handlers are thin: parse and check the request, call the service layer with the caller's
// Actor, shape the answer to what the caller may see (need-to-know views), record each decision
// to show or refuse a person's record in the access log. They hold no state of their own.
// Thread-safety: Handle may be called from any number of threads.
#pragma once

#include <memory>
#include <string>

#include "http/message.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "service/accounts.hpp"
#include "service/border.hpp"
#include "service/registry.hpp"

namespace corridor::http {

struct ApiOptions {
  std::string public_base_url;  // "http://127.0.0.1:8080": printed contracts link here
  std::string web_root;         // built portal assets; empty: no portal
  std::string node_name;        // shown on pages, e.g. "Nepal (origin)"
};

class Api {
 public:
  // `border` may be null: the border routes then answer 503.
  Api(service::Registry& registry, service::Accounts& accounts, service::AccessLog& access,
      Metrics& metrics, ApiOptions options, service::Border* border = nullptr);
  Response Handle(const Request& request) const;

 private:
  void AddAuthRoutes();
  void AddRegistryRoutes();
  void AddContractRoutes();
  void AddMobilityRoutes();
  void AddLedgerRoutes();
  void AddPublicRoutes();
  void AddBorderRoutes();

  service::Registry& registry_;
  service::Accounts& accounts_;
  service::AccessLog& access_;
  Metrics& metrics_;
  ApiOptions options_;
  service::Border* border_;
  Router router_;
};

}  // namespace corridor::http
