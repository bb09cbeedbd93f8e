#include "http/views.hpp"

#include "codec/actions.hpp"
#include "codec/clearance.hpp"
#include "codec/codec.hpp"
#include "json/append.hpp"

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

namespace {
json::Object ContractExtras(const ContractId& id, const std::string& public_base_url,
                            const std::vector<domain::ContractStep>& allowed_actions) {
  json::Object o;
  o.Set("verify_url", public_base_url + "/verify/" + id.value());
  o.Set("allowed_actions", codec::ActionsToJson(allowed_actions));
  return o;
}
}  // namespace

json::Value ContractView(const domain::Contract& c, const std::string& public_base_url,
                         const std::vector<domain::ContractStep>& allowed_actions) {
  json::Value v = codec::ToJson(c);
  for (auto& [name, value] : ContractExtras(c.id, public_base_url, allowed_actions)) {
    v[name] = std::move(value);
  }
  return v;
}

Result<std::string> ContractDocumentView(service::ContractDocument d,
                                         const std::string& public_base_url) {
  // The stored document is the contract's JSON form written compactly; the view adds the same
  // members as ContractView, without decoding and re-encoding on this hot path.
  const std::string url = public_base_url + "/verify/" + d.id.value();
  auto out = json::ObjectAppender::Open(&d.json, url.size() + 48 + 24 * d.allowed_actions.size());
  if (!out.ok()) {
    return Status::DataLoss("a stored contract is damaged").WithDetail(out.status().message());
  }
  out->String("verify_url", url);
  out->StringArray("allowed_actions", d.allowed_actions,
                   [](domain::ContractStep step) { return domain::ToString(step); });
  if (d.clearance) {
    out->Member("clearance", *d.clearance ? ClearanceJson(**d.clearance) : json::Value());
  }
  out->Close();
  return std::move(d.json);
}

json::Value PermitView(const service::PermitItem& p) {
  json::Value v = codec::ToJson(p.record);
  v["allowed_actions"] = codec::ActionsToJson(p.allowed_actions);
  return v;
}

json::Value ClearanceJson(const service::ClearanceItem& c) {
  json::Value v = codec::ToJson(c.record.clearance);
  v["valid"] = c.record.standing == domain::ClearanceStanding::kValid;
  v["allowed_actions"] = codec::ActionsToJson(c.allowed_actions);
  return v;
}

json::Value TransferView(const service::TransferItem& t) {
  json::Value v = codec::ToJson(t.record);
  v["allowed_actions"] = codec::ActionsToJson(t.allowed_actions);
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
  o.Set("centre", a.centre ? json::Value(a.centre->value()) : json::Value());
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
