#include "service/registry.hpp"

#include "codec/codec.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "service/cases.hpp"
#include "service/contract_events.hpp"
#include "service/notifier.hpp"
#include "service/permits.hpp"
#include "store/payroll_store.hpp"

namespace corridor::service {
namespace {

using domain::Actor;
using domain::Contract;
using domain::ContractAction;
using domain::Role;

Status CheckAssignedId(const Actor& a, const std::string& id) {
  if (id.empty()) return Status::Ok();
  if (a.role != Role::kSystem) {
    return Status::InvalidArgument("is assigned by the node", "id");
  }
  return CheckIdText(id).WithField("id");
}

// The worker's person number: the one assigned with an earlier permit, or a new one, unique in
// the node, recorded in the ledger.
Result<std::string> AssignPersonNumber(store::WriteTx& tx, const WorkerId& worker) {
  ASSIGN_OR_RETURN(auto existing, store::FindPersonNumber(tx.conn(), worker));
  if (existing) return *existing;
  for (int attempt = 0; attempt < 16; ++attempt) {
    uint8_t bytes[8];
    tx.rng().Fill(bytes);
    uint64_t serial = 0;
    for (uint8_t b : bytes) serial = serial << 8 | b;
    const std::string number = domain::MakePersonNumber(serial);
    ASSIGN_OR_RETURN(auto taken, store::FindWorkerByPersonNumber(tx.conn(), number));
    if (taken) continue;
    RETURN_IF_ERROR(store::InsertPersonNumber(tx.conn(), worker, number, tx.now()));
    json::Object data;
    data.Set("person_number", number);
    RETURN_IF_ERROR(
        tx.Record(domain::EventType::kWorkerPersonNumberAssigned, worker.value(), std::move(data)));
    return number;
  }
  return Status::Internal("no free person number after 16 draws");
}

}  // namespace

Registry::Registry(store::Store& store, RegistryConfig config, Cases* cases)
    : store_(store), config_(config), cases_(cases) {}

Status Registry::RegisterWorkerIn(store::WriteTx& tx, const Actor& a, domain::Worker& w) {
  RETURN_IF_ERROR(domain::CheckMayRegisterWorker(a, w, node()));
  RETURN_IF_ERROR(CheckAssignedId(a, w.id.value()));
  RETURN_IF_ERROR(domain::ValidateWorker(w, tx.now().date(), config_.limits));
  ASSIGN_OR_RETURN(auto existing,
                   tx.FindWorkerByPassport(w.passport.issuing_state, w.passport.number));
  if (existing) {
    return Status::AlreadyExists("a worker with passport " + w.passport.number + " of " +
                                     w.passport.issuing_state + " is registered already",
                                 "passport.number");
  }
  if (w.id.empty()) w.id = NewId<WorkerId>(tx.rng());
  RETURN_IF_ERROR(tx.InsertWorker(w));
  return tx.Record(domain::EventType::kWorkerRegistered, w.id.value(), codec::ToJson(w));
}

Result<domain::Worker> Registry::RegisterWorker(const Actor& a, domain::Worker w,
                                                const store::WriteOptions& write) {
  RETURN_IF_ERROR(store_.Write(a.account, write,
                               [&](store::WriteTx& tx) { return RegisterWorkerIn(tx, a, w); }));
  return w;
}

Status Registry::RegisterEmployerIn(store::WriteTx& tx, const Actor& a, domain::Employer& e) {
  RETURN_IF_ERROR(domain::CheckMayRegisterEmployer(a, e, node()));
  RETURN_IF_ERROR(CheckAssignedId(a, e.id.value()));
  RETURN_IF_ERROR(domain::ValidateEmployer(e));
  ASSIGN_OR_RETURN(auto existing, tx.FindEmployerByRegistration(e.country, e.registration_number));
  if (existing) {
    return Status::AlreadyExists("an employer with registration number " + e.registration_number +
                                     " in " + e.country + " is registered already",
                                 "registration_number");
  }
  if (e.id.empty()) e.id = NewId<EmployerId>(tx.rng());
  RETURN_IF_ERROR(tx.InsertEmployer(e));
  return tx.Record(domain::EventType::kEmployerRegistered, e.id.value(), codec::ToJson(e));
}

Result<domain::Employer> Registry::RegisterEmployer(const Actor& a, domain::Employer e,
                                                    const store::WriteOptions& write) {
  RETURN_IF_ERROR(store_.Write(a.account, write,
                               [&](store::WriteTx& tx) { return RegisterEmployerIn(tx, a, e); }));
  return e;
}

Status Registry::RegisterAgencyIn(store::WriteTx& tx, const Actor& a, domain::Agency& ag) {
  RETURN_IF_ERROR(domain::CheckMayRegisterAgency(a, ag, node()));
  RETURN_IF_ERROR(CheckAssignedId(a, ag.id.value()));
  RETURN_IF_ERROR(domain::ValidateAgency(ag));
  ASSIGN_OR_RETURN(auto existing, tx.FindAgencyByLicence(ag.country, ag.licence_number));
  if (existing) {
    return Status::AlreadyExists("an agency with licence " + ag.licence_number + " of " +
                                     ag.country + " is registered already",
                                 "licence_number");
  }
  if (ag.id.empty()) ag.id = NewId<AgencyId>(tx.rng());
  RETURN_IF_ERROR(tx.InsertAgency(ag));
  return tx.Record(domain::EventType::kAgencyRegistered, ag.id.value(), codec::ToJson(ag));
}

Result<domain::Agency> Registry::RegisterAgency(const Actor& a, domain::Agency ag,
                                                const store::WriteOptions& write) {
  RETURN_IF_ERROR(store_.Write(a.account, write,
                               [&](store::WriteTx& tx) { return RegisterAgencyIn(tx, a, ag); }));
  return ag;
}

Result<domain::Agency> Registry::ChangeLicence(const Actor& a, const AgencyId& id,
                                               domain::LicenceStatus to, std::string reason) {
  domain::Agency ag;
  RETURN_IF_ERROR(domain::CheckMayLicenceAgencies(a, node()));  // whether or not it exists
  RETURN_IF_ERROR(store_.Write(a.account, [&](store::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(ag, tx.GetAgency(id));
    RETURN_IF_ERROR(domain::CheckMayRegisterAgency(a, ag, node()));
    RETURN_IF_ERROR(domain::CheckLicenceChange(ag.status, to));
    ASSIGN_OR_RETURN(std::string why, RequiredText(reason, "reason", 500));
    const domain::LicenceStatus from = ag.status;
    ag.status = to;
    RETURN_IF_ERROR(tx.UpdateAgency(ag));
    json::Object data;
    data.Set("from", std::string(ToString(from)));
    data.Set("to", std::string(ToString(to)));
    data.Set("reason", why);
    return tx.Record(domain::EventType::kAgencyLicenceChanged, ag.id.value(), std::move(data));
  }));
  return ag;
}

Result<domain::JobOrder> Registry::CreateJobOrder(const Actor& a, domain::JobOrder j,
                                                  const store::WriteOptions& write) {
  if (a.role != Role::kSystem && !(a.role == Role::kEmployer && a.employer == j.employer)) {
    return Status::PermissionDenied("only the employer itself creates its job orders");
  }
  RETURN_IF_ERROR(CheckAssignedId(a, j.id.value()));
  RETURN_IF_ERROR(domain::ValidateJobOrder(j));
  RETURN_IF_ERROR(store_.Write(a.account, write, [&](store::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto employer, tx.GetEmployer(j.employer));
    if (employer.country != j.country) {
      return Status::InvalidArgument("must be the employer's country " + employer.country,
                                     "country");
    }
    if (j.agency) {
      ASSIGN_OR_RETURN(auto agency, tx.GetAgency(*j.agency));
      RETURN_IF_ERROR(domain::CheckAgencyMayPlace(agency, tx.now().date()));
    }
    if (j.id.empty()) j.id = NewId<JobOrderId>(tx.rng());
    RETURN_IF_ERROR(tx.InsertJobOrder(j));
    return tx.Record(domain::EventType::kJobOrderCreated, j.id.value(), codec::ToJson(j));
  }));
  return j;
}

