// Registry routes: workers, employers, agencies, job orders, reference data.
#include <algorithm>
#include <set>

#include "codec/codec.hpp"
#include "http/api.hpp"
#include "http/api_support.hpp"
#include "http/views.hpp"

namespace corridor::http {
namespace {

using domain::Role;

// Every contract of the worker (for the access rules), in pages.
Status WorkerContracts(store::ReadTx& tx, const WorkerId& w, std::vector<domain::Contract>& out) {
  store::ContractFilter f;
  f.worker = w;
  store::Page page{"", 1000};
  for (;;) {
    ASSIGN_OR_RETURN(auto batch, tx.ListContracts(f, page));
    out.insert(out.end(), batch.begin(), batch.end());
    if (static_cast<int>(batch.size()) < page.limit) return Status::Ok();
    page.after = batch.back().id.value();
  }
}

template <typename T>
std::string NextCursor(const std::vector<T>& items, const store::Page& page) {
  return static_cast<int>(items.size()) == page.limit ? items.back().id.value() : "";
}

}  // namespace

void Api::AddRegistryRoutes() {
  // Workers.
  router_.Add("POST", "/api/v1/workers", Authed(accounts_, [this](Call& c) -> Result<Response> {
                return Idempotent(registry_.store(), c, [&]() -> Result<Response> {
                  ASSIGN_OR_RETURN(json::Value body, Body(c.request));
                  ASSIGN_OR_RETURN(domain::Worker w, codec::WorkerFromJson(body));
                  ASSIGN_OR_RETURN(w, registry_.RegisterWorker(c.actor, std::move(w)));
                  access_.Record(c.actor, "create", "worker", w.id.value(), true);
                  Response r = Json(201, WorkerView(c.actor, w));
                  r.set_header("Location", "/api/v1/workers/" + w.id.value());
                  return r;
                });
              }));
  router_.Add("GET", "/api/v1/workers/{id}", Authed(accounts_, [this](Call& c) -> Result<Response> {
                const WorkerId id(c.param("id"));
                std::optional<domain::Worker> worker;
                std::vector<domain::Contract> contracts;
                RETURN_IF_ERROR(registry_.store().Read([&](store::ReadTx& tx) -> Status {
                  auto w = tx.GetWorker(id);
                  if (!w.ok())
                    return w.status().code() == Code::kNotFound ? Status::Ok() : w.status();
                  worker = std::move(*w);
                  return WorkerContracts(tx, id, contracts);
                }));
                const bool allowed =
                    worker && domain::MayViewWorker(c.actor, *worker, contracts, registry_.node());
                access_.Record(c.actor, "view", "worker", id.value(), allowed);
                // Refused and absent look the same: a caller learns nothing about records it may
                // not see.
                if (!allowed) return Status::NotFound("worker " + id.value() + " does not exist");
                json::Value v = WorkerView(c.actor, *worker);
                return Json(200, v);
              }));
  router_.Add("GET", "/api/v1/workers", Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(store::Page page, PageOf(c));
                const std::string passport = c.q("passport_number");
                std::vector<domain::Worker> workers;
                RETURN_IF_ERROR(registry_.store().Read([&](store::ReadTx& tx) -> Status {
                  switch (c.actor.role) {
                    case Role::kWorker: {
                      ASSIGN_OR_RETURN(auto w, tx.GetWorker(*c.actor.worker));
                      workers.push_back(std::move(w));
                      return Status::Ok();
                    }
                    case Role::kOriginOfficer:
                    case Role::kSystem: {
                      store::WorkerFilter f;
                      f.nationality = c.actor.country;
                      f.passport_number = passport;
                      ASSIGN_OR_RETURN(workers, tx.ListWorkers(f, page));
                      return Status::Ok();
                    }
                    case Role::kBorderOfficer: {
                      // The border looks people up by passport, never browses.
                      if (passport.empty()) {
                        return Status::InvalidArgument(
                            "the border looks workers up by passport_number", "passport_number");
                      }
                      store::WorkerFilter f;
                      f.passport_number = passport;
                      ASSIGN_OR_RETURN(workers, tx.ListWorkers(f, page));
                      return Status::Ok();
                    }
                    case Role::kDestinationOfficer:
                    case Role::kEmbassy:
                    case Role::kEmployer:
                    case Role::kAgency: {
                      // Workers the caller sees through contracts it may see.
                      store::ContractFilter f;
                      if (c.actor.role == Role::kEmployer) f.employer = c.actor.employer;
                      if (c.actor.role == Role::kAgency) f.agency = c.actor.agency;
                      if (c.actor.role == Role::kDestinationOfficer)
                        f.destination_country = c.actor.country;
                      if (c.actor.role == Role::kEmbassy) {
                        f.origin_country = c.actor.country;
                        f.destination_country = registry_.node().country;
                      }
                      store::Page cp{"", 1000};
                      std::set<std::string> seen;
                      for (;;) {
                        ASSIGN_OR_RETURN(auto batch, tx.ListContracts(f, cp));
                        for (const auto& ct : batch) {
                          if (domain::MayViewContract(c.actor, ct, registry_.node())) {
                            seen.insert(ct.terms.worker.value());
                          }
                        }
                        if (static_cast<int>(batch.size()) < cp.limit) break;
                        cp.after = batch.back().id.value();
                      }
                      for (const auto& wid : seen) {
                        if (wid <= page.after) continue;
                        if (static_cast<int>(workers.size()) == page.limit) break;
                        ASSIGN_OR_RETURN(auto w, tx.GetWorker(WorkerId(wid)));
                        if (passport.empty() || w.passport.number == passport)
                          workers.push_back(std::move(w));
                      }
                      return Status::Ok();
                    }
                    default:
                      return Status::PermissionDenied("this role does not see workers' records");
                  }
                }));
                json::Array items;
                for (const auto& w : workers) {
                  access_.Record(c.actor, "list", "worker", w.id.value(), true);
                  items.push_back(WorkerView(c.actor, w));
                }
                return List(items, NextCursor(workers, page));
              }));

  // Employers: their registration data is not personal; officers and the employer itself see it.
  router_.Add("POST", "/api/v1/employers", Authed(accounts_, [this](Call& c) -> Result<Response> {
                return Idempotent(registry_.store(), c, [&]() -> Result<Response> {
                  ASSIGN_OR_RETURN(json::Value body, Body(c.request));
                  ASSIGN_OR_RETURN(domain::Employer e, codec::EmployerFromJson(body));
                  ASSIGN_OR_RETURN(e, registry_.RegisterEmployer(c.actor, std::move(e)));
                  Response r = Json(201, codec::ToJson(e));
                  r.set_header("Location", "/api/v1/employers/" + e.id.value());
                  return r;
                });
              }));
  router_.Add("GET", "/api/v1/employers", Authed(accounts_, [this](Call& c) -> Result<Response> {
                RETURN_IF_ERROR(RequireRole(
                    c.actor, {Role::kDestinationOfficer, Role::kOriginOfficer, Role::kEmbassy,
                              Role::kAgency, Role::kAdministrator, Role::kEmployer}));
                ASSIGN_OR_RETURN(store::Page page, PageOf(c));
                std::vector<domain::Employer> list;
                RETURN_IF_ERROR(registry_.store().Read([&](store::ReadTx& tx) -> Status {
                  if (c.actor.role == Role::kEmployer) {
                    ASSIGN_OR_RETURN(auto e, tx.GetEmployer(*c.actor.employer));
                    list.push_back(std::move(e));
                    return Status::Ok();
                  }
                  ASSIGN_OR_RETURN(list, tx.ListEmployers(c.q("country"), page));
                  return Status::Ok();
                }));
                json::Array items;
                for (const auto& e : list) items.push_back(codec::ToJson(e));
                return List(items, NextCursor(list, page));
              }));
  router_.Add("GET", "/api/v1/employers/{id}",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                const EmployerId id(c.param("id"));
                if (c.actor.role == Role::kAnalyst || c.actor.role == Role::kInvestigator ||
                    c.actor.role == Role::kBorderOfficer ||
                    (c.actor.role == Role::kEmployer && c.actor.employer != id)) {
                  return Status::NotFound("employer " + id.value() + " does not exist");
                }
                std::optional<domain::Employer> e;
                RETURN_IF_ERROR(registry_.store().Read([&](store::ReadTx& tx) -> Status {
                  if (c.actor.role == Role::kWorker) {
                    // A worker sees the employers of the contracts offered to them, and no other.
                    store::ContractFilter f;
                    f.worker = c.actor.worker;
                    f.employer = id;
                    ASSIGN_OR_RETURN(auto mine, tx.ListContracts(f, {"", 200}));
                    const bool party =
                        std::any_of(mine.begin(), mine.end(), [&](const domain::Contract& ct) {
                          return domain::MayViewContract(c.actor, ct, registry_.node());
                        });
                    if (!party)
                      return Status::NotFound("employer " + id.value() + " does not exist");
                  }
                  ASSIGN_OR_RETURN(e, tx.GetEmployer(id));
                  return Status::Ok();
                }));
                return Json(200, codec::ToJson(*e));
              }));

  // Agencies: licensed by the origin; their licence status is public to officers and employers.
  router_.Add("POST", "/api/v1/agencies", Authed(accounts_, [this](Call& c) -> Result<Response> {
                return Idempotent(registry_.store(), c, [&]() -> Result<Response> {
                  ASSIGN_OR_RETURN(json::Value body, Body(c.request));
                  ASSIGN_OR_RETURN(domain::Agency a, codec::AgencyFromJson(body));
                  ASSIGN_OR_RETURN(a, registry_.RegisterAgency(c.actor, std::move(a)));
                  Response r = Json(201, codec::ToJson(a));
                  r.set_header("Location", "/api/v1/agencies/" + a.id.value());
                  return r;
                });
              }));
  router_.Add("GET", "/api/v1/agencies", Authed(accounts_, [this](Call& c) -> Result<Response> {
                RETURN_IF_ERROR(RequireRole(
                    c.actor, {Role::kDestinationOfficer, Role::kOriginOfficer, Role::kEmbassy,
                              Role::kEmployer, Role::kAdministrator, Role::kAgency}));
                ASSIGN_OR_RETURN(store::Page page, PageOf(c));
                std::vector<domain::Agency> list;
                RETURN_IF_ERROR(registry_.store().Read([&](store::ReadTx& tx) -> Status {
                  if (c.actor.role == Role::kAgency) {
                    ASSIGN_OR_RETURN(auto a, tx.GetAgency(*c.actor.agency));
                    list.push_back(std::move(a));
                    return Status::Ok();
                  }
                  ASSIGN_OR_RETURN(list, tx.ListAgencies(c.q("country"), page));
                  return Status::Ok();
                }));
                json::Array items;
                for (const auto& a : list) items.push_back(codec::ToJson(a));
                return List(items, NextCursor(list, page));
              }));
  router_.Add("GET", "/api/v1/agencies/{id}",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                const AgencyId id(c.param("id"));
                if (c.actor.role == Role::kAnalyst || c.actor.role == Role::kInvestigator ||
                    c.actor.role == Role::kBorderOfficer ||
                    (c.actor.role == Role::kAgency && c.actor.agency != id)) {
                  return Status::NotFound("agency " + id.value() + " does not exist");
                }
                std::optional<domain::Agency> a;
                RETURN_IF_ERROR(registry_.store().Read([&](store::ReadTx& tx) -> Status {
                  ASSIGN_OR_RETURN(a, tx.GetAgency(id));
                  return Status::Ok();
                }));
                return Json(200, codec::ToJson(*a));
              }));
  router_.Add("POST", "/api/v1/agencies/{id}/licence",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(json::Value body, Body(c.request));
                const json::Value* status = body.Get("status");
                const json::Value* reason = body.Get("reason");
                if (!status || !status->is_string())
                  return Status::InvalidArgument("is required", "status");
                if (!reason || !reason->is_string())
                  return Status::InvalidArgument("is required", "reason");
                auto to = domain::ParseLicenceStatus(status->AsString());
                if (!to.ok()) return to.status().WithField("status");
                ASSIGN_OR_RETURN(auto a, registry_.ChangeLicence(c.actor, AgencyId(c.param("id")),
                                                                 *to, reason->AsString()));
                return Json(200, codec::ToJson(a));
              }));

  // Job orders.
  router_.Add("POST", "/api/v1/job-orders", Authed(accounts_, [this](Call& c) -> Result<Response> {
                return Idempotent(registry_.store(), c, [&]() -> Result<Response> {
                  ASSIGN_OR_RETURN(json::Value body, Body(c.request));
                  ASSIGN_OR_RETURN(domain::JobOrder j, codec::JobOrderFromJson(body));
                  ASSIGN_OR_RETURN(j, registry_.CreateJobOrder(c.actor, std::move(j)));
                  Response r = Json(201, codec::ToJson(j));
                  r.set_header("Location", "/api/v1/job-orders/" + j.id.value());
                  return r;
                });
              }));
  router_.Add(
      "GET", "/api/v1/job-orders", Authed(accounts_, [this](Call& c) -> Result<Response> {
        RETURN_IF_ERROR(RequireRole(c.actor, {Role::kDestinationOfficer, Role::kOriginOfficer,
                                              Role::kEmployer, Role::kAgency, Role::kEmbassy}));
        ASSIGN_OR_RETURN(store::Page page, PageOf(c));
        std::optional<EmployerId> employer;
        if (c.actor.role == Role::kEmployer) employer = c.actor.employer;
        std::vector<domain::JobOrder> list;
        RETURN_IF_ERROR(registry_.store().Read([&](store::ReadTx& tx) -> Status {
          ASSIGN_OR_RETURN(list, tx.ListJobOrders(employer, page));
          return Status::Ok();
        }));
        json::Array items;
        for (const auto& j : list) {
          if (c.actor.role == Role::kAgency && j.agency != c.actor.agency) continue;
          items.push_back(codec::ToJson(j));
        }
        return List(items, NextCursor(list, page));
      }));

  // Reference data.
  router_.Add("GET", "/api/v1/occupations", Authed(accounts_, [this](Call&) -> Result<Response> {
                std::vector<domain::Occupation> list;
                RETURN_IF_ERROR(registry_.store().Read([&](store::ReadTx& tx) -> Status {
                  ASSIGN_OR_RETURN(list, tx.ListOccupations());
                  return Status::Ok();
                }));
                json::Array items;
                for (const auto& o : list) items.push_back(codec::ToJson(o));
                return List(items, "");
              }));
  router_.Add("PUT", "/api/v1/occupations/{code}",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(json::Value body, Body(c.request));
                body["isco_code"] = c.param("code");
                ASSIGN_OR_RETURN(domain::Occupation o, codec::OccupationFromJson(body));
                RETURN_IF_ERROR(registry_.SetOccupation(c.actor, o));
                return Json(200, codec::ToJson(o));
              }));
  router_.Add("GET", "/api/v1/wage-floors", Authed(accounts_, [this](Call& c) -> Result<Response> {
                const std::string country =
                    c.q("country").empty() ? registry_.node().country : c.q("country");
                std::vector<domain::WageFloor> list;
                RETURN_IF_ERROR(registry_.store().Read([&](store::ReadTx& tx) -> Status {
                  ASSIGN_OR_RETURN(list, tx.ListWageFloors(country));
                  return Status::Ok();
                }));
                json::Array items;
                for (const auto& f : list) items.push_back(codec::ToJson(f));
                return List(items, "");
              }));
  router_.Add("POST", "/api/v1/wage-floors", Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(json::Value body, Body(c.request));
                ASSIGN_OR_RETURN(domain::WageFloor f, codec::WageFloorFromJson(body));
                RETURN_IF_ERROR(registry_.SetWageFloor(c.actor, f));
                return Json(201, codec::ToJson(f));
              }));
  router_.Add("GET", "/api/v1/country-rules/{country}",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                std::optional<domain::CountryRules> rules;
                RETURN_IF_ERROR(registry_.store().Read([&](store::ReadTx& tx) -> Status {
                  ASSIGN_OR_RETURN(rules, tx.FindCountryRules(c.param("country")));
                  return Status::Ok();
                }));
                if (!rules)
                  return Status::NotFound("no labour rules are recorded for " + c.param("country"));
                return Json(200, codec::ToJson(*rules));
              }));
  router_.Add("PUT", "/api/v1/country-rules/{country}",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(json::Value body, Body(c.request));
                body["country"] = c.param("country");
                ASSIGN_OR_RETURN(domain::CountryRules r, codec::CountryRulesFromJson(body));
                RETURN_IF_ERROR(registry_.SetCountryRules(c.actor, r));
                return Json(200, codec::ToJson(r));
              }));
}

}  // namespace corridor::http
