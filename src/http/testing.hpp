// An API over a fresh test node, driven through Api::Handle without sockets, with an account
// and a logged-in token for every role. Test-only.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "http/api.hpp"
#include "json/json.hpp"
#include "service/testing.hpp"
#include "store/testing.hpp"

namespace corridor::http::testing {

// Where `v` breaks the schema `name` of the served OpenAPI document (docs/openapi.yaml), or ""
// when it conforms (the subset the document uses: $ref, oneOf, type, enum, required, properties,
// additionalProperties false, items).
std::string Conforms(const std::string& schema, const json::Value& v);
// The same for a list ({items, next}) whose items are each of `schema`.
std::string ListConforms(const std::string& schema, const json::Value& v);

class TestApi {
 public:
  // A node of `country`; the clock starts at `now`.
  static Result<std::unique_ptr<TestApi>> Create(const std::string& country, Timestamp now,
                                                 service::AuthConfig auth = {});

  Response Call(const std::string& method, const std::string& target, const std::string& token,
                const std::string& body = "", std::vector<Header> headers = {});
  // The final response of a deferred one (waiting for it), or `r` itself.
  static Response Resolve(Response r);
  // Parses a JSON response body (or fails the test).
  static json::Value Body(const Response& r);

  // Creates an account of `role` (with its link) and returns a logged-in token.
  Result<std::string> Login(const domain::Account& account, const std::string& password);
  Result<std::string> NewAccount(domain::Role role, const std::string& username,
                                 const std::string& country,
                                 std::optional<EmployerId> employer = std::nullopt,
                                 std::optional<AgencyId> agency = std::nullopt,
                                 std::optional<WorkerId> worker = std::nullopt,
                                 std::optional<CentreId> centre = std::nullopt);

  store::testing::TestNode node;
  std::unique_ptr<service::Registry> registry;
  std::unique_ptr<service::Accounts> accounts;
  std::unique_ptr<service::AccessLog> access;
  std::unique_ptr<service::Border> border;
  std::unique_ptr<Metrics> metrics;
  std::unique_ptr<Api> api;
};

}  // namespace corridor::http::testing
