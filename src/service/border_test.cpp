#include "service/border.hpp"

#include <gtest/gtest.h>

#include "codec/border.hpp"
#include "service/border_testing.hpp"
#include "service/cases_testing.hpp"
#include "service/testing.hpp"

namespace corridor::service {
namespace {

using domain::Direction;
using domain::Role;
using domain::testing::D;
using testing::MrvA;
using testing::Td3;

// A Kuwaiti node on 2026-11-29 with a registered Nepali worker holding an active permit, a
// national list of wanted people and a lost-document list, and a border officer.
class BorderTest : public ::testing::Test {
 protected:
  // Whatever a test wrote, the state agrees with the ledger afterwards.
  void TearDown() override {
    if (node_.store) {
      EXPECT_EQ(store::testing::AuditProblems(*node_.store), "");
    }
  }

  void SetUp() override {
    auto n = store::testing::TestNode::Create("node-KWT", "KWT",
                                              *Timestamp::Parse("2026-11-29T08:00:00Z"));
    ASSERT_TRUE(n.ok()) << n.status().ToString() << " " << n.status().detail();
    node_ = std::move(*n);
    registry_ = std::make_unique<Registry>(*node_.store);
    cases_ = std::make_unique<testing::TestCases>(*node_.store);
    border_ = std::make_unique<Border>(*node_.store, screening::NameKnowledge::Default(),
                                       BorderConfig{}, cases_->get());
    ASSERT_TRUE(testing::SeedReferenceData(*registry_).ok());
    const domain::Actor sys = domain::SystemActor();
    domain::Employer e = domain::testing::SampleEmployer();
    e.id = EmployerId();
    employer_ = registry_->RegisterEmployer(sys, e)->id;
    domain::Worker w = domain::testing::SampleWorker();
    w.id = WorkerId();
    worker_ = registry_->RegisterWorker(sys, w)->id;
    domain::ContractTerms t = domain::testing::SampleTerms();
    t.worker = worker_;
    t.employer = employer_;
    t.agency.reset();
    t.start_date = D("2026-12-01");
    contract_ = registry_->DraftContract(sys, t)->id;
    ASSERT_TRUE(registry_->OfferContract(sys, contract_).ok());
    ASSERT_TRUE(registry_->AcceptContract(sys, contract_).ok());
    ASSERT_TRUE(registry_->AttestContract(sys, contract_).ok());
    ASSERT_TRUE(registry_->AuthenticateContract(sys, contract_, std::nullopt).ok());
    auto permit = registry_->IssuePermit(sys, contract_);
    ASSERT_TRUE(permit.ok()) << permit.status().ToString();
    permit_ = permit->id;
    ASSERT_TRUE(Import(std::string(testing::kListHeader) +
                       "NP-WANTED,17,person,Ram Bahadur Thapa,R. B. Thapa,1980-03-04,Nepal,M,,,,"
                       "court warrant 2024/17\n"
                       "NP-LOST,P1,document,,,,,,Passport,PA 7654321,NPL,reported stolen\n")
                    .ok());
    ASSERT_TRUE(border_->LoadIndex().ok());
    officer_.account = "U-border";
    officer_.role = Role::kBorderOfficer;
    officer_.country = "KWT";
  }

  Status Import(const std::string& csv, const std::string& name = "national.csv") {
    return border_->ImportLists(domain::SystemActor(), ListFormat::kCsv, {{name, csv}}).status();
  }

  Result<CrossingOutcome> Cross(Direction d, const std::string& zone, std::string reason = "") {
    CrossingRequest r;
    r.direction = d;
    r.mrz = zone;
    r.port = "KWI airport";
    r.accept_invalid_reason = std::move(reason);
    return border_->RecordCrossing(officer_, r);
  }

  static bool Has(const domain::Crossing& c, const std::string& code) {
    for (const auto& f : c.findings) {
      if (f.code == code) return true;
    }
    return false;
  }

  uint64_t LedgerSize() {
    uint64_t size = 0;
    EXPECT_TRUE(node_.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(size, tx.LedgerSize());
                      return Status::Ok();
                    })
                    .ok());
    return size;
  }

  std::vector<json::Value> History(const std::string& subject) {
    std::vector<json::Value> events;
    EXPECT_TRUE(node_.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(events, tx.History(subject, 100));
                      return Status::Ok();
                    })
                    .ok());
    return events;
  }

  void ExpectLedgerVerifies() { EXPECT_EQ(store::testing::AuditProblems(*node_.store), ""); }

  // Sita Kumari Thapa's passport, as registered.
  static std::string SitasPassport() {
    return Td3("NPL", "THAPA", "SITA KUMARI", "PA1234567", "NPL", "960412", 'F', "310301");
  }

  store::testing::TestNode node_;
  std::unique_ptr<Registry> registry_;
  std::unique_ptr<testing::TestCases> cases_;  // protection's cases, which border signals open
  std::unique_ptr<Border> border_;
  EmployerId employer_;
  WorkerId worker_;
  ContractId contract_;
  PermitId permit_;
  domain::Actor officer_;
};

