#include "service/wages.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "service/cases_testing.hpp"
#include "service/testing.hpp"
#include "store/payroll_store.hpp"

namespace corridor::service {
namespace {

using domain::Role;
using domain::testing::D;
using namespace service::testing;

Timestamp T(const char* text) { return *Timestamp::Parse(text); }

// A Kuwaiti node: employer E1 (a 13-digit establishment number, so it can file a SIF) with two
// Nepali workers under active contracts from 2026-12-01 (basic 120 KWD, food 15 KWD in cash),
// and employer E2 with none.
class WagesTest : public ::testing::Test {
 protected:
  // Whatever a test wrote, the state agrees with the ledger afterwards.
  void TearDown() override {
    if (node_.store) {
      EXPECT_EQ(store::testing::AuditProblems(*node_.store), "");
    }
  }

  void SetUp() override {
    auto node = store::testing::TestNode::Create("node-kw", "KWT", T("2026-11-29T08:00:00Z"));
    ASSERT_TRUE(node.ok()) << node.status().ToString() << " " << node.status().detail();
    node_ = std::move(*node);
    registry_ = std::make_unique<Registry>(*node_.store);
    ASSERT_TRUE(SeedReferenceData(*registry_).ok());
    const domain::Actor sys = domain::SystemActor();
    domain::Employer e = domain::testing::SampleEmployer();
    e.id = EmployerId();
    e.registration_number = "1000000000001";
    e1_ = registry_->RegisterEmployer(sys, e)->id;
    e.registration_number = "KW-2019-1001";
    e.name = "Al Noor Cleaning Co.";
    e2_ = registry_->RegisterEmployer(sys, e)->id;
    auto ag = registry_->RegisterAgency(sys, domain::testing::SampleAgency());
    ASSERT_TRUE(ag.ok());
    agency_ = ag->id;
    domain::Worker w = domain::testing::SampleWorker();
    w.id = WorkerId();
    w1_ = registry_->RegisterWorker(sys, w)->id;
    w.passport.number = "PA7654321";
    w.given_names_latin = "RITA";
    w2_ = registry_->RegisterWorker(sys, w)->id;
    c1_ = Activate(w1_, e1_);
    c2_ = Activate(w2_, e1_);
    p1_ = PersonNumber(w1_);
    p2_ = PersonNumber(w2_);
    WagesConfig config;
    std::istringstream ladder(
        "country,day,action\nKWT,3,notice_to_employer\nKWT,10,permits_suspended\n"
        "KWT,23,inspection_referral\n");
    auto ladders = LoadLadders(ladder);
    ASSERT_TRUE(ladders.ok()) << ladders.status().ToString();
    config.ladders = std::move(*ladders);
    config.unlock_months = 2;
    cases_ = std::make_unique<TestCases>(*node_.store);
    wages_ = std::make_unique<Wages>(*node_.store, config, cases_->get());
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
    const domain::Actor sys = domain::SystemActor();
    auto c = registry_->DraftContract(sys, Terms(worker, employer));
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    EXPECT_TRUE(registry_->OfferContract(sys, c->id).ok());
    EXPECT_TRUE(registry_->AcceptContract(sys, c->id).ok());
    return c->id;
  }

  ContractId Activate(const WorkerId& worker, const EmployerId& employer) {
    const domain::Actor sys = domain::SystemActor();
    ContractId id = Accepted(worker, employer);
    EXPECT_TRUE(registry_->AttestContract(sys, id).ok());
    EXPECT_TRUE(registry_->AuthenticateContract(sys, id, std::nullopt).ok());
    auto permit = registry_->IssuePermit(sys, id);
    EXPECT_TRUE(permit.ok()) << permit.status().ToString();
    return id;
  }

