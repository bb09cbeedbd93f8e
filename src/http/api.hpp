// The node's HTTP API (/api/v1, docs/openapi.yaml), the public contract check (/verify) and the
// operational endpoints (/healthz, /readyz, /metrics).
//
// Handlers are thin: parse and check the request, call the service layer with the caller's
// Actor, shape the answer to what the caller may see (need-to-know views), record each decision
// to show or refuse a person's record in the access log. They hold no state of their own.
// Thread-safety: Handle may be called from any number of threads.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "http/message.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "service/accounts.hpp"
#include "service/border.hpp"
#include "service/border_queries.hpp"
#include "service/case_queries.hpp"
#include "service/cases.hpp"
#include "service/clearance.hpp"
#include "service/clearance_queries.hpp"
#include "service/contract_queries.hpp"
#include "service/integrity.hpp"
#include "service/mobility_queries.hpp"
#include "service/notifier.hpp"
#include "service/permits.hpp"
#include "service/registry.hpp"
#include "service/registry_queries.hpp"
#include "service/statistics_releases.hpp"
#include "service/training.hpp"
#include "service/training_queries.hpp"
#include "service/wages.hpp"

namespace corridor::service {
class Federation;
}

namespace corridor::http {

struct ApiOptions {
  std::string public_base_url;  // "http://127.0.0.1:8080": printed contracts link here
  std::string web_root;         // built portal assets; empty: no portal
  std::string node_name;        // shown on pages, e.g. "Nepal (origin)"
  // When set, the peer endpoint (/federation/v1/messages) and the officers' federation views.
  service::Federation* federation = nullptr;
  // Payroll uploads, findings and wage histories; null: a Wages of the default configuration.
  service::Wages* wages = nullptr;
  // Crossings and screening; null: the border routes answer 503.
  service::Border* border = nullptr;
  // Complaints and cases; null: a Cases of the built-in rules (data/cases/rules.json).
  service::Cases* cases = nullptr;
  // Departure clearance; null: one with the requirements built into the node.
  service::Clearances* clearances = nullptr;
  // The permit's life (renewal); null: a Permits of the default configuration.
  service::Permits* permits = nullptr;
  // Orientation and training; null: one with the node's country's built-in courses.
  service::Training* training = nullptr;
};

class Api {
 public:
  Api(service::Registry& registry, service::Accounts& accounts, service::AccessLog& access,
      Metrics& metrics, ApiOptions options);
  // A whole request. HTML pages get the security headers (SecurityHeaders in http/html.hpp).
  Response Handle(const Request& request) const;
  // The decision on a request's head, before its body is read (the server's head handler): the
  // route, its login, its body limit.
  HeadDecision Head(const Request& head) const;

 private:
  void AddAuthRoutes();
  void AddRegistryRoutes();
  void AddContractRoutes();
  void AddMobilityRoutes();
  void AddLedgerRoutes();
  void AddPublicRoutes();
  void AddFederationRoutes();  // api_federation.cpp
  void AddPayrollRoutes();     // api_payroll.cpp
  void AddBorderRoutes();      // api_border.cpp
  void AddCaseRoutes();        // api_cases.cpp
  void AddClearanceRoutes();   // api_clearance.cpp
  void AddStatisticsRoutes();  // api_statistics.cpp
  // The public check of a departure clearance (GET /verify/DC-...), as JSON or a page.
  Result<Response> VerifyClearance(const std::string& id, bool json,
                                   std::string_view request_id) const;  // api_clearance.cpp
  void AddTrainingRoutes();                                             // api_training.cpp
  // The public check of a training certificate (GET /verify/CT-...), as JSON or a page.
  Result<Response> VerifyCertificate(const std::string& id, bool json,
                                     std::string_view request_id) const;  // api_training.cpp
  void AddPortalRoutes();  // the built portal's files, listed once at start-up

  service::Registry& registry_;
  service::Accounts& accounts_;
  service::AccessLog& access_;
  service::IntegrityAlarms alarms_;  // before the queries that raise it
  service::ContractQueries contracts_;
  service::MobilityQueries mobility_;
  service::RegistryQueries queries_;
  service::BorderQueries border_queries_;
  service::NotificationQueries notifications_;
  Metrics& metrics_;
  std::unique_ptr<service::Wages> own_wages_;  // when options.wages is null
  service::Wages* wages_;
  std::unique_ptr<service::Permits> own_permits_;  // when options.permits is null
  service::Permits* permits_;
  service::Border* border_;
  service::CaseQueries case_queries_;
  std::unique_ptr<service::Cases> own_cases_;  // when options.cases is null
  service::Cases* cases_;
  std::unique_ptr<service::Clearances> own_clearances_;  // when options.clearances is null
  service::Clearances* clearances_;
  std::unique_ptr<service::ClearanceQueries> clearance_queries_;
  // Statistics releases: the built-in definition file, the releases this store holds.
  std::unique_ptr<service::StatisticsReleases> releases_;
  std::unique_ptr<service::Training> own_training_;  // when options.training is null
  service::Training* training_;
  std::unique_ptr<service::TrainingQueries> training_queries_;
  ApiOptions options_;
  // The portal's files (web_root), read once at start-up: the only files the node serves.
  struct Asset {
    std::string content_type;
    std::string body;
  };
  std::map<std::string, Asset, std::less<>> assets_;
  Router router_;
};

}  // namespace corridor::http
