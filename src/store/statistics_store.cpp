#include "store/statistics_store.hpp"

namespace corridor::store {
namespace {

constexpr const char* kKeyColumns =
    "indicator, month, extra, origin, destination, isco_major, sex, age_band, size_band";

domain::StatKey KeyFromRow(const Row& r) {
  domain::StatKey k;
  k.indicator = r.String(0);
  k.month = r.String(1);
  k.extra = r.String(2);
  k.origin = r.String(3);
  k.destination = r.String(4);
  k.isco_major = r.String(5);
  k.sex = r.String(6);
  k.age_band = r.String(7);
  k.size_band = r.String(8);
  return k;
}

}  // namespace

Result<uint64_t> LockStatsPosition(Connection& conn) {
  RETURN_IF_ERROR(conn.Exec("UPDATE stats_position SET folded = folded WHERE id = 1").status());
  return StatsPosition(conn);
}

Result<uint64_t> StatsPosition(Connection& conn) {
  uint64_t folded = 0;
  RETURN_IF_ERROR(
      conn.Query("SELECT folded FROM stats_position WHERE id = 1", {}, [&](const Row& r) {
        folded = static_cast<uint64_t>(r.Int(0));
        return Status::Ok();
      }));
  return folded;
}

Status SetStatsPosition(Connection& conn, uint64_t folded) {
  return conn.Exec("UPDATE stats_position SET folded = $1 WHERE id = 1", {folded}).status();
}

Status AddStatDeltas(Connection& conn, std::span<const domain::StatDelta> deltas) {
  const std::string sql = std::string("INSERT INTO stats_counters (") + kKeyColumns +
                          ", n) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (" +
                          kKeyColumns + ") DO UPDATE SET n = stats_counters.n + excluded.n";
  for (const auto& d : deltas) {
    const auto& k = d.key;
    const Param params[] = {k.indicator,  k.month, k.extra,    k.origin,    k.destination,
                            k.isco_major, k.sex,   k.age_band, k.size_band, d.count};
    RETURN_IF_ERROR(conn.Exec(sql, params).status());
  }
  return Status::Ok();
}

Result<std::vector<domain::StatDelta>> ListStatCounters(Connection& conn,
                                                        std::string_view indicator) {
  std::vector<domain::StatDelta> out;
  const std::string sql = std::string("SELECT ") + kKeyColumns +
                          ", n FROM stats_counters WHERE n <> 0 AND ($1 = '' OR indicator = $1) "
                          "ORDER BY " +
                          kKeyColumns;
  const Param params[] = {indicator};
  RETURN_IF_ERROR(conn.Query(sql, params, [&](const Row& r) {
    out.push_back({KeyFromRow(r), r.Int(9)});
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<domain::StockPlace>> StatPlacesOf(Connection& conn, std::string_view record) {
  std::vector<domain::StockPlace> out;
  RETURN_IF_ERROR(
      conn.Query("SELECT indicator, record, extra, origin, destination, isco_major, sex, age_band, "
                 "size_band, valid_until FROM stats_places WHERE record = $1 ORDER BY indicator",
                 {record}, [&](const Row& r) -> Status {
                   domain::StockPlace p;
                   p.indicator = r.String(0);
                   p.record = r.String(1);
                   p.key.indicator = p.indicator;
                   p.key.extra = r.String(2);
                   p.key.origin = r.String(3);
                   p.key.destination = r.String(4);
                   p.key.isco_major = r.String(5);
                   p.key.sex = r.String(6);
                   p.key.age_band = r.String(7);
                   p.key.size_band = r.String(8);
                   if (!r.IsNull(9)) {
                     ASSIGN_OR_RETURN(Date d, Date::Parse(r.Text(9)));
                     p.valid_until = d;
                   }
                   out.push_back(std::move(p));
                   return Status::Ok();
                 }));
  return out;
}

Status PutStatPlace(Connection& conn, const domain::StockPlace& p) {
  RETURN_IF_ERROR(DeleteStatPlace(conn, p));
  const auto& k = p.key;
  const Param params[] = {
      p.indicator,   p.record,
      k.extra,       k.origin,
      k.destination, k.isco_major,
      k.sex,         k.age_band,
      k.size_band,   p.valid_until ? Param(p.valid_until->ToString()) : Param()};
  return conn
      .Exec(
          "INSERT INTO stats_places (indicator, record, extra, origin, destination, isco_major, "
          "sex, age_band, size_band, valid_until) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
          params)
      .status();
}

Status DeleteStatPlace(Connection& conn, const domain::StockPlace& p) {
  return conn
      .Exec("DELETE FROM stats_places WHERE indicator = $1 AND record = $2",
            {p.indicator, p.record})
      .status();
}

Result<domain::EmployerActivity> GetEmployerActivity(Connection& conn, std::string_view employer) {
  domain::EmployerActivity a;
  RETURN_IF_ERROR(
      conn.Query("SELECT month, at_month_start, active FROM stats_employers WHERE employer = $1",
                 {employer}, [&](const Row& r) {
                   a.month = r.String(0);
                   a.at_month_start = r.Int(1);
                   a.active = r.Int(2);
                   return Status::Ok();
                 }));
  return a;
}

Status PutEmployerActivity(Connection& conn, std::string_view employer,
                           const domain::EmployerActivity& a) {
  return conn
      .Exec(
          "INSERT INTO stats_employers (employer, month, at_month_start, active) VALUES ($1, $2, "
          "$3, $4) ON CONFLICT (employer) DO UPDATE SET month = excluded.month, at_month_start = "
          "excluded.at_month_start, active = excluded.active",
          {employer, a.month, a.at_month_start, a.active})
      .status();
}

Status ClearStatistics(Connection& conn) {
  RETURN_IF_ERROR(conn.Exec("DELETE FROM stats_counters").status());
  RETURN_IF_ERROR(conn.Exec("DELETE FROM stats_places").status());
  RETURN_IF_ERROR(conn.Exec("DELETE FROM stats_employers").status());
  return SetStatsPosition(conn, 0);
}

Result<std::vector<LedgerRow>> LedgerEventsFrom(Connection& conn, uint64_t from, int limit) {
  std::vector<LedgerRow> out;
  RETURN_IF_ERROR(conn.Query(
      "SELECT idx, type, subject, time_ms, event FROM ledger_events WHERE idx >= $1 ORDER BY idx "
      "LIMIT $2",
      {from, int64_t{limit}}, [&](const Row& r) {
        LedgerRow e;
        e.index = static_cast<uint64_t>(r.Int(0));
        e.type = r.String(1);
        e.subject = r.String(2);
        e.time = Timestamp::FromMillis(r.Int(3));
        const auto b = r.Blob(4);
        e.event.assign(reinterpret_cast<const char*>(b.data()), b.size());
        out.push_back(std::move(e));
        return Status::Ok();
      }));
  return out;
}

}  // namespace corridor::store
