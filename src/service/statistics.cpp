#include "service/statistics.hpp"

#include <optional>
#include <string>

#include "domain/border.hpp"
#include "ledger/event.hpp"
#include "store/border_store.hpp"
#include "store/statistics_store.hpp"

namespace corridor::service {
namespace {

using domain::EventType;

// A record the event names that is not in the store (nothing deletes records, so only a store
// edited behind the node's back lacks one): the event is counted without the facts it would give.
template <typename T>
Result<std::optional<T>> Found(Result<T> r) {
  if (r.ok()) return std::optional<T>(std::move(*r));
  if (r.status().code() == Code::kNotFound) return std::optional<T>();
  return r.status();
}

// Reads the facts of one event inside the fold's transaction.
class Facts {
 public:
  Facts(store::Connection& conn, std::string country) : tx_(conn), country_(std::move(country)) {}
  store::ReadTx& tx() { return tx_; }

  Status Worker(const WorkerId& id, Date on, domain::StatFacts& f) {
    ASSIGN_OR_RETURN(auto w, Found(tx_.GetWorker(id)));
    if (!w) return Status::Ok();
    if (f.origin.empty()) f.origin = w->nationality;
    f.sex = std::string(domain::ToString(w->sex));
    f.age_band = domain::AgeBand(w->date_of_birth, on);
    return Status::Ok();
  }

  // The contract's corridor, occupation and employer size band, and its worker's facts.
  Status Contract(const domain::Contract& c, Date on, const std::string& month,
                  domain::StatFacts& f) {
    f.origin = c.terms.origin_country;
    f.destination = c.terms.destination_country;
    f.isco_major = domain::IscoMajor(c.terms.isco_code);
    ASSIGN_OR_RETURN(auto activity,
                     store::GetEmployerActivity(tx_.conn(), c.terms.employer.value()));
    f.size_band = domain::SizeBand(domain::ActivityIn(activity, month).at_month_start);
    return Worker(c.terms.worker, on, f);
  }

  Result<std::optional<domain::Contract>> Contract(const ContractId& id) {
    return Found(tx_.GetContract(id));
  }

  // A crossing's traveller: the registry's worker when it knows the passport, else only the
  // document's nationality. The border is this node's.
  Status Crossing(const domain::Crossing& c, domain::StatFacts& f) {
    f.destination = country_;
    if (c.worker) return Worker(*c.worker, c.time.date(), f);
    f.origin = c.document.nationality;
    return Status::Ok();
  }

  const std::string& country() const { return country_; }

