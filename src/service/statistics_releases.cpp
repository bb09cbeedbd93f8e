#include "service/statistics_releases.hpp"

#include <algorithm>
#include <array>

#include "codec/statistics.hpp"
#include "core/log.hpp"
#include "crypto/crypto.hpp"
#include "service/statistics.hpp"
#include "store/statistics_store.hpp"

namespace corridor::service {

std::string_view StatisticsDefinitionsJson();  // generated from data/statistics/indicators.json

namespace {

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += ", ";
    out += i;
  }
  return out;
}

std::string Sha256Hex(std::string_view body) { return HexEncode(crypto::Sha256(body)); }

}  // namespace

Result<StatisticsCatalog> BuiltInStatisticsCatalog() {
  ASSIGN_OR_RETURN(json::Value file, json::Parse(StatisticsDefinitionsJson()));
  StatisticsCatalog c;
  ASSIGN_OR_RETURN(c.indicators, codec::IndicatorDefinitionsFromJson(file));
  ASSIGN_OR_RETURN(c.policy, codec::DisclosureDefaultsFromJson(file));
  c.document = json::Write(file);
  c.sha256 = Sha256Hex(c.document);
  return c;
}

StatisticsReleases::StatisticsReleases(store::Store& store, StatisticsCatalog catalog)
    : store_(store), catalog_(std::move(catalog)) {
  const auto folded = domain::FoldedIndicators();
  for (const auto& d : catalog_.indicators) {
    if (std::find(folded.begin(), folded.end(), d.id) != folded.end()) released_.push_back(d);
  }
}

Result<domain::ReleaseSummary> StatisticsReleases::Release(const domain::Actor& actor,
                                                           const std::string& id) {
  if (actor.role != domain::Role::kAdministrator && actor.role != domain::Role::kSystem) {
    return Status::PermissionDenied("only an administrator makes a statistics release");
  }
  RETURN_IF_ERROR(domain::MayRelease(id, store_.clock().Now()));
  // The counters first follow the ledger to its end (the node's periodic fold may be a head
  // interval behind).
  Statistics aggregator(store_);
  RETURN_IF_ERROR(aggregator.FoldNew().status());

  domain::ReleaseSummary summary;
  Status written = store_.Write(actor.account, [&](store::WriteTx& tx) -> Status {
    summary = domain::ReleaseSummary{};
    RETURN_IF_ERROR(domain::MayRelease(id, tx.now()));
    ASSIGN_OR_RETURN(auto existing, store::GetRelease(tx, id));
    if (existing) {
      return Status::AlreadyExists("release " + id + " was made at " +
                                       existing->made_at.ToString() + "; a release never changes",
                                   "id");
    }
    // Every event of the release's months must be folded: the events not folded yet all belong
    // to later months.
    ASSIGN_OR_RETURN(uint64_t position, store::StatsPosition(tx.conn()));
    ASSIGN_OR_RETURN(auto earliest, store::EarliestEventFrom(tx, position));
    if (earliest && domain::MonthOf(*earliest) <= id) {
      return Status::FailedPrecondition(
          "the statistics have not folded every event of " + id + " yet; try again shortly", "id");
    }
    ASSIGN_OR_RETURN(auto counters, store::ListStatCounters(tx.conn()));
    std::array<uint8_t, 8> bytes{};
    tx.rng().Fill(bytes);
    uint64_t seed = 0;
    for (uint8_t b : bytes) seed = (seed << 8) | b;

    std::vector<domain::IndicatorRelease> releases;
    int64_t tables = 0;
    for (const auto& def : released_) {
      auto r = domain::ReleaseIndicator(def, counters, id, catalog_.policy, seed);
      if (!r.ok()) return r.status().WithContext("release " + id + ", " + def.id);
      for (const domain::ReleasedTable& t : r->tables) {
        ++tables;
        RETURN_IF_ERROR(store::InsertReleaseTable(
            tx, id, def.id, t.row_dimension, t.col_dimension,
            json::Write(codec::ReleasedTableToJson(t, id, catalog_.policy))));
        if (t.col_dimension.empty()) continue;
        const domain::ReleasedTable turned = domain::Transposed(t);
        RETURN_IF_ERROR(store::InsertReleaseTable(
            tx, id, def.id, turned.row_dimension, turned.col_dimension,
            json::Write(codec::ReleasedTableToJson(turned, id, catalog_.policy))));
      }
      summary.indicators.push_back(def.id);
      releases.push_back(std::move(*r));
    }
    const std::string csv = domain::FiguresCsv(released_, releases);
    summary.id = id;
    summary.reference_date = domain::ReferenceDate(id);
    summary.made_at = tx.now();
    summary.policy = catalog_.policy;
    summary.sha256 = Sha256Hex(csv);
    summary.tables = tables;
    summary.figures = static_cast<int64_t>(std::count(csv.begin(), csv.end(), '\n')) - 1;
    RETURN_IF_ERROR(store::InsertRelease(tx, summary));
    RETURN_IF_ERROR(
        store::InsertReleaseFile(tx, id, "indicators.csv", "text/csv; charset=utf-8", csv));
    RETURN_IF_ERROR(store::PutReleaseSeed(tx, id, seed));
    json::Object data;
    data.Set("release", id);
    data.Set("month", id);
    data.Set("sha256", summary.sha256);
    data.Set("tables", summary.tables);
    data.Set("figures", summary.figures);
    return tx.Record(domain::EventType::kStatisticsReleased, id, std::move(data));
  });
  RETURN_IF_ERROR(written);
  log::Info("statistics.released", {{"release", id},
                                    {"request", actor.request_id},
                                    {"tables", summary.tables},
                                    {"figures", summary.figures}});
  return summary;
}

