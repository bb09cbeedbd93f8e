// Registry routes: workers, employers, agencies, job orders, reference data.
#include "codec/codec.hpp"
#include "http/api.hpp"
#include "http/api_support.hpp"
#include "http/views.hpp"

namespace corridor::http {
namespace {

using domain::Role;

}  // namespace

void Api::AddRegistryRoutes() {
  // Workers.
  router_.Add("POST", "/api/v1/workers", Authed(accounts_, [this](Call& c) -> Result<Response> {
                return Idempotent(registry_.store(), c,
                                  [&](const store::WriteOptions& write) -> Result<Response> {
                                    ASSIGN_OR_RETURN(json::Value body, Body(c.request));
                                    ASSIGN_OR_RETURN(domain::Worker w, codec::WorkerFromJson(body));
                                    ASSIGN_OR_RETURN(
                                        w, registry_.RegisterWorker(c.actor, std::move(w), write));
                                    access_.Record(c.actor, "create", "worker", w.id.value(), true);
                                    Response r = Json(201, WorkerView(c.actor, w));
                                    r.set_header("Location", "/api/v1/workers/" + w.id.value());
                                    return r;
                                  });
              }));
  router_.Add("GET", "/api/v1/workers/{id}", Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(auto w, queries_.Worker(c.actor, WorkerId(c.param("id"))));
                return Json(200, WorkerView(c.actor, w));
              }));
  router_.Add("GET", "/api/v1/workers", Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(store::Page page, PageOf(c));
                ASSIGN_OR_RETURN(auto list,
                                 queries_.Workers(c.actor, c.q("passport_number"), page));
                json::Array items;
                for (const auto& w : list.items) items.push_back(WorkerView(c.actor, w));
                return List(items, list.next);
              }));

  // Employers: their registration data is not personal; officers and the employer itself see it.
  router_.Add("POST", "/api/v1/employers", Authed(accounts_, [this](Call& c) -> Result<Response> {
                return Idempotent(
                    registry_.store(), c,
                    [&](const store::WriteOptions& write) -> Result<Response> {
                      ASSIGN_OR_RETURN(json::Value body, Body(c.request));
                      ASSIGN_OR_RETURN(domain::Employer e, codec::EmployerFromJson(body));
                      ASSIGN_OR_RETURN(e, registry_.RegisterEmployer(c.actor, std::move(e), write));
                      Response r = Json(201, codec::ToJson(e));
                      r.set_header("Location", "/api/v1/employers/" + e.id.value());
                      return r;
                    });
              }));
  router_.Add("GET", "/api/v1/employers", Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(store::Page page, PageOf(c));
                ASSIGN_OR_RETURN(auto list, queries_.Employers(c.actor, c.q("country"), page));
                json::Array items;
                for (const auto& e : list.items) items.push_back(codec::ToJson(e));
                return List(items, list.next);
              }));
  router_.Add("GET", "/api/v1/employers/{id}",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(auto e, queries_.Employer(c.actor, EmployerId(c.param("id"))));
                return Json(200, codec::ToJson(e));
              }));

  // Agencies: licensed by the origin; their licence status is public to officers and employers.
  router_.Add("POST", "/api/v1/agencies", Authed(accounts_, [this](Call& c) -> Result<Response> {
                return Idempotent(registry_.store(), c,
                                  [&](const store::WriteOptions& write) -> Result<Response> {
                                    ASSIGN_OR_RETURN(json::Value body, Body(c.request));
                                    ASSIGN_OR_RETURN(domain::Agency a, codec::AgencyFromJson(body));
                                    ASSIGN_OR_RETURN(
                                        a, registry_.RegisterAgency(c.actor, std::move(a), write));
                                    Response r = Json(201, codec::ToJson(a));
                                    r.set_header("Location", "/api/v1/agencies/" + a.id.value());
                                    return r;
                                  });
              }));
  router_.Add("GET", "/api/v1/agencies", Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(store::Page page, PageOf(c));
                ASSIGN_OR_RETURN(auto list, queries_.Agencies(c.actor, c.q("country"), page));
                json::Array items;
                for (const auto& a : list.items) items.push_back(codec::ToJson(a));
                return List(items, list.next);
              }));
  router_.Add("GET", "/api/v1/agencies/{id}",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(auto a, queries_.Agency(c.actor, AgencyId(c.param("id"))));
                return Json(200, codec::ToJson(a));
              }));
  router_.Add("POST", "/api/v1/agencies/{id}/licence",
              Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(json::Value body, BodyWith(c.request, {"status", "reason"}));
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
                return Idempotent(
                    registry_.store(), c,
                    [&](const store::WriteOptions& write) -> Result<Response> {
                      ASSIGN_OR_RETURN(json::Value body, Body(c.request));
                      ASSIGN_OR_RETURN(domain::JobOrder j, codec::JobOrderFromJson(body));
                      ASSIGN_OR_RETURN(j, registry_.CreateJobOrder(c.actor, std::move(j), write));
                      Response r = Json(201, codec::ToJson(j));
                      r.set_header("Location", "/api/v1/job-orders/" + j.id.value());
                      return r;
                    });
              }));
  router_.Add("GET", "/api/v1/job-orders", Authed(accounts_, [this](Call& c) -> Result<Response> {
                ASSIGN_OR_RETURN(store::Page page, PageOf(c));
                ASSIGN_OR_RETURN(auto list, queries_.JobOrders(c.actor, page));
                json::Array items;
                for (const auto& j : list.items) items.push_back(codec::ToJson(j));
                return List(items, list.next);
              }));

  // Reference data.
  router_.Add("GET", "/api/v1/occupations", Authed(accounts_, [this](Call&) -> Result<Response> {
                ASSIGN_OR_RETURN(auto list, queries_.Occupations());
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
                ASSIGN_OR_RETURN(auto list, queries_.WageFloors(c.q("country")));
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
                ASSIGN_OR_RETURN(auto rules, queries_.CountryRules(c.param("country")));
                return Json(200, codec::ToJson(rules));
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