TEST_F(BorderTest, ARegisteredWorkerIsShownWithThePermitAndNoHit) {
  auto out = Cross(Direction::kEntry, SitasPassport());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  const domain::Crossing& c = out->crossing;
  EXPECT_EQ(c.worker, worker_);
  EXPECT_TRUE(Has(c, "registered_worker"));
  EXPECT_TRUE(Has(c, "permit_active"));
  EXPECT_FALSE(Has(c, "registry_identity_differs"));
  EXPECT_TRUE(out->hits.empty()) << out->hits.front().explanation;
  EXPECT_EQ(c.document.primary_identifier, "THAPA");
  EXPECT_EQ(c.document.birth_date, "1996-04-12");
  ASSERT_EQ(c.screened_against.size(), 2u);
  EXPECT_EQ(c.screened_against[0].list, "NP-LOST");
  EXPECT_EQ(c.screened_against[0].version, 1);
  const auto events = History(c.id.value());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].Get("type")->AsString(), "crossing.recorded");
  EXPECT_EQ(events[0].Get("actor")->AsString(), "U-border");
  auto decoded = codec::CrossingFromJson(*events[0].Get("data"));
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, c);
  ExpectLedgerVerifies();
}

TEST_F(BorderTest, AListedPersonRaisesAHitThatIsReviewedOnceWithAReason) {
  auto out = Cross(Direction::kEntry,
                   Td3("NPL", "THAPA", "RAM BAHADUR", "PA5550001", "NPL", "800304", 'M', "300101"));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->hits.size(), 1u);
  const domain::ScreeningHit& hit = out->hits[0];
  EXPECT_EQ(hit.list, "NP-WANTED");
  EXPECT_EQ(hit.entry_id, "17");
  EXPECT_EQ(hit.decision, "match");
  EXPECT_EQ(hit.entry_reason, "court warrant 2024/17");
  EXPECT_NE(hit.explanation.find("date of birth"), std::string::npos) << hit.explanation;
  EXPECT_NE(hit.explanation.find("'thapa'"), std::string::npos) << hit.explanation;
  EXPECT_EQ(hit.state, domain::HitState::kPending);
  EXPECT_EQ(out->crossing.hits, 1);
  EXPECT_TRUE(Has(out->crossing, "not_registered"));

  // Only a border officer decides; a reason is required; the decision is final.
  domain::Actor analyst = officer_;
  analyst.role = Role::kAnalyst;
  EXPECT_EQ(border_->DecideHit(analyst, hit.id, true, "x").status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(border_->DecideHit(officer_, hit.id, true, "").status().field(), "reason");
  auto decided = border_->DecideHit(officer_, hit.id, false, "passport photo is another man");
  ASSERT_TRUE(decided.ok()) << decided.status().ToString();
  EXPECT_EQ(decided->state, domain::HitState::kDismissed);
  EXPECT_EQ(border_->DecideHit(officer_, hit.id, true, "again").status().code(),
            Code::kFailedPrecondition);
  const auto events = History(hit.id.value());
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].Get("type")->AsString(), "screening.hit_raised");
  EXPECT_EQ(events[0].Get("data")->Get("explanation")->AsString(), hit.explanation);
  EXPECT_EQ(events[1].Get("type")->AsString(), "screening.hit_dismissed");
  EXPECT_EQ(events[1].Get("actor")->AsString(), "U-border");
  EXPECT_EQ(events[1].Get("data")->Get("reason")->AsString(), "passport photo is another man");
  ExpectLedgerVerifies();
}

TEST_F(BorderTest, AStolenDocumentNumberMatchesExactlyWhateverTheName) {
  auto out = Cross(Direction::kEntry,
                   Td3("NPL", "GURUNG", "HARI", "PA7654321", "NPL", "900101", 'M', "300101"));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->hits.size(), 1u);
  EXPECT_EQ(out->hits[0].list, "NP-LOST");
  EXPECT_TRUE(out->hits[0].document_match);
  EXPECT_EQ(out->hits[0].score, 1.0);
  // One character off is another document: never matched fuzzily.
  auto other = Cross(Direction::kEntry,
                     Td3("NPL", "GURUNG", "HARI", "PA7654322", "NPL", "900101", 'M', "300101"));
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->hits.empty());
}

