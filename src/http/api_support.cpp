#include "http/api_support.hpp"

#include <algorithm>

#include "core/ids.hpp"

namespace corridor::http {

Response Json(int status, const json::Value& body) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = json::Write(body);
  return r;
}

Response List(const json::Array& items, const std::string& next) {
  json::Object o;
  o.Set("items", items);
  o.Set("next", next.empty() ? json::Value() : json::Value(next));
  return Json(200, o);
}

namespace {

Result<domain::Account> Bearer(service::Accounts& accounts, const Request& req) {
  const std::string_view auth = req.header("Authorization");
  if (auth.size() < 8 || !EqualsIgnoreCase(auth.substr(0, 7), "Bearer ")) {
    return Status::Unauthenticated("a bearer token is required; log in first");
  }
  return accounts.Authenticate(auth.substr(7));
}

}  // namespace

RouteSpec Authed(service::Accounts& accounts, CallHandler handler) {
  HeadCheck login = [&accounts](const Request& head) -> std::optional<Response> {
    auto account = Bearer(accounts, head);
    if (account.ok()) return std::nullopt;
    return Problem(account.status(), head.request_id);
  };
  RouteHandler route = [&accounts, handler = std::move(handler)](const Request& req,
                                                                 const Params& params) {
    auto account = Bearer(accounts, req);
    if (!account.ok()) return Problem(account.status(), req.request_id);
    auto query = ParseQuery(req.query());
    if (!query.ok()) return Problem(query.status(), req.request_id);
    Call call{req, params, std::move(*query), domain::ToActor(*account), *account};
    call.actor.request_id = req.request_id;
    auto r = handler(call);
    return r.ok() ? std::move(*r) : Problem(r.status(), req.request_id);
  };
  return {std::move(route), std::move(login)};
}

RouteHandler Open(std::function<Result<Response>(const Request&, const Params&)> handler) {
  return [handler = std::move(handler)](const Request& req, const Params& params) {
    auto r = handler(req, params);
    return r.ok() ? std::move(*r) : Problem(r.status(), req.request_id);
  };
}

Result<json::Value> Body(const Request& r) {
  const std::string_view type = r.header("Content-Type");
  const std::string_view base = type.substr(0, type.find(';'));
  if (!EqualsIgnoreCase(base, "application/json")) {
    return Status::InvalidArgument("the body must be application/json", "Content-Type");
  }
  json::ParseLimits limits;
  limits.max_bytes = 1 << 20;
  limits.max_depth = 32;
  limits.max_string_bytes = 64 * 1024;
  auto v = json::Parse(r.body, limits);
  if (!v.ok()) return Status::InvalidArgument(v.status().message(), "body");
  if (!v->is_object()) return Status::InvalidArgument("must be a JSON object", "body");
  return v;
}

Result<json::Value> BodyWith(const Request& r, std::initializer_list<std::string_view> members) {
  ASSIGN_OR_RETURN(json::Value body, Body(r));
  for (const auto& [name, value] : body.AsObject()) {
    if (std::find(members.begin(), members.end(), name) == members.end()) {
      return Status::InvalidArgument("is not a known field", name);
    }
  }
  return body;
}

Result<store::Page> PageOf(const Call& c) {
  store::Page p;
  const std::string limit = c.q("limit");
  if (!limit.empty()) {
    if (limit.size() > 3 || limit.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(limit) < 1 || std::stoi(limit) > 200) {
      return Status::InvalidArgument("must be a number from 1 to 200", "limit");
    }
    p.limit = std::stoi(limit);
  }
  p.after = c.q("after");
  if (!p.after.empty()) RETURN_IF_ERROR(CheckIdText(p.after).WithField("after"));
  return p;
}

Result<Response> Idempotent(
    store::Store& store, const Call& c,
    const std::function<Result<Response>(const store::WriteOptions&)>& create) {
  const std::string key(c.request.header("Idempotency-Key"));
  if (key.empty()) return create(store::WriteOptions{});
  if (key.size() > 64 || !CheckIdText(key).ok()) {
    return Status::InvalidArgument("must be 1 to 64 of A-Z, a-z, 0-9, '.', '_', '-'",
                                   "Idempotency-Key");
  }
  crypto::Sha256Stream h;
  h.Update(c.request.method);
  h.Update("\n");
  h.Update(c.request.path());
  h.Update("\n");
  h.Update(c.request.body);
  const crypto::Digest request_hash = h.Finish();
  std::optional<store::IdempotentResponse> seen;
  RETURN_IF_ERROR(store.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(seen, store::FindIdempotencyKey(tx.conn(), c.actor.account, key));
    return Status::Ok();
  }));
  auto replay = [&](const store::IdempotentResponse& s) -> Result<Response> {
    if (s.request_hash != request_hash) {
      return Status::InvalidArgument("was used before with a different request", "Idempotency-Key");
    }
    Response r;
    if (s.status != 0) {
      r.status = s.status;
      r.body = s.response;
    } else {
      // Created, but the response was lost (a crash between commit and reply): point at it.
      json::Object o;
      o.Set("id", s.subject);
      o.Set("note", "created by an earlier request with this Idempotency-Key");
      r.status = 200;
      r.body = json::Write(o);
    }
    r.set_header("Idempotent-Replay", "true");
    return r;
  };
  if (seen) return replay(*seen);
  store::IdempotencyKey once{c.actor.account, key, request_hash, false};
  auto r = create(store::WriteOptions{store::Origin::kLocal, &once});
  if (!r.ok() && r.status().code() == Code::kConflict) {
    // A concurrent request with the same key won: answer as it did.
    RETURN_IF_ERROR(store.Read([&](store::ReadTx& tx) -> Status {
      ASSIGN_OR_RETURN(seen, store::FindIdempotencyKey(tx.conn(), c.actor.account, key));
      return Status::Ok();
    }));
    if (seen) return replay(*seen);
  }
  if (r.ok() && once.recorded) {
    auto conn = store.database().Acquire();
    if (conn.ok()) {
      (void)store::StoreIdempotentResponse(**conn, c.actor.account, key, r->status, r->body);
    }
  }
  return r;
}

Status RequireRole(const domain::Actor& a, std::initializer_list<domain::Role> roles) {
  for (auto r : roles) {
    if (a.role == r) return Status::Ok();
  }
  return Status::PermissionDenied("the role " + std::string(ToString(a.role)) + " may not do this");
}

}  // namespace corridor::http
