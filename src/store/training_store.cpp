#include "store/training_store.hpp"

#include <map>
#include <span>

#include "codec/training.hpp"

namespace corridor::store {
namespace {

constexpr int64_t kMaxWorkerRecords = 100;

int ClampLimit(int limit) { return limit < 1 ? 1 : (limit > 1000 ? 1000 : limit); }

Status DecodeFailure(const Status& s) {
  return Status::DataLoss("a stored training record does not decode").WithDetail(s.ToString());
}

template <typename T, typename Decode>
Result<std::vector<T>> QueryDocs(Connection& conn, const std::string& sql,
                                 std::span<const Param> params, Decode decode) {
  std::vector<T> out;
  RETURN_IF_ERROR(conn.Query(sql, params, [&](const Row& r) -> Status {
    auto v = json::Parse(r.Text(0));
    if (!v.ok()) return DecodeFailure(v.status());
    auto record = decode(*v);
    if (!record.ok()) return DecodeFailure(record.status());
    out.push_back(std::move(*record));
    return Status::Ok();
  }));
  return out;
}

template <typename T, typename Decode>
Result<T> GetOne(ReadTx& tx, const std::string& table, const std::string& id, Decode decode,
                 const std::string& what) {
  const std::vector<Param> params{id};
  ASSIGN_OR_RETURN(
      auto found,
      QueryDocs<T>(tx.conn(), "SELECT doc FROM " + table + " WHERE id = $1", params, decode));
  if (found.empty()) return Status::NotFound(what + " " + id + " does not exist");
  return std::move(found.front());
}

Status Updated(Status s, const std::string& what, const std::string& id) {
  if (s.code() == Code::kNotFound) return Status::NotFound(what + " " + id + " does not exist");
  return s;
}

}  // namespace

Status InsertCentre(WriteTx& tx, const domain::Centre& c) {
  Status s =
      tx.InsertDocument("training_centres", c.id.value(), codec::ToJson(c), CentreColumns(c));
  if (s.code() == Code::kAlreadyExists) {
    return Status::AlreadyExists(
        "a centre with licence " + c.licence_number + " is registered already", "licence_number");
  }
  return s;
}

Status UpdateCentre(WriteTx& tx, const domain::Centre& c) {
  return Updated(
      tx.UpdateDocument("training_centres", c.id.value(), codec::ToJson(c), CentreColumns(c)),
      "centre", c.id.value());
}

Result<domain::Centre> GetCentre(ReadTx& tx, const CentreId& id) {
  return GetOne<domain::Centre>(tx, "training_centres", id.value(), codec::CentreFromJson,
                                "centre");
}

Result<std::vector<domain::Centre>> ListCentres(ReadTx& tx, const Page& page) {
  const std::vector<Param> params{page.after, int64_t{ClampLimit(page.limit)}};
  return QueryDocs<domain::Centre>(
      tx.conn(), "SELECT doc FROM training_centres WHERE id > $1 ORDER BY id LIMIT $2", params,
      codec::CentreFromJson);
}

Status InsertSession(WriteTx& tx, const domain::Session& s) {
  return tx.InsertDocument("training_sessions", s.id.value(), codec::ToJson(s), SessionColumns(s));
}

Status UpdateSession(WriteTx& tx, const domain::Session& s) {
  return Updated(
      tx.UpdateDocument("training_sessions", s.id.value(), codec::ToJson(s), SessionColumns(s)),
      "session", s.id.value());
}

Result<domain::Session> GetSession(ReadTx& tx, const domain::SessionId& id) {
  return GetOne<domain::Session>(tx, "training_sessions", id.value(), codec::SessionFromJson,
                                 "session");
}

Result<std::vector<domain::Session>> ListSessions(ReadTx& tx, const std::optional<CentreId>& centre,
                                                  const Page& page) {
  std::vector<Param> params{page.after};
  std::string sql = "SELECT doc FROM training_sessions WHERE id > $1";
  if (centre) {
    params.emplace_back(centre->value());
    sql += " AND centre_id = $2";
  }
  params.emplace_back(int64_t{ClampLimit(page.limit)});
  sql += " ORDER BY id LIMIT $" + std::to_string(params.size());
  return QueryDocs<domain::Session>(tx.conn(), sql, params, codec::SessionFromJson);
}

Status InsertAttendance(WriteTx& tx, const domain::Attendance& a) {
  // Writers are serialised, so MAX + 1 is unique.
  int64_t seq = 0;
  RETURN_IF_ERROR(
      tx.conn().Query("SELECT MAX(seq) FROM training_attendance", {}, [&](const Row& r) {
        seq = r.IsNull(0) ? 0 : r.Int(0);
        return Status::Ok();
      }));
  Columns columns = AttendanceColumns(a);
  columns.emplace_back("seq", Param(seq + 1));
  return tx.InsertDocument("training_attendance", a.id.value(), codec::ToJson(a), columns);
}

Status UpdateAttendance(WriteTx& tx, const domain::Attendance& a) {
  return Updated(tx.UpdateDocument("training_attendance", a.id.value(), codec::ToJson(a),
                                   AttendanceColumns(a)),
                 "attendance", a.id.value());
}

Result<std::vector<domain::Attendance>> ListAttendance(ReadTx& tx, const domain::SessionId& id) {
  const std::vector<Param> params{id.value(), int64_t{domain::kMaxCapacity}};
  return QueryDocs<domain::Attendance>(
      tx.conn(), "SELECT doc FROM training_attendance WHERE session_id = $1 ORDER BY seq LIMIT $2",
      params, codec::AttendanceFromJson);
}

Result<std::vector<domain::Attendance>> ListWorkerAttendance(ReadTx& tx, const WorkerId& worker) {
  const std::vector<Param> params{worker.value(), kMaxWorkerRecords};
  return QueryDocs<domain::Attendance>(
      tx.conn(),
      "SELECT doc FROM training_attendance WHERE worker_id = $1 ORDER BY seq DESC LIMIT $2", params,
      codec::AttendanceFromJson);
}

Status InsertCertificate(WriteTx& tx, const domain::Certificate& c) {
  return tx.InsertDocument("training_certificates", c.id.value(), codec::ToJson(c),
                           CertificateColumns(c));
}

Result<domain::Certificate> GetCertificate(ReadTx& tx, const CertificateId& id) {
  return GetOne<domain::Certificate>(tx, "training_certificates", id.value(),
                                     codec::CertificateFromJson, "certificate");
}

Result<std::vector<domain::Certificate>> ListWorkerCertificates(ReadTx& tx,
                                                                const WorkerId& worker) {
  const std::vector<Param> params{worker.value(), kMaxWorkerRecords};
  return QueryDocs<domain::Certificate>(
      tx.conn(), "SELECT doc FROM training_certificates WHERE worker_id = $1 ORDER BY id LIMIT $2",
      params, codec::CertificateFromJson);
}

Result<std::optional<StoredCertificate>> GetStoredCertificate(ReadTx& tx, const CertificateId& id) {
  std::optional<StoredCertificate> out;
  RETURN_IF_ERROR(
      tx.conn().Query("SELECT doc, ledger_idx, session_id, worker_id, course, official_role FROM "
                      "training_certificates WHERE id = $1",
                      std::vector<Param>{id.value()}, [&](const Row& r) {
                        StoredCertificate s;
                        s.doc = r.String(0);
                        if (!r.IsNull(1)) s.ledger_idx = r.Int(1);
                        s.columns = {{"session_id", Param(r.String(2))},
                                     {"worker_id", Param(r.String(3))},
                                     {"course", Param(r.String(4))},
                                     {"official_role", Param(r.String(5))}};
                        out = std::move(s);
                        return Status::Ok();
                      }));
  return out;
}

Result<RecordCheck> CheckCertificate(ReadTx& tx, const CertificateId& id,
                                     const StoredCertificate& c) {
  const DocumentTable* kind = FindDocumentTable("training_certificates");
  if (kind == nullptr) return Status::Internal("training_certificates is not a table of documents");
  return CheckStoredDocument(tx, *kind, id.value(), {c.doc, c.ledger_idx, c.columns});
}

Result<std::vector<TrainingCount>> CountTraining(ReadTx& tx) {
  std::map<std::pair<std::string, std::string>, TrainingCount> counts;
  auto at = [&](const std::string& course, const std::string& role) -> TrainingCount& {
    TrainingCount& c = counts[{course, role}];
    c.course = course;
    c.official_role = role;
    return c;
  };
  RETURN_IF_ERROR(tx.conn().Query(
      "SELECT course, COUNT(*) FROM training_sessions WHERE state = 'completed' GROUP BY course",
      {}, [&](const Row& r) {
        at(r.String(0), "").sessions_completed = r.Int(1);
        return Status::Ok();
      }));
  RETURN_IF_ERROR(tx.conn().Query(
      "SELECT course, official_role, COUNT(*) FROM training_certificates GROUP BY course, "
      "official_role",
      {}, [&](const Row& r) {
        const std::string course = r.String(0);
        const std::string role = r.String(1);
        at(course, "").certified += r.Int(2);
        if (!role.empty()) at(course, role).certified += r.Int(2);
        return Status::Ok();
      }));
  std::vector<TrainingCount> out;
  out.reserve(counts.size());
  for (auto& [key, c] : counts) out.push_back(std::move(c));
  return out;
}

}  // namespace corridor::store
