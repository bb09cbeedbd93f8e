#include "service/registry_queries.hpp"

#include <algorithm>
#include <set>

namespace corridor::service {
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
Listing<T> Page(std::vector<T> items, const store::Page& page) {
  Listing<T> out;
  if (static_cast<int>(items.size()) == page.limit) out.next = items.back().id.value();
  out.items = std::move(items);
  return out;
}

Status RequireRole(const domain::Actor& a, std::initializer_list<Role> roles) {
  for (Role r : roles) {
    if (a.role == r) return Status::Ok();
  }
  return Status::PermissionDenied("the role " + std::string(ToString(a.role)) + " may not do this");
}

}  // namespace

RegistryQueries::RegistryQueries(store::Store& store, AccessLog& access)
    : store_(store), access_(access) {}

Result<domain::Worker> RegistryQueries::Worker(const domain::Actor& a, const WorkerId& id) {
  std::optional<domain::Worker> worker;
  std::vector<domain::Contract> contracts;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    auto w = tx.GetWorker(id);
    if (!w.ok()) return w.status().code() == Code::kNotFound ? Status::Ok() : w.status();
    worker = std::move(*w);
    return WorkerContracts(tx, id, contracts);
  }));
  const bool allowed = worker && domain::MayViewWorker(a, *worker, contracts, node());
  access_.Record(a, "view", "worker", id.value(), allowed);
  // Refused and absent look the same: a caller learns nothing about records it may not see.
  if (!allowed) return Status::NotFound("worker " + id.value() + " does not exist");
  return std::move(*worker);
}

Result<Listing<domain::Worker>> RegistryQueries::Workers(const domain::Actor& a,
                                                         const std::string& passport,
                                                         const store::Page& page) {
  std::vector<domain::Worker> workers;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    switch (a.role) {
      case Role::kWorker: {
        ASSIGN_OR_RETURN(auto w, tx.GetWorker(*a.worker));
        workers.push_back(std::move(w));
        return Status::Ok();
      }
      case Role::kOriginOfficer:
      case Role::kSystem: {
        store::WorkerFilter f;
        f.nationality = a.country;
        f.passport_number = passport;
        ASSIGN_OR_RETURN(workers, tx.ListWorkers(f, page));
        return Status::Ok();
      }
      case Role::kBorderOfficer: {
        // The border looks people up by passport, never browses.
        if (passport.empty()) {
          return Status::InvalidArgument("the border looks workers up by passport_number",
                                         "passport_number");
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
        if (a.role == Role::kEmployer) f.employer = a.employer;
        if (a.role == Role::kAgency) f.agency = a.agency;
        if (a.role == Role::kDestinationOfficer) f.destination_country = a.country;
        if (a.role == Role::kEmbassy) {
          f.origin_country = a.country;
          f.destination_country = node().country;
        }
        store::Page cp{"", 1000};
        std::set<std::string> seen;
        for (;;) {
          ASSIGN_OR_RETURN(auto batch, tx.ListContracts(f, cp));
          for (const auto& ct : batch) {
            if (domain::MayViewContract(a, ct, node())) seen.insert(ct.terms.worker.value());
          }
          if (static_cast<int>(batch.size()) < cp.limit) break;
          cp.after = batch.back().id.value();
        }
        for (const auto& wid : seen) {
          if (wid <= page.after) continue;
          if (static_cast<int>(workers.size()) == page.limit) break;
          ASSIGN_OR_RETURN(auto w, tx.GetWorker(WorkerId(wid)));
          if (passport.empty() || w.passport.number == passport) workers.push_back(std::move(w));
        }
        return Status::Ok();
      }
      default:
        return Status::PermissionDenied("this role does not see workers' records");
    }
  }));
  for (const auto& w : workers) access_.Record(a, "list", "worker", w.id.value(), true);
  return Page(std::move(workers), page);
}

Result<Listing<domain::Employer>> RegistryQueries::Employers(const domain::Actor& a,
                                                             const std::string& country,
                                                             const store::Page& page) {
  RETURN_IF_ERROR(RequireRole(a, {Role::kDestinationOfficer, Role::kOriginOfficer, Role::kEmbassy,
                                  Role::kAgency, Role::kAdministrator, Role::kEmployer}));
  std::vector<domain::Employer> list;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    if (a.role == Role::kEmployer) {
      ASSIGN_OR_RETURN(auto e, tx.GetEmployer(*a.employer));
      list.push_back(std::move(e));
      return Status::Ok();
    }
    ASSIGN_OR_RETURN(list, tx.ListEmployers(country, page));
    return Status::Ok();
  }));
  return Page(std::move(list), page);
}

