#include "service/mobility_queries.hpp"

namespace corridor::service {
namespace {

using domain::Role;

template <typename T>
std::string NextAfter(const std::vector<T>& list, const store::Page& page) {
  return static_cast<int>(list.size()) == page.limit ? list.back().id.value() : "";
}

}  // namespace

MobilityQueries::MobilityQueries(store::Store& store, AccessLog& access)
    : store_(store), access_(access) {}

Result<Listing<PermitItem>> MobilityQueries::Permits(const domain::Actor& a,
                                                     std::optional<WorkerId> worker,
                                                     const store::Page& page) {
  if (a.role == Role::kWorker) worker = a.worker;
  if (!domain::RoleSeesPermits(a))
    return Status::PermissionDenied("this role does not see permits");
  std::vector<domain::Permit> list;
  std::vector<domain::Contract> contracts;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(list, tx.ListPermits(worker, page));
    for (const auto& p : list) {
      ASSIGN_OR_RETURN(auto ct, tx.GetContract(p.contract));
      contracts.push_back(std::move(ct));
    }
    return Status::Ok();
  }));
  Listing<PermitItem> out;
  out.next = NextAfter(list, page);
  for (size_t i = 0; i < list.size(); ++i) {
    if (!domain::MayViewPermit(a, contracts[i], node())) continue;
    access_.Record(a, "list", "permit", list[i].id.value(), true);
    auto actions = domain::AllowedPermitActions(a, list[i], contracts[i], node());
    out.items.push_back({std::move(list[i]), std::move(actions)});
  }
  return out;
}

Result<PermitItem> MobilityQueries::Permit(const domain::Actor& a, const PermitId& id) {
  std::optional<domain::Permit> permit;
  domain::Contract contract;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    auto p = tx.GetPermit(id);
    if (!p.ok()) return p.status().code() == Code::kNotFound ? Status::Ok() : p.status();
    permit = std::move(*p);
    ASSIGN_OR_RETURN(contract, tx.GetContract(permit->contract));
    return Status::Ok();
  }));
  // A permit the reader may not see is missing to them, exactly like one that does not exist.
  const bool allowed = permit && domain::MayViewPermit(a, contract, node());
  access_.Record(a, "view", "permit", id.value(), allowed);
  if (!allowed) return Status::NotFound("permit " + id.value() + " does not exist");
  auto actions = domain::AllowedPermitActions(a, *permit, contract, node());
  return PermitItem{std::move(*permit), std::move(actions)};
}

Result<Listing<TransferItem>> MobilityQueries::Transfers(const domain::Actor& a,
                                                         const store::Page& page) {
  std::optional<WorkerId> worker;
  if (a.role == Role::kWorker) worker = a.worker;
  std::vector<domain::Transfer> list;
  std::vector<std::optional<domain::ContractFacts>> offers;
  Date today;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(list, tx.ListTransfers(worker, page));
    for (const auto& t : list) {
      auto offer = tx.GetContract(t.to_contract);
      if (!offer.ok() && offer.status().code() != Code::kNotFound) return offer.status();
      offers.push_back(offer.ok() ? std::optional(domain::FactsOf(*offer)) : std::nullopt);
    }
    return Status::Ok();
  }));
  today = store_.clock().Now().date();
  Listing<TransferItem> out;
  out.next = NextAfter(list, page);
  for (size_t i = 0; i < list.size(); ++i) {
    const domain::Transfer& t = list[i];
    bool allowed = false;
    switch (a.role) {
      case Role::kWorker:
        allowed = true;  // scoped to the worker above
        break;
      case Role::kEmployer:
        allowed = a.employer == t.from_employer || a.employer == t.to_employer;
        break;
      case Role::kDestinationOfficer:
        allowed = a.country == node().country;
        break;
      default:
        allowed = false;
    }
    if (!allowed) continue;
    access_.Record(a, "list", "transfer", t.id.value(), true);
    std::vector<domain::TransferStep> actions;
    if (offers[i]) actions = domain::AllowedTransferActions(a, t, *offers[i], node(), today);
    out.items.push_back({std::move(list[i]), std::move(actions)});
  }
  return out;
}

Result<std::vector<domain::ExitNotice>> MobilityQueries::ExitNotices(const domain::Actor& a,
                                                                     const WorkerId& id) {
  std::optional<domain::Worker> worker;
  std::vector<domain::Contract> contracts;
  std::vector<domain::ExitNotice> list;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    auto w = tx.GetWorker(id);
    if (!w.ok()) return w.status().code() == Code::kNotFound ? Status::Ok() : w.status();
    worker = std::move(*w);
    store::ContractFilter f;
    f.worker = id;
    ASSIGN_OR_RETURN(contracts, tx.ListContracts(f, {"", 1000}));
    ASSIGN_OR_RETURN(list, tx.ListExitNotices(id, {"", 200}));
    return Status::Ok();
  }));
  // Whoever may see the worker sees their exit notices; the border always (it checks them).
  const bool allowed = worker && (a.role == Role::kBorderOfficer
                                      ? a.country == node().country
                                      : domain::MayViewWorker(a, *worker, contracts, node()));
  access_.Record(a, "view", "exit_notices", id.value(), allowed);
  if (!allowed) return Status::NotFound("worker " + id.value() + " does not exist");
  return list;
}

Result<PermitItem> MobilityQueries::WithActions(const domain::Actor& a, domain::Permit p) {
  domain::Contract c;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(c, tx.GetContract(p.contract));
    return Status::Ok();
  }));
  auto actions = domain::AllowedPermitActions(a, p, c, node());
  return PermitItem{std::move(p), std::move(actions)};
}

Result<TransferItem> MobilityQueries::WithActions(const domain::Actor& a, domain::Transfer t) {
  domain::Contract offer;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(offer, tx.GetContract(t.to_contract));
    return Status::Ok();
  }));
  auto actions = domain::AllowedTransferActions(a, t, domain::FactsOf(offer), node(),
                                                store_.clock().Now().date());
  return TransferItem{std::move(t), std::move(actions)};
}

}  // namespace corridor::service
