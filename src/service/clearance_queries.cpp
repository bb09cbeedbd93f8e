#include "service/clearance_queries.hpp"

#include "codec/clearance.hpp"
#include "store/clearance_store.hpp"

namespace corridor::service {
namespace {

using domain::Role;

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

// The store filter that scopes a list of clearances to what `a` may see.
Result<store::ClearanceFilter> Scope(const domain::Actor& a, const domain::NodeContext& node) {
  store::ClearanceFilter f;
  switch (a.role) {
    case Role::kSystem:
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
    case Role::kWorker:
      if (!a.worker) return Status::PermissionDenied("this account names no worker");
      f.worker = a.worker;
      break;
    default:
      return Status::PermissionDenied("this role does not see departure clearances");
  }
  return f;
}

struct CheckedClearance {
  store::StoredClearance stored;
  store::RecordCheck check;
};

// The stored clearance checked against the ledger, or nullopt when there is none.
Result<std::optional<CheckedClearance>> ReadChecked(store::ReadTx& tx,
                                                    const domain::ClearanceId& id) {
  ASSIGN_OR_RETURN(auto stored, store::GetStoredClearance(tx, id));
  if (!stored) return std::optional<CheckedClearance>();
  ASSIGN_OR_RETURN(auto check, store::CheckClearance(tx, id, *stored));
  return std::optional<CheckedClearance>(CheckedClearance{std::move(*stored), std::move(check)});
}

Result<domain::Clearance> DecodeStored(const std::string& doc) {
  auto v = json::Parse(doc);
  if (!v.ok()) return Status::DataLoss("a stored clearance is not valid JSON");
  auto c = codec::ClearanceFromJson(*v);
  if (!c.ok()) {
    return Status::DataLoss("a stored clearance does not decode").WithDetail(c.status().ToString());
  }
  return c;
}

Status NotPresented(const domain::ClearanceId& id) {
  return Status::DataLoss("clearance " + id.value() +
                          " is not presented: its stored record does not agree with the node's "
                          "ledger; the node's administrator has been alerted");
}

}  // namespace

std::optional<ClearanceItem> ClearanceFor(const domain::Actor& a, domain::Clearance c,
                                          const domain::NodeContext& node, Date today) {
  const domain::ClearanceSight sight =
      domain::SightOfClearance(a, c.worker, c.origin_country, c.destination_country, node);
  if (sight == domain::ClearanceSight::kNone) return std::nullopt;
  if (sight == domain::ClearanceSight::kCrossingForm) c = domain::CrossingForm(std::move(c));
  auto allowed = domain::AllowedClearanceActions(a, c, node);
  const domain::ClearanceStanding standing = domain::StandingOn(c, today);
  return ClearanceItem{{std::move(c), standing}, std::move(allowed)};
}

ClearanceQueries::ClearanceQueries(store::Store& store, AccessLog& access,
                                   const Clearances& clearances, IntegrityAlarms* alarms)
    : store_(store), access_(access), clearances_(clearances), alarms_(alarms) {}

Result<std::vector<domain::OrientationCompletion>> ClearanceQueries::Orientations(
    const domain::Actor& a, const WorkerId& worker) {
  std::optional<domain::Worker> w;
  std::vector<domain::OrientationCompletion> out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(w, Found(tx.GetWorker(worker)));
    if (!w || !domain::MayViewClearanceRecords(a, w->id, w->nationality, node())) {
      return Status::Ok();
    }
    ASSIGN_OR_RETURN(out, store::ListOrientations(tx, worker));
    return Status::Ok();
  }));
  const bool allowed = w && domain::MayViewClearanceRecords(a, w->id, w->nationality, node());
  access_.Record(a, "list", "orientation", worker.value(), allowed);
  if (!allowed) return NoSuchWorker(worker);
  return out;
}

Result<std::vector<domain::MedicalFitness>> ClearanceQueries::Medical(const domain::Actor& a,
                                                                      const WorkerId& worker) {
  std::optional<domain::Worker> w;
  std::vector<domain::MedicalFitness> out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(w, Found(tx.GetWorker(worker)));
    if (!w || !domain::MayViewClearanceRecords(a, w->id, w->nationality, node())) {
      return Status::Ok();
    }
    ASSIGN_OR_RETURN(out, store::ListMedical(tx, worker));
    return Status::Ok();
  }));
  const bool allowed = w && domain::MayViewClearanceRecords(a, w->id, w->nationality, node());
  access_.Record(a, "list", "medical", worker.value(), allowed);
  if (!allowed) return NoSuchWorker(worker);
  return out;
}