TEST_F(BorderTest, ABadZoneIsAPreciseErrorAndChangesNothing) {
  const uint64_t before = LedgerSize();
  std::string zone = SitasPassport();
  zone.pop_back();  // line 2 has 43 characters
  auto out = Cross(Direction::kEntry, zone);
  EXPECT_EQ(out.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(out.status().field(), "mrz");
  EXPECT_EQ(out.status().message(),
            "line 2: 43 characters; line 1 has 44 (TD3, MRV-A), so line 2 must have 44 too");
  out = Cross(Direction::kEntry, "P<NPL«THAPA");
  EXPECT_EQ(out.status().field(), "mrz");
  EXPECT_NE(out.status().message().find("line 1 column 6"), std::string::npos)
      << out.status().message();
  // A failing check digit is refused with the check, the position and the OCR suggestion...
  zone = SitasPassport();
  zone[zone.find('\n') + 16] = 'O';  // 960412 -> 96O412 (line 2, column 16)
  out = Cross(Direction::kEntry, zone);
  EXPECT_EQ(out.status().field(), "mrz");
  EXPECT_NE(out.status().message().find("suggested: 2:16 'O'->'0'"), std::string::npos)
      << out.status().message();
  EXPECT_EQ(LedgerSize(), before);
  // ...unless the officer records it with a reason, which the crossing keeps.
  out = Cross(Direction::kEntry, zone, "the chip reads the same; issuer misprint");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_FALSE(out->crossing.document.mrz_valid);
  EXPECT_TRUE(Has(out->crossing, "invalid_mrz_accepted"));
  // A visa in place of the travel document, and a passport in place of a visa.
  out = Cross(Direction::kEntry,
              MrvA("KWT", "THAPA", "SITA", "V1234567", "NPL", "960412", 'F', "270101"));
  EXPECT_EQ(out.status().field(), "mrz");
  CrossingRequest r;
  r.direction = Direction::kEntry;
  r.mrz = SitasPassport();
  r.visa_mrz = SitasPassport();
  r.port = "KWI";
  EXPECT_EQ(border_->RecordCrossing(officer_, r).status().field(), "visa_mrz");
  r.visa_mrz.clear();
  r.port = "";
  EXPECT_EQ(border_->RecordCrossing(officer_, r).status().field(), "port");
  // Only the border records crossings.
  domain::Actor employer = officer_;
  employer.role = Role::kEmployer;
  r.port = "KWI";
  EXPECT_EQ(border_->RecordCrossing(employer, r).status().code(), Code::kPermissionDenied);
}

TEST_F(BorderTest, TheRegistryIsShownAtTheBorder) {
  // The worker notifies a final exit; the contract ends and its permit is cancelled.
  const domain::Actor sys = domain::SystemActor();
  ASSERT_TRUE(
      registry_->NotifyExit(sys, worker_, domain::ExitKind::kFinal, D("2026-12-20"), std::nullopt)
          .ok());
  ASSERT_TRUE(
      registry_->EndContract(sys, contract_, domain::EndReason::kFinalExit, D("2026-12-20")).ok());
  auto out = Cross(Direction::kExit, SitasPassport());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(Has(out->crossing, "permit_cancelled"));
  EXPECT_TRUE(Has(out->crossing, "exit_notice"));
  EXPECT_TRUE(Has(out->crossing, "no_recorded_entry"));
  // An expired passport, and a passport whose registry record names someone else.
  out = Cross(Direction::kEntry,
              Td3("NPL", "THAPA", "SITA KUMARI", "PA1234567", "NPL", "960412", 'F', "250301"));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(Has(out->crossing, "document_expired"));
  out = Cross(Direction::kEntry,
              Td3("NPL", "RAI", "SITA", "PA1234567", "NPL", "960412", 'F', "310301"));
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(Has(out->crossing, "registry_identity_differs"));
  EXPECT_TRUE(Has(out->crossing, "no_recorded_exit"));
}

// A worker's exit that completes her final exit notice ends her contract (final_exit) and cancels
// her permit in the crossing's own write, before the crossing is recorded; a returning exit ends
// nothing, and neither does a second exit.
TEST_F(BorderTest, AFinalExitEndsTheContractAndCancelsItsPermit) {
  const domain::Actor sys = domain::SystemActor();
  auto stored = [&](domain::Contract& c, domain::Permit& p) {
    ASSERT_TRUE(node_.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(c, tx.GetContract(contract_));
                      ASSIGN_OR_RETURN(p, tx.GetPermit(permit_));
                      return Status::Ok();
                    })
                    .ok());
  };
  domain::Contract c;
  domain::Permit p;
  ASSERT_TRUE(Cross(Direction::kEntry, SitasPassport()).ok());
  node_.clock->Set(*Timestamp::Parse("2027-03-01T08:00:00Z"));
  ASSERT_TRUE(
      registry_
          ->NotifyExit(sys, worker_, domain::ExitKind::kReturning, D("2027-03-01"), D("2027-03-20"))
          .ok());
  auto trip = Cross(Direction::kExit, SitasPassport());
  ASSERT_TRUE(trip.ok()) << trip.status().ToString();
  EXPECT_FALSE(Has(trip->crossing, "final_exit"));
  stored(c, p);
  EXPECT_EQ(c.state, domain::ContractState::kActive);
  EXPECT_EQ(p.status, domain::PermitStatus::kActive);
  node_.clock->Set(*Timestamp::Parse("2027-03-20T08:00:00Z"));
  ASSERT_TRUE(Cross(Direction::kEntry, SitasPassport()).ok());

  // She notifies her final exit for 5 June and leaves two days early.
  node_.clock->Set(*Timestamp::Parse("2027-06-01T08:00:00Z"));
  auto notice =
      registry_->NotifyExit(sys, worker_, domain::ExitKind::kFinal, D("2027-06-05"), std::nullopt);
  ASSERT_TRUE(notice.ok()) << notice.status().ToString();
  node_.clock->Set(*Timestamp::Parse("2027-06-03T08:00:00Z"));
  const uint64_t size = LedgerSize();
  auto out = Cross(Direction::kExit, SitasPassport());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(Has(out->crossing, "final_exit"));
  EXPECT_FALSE(Has(out->crossing, "overstay"));
  stored(c, p);
  EXPECT_EQ(c.state, domain::ContractState::kEnded);
  EXPECT_EQ(c.end_reason, domain::EndReason::kFinalExit);
  EXPECT_EQ(c.ended_on, D("2027-06-03"));
  EXPECT_EQ(p.status, domain::PermitStatus::kCancelled);
  EXPECT_EQ(p.status_reason,
            "final exit " + out->crossing.id.value() + " (exit notice " + notice->id.value() + ")");
  // contract.ended, permit.cancelled, then crossing.recorded: one write.
  EXPECT_EQ(LedgerSize(), size + 3);
  EXPECT_EQ(History(contract_.value()).back().Get("type")->AsString(), "contract.ended");
  EXPECT_EQ(History(permit_.value()).back().Get("type")->AsString(), "permit.cancelled");
  bool told = false;
  ASSERT_TRUE(node_.store
                  ->Read([&](store::ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(auto notes, tx.ListNotifications(
                                                     "employer:" + employer_.value(), {"", 100}));
                    for (const auto& n : notes) told = told || n.type == "permit.cancelled";
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_TRUE(told) << "the employer learns the permit ended";
  // An exit recorded again finds nothing more to end.
  const uint64_t after = LedgerSize();
  out = Cross(Direction::kExit, SitasPassport());
  ASSERT_TRUE(out.ok());
  EXPECT_FALSE(Has(out->crossing, "final_exit"));
  EXPECT_EQ(LedgerSize(), after + 1) << "the crossing alone";
}

// A bad file anywhere in an import changes nothing; a good one replaces the list, keeps the
// previous version and is screened against at once.
TEST_F(BorderTest, AnImportReplacesAListAtomicallyAndTheIndexFollows) {
  const auto before = border_->LoadedLists();
  const uint64_t ledger = LedgerSize();
  const std::string good = std::string(testing::kListHeader) +
                           "NP-WANTED,18,person,Maya Gurung Tamang,,1975-01-02,NPL,F,,,,fraud\n";
  auto bad = border_->ImportLists(
      domain::SystemActor(), ListFormat::kCsv,
      {{"a.csv", good},
       {"b.csv", std::string(testing::kListHeader) +
                     "NP-WANTED,19,person,Hari Rai,,1980-02-30,NPL,M,,,,x\n"}});
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("b.csv: line 2"), std::string::npos)
      << bad.status().message();
  EXPECT_EQ(LedgerSize(), ledger);
  EXPECT_EQ(border_->LoadedLists(), before);
  EXPECT_EQ(Import(std::string(testing::kListHeader)).code(), Code::kInvalidArgument);
  domain::Actor officer = officer_;
  EXPECT_EQ(border_->ImportLists(officer, ListFormat::kCsv, {{"a.csv", good}}).status().code(),
            Code::kPermissionDenied);

  auto done = border_->ImportLists(domain::SystemActor(), ListFormat::kCsv, {{"a.csv", good}});
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  ASSERT_EQ(done->size(), 1u);
  const store::ListReplacement& r = (*done)[0];
  EXPECT_EQ(r.now.version, 2);
  EXPECT_EQ(r.now.added, 1);
  EXPECT_EQ(r.now.removed, 1);
  ASSERT_TRUE(r.previous.has_value());
  const auto events = History("watchlist.NP-WANTED");
  ASSERT_EQ(events.size(), 2u);
  const json::Value* data = events[1].Get("data");
  EXPECT_EQ(data->Get("digest")->AsString(), r.now.digest);
  EXPECT_EQ(data->Get("entries")->AsNumber(), 1);
  EXPECT_EQ(data->Get("previous")->Get("digest")->AsString(), r.previous->digest);
  EXPECT_EQ(data->Get("sources")->AsArray()[0].Get("name")->AsString(), "a.csv");
  EXPECT_EQ(data->Get("sources")->AsArray()[0].Get("sha256")->AsString().size(), 64u);
  // The new entry is screened against, the removed one no longer.
  auto out = Cross(Direction::kEntry, Td3("NPL", "TAMANG", "MAYA GURUNG", "PA5550002", "NPL",
                                          "750102", 'F', "300101"));
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->hits.size(), 1u);
  EXPECT_EQ(out->hits[0].entry_id, "18");
  EXPECT_EQ(out->hits[0].list_version, 2);
  out = Cross(Direction::kEntry,
              Td3("NPL", "THAPA", "RAM BAHADUR", "PA5550001", "NPL", "800304", 'M', "300101"));
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(out->hits.empty());
}

