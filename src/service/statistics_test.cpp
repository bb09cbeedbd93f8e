#include "service/statistics.hpp"

#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "service/cases_testing.hpp"
#include "service/testing.hpp"
#include "store/fault_database.hpp"
#include "store/statistics_store.hpp"

namespace corridor::service {
namespace {

using domain::Role;
using domain::testing::D;
using domain::testing::KWD;
using namespace service::testing;

// A corridor scripted through the registry on a Kuwaiti node: contracts through every state, a
// job change, a substitution, an exit notice, over three months. The aggregator folds as it goes;
// a rebuild from the ledger must give the same counters.
// A counter key for Sum: "" matches any value.
domain::StatKey Q(std::string indicator, std::string extra = "", std::string origin = "",
                  std::string destination = "", std::string month = "", std::string isco = "",
                  std::string sex = "", std::string age = "", std::string size = "") {
  return {std::move(indicator),   std::move(extra), std::move(origin),
          std::move(destination), std::move(month), std::move(isco),
          std::move(sex),         std::move(age),   std::move(size)};
}

class StatisticsTest : public ::testing::Test {
 protected:
  void TearDown() override {
    if (node_.store) {
      EXPECT_EQ(store::testing::AuditProblems(*node_.store), "");
    }
  }

  void SetUp() override {
    auto node = store::testing::TestNode::Create("node-kw", "KWT",
                                                 *Timestamp::Parse("2026-11-29T08:00:00Z"));
    ASSERT_TRUE(node.ok()) << node.status().ToString() << " " << node.status().detail();
    node_ = std::move(*node);
    cases_ = std::make_unique<TestCases>(*node_.store);
    registry_ = std::make_unique<Registry>(*node_.store, RegistryConfig{}, cases_->get());
    stats_ = std::make_unique<Statistics>(*node_.store);
    ASSERT_TRUE(SeedReferenceData(*registry_).ok());
    dest_ = Officer(Role::kDestinationOfficer, "KWT", "U-dest");
    system_ = domain::SystemActor();
    domain::Employer sample = domain::testing::SampleEmployer();
    sample.id = EmployerId();
    auto e = registry_->RegisterEmployer(dest_, sample);
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    employer_ = e->id;
    sample.registration_number = "KW-2019-1001";
    sample.name = "Al Noor Cleaning Co.";
    auto e2 = registry_->RegisterEmployer(dest_, sample);
    ASSERT_TRUE(e2.ok());
    employer2_ = e2->id;
    auto ag = registry_->RegisterAgency(system_, domain::testing::SampleAgency());
    ASSERT_TRUE(ag.ok()) << ag.status().ToString();
    agency_ = ag->id;
    domain::Worker w = domain::testing::SampleWorker();
    w.id = WorkerId();
    auto sita = registry_->RegisterWorker(dest_, w);
    ASSERT_TRUE(sita.ok()) << sita.status().ToString();
    woman_ = sita->id;
    w.family_name_latin = "GURUNG";
    w.given_names_latin = "RAM";
    w.name_native = "";
    w.sex = domain::Sex::kMale;
    w.date_of_birth = D("1980-02-02");
    w.passport.number = "PA7654321";
    auto ram = registry_->RegisterWorker(dest_, w);
    ASSERT_TRUE(ram.ok()) << ram.status().ToString();
    man_ = ram->id;
  }

  domain::ContractTerms Terms(const WorkerId& worker, const EmployerId& employer) {
    domain::ContractTerms t = domain::testing::SampleTerms();
    t.worker = worker;
    t.employer = employer;
    t.agency = agency_;
    t.start_date = D("2026-12-01");
    return t;
  }

  ContractId Accepted(const WorkerId& worker, const EmployerId& employer) {
    auto c = registry_->DraftContract(EmployerActor(employer), Terms(worker, employer));
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    EXPECT_TRUE(registry_->OfferContract(EmployerActor(employer), c->id).ok());
    EXPECT_TRUE(registry_->AcceptContract(WorkerActor(worker), c->id).ok());
    return c->id;
  }

