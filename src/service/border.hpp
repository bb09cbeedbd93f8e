// The border's use cases: watchlist imports, crossings recorded from a machine-readable zone and
// screened against every list and the registry, the review of screening hits, and the daily
// overstay job. docs/border.md describes them for officers and operators.
//
// - ImportLists parses the files of one list format, checks every name can be screened, and
//   replaces each list they hold in one transaction (a bad file changes nothing). The previous
//   version stays readable (store/border_store.hpp); the ledger records each version's digest,
//   entry count and source file digests. The screening index is then rebuilt.
// - RecordCrossing parses the zone (a zone that cannot be read is InvalidArgument naming the line
//   and column; one that fails its checks is refused unless the officer gives a reason), looks
//   the traveller up in the registry, screens names and document numbers against every list,
//   and writes the crossing, its hits for review and their ledger events in one transaction.
// - DecideHit confirms or dismisses a pending hit, once, with a reason; the ledger keeps who and
//   why.
// - DetectOverstays (RunDailyJobs) flags each entry whose stay ran out more than the grace period
//   ago, once.
//
// The screening index is built from the stored lists at start-up (LoadIndex) and rebuilt after an
// import, or when the stored versions no longer match the index (an import by another process):
// every crossing records the list versions it was screened against.
//
// Thread-safety: a Border is shared by all threads. The index is immutable and shared; each search
// borrows a searcher (ICU normaliser and scratch memory) of its own from a pool.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "domain/access.hpp"
#include "domain/border.hpp"
#include "json/json.hpp"
#include "screening/index.hpp"
#include "screening/name_knowledge.hpp"
#include "screening/scorer.hpp"
#include "store/border_store.hpp"
#include "store/store.hpp"

namespace corridor::service {

class Cases;  // service/cases.hpp: where a detected signal opens or joins a case

// Thresholds and limits: configuration, never code (docs/border.md, "Configuration").
struct BorderConfig {
  screening::MatchConfig match;
  screening::SearchOptions search;
  int overstay_grace_days = 10;
  int mrz_expiry_years_ahead = 20;
  Status Validate() const;
};
// The configuration file: a JSON object {"match": {...}, "search": {...},
// "overstay_grace_days": N, "mrz_expiry_years_ahead": N}, every member optional, each inner
// member named as the MatchConfig / SearchOptions field; an unknown member is an error naming it.
Result<BorderConfig> BorderConfigFromJson(const json::Value& v);

enum class ListFormat { kUnXml, kOfacCsv, kCsv };
Result<ListFormat> ParseListFormat(std::string_view text);  // "un-xml", "ofac-csv", "csv"
std::string_view ToString(ListFormat f);

struct SourceFile {
  std::string name;   // shown in errors and kept in the ledger (no directories)
  std::string bytes;  // the file's content
};

// Parses one import's files: un-xml one file; ofac-csv the main file and, optionally, the alias
// file; csv one or more files. Returns the entries by list; the first error names the file and
// the line. Refuses an import with no entries, and entry ids repeated across files.
Result<std::map<std::string, std::vector<screening::WatchlistEntry>>> ParseListFiles(
    ListFormat format, const std::vector<SourceFile>& files);

struct CrossingRequest {
  domain::Direction direction = domain::Direction::kEntry;
  std::string mrz;       // the zone's lines, separated by line breaks
  std::string visa_mrz;  // optional: a visa read at entry
  std::string port;      // the border post
  std::optional<Date> authorised_until;
  std::string accept_invalid_reason;  // records a zone that fails its checks, with this reason
};

struct CrossingOutcome {
  domain::Crossing crossing;
  std::vector<domain::ScreeningHit> hits;
};

struct OverstayReport {
  size_t examined = 0;       // open entries looked at
  size_t without_basis = 0;  // entries with no permit, visa or date to judge by
  std::vector<domain::OverstayFlag> flagged;
};

// One candidate of a screening query, with its entry.
struct ScreeningCandidate {
  screening::MatchResult result;
  screening::WatchlistEntry entry;
};

class Border {
 public:
  // `cases`, when given, takes in the signals the border detects (a hit confirmed, an overstay
  // flagged, each about a registered worker) in the detecting write.
  Border(store::Store& store, const screening::NameKnowledge& knowledge, BorderConfig config,
         Cases* cases = nullptr);
  ~Border();
  Border(const Border&) = delete;
  Border& operator=(const Border&) = delete;

  const BorderConfig& config() const { return config_; }
  domain::NodeContext node() const { return {store_.identity().country}; }

  // Builds the index from the stored lists (start-up).
  Status LoadIndex();
  // The list versions the index holds.
  std::vector<domain::ListVersionRef> LoadedLists();

  // Administrators and the node itself import lists.
  Result<std::vector<store::ListReplacement>> ImportLists(const domain::Actor& a, ListFormat format,
                                                          const std::vector<SourceFile>& files,
                                                          const store::WriteOptions& write = {});

  Result<CrossingOutcome> RecordCrossing(const domain::Actor& a, const CrossingRequest& r,
                                         const store::WriteOptions& write = {});
  Result<domain::ScreeningHit> DecideHit(const domain::Actor& a, const domain::HitId& id,
                                         bool confirm, const std::string& reason);

  // Flags every open entry whose stay ran out before `today` minus the grace period; each entry
  // is flagged at most once, however often this runs.
  Result<OverstayReport> DetectOverstays(Date today);
  // The node's daily jobs at `now` (the overstay job); the caller's timer decides when.
  Status RunDailyJobs(Timestamp now);

  // Screens a query against the loaded lists without recording anything (the command line).
  Result<std::vector<ScreeningCandidate>> Screen(const screening::NameQuery& q,
                                                 const screening::SearchOptions& options);
  // Two bare names, weighed by the loaded lists' name frequencies.
  Result<screening::MatchResult> CompareNames(std::string_view a, std::string_view b);

 private:
  struct Snapshot;
  class Lease;
  Result<std::shared_ptr<Snapshot>> Current();
  // Records a judged overstay (domain::OverstayFlag, given an id if it has none):
  // `overstay.flagged`, and a protection signal for a registered worker.
  Status FlagOverstay(store::WriteTx& tx, domain::OverstayFlag& f);
  Result<std::shared_ptr<Snapshot>> Build(std::vector<screening::WatchlistEntry> entries,
                                          std::vector<domain::ListVersionRef> lists);
  Status Rebuild();

  store::Store& store_;
  const screening::NameKnowledge& knowledge_;
  BorderConfig config_;
  Cases* cases_;
  std::mutex mu_;          // guards snapshot_
  std::mutex rebuild_mu_;  // one rebuild or import at a time
  std::shared_ptr<Snapshot> snapshot_;
};

}  // namespace corridor::service
