#include "store/store.hpp"

#include <chrono>

#include "codec/codec.hpp"
#include "core/encoding.hpp"
#include "ledger/event.hpp"
#include "store/migrations.hpp"

namespace corridor::store {
namespace {

// Perfect-subtree hashes as stored: level 0 is the events' leaf hashes, higher levels the
// ledger_nodes table.
class DbNodeSource final : public ledger::NodeSource {
 public:
  explicit DbNodeSource(Connection& conn) : conn_(conn) {}
  Result<ledger::Hash> PerfectSubtree(uint32_t level, uint64_t index) override {
    std::optional<ledger::Hash> hash;
    auto take = [&](const Row& r) {
      const auto b = r.Blob(0);
      if (b.size() != 32) return Status::DataLoss("a stored ledger hash is not 32 bytes");
      ledger::Hash h;
      std::copy(b.begin(), b.end(), h.begin());
      hash = h;
      return Status::Ok();
    };
    if (level == 0) {
      RETURN_IF_ERROR(conn_.Query("SELECT leaf_hash FROM ledger_events WHERE idx = $1",
                                  {static_cast<int64_t>(index)}, take));
    } else {
      RETURN_IF_ERROR(conn_.Query("SELECT hash FROM ledger_nodes WHERE level = $1 AND idx = $2",
                                  {static_cast<int64_t>(level), static_cast<int64_t>(index)},
                                  take));
    }
    if (!hash) {
      return Status::DataLoss("the ledger has no stored node at level " + std::to_string(level) +
                              ", index " + std::to_string(index));
    }
    return *hash;
  }

 private:
  Connection& conn_;
};

// The same hashes read ahead a batch at a time, for a reader that asks for each level's nodes in
// increasing index order (the audit): one query per 4096 nodes instead of one per node.
class BatchedNodeSource final : public ledger::NodeSource {
 public:
  explicit BatchedNodeSource(Connection& conn) : conn_(conn) {}
  Result<ledger::Hash> PerfectSubtree(uint32_t level, uint64_t index) override {
    if (level >= levels_.size()) levels_.resize(level + 1);
    Level& l = levels_[level];
    if (index < l.first || index >= l.first + l.hashes.size()) {
      l.first = index;
      l.hashes.clear();
      auto take = [&](const Row& r) {
        const auto b = r.Blob(1);
        if (static_cast<uint64_t>(r.Int(0)) != l.first + l.hashes.size() || b.size() != 32) {
          return Status::Ok();  // a gap or a damaged hash: stop the batch here
        }
        ledger::Hash h;
        std::copy(b.begin(), b.end(), h.begin());
        l.hashes.push_back(h);
        return Status::Ok();
      };
      if (level == 0) {
        RETURN_IF_ERROR(conn_.Query(
            "SELECT idx, leaf_hash FROM ledger_events WHERE idx >= $1 ORDER BY idx LIMIT 4096",
            {static_cast<int64_t>(index)}, take));
      } else {
        RETURN_IF_ERROR(conn_.Query(
            "SELECT idx, hash FROM ledger_nodes WHERE level = $1 AND idx >= $2 ORDER BY idx "
            "LIMIT 4096",
            {static_cast<int64_t>(level), static_cast<int64_t>(index)}, take));
      }
      if (l.hashes.empty()) {
        return Status::DataLoss("the ledger has no stored node at level " + std::to_string(level) +
                                ", index " + std::to_string(index));
      }
    }
    return l.hashes[index - l.first];
  }

 private:
  struct Level {
    uint64_t first = 0;
    std::vector<ledger::Hash> hashes;
  };
  Connection& conn_;
  std::vector<Level> levels_;
};

// Streams the stored events in index order, a batch at a time (PostgreSQL returns a whole result
// at once, so one query over millions of events would hold them all in memory).
class DbEventReader final : public ledger::EventReader {
 public:
  explicit DbEventReader(Connection& conn) : conn_(conn) {}
  Result<bool> Next(ledger::StoredEvent& out) override {
    if (pos_ == batch_.size()) {
      if (done_) return false;
      batch_.clear();
      pos_ = 0;
      RETURN_IF_ERROR(conn_.Query(
          "SELECT idx, event, leaf_hash FROM ledger_events WHERE idx > $1 ORDER BY idx LIMIT $2",
          {after_, int64_t{kBatch}}, [&](const Row& r) {
            ledger::StoredEvent e;
            e.index = static_cast<uint64_t>(r.Int(0));
            const auto ev = r.Blob(1);
            e.bytes.assign(reinterpret_cast<const char*>(ev.data()), ev.size());
            const auto lh = r.Blob(2);
            if (lh.size() == 32) std::copy(lh.begin(), lh.end(), e.leaf_hash.begin());
            batch_.push_back(std::move(e));
            return Status::Ok();
          }));
      if (batch_.size() < kBatch) done_ = true;
      if (batch_.empty()) return false;
      after_ = static_cast<int64_t>(batch_.back().index);
    }
    out = std::move(batch_[pos_++]);
    return true;
  }