Status Registry::SetOccupationIn(store::WriteTx& tx, const Actor& a, const domain::Occupation& o) {
  RETURN_IF_ERROR(domain::CheckMaySetReferenceData(a));
  RETURN_IF_ERROR(domain::ValidateOccupation(o));
  RETURN_IF_ERROR(tx.PutOccupation(o));
  return tx.Record(domain::EventType::kOccupationSet, "isco." + o.isco_code, codec::ToJson(o));
}

Status Registry::SetOccupation(const Actor& a, const domain::Occupation& o) {
  return store_.Write(a.account, [&](store::WriteTx& tx) { return SetOccupationIn(tx, a, o); });
}

Status Registry::SetWageFloorIn(store::WriteTx& tx, const Actor& a, const domain::WageFloor& f) {
  RETURN_IF_ERROR(domain::CheckMaySetReferenceData(a));
  RETURN_IF_ERROR(domain::ValidateWageFloor(f));
  RETURN_IF_ERROR(tx.PutWageFloor(f));
  return tx.Record(domain::EventType::kWageFloorSet, "floor." + f.country, codec::ToJson(f));
}

Status Registry::SetWageFloor(const Actor& a, const domain::WageFloor& f) {
  return store_.Write(a.account, [&](store::WriteTx& tx) { return SetWageFloorIn(tx, a, f); });
}