// Another process's import (here: another Border over the same store) is seen by the next
// crossing: the index is rebuilt and the crossing names the version it was screened against.
TEST_F(BorderTest, AStaleIndexIsRebuiltBeforeScreening) {
  Border other(*node_.store, screening::NameKnowledge::Default(), BorderConfig{});
  ASSERT_TRUE(other
                  .ImportLists(domain::SystemActor(), ListFormat::kCsv,
                               {{"n.csv", std::string(testing::kListHeader) +
                                              "NP-WANTED,18,person,Maya Gurung Tamang,,"
                                              "1975-01-02,NPL,F,,,,fraud\n"}})
                  .ok());
  auto out = Cross(Direction::kEntry, Td3("NPL", "TAMANG", "MAYA GURUNG", "PA5550002", "NPL",
                                          "750102", 'F', "300101"));
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->hits.size(), 1u);
  bool v2 = false;
  for (const auto& l : out->crossing.screened_against)
    v2 = v2 || (l.list == "NP-WANTED" && l.version == 2);
  EXPECT_TRUE(v2);
}

// The job flags each overstay once, however often it runs; an exit afterwards closes it.
TEST_F(BorderTest, OverstaysAreFlaggedOnceUnderASetClock) {
  CrossingRequest visitor;
  visitor.direction = Direction::kEntry;
  visitor.mrz = Td3("IND", "SHARMA", "ANIL", "Z1234567", "IND", "850505", 'M', "320101");
  visitor.visa_mrz = MrvA("KWT", "SHARMA", "ANIL", "V7000001", "IND", "850505", 'M', "261215");
  visitor.port = "KWI";
  auto v = border_->RecordCrossing(officer_, visitor);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->crossing.authorised_until, D("2026-12-15"));
  ASSERT_TRUE(Cross(Direction::kEntry, SitasPassport()).ok());  // permit until 2028
  ASSERT_TRUE(Cross(Direction::kEntry,
                    Td3("BGD", "ISLAM", "RAFIQUL", "BX9000001", "BGD", "880808", 'M', "330101"))
                  .ok());  // nothing to judge by

  // The last day of grace (10 days) is lawful; the next day is not.
  auto report = border_->DetectOverstays(D("2026-12-25"));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->examined, 3u);
  EXPECT_EQ(report->without_basis, 1u);
  EXPECT_TRUE(report->flagged.empty());
  report = border_->DetectOverstays(D("2026-12-26"));
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->flagged.size(), 1u);
  const domain::OverstayFlag flag = report->flagged[0];
  EXPECT_EQ(flag.entry, v->crossing.id);
  EXPECT_EQ(flag.days_over, 1);
  EXPECT_EQ(flag.basis, "visa V7000001 valid until 2026-12-15");
  const uint64_t ledger = LedgerSize();
  for (const char* day : {"2026-12-26", "2026-12-27", "2027-03-01"}) {
    report = border_->DetectOverstays(D(day));
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->flagged.empty()) << day;
  }
  node_.clock->Set(*Timestamp::Parse("2027-03-01T06:00:00Z"));
  ASSERT_TRUE(border_->RunDailyJobs(node_.clock->Now()).ok());
  EXPECT_EQ(LedgerSize(), ledger);
  const auto events = History(flag.id.value());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].Get("type")->AsString(), "overstay.flagged");
  EXPECT_EQ(events[0].Get("actor")->AsString(), "system");

  // The visitor leaves: the exit shows the overstay and closes the flag.
  CrossingRequest leave = visitor;
  leave.direction = Direction::kExit;
  leave.visa_mrz.clear();
  auto exit = border_->RecordCrossing(officer_, leave);
  ASSERT_TRUE(exit.ok()) << exit.status().ToString();
  EXPECT_TRUE(Has(exit->crossing, "overstay"));
  Status s = node_.store->Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto stored, store::FindOverstayForEntry(tx, flag.entry));
    EXPECT_EQ(stored->departed, exit->crossing.id);
    ASSIGN_OR_RETURN(auto open, store::ListOverstays(tx, true, {"", 10}));
    EXPECT_TRUE(open.empty());
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  ExpectLedgerVerifies();
}

