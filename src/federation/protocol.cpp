#include "federation/protocol.hpp"

#include "federation/outbox.hpp"

namespace corridor::federation {
namespace {

Status Bad(const std::string& message) {
  return Status::InvalidArgument("the peer's response " + message);
}

}  // namespace

json::Value RequestToJson(const std::vector<Envelope>& envelopes) {
  json::Array a;
  a.reserve(envelopes.size());
  for (const Envelope& e : envelopes) a.push_back(EnvelopeToJson(e));
  json::Object o;
  o.Set("envelopes", json::Value(std::move(a)));
  return o;
}

Result<std::vector<json::Value>> RequestFromJson(const json::Value& v) {
  if (!v.is_object()) return Status::InvalidArgument("the request must be a JSON object");
  const json::Object& o = v.AsObject();
  for (const auto& [name, value] : o) {
    if (name != "envelopes") return Status::InvalidArgument("is not allowed here", name);
  }
  const json::Value* list = o.Find("envelopes");
  if (list == nullptr || !list->is_array()) {
    return Status::InvalidArgument("must be an array of envelopes", "envelopes");
  }
  if (list->AsArray().empty() || list->AsArray().size() > kMaxRequestEnvelopes) {
    return Status::InvalidArgument(
        "must hold 1 to " + std::to_string(kMaxRequestEnvelopes) + " envelopes", "envelopes");
  }
  return list->AsArray();
}

json::Value ResponseToJson(const DeliveryResponse& r) {
  json::Array results;
  for (const DeliveryResult& d : r.results) {
    json::Object o;
    o.Set("seq", d.seq);
    o.Set("receipt", ReceiptToJson(d.receipt));
    o.Set("duplicate", d.duplicate);
    if (d.envelope) o.Set("envelope", EnvelopeToJson(*d.envelope));
    results.push_back(std::move(o));
  }
  json::Object out;
  out.Set("results", json::Value(std::move(results)));
  if (r.refused) {
    json::Object f;
    f.Set("seq", r.refused->seq);
    f.Set("code", std::string(ToString(r.refused->refusal.code)));
    f.Set("reason", r.refused->refusal.reason);
    out.Set("refused", std::move(f));
  }
  return out;
}

Result<DeliveryResponse> ResponseFromJson(const json::Value& v) {
  if (!v.is_object()) return Bad("is not a JSON object");
  DeliveryResponse out;
  for (const auto& [name, value] : v.AsObject()) {
    if (name != "results" && name != "refused")
      return Bad("has an unknown member \"" + name + "\"");
  }
  const json::Value* results = v.Get("results");
  if (results == nullptr || !results->is_array()) return Bad("has no \"results\" array");
  if (results->AsArray().size() > kMaxRequestEnvelopes) return Bad("has too many results");
  for (const json::Value& item : results->AsArray()) {
    if (!item.is_object()) return Bad("has a result that is not an object");
    DeliveryResult d;
    for (const auto& [name, value] : item.AsObject()) {
      if (name != "seq" && name != "receipt" && name != "duplicate" && name != "envelope") {
        return Bad("has a result with an unknown member \"" + name + "\"");
      }
    }
    const json::Value* seq = item.Get("seq");
    auto n = seq ? seq->AsInt64() : Result<int64_t>(Status::InvalidArgument("missing"));
    if (!n.ok() || *n < 1) return Bad("has a result without a valid \"seq\"");
    d.seq = static_cast<uint64_t>(*n);
    const json::Value* receipt = item.Get("receipt");
    if (receipt == nullptr) return Bad("has a result without a receipt");
    ASSIGN_OR_RETURN(d.receipt, ReceiptFromJson(*receipt));
    const json::Value* dup = item.Get("duplicate");
    if (dup == nullptr || !dup->is_bool()) return Bad("has a result without \"duplicate\"");
    d.duplicate = dup->AsBool();
    if (const json::Value* env = item.Get("envelope")) {
      ASSIGN_OR_RETURN(Envelope e, EnvelopeFromJson(*env));
      d.envelope = std::move(e);
    }
    out.results.push_back(std::move(d));
  }
  if (const json::Value* f = v.Get("refused")) {
    if (!f->is_object()) return Bad("has a \"refused\" that is not an object");
    RefusalReport rep;
    const json::Value* seq = f->Get("seq");
    auto n = seq ? seq->AsInt64() : Result<int64_t>(Status::InvalidArgument("missing"));
    if (!n.ok() || *n < 0) return Bad("has a refusal without a valid \"seq\"");
    rep.seq = static_cast<uint64_t>(*n);
    const json::Value* code = f->Get("code");
    if (code == nullptr || !code->is_string()) return Bad("has a refusal without a code");
    auto parsed = ParseRefusalCode(code->AsString());
    if (!parsed.ok()) return Bad("has an unknown refusal code \"" + code->AsString() + "\"");
    rep.refusal.code = *parsed;
    const json::Value* reason = f->Get("reason");
    if (reason == nullptr || !reason->is_string()) return Bad("has a refusal without a reason");
    rep.refusal.reason = reason->AsString().substr(0, 2000);
    out.refused = std::move(rep);
  }
  return out;
}

}  // namespace corridor::federation