Result<std::vector<domain::InsurancePolicy>> ClearanceQueries::Insurance(
    const domain::Actor& a, const ContractId& contract) {
  bool allowed = false;
  std::vector<domain::InsurancePolicy> out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto c, Found(tx.GetContract(contract)));
    allowed =
        c && domain::MayViewClearanceRecords(a, c->terms.worker, c->terms.origin_country, node());
    if (!allowed) return Status::Ok();
    ASSIGN_OR_RETURN(out, store::ListInsurance(tx, contract));
    return Status::Ok();
  }));
  access_.Record(a, "list", "insurance", contract.value(), allowed);
  if (!allowed) return NoSuchContract(contract);
  return out;
}

Result<ClearanceCheckView> ClearanceQueries::Check(const domain::Actor& a,
                                                   const ContractId& contract) {
  bool allowed = false;
  std::optional<ClearanceCheckView> out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto c, Found(tx.GetContract(contract)));
    allowed =
        c && domain::MayViewClearanceRecords(a, c->terms.worker, c->terms.origin_country, node());
    if (!allowed) return Status::Ok();
    const std::string origin = c->terms.origin_country;
    if (origin != node().country) {
      return Status::FailedPrecondition("the clearance of contract " + contract.value() +
                                        " is checked on the node of " + origin);
    }
    ASSIGN_OR_RETURN(const domain::ClearanceRequirements* rules,
                     clearances_.RequirementsOf(origin));
    const Date today = store_.clock().Now().date();
    ASSIGN_OR_RETURN(auto held, store::LatestClearanceForContract(tx, contract));
    const bool issued =
        held && domain::StandingOn(*held, today) == domain::ClearanceStanding::kValid;
    ASSIGN_OR_RETURN(auto gathered, GatherClearanceFacts(tx, std::move(*c)));
    ClearanceCheckView v{contract, domain::CheckRequirements(*rules, gathered.Facts(today)), {}};
    v.allowed_actions = domain::AllowedClearanceCheckActions(a, v.check, origin, issued, node());
    out = std::move(v);
    return Status::Ok();
  }));
  access_.Record(a, "check", "clearance", contract.value(), allowed);
  if (!allowed) return NoSuchContract(contract);
  return std::move(*out);
}

Result<ClearanceItem> ClearanceQueries::Get(const domain::Actor& a, const domain::ClearanceId& id) {
  std::optional<domain::Clearance> c;
  Date today;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(c, Found(store::GetClearance(tx, id)));
    today = store_.clock().Now().date();
    return Status::Ok();
  }));
  std::optional<ClearanceItem> item;
  if (c) item = ClearanceFor(a, std::move(*c), node(), today);
  access_.Record(a, "view", "clearance", id.value(), item.has_value());
  if (!item) return Status::NotFound("clearance " + id.value() + " does not exist");
  return std::move(*item);
}

Result<Listing<ClearanceItem>> ClearanceQueries::List(const domain::Actor& a,
                                                      const ClearanceListQuery& q) {
  ASSIGN_OR_RETURN(store::ClearanceFilter f, Scope(a, node()));
  Listing<ClearanceItem> out;
  if (q.worker) {
    // One worker's clearances, within the caller's scope; a worker asking for another's gets none.
    if (f.worker && *f.worker != *q.worker) return out;
    f.worker = q.worker;
  }
  f.contract = q.contract;
  std::vector<domain::Clearance> list;
  Date today;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(list, store::ListClearances(tx, f, q.page));
    today = store_.clock().Now().date();
    return Status::Ok();
  }));
  if (static_cast<int>(list.size()) == q.page.limit) out.next = list.back().id.value();
  for (auto& c : list) {
    const std::string id = c.id.value();
    auto item = ClearanceFor(a, std::move(c), node(), today);
    if (!item) continue;
    access_.Record(a, "list", "clearance", id, true);
    out.items.push_back(std::move(*item));
  }
  return out;
}

