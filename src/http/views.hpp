// What each role may see of a record: need-to-know projections of the registry's JSON forms.
// A field a role does not need is absent from its view, not blanked.
// Thread-safety: pure functions.
#pragma once

#include "domain/access.hpp"
#include "domain/account.hpp"
#include "domain/contract.hpp"
#include "domain/mobility.hpp"
#include "domain/registry.hpp"
#include "json/json.hpp"
#include "service/registry.hpp"

namespace corridor::http {

// Workers: the worker, officers of either authority and the embassy see every field; employers
// and agencies see identity and language (agencies also the phone, to reach the worker); the
// border sees identity and passport.
json::Value WorkerView(const domain::Actor& a, const domain::Worker& w);
json::Value ContractView(const domain::Contract& c, const std::string& public_base_url);
json::Value AccountView(const domain::Account& a);
json::Value NotificationView(const store::Notification& n);

}  // namespace corridor::http