 private:
  static constexpr size_t kBatch = 4096;
  Connection& conn_;
  std::vector<ledger::StoredEvent> batch_;
  size_t pos_ = 0;
  int64_t after_ = -1;
  bool done_ = false;
};

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
      "SELECT doc, worker_id, employer_id, agency_id, origin_country, destination_country, state "
      "FROM contracts WHERE id = $1",
      {id.value()}, [&](const Row& r) {
        StoredContract s;
        s.doc = r.String(0);
        s.parties.worker = WorkerId(r.String(1));
        s.parties.employer = EmployerId(r.String(2));
        if (!r.IsNull(3)) s.parties.agency = AgencyId(r.String(3));
        s.parties.origin_country = r.String(4);
        s.parties.destination_country = r.String(5);
        auto state = domain::ParseContractState(r.Text(6));
        if (!state.ok()) return Status::DataLoss("a stored contract has an unknown state");
        s.state = *state;
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
  std::vector<Notification> out;
  Status bad;
  RETURN_IF_ERROR(
      conn_.Query("SELECT id, recipient, type, subject, time_ms, doc FROM notifications "
                  "WHERE recipient = $1 AND id > $2 ORDER BY id LIMIT $3",
                  {recipient, page.after, int64_t{ClampLimit(page.limit)}}, [&](const Row& r) {
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

Status WriteTx::InsertDoc(std::string_view table, const std::string& id, const json::Value& doc,
                          const std::vector<std::pair<std::string, Param>>& columns) {
  if (id.empty()) return Status::Internal("insert without an id into " + std::string(table));
  const std::string text = json::Write(doc);
  std::string names = "id, version, doc, updated_ms";
  std::string values = "$1, 1, $2, $3";
  std::vector<Param> params{Param(id), Param(text), Param(now_.millis())};
  for (const auto& [column, value] : columns) {
    params.push_back(value);
    names += ", " + column;
    values += ", $" + std::to_string(params.size());
  }
  auto r = conn_.Exec(
      "INSERT INTO " + std::string(table) + " (" + names + ") VALUES (" + values + ")", params);
  return r.status();
}

Status WriteTx::UpdateDoc(std::string_view table, const std::string& id, const json::Value& doc,
                          const std::vector<std::pair<std::string, Param>>& columns) {
  const std::string text = json::Write(doc);
  std::string sets = "version = version + 1, doc = $2, updated_ms = $3";
  std::vector<Param> params{Param(id), Param(text), Param(now_.millis())};
  for (const auto& [column, value] : columns) {
    params.push_back(value);
    sets += ", " + column + " = $" + std::to_string(params.size());
  }
  ASSIGN_OR_RETURN(
      int64_t n,
      conn_.Exec("UPDATE " + std::string(table) + " SET " + sets + " WHERE id = $1", params));
  if (n != 1) return Status::NotFound(std::string(table) + " record " + id + " does not exist");
  return Status::Ok();
}

namespace {
std::vector<std::pair<std::string, Param>> WorkerColumns(const domain::Worker& w,
                                                         std::string& key) {
  key = w.passport.issuing_state + ":" + w.passport.number;
  return {{"passport_key", Param(key)},
          {"nationality", Param(w.nationality)},
          {"family_name", Param(w.family_name_latin)}};
}
}  // namespace

Status WriteTx::InsertWorker(const domain::Worker& w) {
  std::string key;
  Status s = InsertDoc("workers", w.id.value(), codec::ToJson(w), WorkerColumns(w, key));
  if (s.code() == Code::kAlreadyExists) {
    return Status::AlreadyExists("a worker with passport " + w.passport.number + " of " +
                                     w.passport.issuing_state + " is registered already",
                                 "passport.number");
  }
  return s;
}

Status WriteTx::UpdateWorker(const domain::Worker& w) {
  std::string key;
  return UpdateDoc("workers", w.id.value(), codec::ToJson(w), WorkerColumns(w, key));
}

Status WriteTx::InsertEmployer(const domain::Employer& e) {
  Status s = InsertDoc("employers", e.id.value(), codec::ToJson(e),
                       {{"registration_key", Param(e.country + ":" + e.registration_number)},
                        {"country", Param(e.country)},
                        {"sector", Param(e.sector)}});
  if (s.code() == Code::kAlreadyExists) {
    return Status::AlreadyExists("an employer with registration number " + e.registration_number +
                                     " in " + e.country + " is registered already",
                                 "registration_number");
  }
  return s;
}

namespace {
std::vector<std::pair<std::string, Param>> AgencyColumns(const domain::Agency& a) {
  return {{"licence_key", Param(a.country + ":" + a.licence_number)},
          {"country", Param(a.country)},
          {"status", Param(std::string(ToString(a.status)))}};
}
}  // namespace

Status WriteTx::InsertAgency(const domain::Agency& a) {
  Status s = InsertDoc("agencies", a.id.value(), codec::ToJson(a), AgencyColumns(a));
  if (s.code() == Code::kAlreadyExists) {
    return Status::AlreadyExists("an agency with licence " + a.licence_number + " of " + a.country +
                                     " is registered already",
                                 "licence_number");
  }
  return s;
}

Status WriteTx::UpdateAgency(const domain::Agency& a) {
  return UpdateDoc("agencies", a.id.value(), codec::ToJson(a), AgencyColumns(a));
}

namespace {
std::vector<std::pair<std::string, Param>> JobOrderColumns(const domain::JobOrder& j) {
  return {{"employer_id", Param(j.employer.value())},
          {"agency_id", j.agency ? Param(j.agency->value()) : Param()},
          {"status", Param(std::string(ToString(j.status)))}};
}
std::vector<std::pair<std::string, Param>> ContractColumns(const domain::Contract& c) {
  return {{"worker_id", Param(c.terms.worker.value())},
          {"employer_id", Param(c.terms.employer.value())},
          {"agency_id", c.terms.agency ? Param(c.terms.agency->value()) : Param()},
          {"state", Param(std::string(ToString(c.state)))},
          {"origin_country", Param(c.terms.origin_country)},
          {"destination_country", Param(c.terms.destination_country)},
          {"digest", Param(c.digest)}};
}
std::vector<std::pair<std::string, Param>> PermitColumns(const domain::Permit& p) {
  return {{"worker_id", Param(p.worker.value())},
          {"contract_id", Param(p.contract.value())},
          {"status", Param(std::string(ToString(p.status)))}};
}
std::vector<std::pair<std::string, Param>> TransferColumns(const domain::Transfer& t) {
  return {{"worker_id", Param(t.worker.value())},
          {"from_employer", Param(t.from_employer.value())},
          {"to_employer", Param(t.to_employer.value())},
          {"state", Param(std::string(ToString(t.state)))}};
}
}  // namespace

Status WriteTx::InsertJobOrder(const domain::JobOrder& j) {
  return InsertDoc("job_orders", j.id.value(), codec::ToJson(j), JobOrderColumns(j));
}
Status WriteTx::UpdateJobOrder(const domain::JobOrder& j) {
  return UpdateDoc("job_orders", j.id.value(), codec::ToJson(j), JobOrderColumns(j));
}
Status WriteTx::InsertContract(const domain::Contract& c) {
  return InsertDoc("contracts", c.id.value(), codec::ToJson(c), ContractColumns(c));
}
Status WriteTx::UpdateContract(const domain::Contract& c) {
  return UpdateDoc("contracts", c.id.value(), codec::ToJson(c), ContractColumns(c));
}
Status WriteTx::InsertPermit(const domain::Permit& p) {
  return InsertDoc("permits", p.id.value(), codec::ToJson(p), PermitColumns(p));
}
Status WriteTx::UpdatePermit(const domain::Permit& p) {
  return UpdateDoc("permits", p.id.value(), codec::ToJson(p), PermitColumns(p));
}
Status WriteTx::InsertTransfer(const domain::Transfer& t) {
  return InsertDoc("transfers", t.id.value(), codec::ToJson(t), TransferColumns(t));
}
Status WriteTx::UpdateTransfer(const domain::Transfer& t) {
  return UpdateDoc("transfers", t.id.value(), codec::ToJson(t), TransferColumns(t));
}
Status WriteTx::InsertAbsenceReport(const domain::AbsenceReport& r) {
  return InsertDoc("absence_reports", r.id.value(), codec::ToJson(r),
                   {{"worker_id", Param(r.worker.value())},
                    {"employer_id", Param(r.employer.value())},
                    {"state", Param(std::string(ToString(r.state)))}});
}
Status WriteTx::InsertExitNotice(const domain::ExitNotice& n) {
  return InsertDoc("exit_notices", n.id.value(), codec::ToJson(n),
                   {{"worker_id", Param(n.worker.value())},
                    {"departure_date", Param(n.departure_date.ToString())}});
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
  const std::string doc = json::Write(codec::ToJson(r));
  ASSIGN_OR_RETURN(int64_t n, conn_.Exec("UPDATE country_rules SET doc = $2 WHERE country = $1",
                                         {r.country, doc}));
  if (n == 0) {
    RETURN_IF_ERROR(
        conn_.Exec("INSERT INTO country_rules (country, doc) VALUES ($1, $2)", {r.country, doc})
            .status());
  }
  return Status::Ok();
}

Status WriteTx::InsertNotification(const Notification& n) {
  return conn_
      .Exec(
          "INSERT INTO notifications (id, recipient, type, subject, time_ms, doc) "
          "VALUES ($1, $2, $3, $4, $5, $6)",
          {n.id, n.recipient, n.type, n.subject, n.time.millis(), json::Write(n.data)})
      .status();
}

Status WriteTx::Record(std::string_view type, std::string_view subject, json::Value data) {
  ledger::Event e;
  e.index = tree_.size();
  e.time = now_;
  e.node_id = store_.identity_.node_id;
  e.type = std::string(type);
  e.subject = std::string(subject);
  e.actor = actor_;
  e.data = std::move(data);
  // Types and ids are the program's own constants and checked ids; `audit verify` decodes every
  // event strictly, and the tests run it after every kind of write.
  const std::string bytes = ledger::EncodeEvent(e);
  const ledger::Hash leaf = ledger::LeafHash(bytes);
  RETURN_IF_ERROR(conn_
                      .Exec("INSERT INTO ledger_events (idx, leaf_hash, event, type, subject, "
                            "time_ms) VALUES ($1, $2, $3, $4, $5, $6)",
                            {static_cast<int64_t>(e.index), Param::Blob(leaf),
                             Param::Blob(AsBytes(bytes)), e.type, e.subject, now_.millis()})
                      .status());
  std::vector<ledger::NodeRecord> completed;
  tree_.Append(leaf, &completed);
  for (const auto& node : completed) {
    if (node.level == 0) continue;  // leaf hashes live with their events
    RETURN_IF_ERROR(conn_
                        .Exec("INSERT INTO ledger_nodes (level, idx, hash) VALUES ($1, $2, $3)",
                              {static_cast<int64_t>(node.level), static_cast<int64_t>(node.index),
                               Param::Blob(node.hash)})
                        .status());
  }
  if (appended_++ == 0) first_subject_ = e.subject;
  if (WriteObserver* observer = store_.observer_.load()) return observer->OnRecord(*this, e);
  return Status::Ok();
}

namespace {
thread_local IdempotencyScope* current_scope = nullptr;
}

IdempotencyScope::IdempotencyScope(std::string account, std::string key,
                                   const crypto::Digest& request_hash)
    : account_(std::move(account)), key_(std::move(key)), request_hash_(request_hash) {
  current_scope = this;
}

IdempotencyScope::~IdempotencyScope() {
  if (current_scope == this) current_scope = nullptr;
}

// ---------------------------------------------------------------- the store

Status Store::Initialise(const std::string& uri, const NodeIdentity& identity) {
  RETURN_IF_ERROR(CheckIdText(identity.node_id).WithField("node_id"));
  OpenOptions options;
  options.create = true;
  options.pool_size = 1;
  ASSIGN_OR_RETURN(auto db, Database::Open(uri, options));
  ASSIGN_OR_RETURN(auto conn, db->Acquire());
  ASSIGN_OR_RETURN(int version, SchemaVersion(*conn));
  if (version != 0) {
    return Status::AlreadyExists("the store " + db->Describe() + " holds a Corridor node already");
  }
  RETURN_IF_ERROR(Migrate(*conn));
  return InTransaction(*conn, true, [&]() -> Status {
    for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
             {"node_id", identity.node_id},
             {"country", identity.country},
             {"public_key", HexEncode(identity.public_key)}}) {
      RETURN_IF_ERROR(
          conn->Exec("INSERT INTO meta (key, value) VALUES ($1, $2)", {key, value}).status());
    }
    return Status::Ok();
  });
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& uri, const StoreOptions& options) {
  if (options.clock == nullptr) return Status::Internal("Store::Open needs a clock");
  OpenOptions open;
  open.pool_size = options.pool_size;
  ASSIGN_OR_RETURN(auto db, Database::Open(uri, open));
  ASSIGN_OR_RETURN(auto conn, db->Acquire());
  ASSIGN_OR_RETURN(int version, SchemaVersion(*conn));
  if (version == 0) {
    return Status::FailedPrecondition("the store " + db->Describe() +
                                      " is not initialised (run corridor init)");
  }
  RETURN_IF_ERROR(Migrate(*conn));
  NodeIdentity identity;
  std::string key_hex;
  RETURN_IF_ERROR(conn->Query("SELECT key, value FROM meta", {}, [&](const Row& r) {
    if (r.Text(0) == "node_id") identity.node_id = r.String(1);
    if (r.Text(0) == "country") identity.country = r.String(1);
    if (r.Text(0) == "public_key") key_hex = r.String(1);
    return Status::Ok();
  }));
  auto key = HexDecode(key_hex);
  if (!key.ok() || key->size() != 32 || identity.node_id.empty()) {
    return Status::DataLoss("the store's node identity is damaged");
  }
  std::copy(key->begin(), key->end(), identity.public_key.begin());
  if (options.key && options.key->public_key() != identity.public_key) {
    return Status::PermissionDenied("the signing key is not this node's key");
  }
  std::unique_ptr<Store> store(new Store(std::move(db), std::move(identity), options));
  uint64_t size = 0;
  RETURN_IF_ERROR(
      (*conn).Query("SELECT size FROM ledger_state WHERE id = 1", {}, [&](const Row& r) {
        size = static_cast<uint64_t>(r.Int(0));
        return Status::Ok();
      }));
  DbNodeSource nodes(*conn);
  ASSIGN_OR_RETURN(store->tree_, ledger::CompactTree::Restore(size, nodes));
  RETURN_IF_ERROR((*conn).Query("SELECT size, time_ms FROM ledger_heads ORDER BY size DESC LIMIT 1",
                                {}, [&](const Row& r) {
                                  store->last_head_size_ = static_cast<uint64_t>(r.Int(0));
                                  store->last_head_ms_ = r.Int(1);
                                  return Status::Ok();
                                }));
  return store;
}

Status Store::AppendHead(Connection& conn, const ledger::CompactTree& tree, Timestamp now) {
  ledger::TreeHead head;
  head.node_id = identity_.node_id;
  head.size = tree.size();
  head.root = tree.Root();
  head.time = now;
  const ledger::SignedTreeHead sth = ledger::SignTreeHead(head, *options_.key);
  return conn
      .Exec("INSERT INTO ledger_heads (size, root, time_ms, signature) VALUES ($1, $2, $3, $4)",
            {static_cast<int64_t>(head.size), Param::Blob(head.root), now.millis(),
             Param::Blob(sth.signature)})
      .status();
}

namespace {

// Reports a transaction's duration to the store's observer when it goes out of scope.
class Timed {
 public:
  Timed(const StoreOptions& options, const char* operation)
      : options_(options), operation_(operation), start_(std::chrono::steady_clock::now()) {}
  ~Timed() {
    if (options_.observer) {
      options_.observer(
          operation_,
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count());
    }
  }

 private:
  const StoreOptions& options_;
  const char* operation_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace

Status Store::Write(const std::string& actor, const std::function<Status(WriteTx&)>& fn) {
  if (options_.key == nullptr || options_.rng == nullptr) {
    return Status::FailedPrecondition("the store is open read-only");
  }
  std::lock_guard<std::mutex> lock(write_mu_);
  Timed timed(options_, "write");
  ASSIGN_OR_RETURN(auto conn, db_->Acquire());
  RETURN_IF_ERROR(conn->Begin(true));
  Status s = [&]() -> Status {
    // Lock the ledger's state row first: writers from other processes queue here.
    RETURN_IF_ERROR(
        conn->Exec("UPDATE ledger_state SET writes = writes + 1 WHERE id = 1").status());
    uint64_t size = 0;
    RETURN_IF_ERROR(
        conn->Query("SELECT size FROM ledger_state WHERE id = 1", {}, [&](const Row& r) {
          size = static_cast<uint64_t>(r.Int(0));
          return Status::Ok();
        }));
    if (size != tree_.size()) {
      DbNodeSource nodes(*conn);
      ASSIGN_OR_RETURN(tree_, ledger::CompactTree::Restore(size, nodes));
    }
    const Timestamp now = options_.clock->Now();
    WriteTx tx(*conn, *this, actor, now, *options_.rng, tree_);
    RETURN_IF_ERROR(fn(tx));
    if (tx.appended_ == 0) return Status::Ok();
    RETURN_IF_ERROR(conn->Exec("UPDATE ledger_state SET size = $1 WHERE id = 1",
                               {static_cast<int64_t>(tx.tree_.size())})
                        .status());
    IdempotencyScope* scope = current_scope;
    if (scope != nullptr && !scope->recorded_) {
      Status k = conn->Exec(
                         "INSERT INTO idempotency_keys (account_id, key, request_hash, subject, "
                         "status, response, created_ms) VALUES ($1, $2, $3, $4, 0, '', $5)",
                         {scope->account_, scope->key_, Param::Blob(scope->request_hash_),
                          tx.first_subject_, now.millis()})
                     .status();
      if (k.code() == Code::kAlreadyExists) {
        return Status::Conflict("a request with this Idempotency-Key was already processed");
      }
      RETURN_IF_ERROR(k);
    }
    const bool sign = now.millis() - last_head_ms_ >= options_.head_interval_ms;
    if (sign) RETURN_IF_ERROR(AppendHead(*conn, tx.tree_, now));
    RETURN_IF_ERROR(conn->Commit());
    if (scope != nullptr) scope->recorded_ = true;
    tree_ = std::move(tx.tree_);
    if (sign) {
      last_head_size_ = tree_.size();
      last_head_ms_ = now.millis();
    }
    return Status::Ok();
  }();
  if (!s.ok()) {
    if (conn->in_transaction()) (void)conn->Rollback();
    return s;
  }
  if (conn->in_transaction()) return conn->Commit();  // a transaction that recorded nothing
  if (WriteObserver* observer = observer_.load()) observer->OnCommit();
  return Status::Ok();
}

Status Store::Read(const std::function<Status(ReadTx&)>& fn) {
  Timed timed(options_, "read");
  ASSIGN_OR_RETURN(auto conn, db_->Acquire());
  return InTransaction(*conn, false, [&]() {
    ReadTx tx(*conn);
    return fn(tx);
  });
}

Result<ledger::SignedTreeHead> Store::SignHead() {
  if (options_.key == nullptr) return Status::FailedPrecondition("the store is open read-only");
  {
    // Nothing written since the last head by this process: no transaction needed. (Another
    // process sharing the database signs its own writes.)
    std::lock_guard<std::mutex> lock(write_mu_);
    if (last_head_ms_ != 0 && tree_.size() == last_head_size_) {
      ASSIGN_OR_RETURN(auto head, LatestHead());
      if (head && head->head.size == last_head_size_) return *head;
    }
  }
  std::lock_guard<std::mutex> lock(write_mu_);
  ASSIGN_OR_RETURN(auto conn, db_->Acquire());
  std::optional<ledger::SignedTreeHead> out;
  RETURN_IF_ERROR(InTransaction(*conn, true, [&]() -> Status {
    RETURN_IF_ERROR(
        conn->Exec("UPDATE ledger_state SET writes = writes + 1 WHERE id = 1").status());
    uint64_t size = 0;
    RETURN_IF_ERROR(
        conn->Query("SELECT size FROM ledger_state WHERE id = 1", {}, [&](const Row& r) {
          size = static_cast<uint64_t>(r.Int(0));
          return Status::Ok();
        }));
    if (size != tree_.size()) {
      DbNodeSource nodes(*conn);
      ASSIGN_OR_RETURN(tree_, ledger::CompactTree::Restore(size, nodes));
    }
    bool covered = false;
    RETURN_IF_ERROR(conn->Query("SELECT 1 FROM ledger_heads WHERE size = $1",
                                {static_cast<int64_t>(size)}, [&](const Row&) {
                                  covered = true;
                                  return Status::Ok();
                                }));
    if (!covered) {
      const Timestamp now = options_.clock->Now();
      RETURN_IF_ERROR(AppendHead(*conn, tree_, now));
      last_head_size_ = size;
      last_head_ms_ = now.millis();
    }
    return Status::Ok();
  }));
  ASSIGN_OR_RETURN(auto head, LatestHead());
  if (!head) return Status::Internal("no tree head after signing one");
  return *head;
}

Result<std::optional<ledger::SignedTreeHead>> Store::LatestHead() {
  ASSIGN_OR_RETURN(auto conn, db_->Acquire());
  std::optional<ledger::SignedTreeHead> out;
  RETURN_IF_ERROR(conn->Query(
      "SELECT size, root, time_ms, signature FROM ledger_heads ORDER BY size DESC LIMIT 1", {},
      [&](const Row& r) {
        ledger::SignedTreeHead sth;
        sth.head.node_id = identity_.node_id;
        sth.head.size = static_cast<uint64_t>(r.Int(0));
        const auto root = r.Blob(1);
        const auto sig = r.Blob(3);
        if (root.size() != 32 || sig.size() != 64) {
          return Status::DataLoss("a stored tree head is damaged");
        }
        std::copy(root.begin(), root.end(), sth.head.root.begin());
        sth.head.time = Timestamp::FromMillis(r.Int(2));
        std::copy(sig.begin(), sig.end(), sth.signature.begin());
        out = sth;
        return Status::Ok();
      }));
  return out;
}

Result<std::vector<ledger::Hash>> Store::InclusionProof(uint64_t index, uint64_t tree_size) {
  ASSIGN_OR_RETURN(auto conn, db_->Acquire());
  DbNodeSource nodes(*conn);
  return ledger::InclusionProof(index, tree_size, nodes);
}

Result<std::vector<ledger::Hash>> Store::ConsistencyProof(uint64_t old_size, uint64_t new_size) {
  ASSIGN_OR_RETURN(auto conn, db_->Acquire());
  DbNodeSource nodes(*conn);
  return ledger::ConsistencyProof(old_size, new_size, nodes);
}

Result<std::optional<std::string>> Store::EventBytes(uint64_t index) {
  ASSIGN_OR_RETURN(auto conn, db_->Acquire());
  std::optional<std::string> out;
  RETURN_IF_ERROR(conn->Query("SELECT event FROM ledger_events WHERE idx = $1",
                              {static_cast<int64_t>(index)}, [&](const Row& r) {
                                const auto b = r.Blob(0);
                                out =
                                    std::string(reinterpret_cast<const char*>(b.data()), b.size());
                                return Status::Ok();
                              }));
  return out;
}

Result<ledger::VerifyReport> Store::Verify() {
  ASSIGN_OR_RETURN(auto conn, db_->Acquire());
  std::vector<ledger::SignedTreeHead> heads;
  RETURN_IF_ERROR(
      conn->Query("SELECT size, root, time_ms, signature FROM ledger_heads ORDER BY size", {},
                  [&](const Row& r) {
                    ledger::SignedTreeHead sth;
                    sth.head.node_id = identity_.node_id;
                    sth.head.size = static_cast<uint64_t>(r.Int(0));
                    const auto root = r.Blob(1);
                    const auto sig = r.Blob(3);
                    if (root.size() == 32)
                      std::copy(root.begin(), root.end(), sth.head.root.begin());
                    sth.head.time = Timestamp::FromMillis(r.Int(2));
                    if (sig.size() == 64) std::copy(sig.begin(), sig.end(), sth.signature.begin());
                    heads.push_back(sth);
                    return Status::Ok();
                  }));
  auto nodes_conn = db_->Acquire();
  if (!nodes_conn.ok()) return nodes_conn.status();
  BatchedNodeSource nodes(**nodes_conn);
  DbEventReader events(*conn);
  return ledger::VerifyLog(events, heads, identity_.public_key, identity_.node_id, &nodes);
}

}  // namespace corridor::store
