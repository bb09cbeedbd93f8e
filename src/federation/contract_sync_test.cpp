#include "federation/contract_sync.hpp"

#include <gtest/gtest.h>

#include "codec/codec.hpp"
#include "domain/testing.hpp"

namespace corridor::federation {
namespace {

using domain::Contract;
using domain::ContractState;

// A contract between Nepal (origin) and Kuwait (destination), attested at the origin.
Contract Attested() {
  Contract c;
  c.id = ContractId("C-1");
  c.terms = domain::testing::SampleTerms();
  c.state = ContractState::kAttested;
  c.digest = codec::TermsDigest(c.terms);
  c.attested_digest = c.digest;
  c.attested_by = "U-origin";
  return c;
}

Contract Authenticated() {
  Contract c = Attested();
  c.state = ContractState::kAuthenticated;
  c.authenticated_digest = c.digest;
  c.authenticated_by = "U-dest";
  return c;
}

Contract Active() {
  Contract c = Authenticated();
  c.state = ContractState::kActive;
  c.active_from = domain::testing::D("2027-01-01");
  return c;
}

// Amended by the employer and accepted by the worker, terms changed, version 2.
Contract Amended(Contract c) {
  c.terms.basic_wage = domain::testing::KWD("130");
  c.version = 2;
  c.digest = codec::TermsDigest(c.terms);
  return c;
}

// The origin (NPL) receiving from the destination (KWT), or the reverse.
Result<bool> AtOrigin(const std::optional<Contract>& local, const Contract& in) {
  return CheckPeerContractUpdate(local, in, "KWT", "NPL", codec::TermsDigest(in.terms));
}
Result<bool> AtDestination(const std::optional<Contract>& local, const Contract& in) {
  return CheckPeerContractUpdate(local, in, "NPL", "KWT", codec::TermsDigest(in.terms));
}

void ExpectRefused(const Result<bool>& r, Code code, const std::string& message) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), code);
  EXPECT_EQ(r.status().message(), message);
}

TEST(ContractSyncTest, TheDestinationTakesTheAttestedContract) {
  EXPECT_EQ(*AtDestination(std::nullopt, Attested()), true);
  EXPECT_EQ(*AtDestination(Attested(), Attested()), false) << "a repetition changes nothing";
}

TEST(ContractSyncTest, TheOriginTakesWhatFollowsAttestation) {
  EXPECT_EQ(*AtOrigin(Attested(), Authenticated()), true);
  EXPECT_EQ(*AtOrigin(Authenticated(), Active()), true);
  Contract ended = Active();
  ended.state = ContractState::kEnded;
  ended.end_reason = domain::EndReason::kExpiry;
  EXPECT_EQ(*AtOrigin(Active(), ended), true);
  // A message that skips a step (authenticated lost to a rejection) still moves forward.
  EXPECT_EQ(*AtOrigin(Attested(), Active()), true);
}

TEST(ContractSyncTest, OnlyTheContractsTwoCountriesExchangeIt) {
  ExpectRefused(CheckPeerContractUpdate(std::nullopt, Attested(), "PHL", "KWT",
                                        codec::TermsDigest(Attested().terms)),
                Code::kInvalidArgument,
                "contract C-1 is between NPL and KWT, not between PHL and KWT");
  ExpectRefused(CheckPeerContractUpdate(std::nullopt, Attested(), "NPL", "NPL",
                                        codec::TermsDigest(Attested().terms)),
                Code::kInvalidArgument,
                "contract C-1 is between NPL and KWT, not between NPL and NPL");
}

TEST(ContractSyncTest, TheDigestMustBeTheTerms) {
  Contract c = Attested();
  c.terms.basic_wage = domain::testing::KWD("90");  // terms changed, digest not
  auto r = AtDestination(std::nullopt, c);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("is not the digest of the terms sent"), std::string::npos);
}