  ContractId Active(const WorkerId& worker, const EmployerId& employer) {
    const ContractId id = Accepted(worker, employer);
    EXPECT_TRUE(registry_->AttestContract(system_, id).ok());
    auto auth = registry_->AuthenticateContract(dest_, id, std::nullopt);
    EXPECT_TRUE(auth.ok() && !auth->substitution);
    auto permit = registry_->IssuePermit(dest_, id);
    EXPECT_TRUE(permit.ok()) << permit.status().ToString();
    return id;
  }

  void Fold(Statistics& s) {
    auto n = s.FoldNew();
    ASSERT_TRUE(n.ok()) << n.status().ToString();
  }

  uint64_t LedgerSize() {
    uint64_t n = 0;
    EXPECT_TRUE(node_.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(n, tx.LedgerSize());
                      return Status::Ok();
                    })
                    .ok());
    return n;
  }

  std::vector<domain::StatDelta> Counters(std::string_view indicator = "") {
    auto c = stats_->Counters(indicator);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? *c : std::vector<domain::StatDelta>{};
  }

  // The sum of an indicator's counters whose key matches `want` in every non-empty field; for a
  // stock, `up_to` sums every month up to the given one.
  int64_t Sum(const domain::StatKey& want, bool up_to = false) {
    int64_t n = 0;
    for (const auto& d : Counters(want.indicator)) {
      const auto& k = d.key;
      auto match = [](const std::string& w, const std::string& v) { return w.empty() || w == v; };
      const bool month =
          want.month.empty() || (up_to ? k.month <= want.month : k.month == want.month);
      if (month && match(want.extra, k.extra) && match(want.origin, k.origin) &&
          match(want.destination, k.destination) && match(want.isco_major, k.isco_major) &&
          match(want.sex, k.sex) && match(want.age_band, k.age_band) &&
          match(want.size_band, k.size_band)) {
        n += d.count;
      }
    }
    return n;
  }

  // The scripted corridor, folded along the way by `folder`.
  void RunCorridor(Statistics& folder) {
    // November: her contract goes through every state to active, with its permit.
    const ContractId first = Active(woman_, employer_);
    Fold(folder);
    // His contract is rejected; another of his is attested, then substituted at authentication.
    const ContractId rejected = Accepted(man_, employer2_);
    auto draft = registry_->DraftContract(EmployerActor(employer2_), Terms(man_, employer2_));
    ASSERT_TRUE(draft.ok());
    ASSERT_TRUE(registry_->OfferContract(EmployerActor(employer2_), draft->id).ok());
    ASSERT_TRUE(registry_->RejectContract(WorkerActor(man_), draft->id, "no").ok());
    (void)rejected;
    ASSERT_TRUE(registry_->AttestContract(system_, rejected).ok());
    domain::ContractTerms presented = Terms(man_, employer2_);
    presented.basic_wage = KWD("80");
    auto outcome = registry_->AuthenticateContract(dest_, rejected, presented);
    ASSERT_TRUE(outcome.ok() && outcome->substitution);
    // Her job change to the second employer, with the notice served.
    const ContractId offer = Accepted(woman_, employer2_);
    auto t = registry_->FileTransfer(WorkerActor(woman_), first, offer, "");
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    ASSERT_TRUE(registry_->AttestContract(system_, offer).ok());
    ASSERT_TRUE(registry_->AuthenticateContract(dest_, offer, std::nullopt).ok());
    Fold(folder);
    // December: the change completes.
    node_.clock->Set(*Timestamp::Parse("2026-12-29T08:00:00Z"));
    ASSERT_TRUE(registry_->CompleteTransfer(dest_, t->id).ok());
    // January: she gives notice of a returning exit.
    node_.clock->Set(*Timestamp::Parse("2027-01-05T08:00:00Z"));
    ASSERT_TRUE(registry_
                    ->NotifyExit(WorkerActor(woman_), woman_, domain::ExitKind::kReturning,
                                 D("2027-02-01"), D("2027-03-01"))
                    .ok());
    // Her new contract is shortened to end in August 2027, and its permit with it.
    domain::ContractTerms shorter = Terms(woman_, employer2_);
    shorter.duration_months = 8;  // to 2027-08-01
    ASSERT_TRUE(registry_->ProposeAmendment(system_, offer, shorter, "a shorter term").ok());
    ASSERT_TRUE(registry_->DecideAmendment(system_, offer, true).ok());
    Fold(folder);
  }