Result<std::vector<domain::ReleaseSummary>> StatisticsReleases::List() {
  std::vector<domain::ReleaseSummary> out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(out, store::ListReleases(tx));
    return Status::Ok();
  }));
  return out;
}

Result<domain::ReleaseSummary> StatisticsReleases::Get(const std::string& id) {
  if (id.empty()) return Status::InvalidArgument("is required", "release");
  domain::ReleaseSummary out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(out, Find(tx, id));
    return Status::Ok();
  }));
  return out;
}

Result<domain::ReleaseSummary> StatisticsReleases::Find(store::ReadTx& tx, const std::string& id) {
  if (id.empty()) {
    ASSIGN_OR_RETURN(auto all, store::ListReleases(tx));
    if (all.empty()) {
      return Status::NotFound("no statistics release has been published yet").WithField("release");
    }
    return all.front();
  }
  Status valid = domain::ValidateReleaseId(id);
  if (!valid.ok()) return Status::InvalidArgument(valid.message(), "release");
  ASSIGN_OR_RETURN(auto found, store::GetRelease(tx, id));
  if (!found) return Status::NotFound("release " + id + " does not exist").WithField("release");
  return *found;
}

Result<store::StoredBody> StatisticsReleases::Table(const TableQuery& q) {
  const domain::IndicatorDefinition* def = nullptr;
  for (const auto& d : released_) {
    if (d.id == q.indicator) def = &d;
  }
  if (def == nullptr) {
    const bool defined = std::any_of(catalog_.indicators.begin(), catalog_.indicators.end(),
                                     [&](const auto& d) { return d.id == q.indicator; });
    return Status::NotFound(defined ? q.indicator +
                                          " is defined but not computed yet, so no "
                                          "release publishes it"
                                    : std::string("is not an indicator (GET "
                                                  "/api/v1/statistics/indicators lists them)"))
        .WithField("indicator");
  }
  const std::vector<std::string> dims = domain::TableDimensions(*def);
  const auto check = [&](const std::string& dim, const char* field) -> Status {
    if (std::find(dims.begin(), dims.end(), dim) != dims.end()) return Status::Ok();
    if (dim == "month" && def->kind == domain::IndicatorKind::kStock) {
      return Status::InvalidArgument(
          def->id +
              " is a stock, published at its release's month end: month is not a dimension "
              "of its tables (its dimensions: " +
              Join(dims) + ")",
          field);
    }
    return Status::InvalidArgument(
        (dim.empty() ? std::string("is required") : "is not a dimension of " + def->id) +
            " (its dimensions: " + Join(dims) + ")",
        field);
  };
  RETURN_IF_ERROR(check(q.rows, "rows"));
  if (!q.cols.empty()) {
    RETURN_IF_ERROR(check(q.cols, "cols"));
    if (q.cols == q.rows) {
      return Status::InvalidArgument("is " + q.rows +
                                         " again: rows and cols need two different "
                                         "dimensions",
                                     "cols");
    }
  }
  store::StoredBody out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto release, Find(tx, q.release));
    ASSIGN_OR_RETURN(auto table, store::GetReleaseTable(tx, release.id, def->id, q.rows, q.cols));
    if (!table) {
      return Status::NotFound("release " + release.id + " does not publish " + def->id)
          .WithField("indicator");
    }
    out = std::move(*table);
    return Status::Ok();
  }));
  return out;
}

}  // namespace corridor::service
