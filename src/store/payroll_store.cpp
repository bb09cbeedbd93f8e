#include "store/payroll_store.hpp"

#include "codec/codec.hpp"

namespace corridor::store {
namespace {

std::span<const uint8_t> Bytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

constexpr const char* kFileColumns =
    "id, employer_id, month, version, is_current, format, name, digest, size_bytes, lines, "
    "findings, paid_on, submitted_by, submitted_ms";

PayrollFile FileFromRow(const Row& r) {
  PayrollFile f;
  f.id = r.String(0);
  f.employer = EmployerId(r.String(1));
  f.month = r.String(2);
  f.version = r.Int(3);
  f.current = r.Int(4) != 0;
  f.format = r.String(5);
  f.name = r.String(6);
  f.digest = r.String(7);
  f.size = r.Int(8);
  f.lines = r.Int(9);
  f.findings = r.Int(10);
  f.paid_on = r.String(11);
  f.submitted_by = r.String(12);
  f.submitted = Timestamp::FromMillis(r.Int(13));
  return f;
}

Result<std::vector<PayrollFile>> QueryFiles(Connection& conn, const std::string& where,
                                            std::span<const Param> params) {
  std::vector<PayrollFile> out;
  RETURN_IF_ERROR(conn.Query(std::string("SELECT ") + kFileColumns + " FROM payroll_files " + where,
                             params, [&](const Row& r) {
                               out.push_back(FileFromRow(r));
                               return Status::Ok();
                             }));
  return out;
}

Status FindingFromRow(const Row& r, StoredFinding& f) {
  f.file_id = r.String(0);
  f.seq = r.Int(1);
  f.code = r.String(2);
  f.worker = r.String(3);
  f.contract = r.String(4);
  f.origin_country = r.String(5);
  auto doc = json::Parse(r.Text(6));
  if (!doc.ok()) return Status::DataLoss("a stored payroll finding is not valid JSON");
  f.doc = std::move(*doc);
  return Status::Ok();
}

constexpr const char* kFindingColumns =
    "f.file_id, f.seq, f.code, f.worker_id, f.contract_id, f.origin_country, f.doc";

StoredBalance BalanceFromRow(const Row& r) {
  StoredBalance b;
  b.file_id = r.String(0);
  b.seq = r.Int(1);
  b.worker = WorkerId(r.String(2));
  b.employer = EmployerId(r.String(3));
  b.month = r.String(4);
  b.currency = r.String(5);
  b.owed = r.Int(6);
  b.paid = r.Int(7);
  return b;
}

}  // namespace

Result<std::optional<std::string>> FindPersonNumber(Connection& conn, const WorkerId& worker) {
  std::optional<std::string> out;
  RETURN_IF_ERROR(conn.Query("SELECT number FROM person_numbers WHERE worker_id = $1",
                             {worker.value()}, [&](const Row& r) {
                               out = r.String(0);
                               return Status::Ok();
                             }));
  return out;
}

Result<std::optional<WorkerId>> FindWorkerByPersonNumber(Connection& conn,
                                                         std::string_view number) {
  std::optional<WorkerId> out;
  RETURN_IF_ERROR(conn.Query("SELECT worker_id FROM person_numbers WHERE number = $1", {number},
                             [&](const Row& r) {
                               out = WorkerId(r.String(0));
                               return Status::Ok();
                             }));
  return out;
}

Status InsertPersonNumber(Connection& conn, const WorkerId& worker, std::string_view number,
                          Timestamp now) {
  return conn
      .Exec("INSERT INTO person_numbers (number, worker_id, created_ms) VALUES ($1, $2, $3)",
            {number, worker.value(), now.millis()})
      .status();
}

Status ForEachPayrollContract(
    Connection& conn, std::string_view country, const std::optional<EmployerId>& employer,
    const std::function<Status(const domain::Contract&, const std::string& person_number)>& fn) {
  constexpr int64_t kBatch = 5000;
  std::string after;
  for (;;) {
    std::vector<std::pair<std::string, std::string>> rows;  // doc, person number
    std::string sql =
        "SELECT c.id, c.doc, p.number FROM contracts c LEFT JOIN person_numbers p ON "
        "p.worker_id = c.worker_id WHERE c.destination_country = $1 AND c.state IN ('active', "
        "'ended') AND c.id > $2";
    std::vector<Param> params{Param(country), Param(after)};
    if (employer) {
      params.emplace_back(employer->value());
      sql += " AND c.employer_id = $3";
    }
    params.emplace_back(kBatch);
    sql += " ORDER BY c.id LIMIT $" + std::to_string(params.size());
    RETURN_IF_ERROR(conn.Query(sql, params, [&](const Row& r) {
      after = r.String(0);
      rows.emplace_back(r.String(1), r.IsNull(2) ? std::string() : r.String(2));
      return Status::Ok();
    }));
    for (const auto& [doc, number] : rows) {
      auto v = json::Parse(doc);
      if (!v.ok()) return Status::DataLoss("a stored contract is not valid JSON");
      auto c = codec::ContractFromJson(*v);
      if (!c.ok()) {
        return Status::DataLoss("a stored contract does not decode")
            .WithDetail(c.status().ToString());
      }
      RETURN_IF_ERROR(fn(*c, number));
    }
    if (static_cast<int64_t>(rows.size()) < kBatch) return Status::Ok();
  }
}

Result<std::optional<PayrollFile>> GetPayrollFile(Connection& conn, std::string_view id) {
  const Param params[] = {Param(id)};
  ASSIGN_OR_RETURN(auto files, QueryFiles(conn, "WHERE id = $1", params));
  if (files.empty()) return std::optional<PayrollFile>();
  return std::optional<PayrollFile>(std::move(files.front()));
}

Result<std::optional<PayrollFile>> CurrentPayrollFile(Connection& conn, const EmployerId& employer,
                                                      std::string_view month) {
  const Param params[] = {Param(employer.value()), Param(month)};
  ASSIGN_OR_RETURN(
      auto files,
      QueryFiles(conn, "WHERE employer_id = $1 AND month = $2 AND is_current = 1", params));
  if (files.empty()) return std::optional<PayrollFile>();
  return std::optional<PayrollFile>(std::move(files.front()));
}

Result<std::vector<PayrollFile>> ListPayrollFiles(Connection& conn,
                                                  const std::optional<EmployerId>& employer,
                                                  std::string_view month, bool current_only,
                                                  int limit, int offset) {
  std::string where = "WHERE 1 = 1";
  std::vector<Param> params;
  if (employer) {
    params.emplace_back(employer->value());
    where += " AND employer_id = $" + std::to_string(params.size());
  }
  if (!month.empty()) {
    params.emplace_back(month);
    where += " AND month = $" + std::to_string(params.size());
  }
  if (current_only) where += " AND is_current = 1";
  params.emplace_back(int64_t{limit});
  where +=
      " ORDER BY month DESC, employer_id, version DESC LIMIT $" + std::to_string(params.size());
  params.emplace_back(int64_t{offset});
  where += " OFFSET $" + std::to_string(params.size());
  return QueryFiles(conn, where, params);
}

Result<std::string> PayrollFileContent(Connection& conn, std::string_view id) {
  std::optional<std::string> out;
  RETURN_IF_ERROR(
      conn.Query("SELECT content FROM payroll_files WHERE id = $1", {id}, [&](const Row& r) {
        if (r.IsNull(0)) {
          out = std::string();
        } else {
          const auto b = r.Blob(0);
          out = std::string(reinterpret_cast<const char*>(b.data()), b.size());
        }
        return Status::Ok();
      }));
  if (!out) return Status::NotFound("payroll file " + std::string(id) + " does not exist");
  return *out;
}

Status InsertPayrollFile(Connection& conn, const PayrollFile& f, std::string_view content) {
  return conn
      .Exec(
          "INSERT INTO payroll_files (id, employer_id, month, version, is_current, format, name, "
          "digest, size_bytes, lines, findings, paid_on, submitted_by, submitted_ms, content) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
          {f.id, f.employer.value(), f.month, f.version, f.current ? 1 : 0, f.format, f.name,
           f.digest, f.size, f.lines, f.findings, f.paid_on, f.submitted_by, f.submitted.millis(),
           f.format == "none" ? Param() : Param::Blob(Bytes(content))})
      .status();
}

Status RetirePayrollFile(Connection& conn, std::string_view id) {
  ASSIGN_OR_RETURN(int64_t n,
                   conn.Exec("UPDATE payroll_files SET is_current = 0 WHERE id = $1", {id}));
  if (n != 1) return Status::NotFound("payroll file " + std::string(id) + " does not exist");
  return Status::Ok();
}

Status InsertFindings(Connection& conn, std::span<const StoredFinding> findings) {
  for (const auto& f : findings) {
    RETURN_IF_ERROR(conn.Exec("INSERT INTO payroll_findings (file_id, seq, code, worker_id, "
                              "contract_id, origin_country, doc) VALUES ($1, $2, $3, $4, $5, $6, "
                              "$7)",
                              {f.file_id, f.seq, f.code, f.worker, f.contract, f.origin_country,
                               json::Write(f.doc)})
                        .status());
  }
  return Status::Ok();
}

Result<std::vector<StoredFinding>> ListFindings(Connection& conn, std::string_view file_id) {
  std::vector<StoredFinding> out;
  RETURN_IF_ERROR(conn.Query(std::string("SELECT ") + kFindingColumns +
                                 " FROM payroll_findings f WHERE f.file_id = $1 ORDER BY f.seq",
                             {file_id},
                             [&](const Row& r) { return FindingFromRow(r, out.emplace_back()); }));
  return out;
}

Result<std::vector<StoredFinding>> CurrentFindingsWithCodes(Connection& conn,
                                                            std::span<const std::string> codes) {
  std::string in;
  std::vector<Param> params;
  for (const auto& c : codes) {
    params.emplace_back(c);
    in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  if (params.empty()) return std::vector<StoredFinding>();
  std::vector<StoredFinding> out;
  RETURN_IF_ERROR(conn.Query(std::string("SELECT ") + kFindingColumns +
                                 " FROM payroll_findings f JOIN payroll_files p ON p.id = "
                                 "f.file_id WHERE p.is_current = 1 AND f.code IN (" +
                                 in + ") ORDER BY f.file_id, f.seq",
                             params,
                             [&](const Row& r) { return FindingFromRow(r, out.emplace_back()); }));
  return out;
}

Status InsertBalances(Connection& conn, std::span<const StoredBalance> balances) {
  for (const auto& b : balances) {
    RETURN_IF_ERROR(conn.Exec("INSERT INTO payroll_balances (file_id, seq, worker_id, "
                              "employer_id, month, currency, owed_minor, paid_minor) VALUES ($1, "
                              "$2, $3, $4, $5, $6, $7, $8)",
                              {b.file_id, b.seq, b.worker.value(), b.employer.value(), b.month,
                               b.currency, b.owed, b.paid})
                        .status());
  }
  return Status::Ok();
}

Result<std::vector<StoredBalance>> FileBalances(Connection& conn, std::string_view file_id) {
  std::vector<StoredBalance> out;
  RETURN_IF_ERROR(conn.Query(
      "SELECT file_id, seq, worker_id, employer_id, month, currency, owed_minor, paid_minor FROM "
      "payroll_balances WHERE file_id = $1 ORDER BY seq",
      {file_id}, [&](const Row& r) {
        out.push_back(BalanceFromRow(r));
        return Status::Ok();
      }));
  return out;
}

Result<std::vector<StoredBalance>> CurrentBalances(Connection& conn,
                                                   const std::optional<WorkerId>& worker) {
  std::vector<StoredBalance> out;
  const char* select =
      "SELECT b.file_id, b.seq, b.worker_id, b.employer_id, b.month, b.currency, b.owed_minor, "
      "b.paid_minor FROM payroll_balances b JOIN payroll_files p ON p.id = b.file_id "
      "WHERE p.is_current = 1 ";
  auto take = [&](const Row& r) {
    out.push_back(BalanceFromRow(r));
    return Status::Ok();
  };
  if (worker) {
    RETURN_IF_ERROR(
        conn.Query(std::string(select) + "AND b.worker_id = $1 ORDER BY b.month, b.file_id, b.seq",
                   {worker->value()}, take));
  } else {
    // Every balance of a worker-employer pair that was short in some current month: the pairs
    // paid in full every month cannot be in arrears.
    RETURN_IF_ERROR(conn.Query(
        std::string(select) +
            "AND EXISTS (SELECT 1 FROM payroll_balances s JOIN payroll_files q ON q.id = "
            "s.file_id WHERE q.is_current = 1 AND s.worker_id = b.worker_id AND s.employer_id = "
            "b.employer_id AND s.owed_minor > s.paid_minor) "
            "ORDER BY b.worker_id, b.employer_id, b.month, b.file_id, b.seq",
        {}, take));
  }
  return out;
}

Result<std::vector<EscalationStep>> ListEscalationSteps(Connection& conn,
                                                        const std::optional<EmployerId>& employer) {
  std::vector<EscalationStep> out;
  auto take = [&](const Row& r) {
    EscalationStep s;
    s.employer = EmployerId(r.String(0));
    s.month = r.String(1);
    s.action = r.String(2);
    s.due_on = r.String(3);
    s.taken = Timestamp::FromMillis(r.Int(4));
    if (!r.IsNull(5)) s.lifted = Timestamp::FromMillis(r.Int(5));
    out.push_back(std::move(s));
    return Status::Ok();
  };
  const std::string select =
      "SELECT employer_id, month, action, due_on, taken_ms, lifted_ms FROM payroll_steps ";
  if (employer) {
    RETURN_IF_ERROR(conn.Query(select + "WHERE employer_id = $1 ORDER BY month, due_on, action",
                               {employer->value()}, take));
  } else {
    RETURN_IF_ERROR(conn.Query(select + "ORDER BY employer_id, month, due_on, action", {}, take));
  }
  return out;
}

Status InsertEscalationStep(Connection& conn, const EscalationStep& s) {
  return conn
      .Exec(
          "INSERT INTO payroll_steps (employer_id, month, action, due_on, taken_ms, lifted_ms) "
          "VALUES ($1, $2, $3, $4, $5, NULL)",
          {s.employer.value(), s.month, s.action, s.due_on, s.taken.millis()})
      .status();
}

Status LiftEscalationStep(Connection& conn, const EmployerId& employer, std::string_view month,
                          std::string_view action, Timestamp now) {
  ASSIGN_OR_RETURN(int64_t n, conn.Exec("UPDATE payroll_steps SET lifted_ms = $4 WHERE "
                                        "employer_id = $1 AND month = $2 AND action = $3 AND "
                                        "lifted_ms IS NULL",
                                        {employer.value(), month, action, now.millis()}));
  if (n != 1) return Status::NotFound("no step " + std::string(action) + " to lift");
  return Status::Ok();
}

Result<std::vector<std::string>> SuspendedMonths(Connection& conn, const EmployerId& employer) {
  std::vector<std::string> out;
  RETURN_IF_ERROR(
      conn.Query("SELECT month FROM payroll_steps WHERE employer_id = $1 AND action = "
                 "'permits_suspended' AND lifted_ms IS NULL ORDER BY month",
                 {employer.value()}, [&](const Row& r) {
                   out.push_back(r.String(0));
                   return Status::Ok();
                 }));
  return out;
}

namespace {
constexpr const char* kUnlockSelect =
    "SELECT worker_id, employer_id, months, outstanding_minor, currency, active, updated_ms FROM "
    "payroll_unlocks ";
TransferUnlock UnlockFromRow(const Row& r) {
  TransferUnlock u;
  u.worker = WorkerId(r.String(0));
  u.employer = EmployerId(r.String(1));
  u.months = r.Int(2);
  u.outstanding = r.Int(3);
  u.currency = r.String(4);
  u.active = r.Int(5) != 0;
  u.updated = Timestamp::FromMillis(r.Int(6));
  return u;
}
}  // namespace

Result<std::vector<TransferUnlock>> ListTransferUnlocks(Connection& conn) {
  std::vector<TransferUnlock> out;
  RETURN_IF_ERROR(conn.Query(std::string(kUnlockSelect) + "ORDER BY worker_id, employer_id", {},
                             [&](const Row& r) {
                               out.push_back(UnlockFromRow(r));
                               return Status::Ok();
                             }));
  return out;
}

Result<std::optional<TransferUnlock>> FindTransferUnlock(Connection& conn, const WorkerId& worker,
                                                         const EmployerId& employer) {
  std::optional<TransferUnlock> out;
  RETURN_IF_ERROR(
      conn.Query(std::string(kUnlockSelect) + "WHERE worker_id = $1 AND employer_id = $2",
                 {worker.value(), employer.value()}, [&](const Row& r) {
                   out = UnlockFromRow(r);
                   return Status::Ok();
                 }));
  return out;
}

Status PutTransferUnlock(Connection& conn, const TransferUnlock& u) {
  ASSIGN_OR_RETURN(int64_t n,
                   conn.Exec("UPDATE payroll_unlocks SET months = $3, outstanding_minor = $4, "
                             "currency = $5, active = $6, updated_ms = $7 WHERE worker_id = $1 "
                             "AND employer_id = $2",
                             {u.worker.value(), u.employer.value(), u.months, u.outstanding,
                              u.currency, u.active ? 1 : 0, u.updated.millis()}));
  if (n == 0) {
    RETURN_IF_ERROR(conn.Exec("INSERT INTO payroll_unlocks (worker_id, employer_id, months, "
                              "outstanding_minor, currency, active, updated_ms) VALUES ($1, $2, "
                              "$3, $4, $5, $6, $7)",
                              {u.worker.value(), u.employer.value(), u.months, u.outstanding,
                               u.currency, u.active ? 1 : 0, u.updated.millis()})
                        .status());
  }
  return Status::Ok();
}

}  // namespace corridor::store
