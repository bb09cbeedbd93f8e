// Statistics releases (docs/statistics.md, "Releases" and "The API"): making a release, the one
// way figures leave the node, and reading what releases published.
//
// A release folds the ledger's new events first (service::Statistics), then, in one write
// transaction, reads the counters, computes every table of every folded indicator under
// disclosure control (domain/statistics_release.hpp) with a seed drawn for the release, and
// stores the release record, its tables as the API serves them, its open-data files
// (indicators.csv, dictionary.csv, SDMX-CSV per indicator and the signed release.json) and its
// seed, recording statistics.released with indicators.csv's SHA-256. Nothing of a release changes
// afterwards. The reads serve stored tables and files only: no figure is computed per request.
//
// Thread-safety: shared by all threads (the catalog is read-only after construction).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "domain/access.hpp"
#include "domain/open_data.hpp"
#include "domain/statistics_release.hpp"
#include "store/release_store.hpp"
#include "store/store.hpp"

namespace corridor::service {

// The definition file (data/statistics/indicators.json) as the node compiled it in.
struct StatisticsCatalog {
  std::string document;                                 // the file as published: compact JSON
  std::string sha256;                                   // of `document`, hex (its ETag)
  std::vector<domain::IndicatorDefinition> indicators;  // every indicator, in the file's order
  domain::DisclosurePolicy policy;                      // the file's disclosure defaults
  std::string dictionary;  // dictionary.csv of the indicators a release publishes
};
Result<StatisticsCatalog> BuiltInStatisticsCatalog();

// A table asked for: `cols` "" for a one-dimensional table, `release` "" for the latest.
struct TableQuery {
  std::string indicator;
  std::string rows;
  std::string cols;
  std::string release;
};

class StatisticsReleases {
 public:
  StatisticsReleases(store::Store& store, StatisticsCatalog catalog);

  // Makes the release `id` (its last month, "YYYY-MM"). PermissionDenied unless the actor is an
  // administrator or the node itself; InvalidArgument for an id that is not a month;
  // FailedPrecondition for a month that has not ended on the node's clock, or whose events are
  // not all folded; AlreadyExists when the release exists (a release never changes). All name
  // the field "id" and leave nothing written.
  Result<domain::ReleaseSummary> Release(const domain::Actor& actor, const std::string& id);

  // Every release, newest month first.
  Result<std::vector<domain::ReleaseSummary>> List();
  // One release: NotFound (InvalidArgument for an id that is not a month), naming "release".
  Result<domain::ReleaseSummary> Get(const std::string& id);

  // One stored table, as the API serves it (the body and its SHA-256). NotFound naming
  // "indicator" (not published) or "release" (none, or not that one); InvalidArgument naming
  // "rows", "cols" or "release" for a dimension the indicator's tables do not have, the same
  // dimension twice, or a malformed release id.
  Result<store::StoredBody> Table(const TableQuery& q);

  // One file of a release's open data (docs/statistics.md, "Open data"), as stored. NotFound
  // naming "release" or "file"; InvalidArgument naming "release" for an id that is not a month.
  Result<store::StoredBody> File(const std::string& release, const std::string& name);

  // A release and the files it offers, in the manifest's order then release.json; a release
  // made before the node wrote open data offers its indicators.csv alone (`signed_manifest`
  // false).
  struct OpenDataIndex {
    domain::ReleaseSummary release;
    std::vector<domain::OpenDataFile> files;
    bool signed_manifest = false;
  };
  Result<OpenDataIndex> Files(const std::string& release);

  const StatisticsCatalog& catalog() const { return catalog_; }
  // The indicators a release publishes: those the aggregator folds, in the file's order.
  const std::vector<domain::IndicatorDefinition>& released() const { return released_; }

 private:
  // The release named, or the latest when `id` is "".
  Result<domain::ReleaseSummary> Find(store::ReadTx& tx, const std::string& id);

  store::Store& store_;
  StatisticsCatalog catalog_;
  std::vector<domain::IndicatorDefinition> released_;
};

}  // namespace corridor::service
