#include "store/border_store.hpp"

#include <gtest/gtest.h>

#include "store/testing.hpp"

namespace corridor::store {
namespace {

using screening::WatchlistEntry;

WatchlistEntry Person(const std::string& list, const std::string& id, const std::string& name) {
  WatchlistEntry e;
  e.list = list;
  e.entry_id = id;
  e.kind = screening::EntryKind::kPerson;
  screening::ListedName n;
  n.full = name;
  n.script = screening::Script::kLatin;
  e.names.push_back(n);
  e.dobs.push_back(screening::BirthDate::Exact(*Date::Parse("1970-01-01")));
  e.dobs.push_back(screening::BirthDate::Range(1968, 1971));
  e.dobs.push_back(screening::BirthDate::Year(1969, true));
  e.nationalities = {"AFG"};
  e.sex = screening::Sex::kMale;
  e.reference = "ref " + id;
  e.reason = "listed";
  return e;
}

class BorderStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto n =
        testing::TestNode::Create("node-KWT", "KWT", *Timestamp::Parse("2026-12-01T08:00:00Z"));
    ASSERT_TRUE(n.ok()) << n.status().ToString() << " " << n.status().detail();
    node_ = std::move(*n);
  }

  Result<ListReplacement> Replace(const std::string& list, const std::vector<WatchlistEntry>& v) {
    std::vector<const WatchlistEntry*> ptrs;
    ptrs.reserve(v.size());
    for (const auto& e : v) ptrs.push_back(&e);
    std::optional<ListReplacement> out;
    RETURN_IF_ERROR(node_.store->Write("U-admin", [&](WriteTx& tx) -> Status {
      ASSIGN_OR_RETURN(out,
                       ReplaceWatchlist(tx, list, "csv", ptrs, {{"l.csv", "ab", 10}}, "U-admin"));
      return tx.Record(domain::EventType::kWatchlistImported, "watchlist." + list, json::Object());
    }));
    return *out;
  }

  std::vector<std::string> Lines(const std::string& list, int64_t version) {
    std::vector<std::string> lines;
    Status s = node_.store->Read([&](ReadTx& tx) {
      return ReadWatchlistVersion(tx, list, version, [&](const std::string& l) {
        lines.push_back(l);
        return Status::Ok();
      });
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return lines;
  }

  testing::TestNode node_;
};

TEST_F(BorderStoreTest, EntriesRoundTripThroughTheirJson) {
  WatchlistEntry e = Person("UN", "6908555", "Abd al-Rahman Yasin");
  e.names.push_back({"عبد الرحمن ياسين",
                     screening::NameQuality::kLow,
                     screening::Script::kArabic,
                     {"عبد", "الرحمن"}});
  e.documents.push_back({"Passport", "09 123-456", "09123456", "IRQ", "expired"});
  e.listed_on = *Date::Parse("2001-10-10");
  auto back = WatchlistEntryFromJson(WatchlistEntryToJson(e));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(json::Canonical(WatchlistEntryToJson(*back)), json::Canonical(WatchlistEntryToJson(e)));
  json::Value bad = WatchlistEntryToJson(e);
  bad["names"].AsArray()[1]["script"] = "Klingon";
  EXPECT_EQ(WatchlistEntryFromJson(bad).status().field(), "names.1.script");
  bad = WatchlistEntryToJson(e);
  bad["dobs"].AsArray()[0]["date"] = nullptr;
  EXPECT_EQ(WatchlistEntryFromJson(bad).status().field(), "dobs.0.date");
}

// Each version keeps exactly its entries: a changed entry closes its old row, a removed one is
// closed, an unchanged one is carried over; every version reads back with its own digest.
TEST_F(BorderStoreTest, EveryVersionOfAListReadsBackExactly) {
  const std::vector<WatchlistEntry> v1 = {Person("NP", "1", "Ram Thapa"),
                                          Person("NP", "2", "Hari Gurung"),
                                          Person("NP", "3", "Sita Rai")};
  auto r1 = Replace("NP", v1);
  ASSERT_TRUE(r1.ok()) << r1.status().ToString();
  EXPECT_EQ(r1->now.version, 1);
  EXPECT_FALSE(r1->previous.has_value());
  EXPECT_EQ(r1->now.added, 3);
  std::vector<WatchlistEntry> v2 = {v1[0], v1[2], Person("NP", "4", "Maya Tamang")};
  v2[1].reason = "court warrant renewed";
  auto r2 = Replace("NP", v2);
  ASSERT_TRUE(r2.ok()) << r2.status().ToString();
  EXPECT_EQ(r2->now.version, 2);
  ASSERT_TRUE(r2->previous.has_value());
  EXPECT_EQ(r2->previous->digest, r1->now.digest);
  EXPECT_EQ(r2->now.added, 1);
  EXPECT_EQ(r2->now.changed, 1);
  EXPECT_EQ(r2->now.removed, 1);
  EXPECT_EQ(r2->now.entries, 3);

  const auto lines1 = Lines("NP", 1);
  ASSERT_EQ(lines1.size(), 3u);
  EXPECT_EQ(lines1[1], json::Canonical(WatchlistEntryToJson(v1[1])));
  EXPECT_EQ(ListDigest(lines1), r1->now.digest);
  const auto lines2 = Lines("NP", 2);
  ASSERT_EQ(lines2.size(), 3u);
  EXPECT_EQ(lines2[1], json::Canonical(WatchlistEntryToJson(v2[1])));
  EXPECT_EQ(ListDigest(lines2), r2->now.digest);
  EXPECT_NE(r1->now.digest, r2->now.digest);

  // The current entries are version 2's; every version is listed with its sources.
  Status s = node_.store->Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto current, LoadCurrentWatchlists(tx));
    EXPECT_EQ(current.size(), 3u);
    EXPECT_EQ(current[1].reason, "court warrant renewed");
    ASSIGN_OR_RETURN(auto versions, ListWatchlistVersions(tx, "NP"));
    EXPECT_EQ(versions.size(), 2u);
    EXPECT_EQ(versions[0].sources.size(), 1u);
    EXPECT_EQ(versions[0].imported_by, "U-admin");
    ASSIGN_OR_RETURN(auto lists, ListWatchlists(tx));
    EXPECT_EQ(lists.size(), 1u);
    EXPECT_EQ(lists[0].version, 2);
    EXPECT_EQ(
        ReadWatchlistVersion(tx, "NP", 3, [](const std::string&) { return Status::Ok(); }).code(),
        Code::kNotFound);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();

  // The same content again is a new version with nothing added, changed or removed.
  auto r3 = Replace("NP", v2);
  ASSERT_TRUE(r3.ok());
  EXPECT_EQ(r3->now.digest, r2->now.digest);
  EXPECT_EQ(r3->now.added + r3->now.changed + r3->now.removed, 0);
}

TEST_F(BorderStoreTest, ARefusedReplacementChangesNothing) {
  ASSERT_TRUE(Replace("NP", {Person("NP", "1", "Ram Thapa")}).ok());
  auto dup = Replace("NP", {Person("NP", "2", "Hari Gurung"), Person("NP", "2", "Sita Rai")});
  EXPECT_EQ(dup.status().code(), Code::kInvalidArgument);
  EXPECT_NE(dup.status().message().find("'2' appears twice"), std::string::npos);
  Status s = node_.store->Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto current, LoadCurrentWatchlists(tx));
    EXPECT_EQ(current.size(), 1u);
    ASSIGN_OR_RETURN(auto versions, ListWatchlistVersions(tx, "NP"));
    EXPECT_EQ(versions.size(), 1u);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok());
}

