#include "service/contract_queries.hpp"

#include "codec/codec.hpp"
#include "domain/events.hpp"
#include "store/clearance_store.hpp"
#include "store/record_check.hpp"

namespace corridor::service {
namespace {

using domain::Role;

Status NoSuchContract(const ContractId& id) {
  return Status::NotFound("contract " + id.value() + " does not exist");
}

// The answer for a contract whose stored record disagrees with the ledger.
Status NotPresented(const ContractId& id) {
  return Status::DataLoss("contract " + id.value() +
                          " is not presented: its stored record does not agree with the node's "
                          "ledger, so it cannot be shown as attested or authenticated; the node's "
                          "administrator has been alerted");
}

// A stored contract, checked against the ledger in the transaction that read it.
struct CheckedContract {
  store::ReadTx::StoredContract stored;
  store::RecordCheck check;
};

Result<std::optional<CheckedContract>> ReadChecked(store::ReadTx& tx, const ContractId& id) {
  ASSIGN_OR_RETURN(auto stored, tx.GetContractDocument(id));
  if (!stored) return std::optional<CheckedContract>();
  ASSIGN_OR_RETURN(auto check, store::CheckContract(tx, id, *stored));
  return std::optional<CheckedContract>(CheckedContract{std::move(*stored), std::move(check)});
}

// The contract of a stored document the ledger check passed.
Result<domain::Contract> DecodeStored(const std::string& doc) {
  auto v = json::Parse(doc);
  if (!v.ok()) return Status::DataLoss("a stored contract is not valid JSON");
  auto c = codec::ContractFromJson(*v);
  if (!c.ok()) {
    return Status::DataLoss("a stored contract does not decode").WithDetail(c.status().ToString());
  }
  return c;
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

ContractQueries::ContractQueries(store::Store& store, AccessLog& access, IntegrityAlarms& alarms)
    : store_(store), access_(access), alarms_(alarms) {}

Result<ContractDocument> ContractQueries::Get(const domain::Actor& a, const ContractId& id) {
  std::optional<CheckedContract> read;
  bool sees_clearance = false;
  std::optional<domain::Clearance> clearance;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(read, ReadChecked(tx, id));
    if (!read) return Status::Ok();
    // The departure clearance is read only for a reader who may see it (docs/formats/clearance.md
    // §5): the destination's officer sees it here before authenticating the contract.
    const domain::ContractParties& p = read->stored.parties;
    sees_clearance = domain::SightOfClearance(a, p.worker, p.origin_country, p.destination_country,
                                              node()) != domain::ClearanceSight::kNone;
    if (sees_clearance) {
      ASSIGN_OR_RETURN(clearance, store::LatestClearanceForContract(tx, id));
    }
    return Status::Ok();
  }));
  const bool allowed =
      read && domain::MayViewContract(a, read->stored.parties, read->stored.state, node());
  access_.Record(a, "view", "contract", id.value(), allowed);
  // The alarm is raised whoever read it; the answer stays the reader's to know.
  if (read && !read->check.ok) {
    alarms_.Raise(a.request_id, AlarmedRecord::kContract, id.value(), read->check.problem,
                  crypto::Sha256(read->stored.doc));
  }
  if (!allowed) return NoSuchContract(id);
  if (!read->check.ok) return NotPresented(id);
  store::ReadTx::StoredContract& stored = read->stored;
  const domain::ContractFacts facts{std::move(stored.parties), stored.state,
                                    stored.amendment_pending};
  ContractDocument out{id, std::move(stored.doc), domain::AllowedContractActions(a, facts, node()),
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
  std::optional<CheckedContract> read;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(read, ReadChecked(tx, id));
    if (!read || !read->check.ok) return Status::Ok();
    PrintableContract p;
    ASSIGN_OR_RETURN(p.contract, DecodeStored(read->stored.doc));
    ASSIGN_OR_RETURN(p.worker, tx.GetWorker(p.contract.terms.worker));
    ASSIGN_OR_RETURN(p.employer, tx.GetEmployer(p.contract.terms.employer));
    if (p.contract.terms.agency) {
      ASSIGN_OR_RETURN(p.agency, tx.GetAgency(*p.contract.terms.agency));
    }
    out = std::move(p);
    return Status::Ok();
  }));
  const bool allowed =
      read && domain::MayViewContract(a, read->stored.parties, read->stored.state, node());
  access_.Record(a, "print", "contract", id.value(), allowed);
  if (read && !read->check.ok) {
    alarms_.Raise(a.request_id, AlarmedRecord::kContract, id.value(), read->check.problem,
                  crypto::Sha256(read->stored.doc));
  }
  if (!allowed) return NoSuchContract(id);
  if (!read->check.ok) return NotPresented(id);
  return std::move(*out);
}

Result<PublicContractCheck> ContractQueries::PublicCheck(const std::string& id,
                                                         const std::string& asked_digest,
                                                         std::string_view request_id) {
  PublicContractCheck out;
  if (!CheckIdText(id).ok()) return out;
  std::optional<CheckedContract> read;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(read, ReadChecked(tx, ContractId(id)));
    if (!read || !read->check.ok) return Status::Ok();
    ASSIGN_OR_RETURN(out.contract, DecodeStored(read->stored.doc));
    // Earlier versions matter only when the caller holds a copy that is not the current one.
    if (asked_digest.empty() || asked_digest == out.contract->digest) return Status::Ok();
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
  out.registered = read.has_value();
  if (read && !read->check.ok) {
    out.integrity_ok = false;
    alarms_.Raise(request_id, AlarmedRecord::kContract, id, read->check.problem,
                  crypto::Sha256(read->stored.doc));
  }
  return out;
}

std::vector<domain::ContractStep> ContractQueries::AllowedActions(const domain::Actor& a,
                                                                  const domain::Contract& c) const {
  return domain::AllowedContractActions(a, domain::FactsOf(c), node());
}

}  // namespace corridor::service