Status Registry::SetCountryRules(const Actor& a, const domain::CountryRules& r) {
  RETURN_IF_ERROR(domain::CheckMaySetReferenceData(a));
  RETURN_IF_ERROR(domain::ValidateCountryRules(r));
  return store_.Write(a.account, [&](store::WriteTx& tx) -> Status {
    RETURN_IF_ERROR(tx.PutCountryRules(r));
    return tx.Record(domain::EventType::kCountryRulesSet, "rules." + r.country, codec::ToJson(r));
  });
}

Status Registry::DraftContractIn(store::WriteTx& tx, const Actor& a, Contract& c, bool offer) {
  RETURN_IF_ERROR(domain::CheckContractAction(a, ContractAction::kDraft, c.terms, node()));
  RETURN_IF_ERROR(domain::ValidateTerms(c.terms));
  auto worker = tx.GetWorker(c.terms.worker);
  if (!worker.ok()) return worker.status().WithField("worker");
  auto employer = tx.GetEmployer(c.terms.employer);
  if (!employer.ok()) return employer.status().WithField("employer");
  if (employer->country != c.terms.destination_country) {
    return Status::InvalidArgument("must be the employer's country " + employer->country,
                                   "destination_country");
  }
  if (worker->nationality != c.terms.origin_country) {
    return Status::InvalidArgument("must be the worker's nationality " + worker->nationality,
                                   "origin_country");
  }
  if (c.terms.agency) {
    auto agency = tx.GetAgency(*c.terms.agency);
    if (!agency.ok()) return agency.status().WithField("agency");
    RETURN_IF_ERROR(domain::CheckAgencyMayPlace(*agency, tx.now().date()));
  }
  ASSIGN_OR_RETURN(auto occupation, tx.FindOccupation(c.terms.isco_code));
  if (!occupation) {
    return Status::InvalidArgument("'" + c.terms.isco_code + "' is not a known ISCO-08 occupation",
                                   "isco_code");
  }
  c.state = domain::ContractState::kDraft;
  c.version = 1;
  c.digest = codec::TermsDigest(c.terms);
  c.id = NewId<ContractId>(tx.rng());
  json::Object data;
  data.Set("terms", codec::ToJson(c.terms));
  data.Set("digest", c.digest);
  if (offer) {
    RETURN_IF_ERROR(domain::Offer(c, tx.now()));
    RETURN_IF_ERROR(tx.InsertContract(c));
    RETURN_IF_ERROR(tx.Record(domain::EventType::kContractDrafted, c.id.value(), std::move(data)));
    RETURN_IF_ERROR(
        tx.Record(domain::EventType::kContractOffered, c.id.value(), ContractEventData(c)));
    json::Object note;
    note.Set("contract", c.id.value());
    return Notify(tx, WorkerRecipient(c.terms.worker), "contract.offered", c.id.value(),
                  std::move(note));
  }
  RETURN_IF_ERROR(tx.InsertContract(c));
  return tx.Record(domain::EventType::kContractDrafted, c.id.value(), std::move(data));
}

Result<Contract> Registry::DraftContract(const Actor& a, domain::ContractTerms terms,
                                         const store::WriteOptions& write) {
  Contract c;
  c.terms = std::move(terms);
  RETURN_IF_ERROR(store_.Write(
      a.account, write, [&](store::WriteTx& tx) { return DraftContractIn(tx, a, c, false); }));
  return c;
}