  store::testing::TestNode node_;
  std::unique_ptr<TestCases> cases_;
  std::unique_ptr<Registry> registry_;
  std::unique_ptr<Statistics> stats_;
  domain::Actor dest_;
  domain::Actor system_;
  EmployerId employer_;
  EmployerId employer2_;
  AgencyId agency_;
  WorkerId woman_;
  WorkerId man_;
};

TEST_F(StatisticsTest, TheFoldCountsTheCorridor) {
  RunCorridor(*stats_);
  auto position = stats_->Position();
  ASSERT_TRUE(position.ok());
  EXPECT_EQ(*position, LedgerSize());

  // Stocks at each month's end.
  EXPECT_EQ(Sum(Q("contracts_by_state", "active", "", "", "2026-11"), true), 1);
  EXPECT_EQ(Sum(Q("contracts_by_state", "authenticated", "", "", "2026-11"), true), 1);
  EXPECT_EQ(Sum(Q("contracts_by_state", "attested", "", "", "2026-11"), true), 1);  // substituted
  EXPECT_EQ(Sum(Q("contracts_by_state", "rejected", "", "", "2026-11", "", "M"), true), 1);
  EXPECT_EQ(Sum(Q("contracts_by_state", "active", "", "", "2026-12"), true), 1);
  EXPECT_EQ(Sum(Q("contracts_by_state", "ended", "", "", "2026-12"), true), 1);
  EXPECT_EQ(Sum(Q("contracts_by_state", "authenticated", "", "", "2026-12"), true), 0);
  EXPECT_EQ(Sum(Q("contracts_by_state", "draft", "", "", "2027-01"), true), 0);
  // Every contract is in exactly one state.
  EXPECT_EQ(Sum(Q("contracts_by_state", "", "", "", "2027-01"), true), 4);

  // Flows in their months, with her facts: Nepal to Kuwait, ISCO 5, a woman of 30.
  EXPECT_EQ(Sum(Q("contracts_attested", "", "NPL", "KWT", "2026-11", "5", "F", "30-34")), 2);
  EXPECT_EQ(Sum(Q("contracts_attested", "", "NPL", "KWT", "2026-11", "5", "M", "45-49")), 1);
  EXPECT_EQ(Sum(Q("contracts_authenticated", "", "", "", "2026-11")), 2);
  EXPECT_EQ(Sum(Q("substitutions_flagged", "", "", "", "2026-11", "", "M")), 1);
  EXPECT_EQ(Sum(Q("permits_issued", "", "", "", "2026-11")), 1);
  EXPECT_EQ(Sum(Q("permits_issued", "", "", "", "2026-12")), 1);
  EXPECT_EQ(Sum(Q("permits_ended", "transfer", "", "", "2026-12")), 1);
  EXPECT_EQ(Sum(Q("permits_active", "active", "", "", "2026-12"), true), 1);
  // The shortened contract's permit leaves the stock, and expires, in August 2027.
  EXPECT_EQ(Sum(Q("permits_active", "active", "", "", "2027-07"), true), 1);
  EXPECT_EQ(Sum(Q("permits_active", "active", "", "", "2027-08"), true), 0);
  EXPECT_EQ(Sum(Q("permits_ended", "expired", "", "", "2027-08")), 1);
  EXPECT_EQ(Sum(Q("permits_ended", "expired", "", "", "")), 1);
  EXPECT_EQ(Sum(Q("job_changes", "served", "", "", "2026-12", "", "F")), 1);
  EXPECT_EQ(Sum(Q("exit_notices", "returning", "", "", "2027-01", "", "F")), 1);
  // Neither employer had more than one active contract on a month's first day.
  EXPECT_EQ(Sum(Q("contracts_by_state", "active", "", "", "2026-12", "", "", "", "1"), true), 1);
  EXPECT_EQ(Sum(Q("contracts_by_state", "", "", "", "2027-01", "", "", "", "2-9"), true), 0);
}

