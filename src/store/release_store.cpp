#include "store/release_store.hpp"

#include <cstdio>

#include "codec/statistics.hpp"
#include "crypto/crypto.hpp"
#include "store/documents.hpp"

namespace corridor::store {
namespace {

Result<domain::ReleaseSummary> Decode(std::string_view doc) {
  auto v = json::Parse(doc);
  if (!v.ok()) {
    return Status::DataLoss("a stored release does not decode").WithDetail(v.status().ToString());
  }
  auto r = codec::ReleaseSummaryFromJson(*v);
  if (!r.ok()) {
    return Status::DataLoss("a stored release does not decode").WithDetail(r.status().ToString());
  }
  return r;
}

std::string Sha256Hex(std::string_view body) {
  const crypto::Digest d = crypto::Sha256(body);
  return HexEncode(d);
}

}  // namespace

Status InsertRelease(WriteTx& tx, const domain::ReleaseSummary& r) {
  return tx.InsertDocument("stats_releases", r.id, codec::ToJson(r), ReleaseColumns(r));
}

Result<std::optional<domain::ReleaseSummary>> GetRelease(ReadTx& tx, std::string_view id) {
  std::optional<domain::ReleaseSummary> out;
  RETURN_IF_ERROR(tx.conn().Query("SELECT doc FROM stats_releases WHERE id = $1", {id},
                                  [&](const Row& row) -> Status {
                                    ASSIGN_OR_RETURN(out, Decode(row.Text(0)));
                                    return Status::Ok();
                                  }));
  return out;
}

Result<std::vector<domain::ReleaseSummary>> ListReleases(ReadTx& tx) {
  std::vector<domain::ReleaseSummary> out;
  RETURN_IF_ERROR(tx.conn().Query("SELECT doc FROM stats_releases ORDER BY month DESC", {},
                                  [&](const Row& row) -> Status {
                                    ASSIGN_OR_RETURN(auto r, Decode(row.Text(0)));
                                    out.push_back(std::move(r));
                                    return Status::Ok();
                                  }));
  return out;
}

Status PutReleaseSeed(WriteTx& tx, std::string_view release, uint64_t seed) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(seed));
  return tx.conn()
      .Exec("INSERT INTO stats_release_seeds (release_id, seed) VALUES ($1, $2)",
            {release, std::string_view(hex)})
      .status();
}

Status InsertReleaseTable(WriteTx& tx, std::string_view release, std::string_view indicator,
                          std::string_view rows, std::string_view cols, const std::string& body) {
  return tx.conn()
      .Exec(
          "INSERT INTO stats_release_tables (release_id, indicator, rows_dim, cols_dim, body, "
          "sha256) VALUES ($1, $2, $3, $4, $5, $6)",
          {release, indicator, rows, cols, std::string_view(body), Sha256Hex(body)})
      .status();
}

Result<std::optional<StoredBody>> GetReleaseTable(ReadTx& tx, std::string_view release,
                                                  std::string_view indicator, std::string_view rows,
                                                  std::string_view cols) {
  std::optional<StoredBody> out;
  RETURN_IF_ERROR(tx.conn().Query(
      "SELECT body, sha256 FROM stats_release_tables WHERE release_id = $1 AND indicator = $2 "
      "AND rows_dim = $3 AND cols_dim = $4",
      {release, indicator, rows, cols}, [&](const Row& row) {
        out = StoredBody{"application/json", row.String(0), row.String(1)};
        return Status::Ok();
      }));
  return out;
}

Status InsertReleaseFile(WriteTx& tx, std::string_view release, std::string_view name,
                         std::string_view content_type, const std::string& body) {
  return tx.conn()
      .Exec(
          "INSERT INTO stats_release_files (release_id, name, content_type, body, sha256) VALUES "
          "($1, $2, $3, $4, $5)",
          {release, name, content_type, std::string_view(body), Sha256Hex(body)})
      .status();
}

Result<std::optional<StoredBody>> GetReleaseFile(ReadTx& tx, std::string_view release,
                                                 std::string_view name) {
  std::optional<StoredBody> out;
  RETURN_IF_ERROR(tx.conn().Query(
      "SELECT content_type, body, sha256 FROM stats_release_files WHERE release_id = $1 AND "
      "name = $2",
      {release, name}, [&](const Row& row) {
        out = StoredBody{row.String(0), row.String(1), row.String(2)};
        return Status::Ok();
      }));
  return out;
}

Result<std::optional<Timestamp>> EarliestEventFrom(ReadTx& tx, uint64_t from) {
  std::optional<Timestamp> out;
  RETURN_IF_ERROR(tx.conn().Query("SELECT MIN(time_ms) FROM ledger_events WHERE idx >= $1", {from},
                                  [&](const Row& row) {
                                    if (!row.IsNull(0)) out = Timestamp::FromMillis(row.Int(0));
                                    return Status::Ok();
                                  }));
  return out;
}

}  // namespace corridor::store