Result<Contract> Registry::Transition(
    const Actor& a, const ContractId& id, ContractAction action, domain::EventType event,
    const std::function<Status(store::WriteTx&, Contract&)>& change,
    const std::function<Status(store::WriteTx&, const Contract&)>& after) {
  Contract c;
  RETURN_IF_ERROR(store_.Write(a.account, [&](store::WriteTx& tx) -> Status {
    auto loaded = tx.GetContract(id);
    if (!loaded.ok()) return loaded.status();
    c = std::move(*loaded);
    if (!domain::MayViewContract(a, c, node())) {
      // Not the caller's contract: say nothing about whether it exists.
      return Status::NotFound("contract " + id.value() + " does not exist");
    }
    RETURN_IF_ERROR(domain::CheckContractAction(a, action, c.terms, node()));
    RETURN_IF_ERROR(change(tx, c));
    RETURN_IF_ERROR(tx.UpdateContract(c));
    RETURN_IF_ERROR(tx.Record(event, c.id.value(), ContractEventData(c)));
    return after ? after(tx, c) : Status::Ok();
  }));
  return c;
}

Result<Contract> Registry::OfferContract(const Actor& a, const ContractId& id) {
  return Transition(a, id, ContractAction::kOffer, domain::EventType::kContractOffered,
                    [&](store::WriteTx& tx, Contract& c) -> Status {
                      RETURN_IF_ERROR(domain::Offer(c, tx.now()));
                      json::Object data;
                      data.Set("contract", c.id.value());
                      return Notify(tx, WorkerRecipient(c.terms.worker), "contract.offered",
                                    c.id.value(), std::move(data));
                    });
}

Result<Contract> Registry::WithdrawContract(const Actor& a, const ContractId& id) {
  return Transition(a, id, ContractAction::kWithdraw, domain::EventType::kContractWithdrawn,
                    [](store::WriteTx&, Contract& c) { return domain::Withdraw(c); });
}

Result<Contract> Registry::AcceptContract(const Actor& a, const ContractId& id) {
  return Transition(a, id, ContractAction::kDecide, domain::EventType::kContractAccepted,
                    [](store::WriteTx& tx, Contract& c) { return domain::Accept(c, tx.now()); });
}

Result<Contract> Registry::RejectContract(const Actor& a, const ContractId& id,
                                          std::string reason) {
  return Transition(
      a, id, ContractAction::kDecide, domain::EventType::kContractRejected,
      [&](store::WriteTx& tx, Contract& c) { return domain::Reject(c, reason, tx.now()); });
}

namespace {

// Gathers what attestation and amendment check beyond the terms.
struct LawfulnessFacts {
  domain::Worker worker;
  std::optional<domain::Agency> agency;
  std::vector<domain::WageFloor> floors;
  domain::CountryRules rules;
  domain::AttestationContext Context(Date today) const {
    return {&worker, agency ? &*agency : nullptr, &floors, &rules, today};
  }
};

Result<LawfulnessFacts> GatherFacts(store::ReadTx& tx, const domain::ContractTerms& t) {
  LawfulnessFacts f;
  ASSIGN_OR_RETURN(f.worker, tx.GetWorker(t.worker));
  if (t.agency) {
    ASSIGN_OR_RETURN(auto ag, tx.GetAgency(*t.agency));
    f.agency = std::move(ag);
  }
  ASSIGN_OR_RETURN(f.floors, tx.ListWageFloors(t.destination_country));
  ASSIGN_OR_RETURN(auto rules, tx.FindCountryRules(t.destination_country));
  if (!rules) {
    return Status::FailedPrecondition("no labour rules are recorded for " + t.destination_country +
                                      "; an administrator sets them first");
  }
  f.rules = *rules;
  return f;
}

}  // namespace

Result<Contract> Registry::AttestContract(const Actor& a, const ContractId& id) {
  return Transition(a, id, ContractAction::kAttest, domain::EventType::kContractAttested,
                    [&](store::WriteTx& tx, Contract& c) -> Status {
                      ASSIGN_OR_RETURN(auto facts, GatherFacts(tx, c.terms));
                      return domain::Attest(c, facts.Context(tx.now().date()), a.account, tx.now());
                    });
}

