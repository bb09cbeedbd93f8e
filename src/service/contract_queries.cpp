#include "service/contract_queries.hpp"

#include "domain/events.hpp"
#include "store/clearance_store.hpp"

namespace corridor::service {
namespace {

using domain::Role;

Status NoSuchContract(const ContractId& id) {
  return Status::NotFound("contract " + id.value() + " does not exist");
}

// A read that found nothing is no error of the store: nullopt.
template <typename T>
Result<std::optional<T>> Found(Result<T> r) {
  if (r.ok()) return std::optional<T>(std::move(r).value());
  if (r.status().code() == Code::kNotFound) return std::optional<T>();
  return r.status();
}

}  // namespace

Result<store::ContractFilter> ContractScope(const domain::Actor& a,
                                            const domain::NodeContext& node) {
  store::ContractFilter f;
  switch (a.role) {
    case Role::kEmployer:
      f.employer = a.employer;
      break;
    case Role::kAgency:
      f.agency = a.agency;
      break;
    case Role::kWorker:
      f.worker = a.worker;
      break;
    case Role::kOriginOfficer:
      f.origin_country = a.country;
      break;
    case Role::kDestinationOfficer:
      f.destination_country = a.country;
      break;
    case Role::kEmbassy:
      f.origin_country = a.country;
      f.destination_country = node.country;
      break;
    case Role::kSystem:
      break;
    default:
      return Status::PermissionDenied("this role does not see contracts");
  }
  return f;
}

ContractQueries::ContractQueries(store::Store& store, AccessLog& access)
    : store_(store), access_(access) {}

Result<ContractDocument> ContractQueries::Get(const domain::Actor& a, const ContractId& id) {
  std::optional<store::ReadTx::StoredContract> stored;
  bool sees_clearance = false;
  std::optional<domain::Clearance> clearance;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(stored, tx.GetContractDocument(id));
    if (!stored) return Status::Ok();
    // The departure clearance is read only for a reader who may see it (docs/formats/clearance.md
    // §5): the destination's officer sees it here before authenticating the contract.
    const domain::ContractParties& p = stored->parties;
    sees_clearance = domain::SightOfClearance(a, p.worker, p.origin_country, p.destination_country,
                                              node()) != domain::ClearanceSight::kNone;
    if (sees_clearance) {
      ASSIGN_OR_RETURN(clearance, store::LatestClearanceForContract(tx, id));
    }
    return Status::Ok();
  }));
  const bool allowed = stored && domain::MayViewContract(a, stored->parties, stored->state, node());
  access_.Record(a, "view", "contract", id.value(), allowed);
  if (!allowed) return NoSuchContract(id);
  const domain::ContractFacts facts{std::move(stored->parties), stored->state,
                                    stored->amendment_pending};
  ContractDocument out{id, std::move(stored->doc), domain::AllowedContractActions(a, facts, node()),
                       std::nullopt};
  if (sees_clearance) {
    out.clearance.emplace();
    if (clearance) {
      access_.Record(a, "view", "clearance", clearance->id.value(), true);
      *out.clearance = ClearanceFor(a, std::move(*clearance), node(), store_.clock().Now().date());
    }
  }
  return out;
}

Result<Listing<ContractItem>> ContractQueries::List(const domain::Actor& a,
                                                    const ContractListQuery& q) {
  ASSIGN_OR_RETURN(store::ContractFilter f, ContractScope(a, node()));
  f.state = q.state;
  Listing<ContractItem> out;
  if (q.worker) {
    // One worker's contracts, within the caller's scope; a worker asking for another's gets none.
    if (f.worker && *f.worker != *q.worker) return out;
    f.worker = q.worker;
  }
  std::vector<domain::Contract> list;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(list, tx.ListContracts(f, q.page));
    return Status::Ok();
  }));
  if (static_cast<int>(list.size()) == q.page.limit) out.next = list.back().id.value();
  for (auto& c : list) {
    if (!domain::MayViewContract(a, c, node())) continue;  // a worker's drafts
    access_.Record(a, "list", "contract", c.id.value(), true);
    auto allowed = domain::AllowedContractActions(a, domain::FactsOf(c), node());
    out.items.push_back({std::move(c), std::move(allowed)});
  }
  return out;
}

Result<std::vector<json::Value>> ContractQueries::History(const domain::Actor& a,
                                                          const ContractId& id) {
  std::optional<domain::Contract> contract;
  std::vector<json::Value> events;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(contract, Found(tx.GetContract(id)));
    if (contract) {
      ASSIGN_OR_RETURN(events, tx.History(id.value(), 1000));
    }
    return Status::Ok();
  }));
  const bool allowed = contract && domain::MayViewContract(a, *contract, node());
  access_.Record(a, "history", "contract", id.value(), allowed);
  if (!allowed) return NoSuchContract(id);
  return events;
}

Result<PrintableContract> ContractQueries::Printable(const domain::Actor& a, const ContractId& id) {
  std::optional<PrintableContract> out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto contract, Found(tx.GetContract(id)));
    if (!contract) return Status::Ok();
    PrintableContract p;
    p.contract = std::move(*contract);
    ASSIGN_OR_RETURN(p.worker, tx.GetWorker(p.contract.terms.worker));
    ASSIGN_OR_RETURN(p.employer, tx.GetEmployer(p.contract.terms.employer));
    if (p.contract.terms.agency) {
      ASSIGN_OR_RETURN(p.agency, tx.GetAgency(*p.contract.terms.agency));
    }
    out = std::move(p);
    return Status::Ok();
  }));
  const bool allowed = out && domain::MayViewContract(a, out->contract, node());
  access_.Record(a, "print", "contract", id.value(), allowed);
  if (!allowed) return NoSuchContract(id);
  return std::move(*out);
}

Result<PublicContractCheck> ContractQueries::PublicCheck(const std::string& id,
                                                         const std::string& asked_digest) {
  PublicContractCheck out;
  if (!CheckIdText(id).ok()) return out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(out.contract, Found(tx.GetContract(ContractId(id))));
    // Earlier versions matter only when the caller holds a copy that is not the current one.
    if (!out.contract || asked_digest.empty() || asked_digest == out.contract->digest) {
      return Status::Ok();
    }
    ASSIGN_OR_RETURN(auto events, tx.History(id, 1000));
    const std::string_view drafted = ToString(domain::EventType::kContractDrafted);
    const std::string_view amended = ToString(domain::EventType::kContractAmendmentAccepted);
    for (const auto& e : events) {
      const std::string& type = e.Get("type")->AsString();
      if (type != drafted && type != amended) continue;
      const json::Value* d = e.Get("data")->Get("digest");
      if (d && d->is_string() && (out.digests.empty() || out.digests.back() != d->AsString())) {
        out.digests.push_back(d->AsString());
      }
    }
    return Status::Ok();
  }));
  return out;
}

std::vector<domain::ContractStep> ContractQueries::AllowedActions(const domain::Actor& a,
                                                                  const domain::Contract& c) const {
  return domain::AllowedContractActions(a, domain::FactsOf(c), node());
}

}  // namespace corridor::service
