#include "domain/statistics.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace corridor::domain {
namespace {

constexpr std::array<std::string_view, 12> kFolded = {kStatContractsByState,
                                                      kStatContractsAttested,
                                                      kStatContractsAuthenticated,
                                                      kStatSubstitutionsFlagged,
                                                      kStatPermitsIssued,
                                                      kStatPermitsActive,
                                                      kStatPermitsEnded,
                                                      kStatJobChanges,
                                                      kStatExitNotices,
                                                      kStatCrossings,
                                                      kStatOverstays,
                                                      kStatWatchlistHits};

// Which common dimensions an indicator is broken down by (its "dimensions" in the definition
// file): the others stay "" in its keys.
enum class Dims { kAll, kBorder, kDestinationOnly };

Dims DimsOf(std::string_view indicator) {
  if (indicator == kStatCrossings || indicator == kStatOverstays) return Dims::kBorder;
  if (indicator == kStatWatchlistHits) return Dims::kDestinationOnly;
  return Dims::kAll;
}

StatKey KeyOf(std::string_view indicator, std::string_view extra, const StatFacts& f) {
  StatKey k;
  k.indicator = std::string(indicator);
  k.extra = std::string(extra);
  k.destination = f.destination;
  const Dims d = DimsOf(indicator);
  if (d == Dims::kDestinationOnly) return k;
  k.origin = f.origin;
  k.sex = f.sex;
  k.age_band = f.age_band;
  if (d == Dims::kBorder) return k;
  k.isco_major = f.isco_major;
  k.size_band = f.size_band;
  return k;
}

// The state a contract event leaves its contract in, or "" for an event that is not a change of
// state.
std::string_view StateAfter(EventType t) {
  switch (t) {
    case EventType::kContractDrafted:
      return "draft";
    case EventType::kContractOffered:
      return "offered";
    case EventType::kContractAccepted:
      return "accepted";
    case EventType::kContractRejected:
      return "rejected";
    case EventType::kContractWithdrawn:
      return "withdrawn";
    case EventType::kContractAttested:
      return "attested";
    case EventType::kContractAuthenticated:
      return "authenticated";
    case EventType::kContractActivated:
      return "active";
    case EventType::kContractEnded:
      return "ended";
    default:
      return "";
  }
}

const StockPlace* FindPlace(std::span<const StockPlace> places, std::string_view indicator,
                            std::string_view record) {
  for (const auto& p : places) {
    if (p.indicator == indicator && p.record == record) return &p;
  }
  return nullptr;
}

class Folder {
 public:
  explicit Folder(const StatEvent& e) : month_(MonthOf(e.time)) {}

  void Flow(std::string_view indicator, std::string_view extra, const StatFacts& f) {
    Add(KeyOf(indicator, extra, f), month_, 1);
  }
  void Add(StatKey key, const std::string& month, int64_t count) {
    key.month = month;
    out_.deltas.push_back({std::move(key), count});
  }
  const std::string& month() const { return month_; }
  StatFold& out() { return out_; }

 private:
  std::string month_;
  StatFold out_;
};

void FoldContractState(const StatEvent& e, const StatFacts& f, std::span<const StockPlace> places,
                       Folder& fold) {
  const std::string_view state = StateAfter(e.type);
  StatKey now = KeyOf(kStatContractsByState, state, f);
  const StockPlace* was = FindPlace(places, kStatContractsByState, e.subject);
  if (was != nullptr && was->key == now) return;
  if (was != nullptr) fold.Add(was->key, fold.month(), -1);
  fold.Add(now, fold.month(), 1);
  fold.out().set.push_back({std::string(kStatContractsByState), e.subject, std::move(now), {}});
}

void FoldPermitIssued(const StatEvent& e, const StatFacts& f, std::span<const StockPlace> places,
                      Folder& fold) {
  fold.Flow(kStatPermitsIssued, "", f);
  // A permit counts in the stock once, however often its issue is told.
  if (FindPlace(places, kStatPermitsActive, e.subject) != nullptr) return;
  StatKey key = KeyOf(kStatPermitsActive, "active", f);
  fold.Add(key, fold.month(), 1);
  if (e.valid_until) {
    // Active on a month's last day while valid on it (valid_until is the first day it is not):
    // it leaves the stock, and ends (expired), in the month of its valid_until, the day the
    // daily job expires it, unless it is cancelled or moved before (FoldPermitCancelled and
    // FoldPermitEndMoved undo both).
    fold.Add(key, std::max(fold.month(), MonthOf(*e.valid_until)), -1);
    fold.Add(KeyOf(kStatPermitsEnded, "expired", f),
             std::max(fold.month(), MonthOf(*e.valid_until)), 1);
  }
  fold.out().set.push_back({std::string(kStatPermitsActive), e.subject, key, e.valid_until});
}

// An amendment or a renewal moved the permit's valid_until: its scheduled leave from the stock
// and its expiry move with it. A permit is moved only while active, so its old end is still to
// come and was scheduled in its own month.
void FoldPermitEndMoved(const StatEvent& e, std::span<const StockPlace> places, Folder& fold) {
  const StockPlace* was = FindPlace(places, kStatPermitsActive, e.subject);
  if (was == nullptr || !e.valid_until || was->valid_until == e.valid_until) return;
  StatKey expired = was->key;
  expired.indicator = std::string(kStatPermitsEnded);
  expired.extra = "expired";
  if (was->valid_until) {
    fold.Add(was->key, MonthOf(*was->valid_until), 1);
    fold.Add(expired, MonthOf(*was->valid_until), -1);
  }
  fold.Add(was->key, std::max(fold.month(), MonthOf(*e.valid_until)), -1);
  fold.Add(expired, std::max(fold.month(), MonthOf(*e.valid_until)), 1);
  StockPlace moved = *was;
  moved.valid_until = e.valid_until;
  fold.out().set.push_back(std::move(moved));
}

void FoldPermitCancelled(const StatEvent& e, const StatFacts& f, std::span<const StockPlace> places,
                         Folder& fold) {
  const std::string reason = e.value.empty() ? "cancelled" : e.value;
  const StockPlace* was = FindPlace(places, kStatPermitsActive, e.subject);
  if (was == nullptr) {
    fold.Flow(kStatPermitsEnded, reason, f);
    return;
  }
  fold.out().removed.push_back(*was);
  // A permit cancelled on or after its valid_until had expired already: nothing changes.
  if (was->valid_until && e.time.date() >= *was->valid_until) return;
  fold.Add(was->key, fold.month(), -1);
  StatKey ended = was->key;
  ended.indicator = std::string(kStatPermitsEnded);
  if (was->valid_until) {
    fold.Add(was->key, MonthOf(*was->valid_until), 1);
    ended.extra = "expired";
    fold.Add(ended, MonthOf(*was->valid_until), -1);
  }
  ended.extra = reason;
  fold.Add(ended, fold.month(), 1);
}

}  // namespace