Result<AuthenticationOutcome> Registry::AuthenticateContract(
    const Actor& a, const ContractId& id, const std::optional<domain::ContractTerms>& presented) {
  AuthenticationOutcome out;
  RETURN_IF_ERROR(store_.Write(a.account, [&](store::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(out.contract, tx.GetContract(id));
    Contract& c = out.contract;
    if (!domain::MayViewContract(a, c, node())) {
      return Status::NotFound("contract " + id.value() + " does not exist");
    }
    RETURN_IF_ERROR(domain::CheckContractAction(a, ContractAction::kAuthenticate, c.terms, node()));
    const domain::ContractTerms terms = presented ? *presented : c.terms;
    const std::string digest = codec::TermsDigest(terms);
    Status s = domain::Authenticate(c, terms, digest, a.account, tx.now(), &out.diffs);
    if (s.ok()) {
      RETURN_IF_ERROR(tx.UpdateContract(c));
      return tx.Record(domain::EventType::kContractAuthenticated, c.id.value(),
                       ContractEventData(c));
    }
    if (c.state != domain::ContractState::kAttested) return s;
    // Substitution: the contract stays as attested; the flag is a fact both countries keep.
    out.substitution = true;
    json::Object data;
    data.Set("attested_digest", c.attested_digest);
    data.Set("presented_digest", digest);
    data.Set("presented_terms", codec::ToJson(terms));
    data.Set("differences", codec::ToJson(out.diffs));
    RETURN_IF_ERROR(tx.Record(domain::EventType::kContractSubstitutionFlagged, c.id.value(), data));
    if (cases_ != nullptr) {
      RETURN_IF_ERROR(cases_
                          ->TakeSignal(tx, {c.terms.worker, c.terms.employer},
                                       domain::SignalKind::kSubstitutionFlagged, c.id.value())
                          .status());
    }
    for (const std::string& recipient :
         {WorkerRecipient(c.terms.worker), AuthorityRecipient(c.terms.origin_country),
          AuthorityRecipient(c.terms.destination_country),
          EmbassyRecipient(c.terms.origin_country)}) {
      RETURN_IF_ERROR(Notify(tx, recipient, "contract.substitution_flagged", c.id.value(), data));
    }
    return Status::Ok();
  }));
  if (out.substitution) {
    // Both countries' officers are notified; the log names the request and the contract only.
    log::Warn(
        "contract.substitution_flagged",
        {{"request", a.request_id}, {"contract", id.value()}, {"differences", out.diffs.size()}});
  }
  return out;
}

Result<domain::Permit> Registry::IssuePermit(const Actor& a, const ContractId& id) {
  domain::Permit permit;
  RETURN_IF_ERROR(store_.Write(a.account, [&](store::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(Contract c, tx.GetContract(id));
    if (!domain::MayViewContract(a, c, node())) {
      return Status::NotFound("contract " + id.value() + " does not exist");
    }
    RETURN_IF_ERROR(domain::CheckContractAction(a, ContractAction::kIssuePermit, c.terms, node()));
    // The escalation ladder's suspension: no new permit for an employer that left wages unpaid.
    ASSIGN_OR_RETURN(auto suspended, store::SuspendedMonths(tx.conn(), c.terms.employer));
    if (!suspended.empty()) {
      return Status::FailedPrecondition("new permits for employer " + c.terms.employer.value() +
                                            " are suspended: the wages of " + suspended.front() +
                                            " are unpaid",
                                        "employer");
    }
    const Date today = tx.now().date();
    ASSIGN_OR_RETURN(const int max_months, PermitMaxMonths(tx, c.terms.destination_country));
    ASSIGN_OR_RETURN(permit, domain::IssuePermit(c, NewId<PermitId>(tx.rng()), today, max_months));
    ASSIGN_OR_RETURN(permit.person_number, AssignPersonNumber(tx, c.terms.worker));
    RETURN_IF_ERROR(domain::Activate(c, today));
    RETURN_IF_ERROR(tx.UpdateContract(c));
    RETURN_IF_ERROR(
        tx.Record(domain::EventType::kContractActivated, c.id.value(), ContractEventData(c)));
    RETURN_IF_ERROR(tx.InsertPermit(permit));
    return tx.Record(domain::EventType::kPermitIssued, permit.id.value(), codec::ToJson(permit));
  }));
  return permit;
}

Result<Contract> Registry::EndContract(const Actor& a, const ContractId& id,
                                       domain::EndReason reason, Date on) {
  return Transition(a, id, ContractAction::kEnd, domain::EventType::kContractEnded,
                    [&](store::WriteTx& tx, Contract& c) -> Status {
                      RETURN_IF_ERROR(domain::End(c, reason, on));
                      ASSIGN_OR_RETURN(auto permit, tx.ActivePermitForContract(c.id));
                      if (permit) {
                        RETURN_IF_ERROR(domain::CancelPermit(
                            *permit, "the contract ended (" + std::string(ToString(reason)) + ")"));
                        RETURN_IF_ERROR(tx.UpdatePermit(*permit));
                        RETURN_IF_ERROR(tx.Record(domain::EventType::kPermitCancelled,
                                                  permit->id.value(), codec::ToJson(*permit)));
                      }
                      return Status::Ok();
                    });
}