 private:
  store::ReadTx tx_;
  std::string country_;
};

bool IsContractState(EventType t) {
  switch (t) {
    case EventType::kContractDrafted:
    case EventType::kContractOffered:
    case EventType::kContractAccepted:
    case EventType::kContractRejected:
    case EventType::kContractWithdrawn:
    case EventType::kContractAttested:
    case EventType::kContractAuthenticated:
    case EventType::kContractActivated:
    case EventType::kContractEnded:
    case EventType::kContractSubstitutionFlagged:
      return true;
    default:
      return false;
  }
}

// What the fold needs of one event, and for a contract event its employer, whose active
// contracts it may change.
struct Prepared {
  domain::StatEvent event;
  domain::StatFacts facts;
  std::optional<EmployerId> employer;
};

Result<Prepared> Prepare(Facts& facts, const store::LedgerRow& row, EventType type) {
  Prepared p;
  p.event.type = type;
  p.event.subject = row.subject;
  p.event.time = row.time;
  const Date on = row.time.date();
  const std::string month = domain::MonthOf(row.time);
  domain::StatFacts& f = p.facts;
  if (IsContractState(type)) {
    ASSIGN_OR_RETURN(auto c, facts.Contract(ContractId(row.subject)));
    if (c) {
      RETURN_IF_ERROR(facts.Contract(*c, on, month, f));
      p.employer = c->terms.employer;
    }
    return p;
  }
  switch (type) {
    case EventType::kPermitIssued:
    case EventType::kPermitCancelled:
    case EventType::kPermitAmended:
    case EventType::kPermitRenewed: {
      ASSIGN_OR_RETURN(auto permit, Found(facts.tx().GetPermit(PermitId(row.subject))));
      if (!permit) return p;
      // The permit's end as it stands: a rebuild folds its issue with the end its renewals gave
      // it, and their events then find nothing to move, as the incremental fold ends.
      if (type != EventType::kPermitCancelled) p.event.valid_until = permit->valid_until;
      ASSIGN_OR_RETURN(auto c, facts.Contract(permit->contract));
      if (!c) return p;
      RETURN_IF_ERROR(facts.Contract(*c, on, month, f));
      // A permit is cancelled when its contract ends: it ends for the contract's reason.
      if (type == EventType::kPermitCancelled && c->end_reason) {
        p.event.value = std::string(domain::ToString(*c->end_reason));
      }
      return p;
    }
    case EventType::kTransferCompleted: {
      ASSIGN_OR_RETURN(auto t, Found(facts.tx().GetTransfer(TransferId(row.subject))));
      if (!t) return p;
      p.event.value = domain::JobChangeNotice(t->notice_waived, t->waiver_reason);
      ASSIGN_OR_RETURN(auto c, facts.Contract(t->to_contract));
      if (c) RETURN_IF_ERROR(facts.Contract(*c, on, month, f));
      return p;
    }
    case EventType::kExitNotified: {
      ASSIGN_OR_RETURN(auto n, Found(facts.tx().GetExitNotice(NoticeId(row.subject))));
      if (!n) return p;
      p.event.value = std::string(domain::ToString(n->kind));
      std::optional<domain::Contract> c;
      if (n->contract) {
        ASSIGN_OR_RETURN(c, facts.Contract(*n->contract));
      }
      if (c) {
        RETURN_IF_ERROR(facts.Contract(*c, on, month, f));
      } else {
        RETURN_IF_ERROR(facts.Worker(n->worker, on, f));
      }
      return p;
    }
    case EventType::kCrossingRecorded: {
      ASSIGN_OR_RETURN(auto c,
                       Found(store::GetCrossing(facts.tx(), domain::CrossingId(row.subject))));
      if (!c) return p;
      p.event.value = std::string(domain::ToString(c->direction));
      RETURN_IF_ERROR(facts.Crossing(*c, f));
      return p;
    }
    case EventType::kOverstayFlagged:
    case EventType::kOverstayDeparted: {
      // Both events name the entry that was not followed by an exit in time.
      ASSIGN_OR_RETURN(auto e, ledger::DecodeEvent(row.event));
      f.destination = facts.country();
      const json::Value* entry = e.data.Get("entry");
      if (entry == nullptr || !entry->is_string()) return p;
      ASSIGN_OR_RETURN(
          auto c, Found(store::GetCrossing(facts.tx(), domain::CrossingId(entry->AsString()))));
      if (c) RETURN_IF_ERROR(facts.Crossing(*c, f));
      return p;
    }
    default:
      // Screening hits: the destination (this node's border) and the month, nothing else.
      f.destination = facts.country();
      return p;
  }
}

Status FoldOne(Facts& facts, const store::LedgerRow& row) {
  const auto type = domain::ParseEventType(row.type);
  if (!type || !domain::IsFolded(*type)) return Status::Ok();
  store::Connection& conn = facts.tx().conn();
  ASSIGN_OR_RETURN(Prepared p, Prepare(facts, row, *type));
  ASSIGN_OR_RETURN(auto places, store::StatPlacesOf(conn, row.subject));
  const domain::StatFold out = domain::FoldEvent(p.event, p.facts, places);
  RETURN_IF_ERROR(store::AddStatDeltas(conn, out.deltas));
  for (const auto& place : out.removed) RETURN_IF_ERROR(store::DeleteStatPlace(conn, place));
  for (const auto& place : out.set) RETURN_IF_ERROR(store::PutStatPlace(conn, place));
  // The employer's active contracts, for the size band of its later events.
  if (p.employer &&
      (*type == EventType::kContractActivated || *type == EventType::kContractEnded)) {
    bool was_active = false;
    for (const auto& place : places) {
      if (place.indicator == domain::kStatContractsByState && place.key.extra == "active") {
        was_active = true;
      }
    }
    const int64_t change =
        *type == EventType::kContractActivated ? (was_active ? 0 : 1) : (was_active ? -1 : 0);
    if (change != 0) {
      ASSIGN_OR_RETURN(auto activity, store::GetEmployerActivity(conn, p.employer->value()));
      activity = domain::ActivityIn(activity, domain::MonthOf(row.time));
      activity.active += change;
      RETURN_IF_ERROR(store::PutEmployerActivity(conn, p.employer->value(), activity));
    }
  }
  return Status::Ok();
}

}  // namespace

Result<uint64_t> Statistics::FoldBatch() {
  ASSIGN_OR_RETURN(auto conn, store_.database().Acquire());
  uint64_t folded = 0;
  RETURN_IF_ERROR(store::InTransaction(*conn, true, [&]() -> Status {
    ASSIGN_OR_RETURN(uint64_t position, store::LockStatsPosition(*conn));
    ASSIGN_OR_RETURN(auto rows, store::LedgerEventsFrom(*conn, position, batch_));
    Facts facts(*conn, store_.identity().country);
    for (const auto& row : rows) {
      if (row.index != position + folded) {
        return Status::DataLoss("the ledger has no event " + std::to_string(position + folded));
      }
      Status s = FoldOne(facts, row);
      if (!s.ok()) return s.WithContext("folding ledger event " + std::to_string(row.index));
      ++folded;
    }
    if (folded == 0) return Status::Ok();
    return store::SetStatsPosition(*conn, position + folded);
  }));
  return folded;
}

Result<uint64_t> Statistics::FoldNew(uint64_t at_most) {
  uint64_t total = 0;
  while (total < at_most) {
    ASSIGN_OR_RETURN(uint64_t n, FoldBatch());
    if (n == 0) break;
    total += n;
  }
  return total;
}

Result<uint64_t> Statistics::Rebuild() {
  ASSIGN_OR_RETURN(auto conn, store_.database().Acquire());
  RETURN_IF_ERROR(store::InTransaction(*conn, true, [&]() -> Status {
    RETURN_IF_ERROR(store::LockStatsPosition(*conn).status());
    return store::ClearStatistics(*conn);
  }));
  return FoldNew();
}

Result<uint64_t> Statistics::Position() {
  uint64_t position = 0;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(position, store::StatsPosition(tx.conn()));
    return Status::Ok();
  }));
  return position;
}

Result<std::vector<domain::StatDelta>> Statistics::Counters(std::string_view indicator) {
  std::vector<domain::StatDelta> out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(out, store::ListStatCounters(tx.conn(), indicator));
    return Status::Ok();
  }));
  return out;
}

}  // namespace corridor::service