std::span<const std::string_view> FoldedIndicators() { return kFolded; }

bool IsFolded(EventType type) {
  if (!StateAfter(type).empty()) return true;
  switch (type) {
    case EventType::kContractSubstitutionFlagged:
    case EventType::kPermitIssued:
    case EventType::kPermitCancelled:
    case EventType::kPermitAmended:
    case EventType::kPermitRenewed:
    case EventType::kTransferCompleted:
    case EventType::kExitNotified:
    case EventType::kCrossingRecorded:
    case EventType::kOverstayFlagged:
    case EventType::kOverstayDeparted:
    case EventType::kScreeningHitRaised:
    case EventType::kScreeningHitConfirmed:
    case EventType::kScreeningHitDismissed:
      return true;
    default:
      return false;
  }
}

StatFold FoldEvent(const StatEvent& e, const StatFacts& f, std::span<const StockPlace> places) {
  Folder fold(e);
  if (!StateAfter(e.type).empty()) {
    FoldContractState(e, f, places, fold);
    if (e.type == EventType::kContractAttested) fold.Flow(kStatContractsAttested, "", f);
    if (e.type == EventType::kContractAuthenticated) fold.Flow(kStatContractsAuthenticated, "", f);
    return std::move(fold.out());
  }
  switch (e.type) {
    case EventType::kContractSubstitutionFlagged:
      fold.Flow(kStatSubstitutionsFlagged, "", f);
      break;
    case EventType::kPermitIssued:
      FoldPermitIssued(e, f, places, fold);
      break;
    case EventType::kPermitCancelled:
      FoldPermitCancelled(e, f, places, fold);
      break;
    case EventType::kPermitAmended:
    case EventType::kPermitRenewed:
      FoldPermitEndMoved(e, places, fold);
      break;
    case EventType::kTransferCompleted:
      fold.Flow(kStatJobChanges, e.value, f);
      break;
    case EventType::kExitNotified:
      fold.Flow(kStatExitNotices, e.value, f);
      break;
    case EventType::kCrossingRecorded:
      fold.Flow(kStatCrossings, e.value, f);
      break;
    case EventType::kOverstayFlagged:
      fold.Flow(kStatOverstays, "flagged", f);
      break;
    case EventType::kOverstayDeparted:
      fold.Flow(kStatOverstays, "departed", f);
      break;
    case EventType::kScreeningHitRaised:
      fold.Flow(kStatWatchlistHits, "raised", f);
      break;
    case EventType::kScreeningHitConfirmed:
      fold.Flow(kStatWatchlistHits, "confirmed", f);
      break;
    case EventType::kScreeningHitDismissed:
      fold.Flow(kStatWatchlistHits, "dismissed", f);
      break;
    default:
      break;
  }
  return std::move(fold.out());
}

EmployerActivity ActivityIn(EmployerActivity a, const std::string& month) {
  if (a.month < month) {
    a.month = month;
    a.at_month_start = a.active;
  }
  return a;
}

std::string MonthOf(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", d.year(), d.month());
  return buf;
}

std::string MonthOf(Timestamp t) { return MonthOf(t.date()); }

std::string AgeBand(Date birth, Date on) {
  int age = on.year() - birth.year();
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) {
    --age;
  }
  if (age < 15) return "";
  if (age >= 60) return "60+";
  const int low = age - age % 5;
  return std::to_string(low) + "-" + std::to_string(low + 4);
}

std::string SizeBand(int64_t active_contracts) {
  if (active_contracts <= 1) return "1";
  if (active_contracts <= 9) return "2-9";
  if (active_contracts <= 49) return "10-49";
  if (active_contracts <= 249) return "50-249";
  return "250+";
}

std::string IscoMajor(std::string_view isco_code) {
  if (isco_code.empty() || isco_code[0] < '0' || isco_code[0] > '9') return "";
  return std::string(isco_code.substr(0, 1));
}

std::string JobChangeNotice(bool notice_waived, std::string_view waiver_reason) {
  if (!notice_waived) return "served";
  return waiver_reason.starts_with("wage arrears") ? "waived_arrears" : "waived_other";
}

}  // namespace corridor::domain