TEST(ContractSyncTest, EachSideStatesOnlyItsOwnSteps) {
  ExpectRefused(AtDestination(std::nullopt, Authenticated()), Code::kFailedPrecondition,
                "the origin cannot state that contract C-1 is authenticated: only accepted or "
                "attested");
  ExpectRefused(AtOrigin(Attested(), Attested()), Code::kFailedPrecondition,
                "the destination cannot state that contract C-1 is attested: only accepted, "
                "authenticated, active or ended");
  Contract draft = Attested();
  draft.state = ContractState::kDraft;
  EXPECT_FALSE(AtDestination(std::nullopt, draft).ok());
}

TEST(ContractSyncTest, AttestedMeansTheseTerms) {
  Contract c = Attested();
  c.attested_digest = std::string(64, '0');
  ExpectRefused(AtDestination(std::nullopt, c), Code::kInvalidArgument,
                "contract C-1 is stated attested, but its attested digest is not the digest of "
                "its terms");
}

TEST(ContractSyncTest, TheDestinationCannotChangeWhatTheOriginAttested) {
  Contract auth = Authenticated();
  auth.attested_digest = std::string(64, 'f');
  auth.authenticated_digest = auth.attested_digest;
  ExpectRefused(AtOrigin(Attested(), auth), Code::kFailedPrecondition,
                "the destination's copy of contract C-1 carries the attested digest " +
                    std::string(64, 'f') + ", but the origin attested " + Attested().digest);
  // It authenticated other terms than the origin attested: refused, whatever its copy says.
  Contract other = Authenticated();
  other.authenticated_digest = std::string(64, 'e');
  ExpectRefused(AtOrigin(Attested(), other), Code::kFailedPrecondition,
                "the destination authenticated contract C-1 with the digest " +
                    std::string(64, 'e') + ", but the terms attested here have the digest " +
                    Attested().digest);
  ExpectRefused(AtOrigin(std::nullopt, Authenticated()), Code::kFailedPrecondition,
                "contract C-1 is stated authenticated, but it was never attested here");
}

TEST(ContractSyncTest, NoGoingBack) {
  ExpectRefused(AtOrigin(Active(), Authenticated()), Code::kFailedPrecondition,
                "contract C-1 is active here; the update would take it back to authenticated");
  ExpectRefused(AtOrigin(Amended(Active()), Active()), Code::kFailedPrecondition,
                "contract C-1 is at version 2 here; version 1 is older");
  Contract rejected = Attested();
  rejected.state = ContractState::kRejected;
  ExpectRefused(AtDestination(rejected, Attested()), Code::kFailedPrecondition,
                "contract C-1 is rejected here");
  Contract other_worker = Attested();
  other_worker.terms.worker = WorkerId("W-2");
  other_worker.digest = codec::TermsDigest(other_worker.terms);
  other_worker.attested_digest = other_worker.digest;
  ExpectRefused(AtDestination(Attested(), other_worker), Code::kFailedPrecondition,
                "contract C-1 names another worker or other countries here");
}

TEST(ContractSyncTest, AmendmentsMoveTheVersionOn) {
  // Accepted after authentication: the contract stays active at version 2, with the digests
  // of what was attested and authenticated.
  EXPECT_EQ(*AtOrigin(Active(), Amended(Active())), true);
  // Accepted before authentication: back to the origin to be attested again.
  Contract back = Amended(Attested());
  back.state = ContractState::kAccepted;
  back.attested_digest.clear();
  back.attested_by.clear();
  EXPECT_EQ(*AtOrigin(Attested(), back), true);
  // ... which the origin then attests, and the destination takes.
  Contract reattested = back;
  reattested.state = ContractState::kAttested;
  reattested.attested_digest = reattested.digest;
  EXPECT_EQ(*AtDestination(back, reattested), true);
  // Without a new version, clearing the attestation is not allowed.
  Contract cleared = Attested();
  cleared.state = ContractState::kAccepted;
  cleared.attested_digest.clear();
  EXPECT_FALSE(AtOrigin(Attested(), cleared).ok());
}

TEST(ContractSyncTest, TheDestinationSendsItsOwnContractsForAttestation) {
  Contract made_here = Attested();
  made_here.state = ContractState::kAccepted;
  made_here.attested_digest.clear();
  EXPECT_EQ(*AtOrigin(std::nullopt, made_here), true);
}

}  // namespace
}  // namespace corridor::federation