// A cancelled permit authorised the stay until the day it was cancelled.
TEST_F(BorderTest, ACancelledPermitEndsTheStayOnItsCancellation) {
  ASSERT_TRUE(Cross(Direction::kEntry, SitasPassport()).ok());
  node_.clock->Set(*Timestamp::Parse("2027-02-01T08:00:00Z"));
  ASSERT_TRUE(registry_
                  ->EndContract(domain::SystemActor(), contract_, domain::EndReason::kTermination,
                                D("2027-02-01"))
                  .ok());
  auto report = border_->DetectOverstays(D("2027-02-11"));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->flagged.empty());
  report = border_->DetectOverstays(D("2027-02-12"));
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->flagged.size(), 1u);
  EXPECT_EQ(report->flagged[0].worker, worker_);
  EXPECT_EQ(report->flagged[0].basis, "permit " + permit_.value() + " cancelled on 2027-02-01");
}

// An amendment that extends the contract moves the permit's end in the same write, so the
// overstay job judges the stay by the new end and flags nothing at the old one.
TEST_F(BorderTest, AnExtendedContractIsNoOverstayAtItsOldEnd) {
  ASSERT_TRUE(Cross(Direction::kEntry, SitasPassport()).ok());
  node_.clock->Set(*Timestamp::Parse("2028-06-01T08:00:00Z"));
  domain::Contract c;
  ASSERT_TRUE(node_.store
                  ->Read([&](store::ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(c, tx.GetContract(contract_));
                    return Status::Ok();
                  })
                  .ok());
  domain::ContractTerms longer = c.terms;
  longer.duration_months = 36;  // to 2029-12-01 instead of 2028-12-01
  const domain::Actor sys = domain::SystemActor();
  ASSERT_TRUE(registry_->ProposeAmendment(sys, contract_, longer, "extension by a year").ok());
  auto accepted = registry_->DecideAmendment(sys, contract_, true);
  ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
  for (const char* day : {"2028-12-11", "2028-12-12", "2029-06-01", "2029-12-11"}) {
    auto report = border_->DetectOverstays(D(day));
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_TRUE(report->flagged.empty()) << day;
  }
  // Past the new end and its grace, the stay has run out.
  auto report = border_->DetectOverstays(D("2029-12-12"));
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->flagged.size(), 1u);
  EXPECT_EQ(report->flagged[0].authorised_until, D("2029-12-01"));
  EXPECT_EQ(report->flagged[0].basis, "permit " + permit_.value() + " valid until 2029-12-01");
}

