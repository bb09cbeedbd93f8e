#include "http/testing.hpp"

#include <future>
#include <memory>

#include "http/openapi.hpp"

namespace corridor::http::testing {
namespace {

// Where `v` breaks `schema` of the served OpenAPI document, or "" (the subset the document uses:
// $ref, oneOf, type, enum, required, properties, additionalProperties false, items).
std::string Mismatch(const json::Value& doc, const json::Value& schema, const json::Value& v,
                     const std::string& path) {
  if (const json::Value* ref = schema.Get("$ref")) {
    const std::string name = ref->AsString().substr(std::string("#/components/schemas/").size());
    return Mismatch(doc, *doc.Get("components")->Get("schemas")->Get(name), v, path);
  }
  if (const json::Value* one = schema.Get("oneOf")) {
    for (const auto& s : one->AsArray()) {
      if (Mismatch(doc, s, v, path).empty()) return "";
    }
    return path + ": matches none of oneOf";
  }
  if (const json::Value* e = schema.Get("enum")) {
    for (const auto& x : e->AsArray()) {
      if (x == v) return "";
    }
    return path + ": " + json::Write(v) + " is not in the enum";
  }
  if (const json::Value* t = schema.Get("type")) {
    std::vector<std::string> types;
    if (t->is_string()) types.push_back(t->AsString());
    if (t->is_array()) {
      for (const auto& x : t->AsArray()) types.push_back(x.AsString());
    }
    bool ok = false;
    for (const auto& type : types) {
      ok = ok || (type == "null" && v.is_null()) || (type == "string" && v.is_string()) ||
           (type == "boolean" && v.is_bool()) || (type == "number" && v.is_number()) ||
           (type == "integer" && v.is_number() && v.AsInt64().ok()) ||
           (type == "array" && v.is_array()) || (type == "object" && v.is_object());
    }
    if (!ok) return path + ": " + json::Write(v) + " is not of type " + json::Write(*t);
  }
  if (v.is_object()) {
    if (const json::Value* req = schema.Get("required")) {
      for (const auto& k : req->AsArray()) {
        if (v.Get(k.AsString()) == nullptr) return path + ": " + k.AsString() + " is missing";
      }
    }
    const json::Value* props = schema.Get("properties");
    const json::Value* extra = schema.Get("additionalProperties");
    for (const auto& [k, x] : v.AsObject()) {
      const json::Value* p = props ? props->Get(k) : nullptr;
      if (p == nullptr) {
        if (extra && extra->is_bool() && !extra->AsBool())
          return path + ": " + k + " is not in the schema";
        continue;
      }
      if (std::string m = Mismatch(doc, *p, x, path + "." + k); !m.empty()) return m;
    }
  }
  if (v.is_array()) {
    if (const json::Value* items = schema.Get("items")) {
      for (size_t i = 0; i < v.AsArray().size(); ++i) {
        if (std::string m = Mismatch(doc, *items, v.AsArray()[i], path + "." + std::to_string(i));
            !m.empty()) {
          return m;
        }
      }
    }
  }
  return "";
}

}  // namespace

std::string Conforms(const std::string& schema, const json::Value& v) {
  static const json::Value doc = *json::Parse(OpenApiJson());
  json::Object ref;
  ref.Set("$ref", "#/components/schemas/" + schema);
  return Mismatch(doc, ref, v, schema);
}

std::string ListConforms(const std::string& schema, const json::Value& v) {
  if (std::string m = Conforms("ListOf", v); !m.empty()) return m;
  for (const auto& item : v.Get("items")->AsArray()) {
    if (std::string m = Conforms(schema, item); !m.empty()) return m;
  }
  return "";
}

Result<std::unique_ptr<TestApi>> TestApi::Create(const std::string& country, Timestamp now,
                                                 service::AuthConfig auth) {
  auto t = std::make_unique<TestApi>();
  ASSIGN_OR_RETURN(t->node, store::testing::TestNode::Create("node-" + country, country, now));
  t->registry = std::make_unique<service::Registry>(*t->node.store);
  t->accounts = std::make_unique<service::Accounts>(*t->node.store, std::move(auth));
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
  return Resolve(api->Handle(r));
}

Response TestApi::Resolve(Response r) {
  if (!r.deferred) return r;
  auto answer = std::make_shared<std::promise<Response>>();
  std::future<Response> later = answer->get_future();
  r.deferred([answer](Response done) { answer->set_value(std::move(done)); });
  Response out = later.get();
  if (out.route.empty()) out.route = r.route;
  return out;
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
                                        std::optional<WorkerId> worker,
                                        std::optional<CentreId> centre) {
  domain::Account a;
  a.username = username;
  a.role = role;
  a.country = country;
  a.employer = std::move(employer);
  a.agency = std::move(agency);
  a.worker = std::move(worker);
  a.centre = std::move(centre);
  a.display_name = username;
  a.language = "en";
  const std::string password = "correct horse battery " + username;
  ASSIGN_OR_RETURN(a, accounts->Create(domain::SystemActor(), a, password));
  return Login(a, password);
}

}  // namespace corridor::http::testing
