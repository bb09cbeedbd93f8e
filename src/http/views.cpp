#include "http/views.hpp"

#include "codec/codec.hpp"

namespace corridor::http {

json::Value WorkerView(const domain::Actor& a, const domain::Worker& w) {
  json::Value full = codec::ToJson(w);
  switch (a.role) {
    case domain::Role::kSystem:
    case domain::Role::kWorker:
    case domain::Role::kOriginOfficer:
    case domain::Role::kDestinationOfficer:
    case domain::Role::kEmbassy:
      return full;
    case domain::Role::kEmployer:
    case domain::Role::kAgency: {
      json::Object& o = full.AsObject();
      o.Erase("passport");
      json::Object p;
      p.Set("number", w.passport.number);
      p.Set("issuing_state", w.passport.issuing_state);
      o.Set("passport", std::move(p));
      if (a.role == domain::Role::kEmployer) o.Erase("phone");
      return full;
    }
    case domain::Role::kBorderOfficer: {
      json::Object& o = full.AsObject();
      o.Erase("phone");
      o.Erase("preferred_language");
      return full;
    }
    default: {
      json::Object o;
      o.Set("id", w.id.value());
      return o;
    }
  }
}

json::Value ContractView(const domain::Contract& c, const std::string& public_base_url) {
  json::Value v = codec::ToJson(c);
  v["verify_url"] = public_base_url + "/verify/" + c.id.value();
  return v;
}

json::Value AccountView(const domain::Account& a) {
  json::Object o;
  o.Set("id", a.id.value());
  o.Set("username", a.username);
  o.Set("role", std::string(ToString(a.role)));
  o.Set("country", a.country);
  o.Set("employer", a.employer ? json::Value(a.employer->value()) : json::Value());
  o.Set("agency", a.agency ? json::Value(a.agency->value()) : json::Value());
  o.Set("worker", a.worker ? json::Value(a.worker->value()) : json::Value());
  o.Set("display_name", a.display_name);
  o.Set("language", a.language);
  o.Set("disabled", a.disabled);
  return o;
}

json::Value NotificationView(const store::Notification& n) {
  json::Object o;
  o.Set("id", n.id);
  o.Set("type", n.type);
  o.Set("subject", n.subject);
  o.Set("time", n.time.ToString());
  o.Set("data", n.data);
  return o;
}

}  // namespace corridor::http