  std::string PersonNumber(const WorkerId& w) {
    std::string out;
    EXPECT_TRUE(node_.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(auto n, store::FindPersonNumber(tx.conn(), w));
                      if (n) out = *n;
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  // A SIF of E1 for December 2026 paying W1 `pay1` and W2 `pay2` (fixed income).
  std::string Sif(const std::string& pay1, const std::string& pay2, const std::string& total,
                  const std::string& employer = "1000000000001") {
    return "EDR," + p1_ + ",803510106,1234,2026-12-01,2026-12-31,31," + pay1 + ",0,0\n" + "EDR," +
           p2_ + ",803510106,1234,2026-12-01,2026-12-31,31," + pay2 + ",0,0\n" + "SCR," + employer +
           ",302210101,2027-01-04,0900,122026,2," + total + ",KWD,\n";
  }

  Result<SubmissionOutcome> Submit(const EmployerId& employer, const std::string& content,
                                   const char* paid_on = "2027-01-04",
                                   const std::string& month = "2026-12") {
    Submission s;
    s.month = month;
    if (paid_on != nullptr) s.paid_on = D(paid_on);
    s.name = "december.sif";
    return wages_->SubmitFile(EmployerActor(employer), s, content);
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

  std::vector<json::Value> Events(const std::string& subject) {
    std::vector<json::Value> out;
    EXPECT_TRUE(node_.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(out, tx.History(subject, 100));
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  std::vector<std::string> Notes(const std::string& recipient, const std::string& type) {
    std::vector<std::string> out;
    EXPECT_TRUE(node_.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(auto notes, tx.ListNotifications(recipient, {"", 1000}));
                      for (const auto& n : notes) {
                        if (n.type == type) out.push_back(n.subject);
                      }
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  static std::vector<std::string> Sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  }

  static std::vector<std::string> Codes(const std::vector<store::StoredFinding>& findings) {
    std::vector<std::string> out;
    out.reserve(findings.size());
    for (const auto& f : findings) out.push_back(f.code + ":" + f.worker);
    std::sort(out.begin(), out.end());
    return out;
  }

  store::testing::TestNode node_;
  std::unique_ptr<TestCases> cases_;  // protection's cases, which wage signals open
  std::unique_ptr<Registry> registry_;
  std::unique_ptr<Wages> wages_;
  EmployerId e1_, e2_;
  AgencyId agency_;
  WorkerId w1_, w2_;
  ContractId c1_, c2_;
  std::string p1_, p2_;
};

TEST(PayrollFilesTest, FormatAndFactsFromTheFileItself) {
  const std::string sif =
      "EDR,10000000000001,803510106,1234,2026-03-01,2026-03-31,31,2080.00,0,0\r\n"
      "SCR,0000000009103,302210101,2026-04-02,0800,032026,1,2080.00,AED,REF\r\n";
  PayrollFileFacts f = SniffPayroll(sif, sif);
  EXPECT_EQ(f.format, PayrollFormat::kSif);
  EXPECT_EQ(f.employer_id, "0000000009103");
  EXPECT_EQ(f.month, "2026-03");
  EXPECT_EQ(f.created, D("2026-04-02"));
  EXPECT_EQ(f.currency, "AED");
  // No control line yet in the tail: nothing is guessed.
  f = SniffPayroll(sif, sif.substr(0, 70));
  EXPECT_EQ(f.format, PayrollFormat::kSif);
  EXPECT_TRUE(f.employer_id.empty());
  EXPECT_FALSE(f.created);
  const std::string ext = std::string("\xEF\xBB\xBF") +
                          "contract_ref,worker_id,employer_id,month\nC-1,W-1,E-1,2026-02\n";
  f = SniffPayroll(ext, ext);
  EXPECT_EQ(f.format, PayrollFormat::kExtended);
  EXPECT_EQ(f.month, "2026-02");
  EXPECT_EQ(SniffPayroll("month\n", "").month, "");
  EXPECT_EQ(DetectFormat("SCR,1"), PayrollFormat::kSif);
  EXPECT_EQ(DetectFormat("EVP,1"), PayrollFormat::kSif);
  EXPECT_EQ(DetectFormat("EDRX"), PayrollFormat::kExtended);
}

TEST_F(WagesTest, PermitsCarryTheWorkersPersonNumber) {
  EXPECT_TRUE(domain::CheckPersonNumber(p1_, "p").ok()) << p1_;
  EXPECT_TRUE(domain::CheckPersonNumber(p2_, "p").ok()) << p2_;
  EXPECT_NE(p1_, p2_);
  std::vector<domain::Permit> permits;
  ASSERT_TRUE(node_.store
                  ->Read([&](store::ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(permits, tx.ListPermits(w1_, {}));
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(permits.size(), 1u);
  EXPECT_EQ(permits[0].person_number, p1_);
  // The assignment is in the ledger under the worker.
  bool recorded = false;
  for (const auto& e : Events(w1_.value())) {
    recorded = recorded || e.Get("type")->AsString() == "worker.person_number_assigned";
  }
  EXPECT_TRUE(recorded);
  // A job change gives a new permit with the same number.
  const ContractId offer = Accepted(w1_, e2_);
  ASSERT_TRUE(registry_->AttestContract(domain::SystemActor(), offer).ok());
  ASSERT_TRUE(registry_->AuthenticateContract(domain::SystemActor(), offer, std::nullopt).ok());
  auto t = registry_->FileTransfer(WorkerActor(w1_), c1_, offer, "");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  node_.clock->Set(T("2027-02-01T08:00:00Z"));
  ASSERT_TRUE(registry_->CompleteTransfer(domain::SystemActor(), t->id).ok());
  ASSERT_TRUE(node_.store
                  ->Read([&](store::ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(permits, tx.ListPermits(w1_, {}));
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(permits.size(), 2u);
  EXPECT_EQ(permits[0].person_number, p1_);
  EXPECT_EQ(permits[1].person_number, p1_);
}

TEST_F(WagesTest, ASifIsReconciledAgainstTheRegistry) {
  node_.clock->Set(T("2027-01-05T08:00:00Z"));
  // W1 paid in full (120 + 15 KWD), W2 short by 10 KWD.
  auto r = Submit(e1_, Sif("135.000", "125.000", "260.000"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->file.format, "sif");
  EXPECT_EQ(r->file.version, 1);
  EXPECT_EQ(r->file.lines, 2);
  EXPECT_FALSE(r->replaced);
  EXPECT_EQ(Codes(r->findings), std::vector<std::string>{"partial:" + w2_.value()});
  EXPECT_EQ(r->findings[0].contract, c2_.value());
  EXPECT_EQ(r->findings[0].origin_country, "NPL");
  EXPECT_EQ(r->findings[0].doc.Get("expected")->AsString(), "135.000 KWD");
  EXPECT_EQ(r->findings[0].doc.Get("actual")->AsString(), "125.000 KWD");
  EXPECT_EQ(r->findings[0].doc.Get("employer")->AsString(), e1_.value());
  // The ledger has the file's digest; the worker and the authority are told.
  auto events = Events(r->file.id);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].Get("type")->AsString(), "payroll.file_submitted");
  EXPECT_EQ(events[0].Get("data")->Get("digest")->AsString(), r->file.digest);
  EXPECT_EQ(r->file.digest.size(), 64u);
  EXPECT_EQ(Notes("worker:" + w2_.value(), "payroll.finding").size(), 1u);
  EXPECT_TRUE(Notes("worker:" + w1_.value(), "payroll.finding").empty());
  EXPECT_EQ(Notes("authority:KWT", "payroll.findings").size(), 1u);
  // The file itself is kept.
  std::string content;
  ASSERT_TRUE(node_.store
                  ->Read([&](store::ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(content, store::PayrollFileContent(tx.conn(), r->file.id));
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(content, Sif("135.000", "125.000", "260.000"));
  // The worker's history: expected against paid, with arrears.
  auto h = wages_->WorkerHistory(WorkerActor(w2_), w2_);
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  ASSERT_EQ(h->months.size(), 1u);
  EXPECT_EQ(h->months[0].month, "2026-12");
  EXPECT_EQ(h->months[0].expected, 135000);
  EXPECT_EQ(h->months[0].paid, 125000);
  EXPECT_EQ(h->months[0].arrears, 10000);
  auto h1 = wages_->WorkerHistory(WorkerActor(w1_), w1_);
  ASSERT_TRUE(h1.ok());
  ASSERT_EQ(h1->months.size(), 1u);
  EXPECT_EQ(h1->months[0].paid, 135000);
  EXPECT_EQ(h1->months[0].arrears, 0);
}

TEST_F(WagesTest, AnExtendedFileIsReconciledToo) {
  node_.clock->Set(T("2027-01-10T08:00:00Z"));
  const std::string file =
      "contract_ref,worker_id,employer_id,month,days_worked,unpaid_leave_days,basic,housing,food,"
      "transport,other_allowance,overtime_hours,overtime_pay,deductions,payment_date,"
      "payment_channel,currency\n" +
      c1_.value() + "," + w1_.value() +
      ",1000000000001,2026-12,31,0,120.000,in_kind,15.000,,,0,0,"
      "recruitment_fee_recovery:10.000,2027-01-04,bank,KWD\n" +
      c2_.value() + "," + w2_.value() +
      ",1000000000001,2026-12,31,0,120.000,in_kind,15.000,,,0,0,,2027-01-09,bank,KWD\n";
  auto r = Submit(e1_, file, nullptr);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->file.format, "extended");
  EXPECT_EQ(Codes(r->findings),
            Sorted({"deduction_unlawful_reason:" + w1_.value(), "late:" + w2_.value()}));
  // A SIF needs the day it was paid; an extended file says it on each line.
  EXPECT_EQ(Submit(e1_, Sif("135.000", "135.000", "270.000"), nullptr).status().field(), "paid_on");
  EXPECT_EQ(Submit(e1_, file, "2027-01-04").status().field(), "paid_on");
}

TEST_F(WagesTest, AnEmployerCannotSubmitForAnother) {
  node_.clock->Set(T("2027-01-05T08:00:00Z"));
  const uint64_t before = LedgerSize();
  // E2 sends E1's file: the SCR names another employer.
  auto r = Submit(e2_, Sif("135.000", "135.000", "270.000"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "employer_id");
  // Only employers submit, and only their own.
  Submission s;
  s.month = "2026-12";
  s.paid_on = D("2027-01-04");
  EXPECT_EQ(wages_
                ->SubmitFile(Officer(Role::kDestinationOfficer, "KWT", "U-dest"), s,
                             Sif("135.000", "135.000", "270.000"))
                .status()
                .code(),
            Code::kPermissionDenied);
  EXPECT_EQ(LedgerSize(), before);
  auto files = wages_->ListFiles(domain::SystemActor(), std::nullopt, "", 50, 0);
  ASSERT_TRUE(files.ok());
  EXPECT_TRUE(files->empty());
}

TEST_F(WagesTest, BadFilesGivePreciseErrorsAndChangeNothing) {
  node_.clock->Set(T("2027-01-05T08:00:00Z"));
  const uint64_t before = LedgerSize();
  struct Case {
    std::string content;
    std::string field;
    std::string message_starts;
  };
  const std::vector<Case> cases = {
      {Sif("135.000", "135.000", "270.001"), "total_salary", "line 3"},
      {Sif("135.0000", "135.000", "270.000"), "fixed_income", "line 1"},
      {"EDR," + p1_ + ",803510106,1234,2026-12-01,2026-12-31,31,135.000,0,0\n", "", ""},
      {"", "file", "line 1"},
      {"contract_ref,worker_id\nC-1,W-1\n", "", ""},
  };
  for (const auto& c : cases) {
    auto r = Submit(e1_, c.content);
    ASSERT_FALSE(r.ok()) << c.content;
    if (!c.field.empty()) {
      EXPECT_EQ(r.status().field(), c.field) << c.content;
    }
    EXPECT_EQ(r.status().message().rfind(c.message_starts, 0), 0u)
        << r.status().message() << " / " << c.content;
  }
  Submission s;
  s.month = "2026-13";
  EXPECT_EQ(wages_->SubmitFile(EmployerActor(e1_), s, "x").status().field(), "month");
  // A month that has not begun, the last one there is among them.
  for (const char* later : {"2027-02", "9999-12"}) {
    s.month = later;
    EXPECT_EQ(wages_->SubmitFile(EmployerActor(e1_), s, Sif("135.000", "135.000", "270.000"))
                  .status()
                  .field(),
              "month")
        << later;
  }
  s.month = "2026-12";
  s.paid_on = D("2027-01-06");  // tomorrow
  EXPECT_EQ(wages_->SubmitFile(EmployerActor(e1_), s, Sif("135.000", "135.000", "270.000"))
                .status()
                .field(),
            "paid_on");
  WagesConfig small;
  small.max_file_bytes = 10;
  Wages tiny(*node_.store, small);
  s.paid_on = D("2027-01-04");
  EXPECT_EQ(
      tiny.SubmitFile(EmployerActor(e1_), s, Sif("135.000", "135.000", "270.000")).status().field(),
      "file");
  EXPECT_EQ(LedgerSize(), before);
  auto files = wages_->ListFiles(domain::SystemActor(), std::nullopt, "", 50, 0);
  ASSERT_TRUE(files.ok());
  EXPECT_TRUE(files->empty());
}

TEST_F(WagesTest, AReUploadReplacesTheFileAndKeepsBothVersions) {
  node_.clock->Set(T("2027-01-05T08:00:00Z"));
  auto first = Submit(e1_, Sif("135.000", "125.000", "260.000"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto second = Submit(e1_, Sif("135.000", "135.000", "270.000"));
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->file.version, 2);
  ASSERT_TRUE(second->replaced);
  EXPECT_EQ(second->replaced->id, first->file.id);
  EXPECT_TRUE(second->findings.empty());
  EXPECT_NE(first->file.digest, second->file.digest);
  // Both versions are in the ledger; the second names the first.
  ASSERT_EQ(Events(first->file.id).size(), 1u);
  auto events = Events(second->file.id);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].Get("data")->Get("replaces")->AsString(), first->file.id);
  EXPECT_EQ(events[0].Get("data")->Get("replaces_digest")->AsString(), first->file.digest);
  // Both are stored; only the second counts.
  auto files = wages_->ListFiles(EmployerActor(e1_), std::nullopt, "2026-12", 50, 0);
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files->size(), 2u);
  EXPECT_EQ((*files)[0].version, 2);
  EXPECT_TRUE((*files)[0].current);
  EXPECT_FALSE((*files)[1].current);
  auto h = wages_->WorkerHistory(WorkerActor(w2_), w2_);
  ASSERT_TRUE(h.ok());
  ASSERT_EQ(h->months.size(), 1u);
  EXPECT_EQ(h->months[0].paid, 135000);
  EXPECT_EQ(h->months[0].arrears, 0);
  // The first version's findings stay readable.
  auto old = wages_->Report(domain::SystemActor(), first->file.id);
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->findings.size(), 1u);
  EXPECT_EQ(store::testing::AuditProblems(*node_.store), "");
}

TEST_F(WagesTest, ReportsShowEachPartyWhatItMaySee) {
  node_.clock->Set(T("2027-01-05T08:00:00Z"));
  auto r = Submit(e1_, Sif("100.000", "125.000", "225.000"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const std::string id = r->file.id;
  auto dest = wages_->Report(Officer(Role::kDestinationOfficer, "KWT", "U-dest"), id);
  ASSERT_TRUE(dest.ok());
  EXPECT_EQ(dest->findings.size(), 2u);
  EXPECT_EQ(dest->lines.size(), 2u);
  EXPECT_EQ(wages_->Report(EmployerActor(e1_), id)->findings.size(), 2u);
  EXPECT_EQ(wages_->Report(EmployerActor(e2_), id).status().code(), Code::kNotFound);
  auto worker = wages_->Report(WorkerActor(w1_), id);
  ASSERT_TRUE(worker.ok());
  ASSERT_EQ(worker->findings.size(), 1u);
  EXPECT_EQ(worker->findings[0].worker, w1_.value());
  ASSERT_EQ(worker->lines.size(), 1u);
  EXPECT_EQ(worker->lines[0].owed, 135000);
  EXPECT_EQ(worker->lines[0].paid, 100000);
  EXPECT_EQ(wages_->Report(Officer(Role::kEmbassy, "NPL", "U-emb"), id)->findings.size(), 2u);
  EXPECT_EQ(wages_->Report(Officer(Role::kEmbassy, "PHL", "U-emb"), id).status().code(),
            Code::kNotFound);
  EXPECT_EQ(wages_->Report(Officer(Role::kDestinationOfficer, "ARE", "U-x"), id).status().code(),
            Code::kNotFound);
  EXPECT_EQ(wages_->Report(Officer(Role::kAnalyst, "KWT", "U-a"), id).status().code(),
            Code::kNotFound);
  // Compliance: the employer's own and the authority's.
  auto c = wages_->EmployerCompliance(EmployerActor(e1_), e1_);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->months.size(), 1u);
  EXPECT_EQ(c->months[0].workers_short, 2);
  EXPECT_EQ(c->months[0].shortfall.at("KWD"), 45000);
  EXPECT_EQ(c->months[0].findings_by_code.at("partial"), 2);
  EXPECT_EQ(wages_->EmployerCompliance(EmployerActor(e2_), e1_).status().code(), Code::kNotFound);
  EXPECT_EQ(wages_->WorkerHistory(WorkerActor(w2_), w1_).status().code(), Code::kNotFound);
  EXPECT_EQ(wages_->WorkerHistory(EmployerActor(e2_), w1_).status().code(), Code::kNotFound);
  EXPECT_TRUE(wages_->WorkerHistory(EmployerActor(e1_), w1_).ok());
  EXPECT_TRUE(wages_->WorkerHistory(Officer(Role::kEmbassy, "NPL", "U-emb"), w1_).ok());
}

TEST_F(WagesTest, TheLadderIsAppliedOnceAndSuspendsNewPermits) {
  // No file for December by its due date (7 January).
  auto early = wages_->RunDailyJobs(T("2027-01-07T06:00:00Z"));
  ASSERT_TRUE(early.ok()) << early.status().ToString();
  EXPECT_EQ(early->months_closed, 0);
  auto run = wages_->RunDailyJobs(T("2027-01-18T06:00:00Z"));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->months_closed, 1);
  EXPECT_EQ(run->steps_taken, 2);  // day 3 notice, day 10 suspension
  EXPECT_EQ(Notes("employer:" + e1_.value(), "wages.escalation_step").size(), 2u);
  EXPECT_EQ(Notes("employer:" + e1_.value(), "payroll.no_file").size(), 1u);
  // Idempotent: the same day again, or the next, takes nothing new until day 23.
  const uint64_t ledger = LedgerSize();
  for (const char* day : {"2027-01-18T06:00:00Z", "2027-01-18T18:00:00Z", "2027-01-29T06:00:00Z"}) {
    auto again = wages_->RunDailyJobs(T(day));
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->months_closed, 0) << day;
    EXPECT_EQ(again->steps_taken, 0) << day;
  }
  EXPECT_EQ(LedgerSize(), ledger);
  std::vector<store::EscalationStep> steps;
  ASSERT_TRUE(node_.store
                  ->Read([&](store::ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(steps, store::ListEscalationSteps(tx.conn(), e1_));
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].action, "notice_to_employer");
  EXPECT_EQ(steps[0].due_on, "2027-01-10");
  EXPECT_EQ(steps[1].action, "permits_suspended");
  EXPECT_EQ(steps[1].due_on, "2027-01-17");
  // New permits for E1 are refused; E2's are not.
  node_.clock->Set(T("2027-01-19T08:00:00Z"));
  const domain::Actor sys = domain::SystemActor();
  domain::Worker w = domain::testing::SampleWorker();
  w.id = WorkerId();
  w.passport.number = "PA1111111";
  const WorkerId w3 = registry_->RegisterWorker(sys, w)->id;
  const ContractId c3 = Accepted(w3, e1_);
  ASSERT_TRUE(registry_->AttestContract(sys, c3).ok());
  ASSERT_TRUE(registry_->AuthenticateContract(sys, c3, std::nullopt).ok());
  auto refused = registry_->IssuePermit(sys, c3);
  EXPECT_EQ(refused.status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(refused.status().field(), "employer");
  // The wages are paid (late): the next run lifts the suspension and the permit can be issued.
  auto paid = Submit(e1_, Sif("135.000", "135.000", "270.000"), "2027-01-19");
  ASSERT_TRUE(paid.ok()) << paid.status().ToString();
  EXPECT_EQ(Codes(paid->findings), Sorted({"late:" + w1_.value(), "late:" + w2_.value()}));
  auto lifted = wages_->RunDailyJobs(T("2027-01-20T06:00:00Z"));
  ASSERT_TRUE(lifted.ok());
  EXPECT_EQ(lifted->suspensions_lifted, 1);
  EXPECT_EQ(lifted->steps_taken, 0);  // paid on day 12: the day-23 referral never becomes due
  auto issued = registry_->IssuePermit(sys, c3);
  EXPECT_TRUE(issued.ok()) << issued.status().ToString();
  auto later = wages_->RunDailyJobs(T("2027-02-05T06:00:00Z"));
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->steps_taken, 0);
  EXPECT_EQ(later->suspensions_lifted, 0);
}

TEST_F(WagesTest, ArrearsUnlockAJobChangeWithoutNotice) {
  // December paid short to W2, January not at all: two months in arrears for W2 only.
  node_.clock->Set(T("2027-01-05T08:00:00Z"));
  ASSERT_TRUE(Submit(e1_, Sif("135.000", "100.000", "235.000")).ok());
  auto first = wages_->RunDailyJobs(T("2027-01-20T06:00:00Z"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->unlocked, 0);
  auto run = wages_->RunDailyJobs(T("2027-02-10T06:00:00Z"));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->months_closed, 1);  // January
  EXPECT_EQ(run->unlocked, 1);
  EXPECT_EQ(Notes("embassy:NPL", "wages.transfer_unlocked"), std::vector<std::string>{w2_.value()});
  EXPECT_EQ(Notes("worker:" + w2_.value(), "wages.transfer_unlocked").size(), 1u);
  bool recorded = false;
  for (const auto& e : Events(w2_.value())) {
    if (e.Get("type")->AsString() != "wages.transfer_unlocked") continue;
    recorded = true;
    // The contract it is owed under: what federation needs to tell the origin country.
    const json::Value* contract = e.Get("data")->Get("contract");
    ASSERT_NE(contract, nullptr);
    EXPECT_EQ(contract->AsString(), c2_.value());
  }
  EXPECT_TRUE(recorded);
  auto again = wages_->RunDailyJobs(T("2027-02-11T06:00:00Z"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->unlocked, 0);
  auto h = wages_->WorkerHistory(WorkerActor(w2_), w2_);
  ASSERT_TRUE(h.ok());
  ASSERT_EQ(h->months.size(), 2u);
  EXPECT_EQ(h->months[1].month, "2027-01");
  EXPECT_EQ(h->months[1].paid, 0);
  EXPECT_EQ(h->months[1].arrears, 35000 + 135000);
  ASSERT_EQ(h->unlocks.size(), 1u);
  EXPECT_TRUE(h->unlocks[0].active);

  // W2 changes job: the notice is waived by the arrears, without anyone's say-so.
  node_.clock->Set(T("2027-02-12T08:00:00Z"));
  const ContractId offer2 = Accepted(w2_, e2_);
  auto t2 = registry_->FileTransfer(WorkerActor(w2_), c2_, offer2, "");
  ASSERT_TRUE(t2.ok()) << t2.status().ToString();
  EXPECT_TRUE(t2->notice_waived);
  EXPECT_EQ(t2->effective_on, D("2027-02-12"));
  EXPECT_NE(t2->waiver_reason.find("arrears"), std::string::npos);
  // W1, paid in December and missing only January, keeps the notice period.
  const ContractId offer1 = Accepted(w1_, e2_);
  auto t1 = registry_->FileTransfer(WorkerActor(w1_), c1_, offer1, "");
  ASSERT_TRUE(t1.ok()) << t1.status().ToString();
  EXPECT_FALSE(t1->notice_waived);

  // E1 pays everything owed: the unlock ends.
  ASSERT_TRUE(Submit(e1_, Sif("135.000", "135.000", "270.000")).ok());
  std::string jan = "EDR," + p1_ + ",803510106,1234,2027-01-01,2027-01-31,31,135.000,0,0\n" +
                    "EDR," + p2_ + ",803510106,1234,2027-01-01,2027-01-31,31,135.000,0,0\n" +
                    "SCR,1000000000001,302210101,2027-02-12,0900,012027,2,270.000,KWD,\n";
  ASSERT_TRUE(Submit(e1_, jan, "2027-02-12", "2027-01").ok());
  auto paid = wages_->RunDailyJobs(T("2027-02-13T06:00:00Z"));
  ASSERT_TRUE(paid.ok());
  EXPECT_EQ(paid->unlocks_ended, 1);
}

// Protection signals from wage protection (docs/formats/cases.md section 1.4).

// "<kind>:<source>" of the signals of the open case about `worker` (or, for no worker, about the
// employer alone); empty when there is none.
std::vector<std::string> CaseSignals(TestCases& cases, const std::optional<WorkerId>& worker) {
  for (const auto& k : cases.All()) {
    if (k.worker == worker) return TestCases::Signals(k);
  }
  return {};
}

TEST_F(WagesTest, AnUnlawfulDeductionOpensACaseAndACorrectedFileJoinsIt) {
  node_.clock->Set(T("2027-01-10T08:00:00Z"));
  const std::string header =
      "contract_ref,worker_id,employer_id,month,days_worked,unpaid_leave_days,basic,housing,food,"
      "transport,other_allowance,overtime_hours,overtime_pay,deductions,payment_date,"
      "payment_channel,currency\n";
  auto line = [&](const ContractId& c, const WorkerId& w, const std::string& deductions) {
    return c.value() + "," + w.value() +
           ",1000000000001,2026-12,31,0,120.000,in_kind,15.000,,,0,0," + deductions +
           ",2027-01-04,bank,KWD\n";
  };
  // A file without one, and a file refused, open nothing.
  ASSERT_TRUE(Submit(e1_, header + line(c1_, w1_, "") + line(c2_, w2_, ""), nullptr).ok());
  EXPECT_FALSE(
      Submit(e2_, header + line(c1_, w1_, "recruitment_fee_recovery:10.000"), nullptr).ok());
  EXPECT_TRUE(cases_->All().empty());

  auto r =
      Submit(e1_, header + line(c1_, w1_, "recruitment_fee_recovery:10.000") + line(c2_, w2_, ""),
             nullptr);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::string source;
  for (const auto& f : r->findings) {
    if (f.code == "deduction_unlawful_reason") source = f.file_id + "." + std::to_string(f.seq);
  }
  ASSERT_FALSE(source.empty());
  auto all = cases_->All();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].worker, w1_);
  EXPECT_EQ(all[0].employer, e1_);
  EXPECT_EQ(all[0].categories,
            std::vector<domain::ComplaintCategory>{domain::ComplaintCategory::kRecruitmentFee});
  EXPECT_EQ(TestCases::Signals(all[0]), std::vector<std::string>{"unlawful_deduction:" + source});
  // A corrected file that still deducts the fee is a second finding: it joins her case.
  auto again = Submit(
      e1_, header + line(c1_, w1_, "recruitment_fee_recovery:5.000") + line(c2_, w2_, ""), nullptr);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  all = cases_->All();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].signals.size(), 2u);
  // The case team hears there is news, and nothing more.
  EXPECT_EQ(Notes("case_supervisors:KWT", "case.news"),
            std::vector<std::string>(2, all[0].id.value()));
}

TEST_F(WagesTest, ArrearsThatUnlockAJobChangeOpenACaseOnce) {
  node_.clock->Set(T("2027-01-05T08:00:00Z"));
  ASSERT_TRUE(Submit(e1_, Sif("135.000", "100.000", "235.000")).ok());
  ASSERT_TRUE(wages_->RunDailyJobs(T("2027-01-20T06:00:00Z")).ok());
  EXPECT_TRUE(cases_->All().empty());  // one month short is not yet arrears that unlock
  auto run = wages_->RunDailyJobs(T("2027-02-10T06:00:00Z"));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_EQ(run->unlocked, 1);
  auto all = cases_->All();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].worker, w2_);
  EXPECT_EQ(all[0].employer, e1_);
  EXPECT_EQ(all[0].categories,
            std::vector<domain::ComplaintCategory>{domain::ComplaintCategory::kUnpaidWages});
  const std::vector<std::string> first{"arrears_transfer_unlocked:" + c2_.value() + ".2027-02-10"};
  EXPECT_EQ(TestCases::Signals(all[0]), first);
  // The job again, the same day or the next: nothing new.
  ASSERT_TRUE(wages_->RunDailyJobs(T("2027-02-10T18:00:00Z")).ok());
  ASSERT_TRUE(wages_->RunDailyJobs(T("2027-02-11T06:00:00Z")).ok());
  EXPECT_EQ(cases_->All().size(), 1u);
  EXPECT_EQ(CaseSignals(*cases_, w2_), first);
  // Everything paid: the unlock ends. Then February and March go unpaid: the arrears unlock again,
  // and the second time joins her open case (W1's arrears open his own).
  ASSERT_TRUE(Submit(e1_, Sif("135.000", "135.000", "270.000")).ok());
  std::string jan = "EDR," + p1_ + ",803510106,1234,2027-01-01,2027-01-31,31,135.000,0,0\n" +
                    "EDR," + p2_ + ",803510106,1234,2027-01-01,2027-01-31,31,135.000,0,0\n" +
                    "SCR,1000000000001,302210101,2027-02-12,0900,012027,2,270.000,KWD,\n";
  node_.clock->Set(T("2027-02-12T08:00:00Z"));
  ASSERT_TRUE(Submit(e1_, jan, "2027-02-12", "2027-01").ok());
  auto paid = wages_->RunDailyJobs(T("2027-02-13T06:00:00Z"));
  ASSERT_TRUE(paid.ok());
  EXPECT_EQ(paid->unlocks_ended, 1);
  auto later = wages_->RunDailyJobs(T("2027-04-10T06:00:00Z"));
  ASSERT_TRUE(later.ok()) << later.status().ToString();
  EXPECT_EQ(later->unlocked, 2);
  size_t about_workers = 0;  // (February's ladder referral opened one about the employer)
  for (const auto& k : cases_->All()) about_workers += k.worker.has_value();
  EXPECT_EQ(about_workers, 2u);
  EXPECT_EQ(CaseSignals(*cases_, w2_),
            (std::vector<std::string>{first[0],
                                      "arrears_transfer_unlocked:" + c2_.value() + ".2027-04-10"}));
  EXPECT_EQ(CaseSignals(*cases_, w1_),
            std::vector<std::string>{"arrears_transfer_unlocked:" + c1_.value() + ".2027-04-10"});
}

TEST_F(WagesTest, ALadderStepReachingReferralOpensACaseAboutTheEmployer) {
  // December unpaid: the notice and the suspension are no referral.
  ASSERT_TRUE(wages_->RunDailyJobs(T("2027-01-18T06:00:00Z")).ok());
  EXPECT_TRUE(cases_->All().empty());
  // Day 23: the inspection referral.
  auto run = wages_->RunDailyJobs(T("2027-01-30T06:00:00Z"));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->steps_taken, 1);
  auto all = cases_->All();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_FALSE(all[0].worker.has_value());
  EXPECT_EQ(all[0].employer, e1_);
  EXPECT_EQ(all[0].worker_nationality, "");
  EXPECT_EQ(all[0].categories,
            std::vector<domain::ComplaintCategory>{domain::ComplaintCategory::kUnpaidWages});
  const std::string december = "ladder_referral:" + e1_.value() + ".2026-12.inspection_referral";
  EXPECT_EQ(TestCases::Signals(all[0]), std::vector<std::string>{december});
  ASSERT_TRUE(wages_->RunDailyJobs(T("2027-01-31T06:00:00Z")).ok());
  EXPECT_EQ(cases_->All().size(), 1u);
  // January unpaid too: its referral joins the employer's case (the workers' arrears open
  // theirs).
  ASSERT_TRUE(wages_->RunDailyJobs(T("2027-03-02T06:00:00Z")).ok());
  EXPECT_EQ(CaseSignals(*cases_, std::nullopt),
            (std::vector<std::string>{
                december, "ladder_referral:" + e1_.value() + ".2027-01.inspection_referral"}));
  size_t about_employer = 0;
  for (const auto& k : cases_->All()) about_employer += !k.worker.has_value();
  EXPECT_EQ(about_employer, 1u);
}

}  // namespace
}  // namespace corridor::service