Result<Contract> Registry::ProposeAmendment(const Actor& a, const ContractId& id,
                                            domain::ContractTerms terms, std::string reason) {
  return Transition(
      a, id, ContractAction::kAmend, domain::EventType::kContractAmendmentProposed,
      [&](store::WriteTx& tx, Contract& c) -> Status {
        ASSIGN_OR_RETURN(auto facts, GatherFacts(tx, terms));
        RETURN_IF_ERROR(
            domain::ProposeAmendment(c, terms, reason, facts.Context(tx.now().date()), tx.now()));
        RETURN_IF_ERROR(
            FollowContractTermIn(tx, c, c.pending_amendment->terms, /*check_only=*/true));
        json::Object data;
        data.Set("number", c.pending_amendment->number);
        data.Set("terms", codec::ToJson(c.pending_amendment->terms));
        data.Set("digest", codec::TermsDigest(c.pending_amendment->terms));
        data.Set("reason", c.pending_amendment->reason);
        data.Set("differences",
                 codec::ToJson(domain::DiffTerms(c.terms, c.pending_amendment->terms)));
        RETURN_IF_ERROR(tx.Record(domain::EventType::kContractAmendmentTerms, c.id.value(), data));
        return Notify(tx, WorkerRecipient(c.terms.worker), "contract.amendment_proposed",
                      c.id.value(), std::move(data));
      });
}

Result<Contract> Registry::DecideAmendment(const Actor& a, const ContractId& id, bool accept) {
  return Transition(
      a, id, ContractAction::kDecideAmendment,
      accept ? domain::EventType::kContractAmendmentAccepted
             : domain::EventType::kContractAmendmentRejected,
      [&](store::WriteTx&, Contract& c) -> Status {
        if (!accept) return domain::RejectAmendment(c);
        RETURN_IF_ERROR(domain::AcceptAmendment(c));
        c.digest = codec::TermsDigest(c.terms);
        return Status::Ok();
      },
      [&](store::WriteTx& tx, const Contract& c) -> Status {
        // The permit follows the accepted term in the same transaction, so the
        // border judges a stay by the contract as it now is.
        if (!accept) return Status::Ok();
        return FollowContractTermIn(tx, c, c.terms, /*check_only=*/false);
      });
}

Result<domain::Transfer> Registry::FileTransfer(const Actor& a, const ContractId& from,
                                                const ContractId& to, std::string waiver,
                                                const store::WriteOptions& write) {
  domain::Transfer t;
  RETURN_IF_ERROR(store_.Write(a.account, write, [&](store::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(Contract current, tx.GetContract(from));
    if (a.role != Role::kSystem && !(a.role == Role::kWorker && a.worker == current.terms.worker)) {
      // Only the worker files a job change: neither employer can start or stop it.
      return a.role == Role::kWorker
                 ? Status::NotFound("contract " + from.value() + " does not exist")
                 : Status::PermissionDenied("only the worker files a job change");
    }
    ASSIGN_OR_RETURN(Contract offer, tx.GetContract(to));
    if (offer.terms.worker != current.terms.worker) {
      return Status::NotFound("contract " + to.value() + " does not exist");
    }
    ASSIGN_OR_RETURN(auto existing, tx.ListTransfers(current.terms.worker, {"", 1000}));
    for (const auto& e : existing) {
      if (e.state == domain::TransferState::kFiled) {
        return Status::FailedPrecondition("a job change " + e.id.value() + " is already filed",
                                          "to_contract");
      }
    }
    if (!waiver.empty() && a.role != Role::kSystem) {
      // Only the node waives the notice (wage arrears unlock it), never the caller's say-so.
      return Status::PermissionDenied("the notice period is waived only by the node");
    }
    if (waiver.empty()) {
      // Wage arrears recorded against the current employer waive the notice by themselves.
      ASSIGN_OR_RETURN(auto unlock, store::FindTransferUnlock(tx.conn(), current.terms.worker,
                                                              current.terms.employer));
      if (unlock && unlock->active) {
        waiver = "wage arrears of " + std::to_string(unlock->months) + " months";
      }
    }
    ASSIGN_OR_RETURN(t, domain::FileTransfer(current, offer, NewId<TransferId>(tx.rng()),
                                             tx.now().date(), waiver));
    RETURN_IF_ERROR(tx.InsertTransfer(t));
    RETURN_IF_ERROR(tx.Record(domain::EventType::kTransferFiled, t.id.value(), codec::ToJson(t)));
    json::Object data;
    data.Set("transfer", t.id.value());
    data.Set("worker", t.worker.value());
    data.Set("effective_on", t.effective_on.ToString());
    data.Set("note", "the worker has filed a job change; the employer is informed and has no veto");
    RETURN_IF_ERROR(
        Notify(tx, EmployerRecipient(t.from_employer), "transfer.filed", t.id.value(), data));
    return Notify(tx, EmployerRecipient(t.to_employer), "transfer.filed", t.id.value(), data);
  }));
  return t;
}

