#include "service/clearance.hpp"

#include <utility>
#include <vector>

#include "codec/clearance.hpp"
#include "core/log.hpp"
#include "service/notifier.hpp"
#include "store/clearance_store.hpp"

namespace corridor::service {

// scripts/embed_files.py writes it from data/clearance/*.json.
std::vector<std::pair<std::string_view, std::string_view>> ClearanceRequirementFiles();

namespace {

using domain::Actor;

template <typename T>
Result<std::optional<T>> Found(Result<T> r) {
  if (r.ok()) return std::optional<T>(std::move(r).value());
  if (r.status().code() == Code::kNotFound) return std::optional<T>();
  return r.status();
}

Status NoSuchWorker(const WorkerId& id) {
  return Status::NotFound("worker " + id.value() + " does not exist");
}
Status NoSuchContract(const ContractId& id) {
  return Status::NotFound("contract " + id.value() + " does not exist");
}

// The worker, when the caller may see and record her clearance records: NotFound when it may not
// see them (exactly as for a missing worker), PermissionDenied when it sees but may not record.
Result<domain::Worker> WorkerToRecordFor(store::ReadTx& tx, const Actor& a, const WorkerId& id,
                                         const domain::NodeContext& node) {
  ASSIGN_OR_RETURN(auto w, Found(tx.GetWorker(id)));
  if (!w || !domain::MayViewClearanceRecords(a, w->id, w->nationality, node)) {
    return NoSuchWorker(id);
  }
  RETURN_IF_ERROR(domain::CheckMayClear(a, w->nationality, node));
  return std::move(*w);
}

Result<domain::Contract> ContractToClear(store::ReadTx& tx, const Actor& a, const ContractId& id,
                                         const domain::NodeContext& node) {
  ASSIGN_OR_RETURN(auto c, Found(tx.GetContract(id)));
  if (!c || !domain::MayViewClearanceRecords(a, c->terms.worker, c->terms.origin_country, node)) {
    return NoSuchContract(id);
  }
  RETURN_IF_ERROR(domain::CheckMayClear(a, c->terms.origin_country, node));
  return std::move(*c);
}

json::Value Note(std::initializer_list<std::pair<const char*, std::string>> members) {
  json::Object o;
  for (const auto& [k, v] : members) o.Set(k, v);
  return o;
}

}  // namespace

Result<std::map<std::string, domain::ClearanceRequirements>> BuiltInClearanceRequirements() {
  std::map<std::string, domain::ClearanceRequirements> out;
  for (const auto& [name, text] : ClearanceRequirementFiles()) {
    const std::string file = "data/clearance/" + std::string(name);
    auto v = json::Parse(text);
    if (!v.ok()) return Status::InvalidArgument(file + ": " + v.status().ToString());
    auto r = codec::ClearanceRequirementsFromJson(*v);
    if (!r.ok()) return Status::InvalidArgument(file + ": " + r.status().ToString());
    if (std::string(name) != r->country + ".json") {
      return Status::InvalidArgument(file + ": its country is " + r->country +
                                     "; the file is named by it");
    }
    out[r->country] = std::move(*r);
  }
  return out;
}

domain::ClearanceFacts GatheredFacts::Facts(Date today) const {
  domain::ClearanceFacts f;
  f.contract = &contract;
  f.worker = &worker;
  f.agency = agency ? &*agency : nullptr;
  f.orientation = orientation;
  f.policies = policies;
  f.medical = medical;
  f.today = today;
  return f;
}

Result<GatheredFacts> GatherClearanceFacts(store::ReadTx& tx, domain::Contract contract) {
  GatheredFacts g;
  g.contract = std::move(contract);
  ASSIGN_OR_RETURN(g.worker, tx.GetWorker(g.contract.terms.worker));
  if (g.contract.terms.agency) {
    ASSIGN_OR_RETURN(g.agency, Found(tx.GetAgency(*g.contract.terms.agency)));
  }
  ASSIGN_OR_RETURN(auto orientations, store::ListOrientations(tx, g.worker.id));
  if (!orientations.empty()) g.orientation = std::move(orientations.front());
  ASSIGN_OR_RETURN(g.policies, store::ListInsurance(tx, g.contract.id));
  ASSIGN_OR_RETURN(auto medical, store::ListMedical(tx, g.worker.id));
  if (!medical.empty()) g.medical = std::move(medical.front());
  return g;
}

Clearances::Clearances(store::Store& store, ClearanceConfig config)
    : store_(store), config_(std::move(config)) {}

Result<const domain::ClearanceRequirements*> Clearances::RequirementsOf(
    std::string_view country) const {
  const auto it = config_.requirements.find(std::string(country));
  if (it == config_.requirements.end()) {
    return Status::FailedPrecondition("no departure clearance requirements are configured for " +
                                      std::string(country));
  }
  return &it->second;
}

Result<domain::OrientationCompletion> Clearances::RecordOrientation(
    const Actor& a, const WorkerId& worker, domain::OrientationCompletion o,
    const store::WriteOptions& write) {
  RETURN_IF_ERROR(store_.Write(a.account, write, [&](store::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto w, WorkerToRecordFor(tx, a, worker, node()));
    o.worker = w.id;
    o.recorded_by = a.account;
    o.recorded_at = tx.now();
    RETURN_IF_ERROR(domain::ValidateOrientation(o, tx.now().date()));
    o.id = NewId<domain::OrientationId>(tx.rng());
    RETURN_IF_ERROR(store::InsertOrientation(tx, o));
    return tx.Record(domain::EventType::kOrientationRecorded, o.id.value(), codec::ToJson(o));
  }));
  return o;
}

