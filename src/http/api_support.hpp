// Helpers shared by the API's handler files: authentication, body and query parsing, paging,
// idempotent creation, JSON and problem responses. Internal to src/http.
#pragma once

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>

#include "domain/access.hpp"
#include "http/message.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"
#include "json/json.hpp"
#include "service/accounts.hpp"
#include "service/registry.hpp"

namespace corridor::http {

struct Call {
  const Request& request;
  const Params& params;
  Params query;
  domain::Actor actor;
  domain::Account account;
  const std::string& param(std::string_view name) const { return params.find(name)->second; }
  std::string q(std::string_view name) const {
    auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
  }
};

using CallHandler = std::function<Result<Response>(Call&)>;

// Wraps a handler: a valid bearer token is required, checked on the request's head before its
// body is read (and again with the body: a session may end in between); statuses become
// problems.
RouteSpec Authed(service::Accounts& accounts, CallHandler handler);
// Wraps a handler that needs no login.
RouteHandler Open(std::function<Result<Response>(const Request&, const Params&)> handler);

Response Json(int status, const json::Value& body);
Response List(const json::Array& items, const std::string& next);

// The body as JSON: Content-Type application/json, at most 1 MiB, strictly parsed, an object.
Result<json::Value> Body(const Request& r);
// The same, holding no members but `members`: an unknown member is refused, named as the field.
Result<json::Value> BodyWith(const Request& r, std::initializer_list<std::string_view> members);

// limit (1-200, default 50) and after (a record id) from the query.
Result<store::Page> PageOf(const Call& c);

// Runs a creating handler at most once per Idempotency-Key of this account: a retry with the
// same key and body gets the first response again; the same key with another body is refused.
// `create` passes the write options it is handed to the use case it calls (they carry the key).
Result<Response> Idempotent(
    store::Store& store, const Call& c,
    const std::function<Result<Response>(const store::WriteOptions&)>& create);

Status RequireRole(const domain::Actor& a, std::initializer_list<domain::Role> roles);

}  // namespace corridor::http