Result<domain::Transfer> Registry::CompleteTransfer(const Actor& a, const TransferId& id) {
  domain::Transfer t;
  // Whether or not the job change exists, a caller who may never complete one is told so.
  if (a.role != Role::kSystem && a.role != Role::kDestinationOfficer) {
    return Status::PermissionDenied("only a destination-authority officer completes a job change");
  }
  RETURN_IF_ERROR(store_.Write(a.account, [&](store::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(t, tx.GetTransfer(id));
    ASSIGN_OR_RETURN(Contract old_contract, tx.GetContract(t.from_contract));
    ASSIGN_OR_RETURN(Contract offer, tx.GetContract(t.to_contract));
    RETURN_IF_ERROR(
        domain::CheckContractAction(a, ContractAction::kIssuePermit, offer.terms, node()));
    const Date today = tx.now().date();
    RETURN_IF_ERROR(domain::CheckTransferMayComplete(t, offer, today));
    RETURN_IF_ERROR(domain::CompleteTransfer(t, today));
    RETURN_IF_ERROR(tx.UpdateTransfer(t));
    RETURN_IF_ERROR(
        tx.Record(domain::EventType::kTransferCompleted, t.id.value(), codec::ToJson(t)));
    // The old contract ends, its permit with it (unless its term ran out during the notice
    // period: the daily permit job ended it then); the new one starts with its own permit.
    if (old_contract.state == domain::ContractState::kActive) {
      RETURN_IF_ERROR(domain::End(old_contract, domain::EndReason::kTransfer, today));
      RETURN_IF_ERROR(tx.UpdateContract(old_contract));
      RETURN_IF_ERROR(tx.Record(domain::EventType::kContractEnded, old_contract.id.value(),
                                ContractEventData(old_contract)));
    }
    ASSIGN_OR_RETURN(auto old_permit, tx.ActivePermitForContract(old_contract.id));
    if (old_permit) {
      RETURN_IF_ERROR(domain::CancelPermit(*old_permit, "job change " + t.id.value()));
      RETURN_IF_ERROR(tx.UpdatePermit(*old_permit));
      RETURN_IF_ERROR(tx.Record(domain::EventType::kPermitCancelled, old_permit->id.value(),
                                codec::ToJson(*old_permit)));
    }
    ASSIGN_OR_RETURN(const int max_months, PermitMaxMonths(tx, offer.terms.destination_country));
    ASSIGN_OR_RETURN(auto permit,
                     domain::IssuePermit(offer, NewId<PermitId>(tx.rng()), today, max_months));
    ASSIGN_OR_RETURN(permit.person_number, AssignPersonNumber(tx, offer.terms.worker));
    RETURN_IF_ERROR(domain::Activate(offer, today));
    RETURN_IF_ERROR(tx.UpdateContract(offer));
    RETURN_IF_ERROR(tx.Record(domain::EventType::kContractActivated, offer.id.value(),
                              ContractEventData(offer)));
    RETURN_IF_ERROR(tx.InsertPermit(permit));
    return tx.Record(domain::EventType::kPermitIssued, permit.id.value(), codec::ToJson(permit));
  }));
  return t;
}

Result<domain::Transfer> Registry::CancelTransfer(const Actor& a, const TransferId& id) {
  domain::Transfer t;
  // Whether or not the job change exists, a caller who may never withdraw one is told so; a worker
  // learns nothing of another's.
  if (a.role != Role::kSystem && a.role != Role::kWorker) {
    return Status::PermissionDenied("only the worker withdraws a job change");
  }
  RETURN_IF_ERROR(store_.Write(a.account, [&](store::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(t, tx.GetTransfer(id));
    if (a.role != Role::kSystem && a.worker != t.worker) {
      return Status::NotFound("transfer " + id.value() + " does not exist");
    }
    RETURN_IF_ERROR(domain::CancelTransfer(t));
    RETURN_IF_ERROR(tx.UpdateTransfer(t));
    return tx.Record(domain::EventType::kTransferCancelled, t.id.value(), codec::ToJson(t));
  }));
  return t;
}

