#include "service/statistics_releases.hpp"

#include <algorithm>
#include <array>

#include "codec/statistics.hpp"
#include "core/encoding.hpp"
#include "core/log.hpp"
#include "crypto/crypto.hpp"
#include "domain/open_data.hpp"
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

// The indicators a release publishes: those the aggregator folds, in the file's order.
std::vector<domain::IndicatorDefinition> ReleasedIndicators(
    const std::vector<domain::IndicatorDefinition>& all) {
  const auto folded = domain::FoldedIndicators();
  std::vector<domain::IndicatorDefinition> out;
  for (const auto& d : all) {
    if (std::find(folded.begin(), folded.end(), d.id) != folded.end()) out.push_back(d);
  }
  return out;
}

constexpr std::string_view kCsv = "text/csv; charset=utf-8";
constexpr std::string_view kSdmxCsv = "application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8";
constexpr std::string_view kManifest = "release.json";

}  // namespace

Result<StatisticsCatalog> BuiltInStatisticsCatalog() {
  ASSIGN_OR_RETURN(json::Value file, json::Parse(StatisticsDefinitionsJson()));
  StatisticsCatalog c;
  ASSIGN_OR_RETURN(c.indicators, codec::IndicatorDefinitionsFromJson(file));
  ASSIGN_OR_RETURN(c.policy, codec::DisclosureDefaultsFromJson(file));
  c.document = json::Write(file);
  c.sha256 = Sha256Hex(c.document);
  ASSIGN_OR_RETURN(c.dictionary, codec::DictionaryCsv(file, ReleasedIndicators(c.indicators)));
  return c;
}

StatisticsReleases::StatisticsReleases(store::Store& store, StatisticsCatalog catalog)
    : store_(store),
      catalog_(std::move(catalog)),
      released_(ReleasedIndicators(catalog_.indicators)) {}

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
    // The open data: every file written once here, then the manifest that lists and signs them.
    std::vector<domain::OpenDataFile> files;
    const auto put = [&](const std::string& name, std::string_view type,
                         const std::string& body) -> Status {
      RETURN_IF_ERROR(store::InsertReleaseFile(tx, id, name, type, body));
      files.push_back(
          {name, std::string(type), static_cast<int64_t>(body.size()), Sha256Hex(body)});
      return Status::Ok();
    };
    RETURN_IF_ERROR(put("indicators.csv", kCsv, csv));
    RETURN_IF_ERROR(put("dictionary.csv", kCsv, catalog_.dictionary));
    const std::string& country = tx.node().country;
    for (size_t k = 0; k < releases.size(); ++k) {
      const domain::IndicatorDefinition& def = released_[k];
      RETURN_IF_ERROR(
          put(def.id + ".sdmx.csv", kSdmxCsv, domain::SdmxCsv(def, releases[k], country)));
    }
    json::Value manifest = codec::OpenDataManifest(summary, tx.node().node_id, country, files);
    ASSIGN_OR_RETURN(crypto::Signature signature, store_.SignStatement(manifest));
    manifest.AsObject().Set("signature", Base64UrlEncode(signature));
    RETURN_IF_ERROR(store::InsertReleaseFile(tx, id, std::string(kManifest), "application/json",
                                             json::Write(manifest)));
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

Result<store::StoredBody> StatisticsReleases::File(const std::string& release,
                                                   const std::string& name) {
  if (release.empty()) return Status::InvalidArgument("is required", "release");
  store::StoredBody out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto found, Find(tx, release));
    ASSIGN_OR_RETURN(auto file, store::GetReleaseFile(tx, found.id, name));
    if (!file) {
      return Status::NotFound("release " + found.id + " has no file of that name")
          .WithField("file");
    }
    out = std::move(*file);
    return Status::Ok();
  }));
  return out;
}

Result<StatisticsReleases::OpenDataIndex> StatisticsReleases::Files(const std::string& release) {
  if (release.empty()) return Status::InvalidArgument("is required", "release");
  OpenDataIndex out;
  RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(out.release, Find(tx, release));
    ASSIGN_OR_RETURN(auto manifest, store::GetReleaseFile(tx, out.release.id, kManifest));
    if (!manifest) {
      ASSIGN_OR_RETURN(auto csv, store::GetReleaseFile(tx, out.release.id, "indicators.csv"));
      if (csv) {
        out.files.push_back({"indicators.csv", csv->content_type,
                             static_cast<int64_t>(csv->body.size()), csv->sha256});
      }
      return Status::Ok();
    }
    // The manifest was written by this node in the release's transaction: an unreadable one
    // means the stored state was edited.
    ASSIGN_OR_RETURN(json::Value m, json::Parse(manifest->body));
    const json::Value* list = m.Get("files");
    if (list == nullptr || !list->is_array()) {
      return Status::Internal("the stored manifest of release " + out.release.id + " has no files");
    }
    for (const auto& f : list->AsArray()) {
      const json::Value* name = f.Get("name");
      const json::Value* type = f.Get("content_type");
      const json::Value* bytes = f.Get("bytes");
      const json::Value* sha = f.Get("sha256");
      if (name == nullptr || type == nullptr || bytes == nullptr || sha == nullptr ||
          !name->is_string() || !type->is_string() || !bytes->is_number() || !sha->is_string()) {
        return Status::Internal("the stored manifest of release " + out.release.id +
                                " lists a file it does not describe");
      }
      out.files.push_back({name->AsString(), type->AsString(),
                           static_cast<int64_t>(bytes->AsNumber()), sha->AsString()});
    }
    out.files.push_back({std::string(kManifest), manifest->content_type,
                         static_cast<int64_t>(manifest->body.size()), manifest->sha256});
    out.signed_manifest = true;
    return Status::Ok();
  }));
  return out;
}

}  // namespace corridor::service
