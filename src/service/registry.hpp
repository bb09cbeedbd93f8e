// The registry's use cases: each checks who is asking, applies the domain rule, writes the
// record and its ledger event in one transaction, and notifies the parties the rule names.
//
// Nothing here knows HTTP or SQL: the API and the command line both call these functions. A
// refused request changes nothing, except where the refusal is itself a fact the law wants kept
// (a substitution flagged at authentication, an absence report refused after a job change):
// those are recorded and then reported to the caller as refusals.
//
// Thread-safety: a Registry is shared by all threads; it holds no mutable state of its own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "domain/access.hpp"
#include "domain/contract.hpp"
#include "domain/mobility.hpp"
#include "domain/registry.hpp"
#include "store/store.hpp"

namespace corridor::service {

class Cases;  // service/cases.hpp: where a detected signal opens or joins a case

struct RegistryConfig {
  domain::RegistryLimits limits;
};

// The result of authentication: on substitution, the contract is unchanged, the flag is recorded
// and `diffs` lists every difference.
struct AuthenticationOutcome {
  domain::Contract contract;
  bool substitution = false;
  std::vector<domain::FieldDiff> diffs;
};

class Registry {
 public:
  // `cases`, when given, takes in the signals the registry detects (a substitution flagged, an
  // absconding report refused) in the detecting write; without it they open no case.
  Registry(store::Store& store, RegistryConfig config = {}, Cases* cases = nullptr);

  domain::NodeContext node() const { return {store_.identity().country}; }
  store::Store& store() { return store_; }

  // People and organisations.
  Result<domain::Worker> RegisterWorker(const domain::Actor& a, domain::Worker w,
                                        const store::WriteOptions& write = {});
  Result<domain::Employer> RegisterEmployer(const domain::Actor& a, domain::Employer e,
                                            const store::WriteOptions& write = {});
  Result<domain::Agency> RegisterAgency(const domain::Actor& a, domain::Agency ag,
                                        const store::WriteOptions& write = {});
  Result<domain::Agency> ChangeLicence(const domain::Actor& a, const AgencyId& id,
                                       domain::LicenceStatus to, std::string reason);
  Result<domain::JobOrder> CreateJobOrder(const domain::Actor& a, domain::JobOrder j,
                                          const store::WriteOptions& write = {});

  // Reference data (administrator).
  Status SetOccupation(const domain::Actor& a, const domain::Occupation& o);
  Status SetWageFloor(const domain::Actor& a, const domain::WageFloor& f);
  Status SetCountryRules(const domain::Actor& a, const domain::CountryRules& r);

  // The same registrations inside a transaction the caller holds (bulk import). Each checks
  // natural keys before writing, so a duplicate is a precise error and the transaction stays
  // usable for the rows that follow.
  Status RegisterWorkerIn(store::WriteTx& tx, const domain::Actor& a, domain::Worker& w);
  Status RegisterEmployerIn(store::WriteTx& tx, const domain::Actor& a, domain::Employer& e);
  Status RegisterAgencyIn(store::WriteTx& tx, const domain::Actor& a, domain::Agency& ag);
  Status DraftContractIn(store::WriteTx& tx, const domain::Actor& a, domain::Contract& c,
                         bool offer);
  Status SetOccupationIn(store::WriteTx& tx, const domain::Actor& a, const domain::Occupation& o);
  Status SetWageFloorIn(store::WriteTx& tx, const domain::Actor& a, const domain::WageFloor& f);

  // Contracts.
  Result<domain::Contract> DraftContract(const domain::Actor& a, domain::ContractTerms terms,
                                         const store::WriteOptions& write = {});
  Result<domain::Contract> OfferContract(const domain::Actor& a, const ContractId& id);
  Result<domain::Contract> WithdrawContract(const domain::Actor& a, const ContractId& id);
  Result<domain::Contract> AcceptContract(const domain::Actor& a, const ContractId& id);
  Result<domain::Contract> RejectContract(const domain::Actor& a, const ContractId& id,
                                          std::string reason);
  Result<domain::Contract> AttestContract(const domain::Actor& a, const ContractId& id);
  // `presented` are the terms the worker accepted on arrival; nullopt means the stored ones.
  Result<AuthenticationOutcome> AuthenticateContract(
      const domain::Actor& a, const ContractId& id,
      const std::optional<domain::ContractTerms>& presented);
  Result<domain::Permit> IssuePermit(const domain::Actor& a, const ContractId& id);
  Result<domain::Contract> EndContract(const domain::Actor& a, const ContractId& id,
                                       domain::EndReason reason, Date on);
  Result<domain::Contract> ProposeAmendment(const domain::Actor& a, const ContractId& id,
                                            domain::ContractTerms terms, std::string reason);
  // An accepted amendment that moves the contract's term moves its permit's validity in the same
  // transaction (`permit.amended`, sent to the origin); an amendment its permit could not follow
  // (a term ending today or earlier) is refused when proposed and when accepted.
  Result<domain::Contract> DecideAmendment(const domain::Actor& a, const ContractId& id,
                                           bool accept);

  // Mobility.
  Result<domain::Transfer> FileTransfer(const domain::Actor& a, const ContractId& from,
                                        const ContractId& to, std::string waiver,
                                        const store::WriteOptions& write = {});
  Result<domain::Transfer> CompleteTransfer(const domain::Actor& a, const TransferId& id);
  Result<domain::Transfer> CancelTransfer(const domain::Actor& a, const TransferId& id);
  // Returns the report; a refused one (state refused) is recorded all the same.
  Result<domain::AbsenceReport> ReportAbsence(const domain::Actor& a, const ContractId& contract,
                                              Date last_seen, std::string details);
  Result<domain::ExitNotice> NotifyExit(const domain::Actor& a, const WorkerId& worker,
                                        domain::ExitKind kind, Date departure,
                                        std::optional<Date> return_date,
                                        const store::WriteOptions& write = {});

 private:
  Result<domain::Contract> Transition(
      const domain::Actor& a, const ContractId& id, domain::ContractAction action,
      domain::EventType event,
      const std::function<Status(store::WriteTx&, domain::Contract&)>& change,
      const std::function<Status(store::WriteTx&, const domain::Contract&)>& after = nullptr);

  store::Store& store_;
  RegistryConfig config_;
  Cases* cases_;
};

}  // namespace corridor::service