Result<domain::AbsenceReport> Registry::ReportAbsence(const Actor& a, const ContractId& contract,
                                                      Date last_seen, std::string details) {
  domain::AbsenceReport report;
  RETURN_IF_ERROR(store_.Write(a.account, [&](store::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(Contract c, tx.GetContract(contract));
    if (a.role != Role::kSystem && !(a.role == Role::kEmployer && a.employer == c.terms.employer)) {
      return Status::NotFound("contract " + contract.value() + " does not exist");
    }
    domain::AbsenceContext ctx;
    ctx.contract_active = c.state == domain::ContractState::kActive;
    ASSIGN_OR_RETURN(auto transfers, tx.ListTransfers(c.terms.worker, {"", 1000}));
    for (const auto& t : transfers) {
      ctx.transfer_filed = ctx.transfer_filed || t.state == domain::TransferState::kFiled;
    }
    ASSIGN_OR_RETURN(auto exits, tx.ListExitNotices(c.terms.worker, {"", 1000}));
    for (const auto& e : exits) {
      ctx.exit_notified = ctx.exit_notified || e.departure_date >= last_seen.AddDays(-30);
    }
    ASSIGN_OR_RETURN(report, domain::ReportAbsence(c, ctx, NewId<NoticeId>(tx.rng()), last_seen,
                                                   details, tx.now().date()));
    RETURN_IF_ERROR(tx.InsertAbsenceReport(report));
    const bool refused = report.state == domain::AbsenceReportState::kRefused;
    RETURN_IF_ERROR(tx.Record(
        refused ? domain::EventType::kAbsenceReportRefused : domain::EventType::kAbsenceReported,
        report.id.value(), codec::ToJson(report)));
    if (refused && cases_ != nullptr) {
      RETURN_IF_ERROR(cases_
                          ->TakeSignal(tx, {c.terms.worker, c.terms.employer},
                                       domain::SignalKind::kAbscondingRefused, report.id.value())
                          .status());
    }
    json::Object data;
    data.Set("report", report.id.value());
    data.Set("state", std::string(ToString(report.state)));
    RETURN_IF_ERROR(
        Notify(tx, WorkerRecipient(c.terms.worker), "absence.reported", report.id.value(), data));
    return Notify(tx, AuthorityRecipient(c.terms.destination_country),
                  refused ? "absence.report_refused" : "absence.reported", report.id.value(), data);
  }));
  return report;
}

Result<domain::ExitNotice> Registry::NotifyExit(const Actor& a, const WorkerId& worker,
                                                domain::ExitKind kind, Date departure,
                                                std::optional<Date> return_date,
                                                const store::WriteOptions& write) {
  if (a.role != Role::kSystem && !(a.role == Role::kWorker && a.worker == worker)) {
    return Status::PermissionDenied(
        "only the worker notifies their own exit; no one else's "
        "permission is needed");
  }
  domain::ExitNotice notice;
  RETURN_IF_ERROR(store_.Write(a.account, write, [&](store::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto w, tx.GetWorker(worker));
    store::ContractFilter f;
    f.worker = w.id;
    f.state = domain::ContractState::kActive;
    ASSIGN_OR_RETURN(auto active, tx.ListContracts(f, {"", 10}));
    const Contract* current = active.empty() ? nullptr : &active.front();
    ASSIGN_OR_RETURN(notice, domain::NotifyExit(w.id, current, NewId<NoticeId>(tx.rng()), kind,
                                                departure, return_date, tx.now().date(), tx.now()));
    RETURN_IF_ERROR(tx.InsertExitNotice(notice));
    RETURN_IF_ERROR(
        tx.Record(domain::EventType::kExitNotified, notice.id.value(), codec::ToJson(notice)));
    if (current) {
      json::Object data;
      data.Set("notice", notice.id.value());
      data.Set("kind", std::string(ToString(kind)));
      data.Set("departure_date", departure.ToString());
      RETURN_IF_ERROR(Notify(tx, EmployerRecipient(current->terms.employer), "exit.notified",
                             notice.id.value(), std::move(data)));
    }
    return Status::Ok();
  }));
  return notice;
}

}  // namespace corridor::service
