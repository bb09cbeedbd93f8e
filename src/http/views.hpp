// What each role may see of a record: need-to-know projections of the registry's JSON forms.
// A field a role does not need is absent from its view, not blanked.
// Thread-safety: pure functions.
#pragma once

#include "domain/access.hpp"
#include "domain/account.hpp"
#include "domain/actions.hpp"
#include "domain/contract.hpp"
#include "domain/mobility.hpp"
#include "domain/registry.hpp"
#include "json/json.hpp"
#include "service/clearance_queries.hpp"
#include "service/contract_queries.hpp"
#include "service/mobility_queries.hpp"
#include "service/registry.hpp"

namespace corridor::http {

// Workers: the worker, officers of either authority and the embassy see every field; employers
// and agencies see identity and language (agencies also the phone, to reach the worker); the
// border sees identity and passport.
json::Value WorkerView(const domain::Actor& a, const domain::Worker& w);
// Contracts, permits and transfers carry the reader's allowed actions (domain/actions.hpp).
json::Value ContractView(const domain::Contract& c, const std::string& public_base_url,
                         const std::vector<domain::ContractStep>& allowed_actions);
// The stored document as the response body, with the same members added, without decoding it.
Result<std::string> ContractDocumentView(service::ContractDocument d,
                                         const std::string& public_base_url);
json::Value PermitView(const service::PermitItem& p);
// A clearance as the reader may see it, with `valid` (today, on this node) and allowed_actions.
json::Value ClearanceJson(const service::ClearanceItem& c);
json::Value TransferView(const service::TransferItem& t);
json::Value AccountView(const domain::Account& a);
json::Value NotificationView(const store::Notification& n);

}  // namespace corridor::http
