#include "domain/statistics.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace corridor::domain {
namespace {

Date D(const char* text) { return *Date::Parse(text); }
Timestamp T(const char* text) { return *Timestamp::Parse(text); }

StatFacts Facts() { return {"NPL", "KWT", "9", "F", "25-29", "2-9"}; }

StatEvent Event(EventType type, const char* subject, const char* time, std::string value = "") {
  StatEvent e;
  e.type = type;
  e.subject = subject;
  e.time = T(time);
  e.value = std::move(value);
  return e;
}

// Applies folds one after another the way the aggregator does, keeping places and summing
// deltas by key.
class Aggregate {
 public:
  void Fold(const StatEvent& e, const StatFacts& f) {
    std::vector<StockPlace> mine;
    for (const auto& [k, p] : places_) {
      if (k.second == e.subject) mine.push_back(p);
    }
    const StatFold out = FoldEvent(e, f, mine);
    for (const auto& d : out.deltas) counts_[d.key] += d.count;
    for (const auto& p : out.removed) places_.erase({p.indicator, p.record});
    for (const auto& p : out.set) places_[{p.indicator, p.record}] = p;
  }
  // The sum of the counters of an indicator (and extra) up to and including `month`.
  int64_t Stock(std::string_view indicator, std::string_view extra, const std::string& month) {
    int64_t n = 0;
    for (const auto& [k, c] : counts_) {
      if (k.indicator == indicator && k.extra == extra && k.month <= month) n += c;
    }
    return n;
  }
  int64_t Flow(std::string_view indicator, std::string_view extra, const std::string& month) {
    int64_t n = 0;
    for (const auto& [k, c] : counts_) {
      if (k.indicator == indicator && k.extra == extra && k.month == month) n += c;
    }
    return n;
  }
  const std::map<StatKey, int64_t>& counts() const { return counts_; }
  size_t places() const { return places_.size(); }

