// The reads of wage protection: payroll files, a file's report, a worker's wage history and an
// employer's compliance, each for whoever may see it.
#include <algorithm>
#include <set>
#include <sstream>
#include <streambuf>

#include "core/csv.hpp"
#include "core/encoding.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "crypto/crypto.hpp"
#include "payroll/amounts.hpp"
#include "service/notifier.hpp"
#include "service/wages.hpp"

namespace corridor::service {
namespace {

using domain::Actor;
using domain::Role;

bool IsDestinationOfficer(const Actor& a, const std::string& country) {
  return a.role == Role::kSystem || (a.role == Role::kDestinationOfficer && a.country == country);
}

}  // namespace

Result<std::vector<store::PayrollFile>> Wages::ListFiles(const Actor& a,
                                                         const std::optional<EmployerId>& employer,
                                                         const std::string& month, int limit,
                                                         int offset) {
  std::optional<EmployerId> scope = employer;
  if (a.role == Role::kEmployer) {
    if (employer && employer != a.employer) return std::vector<store::PayrollFile>();
    scope = a.employer;
  } else if (!IsDestinationOfficer(a, store_.identity().country)) {
    return Status::PermissionDenied(
        "only the employer and the destination authority list "
        "payroll files");
  }
  if (!month.empty() && !payroll::Month::Parse(month).ok()) {
    return Status::InvalidArgument("must be YYYY-MM", "month");
  }
  std::vector<store::PayrollFile> out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(out, store::ListPayrollFiles(tx.conn(), scope, month, false, limit, offset));
    return Status::Ok();
  }));
  return out;
}

Result<FileReport> Wages::Report(const Actor& a, const std::string& file_id) {
  FileReport out;
  const Status missing = Status::NotFound("payroll file " + file_id + " does not exist");
  if (!CheckIdText(file_id).ok()) return missing;
  bool found = false;
  std::vector<store::StoredBalance> balances;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto file, store::GetPayrollFile(tx.conn(), file_id));
    if (!file) return Status::Ok();
    found = true;
    out.file = std::move(*file);
    ASSIGN_OR_RETURN(out.findings, store::ListFindings(tx.conn(), file_id));
    ASSIGN_OR_RETURN(balances, store::FileBalances(tx.conn(), file_id));
    return Status::Ok();
  }));
  if (!found) return missing;
  const std::string country = store_.identity().country;
  if (IsDestinationOfficer(a, country) ||
      (a.role == Role::kEmployer && a.employer == out.file.employer)) {
    out.lines = std::move(balances);
    return out;
  }
  auto keep = [&](auto pred) {
    std::erase_if(out.findings, [&](const store::StoredFinding& f) { return !pred(f); });
  };
  if (a.role == Role::kEmbassy) {
    keep([&](const store::StoredFinding& f) { return f.origin_country == a.country; });
    if (out.findings.empty()) return missing;
    return out;
  }
  if (a.role == Role::kWorker && a.worker) {
    keep([&](const store::StoredFinding& f) { return f.worker == a.worker->value(); });
    for (auto& b : balances) {
      if (b.worker == *a.worker) out.lines.push_back(std::move(b));
    }
    if (out.findings.empty() && out.lines.empty()) return missing;
    return out;
  }
  return missing;
}

