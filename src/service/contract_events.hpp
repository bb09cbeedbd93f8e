// The data of a contract's lifecycle events (`contract.offered`, `contract.activated`,
// `contract.ended`, ...): its state, version and the digest of its terms, which the audit checks
// the stored terms against (docs/formats/ledger.md §6). Shared by the use cases that change a
// contract's state. Internal to service/; thread-safe.
#pragma once

#include <string>

#include "domain/contract.hpp"
#include "json/json.hpp"

namespace corridor::service {

inline json::Value ContractEventData(const domain::Contract& c) {
  json::Object o;
  o.Set("state", std::string(ToString(c.state)));
  o.Set("version", c.version);
  o.Set("digest", c.digest);
  return o;
}

}  // namespace corridor::service