Result<domain::MedicalFitness> Clearances::RecordMedical(const Actor& a, const WorkerId& worker,
                                                         domain::MedicalFitness m,
                                                         const store::WriteOptions& write) {
  RETURN_IF_ERROR(store_.Write(a.account, write, [&](store::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto w, WorkerToRecordFor(tx, a, worker, node()));
    m.worker = w.id;
    m.recorded_by = a.account;
    m.recorded_at = tx.now();
    RETURN_IF_ERROR(domain::ValidateMedical(m, tx.now().date()));
    m.id = NewId<domain::MedicalRecordId>(tx.rng());
    RETURN_IF_ERROR(store::InsertMedical(tx, m));
    return tx.Record(domain::EventType::kMedicalRecorded, m.id.value(), codec::ToJson(m));
  }));
  return m;
}

Result<domain::InsurancePolicy> Clearances::RecordInsurance(const Actor& a,
                                                            const ContractId& contract,
                                                            domain::InsurancePolicy p,
                                                            const store::WriteOptions& write) {
  RETURN_IF_ERROR(store_.Write(a.account, write, [&](store::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto c, ContractToClear(tx, a, contract, node()));
    p.contract = c.id;
    p.worker = c.terms.worker;
    p.recorded_by = a.account;
    p.recorded_at = tx.now();
    RETURN_IF_ERROR(domain::ValidateInsurance(p, tx.now().date()));
    p.id = NewId<domain::InsurancePolicyId>(tx.rng());
    RETURN_IF_ERROR(store::InsertInsurance(tx, p));
    return tx.Record(domain::EventType::kInsuranceRecorded, p.id.value(), codec::ToJson(p));
  }));
  return p;
}

Result<IssueOutcome> Clearances::Issue(const Actor& a, const ContractId& contract,
                                       const store::WriteOptions& write) {
  IssueOutcome out;
  RETURN_IF_ERROR(store_.Write(a.account, write, [&](store::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto c, ContractToClear(tx, a, contract, node()));
    ASSIGN_OR_RETURN(const domain::ClearanceRequirements* rules,
                     RequirementsOf(c.terms.origin_country));
    const Date today = tx.now().date();
    ASSIGN_OR_RETURN(auto held, store::LatestClearanceForContract(tx, c.id));
    if (held && domain::StandingOn(*held, today) == domain::ClearanceStanding::kValid) {
      return Status::AlreadyExists("contract " + c.id.value() + " holds clearance " +
                                   held->id.value() + ", valid until " +
                                   held->valid_until.ToString());
    }
    ASSIGN_OR_RETURN(auto gathered, GatherClearanceFacts(tx, std::move(c)));
    const domain::ClearanceFacts facts = gathered.Facts(today);
    out.check = domain::CheckRequirements(*rules, facts);
    if (!out.check.ready()) return Status::Ok();  // nothing written: the caller lists what lacks
    ASSIGN_OR_RETURN(auto issued, domain::Issue(*rules, facts, out.check,
                                                NewId<domain::ClearanceId>(tx.rng()), a.account));
    RETURN_IF_ERROR(store::InsertClearance(tx, issued));
    RETURN_IF_ERROR(
        tx.Record(domain::EventType::kClearanceIssued, issued.id.value(), codec::ToJson(issued)));
    RETURN_IF_ERROR(Notify(tx, WorkerRecipient(issued.worker), "clearance.issued",
                           issued.id.value(),
                           Note({{"clearance", issued.id.value()},
                                 {"contract", issued.contract.value()},
                                 {"valid_until", issued.valid_until.ToString()}})));
    out.clearance = std::move(issued);
    return Status::Ok();
  }));
  if (out.clearance) {
    log::Info("clearance.issued", {{"request", a.request_id},
                                   {"clearance", out.clearance->id.value()},
                                   {"contract", contract.value()}});
  }
  return out;
}