Result<WageHistory> Wages::WorkerHistory(const Actor& a, const WorkerId& worker) {
  WageHistory out;
  const Status missing = Status::NotFound("worker " + worker.value() + " does not exist");
  if (!CheckIdText(worker.value()).ok()) return missing;
  std::vector<store::StoredBalance> balances;
  std::vector<store::TransferUnlock> unlocks;
  bool found = false;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    auto w = tx.GetWorker(worker);
    if (!w.ok()) return w.status().code() == Code::kNotFound ? Status::Ok() : w.status();
    found = true;
    out.worker = std::move(*w);
    ASSIGN_OR_RETURN(balances, store::CurrentBalances(tx.conn(), worker));
    ASSIGN_OR_RETURN(unlocks, store::ListTransferUnlocks(tx.conn()));
    return Status::Ok();
  }));
  if (!found) return missing;
  const std::string country = store_.identity().country;
  std::optional<EmployerId> only;
  if (a.role == Role::kWorker) {
    if (a.worker != worker) return missing;
  } else if (a.role == Role::kEmbassy) {
    if (a.country != out.worker.nationality) return missing;
  } else if (a.role == Role::kEmployer && a.employer) {
    only = a.employer;
  } else if (!IsDestinationOfficer(a, country)) {
    return missing;
  }
  if (only) {
    std::erase_if(balances, [&](const store::StoredBalance& b) { return b.employer != *only; });
    if (balances.empty()) return missing;
  }
  // Arrears carried month by month per employer, as the daily job counts them.
  std::map<std::string, payroll::Arrears> arrears;
  for (size_t i = 0; i < balances.size();) {
    const std::string month = balances[i].month;
    std::map<std::string, std::vector<payroll::Balance>> of_employer;
    std::map<std::string, WageMonth> rows;
    size_t j = i;
    for (; j < balances.size() && balances[j].month == month; ++j) {
      const auto& b = balances[j];
      payroll::Balance pb;
      pb.worker = b.worker.value();
      pb.employer = b.employer.value();
      pb.month = *payroll::Month::Parse(b.month);
      pb.owed = b.owed;
      pb.paid = b.paid;
      pb.currency = b.currency;
      pb.decimals = CurrencyExponent(b.currency).value_or(2);
      of_employer[pb.employer].push_back(pb);
      WageMonth& row = rows[pb.employer];
      row.month = month;
      row.employer = b.employer;
      row.currency = b.currency;
      row.expected += b.owed;
      row.paid += b.paid;
    }
    for (auto& [employer, list] : of_employer) {
      auto it = arrears.try_emplace(employer, config_.unlock_months).first;
      (void)it->second.Apply(list);
      rows[employer].arrears = it->second.Outstanding(worker.value(), employer);
      out.months.push_back(rows[employer]);
    }
    i = j;
  }
  for (auto& u : unlocks) {
    if (u.worker == worker && (!only || u.employer == *only)) out.unlocks.push_back(std::move(u));
  }
  return out;
}

Result<ComplianceHistory> Wages::EmployerCompliance(const Actor& a, const EmployerId& employer) {
  ComplianceHistory out;
  const Status missing = Status::NotFound("employer " + employer.value() + " does not exist");
  if (!CheckIdText(employer.value()).ok()) return missing;
  if (!IsDestinationOfficer(a, store_.identity().country) &&
      !(a.role == Role::kEmployer && a.employer == employer)) {
    return missing;
  }
  bool found = false;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    auto e = tx.GetEmployer(employer);
    if (!e.ok()) return e.status().code() == Code::kNotFound ? Status::Ok() : e.status();
    found = true;
    out.employer = std::move(*e);
    ASSIGN_OR_RETURN(auto files, store::ListPayrollFiles(tx.conn(), employer, "", true, 120, 0));
    for (auto& f : files) {
      ComplianceMonth m;
      ASSIGN_OR_RETURN(auto findings, store::ListFindings(tx.conn(), f.id));
      for (const auto& x : findings) ++m.findings_by_code[x.code];
      ASSIGN_OR_RETURN(auto balances, store::FileBalances(tx.conn(), f.id));
      for (const auto& b : balances) {
        if (b.paid < b.owed) {
          ++m.workers_short;
          m.shortfall[b.currency] += b.owed - b.paid;
        }
      }
      m.file = std::move(f);
      out.months.push_back(std::move(m));
    }
    ASSIGN_OR_RETURN(out.steps, store::ListEscalationSteps(tx.conn(), employer));
    return Status::Ok();
  }));
  if (!found) return missing;
  return out;
}

// ---------------------------------------------------------------------------------------------
// The daily job

}  // namespace corridor::service
