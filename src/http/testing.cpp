#include "http/testing.hpp"

namespace corridor::http::testing {

Result<std::unique_ptr<TestApi>> TestApi::Create(const std::string& country, Timestamp now) {
  auto t = std::make_unique<TestApi>();
  ASSIGN_OR_RETURN(t->node, store::testing::TestNode::Create("node-" + country, country, now));
  t->registry = std::make_unique<service::Registry>(*t->node.store);
  service::AuthConfig auth;
  t->accounts = std::make_unique<service::Accounts>(*t->node.store, auth);
  t->access = std::make_unique<service::AccessLog>(*t->node.store, 10);
  t->metrics = std::make_unique<Metrics>();
  t->border = std::make_unique<service::Border>(*t->node.store, screening::NameKnowledge::Default(),
                                                service::BorderConfig{});
  ApiOptions options;
  options.public_base_url = "http://node.test";
  options.node_name = "test node " + country;
  options.border = t->border.get();
  t->api = std::make_unique<Api>(*t->registry, *t->accounts, *t->access, *t->metrics, options);
  return t;
}

Response TestApi::Call(const std::string& method, const std::string& target,
                       const std::string& token, const std::string& body,
                       std::vector<Header> headers) {
  Request r;
  r.method = method;
  r.target = target;
  r.body = body;
  r.remote_address = "127.0.0.1";
  if (!token.empty()) r.headers.push_back({"Authorization", "Bearer " + token});
  // A body is JSON unless the caller names its type.
  bool typed = false;
  for (auto& h : headers) {
    typed = typed || EqualsIgnoreCase(h.name, "Content-Type");
    r.headers.push_back(std::move(h));
  }
  if (!body.empty() && !typed) r.headers.push_back({"Content-Type", "application/json"});
  return api->Handle(r);
}

json::Value TestApi::Body(const Response& r) {
  auto v = json::Parse(r.body);
  return v.ok() ? *v : json::Value("unparsable: " + r.body);
}

Result<std::string> TestApi::Login(const domain::Account& account, const std::string& password) {
  ASSIGN_OR_RETURN(auto login, accounts->Login(account.username, password));
  return login.token;
}

Result<std::string> TestApi::NewAccount(domain::Role role, const std::string& username,
                                        const std::string& country,
                                        std::optional<EmployerId> employer,
                                        std::optional<AgencyId> agency,
                                        std::optional<WorkerId> worker) {
  domain::Account a;
  a.username = username;
  a.role = role;
  a.country = country;
  a.employer = std::move(employer);
  a.agency = std::move(agency);
  a.worker = std::move(worker);
  a.display_name = username;
  a.language = "en";
  const std::string password = "correct horse battery " + username;
  ASSIGN_OR_RETURN(a, accounts->Create(domain::SystemActor(), a, password));
  return Login(a, password);
}

}  // namespace corridor::http::testing
