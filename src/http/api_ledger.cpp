// Ledger routes: the signed tree head, inclusion and consistency proofs (hashes only, no personal
// data), and event bytes for the authorities.
#include "domain/border.hpp"
#include "domain/cases.hpp"
#include "http/api.hpp"
#include "http/api_support.hpp"
#include "service/ledger_reads.hpp"

namespace corridor::http {
namespace {

Result<uint64_t> NumberParam(const Call& c, const char* name) {
  const std::string v = c.q(name);
  if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos) {
    return Status::InvalidArgument("must be a whole number", name);
  }
  return std::stoull(v);
}

}  // namespace

void Api::AddLedgerRoutes() {
  router_.Add("GET", "/api/v1/ledger/head", Authed(accounts_, [this](Call&) -> Result<Response> {
                ASSIGN_OR_RETURN(auto head, service::LedgerHead(registry_.store()));
                return Json(200, head);
              }));
  router_.Add("GET", "/api/v1/ledger/proofs/inclusion",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(uint64_t index, NumberParam(c, "index"));
                ASSIGN_OR_RETURN(uint64_t size, NumberParam(c, "size"));
                ASSIGN_OR_RETURN(auto proof,
                                 service::LedgerInclusionProof(registry_.store(), index, size));
                return Json(200, proof);
              }));
  router_.Add("GET", "/api/v1/ledger/proofs/consistency",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(uint64_t old_size, NumberParam(c, "old"));
                ASSIGN_OR_RETURN(uint64_t new_size, NumberParam(c, "new"));
                ASSIGN_OR_RETURN(auto proof, service::LedgerConsistencyProof(registry_.store(),
                                                                             old_size, new_size));
                return Json(200, proof);
              }));
  router_.Add(
      "GET", "/api/v1/ledger/events/{index}",
      Authed(accounts_, [this](Call& c) -> Result<Response> {
        // Events carry the facts of changes, personal data among them: the authorities only, and
        // the border's own events (crossings, screening, overstays) the border only.
        const bool border = domain::IsBorderAuthority(c.actor, registry_.node());
        if (!border) {
          RETURN_IF_ERROR(RequireRole(
              c.actor, {domain::Role::kOriginOfficer, domain::Role::kDestinationOfficer}));
        }
        const std::string& p = c.param("index");
        if (p.size() > 18 || p.find_first_not_of("0123456789") != std::string::npos) {
          return Status::InvalidArgument("must be a whole number", "index");
        }
        ASSIGN_OR_RETURN(auto bytes, registry_.store().EventBytes(std::stoull(p)));
        if (!bytes) return Status::NotFound("no event " + p);
        auto event = json::Parse(*bytes);
        const json::Value* type = event.ok() ? event->Get("type") : nullptr;
        const std::string t = type && type->is_string() ? type->AsString() : "";
        const bool border_event = t.rfind("crossing.", 0) == 0 || t.rfind("screening.", 0) == 0 ||
                                  t.rfind("overstay.", 0) == 0;
        const bool list_event = t.rfind("watchlist.", 0) == 0;  // no personal data: both may read
        // Protection's events are read through their case, under its need-to-know, never here.
        if (domain::IsProtectionEventName(t) || (!list_event && border != border_event)) {
          access_.Record(c.actor, "view", "ledger_event", p, false);
          return Status::NotFound("no event " + p);
        }
        access_.Record(c.actor, "view", "ledger_event", p, true);
        Response r;
        r.body = *bytes;  // the exact leaf bytes, so a client can hash them itself
        return r;
      }));
}

}  // namespace corridor::http