Result<domain::Clearance> Clearances::Revoke(const Actor& a, const domain::ClearanceId& id,
                                             domain::RevocationReason reason,
                                             const std::string& note) {
  domain::Clearance c;
  RETURN_IF_ERROR(store_.Write(a.account, [&](store::WriteTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto found, Found(store::GetClearance(tx, id)));
    if (!found || domain::SightOfClearance(a, found->worker, found->origin_country,
                                           found->destination_country,
                                           node()) == domain::ClearanceSight::kNone) {
      return Status::NotFound("clearance " + id.value() + " does not exist");
    }
    c = std::move(*found);
    RETURN_IF_ERROR(domain::CheckMayClear(a, c.origin_country, node()));
    RETURN_IF_ERROR(domain::Revoke(c, reason, note, a.account, tx.now().date()));
    RETURN_IF_ERROR(store::UpdateClearance(tx, c));
    json::Object data;
    data.Set("reason", std::string(ToString(reason)));
    data.Set("note", c.revocation_note);
    RETURN_IF_ERROR(tx.Record(domain::EventType::kClearanceRevoked, c.id.value(), std::move(data)));
    return Notify(tx, WorkerRecipient(c.worker), "clearance.revoked", c.id.value(),
                  Note({{"clearance", c.id.value()},
                        {"contract", c.contract.value()},
                        {"reason", std::string(ToString(reason))}}));
  }));
  return c;
}

Status ApplyPeerClearance(store::WriteTx& tx, const std::string& peer_country,
                          std::string_view cause, const domain::Clearance& received,
                          json::Object& facts) {
  const std::string& here = tx.node().country;
  const bool issued = cause == ToString(domain::EventType::kClearanceIssued);
  const bool revoked = cause == ToString(domain::EventType::kClearanceRevoked);
  if (!issued && !revoked) {
    return Status::InvalidArgument(
        "a clearance record's cause must be clearance.issued or clearance.revoked");
  }
  if ((revoked && received.state != domain::ClearanceState::kRevoked) ||
      (issued && received.state != domain::ClearanceState::kIssued)) {
    return Status::InvalidArgument("clearance " + received.id.value() + " is " +
                                   std::string(ToString(received.state)) + ", not what " +
                                   std::string(cause) + " says");
  }
  if (received.passport || received.evidence) {
    return Status::InvalidArgument("clearance " + received.id.value() +
                                   " carries more than its crossing form (passport or evidence)");
  }
  if (received.origin_country != peer_country || received.destination_country != here) {
    return Status::FailedPrecondition("clearance " + received.id.value() + " is from " +
                                      received.origin_country + " for work in " +
                                      received.destination_country + "; this node is " + here +
                                      " and its peer " + peer_country);
  }
  ASSIGN_OR_RETURN(auto contract, Found(tx.GetContract(received.contract)));
  if (!contract) {
    return Status::NotFound("clearance " + received.id.value() + " is for contract " +
                            received.contract.value() + ", which is not known here");
  }
  if (contract->terms.origin_country != peer_country ||
      contract->terms.destination_country != here || contract->terms.worker != received.worker) {
    return Status::FailedPrecondition("clearance " + received.id.value() +
                                      " does not match contract " + contract->id.value() +
                                      " as known here");
  }
  if (contract->attested_digest != received.contract_digest) {
    return Status::FailedPrecondition(
        "clearance " + received.id.value() + " clears digest " + received.contract_digest +
        ", but the digest attested here is " + contract->attested_digest);
  }
  ASSIGN_OR_RETURN(auto local, Found(store::GetClearance(tx, received.id)));
  facts.Set("cause", std::string(cause));
  facts.Set("state", std::string(ToString(received.state)));
  if (local && *local == received) return Status::Ok();  // a repetition changes nothing
  if (local && local->state == domain::ClearanceState::kRevoked) {
    return Status::FailedPrecondition("clearance " + received.id.value() +
                                      " is revoked here; a revocation is final");
  }
  RETURN_IF_ERROR(local ? store::UpdateClearance(tx, received)
                        : store::InsertClearance(tx, received));
  const json::Value note = Note({{"clearance", received.id.value()},
                                 {"contract", received.contract.value()},
                                 {"state", std::string(ToString(received.state))},
                                 {"valid_until", received.valid_until.ToString()}});
  RETURN_IF_ERROR(Notify(tx, AuthorityRecipient(here), cause, received.id.value(), note));
  return Notify(tx, EmbassyRecipient(received.origin_country), cause, received.id.value(), note);
}

}  // namespace corridor::service
