// Which contract updates a node accepts from its peer (docs/formats/federation.md §7).
//
// Both nodes hold the same contract under the same id. The origin states what it attested, the
// destination what it authenticated and what became of the contract after that; neither may
// take the contract backwards or change what the other side decided. Every refusal names why.
//
// Pure functions over domain values; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "core/status.hpp"
#include "domain/contract.hpp"

namespace corridor::federation {

// The lifecycle rank a peer update is ordered by: accepted 1, attested 2, authenticated 3,
// active 4, ended 5; drafts and offers 0; rejected and withdrawn contracts are final (-1).
int ContractRank(domain::ContractState s);

// Checks `incoming`, sent by the node of `sender_country` to this node of `own_country`, against
// `local`, this node's copy (nullopt when it has none). `terms_digest` is the digest of
// incoming.terms computed here (codec::TermsDigest). Returns true when the update changes the
// local copy, false when it repeats it; InvalidArgument or FailedPrecondition with the reason
// when it is refused.
Result<bool> CheckPeerContractUpdate(const std::optional<domain::Contract>& local,
                                     const domain::Contract& incoming,
                                     const std::string& sender_country,
                                     const std::string& own_country,
                                     const std::string& terms_digest);

}  // namespace corridor::federation
