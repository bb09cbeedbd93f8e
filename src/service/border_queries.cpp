#include "service/border_queries.hpp"

namespace corridor::service {
namespace {

template <typename T>
Listing<T> Page(std::vector<T> items, const store::Page& page) {
  Listing<T> out;
  if (static_cast<int>(items.size()) == page.limit) out.next = items.back().id.value();
  out.items = std::move(items);
  return out;
}

Status CheckMaySeeWatchlists(const domain::Actor& a, const domain::NodeContext& node) {
  if (domain::IsBorderAuthority(a, node) || a.role == domain::Role::kAdministrator) {
    return Status::Ok();
  }
  return Status::PermissionDenied("only the border and administrators see watchlists");
}

}  // namespace

BorderQueries::BorderQueries(store::Store& store, AccessLog& access)
    : store_(store), access_(access) {}

Result<Listing<domain::Crossing>> BorderQueries::Crossings(const domain::Actor& a,
                                                           const CrossingQuery& q) {
  store::CrossingFilter f;
  if (a.role == domain::Role::kWorker && a.worker) {
    f.worker = a.worker;  // their own, whatever they ask
  } else if (domain::IsBorderAuthority(a, node())) {
    if (!q.worker.empty()) {
      RETURN_IF_ERROR(CheckIdText(q.worker).WithField("worker"));
      f.worker = WorkerId(q.worker);
    }
    if (q.document_number.empty() != q.issuing_state.empty()) {
      return Status::InvalidArgument(
          "document_number and issuing_state go together",
          q.document_number.empty() ? "document_number" : "issuing_state");
    }
    if (!q.document_number.empty()) f.document_key = q.issuing_state + ":" + q.document_number;
  } else {
    return Status::PermissionDenied("this role does not see crossings");
  }
  std::vector<domain::Crossing> list;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(list, store::ListCrossings(tx, f, q.page));
    return Status::Ok();
  }));
  for (const auto& x : list) access_.Record(a, "list", "crossing", x.id.value(), true);
  return Page(std::move(list), q.page);
}

Result<domain::Crossing> BorderQueries::Crossing(const domain::Actor& a,
                                                 const domain::CrossingId& id) {
  std::optional<domain::Crossing> crossing;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    auto x = store::GetCrossing(tx, id);
    if (!x.ok()) return x.status().code() == Code::kNotFound ? Status::Ok() : x.status();
    crossing = std::move(*x);
    return Status::Ok();
  }));
  const bool allowed = crossing && domain::MayViewCrossing(a, *crossing, node());
  access_.Record(a, "view", "crossing", id.value(), allowed);
  if (!allowed) return Status::NotFound("crossing " + id.value() + " does not exist");
  return std::move(*crossing);
}

Result<Listing<domain::ScreeningHit>> BorderQueries::Hits(const domain::Actor& a,
                                                          const store::HitFilter& f,
                                                          const store::Page& page) {
  RETURN_IF_ERROR(domain::CheckMayReviewHits(a, node()));
  std::vector<domain::ScreeningHit> list;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(list, store::ListHits(tx, f, page));
    return Status::Ok();
  }));
  for (const auto& h : list) access_.Record(a, "list", "screening_hit", h.id.value(), true);
  return Page(std::move(list), page);
}

Result<domain::ScreeningHit> BorderQueries::Hit(const domain::Actor& a, const domain::HitId& id) {
  const bool allowed = domain::CheckMayReviewHits(a, node()).ok();
  access_.Record(a, "view", "screening_hit", id.value(), allowed);
  if (!allowed) return Status::NotFound("hit " + id.value() + " does not exist");
  std::optional<domain::ScreeningHit> hit;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(hit, store::GetHit(tx, id));
    return Status::Ok();
  }));
  return std::move(*hit);
}

Status BorderQueries::CheckMayDecideHit(const domain::Actor& a, const domain::HitId& id) {
  const bool allowed = domain::CheckMayReviewHits(a, node()).ok();
  access_.Record(a, "decide", "screening_hit", id.value(), allowed);
  if (!allowed) return Status::NotFound("hit " + id.value() + " does not exist");
  return Status::Ok();
}

Result<Listing<domain::OverstayFlag>> BorderQueries::Overstays(const domain::Actor& a,
                                                               bool open_only,
                                                               const store::Page& page) {
  if (!domain::IsBorderAuthority(a, node())) {
    return Status::PermissionDenied("only the border sees overstays");
  }
  std::vector<domain::OverstayFlag> list;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(list, store::ListOverstays(tx, open_only, page));
    return Status::Ok();
  }));
  for (const auto& f : list) access_.Record(a, "list", "overstay", f.id.value(), true);
  return Page(std::move(list), page);
}

Result<std::vector<store::ListVersionInfo>> BorderQueries::Watchlists(const domain::Actor& a) {
  RETURN_IF_ERROR(CheckMaySeeWatchlists(a, node()));
  std::vector<store::ListVersionInfo> lists;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(lists, store::ListWatchlists(tx));
    return Status::Ok();
  }));
  return lists;
}

Result<std::vector<store::ListVersionInfo>> BorderQueries::WatchlistVersions(
    const domain::Actor& a, const std::string& list) {
  RETURN_IF_ERROR(CheckMaySeeWatchlists(a, node()));
  std::vector<store::ListVersionInfo> versions;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(versions, store::ListWatchlistVersions(tx, list));
    return Status::Ok();
  }));
  if (versions.empty()) return Status::NotFound("no list " + list + " is stored");
  return versions;
}

}  // namespace corridor::service