// The destination's grace after a permit ends (its country rules) lets a worker whose contract
// ended stay to find a new job before the border counts an overstay.
TEST_F(BorderTest, TheCountrysGraceAfterAPermitEndsComesBeforeAnOverstay) {
  domain::CountryRules rules = domain::testing::KuwaitRules();
  rules.permit_grace_days = 60;
  const domain::Actor admin = testing::Officer(Role::kAdministrator, "", "U-admin");
  ASSERT_TRUE(registry_->SetCountryRules(admin, rules).ok());
  ASSERT_TRUE(Cross(Direction::kEntry, SitasPassport()).ok());
  node_.clock->Set(*Timestamp::Parse("2027-02-01T08:00:00Z"));
  ASSERT_TRUE(registry_
                  ->EndContract(domain::SystemActor(), contract_, domain::EndReason::kTermination,
                                D("2027-02-01"))
                  .ok());
  // 60 days' grace to 2027-04-02, then the border's tolerance of 10 days.
  for (const char* day : {"2027-02-12", "2027-04-02", "2027-04-12"}) {
    auto report = border_->DetectOverstays(D(day));
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_TRUE(report->flagged.empty()) << day;
  }
  auto report = border_->DetectOverstays(D("2027-04-13"));
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->flagged.size(), 1u);
  EXPECT_EQ(report->flagged[0].authorised_until, D("2027-04-02"));
  EXPECT_EQ(report->flagged[0].days_over, 1);
  EXPECT_EQ(report->flagged[0].basis,
            "permit " + permit_.value() + " cancelled on 2027-02-01, then 60 days' grace");
}

// An exit judges the stay it ends by the daily job's rule, whether or not the job has run: within
// the permit's end, the country's grace and the border's tolerance it is no overstay.
TEST_F(BorderTest, AnExitWithinTheGraceAfterAPermitEndsIsNoOverstay) {
  domain::CountryRules rules = domain::testing::KuwaitRules();
  rules.permit_grace_days = 60;
  ASSERT_TRUE(registry_->SetCountryRules(domain::SystemActor(), rules).ok());
  ASSERT_TRUE(Cross(Direction::kEntry, SitasPassport()).ok());
  node_.clock->Set(*Timestamp::Parse("2027-02-01T08:00:00Z"));
  ASSERT_TRUE(registry_
                  ->EndContract(domain::SystemActor(), contract_, domain::EndReason::kTermination,
                                D("2027-02-01"))
                  .ok());
  // The last lawful day: 2027-04-02 plus the border's 10 days.
  node_.clock->Set(*Timestamp::Parse("2027-04-12T20:00:00Z"));
  const uint64_t ledger = LedgerSize();
  auto exit = Cross(Direction::kExit, SitasPassport());
  ASSERT_TRUE(exit.ok()) << exit.status().ToString();
  EXPECT_FALSE(Has(exit->crossing, "overstay"));
  EXPECT_EQ(LedgerSize(), ledger + 1) << "the crossing alone";
  EXPECT_TRUE(cases_->All().empty());
  Status s = node_.store->Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto all, store::ListOverstays(tx, false, {"", 10}));
    EXPECT_TRUE(all.empty());
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  // Gone, the worker is no longer judged by the daily job.
  auto report = border_->DetectOverstays(D("2027-06-01"));
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->flagged.empty());
}