Result<Listing<ClearanceQueueItem>> ClearanceQueries::Queue(const domain::Actor& a,
                                                            const store::Page& page) {
  const std::string country = node().country;
  if (Status may = domain::CheckMayClear(a, country, node()); !may.ok()) {
    access_.Record(a, "queue", "clearance", country, false);
    return may;
  }
  ASSIGN_OR_RETURN(const domain::ClearanceRequirements* rules, clearances_.RequirementsOf(country));
  // Contracts cleared already are skipped; a page reads at most this many batches of candidates,
  // so one request's work is bounded however many are cleared.
  constexpr int kMaxBatches = 20;
  Listing<ClearanceQueueItem> out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    const Date today = store_.clock().Now().date();
    store::Page batch_page = page;
    for (int batch = 0; batch < kMaxBatches; ++batch) {
      ASSIGN_OR_RETURN(auto candidates, store::ListClearanceCandidates(tx, country, batch_page));
      for (auto& candidate : candidates) {
        batch_page.after = candidate.contract.id.value();
        std::optional<ClearanceView> last;
        if (candidate.latest) {
          const domain::ClearanceStanding standing = domain::StandingOn(*candidate.latest, today);
          if (standing == domain::ClearanceStanding::kValid) continue;
          last = ClearanceView{std::move(*candidate.latest), standing};
        }
        ASSIGN_OR_RETURN(auto gathered, GatherClearanceFacts(tx, std::move(candidate.contract)));
        domain::ClearanceCheck check = domain::CheckRequirements(*rules, gathered.Facts(today));
        ClearanceQueueItem item{
            std::move(gathered.contract), std::move(check), std::move(last), {}};
        item.allowed_actions =
            domain::AllowedClearanceCheckActions(a, item.check, country, false, node());
        out.items.push_back(std::move(item));
        if (static_cast<int>(out.items.size()) == page.limit) {
          out.next = batch_page.after;
          return Status::Ok();
        }
      }
      if (static_cast<int>(candidates.size()) < batch_page.limit) return Status::Ok();
    }
    out.next = batch_page.after;  // the scan's bound: the next page goes on from here
    return Status::Ok();
  }));
  for (const auto& item : out.items) {
    access_.Record(a, "queue", "clearance", item.contract.id.value(), true);
  }
  return out;
}

ClearanceItem ClearanceQueries::WithActions(const domain::Actor& a, domain::Clearance c) const {
  const Date today = store_.clock().Now().date();
  auto item = ClearanceFor(a, c, node(), today);
  if (item) return std::move(*item);
  // The caller just acted on it, so it may see it; a system actor sees it all.
  const domain::ClearanceStanding standing = domain::StandingOn(c, today);
  return ClearanceItem{{std::move(c), standing}, {}};
}

Result<PrintableClearance> ClearanceQueries::Printable(const domain::Actor& a,
                                                       const domain::ClearanceId& id) {
  std::optional<CheckedClearance> read;
  std::optional<PrintableClearance> out;
  // The document is the worker's: only those who see all of the clearance print it.
  auto sees_all = [&](const store::StoredClearance& s) {
    return domain::SightOfClearance(a, s.worker, s.origin_country, s.destination_country, node()) ==
           domain::ClearanceSight::kFull;
  };
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(read, ReadChecked(tx, id));
    if (!read || !read->check.ok || !sees_all(read->stored)) return Status::Ok();
    PrintableClearance p;
    ASSIGN_OR_RETURN(p.clearance, DecodeStored(read->stored.doc));
    p.standing = domain::StandingOn(p.clearance, store_.clock().Now().date());
    ASSIGN_OR_RETURN(p.worker, tx.GetWorker(p.clearance.worker));
    ASSIGN_OR_RETURN(auto contract, Found(tx.GetContract(p.clearance.contract)));
    if (contract) {
      p.position = contract->terms.position;
      ASSIGN_OR_RETURN(auto employer, Found(tx.GetEmployer(contract->terms.employer)));
      if (employer) p.employer = employer->name;
    }
    out = std::move(p);
    return Status::Ok();
  }));
  const bool allowed = read && sees_all(read->stored);
  access_.Record(a, "print", "clearance", id.value(), allowed);
  if (read && !read->check.ok && alarms_ != nullptr) {
    alarms_->Raise(a.request_id, AlarmedRecord::kClearance, id.value(), read->check.problem,
                   crypto::Sha256(read->stored.doc));
  }
  if (!allowed) return Status::NotFound("clearance " + id.value() + " does not exist");
  if (!read->check.ok) return NotPresented(id);
  return std::move(*out);
}

Result<PublicClearanceCheck> ClearanceQueries::PublicCheck(const std::string& id,
                                                           std::string_view request_id) {
  PublicClearanceCheck out;
  if (!CheckIdText(id).ok()) return out;
  const domain::ClearanceId cid(id);
  std::optional<CheckedClearance> read;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(read, ReadChecked(tx, cid));
    if (!read || !read->check.ok) return Status::Ok();
    ASSIGN_OR_RETURN(out.clearance, DecodeStored(read->stored.doc));
    out.standing = domain::StandingOn(*out.clearance, store_.clock().Now().date());
    return Status::Ok();
  }));
  out.registered = read.has_value();
  if (read && !read->check.ok) {
    out.integrity_ok = false;
    if (alarms_ != nullptr) {
      alarms_->Raise(request_id, AlarmedRecord::kClearance, id, read->check.problem,
                     crypto::Sha256(read->stored.doc));
    }
  }
  return out;
}

}  // namespace corridor::service
