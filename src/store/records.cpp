// The record repository: each registry record is its canonical JSON document plus the columns
// it is found by; ReadTx reads and decodes them, WriteTx inserts and updates them.
#include <algorithm>

#include "codec/codec.hpp"
#include "ledger/event.hpp"
#include "store/store.hpp"

namespace corridor::store {
namespace {

Result<json::Value> ParseDoc(const std::string& doc) {
  auto v = json::Parse(doc);
  if (!v.ok())
    return Status::DataLoss("a stored record is not valid JSON").WithDetail(v.status().ToString());
  return v;
}

template <typename T, typename Decode>
Result<T> DecodeDoc(const std::optional<std::string>& doc, Decode decode, std::string_view what,
                    std::string_view id) {
  if (!doc) return Status::NotFound(std::string(what) + " " + std::string(id) + " does not exist");
  ASSIGN_OR_RETURN(json::Value v, ParseDoc(*doc));
  auto r = decode(v);
  if (!r.ok())
    return Status::DataLoss("a stored record does not decode").WithDetail(r.status().ToString());
  return r;
}

template <typename T, typename Decode>
Result<std::vector<T>> DecodeDocs(const std::vector<std::string>& docs, Decode decode) {
  std::vector<T> out;
  out.reserve(docs.size());
  for (const auto& d : docs) {
    ASSIGN_OR_RETURN(json::Value v, ParseDoc(d));
    auto r = decode(v);
    if (!r.ok())
      return Status::DataLoss("a stored record does not decode").WithDetail(r.status().ToString());
    out.push_back(std::move(*r));
  }
  return out;
}

int ClampLimit(int limit) { return limit < 1 ? 1 : (limit > 1000 ? 1000 : limit); }

}  // namespace

// ---------------------------------------------------------------- reads

Result<std::optional<std::string>> ReadTx::GetDoc(std::string_view table, std::string_view id) {
  std::optional<std::string> doc;
  RETURN_IF_ERROR(conn_.Query("SELECT doc FROM " + std::string(table) + " WHERE id = $1", {id},
                              [&](const Row& r) {
                                doc = r.String(0);
                                return Status::Ok();
                              }));
  return doc;
}

Result<std::optional<std::string>> ReadTx::GetDocBy(std::string_view table, std::string_view column,
                                                    std::string_view value) {
  std::optional<std::string> doc;
  RETURN_IF_ERROR(conn_.Query(
      "SELECT doc FROM " + std::string(table) + " WHERE " + std::string(column) + " = $1", {value},
      [&](const Row& r) {
        doc = r.String(0);
        return Status::Ok();
      }));
  return doc;
}

Result<std::vector<std::string>> ReadTx::ListDocs(
    std::string_view table, const std::vector<std::pair<std::string, Param>>& eq,
    const Page& page) {
  std::string sql = "SELECT doc FROM " + std::string(table) + " WHERE id > $1";
  std::vector<Param> params{Param(page.after)};
  for (const auto& [column, value] : eq) {
    params.push_back(value);
    sql += " AND " + column + " = $" + std::to_string(params.size());
  }
  params.push_back(int64_t{ClampLimit(page.limit)});
  sql += " ORDER BY id LIMIT $" + std::to_string(params.size());
  std::vector<std::string> docs;
  RETURN_IF_ERROR(conn_.Query(sql, params, [&](const Row& r) {
    docs.push_back(r.String(0));
    return Status::Ok();
  }));
  return docs;
}

Result<domain::Worker> ReadTx::GetWorker(const WorkerId& id) {
  ASSIGN_OR_RETURN(auto doc, GetDoc("workers", id.value()));
  return DecodeDoc<domain::Worker>(doc, codec::WorkerFromJson, "worker", id.value());
}

Result<std::optional<domain::Worker>> ReadTx::FindWorkerByPassport(std::string_view issuing_state,
                                                                   std::string_view number) {
  ASSIGN_OR_RETURN(auto doc, GetDocBy("workers", "passport_key",
                                      std::string(issuing_state) + ":" + std::string(number)));
  if (!doc) return std::optional<domain::Worker>();
  ASSIGN_OR_RETURN(auto w, DecodeDoc<domain::Worker>(doc, codec::WorkerFromJson, "worker", ""));
  return std::optional<domain::Worker>(std::move(w));
}

Result<std::optional<domain::Employer>> ReadTx::FindEmployerByRegistration(
    std::string_view country, std::string_view number) {
  ASSIGN_OR_RETURN(auto doc, GetDocBy("employers", "registration_key",
                                      std::string(country) + ":" + std::string(number)));
  if (!doc) return std::optional<domain::Employer>();
  ASSIGN_OR_RETURN(auto e,
                   DecodeDoc<domain::Employer>(doc, codec::EmployerFromJson, "employer", ""));
  return std::optional<domain::Employer>(std::move(e));
}

Result<std::optional<domain::Agency>> ReadTx::FindAgencyByLicence(std::string_view country,
                                                                  std::string_view number) {
  ASSIGN_OR_RETURN(auto doc, GetDocBy("agencies", "licence_key",
                                      std::string(country) + ":" + std::string(number)));
  if (!doc) return std::optional<domain::Agency>();
  ASSIGN_OR_RETURN(auto a, DecodeDoc<domain::Agency>(doc, codec::AgencyFromJson, "agency", ""));
  return std::optional<domain::Agency>(std::move(a));
}

Result<std::vector<domain::Worker>> ReadTx::ListWorkers(const WorkerFilter& f, const Page& page) {
  std::vector<std::pair<std::string, Param>> eq;
  if (!f.nationality.empty()) eq.emplace_back("nationality", f.nationality);
  ASSIGN_OR_RETURN(auto docs, ListDocs("workers", eq, page));
  ASSIGN_OR_RETURN(auto all, DecodeDocs<domain::Worker>(docs, codec::WorkerFromJson));
  if (f.passport_number.empty()) return all;
  std::vector<domain::Worker> out;
  for (auto& w : all) {
    if (w.passport.number == f.passport_number) out.push_back(std::move(w));
  }
  return out;
}

Result<domain::Employer> ReadTx::GetEmployer(const EmployerId& id) {
  ASSIGN_OR_RETURN(auto doc, GetDoc("employers", id.value()));
  return DecodeDoc<domain::Employer>(doc, codec::EmployerFromJson, "employer", id.value());
}

Result<std::vector<domain::Employer>> ReadTx::ListEmployers(std::string_view country,
                                                            const Page& page) {
  std::vector<std::pair<std::string, Param>> eq;
  if (!country.empty()) eq.emplace_back("country", country);
  ASSIGN_OR_RETURN(auto docs, ListDocs("employers", eq, page));
  return DecodeDocs<domain::Employer>(docs, codec::EmployerFromJson);
}

Result<domain::Agency> ReadTx::GetAgency(const AgencyId& id) {
  ASSIGN_OR_RETURN(auto doc, GetDoc("agencies", id.value()));
  return DecodeDoc<domain::Agency>(doc, codec::AgencyFromJson, "agency", id.value());
}

Result<std::vector<domain::Agency>> ReadTx::ListAgencies(std::string_view country,
                                                         const Page& page) {
  std::vector<std::pair<std::string, Param>> eq;
  if (!country.empty()) eq.emplace_back("country", country);
  ASSIGN_OR_RETURN(auto docs, ListDocs("agencies", eq, page));
  return DecodeDocs<domain::Agency>(docs, codec::AgencyFromJson);
}

Result<domain::JobOrder> ReadTx::GetJobOrder(const JobOrderId& id) {
  ASSIGN_OR_RETURN(auto doc, GetDoc("job_orders", id.value()));
  return DecodeDoc<domain::JobOrder>(doc, codec::JobOrderFromJson, "job order", id.value());
}

Result<std::vector<domain::JobOrder>> ReadTx::ListJobOrders(
    const std::optional<EmployerId>& employer, const Page& page) {
  std::vector<std::pair<std::string, Param>> eq;
  if (employer) eq.emplace_back("employer_id", employer->value());
  ASSIGN_OR_RETURN(auto docs, ListDocs("job_orders", eq, page));
  return DecodeDocs<domain::JobOrder>(docs, codec::JobOrderFromJson);
}

Result<domain::Contract> ReadTx::GetContract(const ContractId& id) {
  ASSIGN_OR_RETURN(auto doc, GetDoc("contracts", id.value()));
  return DecodeDoc<domain::Contract>(doc, codec::ContractFromJson, "contract", id.value());
}

Result<std::optional<ReadTx::StoredContract>> ReadTx::GetContractDocument(const ContractId& id) {
  std::optional<StoredContract> out;
  RETURN_IF_ERROR(conn_.Query(
      "SELECT doc, worker_id, employer_id, agency_id, origin_country, destination_country, state, "
      "amendment_pending, digest, ledger_idx FROM contracts WHERE id = $1",
      {id.value()}, [&](const Row& r) {
        StoredContract s;
        s.doc = r.String(0);
        s.parties.worker = WorkerId(r.String(1));
        s.parties.employer = EmployerId(r.String(2));
        if (!r.IsNull(3)) s.parties.agency = AgencyId(r.String(3));
        s.parties.origin_country = r.String(4);
        s.parties.destination_country = r.String(5);
        s.amendment_pending = r.Int(7) != 0;
        if (!r.IsNull(9)) s.ledger_idx = r.Int(9);
        s.columns = {{"worker_id", Param(r.String(1))},
                     {"employer_id", Param(r.String(2))},
                     {"agency_id", r.IsNull(3) ? Param() : Param(r.String(3))},
                     {"state", Param(r.String(6))},
                     {"origin_country", Param(r.String(4))},
                     {"destination_country", Param(r.String(5))},
                     {"digest", Param(r.String(8))},
                     {"amendment_pending", Param(r.Int(7))}};
        // A state that is no state is the ledger check's to name (the column disagrees with the
        // document); the access decision treats it as a draft, which only its parties see.
        auto state = domain::ParseContractState(r.Text(6));
        s.state = state.ok() ? *state : domain::ContractState::kDraft;
        out = std::move(s);
        return Status::Ok();
      }));
  return out;
}

Result<std::vector<domain::Contract>> ReadTx::ListContracts(const ContractFilter& f,
                                                            const Page& page) {
  std::vector<std::pair<std::string, Param>> eq;
  if (f.worker) eq.emplace_back("worker_id", f.worker->value());
  if (f.employer) eq.emplace_back("employer_id", f.employer->value());
  if (f.agency) eq.emplace_back("agency_id", f.agency->value());
  if (f.state) eq.emplace_back("state", std::string(ToString(*f.state)));
  if (!f.origin_country.empty()) eq.emplace_back("origin_country", f.origin_country);
  if (!f.destination_country.empty()) eq.emplace_back("destination_country", f.destination_country);
  ASSIGN_OR_RETURN(auto docs, ListDocs("contracts", eq, page));
  return DecodeDocs<domain::Contract>(docs, codec::ContractFromJson);
}

Result<domain::Permit> ReadTx::GetPermit(const PermitId& id) {
  ASSIGN_OR_RETURN(auto doc, GetDoc("permits", id.value()));
  return DecodeDoc<domain::Permit>(doc, codec::PermitFromJson, "permit", id.value());
}

Result<std::vector<domain::Permit>> ReadTx::ListPermits(const std::optional<WorkerId>& worker,
                                                        const Page& page) {
  std::vector<std::pair<std::string, Param>> eq;
  if (worker) eq.emplace_back("worker_id", worker->value());
  ASSIGN_OR_RETURN(auto docs, ListDocs("permits", eq, page));
  return DecodeDocs<domain::Permit>(docs, codec::PermitFromJson);
}

Result<std::vector<domain::Permit>> ReadTx::ListPermitsWithStatus(domain::PermitStatus status,
                                                                  const Page& page) {
  ASSIGN_OR_RETURN(auto docs,
                   ListDocs("permits", {{"status", Param(std::string(ToString(status)))}}, page));
  return DecodeDocs<domain::Permit>(docs, codec::PermitFromJson);
}

Result<std::optional<domain::Permit>> ReadTx::ActivePermitForContract(const ContractId& contract) {
  std::vector<std::string> docs;
  RETURN_IF_ERROR(conn_.Query(
      "SELECT doc FROM permits WHERE contract_id = $1 AND status IN ('active', 'suspended')",
      {contract.value()}, [&](const Row& r) {
        docs.push_back(r.String(0));
        return Status::Ok();
      }));
  if (docs.empty()) return std::optional<domain::Permit>();
  ASSIGN_OR_RETURN(auto permits, DecodeDocs<domain::Permit>(docs, codec::PermitFromJson));
  return std::optional<domain::Permit>(std::move(permits.front()));
}

Result<domain::Transfer> ReadTx::GetTransfer(const TransferId& id) {
  ASSIGN_OR_RETURN(auto doc, GetDoc("transfers", id.value()));
  return DecodeDoc<domain::Transfer>(doc, codec::TransferFromJson, "transfer", id.value());
}

Result<std::vector<domain::Transfer>> ReadTx::ListTransfers(const std::optional<WorkerId>& worker,
                                                            const Page& page) {
  std::vector<std::pair<std::string, Param>> eq;
  if (worker) eq.emplace_back("worker_id", worker->value());
  ASSIGN_OR_RETURN(auto docs, ListDocs("transfers", eq, page));
  return DecodeDocs<domain::Transfer>(docs, codec::TransferFromJson);
}

Result<domain::AbsenceReport> ReadTx::GetAbsenceReport(const NoticeId& id) {
  ASSIGN_OR_RETURN(auto doc, GetDoc("absence_reports", id.value()));
  return DecodeDoc<domain::AbsenceReport>(doc, codec::AbsenceReportFromJson, "absence report",
                                          id.value());
}

Result<std::vector<domain::AbsenceReport>> ReadTx::ListAbsenceReports(
    const std::optional<WorkerId>& worker, const Page& page) {
  std::vector<std::pair<std::string, Param>> eq;
  if (worker) eq.emplace_back("worker_id", worker->value());
  ASSIGN_OR_RETURN(auto docs, ListDocs("absence_reports", eq, page));
  return DecodeDocs<domain::AbsenceReport>(docs, codec::AbsenceReportFromJson);
}

Result<domain::ExitNotice> ReadTx::GetExitNotice(const NoticeId& id) {
  ASSIGN_OR_RETURN(auto doc, GetDoc("exit_notices", id.value()));
  return DecodeDoc<domain::ExitNotice>(doc, codec::ExitNoticeFromJson, "exit notice", id.value());
}

Result<std::vector<domain::ExitNotice>> ReadTx::ListExitNotices(
    const std::optional<WorkerId>& worker, const Page& page) {
  std::vector<std::pair<std::string, Param>> eq;
  if (worker) eq.emplace_back("worker_id", worker->value());
  ASSIGN_OR_RETURN(auto docs, ListDocs("exit_notices", eq, page));
  return DecodeDocs<domain::ExitNotice>(docs, codec::ExitNoticeFromJson);
}

Result<std::vector<domain::Occupation>> ReadTx::ListOccupations() {
  std::vector<domain::Occupation> out;
  RETURN_IF_ERROR(conn_.Query("SELECT isco_code, title FROM occupations ORDER BY isco_code", {},
                              [&](const Row& r) {
                                out.push_back({r.String(0), r.String(1)});
                                return Status::Ok();
                              }));
  return out;
}

Result<std::optional<domain::Occupation>> ReadTx::FindOccupation(std::string_view isco_code) {
  std::optional<domain::Occupation> out;
  RETURN_IF_ERROR(conn_.Query("SELECT isco_code, title FROM occupations WHERE isco_code = $1",
                              {isco_code}, [&](const Row& r) {
                                out = domain::Occupation{r.String(0), r.String(1)};
                                return Status::Ok();
                              }));
  return out;
}

Result<std::vector<domain::WageFloor>> ReadTx::ListWageFloors(std::string_view country) {
  std::vector<domain::WageFloor> out;
  Status inner;
  RETURN_IF_ERROR(conn_.Query(
      "SELECT country, isco_code, effective_from, currency, minimum_minor FROM wage_floors "
      "WHERE country = $1 ORDER BY isco_code, effective_from",
      {country}, [&](const Row& r) {
        auto from = Date::Parse(r.Text(2));
        if (!from.ok()) return Status::DataLoss("a stored wage floor has a bad date");
        out.push_back({r.String(0), r.String(1), Money{r.Int(4), r.String(3)}, *from});
        return Status::Ok();
      }));
  return out;
}

Result<std::optional<domain::CountryRules>> ReadTx::FindCountryRules(std::string_view country) {
  std::optional<std::string> doc;
  RETURN_IF_ERROR(
      conn_.Query("SELECT doc FROM country_rules WHERE country = $1", {country}, [&](const Row& r) {
        doc = r.String(0);
        return Status::Ok();
      }));
  if (!doc) return std::optional<domain::CountryRules>();
  ASSIGN_OR_RETURN(auto rules, DecodeDoc<domain::CountryRules>(doc, codec::CountryRulesFromJson,
                                                               "country rules", country));
  return std::optional<domain::CountryRules>(std::move(rules));
}

Result<std::vector<Notification>> ReadTx::ListNotifications(std::string_view recipient,
                                                            const Page& page) {
  return ListNotifications(std::vector<std::string>{std::string(recipient)}, page);
}

Result<std::vector<Notification>> ReadTx::ListNotifications(
    const std::vector<std::string>& recipients, const Page& page) {
  if (recipients.empty() || recipients.size() > 4) {
    return Status::Internal("notifications are listed for 1 to 4 recipients");
  }
  std::vector<Param> params{page.after, int64_t{ClampLimit(page.limit)}};
  std::string in;
  for (const auto& r : recipients) {
    params.emplace_back(r);
    in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  std::vector<Notification> out;
  RETURN_IF_ERROR(
      conn_.Query("SELECT id, recipient, type, subject, time_ms, doc FROM notifications "
                  "WHERE recipient IN (" +
                      in + ") AND id > $1 ORDER BY id LIMIT $2",
                  params, [&](const Row& r) {
                    Notification n;
                    n.id = r.String(0);
                    n.recipient = r.String(1);
                    n.type = r.String(2);
                    n.subject = r.String(3);
                    n.time = Timestamp::FromMillis(r.Int(4));
                    auto data = json::Parse(r.Text(5));
                    if (!data.ok())
                      return Status::DataLoss("a stored notification is not valid JSON");
                    n.data = std::move(*data);
                    out.push_back(std::move(n));
                    return Status::Ok();
                  }));
  return out;
}

Result<std::vector<Notification>> ReadTx::NotificationsAbout(std::string_view recipient,
                                                             std::string_view type,
                                                             std::string_view subject) {
  std::vector<Notification> out;
  RETURN_IF_ERROR(
      conn_.Query("SELECT id, recipient, type, subject, time_ms, doc FROM notifications "
                  "WHERE recipient = $1 AND type = $2 AND subject = $3 ORDER BY id LIMIT 100",
                  {recipient, type, subject}, [&](const Row& r) {
                    Notification n;
                    n.id = r.String(0);
                    n.recipient = r.String(1);
                    n.type = r.String(2);
                    n.subject = r.String(3);
                    n.time = Timestamp::FromMillis(r.Int(4));
                    auto data = json::Parse(r.Text(5));
                    if (!data.ok())
                      return Status::DataLoss("a stored notification is not valid JSON");
                    n.data = std::move(*data);
                    out.push_back(std::move(n));
                    return Status::Ok();
                  }));
  return out;
}

Result<std::vector<json::Value>> ReadTx::History(std::string_view subject, int limit) {
  std::vector<json::Value> out;
  RETURN_IF_ERROR(conn_.Query(
      "SELECT event FROM ledger_events WHERE subject = $1 ORDER BY idx LIMIT $2",
      {subject, int64_t{ClampLimit(limit)}}, [&](const Row& r) {
        const auto b = r.Blob(0);
        auto v = json::Parse(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
        if (!v.ok()) return Status::DataLoss("a stored ledger event is not valid JSON");
        out.push_back(std::move(*v));
        return Status::Ok();
      }));
  return out;
}

Result<uint64_t> ReadTx::LedgerSize() {
  uint64_t size = 0;
  RETURN_IF_ERROR(conn_.Query("SELECT size FROM ledger_state WHERE id = 1", {}, [&](const Row& r) {
    size = static_cast<uint64_t>(r.Int(0));
    return Status::Ok();
  }));
  return size;
}

// ---------------------------------------------------------------- writes

Status WriteTx::WriteDocument(bool insert, std::string_view table, const std::string& id,
                              const json::Value& doc, const Columns& columns) {
  const DocumentTable* kind = FindDocumentTable(table);
  if (kind == nullptr) {
    return Status::Internal("table " + std::string(table) +
                            " is not a table of documents (store/documents.cpp)");
  }
  for (const std::string& c : kind->columns) {
    if (std::none_of(columns.begin(), columns.end(), [&](const auto& p) { return p.first == c; })) {
      return Status::Internal("a write of " + kind->table + " leaves out the column " + c);
    }
  }
  if (id.empty()) return Status::Internal("a record of " + kind->table + " without a key");
  if (!insert) RETURN_IF_ERROR(CheckBeforeUpdate(*kind, id));
  const std::string text = json::Write(doc);
  // The next event of this transaction carries the record: its index is the tree's size now.
  const auto ledger_idx = static_cast<int64_t>(tree_.size());
  std::vector<Param> params{Param(id), Param(text), Param(now_.millis()), Param(ledger_idx)};
  std::string sql;
  if (insert) {
    std::string names = kind->key + ", version, doc, updated_ms, ledger_idx";
    std::string values = "$1, 1, $2, $3, $4";
    for (const auto& [column, value] : columns) {
      params.push_back(value);
      names += ", " + column;
      values += ", $" + std::to_string(params.size());
    }
    sql = "INSERT INTO " + kind->table + " (" + names + ") VALUES (" + values + ")";
  } else {
    std::string sets = "version = version + 1, doc = $2, updated_ms = $3, ledger_idx = $4";
    for (const auto& [column, value] : columns) {
      params.push_back(value);
      sets += ", " + column + " = $" + std::to_string(params.size());
    }
    sql = "UPDATE " + kind->table + " SET " + sets + " WHERE " + kind->key + " = $1";
  }
  ASSIGN_OR_RETURN(int64_t n, conn_.Exec(sql, params));
  if (!insert && n != 1) {
    return Status::NotFound(kind->table + " record " + id + " does not exist");
  }
  ledger::RecordHash written{kind->table, id, crypto::Sha256(text)};
  for (auto& w : written_) {
    if (w.table == written.table && w.id == written.id) {
      w.sha256 = written.sha256;  // written twice before its event: the event carries the last
      return Status::Ok();
    }
  }
  written_.push_back(std::move(written));
  return Status::Ok();
}

Status WriteTx::CheckBeforeUpdate(const DocumentTable& kind, const std::string& id) {
  for (const auto& w : written_) {
    if (w.table == kind.table && w.id == id) return Status::Ok();  // written by this transaction
  }
  std::optional<std::string> doc;
  std::optional<int64_t> idx;
  RETURN_IF_ERROR(
      conn_.Query("SELECT doc, ledger_idx FROM " + kind.table + " WHERE " + kind.key + " = $1",
                  {id}, [&](const Row& r) {
                    doc = r.String(0);
                    if (!r.IsNull(1)) idx = r.Int(1);
                    return Status::Ok();
                  }));
  if (!doc || !idx) return Status::Ok();  // not there (the update says so), or older than hashes
  bool carried = false;
  bool same = false;
  RETURN_IF_ERROR(
      conn_.Query("SELECT event FROM ledger_events WHERE idx = $1", {*idx}, [&](const Row& r) {
        const auto b = r.Blob(0);
        auto e = ledger::DecodeEvent(
            std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
        if (!e.ok()) return Status::Ok();
        for (const auto& rec : e->records) {
          if (rec.table == kind.table && rec.id == id) {
            carried = true;
            same = rec.sha256 == crypto::Sha256(*doc);
          }
        }
        return Status::Ok();
      }));
  if (carried && same) return Status::Ok();
  // A change built on a record edited behind the node's back would record the edit as if the
  // node had made it: refused, and nothing of the write is kept.
  return Status::DataLoss(kind.table + " record " + id +
                          " does not agree with the node's ledger; the change was not made")
      .WithDetail("ledger_idx " + std::to_string(*idx) +
                  (carried ? ": the stored document is not the one that event recorded"
                           : ": that event does not record it"));
}

Status WriteTx::InsertDocument(std::string_view table, const std::string& id,
                               const json::Value& doc, const Columns& columns) {
  return WriteDocument(true, table, id, doc, columns);
}

Status WriteTx::UpdateDocument(std::string_view table, const std::string& id,
                               const json::Value& doc, const Columns& columns) {
  return WriteDocument(false, table, id, doc, columns);
}

Status WriteTx::InsertWorker(const domain::Worker& w) {
  Status s = InsertDocument("workers", w.id.value(), codec::ToJson(w), WorkerColumns(w));
  if (s.code() == Code::kAlreadyExists) {
    return Status::AlreadyExists("a worker with passport " + w.passport.number + " of " +
                                     w.passport.issuing_state + " is registered already",
                                 "passport.number");
  }
  return s;
}

Status WriteTx::UpdateWorker(const domain::Worker& w) {
  return UpdateDocument("workers", w.id.value(), codec::ToJson(w), WorkerColumns(w));
}

Status WriteTx::InsertEmployer(const domain::Employer& e) {
  Status s = InsertDocument("employers", e.id.value(), codec::ToJson(e), EmployerColumns(e));
  if (s.code() == Code::kAlreadyExists) {
    return Status::AlreadyExists("an employer with registration number " + e.registration_number +
                                     " in " + e.country + " is registered already",
                                 "registration_number");
  }
  return s;
}

Status WriteTx::InsertAgency(const domain::Agency& a) {
  Status s = InsertDocument("agencies", a.id.value(), codec::ToJson(a), AgencyColumns(a));
  if (s.code() == Code::kAlreadyExists) {
    return Status::AlreadyExists("an agency with licence " + a.licence_number + " of " + a.country +
                                     " is registered already",
                                 "licence_number");
  }
  return s;
}

Status WriteTx::UpdateAgency(const domain::Agency& a) {
  return UpdateDocument("agencies", a.id.value(), codec::ToJson(a), AgencyColumns(a));
}

Status WriteTx::InsertJobOrder(const domain::JobOrder& j) {
  return InsertDocument("job_orders", j.id.value(), codec::ToJson(j), JobOrderColumns(j));
}
Status WriteTx::UpdateJobOrder(const domain::JobOrder& j) {
  return UpdateDocument("job_orders", j.id.value(), codec::ToJson(j), JobOrderColumns(j));
}
Status WriteTx::InsertContract(const domain::Contract& c) {
  return InsertDocument("contracts", c.id.value(), codec::ToJson(c), ContractColumns(c));
}
Status WriteTx::UpdateContract(const domain::Contract& c) {
  return UpdateDocument("contracts", c.id.value(), codec::ToJson(c), ContractColumns(c));
}
Status WriteTx::InsertPermit(const domain::Permit& p) {
  return InsertDocument("permits", p.id.value(), codec::ToJson(p), PermitColumns(p));
}
Status WriteTx::UpdatePermit(const domain::Permit& p) {
  return UpdateDocument("permits", p.id.value(), codec::ToJson(p), PermitColumns(p));
}
Status WriteTx::InsertTransfer(const domain::Transfer& t) {
  return InsertDocument("transfers", t.id.value(), codec::ToJson(t), TransferColumns(t));
}
Status WriteTx::UpdateTransfer(const domain::Transfer& t) {
  return UpdateDocument("transfers", t.id.value(), codec::ToJson(t), TransferColumns(t));
}
Status WriteTx::InsertAbsenceReport(const domain::AbsenceReport& r) {
  return InsertDocument("absence_reports", r.id.value(), codec::ToJson(r), AbsenceReportColumns(r));
}
Status WriteTx::InsertExitNotice(const domain::ExitNotice& n) {
  return InsertDocument("exit_notices", n.id.value(), codec::ToJson(n), ExitNoticeColumns(n));
}

Status WriteTx::PutOccupation(const domain::Occupation& o) {
  ASSIGN_OR_RETURN(int64_t n, conn_.Exec("UPDATE occupations SET title = $2 WHERE isco_code = $1",
                                         {o.isco_code, o.title}));
  if (n == 0) {
    RETURN_IF_ERROR(conn_
                        .Exec("INSERT INTO occupations (isco_code, title) VALUES ($1, $2)",
                              {o.isco_code, o.title})
                        .status());
  }
  return Status::Ok();
}

Status WriteTx::PutWageFloor(const domain::WageFloor& f) {
  const std::string from = f.effective_from.ToString();
  ASSIGN_OR_RETURN(int64_t n,
                   conn_.Exec("UPDATE wage_floors SET currency = $4, minimum_minor = $5 "
                              "WHERE country = $1 AND isco_code = $2 AND effective_from = $3",
                              {f.country, f.isco_code, from, f.minimum.currency, f.minimum.minor}));
  if (n == 0) {
    RETURN_IF_ERROR(conn_
                        .Exec("INSERT INTO wage_floors (country, isco_code, effective_from, "
                              "currency, minimum_minor) VALUES ($1, $2, $3, $4, $5)",
                              {f.country, f.isco_code, from, f.minimum.currency, f.minimum.minor})
                        .status());
  }
  return Status::Ok();
}

Status WriteTx::PutCountryRules(const domain::CountryRules& r) {
  const json::Value doc = codec::ToJson(r);
  Status s = UpdateDocument("country_rules", r.country, doc, {});
  if (s.code() == Code::kNotFound) return InsertDocument("country_rules", r.country, doc, {});
  return s;
}

Status WriteTx::InsertNotification(const Notification& n) {
  return conn_
      .Exec(
          "INSERT INTO notifications (id, recipient, type, subject, time_ms, doc) "
          "VALUES ($1, $2, $3, $4, $5, $6)",
          {n.id, n.recipient, n.type, n.subject, n.time.millis(), json::Write(n.data)})
      .status();
}

}  // namespace corridor::store