// The day after, the exit is an overstay though the daily job never ran: the flag is recorded
// with the exit as its departure, and the worker's protection case is opened, as the job does.
TEST_F(BorderTest, AnExitAfterTheGraceIsAnOverstayEvenBeforeTheDailyJob) {
  domain::CountryRules rules = domain::testing::KuwaitRules();
  rules.permit_grace_days = 60;
  ASSERT_TRUE(registry_->SetCountryRules(domain::SystemActor(), rules).ok());
  ASSERT_TRUE(Cross(Direction::kEntry, SitasPassport()).ok());
  node_.clock->Set(*Timestamp::Parse("2027-02-01T08:00:00Z"));
  ASSERT_TRUE(registry_
                  ->EndContract(domain::SystemActor(), contract_, domain::EndReason::kTermination,
                                D("2027-02-01"))
                  .ok());
  node_.clock->Set(*Timestamp::Parse("2027-04-13T06:00:00Z"));
  auto exit = Cross(Direction::kExit, SitasPassport());
  ASSERT_TRUE(exit.ok()) << exit.status().ToString();
  ASSERT_TRUE(Has(exit->crossing, "overstay"));
  domain::OverstayFlag flag;
  Status s = node_.store->Read([&](store::ReadTx& tx) -> Status {
    ASSIGN_OR_RETURN(auto all, store::ListOverstays(tx, false, {"", 10}));
    EXPECT_EQ(all.size(), 1u);
    if (!all.empty()) flag = all[0];
    ASSIGN_OR_RETURN(auto open, store::ListOverstays(tx, true, {"", 10}));
    EXPECT_TRUE(open.empty()) << "departed";
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(flag.worker, worker_);
  EXPECT_EQ(flag.authorised_until, D("2027-04-02"));
  EXPECT_EQ(flag.days_over, 1);
  EXPECT_EQ(flag.flagged_on, D("2027-04-13"));
  EXPECT_EQ(flag.departed, exit->crossing.id);
  EXPECT_EQ(flag.basis,
            "permit " + permit_.value() + " cancelled on 2027-02-01, then 60 days' grace");
  const auto events = History(flag.id.value());
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].Get("type")->AsString(), "overstay.flagged");
  EXPECT_EQ(events[1].Get("type")->AsString(), "overstay.departed");
  for (const auto& f : exit->crossing.findings) {
    if (f.code == "overstay") {
      EXPECT_EQ(f.subject, flag.id.value());
    }
  }
  auto all = cases_->All();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(testing::TestCases::Signals(all[0]),
            std::vector<std::string>{"overstay:" + flag.id.value()});
  // The daily job afterwards finds nothing more to flag.
  auto report = border_->DetectOverstays(D("2027-04-14"));
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->flagged.empty());
}

TEST_F(BorderTest, ConfigurationIsDataWithEveryErrorNamed) {
  auto c = BorderConfigFromJson(*json::Parse(
      R"({"match": {"match_threshold": 0.9, "review_threshold": 0.6, "edit1_min_length": 7},
          "search": {"max_results": 5, "min_decision": "match"},
          "overstay_grace_days": 3})"));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->match.match_threshold, 0.9);
  EXPECT_EQ(c->match.review_threshold, 0.6);
  EXPECT_EQ(c->match.edit1_min_length, 7u);
  EXPECT_EQ(c->search.max_results, 5u);
  EXPECT_EQ(c->search.min_decision, screening::Decision::kMatch);
  EXPECT_EQ(c->overstay_grace_days, 3);
  const std::pair<const char*, const char*> bad[] = {
      {R"({"match": {"match_treshold": 0.9}})", "match.match_treshold"},
      {R"({"match": {"match_threshold": "high"}})", "match.match_threshold"},
      {R"({"match": {"match_threshold": 0.5, "review_threshold": 0.7}})", "review_threshold"},
      {R"({"search": {"max_results": 0}})", "search.max_results"},
      {R"({"search": {"max_results": -1}})", "search.max_results"},
      {R"({"search": {"min_decision": "maybe"}})", "search.min_decision"},
      {R"({"overstay_grace_days": -1})", "overstay_grace_days"},
      {R"({"overstay_grace_days": 1.5})", "overstay_grace_days"},
      {R"({"grace": 1})", "grace"},
      {R"([])", "config"},
  };
  for (const auto& [text, field] : bad) {
    auto r = BorderConfigFromJson(*json::Parse(text));
    EXPECT_EQ(r.status().field(), field) << text << ": " << r.status().ToString();
  }
  // The thresholds decide: the same traveller is a match by default and only a review here.
  BorderConfig strict;
  strict.match.match_threshold = 0.99;
  Border b(*node_.store, screening::NameKnowledge::Default(), strict);
  CrossingRequest r;
  r.direction = Direction::kEntry;
  r.mrz = Td3("NPL", "THAPA", "RAM", "PA5550001", "NPL", "800304", 'M', "300101");
  r.port = "KWI";
  auto out = b.RecordCrossing(officer_, r);
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->hits.size(), 1u);
  EXPECT_EQ(out->hits[0].decision, "review");
}

