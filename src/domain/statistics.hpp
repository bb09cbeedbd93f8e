// The statistics aggregator's folds (docs/statistics.md, "Computing figures from the ledger"):
// for each ledger event type an indicator counts, a pure function from the event and the facts
// it needs to the deltas of the counters it changes.
//
// A counter is keyed by the indicator, its own breakdown (`extra`: a contract's state, a
// crossing's direction...), and the common dimensions (origin, destination, month, ISCO-08 major
// group, sex, age band, employer size band); a dimension the indicator is not broken down by, or
// a fact that is unknown, is "". Every counter is a signed count of the month:
//
// - a flow adds one to the event's month;
// - a stock adds +1 where a record counts from the event's month on, and -1 where it counted
//   before; the stock at a month's end is the running sum of its deltas up to that month. Where a
//   record counts (a `StockPlace`) is kept by the aggregator, so the -1 always lands on the key
//   of the +1 it undoes, even if the worker has since moved into another age band.
//
// Nothing personal is ever part of a key: the dimensions above and nothing else.
// Pure functions; thread-safe.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "domain/events.hpp"

namespace corridor::domain {

// The indicators the aggregator folds today (the ids of data/statistics/indicators.json).
inline constexpr std::string_view kStatContractsByState = "contracts_by_state";
inline constexpr std::string_view kStatContractsAttested = "contracts_attested";
inline constexpr std::string_view kStatContractsAuthenticated = "contracts_authenticated";
inline constexpr std::string_view kStatSubstitutionsFlagged = "substitutions_flagged";
inline constexpr std::string_view kStatPermitsIssued = "permits_issued";
inline constexpr std::string_view kStatPermitsActive = "permits_active";
inline constexpr std::string_view kStatPermitsEnded = "permits_ended";
inline constexpr std::string_view kStatJobChanges = "job_changes";
inline constexpr std::string_view kStatExitNotices = "exit_notices";
inline constexpr std::string_view kStatCrossings = "crossings";
inline constexpr std::string_view kStatOverstays = "overstays";
inline constexpr std::string_view kStatWatchlistHits = "watchlist_hits";

// Every indicator above, in the order of the definition file.
std::span<const std::string_view> FoldedIndicators();

// The dimension values of one event, read from the records it names when it is folded.
struct StatFacts {
  std::string origin;       // alpha-3
  std::string destination;  // alpha-3
  std::string isco_major;   // "0".."9"
  std::string sex;          // "F", "M", "X"
  std::string age_band;     // AgeBand
  std::string size_band;    // SizeBand
};

struct StatKey {
  std::string indicator;
  std::string extra;
  std::string origin;
  std::string destination;
  std::string month;  // "YYYY-MM"
  std::string isco_major;
  std::string sex;
  std::string age_band;
  std::string size_band;
  auto operator<=>(const StatKey&) const = default;
};

struct StatDelta {
  StatKey key;
  int64_t count = 0;
  bool operator==(const StatDelta&) const = default;
};

// Where a record counts in a stock indicator: its key (month "") since it entered, and for a
// permit the last day it is valid (its scheduled drop out of the stock, undone if it is
// cancelled before).
struct StockPlace {
  std::string indicator;
  std::string record;
  StatKey key;
  std::optional<Date> valid_until;
  bool operator==(const StockPlace&) const = default;
};

// One ledger event as the folds see it.
struct StatEvent {
  EventType type = EventType::kContractDrafted;
  std::string subject;  // the record's id: the ledger event's subject
  Timestamp time;       // the event's ledger time: its month is the flow's month
  // The event's own breakdown, by type: for permit.cancelled the end reason of the permit's
  // contract when it ended ("transfer", "resignation"...), "" for another cancellation; the notice
  // of transfer.completed (JobChangeNotice), the kind of exit.notified ("final", "returning"), the
  // direction of crossing.recorded ("entry", "exit").
  std::string value;
  // permit.issued, permit.amended, permit.renewed: the permit's valid_until, the first day it is
  // not valid (the day the daily job expires it).
  std::optional<Date> valid_until;
};

struct StatFold {
  std::vector<StatDelta> deltas;
  std::vector<StockPlace> set;      // places to write (a record's new place in a stock)
  std::vector<StockPlace> removed;  // places to delete (the record left the stock)
  bool operator==(const StatFold&) const = default;
};

// Whether the aggregator folds events of this type (for some indicator).
bool IsFolded(EventType type);

// The deltas and place changes of one event. `places` are where the event's record counts now in
// the stock indicators it may change (none for a record not yet in any stock). Events of a type
// that is not folded give nothing.
StatFold FoldEvent(const StatEvent& e, const StatFacts& facts, std::span<const StockPlace> places);

// Contracts active with one employer: now, and on the first day of `month`, the month of the last
// change the aggregator folded.
struct EmployerActivity {
  std::string month;
  int64_t at_month_start = 0;
  int64_t active = 0;
  bool operator==(const EmployerActivity&) const = default;
};
// The activity seen from `month` (events are folded in ledger order, so months never go back):
// in a later month, what is active now was active on its first day.
EmployerActivity ActivityIn(EmployerActivity a, const std::string& month);

// "YYYY-MM" of a date or a timestamp (UTC).
std::string MonthOf(Date d);
std::string MonthOf(Timestamp t);
// Whole years on `on`, in five-year bands from 15 to 59, then "60+"; "" below 15.
std::string AgeBand(Date birth, Date on);
// Contracts active with the employer on the month's first day: "1" (none or one), "2-9",
// "10-49", "50-249", "250+".
std::string SizeBand(int64_t active_contracts);
// The ISCO-08 major group: the code's first digit, or "" for a code that does not start with one.
std::string IscoMajor(std::string_view isco_code);
// job_changes' breakdown: "served" when the notice ran, "waived_arrears" when wage arrears
// waived it (the waiver the node writes when arrears unlock a change), "waived_other" otherwise.
std::string JobChangeNotice(bool notice_waived, std::string_view waiver_reason);

}  // namespace corridor::domain