Result<domain::Employer> RegistryQueries::Employer(const domain::Actor& a, const EmployerId& id) {
  const Status missing = Status::NotFound("employer " + id.value() + " does not exist");
  if (a.role == Role::kAnalyst || a.role == Role::kInvestigator || a.role == Role::kBorderOfficer ||
      a.role == Role::kCaseworker || a.role == Role::kCaseSupervisor ||
      a.role == Role::kHotlineOperator || a.role == Role::kOrientationCentre ||
      (a.role == Role::kEmployer && a.employer != id)) {
    return missing;
  }
  std::optional<domain::Employer> e;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    if (a.role == Role::kWorker) {
      // A worker sees the employers of the contracts offered to them, and no other.
      store::ContractFilter f;
      f.worker = a.worker;
      f.employer = id;
      ASSIGN_OR_RETURN(auto mine, tx.ListContracts(f, {"", 200}));
      const bool party = std::any_of(mine.begin(), mine.end(), [&](const domain::Contract& ct) {
        return domain::MayViewContract(a, ct, node());
      });
      if (!party) return missing;
    }
    ASSIGN_OR_RETURN(e, tx.GetEmployer(id));
    return Status::Ok();
  }));
  return std::move(*e);
}

Result<Listing<domain::Agency>> RegistryQueries::Agencies(const domain::Actor& a,
                                                          const std::string& country,
                                                          const store::Page& page) {
  RETURN_IF_ERROR(RequireRole(a, {Role::kDestinationOfficer, Role::kOriginOfficer, Role::kEmbassy,
                                  Role::kEmployer, Role::kAdministrator, Role::kAgency}));
  std::vector<domain::Agency> list;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    if (a.role == Role::kAgency) {
      ASSIGN_OR_RETURN(auto ag, tx.GetAgency(*a.agency));
      list.push_back(std::move(ag));
      return Status::Ok();
    }
    ASSIGN_OR_RETURN(list, tx.ListAgencies(country, page));
    return Status::Ok();
  }));
  return Page(std::move(list), page);
}

Result<domain::Agency> RegistryQueries::Agency(const domain::Actor& a, const AgencyId& id) {
  if (a.role == Role::kAnalyst || a.role == Role::kInvestigator || a.role == Role::kBorderOfficer ||
      a.role == Role::kCaseworker || a.role == Role::kCaseSupervisor ||
      a.role == Role::kHotlineOperator || a.role == Role::kOrientationCentre ||
      (a.role == Role::kAgency && a.agency != id)) {
    return Status::NotFound("agency " + id.value() + " does not exist");
  }
  std::optional<domain::Agency> ag;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(ag, tx.GetAgency(id));
    return Status::Ok();
  }));
  return std::move(*ag);
}

Result<Listing<domain::JobOrder>> RegistryQueries::JobOrders(const domain::Actor& a,
                                                             const store::Page& page) {
  RETURN_IF_ERROR(RequireRole(a, {Role::kDestinationOfficer, Role::kOriginOfficer, Role::kEmployer,
                                  Role::kAgency, Role::kEmbassy}));
  std::optional<EmployerId> employer;
  if (a.role == Role::kEmployer) employer = a.employer;
  std::vector<domain::JobOrder> list;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(list, tx.ListJobOrders(employer, page));
    return Status::Ok();
  }));
  Listing<domain::JobOrder> out;
  if (static_cast<int>(list.size()) == page.limit) out.next = list.back().id.value();
  for (auto& j : list) {
    if (a.role == Role::kAgency && j.agency != a.agency) continue;
    out.items.push_back(std::move(j));
  }
  return out;
}

Status RegistryQueries::Ready() {
  return store_.Read([](store::ReadTx& tx) { return tx.LedgerSize().status(); });
}

Result<std::vector<domain::Occupation>> RegistryQueries::Occupations() {
  std::vector<domain::Occupation> list;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(list, tx.ListOccupations());
    return Status::Ok();
  }));
  return list;
}

Result<std::vector<domain::WageFloor>> RegistryQueries::WageFloors(const std::string& country) {
  std::vector<domain::WageFloor> list;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(list, tx.ListWageFloors(country.empty() ? node().country : country));
    return Status::Ok();
  }));
  return list;
}

Result<domain::CountryRules> RegistryQueries::CountryRules(const std::string& country) {
  std::optional<domain::CountryRules> rules;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(rules, tx.FindCountryRules(country));
    return Status::Ok();
  }));
  if (!rules) return Status::NotFound("no labour rules are recorded for " + country);
  return std::move(*rules);
}

}  // namespace corridor::service