domain::Crossing Crossing(const std::string& id, domain::Direction d, const std::string& number,
                          std::optional<WorkerId> worker = std::nullopt) {
  domain::Crossing c;
  c.id = domain::CrossingId(id);
  c.direction = d;
  c.time = *Timestamp::Parse("2026-12-01T08:00:00Z");
  c.port = "KWI";
  c.officer = "U-border";
  c.document.issuing_state = "NPL";
  c.document.number = number;
  c.worker = std::move(worker);
  return c;
}

// Crossings of the same instant keep the order they were recorded in; the open entries are
// those that are their person's latest crossing and carry no flag.
TEST_F(BorderStoreTest, OpenEntriesAreTheLatestCrossingOfTheirPerson) {
  using domain::Direction;
  Status s = node_.store->Write("U-border", [&](WriteTx& tx) -> Status {
    RETURN_IF_ERROR(InsertCrossing(tx, Crossing("X-1", Direction::kEntry, "PA1")));
    RETURN_IF_ERROR(InsertCrossing(tx, Crossing("X-2", Direction::kExit, "PA1")));
    RETURN_IF_ERROR(InsertCrossing(tx, Crossing("X-3", Direction::kEntry, "PA2")));
    RETURN_IF_ERROR(InsertCrossing(tx, Crossing("X-4", Direction::kEntry, "PA3", WorkerId("W-1"))));
    RETURN_IF_ERROR(InsertCrossing(tx, Crossing("X-5", Direction::kEntry, "PA9", WorkerId("W-1"))));
    return tx.Record(domain::EventType::kOccupationSet, "X-1", json::Object());
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  auto open = [&] {
    std::vector<std::string> ids;
    EXPECT_TRUE(node_.store
                    ->Read([&](ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(auto list, UnflaggedOpenEntries(tx, {"", 100}));
                      for (const auto& c : list) ids.push_back(c.id.value());
                      return Status::Ok();
                    })
                    .ok());
    return ids;
  };
  // X-1 has an exit after it; X-4 was followed by the same worker's entry on a new passport.
  EXPECT_EQ(open(), (std::vector<std::string>{"X-3", "X-5"}));
  domain::OverstayFlag f;
  f.id = domain::OverstayId("O-1");
  f.entry = domain::CrossingId("X-3");
  f.document = "NPL:PA2";
  f.authorised_until = *Date::Parse("2026-11-01");
  f.flagged_on = *Date::Parse("2026-12-01");
  s = node_.store->Write("system", [&](WriteTx& tx) -> Status {
    RETURN_IF_ERROR(InsertOverstay(tx, f));
    return tx.Record(domain::EventType::kOccupationSet, "O-1", json::Object());
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(open(), (std::vector<std::string>{"X-5"}));
  f.id = domain::OverstayId("O-2");
  s = node_.store->Write("system", [&](WriteTx& tx) { return InsertOverstay(tx, f); });
  EXPECT_EQ(s.code(), Code::kAlreadyExists);
  s = node_.store->Read([&](ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto latest, LatestCrossing(tx, "worker:W-1"));
    EXPECT_EQ(latest->id.value(), "X-5");
    ASSIGN_OR_RETURN(auto none, LatestCrossing(tx, "document:NPL:NOPE"));
    EXPECT_FALSE(none.has_value());
    CrossingFilter filter;
    filter.worker = WorkerId("W-1");
    ASSIGN_OR_RETURN(auto mine, ListCrossings(tx, filter, {"", 10}));
    EXPECT_EQ(mine.size(), 2u);
    ASSIGN_OR_RETURN(auto flag, FindOverstayForEntry(tx, domain::CrossingId("X-3")));
    EXPECT_TRUE(flag.has_value());
    ASSIGN_OR_RETURN(auto flags, ListOverstays(tx, true, {"", 10}));
    EXPECT_EQ(flags.size(), 1u);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

}  // namespace
}  // namespace corridor::store