// Protection signals from the border (docs/formats/cases.md section 1.4): a hit on a registered
// worker confirmed by the officer opens a case about her in the same write, the next confirmed
// hit joins it; a dismissed or refused decision, or a hit on a traveller the registry does not
// know, opens nothing.
TEST_F(BorderTest, AConfirmedHitOnAWorkerOpensACaseAndTheNextJoinsIt) {
  ASSERT_TRUE(Import(std::string(testing::kListHeader) +
                         "NP-TRAFFICKED,4,person,Sita Kumari Thapa,,1996-04-12,Nepal,F,,,,"
                         "reported missing by her family\n",
                     "trafficked.csv")
                  .ok());
  ASSERT_TRUE(border_->LoadIndex().ok());
  auto hit_on = [&](Direction d) -> domain::HitId {
    auto out = Cross(d, SitasPassport());
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    if (!out.ok()) return domain::HitId();
    EXPECT_EQ(out->crossing.worker, worker_);
    for (const auto& h : out->hits) {
      if (h.list == "NP-TRAFFICKED") return h.id;
    }
    ADD_FAILURE() << "no hit";
    return domain::HitId();
  };
  const domain::HitId first = hit_on(Direction::kEntry);
  domain::Actor analyst = officer_;
  analyst.role = Role::kAnalyst;
  EXPECT_FALSE(border_->DecideHit(analyst, first, true, "x").ok());
  EXPECT_EQ(border_->DecideHit(officer_, first, true, "").status().field(), "reason");
  ASSERT_TRUE(border_->DecideHit(officer_, first, false, "another woman").ok());
  // A traveller the registry does not know: confirmed, but no case to open.
  auto stranger = Cross(Direction::kEntry, Td3("NPL", "THAPA", "RAM BAHADUR", "PA5550001", "NPL",
                                               "800304", 'M', "300101"));
  ASSERT_TRUE(stranger.ok());
  ASSERT_EQ(stranger->hits.size(), 1u);
  ASSERT_TRUE(border_->DecideHit(officer_, stranger->hits[0].id, true, "warrant checked").ok());
  EXPECT_TRUE(cases_->All().empty());

  const domain::HitId second = hit_on(Direction::kExit);
  ASSERT_TRUE(border_->DecideHit(officer_, second, true, "her photograph matches").ok());
  auto all = cases_->All();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].worker, worker_);
  EXPECT_FALSE(all[0].employer.has_value());
  EXPECT_EQ(all[0].categories,
            std::vector<domain::ComplaintCategory>{domain::ComplaintCategory::kOther});
  EXPECT_EQ(testing::TestCases::Signals(all[0]),
            std::vector<std::string>{"watchlist_hit_confirmed:" + second.value()});
  const domain::HitId third = hit_on(Direction::kEntry);
  ASSERT_TRUE(border_->DecideHit(officer_, third, true, "the same woman").ok());
  all = cases_->All();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(testing::TestCases::Signals(all[0]),
            (std::vector<std::string>{"watchlist_hit_confirmed:" + second.value(),
                                      "watchlist_hit_confirmed:" + third.value()}));
  ExpectLedgerVerifies();
}

// A registered worker's overstay opens a case once, however often the daily job runs; a
// visitor's overstay opens none.
TEST_F(BorderTest, AWorkersOverstayOpensACaseOnce) {
  CrossingRequest visitor;
  visitor.direction = Direction::kEntry;
  visitor.mrz = Td3("IND", "SHARMA", "ANIL", "Z1234567", "IND", "850505", 'M', "320101");
  visitor.visa_mrz = MrvA("KWT", "SHARMA", "ANIL", "V7000001", "IND", "850505", 'M', "261215");
  visitor.port = "KWI";
  ASSERT_TRUE(border_->RecordCrossing(officer_, visitor).ok());
  ASSERT_TRUE(Cross(Direction::kEntry, SitasPassport()).ok());
  ASSERT_EQ(border_->DetectOverstays(D("2026-12-26"))->flagged.size(), 1u);  // the visitor
  EXPECT_TRUE(cases_->All().empty());
  node_.clock->Set(*Timestamp::Parse("2027-02-01T08:00:00Z"));
  ASSERT_TRUE(registry_
                  ->EndContract(domain::SystemActor(), contract_, domain::EndReason::kTermination,
                                D("2027-02-01"))
                  .ok());
  auto report = border_->DetectOverstays(D("2027-02-12"));
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->flagged.size(), 1u);
  auto all = cases_->All();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].worker, worker_);
  EXPECT_EQ(testing::TestCases::Signals(all[0]),
            std::vector<std::string>{"overstay:" + report->flagged[0].id.value()});
  for (const char* day : {"2027-02-12", "2027-02-13"}) {
    ASSERT_TRUE(border_->DetectOverstays(D(day)).ok());
  }
  all = cases_->All();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].signals.size(), 1u);
}

}  // namespace
}  // namespace corridor::service