 private:
  std::map<StatKey, int64_t> counts_;
  std::map<std::pair<std::string, std::string>, StockPlace> places_;
};

TEST(StatisticsFold, AFlowAddsOneToTheEventsMonthWithEveryDimension) {
  const auto out =
      FoldEvent(Event(EventType::kContractAttested, "C-1", "2026-03-31T23:59:59Z"), Facts(), {});
  StatKey want{"contracts_attested", "", "NPL", "KWT", "2026-03", "9", "F", "25-29", "2-9"};
  bool found = false;
  for (const auto& d : out.deltas) {
    if (d.key.indicator == "contracts_attested") {
      EXPECT_EQ(d.key, want);
      EXPECT_EQ(d.count, 1);
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

TEST(StatisticsFold, AContractMovesBetweenStatesAndTheStockFollowsIt) {
  Aggregate a;
  a.Fold(Event(EventType::kContractDrafted, "C-1", "2026-01-10T08:00:00Z"), Facts());
  a.Fold(Event(EventType::kContractOffered, "C-1", "2026-01-10T08:00:00Z"), Facts());
  a.Fold(Event(EventType::kContractAccepted, "C-1", "2026-01-20T08:00:00Z"), Facts());
  a.Fold(Event(EventType::kContractAttested, "C-1", "2026-02-02T08:00:00Z"), Facts());
  EXPECT_EQ(a.Stock("contracts_by_state", "accepted", "2026-01"), 1);
  EXPECT_EQ(a.Stock("contracts_by_state", "draft", "2026-01"), 0);
  EXPECT_EQ(a.Stock("contracts_by_state", "accepted", "2026-02"), 0);
  EXPECT_EQ(a.Stock("contracts_by_state", "attested", "2026-02"), 1);
  EXPECT_EQ(a.Flow("contracts_attested", "", "2026-02"), 1);
  EXPECT_EQ(a.Flow("contracts_attested", "", "2026-01"), 0);
}

TEST(StatisticsFold, TheMinusOneLandsWhereThePlusOneWentEvenIfTheFactsMoved) {
  Aggregate a;
  StatFacts young = Facts();
  young.age_band = "20-24";
  a.Fold(Event(EventType::kContractDrafted, "C-1", "2026-01-10T08:00:00Z"), young);
  // A birthday later the worker is in the next band: the draft leaves the band it entered.
  a.Fold(Event(EventType::kContractOffered, "C-1", "2026-05-10T08:00:00Z"), Facts());
  for (const auto& [k, c] : a.counts()) {
    if (k.extra == "draft") {
      EXPECT_EQ(k.age_band, "20-24");
    }
  }
  EXPECT_EQ(a.Stock("contracts_by_state", "draft", "2026-05"), 0);
  EXPECT_EQ(a.Stock("contracts_by_state", "offered", "2026-05"), 1);
}

TEST(StatisticsFold, ARepeatedStateChangesNothing) {
  Aggregate a;
  a.Fold(Event(EventType::kContractActivated, "C-1", "2026-01-10T08:00:00Z"), Facts());
  const auto before = a.counts();
  a.Fold(Event(EventType::kContractActivated, "C-1", "2026-02-10T08:00:00Z"), Facts());
  EXPECT_EQ(a.counts(), before);
}

TEST(StatisticsFold, APermitExpiresOnItsOwnUnlessCancelledFirst) {
  Aggregate a;
  StatEvent issued = Event(EventType::kPermitIssued, "P-1", "2026-01-05T08:00:00Z");
  issued.valid_until = D("2026-06-15");
  a.Fold(issued, Facts());
  EXPECT_EQ(a.Flow("permits_issued", "", "2026-01"), 1);
  EXPECT_EQ(a.Stock("permits_active", "active", "2026-05"), 1);
  EXPECT_EQ(a.Stock("permits_active", "active", "2026-06"), 0);
  EXPECT_EQ(a.Flow("permits_ended", "expired", "2026-06"), 1);

  // valid_until is the first day a permit is not valid, the day it expires: one that expires on
  // June's last day is not active at June's end; one that expires on July's first day is.
  StatEvent june = Event(EventType::kPermitIssued, "P-3", "2026-01-05T08:00:00Z");
  june.valid_until = D("2026-06-30");
  StatEvent july = Event(EventType::kPermitIssued, "P-4", "2026-01-05T08:00:00Z");
  july.valid_until = D("2026-07-01");
  Aggregate edges;
  edges.Fold(june, Facts());
  edges.Fold(july, Facts());
  EXPECT_EQ(edges.Stock("permits_active", "active", "2026-05"), 2);
  EXPECT_EQ(edges.Stock("permits_active", "active", "2026-06"), 1);
  EXPECT_EQ(edges.Stock("permits_active", "active", "2026-07"), 0);
  EXPECT_EQ(edges.Flow("permits_ended", "expired", "2026-06"), 1);
  EXPECT_EQ(edges.Flow("permits_ended", "expired", "2026-07"), 1);

  StatEvent second = Event(EventType::kPermitIssued, "P-2", "2026-01-05T08:00:00Z");
  second.valid_until = D("2026-07-01");  // active at June's end
  a.Fold(second, Facts());
  EXPECT_EQ(a.Stock("permits_active", "active", "2026-06"), 1);
  EXPECT_EQ(a.Stock("permits_active", "active", "2026-07"), 0);

  a.Fold(Event(EventType::kPermitCancelled, "P-2", "2026-03-20T08:00:00Z", "transfer"), Facts());
  EXPECT_EQ(a.Stock("permits_active", "active", "2026-02"), 2);
  EXPECT_EQ(a.Stock("permits_active", "active", "2026-03"), 1);
  EXPECT_EQ(a.Stock("permits_active", "active", "2026-07"), 0);
  EXPECT_EQ(a.Flow("permits_ended", "transfer", "2026-03"), 1);
  EXPECT_EQ(a.Flow("permits_ended", "expired", "2026-06"), 1);  // P-1 only
  EXPECT_EQ(a.places(), 1u);
  for (int m = 1; m <= 12; ++m) {
    const std::string month = MonthOf(*Date::FromYmd(2026, m, 1));
    EXPECT_GE(a.Stock("permits_active", "active", month), 0) << month;
  }
}

// A renewal or an amendment moves the permit's end: it stays in the stock until the new end and
// expires then, not at the old one; moved again, or cancelled, it leaves as it now stands; the same
// end told again changes nothing.
TEST(StatisticsFold, APermitsMovedEndMovesItsLeaveAndItsExpiry) {
  Aggregate a;
  StatEvent issued = Event(EventType::kPermitIssued, "P-1", "2026-01-05T08:00:00Z");
  issued.valid_until = D("2027-01-05");
  a.Fold(issued, Facts());
  StatEvent renewed = Event(EventType::kPermitRenewed, "P-1", "2026-12-10T08:00:00Z");
  renewed.valid_until = D("2027-09-01");
  a.Fold(renewed, Facts());
  EXPECT_EQ(a.Stock("permits_active", "active", "2027-01"), 1);
  EXPECT_EQ(a.Stock("permits_active", "active", "2027-08"), 1);
  EXPECT_EQ(a.Stock("permits_active", "active", "2027-09"), 0);
  EXPECT_EQ(a.Flow("permits_ended", "expired", "2027-01"), 0);
  EXPECT_EQ(a.Flow("permits_ended", "expired", "2027-09"), 1);
  EXPECT_EQ(a.Flow("permits_issued", "", "2026-12"), 0) << "a renewal is no new permit";
  const auto told = a.counts();
  a.Fold(renewed, Facts());
  EXPECT_EQ(a.counts(), told);
  // An amendment that shortens the contract cuts it to 2027-05-01.
  StatEvent amended = Event(EventType::kPermitAmended, "P-1", "2027-02-10T08:00:00Z");
  amended.valid_until = D("2027-05-01");
  a.Fold(amended, Facts());
  EXPECT_EQ(a.Stock("permits_active", "active", "2027-04"), 1);
  EXPECT_EQ(a.Stock("permits_active", "active", "2027-05"), 0);
  EXPECT_EQ(a.Flow("permits_ended", "expired", "2027-05"), 1);
  EXPECT_EQ(a.Flow("permits_ended", "expired", "2027-09"), 0);
  // Cancelled before that end: ended for its reason, never expired.
  a.Fold(Event(EventType::kPermitCancelled, "P-1", "2027-03-20T08:00:00Z", "resignation"), Facts());
  EXPECT_EQ(a.Stock("permits_active", "active", "2027-02"), 1);
  EXPECT_EQ(a.Stock("permits_active", "active", "2027-03"), 0);
  EXPECT_EQ(a.Flow("permits_ended", "expired", "2027-05"), 0);
  EXPECT_EQ(a.Flow("permits_ended", "resignation", "2027-03"), 1);
  for (int m = 1; m <= 12; ++m) {
    const std::string month = MonthOf(*Date::FromYmd(2027, m, 1));
    EXPECT_GE(a.Stock("permits_active", "active", month), 0) << month;
    EXPECT_GE(a.Flow("permits_ended", "expired", month), 0) << month;
  }
  // A moved end of a permit the stock never saw (issued before the aggregator existed) is nothing.
  Aggregate b;
  b.Fold(renewed, Facts());
  EXPECT_EQ(b.places(), 0u);
  EXPECT_EQ(b.Stock("permits_active", "active", "2027-08"), 0);
}

TEST(StatisticsFold, APermitCancelledAfterItExpiredEndsOnce) {
  Aggregate a;
  StatEvent issued = Event(EventType::kPermitIssued, "P-1", "2026-01-05T08:00:00Z");
  issued.valid_until = D("2026-02-15");
  a.Fold(issued, Facts());
  a.Fold(Event(EventType::kPermitCancelled, "P-1", "2026-04-01T08:00:00Z", ""), Facts());
  EXPECT_EQ(a.Flow("permits_ended", "expired", "2026-02"), 1);
  EXPECT_EQ(a.Flow("permits_ended", "cancelled", "2026-04"), 0);
  EXPECT_EQ(a.Stock("permits_active", "active", "2026-04"), 0);
}

TEST(StatisticsFold, BorderIndicatorsCarryOnlyTheirDimensions) {
  auto out = FoldEvent(Event(EventType::kCrossingRecorded, "X-1", "2026-01-05T08:00:00Z", "entry"),
                       Facts(), {});
  ASSERT_EQ(out.deltas.size(), 1u);
  EXPECT_EQ(out.deltas[0].key,
            (StatKey{"crossings", "entry", "NPL", "KWT", "2026-01", "", "F", "25-29", ""}));
  out = FoldEvent(Event(EventType::kScreeningHitConfirmed, "H-1", "2026-01-05T08:00:00Z"), Facts(),
                  {});
  ASSERT_EQ(out.deltas.size(), 1u);
  EXPECT_EQ(out.deltas[0].key,
            (StatKey{"watchlist_hits", "confirmed", "", "KWT", "2026-01", "", "", "", ""}));
}

TEST(StatisticsFold, EventsNoIndicatorCountsGiveNothing) {
  for (const auto t : {EventType::kWorkerRegistered, EventType::kFederationQueued,
                       EventType::kContractAmendmentProposed, EventType::kCaseOpened}) {
    EXPECT_FALSE(IsFolded(t));
    EXPECT_EQ(FoldEvent(Event(t, "X", "2026-01-05T08:00:00Z"), Facts(), {}), StatFold{});
  }
  EXPECT_TRUE(IsFolded(EventType::kContractEnded));
  EXPECT_TRUE(IsFolded(EventType::kOverstayDeparted));
  EXPECT_TRUE(IsFolded(EventType::kPermitAmended));
  EXPECT_TRUE(IsFolded(EventType::kPermitRenewed));
}

TEST(StatisticsFold, TheEmployersSizeIsWhatWasActiveOnTheMonthsFirstDay) {
  EmployerActivity a = ActivityIn({}, "2026-01");
  EXPECT_EQ(a.at_month_start, 0);
  a.active = 3;  // three contracts activated in January
  a = ActivityIn(a, "2026-01");
  EXPECT_EQ(a.at_month_start, 0);
  a = ActivityIn(a, "2026-02");
  EXPECT_EQ(a.at_month_start, 3);
  EXPECT_EQ(a.month, "2026-02");
}

TEST(StatisticsFold, Bands) {
  EXPECT_EQ(AgeBand(D("2000-06-15"), D("2020-06-14")), "15-19");
  EXPECT_EQ(AgeBand(D("2000-06-15"), D("2020-06-15")), "20-24");
  EXPECT_EQ(AgeBand(D("2000-06-15"), D("2014-06-15")), "");
  EXPECT_EQ(AgeBand(D("1950-01-01"), D("2026-01-01")), "60+");
  EXPECT_EQ(AgeBand(D("1967-01-02"), D("2026-01-01")), "55-59");
  EXPECT_EQ(SizeBand(0), "1");
  EXPECT_EQ(SizeBand(1), "1");
  EXPECT_EQ(SizeBand(2), "2-9");
  EXPECT_EQ(SizeBand(49), "10-49");
  EXPECT_EQ(SizeBand(50), "50-249");
  EXPECT_EQ(SizeBand(250), "250+");
  EXPECT_EQ(IscoMajor("9112"), "9");
  EXPECT_EQ(IscoMajor(""), "");
  EXPECT_EQ(MonthOf(D("2026-12-31")), "2026-12");
  EXPECT_EQ(JobChangeNotice(false, ""), "served");
  EXPECT_EQ(JobChangeNotice(true, "wage arrears of 2 months"), "waived_arrears");
  EXPECT_EQ(JobChangeNotice(true, "the authority waived it"), "waived_other");
}

}  // namespace
}  // namespace corridor::domain