TEST_F(StatisticsTest, ARebuildFromTheLedgerGivesTheIncrementalCounters) {
  // Folded in batches of one event, at three points of the corridor.
  Statistics one_at_a_time(*node_.store, 1);
  RunCorridor(one_at_a_time);
  const auto incremental = Counters();
  ASSERT_FALSE(incremental.empty());
  auto n = stats_->Rebuild();
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(*n, LedgerSize());
  EXPECT_EQ(Counters(), incremental);
  // A bounded fold stops after whole batches once it has folded enough.
  auto cleared = node_.store->database().Acquire();
  ASSERT_TRUE(cleared.ok());
  ASSERT_TRUE(store::InTransaction(**cleared, true, [&]() {
                return store::ClearStatistics(**cleared);
              }).ok());
  Statistics by_three(*node_.store, 3);
  auto some = by_three.FoldNew(5);
  ASSERT_TRUE(some.ok());
  EXPECT_EQ(*some, 6u);
  auto position = stats_->Position();
  ASSERT_TRUE(position.ok());
  EXPECT_EQ(*position, 6u);
  auto rest = by_three.FoldNew();
  ASSERT_TRUE(rest.ok());
  EXPECT_EQ(*rest, LedgerSize() - 6);
  EXPECT_EQ(Counters(), incremental);
  // Folding again finds nothing new and changes nothing.
  auto again = stats_->FoldNew();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0u);
  EXPECT_EQ(Counters(), incremental);
}

TEST_F(StatisticsTest, ACrashInTheMiddleOfFoldingRepeatsNothingAndLosesNothing) {
  RunCorridor(*stats_);
  const auto reference = Counters();
  ASSERT_FALSE(reference.empty());
  // The same store through a database that fails its n-th statement, as a crash or a lost
  // connection would: at the rebuild's start, and at several points while it folds.
  auto plan = std::make_shared<store::FaultPlan>();
  auto db = store::Database::Open(node_.location->uri(), {});
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  store::StoreOptions options;
  options.clock = node_.clock.get();
  options.rng = node_.rng.get();
  options.key = node_.key.get();
  auto faulty = store::Store::Open(store::WrapWithFaults(std::move(*db), plan), options);
  ASSERT_TRUE(faulty.ok()) << faulty.status().ToString();
  Statistics folder(**faulty, 2);
  for (int nth : {1, 3, 10, 40, 120}) {
    plan->Arm(store::FaultKind::kStatement, nth);
    const auto failed = folder.Rebuild();
    EXPECT_TRUE(plan->fired()) << nth;
    EXPECT_FALSE(failed.ok()) << nth;
    plan->Disarm();
    // The node's next fold carries on from the last batch that committed.
    auto rest = folder.FoldNew();
    ASSERT_TRUE(rest.ok()) << rest.status().ToString();
    EXPECT_EQ(Counters(), reference) << "failing statement " << nth;
    auto position = stats_->Position();
    ASSERT_TRUE(position.ok());
    EXPECT_EQ(*position, LedgerSize());
  }
}

TEST_F(StatisticsTest, NoKeyNamesAPersonOrARecord) {
  RunCorridor(*stats_);
  const std::regex alpha3("^([A-Z]{3})?$");
  const std::regex month("^[0-9]{4}-[0-9]{2}$");
  const std::set<std::string> sexes = {"", "F", "M", "X"};
  const std::regex band("^(|[0-9]+-[0-9]+|60\\+)$");
  const std::regex size("^(|1|2-9|10-49|50-249|250\\+)$");
  const std::regex extra("^[a-z_]*$");
  std::set<std::string> indicators;
  for (auto id : domain::FoldedIndicators()) indicators.insert(std::string(id));
  for (const auto& d : Counters()) {
    const auto& k = d.key;
    EXPECT_TRUE(indicators.contains(k.indicator)) << k.indicator;
    EXPECT_TRUE(std::regex_match(k.extra, extra)) << k.extra;
    EXPECT_TRUE(std::regex_match(k.origin, alpha3)) << k.origin;
    EXPECT_TRUE(std::regex_match(k.destination, alpha3)) << k.destination;
    EXPECT_TRUE(std::regex_match(k.month, month)) << k.month;
    EXPECT_TRUE(k.isco_major.empty() || (k.isco_major.size() == 1 && isdigit(k.isco_major[0])));
    EXPECT_TRUE(sexes.contains(k.sex)) << k.sex;
    EXPECT_TRUE(std::regex_match(k.age_band, band)) << k.age_band;
    EXPECT_TRUE(std::regex_match(k.size_band, size)) << k.size_band;
  }
}

}  // namespace
}  // namespace corridor::service
