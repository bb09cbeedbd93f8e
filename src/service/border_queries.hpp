// Reads of the border's records: crossings (a worker sees their own; the node's border sees all),
// screening hits and overstays (the border only), and the watchlists' versions (the border and
// administrators). Each decides access with the rules of domain/border.hpp, logs a decision on a
// person's record, and returns the records; see service/queries.hpp for the pattern.
//
// Thread-safety: shared by all threads; no state of its own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "domain/access.hpp"
#include "domain/border.hpp"
#include "service/accounts.hpp"
#include "service/queries.hpp"
#include "store/border_store.hpp"
#include "store/store.hpp"

namespace corridor::service {

// What a caller asks of the crossings; the query narrows it to what the caller may see.
struct CrossingQuery {
  std::string worker;  // a worker id, as asked
  std::string document_number;
  std::string issuing_state;
  store::Page page;
};

class BorderQueries {
 public:
  BorderQueries(store::Store& store, AccessLog& access);

  Result<Listing<domain::Crossing>> Crossings(const domain::Actor& a, const CrossingQuery& q);
  Result<domain::Crossing> Crossing(const domain::Actor& a, const domain::CrossingId& id);
  Result<Listing<domain::ScreeningHit>> Hits(const domain::Actor& a, const store::HitFilter& f,
                                             const store::Page& page);
  Result<domain::ScreeningHit> Hit(const domain::Actor& a, const domain::HitId& id);
  // Before a decision on a hit is read from the request: OK, or NotFound for a caller who may not
  // review hits (logged either way).
  Status CheckMayDecideHit(const domain::Actor& a, const domain::HitId& id);
  Result<Listing<domain::OverstayFlag>> Overstays(const domain::Actor& a, bool open_only,
                                                  const store::Page& page);
  Result<std::vector<store::ListVersionInfo>> Watchlists(const domain::Actor& a);
  Result<std::vector<store::ListVersionInfo>> WatchlistVersions(const domain::Actor& a,
                                                                const std::string& list);

 private:
  domain::NodeContext node() const { return {store_.identity().country}; }
  store::Store& store_;
  AccessLog& access_;
};

}  // namespace corridor::service
