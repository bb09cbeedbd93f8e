#include "federation/contract_sync.hpp"

#include <algorithm>
#include <initializer_list>

namespace corridor::federation {
namespace {

using domain::ContractState;

std::string Name(ContractState s) { return std::string(domain::ToString(s)); }

bool OneOf(ContractState s, std::initializer_list<ContractState> states) {
  return std::find(states.begin(), states.end(), s) != states.end();
}

}  // namespace

int ContractRank(ContractState s) {
  switch (s) {
    case ContractState::kDraft:
    case ContractState::kOffered:
      return 0;
    case ContractState::kAccepted:
      return 1;
    case ContractState::kAttested:
      return 2;
    case ContractState::kAuthenticated:
      return 3;
    case ContractState::kActive:
      return 4;
    case ContractState::kEnded:
      return 5;
    case ContractState::kRejected:
    case ContractState::kWithdrawn:
      return -1;
  }
  return -1;
}

Result<bool> CheckPeerContractUpdate(const std::optional<domain::Contract>& local,
                                     const domain::Contract& incoming,
                                     const std::string& sender_country,
                                     const std::string& own_country,
                                     const std::string& terms_digest) {
  const domain::ContractTerms& t = incoming.terms;
  const std::string id = incoming.id.value();
  const bool from_origin =
      t.origin_country == sender_country && t.destination_country == own_country;
  const bool from_destination =
      t.destination_country == sender_country && t.origin_country == own_country;
  if (!from_origin && !from_destination) {
    return Status::InvalidArgument("contract " + id + " is between " + t.origin_country + " and " +
                                   t.destination_country + ", not between " + sender_country +
                                   " and " + own_country);
  }
  if (incoming.digest != terms_digest) {
    return Status::InvalidArgument("the digest sent for contract " + id + " (" + incoming.digest +
                                   ") is not the digest of the terms sent (" + terms_digest + ")");
  }
  const ContractState s = incoming.state;
  if (from_origin && !OneOf(s, {ContractState::kAccepted, ContractState::kAttested})) {
    return Status::FailedPrecondition("the origin cannot state that contract " + id + " is " +
                                      Name(s) + ": only accepted or attested");
  }
  if (from_destination && !OneOf(s, {ContractState::kAccepted, ContractState::kAuthenticated,
                                     ContractState::kActive, ContractState::kEnded})) {
    return Status::FailedPrecondition("the destination cannot state that contract " + id + " is " +
                                      Name(s) + ": only accepted, authenticated, active or ended");
  }
  if (s == ContractState::kAttested && incoming.attested_digest != incoming.digest) {
    return Status::InvalidArgument("contract " + id +
                                   " is stated attested, but its attested digest is not the "
                                   "digest of its terms");
  }
  if (from_destination) {
    const bool past_attestation = ContractRank(s) >= ContractRank(ContractState::kAuthenticated);
    if (past_attestation && (!local || local->attested_digest.empty())) {
      return Status::FailedPrecondition("contract " + id + " is stated " + Name(s) +
                                        ", but it was never attested here");
    }
    // An amendment the worker accepted before authentication sends the contract back to the
    // origin to be attested again, without an attested digest; nothing else may change it.
    const bool back_for_attestation = local && incoming.version > local->version &&
                                      s == ContractState::kAccepted &&
                                      incoming.attested_digest.empty();
    if (local && !local->attested_digest.empty() && !back_for_attestation &&
        incoming.attested_digest != local->attested_digest) {
      return Status::FailedPrecondition(
          "the destination's copy of contract " + id + " carries the attested digest " +
          (incoming.attested_digest.empty() ? std::string("(none)") : incoming.attested_digest) +
          ", but the origin attested " + local->attested_digest);
    }
    if (past_attestation && incoming.authenticated_digest != local->attested_digest) {
      return Status::FailedPrecondition(
          "the destination authenticated contract " + id + " with the digest " +
          (incoming.authenticated_digest.empty() ? std::string("(none)")
                                                 : incoming.authenticated_digest) +
          ", but the terms attested here have the digest " + local->attested_digest);
    }
  }
  if (!local) return true;
  const domain::Contract& l = *local;
  if (l.terms.worker != t.worker || l.terms.origin_country != t.origin_country ||
      l.terms.destination_country != t.destination_country) {
    return Status::FailedPrecondition("contract " + id +
                                      " names another worker or other countries here");
  }
  if (ContractRank(l.state) < 0) {
    return Status::FailedPrecondition("contract " + id + " is " + Name(l.state) + " here");
  }
  if (incoming.version < l.version) {
    return Status::FailedPrecondition("contract " + id + " is at version " +
                                      std::to_string(l.version) + " here; version " +
                                      std::to_string(incoming.version) + " is older");
  }
  if (incoming.version == l.version) {
    if (ContractRank(s) < ContractRank(l.state)) {
      return Status::FailedPrecondition("contract " + id + " is " + Name(l.state) +
                                        " here; the update would take it back to " + Name(s));
    }
    if (incoming == l) return false;
  }
  return true;
}

}  // namespace corridor::federation
