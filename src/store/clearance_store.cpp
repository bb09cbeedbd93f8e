#include "store/clearance_store.hpp"

#include <span>

#include "codec/clearance.hpp"
#include "codec/codec.hpp"
#include "store/documents.hpp"

namespace corridor::store {
namespace {

constexpr int64_t kMaxRecords = 100;

int ClampLimit(int limit) { return limit < 1 ? 1 : (limit > 1000 ? 1000 : limit); }

Status DecodeFailure(const Status& s) {
  return Status::DataLoss("a stored clearance record does not decode").WithDetail(s.ToString());
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

// The next number of `table`'s seq column: writers are serialised, so MAX + 1 is unique.
Result<int64_t> NextSeq(WriteTx& tx, const std::string& table) {
  int64_t seq = 0;
  RETURN_IF_ERROR(tx.conn().Query("SELECT MAX(seq) FROM " + table, {}, [&](const Row& r) {
    seq = r.IsNull(0) ? 0 : r.Int(0);
    return Status::Ok();
  }));
  return seq + 1;
}

Result<domain::Clearance> DecodeClearance(const json::Value& v) {
  return codec::ClearanceFromJson(v);
}

// The record's columns and the next seq, written through the store's one writer of documents
// (WriteTx::InsertDocument), so the next event carries the record's hash.
template <typename T>
Status InsertWithSeq(WriteTx& tx, const std::string& table, const std::string& id, const T& record,
                     Columns columns) {
  ASSIGN_OR_RETURN(int64_t seq, NextSeq(tx, table));
  columns.emplace_back("seq", Param(seq));
  return tx.InsertDocument(table, id, codec::ToJson(record), columns);
}

Result<std::optional<domain::Clearance>> First(Result<std::vector<domain::Clearance>> found) {
  if (!found.ok()) return found.status();
  if (found->empty()) return std::optional<domain::Clearance>();
  return std::optional<domain::Clearance>(std::move(found->front()));
}

}  // namespace

Status InsertOrientation(WriteTx& tx, const domain::OrientationCompletion& o) {
  return InsertWithSeq(tx, "orientation_completions", o.id.value(), o, OrientationColumns(o));
}

Result<std::vector<domain::OrientationCompletion>> ListOrientations(ReadTx& tx,
                                                                    const WorkerId& worker) {
  const std::vector<Param> params{worker.value(), kMaxRecords};
  return QueryDocs<domain::OrientationCompletion>(
      tx.conn(),
      "SELECT doc FROM orientation_completions WHERE worker_id = $1 ORDER BY completed_on DESC, "
      "seq DESC LIMIT $2",
      params, codec::OrientationFromJson);
}

Result<std::optional<domain::OrientationCompletion>> OrientationForCertificate(
    ReadTx& tx, const CertificateId& certificate) {
  const std::vector<Param> params{certificate.value()};
  ASSIGN_OR_RETURN(
      auto found,
      QueryDocs<domain::OrientationCompletion>(
          tx.conn(), "SELECT doc FROM orientation_completions WHERE certificate_id = $1 LIMIT 1",
          params, codec::OrientationFromJson));
  if (found.empty()) return std::optional<domain::OrientationCompletion>();
  return std::optional<domain::OrientationCompletion>(std::move(found.front()));
}

Status InsertInsurance(WriteTx& tx, const domain::InsurancePolicy& p) {
  return InsertWithSeq(tx, "insurance_policies", p.id.value(), p, InsuranceColumns(p));
}

Result<std::vector<domain::InsurancePolicy>> ListInsurance(ReadTx& tx, const ContractId& contract) {
  const std::vector<Param> params{contract.value(), kMaxRecords};
  return QueryDocs<domain::InsurancePolicy>(
      tx.conn(),
      "SELECT doc FROM insurance_policies WHERE contract_id = $1 ORDER BY seq DESC LIMIT $2",
      params, codec::InsurancePolicyFromJson);
}

Status InsertMedical(WriteTx& tx, const domain::MedicalFitness& m) {
  return InsertWithSeq(tx, "medical_fitness", m.id.value(), m, MedicalColumns(m));
}

Result<std::vector<domain::MedicalFitness>> ListMedical(ReadTx& tx, const WorkerId& worker) {
  const std::vector<Param> params{worker.value(), kMaxRecords};
  return QueryDocs<domain::MedicalFitness>(
      tx.conn(),
      "SELECT doc FROM medical_fitness WHERE worker_id = $1 ORDER BY examined_on DESC, seq DESC "
      "LIMIT $2",
      params, codec::MedicalFitnessFromJson);
}

Status InsertClearance(WriteTx& tx, const domain::Clearance& c) {
  bool exists = false;
  RETURN_IF_ERROR(tx.conn().Query("SELECT 1 FROM clearances WHERE id = $1",
                                  std::vector<Param>{c.id.value()}, [&](const Row&) {
                                    exists = true;
                                    return Status::Ok();
                                  }));
  if (exists) return Status::AlreadyExists("clearance " + c.id.value() + " is stored already");
  return InsertWithSeq(tx, "clearances", c.id.value(), c, ClearanceColumns(c));
}

Status UpdateClearance(WriteTx& tx, const domain::Clearance& c) {
  Status s = tx.UpdateDocument("clearances", c.id.value(), codec::ToJson(c), ClearanceColumns(c));
  if (s.code() == Code::kNotFound) {
    return Status::NotFound("clearance " + c.id.value() + " does not exist");
  }
  return s;
}

Result<domain::Clearance> GetClearance(ReadTx& tx, const domain::ClearanceId& id) {
  const std::vector<Param> params{id.value()};
  ASSIGN_OR_RETURN(auto found, First(QueryDocs<domain::Clearance>(
                                   tx.conn(), "SELECT doc FROM clearances WHERE id = $1", params,
                                   DecodeClearance)));
  if (!found) return Status::NotFound("clearance " + id.value() + " does not exist");
  return std::move(*found);
}

Result<std::optional<domain::Clearance>> LatestClearanceForContract(ReadTx& tx,
                                                                    const ContractId& contract) {
  const std::vector<Param> params{contract.value()};
  return First(QueryDocs<domain::Clearance>(
      tx.conn(), "SELECT doc FROM clearances WHERE contract_id = $1 ORDER BY seq DESC LIMIT 1",
      params, DecodeClearance));
}

Result<std::optional<domain::Clearance>> LatestClearanceForPassport(ReadTx& tx,
                                                                    std::string_view issuing_state,
                                                                    std::string_view number) {
  if (issuing_state.empty() || number.empty()) return std::optional<domain::Clearance>();
  const std::vector<Param> params{std::string(issuing_state) + ":" + std::string(number)};
  return First(QueryDocs<domain::Clearance>(
      tx.conn(), "SELECT doc FROM clearances WHERE passport_key = $1 ORDER BY seq DESC LIMIT 1",
      params, DecodeClearance));
}

Result<std::optional<StoredClearance>> GetStoredClearance(ReadTx& tx,
                                                          const domain::ClearanceId& id) {
  std::optional<StoredClearance> out;
  RETURN_IF_ERROR(tx.conn().Query(
      "SELECT doc, ledger_idx, contract_id, worker_id, origin_country, destination_country, "
      "passport_key, state FROM clearances WHERE id = $1",
      std::vector<Param>{id.value()}, [&](const Row& r) {
        StoredClearance s;
        s.doc = r.String(0);
        if (!r.IsNull(1)) s.ledger_idx = r.Int(1);
        s.columns = {
            {"contract_id", Param(r.String(2))},    {"worker_id", Param(r.String(3))},
            {"origin_country", Param(r.String(4))}, {"destination_country", Param(r.String(5))},
            {"passport_key", Param(r.String(6))},   {"state", Param(r.String(7))}};
        s.worker = WorkerId(r.String(3));
        s.origin_country = r.String(4);
        s.destination_country = r.String(5);
        out = std::move(s);
        return Status::Ok();
      }));
  return out;
}

Result<RecordCheck> CheckClearance(ReadTx& tx, const domain::ClearanceId& id,
                                   const StoredClearance& c) {
  const DocumentTable* kind = FindDocumentTable("clearances");
  if (kind == nullptr) return Status::Internal("clearances is not a table of documents");
  return CheckStoredDocument(tx, *kind, id.value(), {c.doc, c.ledger_idx, c.columns});
}

Result<std::vector<domain::Clearance>> ListClearances(ReadTx& tx, const ClearanceFilter& f,
                                                      const Page& page) {
  std::string sql = "SELECT doc FROM clearances WHERE id > $1";
  std::vector<Param> params{page.after};
  auto where = [&](const char* column, const std::string& value) {
    params.emplace_back(value);
    sql += std::string(" AND ") + column + " = $" + std::to_string(params.size());
  };
  if (f.contract) where("contract_id", f.contract->value());
  if (f.worker) where("worker_id", f.worker->value());
  if (!f.origin_country.empty()) where("origin_country", f.origin_country);
  if (!f.destination_country.empty()) where("destination_country", f.destination_country);
  params.emplace_back(int64_t{ClampLimit(page.limit)});
  sql += " ORDER BY id LIMIT $" + std::to_string(params.size());
  return QueryDocs<domain::Clearance>(tx.conn(), sql, params, DecodeClearance);
}

Result<std::vector<ClearanceCandidate>> ListClearanceCandidates(ReadTx& tx, std::string_view origin,
                                                                const Page& page) {
  const std::vector<Param> params{std::string(origin), page.after, int64_t{ClampLimit(page.limit)}};
  std::vector<ClearanceCandidate> out;
  RETURN_IF_ERROR(tx.conn().Query(
      "SELECT c.doc, (SELECT k.doc FROM clearances k WHERE k.contract_id = c.id "
      "ORDER BY k.seq DESC LIMIT 1) FROM contracts c WHERE c.origin_country = $1 AND "
      "c.state IN ('attested', 'authenticated') AND c.id > $2 ORDER BY c.id LIMIT $3",
      params, [&](const Row& r) -> Status {
        auto v = json::Parse(r.Text(0));
        if (!v.ok()) return Status::DataLoss("a stored contract is not valid JSON");
        auto contract = codec::ContractFromJson(*v);
        if (!contract.ok()) {
          return Status::DataLoss("a stored contract does not decode")
              .WithDetail(contract.status().ToString());
        }
        ClearanceCandidate candidate{std::move(*contract), std::nullopt};
        if (!r.IsNull(1)) {
          auto k = json::Parse(r.Text(1));
          if (!k.ok()) return DecodeFailure(k.status());
          auto clearance = DecodeClearance(*k);
          if (!clearance.ok()) return DecodeFailure(clearance.status());
          candidate.latest = std::move(*clearance);
        }
        out.push_back(std::move(candidate));
        return Status::Ok();
      }));
  return out;
}

}  // namespace corridor::store
