#include "domain/departure.hpp"

namespace corridor::domain {

std::vector<const Contract*> BoundForWork(const std::vector<Contract>& contracts,
                                          std::string_view node_country) {
  std::vector<const Contract*> out;
  for (const auto& c : contracts) {
    if (c.terms.origin_country != node_country) continue;
    if (c.state == ContractState::kAttested || c.state == ContractState::kAuthenticated) {
      out.push_back(&c);
    }
  }
  return out;
}

std::optional<Finding> DepartureClearanceFinding(const DepartureFacts& f) {
  if (f.direction != Direction::kExit) return std::nullopt;
  const auto bound = BoundForWork(f.contracts, f.node_country);
  if (bound.empty()) return std::nullopt;

  const Contract* cleared = nullptr;
  if (f.clearance) {
    for (const Contract* c : bound) {
      if (c->id == f.clearance->contract) cleared = c;
    }
  }
  if (cleared == nullptr) {
    const Contract& c = *bound.front();
    std::string m = "no departure clearance for passport " + f.passport + ": contract " +
                    c.id.value() + " for work in " + c.terms.destination_country + " is " +
                    std::string(ToString(c.state));
    if (f.clearance) {
      m += "; the clearance last issued for this passport, " + f.clearance->id.value() +
           ", clears contract " + f.clearance->contract.value();
    }
    return Finding{std::string(kDepartureClearanceMissing), std::move(m), c.id.value()};
  }

  const Clearance& k = *f.clearance;
  const std::string head = "departure clearance " + k.id.value() + " for contract " +
                           cleared->id.value() + " (work in " + k.destination_country + ")";
  switch (StandingOn(k, f.today)) {
    case ClearanceStanding::kValid:
      return Finding{std::string(kDepartureClearanceValid),
                     head + " is valid for departure until " + k.valid_until.ToString(),
                     k.id.value()};
    case ClearanceStanding::kExpired:
      return Finding{std::string(kDepartureClearanceExpired),
                     head + " expired: departure was due by " + k.valid_until.ToString(),
                     k.id.value()};
    case ClearanceStanding::kRevoked: {
      std::string m = head + " was revoked";
      if (k.revoked_on) m += " on " + k.revoked_on->ToString();
      if (k.revocation_reason) m += " (" + std::string(ToString(*k.revocation_reason)) + ")";
      if (!k.revocation_note.empty()) m += ": " + k.revocation_note;
      return Finding{std::string(kDepartureClearanceRevoked), std::move(m), k.id.value()};
    }
  }
  return std::nullopt;
}

}  // namespace corridor::domain
