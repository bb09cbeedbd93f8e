#include "store/case_store.hpp"

#include <span>

#include "codec/cases.hpp"

namespace corridor::store {
namespace {

int ClampLimit(int limit) { return limit < 1 ? 1 : (limit > 1000 ? 1000 : limit); }

Status DecodeFailure(const Status& s) {
  return Status::DataLoss("a stored protection record does not decode").WithDetail(s.ToString());
}

template <typename T, typename Decode>
Result<T> DecodeText(std::string_view text, Decode decode) {
  auto v = json::Parse(text);
  if (!v.ok()) return DecodeFailure(v.status());
  auto r = decode(*v);
  if (!r.ok()) return DecodeFailure(r.status());
  return r;
}

struct DueKey {
  int64_t due_ms = 0;
  std::string id;
};

Result<DueKey> ParseDueCursor(std::string_view cursor) {
  const Status bad = Status::InvalidArgument(
      "must be the next cursor of a list ordered by deadline (milliseconds.case id)", "after");
  const size_t dot = cursor.find('.');
  if (dot == 0 || dot == std::string_view::npos || dot > 15 || dot + 1 == cursor.size()) return bad;
  DueKey key;
  for (char ch : cursor.substr(0, dot)) {
    if (ch < '0' || ch > '9') return bad;
    key.due_ms = key.due_ms * 10 + (ch - '0');
  }
  if (key.due_ms > kNoDeadlineMs) return bad;
  key.id = std::string(cursor.substr(dot + 1));
  return key;
}

std::string Next(std::vector<Param>& params, Param p) {
  params.push_back(std::move(p));
  return "$" + std::to_string(params.size());
}

constexpr const char* kComplaintColumns =
    "c.doc, k.state, k.assignee, k.supervisor, k.worker_nationality";

Result<std::vector<StoredComplaint>> QueryComplaints(Connection& conn, const std::string& sql,
                                                     std::span<const Param> params) {
  std::vector<StoredComplaint> out;
  RETURN_IF_ERROR(conn.Query(sql, params, [&](const Row& r) -> Status {
    StoredComplaint s;
    ASSIGN_OR_RETURN(s.complaint,
                     DecodeText<domain::Complaint>(r.Text(0), codec::ComplaintFromJson));
    if (!r.IsNull(1)) {
      domain::CaseFacts f;
      auto state = domain::ParseCaseState(r.Text(1));
      if (!state.ok()) return DecodeFailure(state.status());
      f.state = *state;
      f.assignee = r.String(2);
      f.supervisor = r.String(3);
      f.worker_nationality = r.String(4);
      s.in_case = std::move(f);
    }
    out.push_back(std::move(s));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<domain::Case>> QueryCases(Connection& conn, const std::string& sql,
                                             std::span<const Param> params) {
  std::vector<domain::Case> out;
  RETURN_IF_ERROR(conn.Query(sql, params, [&](const Row& r) -> Status {
    ASSIGN_OR_RETURN(auto k, DecodeText<domain::Case>(r.Text(0), codec::CaseFromJson));
    out.push_back(std::move(k));
    return Status::Ok();
  }));
  return out;
}

}  // namespace

// ---------------------------------------------------------------- complaints

Status InsertComplaint(WriteTx& tx, const domain::Complaint& c) {
  return tx.InsertDocument("complaints", c.id.value(), codec::ToJson(c), ComplaintColumns(c));
}

Status UpdateComplaint(WriteTx& tx, const domain::Complaint& c) {
  Status s = tx.UpdateDocument("complaints", c.id.value(), codec::ToJson(c), ComplaintColumns(c));
  if (s.code() == Code::kNotFound) {
    return Status::NotFound("complaint " + c.id.value() + " does not exist");
  }
  return s;
}

Result<std::optional<StoredComplaint>> GetComplaint(ReadTx& tx, const domain::ComplaintId& id) {
  const std::vector<Param> params{id.value()};
  ASSIGN_OR_RETURN(auto found,
                   QueryComplaints(tx.conn(),
                                   std::string("SELECT ") + kComplaintColumns +
                                       " FROM complaints c LEFT JOIN cases k ON k.id = c.case_id "
                                       "WHERE c.id = $1",
                                   params));
  if (found.empty()) return std::optional<StoredComplaint>();
  return std::optional<StoredComplaint>(std::move(found.front()));
}

Result<std::vector<StoredComplaint>> ListComplaints(ReadTx& tx, const ComplaintScope& scope,
                                                    const Page& page) {
  std::vector<Param> params{page.after};
  std::string sql = std::string("SELECT ") + kComplaintColumns +
                    " FROM complaints c LEFT JOIN cases k ON k.id = c.case_id WHERE c.id > $1";
  using K = ComplaintScope::Kind;
  switch (scope.kind) {
    case K::kAll:
      break;
    case K::kWorker:
      sql += " AND c.worker_id = " + Next(params, scope.value) + " AND c.anonymous = 0";
      break;
    case K::kSupervisor: {
      const std::string v = Next(params, scope.value);
      sql += " AND (c.state = 'received' OR k.supervisor = '' OR k.supervisor = " + v + ")";
      break;
    }
    case K::kAssignee:
      sql += " AND k.assignee = " + Next(params, scope.value);
      break;
    case K::kNationality:
      sql += " AND c.worker_nationality = " + Next(params, scope.value);
      break;
  }
  if (scope.state) {
    sql += " AND c.state = " + Next(params, std::string(ToString(*scope.state)));
  }
  sql += " ORDER BY c.id LIMIT " + Next(params, int64_t{ClampLimit(page.limit)});
  return QueryComplaints(tx.conn(), sql, params);
}

Result<std::vector<domain::Complaint>> DueComplaints(ReadTx& tx, Timestamp now, int limit) {
  std::vector<domain::Complaint> out;
  const std::vector<Param> params{now.millis(), int64_t{ClampLimit(limit)}};
  RETURN_IF_ERROR(tx.conn().Query(
      "SELECT doc FROM complaints WHERE due_ms IS NOT NULL AND due_ms < $1 ORDER BY id LIMIT $2",
      params, [&](const Row& r) -> Status {
        ASSIGN_OR_RETURN(auto c,
                         DecodeText<domain::Complaint>(r.Text(0), codec::ComplaintFromJson));
        out.push_back(std::move(c));
        return Status::Ok();
      }));
  return out;
}

// ---------------------------------------------------------------- messages

Status InsertMessage(WriteTx& tx, const domain::ComplaintMessage& m) {
  int64_t seq = 0;
  RETURN_IF_ERROR(tx.conn().Query("SELECT MAX(seq) FROM complaint_messages WHERE complaint_id = $1",
                                  {m.complaint.value()}, [&](const Row& r) {
                                    seq = r.IsNull(0) ? 0 : r.Int(0);
                                    return Status::Ok();
                                  }));
  Columns columns = ComplaintMessageColumns(m);
  columns.emplace_back("seq", Param(seq + 1));
  return tx.InsertDocument("complaint_messages", m.id.value(), codec::ToJson(m), columns);
}

Result<std::vector<domain::ComplaintMessage>> ListMessages(ReadTx& tx,
                                                           const domain::ComplaintId& complaint,
                                                           const Page& page) {
  std::vector<domain::ComplaintMessage> out;
  const std::vector<Param> params{complaint.value(), page.after, int64_t{ClampLimit(page.limit)}};
  RETURN_IF_ERROR(tx.conn().Query(
      "SELECT doc FROM complaint_messages WHERE complaint_id = $1 AND seq > COALESCE((SELECT seq "
      "FROM complaint_messages WHERE id = $2 AND complaint_id = $1), 0) ORDER BY seq LIMIT $3",
      params, [&](const Row& r) -> Status {
        ASSIGN_OR_RETURN(auto m, DecodeText<domain::ComplaintMessage>(
                                     r.Text(0), codec::ComplaintMessageFromJson));
        out.push_back(std::move(m));
        return Status::Ok();
      }));
  return out;
}

// ---------------------------------------------------------------- cases

Status InsertCase(WriteTx& tx, const domain::Case& k) {
  return tx.InsertDocument("cases", k.id.value(), codec::ToJson(k), CaseColumns(k));
}

Status UpdateCase(WriteTx& tx, const domain::Case& k) {
  Status s = tx.UpdateDocument("cases", k.id.value(), codec::ToJson(k), CaseColumns(k));
  if (s.code() == Code::kNotFound)
    return Status::NotFound("case " + k.id.value() + " does not exist");
  return s;
}

Result<std::optional<domain::Case>> GetCase(ReadTx& tx, const domain::CaseId& id) {
  const std::vector<Param> params{id.value()};
  ASSIGN_OR_RETURN(auto found,
                   QueryCases(tx.conn(), "SELECT doc FROM cases WHERE id = $1", params));
  if (found.empty()) return std::optional<domain::Case>();
  return std::optional<domain::Case>(std::move(found.front()));
}

Result<std::vector<domain::Case>> ListCases(ReadTx& tx, const CaseScope& scope, const Page& page,
                                            CaseOrder order) {
  std::vector<Param> params;
  std::string sql = "SELECT doc FROM cases WHERE ";
  if (order == CaseOrder::kDue) {
    if (page.after.empty()) {
      sql += "1 = 1";
    } else {
      ASSIGN_OR_RETURN(DueKey key, ParseDueCursor(page.after));
      const std::string due = Next(params, key.due_ms);
      sql += "(next_due_ms > " + due + " OR (next_due_ms = " + due + " AND id > " +
             Next(params, key.id) + "))";
    }
  } else {
    sql += "id > " + Next(params, page.after);
  }
  using K = CaseScope::Kind;
  switch (scope.kind) {
    case K::kAll:
      break;
    case K::kAssignee:
      sql += " AND assignee = " + Next(params, scope.value);
      break;
    case K::kSupervisor:
      sql += " AND (supervisor = '' OR supervisor = " + Next(params, scope.value) + ")";
      break;
    case K::kNationality:
      sql += " AND worker_nationality = " + Next(params, scope.value);
      break;
  }
  if (scope.state) sql += " AND state = " + Next(params, std::string(ToString(*scope.state)));
  if (scope.flagged) sql += " AND flagged = " + Next(params, *scope.flagged);
  sql += order == CaseOrder::kDue ? " ORDER BY next_due_ms, id" : " ORDER BY id";
  sql += " LIMIT " + Next(params, int64_t{ClampLimit(page.limit)});
  return QueryCases(tx.conn(), sql, params);
}

std::string DueCursor(const domain::Case& k) {
  return std::to_string(CaseQueueDueMs(k)) + "." + k.id.value();
}

Result<std::optional<domain::Case>> FindOpenCase(ReadTx& tx, const std::optional<WorkerId>& worker,
                                                 const std::optional<EmployerId>& employer) {
  std::vector<domain::Case> found;
  if (worker) {
    const std::vector<Param> params{worker->value()};
    ASSIGN_OR_RETURN(found, QueryCases(tx.conn(),
                                       "SELECT doc FROM cases WHERE worker_id = $1 AND state <> "
                                       "'closed' ORDER BY updated_ms, id LIMIT 1",
                                       params));
  } else if (employer) {
    const std::vector<Param> params{employer->value()};
    ASSIGN_OR_RETURN(found, QueryCases(tx.conn(),
                                       "SELECT doc FROM cases WHERE worker_id IS NULL AND "
                                       "employer_id = $1 AND state <> 'closed' "
                                       "ORDER BY updated_ms, id LIMIT 1",
                                       params));
  }
  if (found.empty()) return std::optional<domain::Case>();
  return std::optional<domain::Case>(std::move(found.front()));
}

Result<std::vector<domain::Case>> DueCases(ReadTx& tx, Timestamp now, int limit) {
  const std::vector<Param> params{now.millis(), int64_t{ClampLimit(limit)}};
  return QueryCases(tx.conn(),
                    "SELECT doc FROM cases WHERE due_ms IS NOT NULL AND due_ms < $1 "
                    "ORDER BY id LIMIT $2",
                    params);
}

// ---------------------------------------------------------------- signals

Result<std::optional<domain::CaseId>> FindSignalCase(ReadTx& tx, domain::SignalKind kind,
                                                     std::string_view source) {
  std::optional<domain::CaseId> out;
  RETURN_IF_ERROR(
      tx.conn().Query("SELECT case_id FROM case_signals WHERE kind = $1 AND source = $2",
                      {std::string(ToString(kind)), source}, [&](const Row& r) {
                        out = domain::CaseId(r.String(0));
                        return Status::Ok();
                      }));
  return out;
}

Status InsertSignalSource(WriteTx& tx, domain::SignalKind kind, std::string_view source,
                          const domain::CaseId& k) {
  Status s = tx.conn()
                 .Exec(
                     "INSERT INTO case_signals (kind, source, case_id, time_ms) "
                     "VALUES ($1, $2, $3, $4)",
                     {std::string(ToString(kind)), source, k.value(), tx.now().millis()})
                 .status();
  if (s.code() == Code::kAlreadyExists) {
    return Status::AlreadyExists("the signal from " + std::string(source) + " was taken in before");
  }
  return s;
}

}  // namespace corridor::store
