#include "service/registry.hpp"

#include <gtest/gtest.h>

#include "service/cases_testing.hpp"
#include "service/testing.hpp"

namespace corridor::service {
namespace {

using domain::Role;
using domain::testing::D;
using domain::testing::KWD;
using namespace service::testing;

// One node playing both authorities' parts would not be a corridor; these tests run on a node
// whose country is the one the tested action belongs to, switching the node's country where a
// step belongs to the other side (federation joins two nodes later).
class RegistryTest : public ::testing::Test {
 protected:
  // Whatever a test wrote, the state agrees with the ledger afterwards.
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
    ASSERT_TRUE(SeedReferenceData(*registry_).ok());
    dest_ = Officer(Role::kDestinationOfficer, "KWT", "U-dest");
    system_ = domain::SystemActor();

    domain::Employer sample = domain::testing::SampleEmployer();
    sample.id = EmployerId();  // ids are the node's to assign
    auto e = registry_->RegisterEmployer(dest_, sample);
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    employer_ = *e;
    domain::Employer other = sample;
    other.registration_number = "KW-2019-1001";
    other.name = "Al Noor Cleaning Co.";
    other.sector = "cleaning";
    auto e2 = registry_->RegisterEmployer(dest_, other);
    ASSERT_TRUE(e2.ok());
    employer2_ = *e2;
    auto ag = registry_->RegisterAgency(system_, domain::testing::SampleAgency());
    ASSERT_TRUE(ag.ok()) << ag.status().ToString();
    agency_ = *ag;
    domain::Worker sample_worker = domain::testing::SampleWorker();
    sample_worker.id = WorkerId();
    auto w = registry_->RegisterWorker(dest_, sample_worker);
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    worker_ = *w;
  }

  domain::ContractTerms Terms(const EmployerId& employer) {
    domain::ContractTerms t = domain::testing::SampleTerms();
    t.worker = worker_.id;
    t.employer = employer;
    t.agency = agency_.id;
    t.start_date = D("2026-12-01");
    return t;
  }

  // Drafted by the employer, offered, accepted by the worker, attested by the origin (run as the
  // system actor here; origin access rules have their own tests).
  domain::Contract Attested(const EmployerId& employer) {
    auto c = registry_->DraftContract(EmployerActor(employer), Terms(employer));
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    EXPECT_TRUE(registry_->OfferContract(EmployerActor(employer), c->id).ok());
    EXPECT_TRUE(registry_->AcceptContract(WorkerActor(worker_.id), c->id).ok());
    auto attested = registry_->AttestContract(system_, c->id);
    EXPECT_TRUE(attested.ok()) << attested.status().ToString();
    return *attested;
  }

  domain::Contract Active(const EmployerId& employer) {
    domain::Contract c = Attested(employer);
    auto auth = registry_->AuthenticateContract(dest_, c.id, std::nullopt);
    EXPECT_TRUE(auth.ok() && !auth->substitution);
    auto permit = registry_->IssuePermit(dest_, c.id);
    EXPECT_TRUE(permit.ok()) << permit.status().ToString();
    return GetContract(c.id);
  }

  domain::Contract GetContract(const ContractId& id) {
    domain::Contract out;
    EXPECT_TRUE(node_.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(out, tx.GetContract(id));
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  std::vector<std::string> EventTypes(const std::string& subject) {
    std::vector<std::string> types;
    EXPECT_TRUE(node_.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(auto events, tx.History(subject, 100));
                      for (const auto& e : events) types.push_back(e.Get("type")->AsString());
                      return Status::Ok();
                    })
                    .ok());
    return types;
  }

  // The contract's active or suspended permit.
  std::optional<domain::Permit> PermitOf(const ContractId& id) {
    std::optional<domain::Permit> out;
    EXPECT_TRUE(node_.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(out, tx.ActivePermitForContract(id));
                      return Status::Ok();
                    })
                    .ok());
    return out;
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

  store::testing::TestNode node_;
  std::unique_ptr<TestCases> cases_;  // protection's cases, which the registry's signals open
  std::unique_ptr<Registry> registry_;
  domain::Actor dest_;
  domain::Actor system_;
  domain::Employer employer_;
  domain::Employer employer2_;
  domain::Agency agency_;
  domain::Worker worker_;
};

TEST_F(RegistryTest, ContractLifecycleIsRecordedEventByEvent) {
  domain::Contract c = Active(employer_.id);
  EXPECT_EQ(c.state, domain::ContractState::kActive);
  EXPECT_EQ(c.digest.size(), 64u);
  EXPECT_EQ(c.attested_digest, c.digest);
  EXPECT_EQ(c.authenticated_digest, c.digest);
  EXPECT_EQ(EventTypes(c.id.value()),
            (std::vector<std::string>{"contract.drafted", "contract.offered", "contract.accepted",
                                      "contract.attested", "contract.authenticated",
                                      "contract.activated"}));
  EXPECT_EQ(store::testing::AuditProblems(*node_.store), "");
}

TEST_F(RegistryTest, DuplicatesAreRefusedWithTheField) {
  domain::Worker w = domain::testing::SampleWorker();
  w.id = WorkerId();
  auto again = registry_->RegisterWorker(dest_, w);
  EXPECT_EQ(again.status().code(), Code::kAlreadyExists);
  EXPECT_EQ(again.status().field(), "passport.number");
  domain::Employer e = domain::testing::SampleEmployer();
  e.id = EmployerId();
  auto employer = registry_->RegisterEmployer(dest_, e);
  EXPECT_EQ(employer.status().field(), "registration_number");
  // Only the node assigns ids.
  EXPECT_EQ(registry_->RegisterWorker(dest_, domain::testing::SampleWorker()).status().field(),
            "id");
}

TEST_F(RegistryTest, RefusalsChangeNothing) {
  const uint64_t before = LedgerSize();
  domain::ContractTerms t = Terms(employer_.id);
  t.isco_code = "1111";  // not among this node's occupations
  EXPECT_EQ(registry_->DraftContract(EmployerActor(employer_.id), t).status().field(), "isco_code");
  t = Terms(employer_.id);
  t.worker = WorkerId("W-NOSUCH");
  EXPECT_EQ(registry_->DraftContract(EmployerActor(employer_.id), t).status().code(),
            Code::kNotFound);
  // Another employer cannot draft in this employer's name.
  EXPECT_EQ(
      registry_->DraftContract(EmployerActor(employer2_.id), Terms(employer_.id)).status().code(),
      Code::kPermissionDenied);
  domain::Worker minor = domain::testing::SampleWorker();
  minor.id = WorkerId();
  minor.passport.number = "PA7654321";
  minor.date_of_birth = D("2012-01-01");
  EXPECT_EQ(registry_->RegisterWorker(dest_, minor).status().field(), "date_of_birth");
  EXPECT_EQ(LedgerSize(), before);
}

TEST_F(RegistryTest, AttestationRefusesAFeeChargedToTheWorker) {
  domain::ContractTerms t = Terms(employer_.id);
  t.worker_fees = KWD("250");
  auto c = registry_->DraftContract(EmployerActor(employer_.id), t);
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE(registry_->OfferContract(EmployerActor(employer_.id), c->id).ok());
  ASSERT_TRUE(registry_->AcceptContract(WorkerActor(worker_.id), c->id).ok());
  const uint64_t before = LedgerSize();
  auto attested = registry_->AttestContract(system_, c->id);
  EXPECT_EQ(attested.status().field(), "worker_fees");
  EXPECT_EQ(GetContract(c->id).state, domain::ContractState::kAccepted);
  EXPECT_EQ(LedgerSize(), before);
}

TEST_F(RegistryTest, OnlyTheWorkerAcceptsAndOthersDoNotLearnTheContractExists) {
  auto c = registry_->DraftContract(EmployerActor(employer_.id), Terms(employer_.id));
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE(registry_->OfferContract(EmployerActor(employer_.id), c->id).ok());
  EXPECT_EQ(registry_->AcceptContract(EmployerActor(employer_.id), c->id).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(registry_->AcceptContract(EmployerActor(employer2_.id), c->id).status().code(),
            Code::kNotFound);
  EXPECT_EQ(registry_->AcceptContract(WorkerActor(WorkerId("W-other")), c->id).status().code(),
            Code::kNotFound);
  EXPECT_TRUE(registry_->AcceptContract(WorkerActor(worker_.id), c->id).ok());
}

TEST_F(RegistryTest, SubstitutionIsFlaggedRecordedAndNotified) {
  domain::Contract c = Attested(employer_.id);
  domain::ContractTerms presented = c.terms;
  presented.basic_wage = KWD("80");
  presented.hours_per_day = 12;
  auto outcome = registry_->AuthenticateContract(dest_, c.id, presented);
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  EXPECT_TRUE(outcome->substitution);
  ASSERT_EQ(outcome->diffs.size(), 2u);
  EXPECT_EQ(outcome->diffs[0].field, "basic_wage");
  EXPECT_EQ(GetContract(c.id).state, domain::ContractState::kAttested);
  EXPECT_EQ(EventTypes(c.id.value()).back(), "contract.substitution_flagged");
  std::vector<store::Notification> notes;
  ASSERT_TRUE(node_.store
                  ->Read([&](store::ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(notes, tx.ListNotifications("embassy:NPL", {}));
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].type, "contract.substitution_flagged");
}

TEST_F(RegistryTest, TransferWithoutTheEmployersConsent) {
  domain::Contract current = Active(employer_.id);
  // The new employer's offer, accepted by the worker.
  auto offer = registry_->DraftContract(EmployerActor(employer2_.id), Terms(employer2_.id));
  ASSERT_TRUE(offer.ok()) << offer.status().ToString();
  ASSERT_TRUE(registry_->OfferContract(EmployerActor(employer2_.id), offer->id).ok());
  ASSERT_TRUE(registry_->AcceptContract(WorkerActor(worker_.id), offer->id).ok());
  // Neither employer can file it; the worker can.
  EXPECT_EQ(registry_->FileTransfer(EmployerActor(employer_.id), current.id, offer->id, "")
                .status()
                .code(),
            Code::kPermissionDenied);
  auto t = registry_->FileTransfer(WorkerActor(worker_.id), current.id, offer->id, "");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->effective_on, D("2026-12-29"));  // 30 days' notice
  // The current employer is told, and its absconding report is refused and recorded.
  std::vector<store::Notification> notes;
  ASSERT_TRUE(node_.store
                  ->Read([&](store::ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(notes,
                                     tx.ListNotifications("employer:" + employer_.id.value(), {}));
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].type, "transfer.filed");
  auto report = registry_->ReportAbsence(EmployerActor(employer_.id), current.id, D("2026-11-28"),
                                         "absconded");
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->state, domain::AbsenceReportState::kRefused);
  EXPECT_EQ(EventTypes(report->id.value()), std::vector<std::string>{"absence.report_refused"});
  // Completing before the notice period ends is refused.
  ASSERT_TRUE(registry_->AttestContract(system_, offer->id).ok());
  ASSERT_TRUE(registry_->AuthenticateContract(dest_, offer->id, std::nullopt).ok());
  EXPECT_EQ(registry_->CompleteTransfer(dest_, t->id).status().field(), "effective_on");
  node_.clock->Set(*Timestamp::Parse("2026-12-29T08:00:00Z"));
  auto done = registry_->CompleteTransfer(dest_, t->id);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(GetContract(current.id).state, domain::ContractState::kEnded);
  EXPECT_EQ(*GetContract(current.id).end_reason, domain::EndReason::kTransfer);
  EXPECT_EQ(GetContract(offer->id).state, domain::ContractState::kActive);
  std::vector<domain::Permit> permits;
  ASSERT_TRUE(node_.store
                  ->Read([&](store::ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(permits, tx.ListPermits(worker_.id, {}));
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(permits.size(), 2u);
  int active = 0;
  for (const auto& p : permits) active += p.status == domain::PermitStatus::kActive;
  EXPECT_EQ(active, 1);
}

TEST_F(RegistryTest, AbsenceReportWithoutTransferIsOpen) {
  domain::Contract current = Active(employer_.id);
  auto report = registry_->ReportAbsence(EmployerActor(employer_.id), current.id, D("2026-11-20"),
                                         "not at work since the 20th");
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->state, domain::AbsenceReportState::kOpen);
  // Another employer cannot report this worker.
  EXPECT_EQ(registry_->ReportAbsence(EmployerActor(employer2_.id), current.id, D("2026-11-20"), "x")
                .status()
                .code(),
            Code::kNotFound);
}

TEST_F(RegistryTest, ExitIsTheWorkersNoticeAndTheEmployerIsInformed) {
  domain::Contract current = Active(employer_.id);
  EXPECT_EQ(registry_
                ->NotifyExit(EmployerActor(employer_.id), worker_.id, domain::ExitKind::kReturning,
                             D("2027-02-01"), D("2027-03-01"))
                .status()
                .code(),
            Code::kPermissionDenied);
  auto n = registry_->NotifyExit(WorkerActor(worker_.id), worker_.id, domain::ExitKind::kReturning,
                                 D("2027-02-01"), D("2027-03-01"));
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(*n->contract, current.id);
  std::vector<store::Notification> notes;
  ASSERT_TRUE(node_.store
                  ->Read([&](store::ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(notes,
                                     tx.ListNotifications("employer:" + employer_.id.value(), {}));
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].type, "exit.notified");
}

TEST_F(RegistryTest, AmendmentKeepsOldTermsInTheLedger) {
  domain::Contract c = Active(employer_.id);
  domain::ContractTerms raise = c.terms;
  raise.basic_wage = KWD("135");
  ASSERT_TRUE(
      registry_->ProposeAmendment(EmployerActor(employer_.id), c.id, raise, "annual raise").ok());
  EXPECT_EQ(registry_->DecideAmendment(EmployerActor(employer_.id), c.id, true).status().code(),
            Code::kPermissionDenied);
  auto accepted = registry_->DecideAmendment(WorkerActor(worker_.id), c.id, true);
  ASSERT_TRUE(accepted.ok());
  EXPECT_EQ(accepted->version, 2);
  EXPECT_NE(accepted->digest, c.digest);
  EXPECT_EQ(accepted->attested_digest, c.digest);  // the original stays on record
  const auto types = EventTypes(c.id.value());
  EXPECT_NE(std::find(types.begin(), types.end(), "contract.amendment_terms"), types.end());
  EXPECT_EQ(types.back(), "contract.amendment_accepted");
}

// An amendment that moves the contract's term moves its permit's validity in the same write:
// the permit's event follows the contract's, and the worker and employer are told the new end.
TEST_F(RegistryTest, AnAmendedTermMovesThePermitInTheSameWrite) {
  domain::Contract c = Active(employer_.id);  // 2026-12-01 for 24 months
  auto before = PermitOf(c.id);
  ASSERT_TRUE(before);
  EXPECT_EQ(before->valid_until, D("2028-12-01"));
  domain::ContractTerms longer = c.terms;
  longer.duration_months = 36;
  ASSERT_TRUE(
      registry_->ProposeAmendment(EmployerActor(employer_.id), c.id, longer, "extension").ok());
  EXPECT_EQ(PermitOf(c.id), before) << "nothing moves before the worker accepts";
  const uint64_t size = LedgerSize();
  auto accepted = registry_->DecideAmendment(WorkerActor(worker_.id), c.id, true);
  ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
  auto after = PermitOf(c.id);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->id, before->id);
  EXPECT_EQ(after->valid_from, before->valid_from);
  EXPECT_EQ(after->valid_until, D("2029-12-01"));
  EXPECT_EQ(after->status, domain::PermitStatus::kActive);
  EXPECT_EQ(after->person_number, before->person_number);
  EXPECT_EQ(LedgerSize(), size + 2) << "contract.amendment_accepted, then permit.amended";
  const auto types = EventTypes(after->id.value());
  ASSERT_FALSE(types.empty());
  EXPECT_EQ(types.back(), "permit.amended");
  std::vector<store::Notification> worker_notes, employer_notes;
  ASSERT_TRUE(node_.store
                  ->Read([&](store::ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(worker_notes,
                                     tx.ListNotifications("worker:" + worker_.id.value(), {}));
                    ASSIGN_OR_RETURN(employer_notes,
                                     tx.ListNotifications("employer:" + employer_.id.value(), {}));
                    return Status::Ok();
                  })
                  .ok());
  for (const auto* notes : {&worker_notes, &employer_notes}) {
    const auto it = std::find_if(notes->begin(), notes->end(), [](const store::Notification& n) {
      return n.type == "permit.amended";
    });
    ASSERT_NE(it, notes->end());
    EXPECT_EQ(it->subject, after->id.value());
    EXPECT_EQ(json::Write(it->data), R"({"permit":")" + after->id.value() + R"(","contract":")" +
                                         c.id.value() +
                                         R"(","status":"active","valid_until":"2029-12-01"})")
        << "ids, state and the new end; nothing personal";
  }

  // An amendment that leaves the term alone leaves the permit alone.
  domain::ContractTerms raise = accepted->terms;
  raise.basic_wage = KWD("135");
  ASSERT_TRUE(registry_->ProposeAmendment(EmployerActor(employer_.id), c.id, raise, "raise").ok());
  ASSERT_TRUE(registry_->DecideAmendment(WorkerActor(worker_.id), c.id, true).ok());
  EXPECT_EQ(PermitOf(c.id), after);
  EXPECT_EQ(EventTypes(after->id.value()), types);
}

// A term the permit could not follow (ending today or earlier) is refused when proposed, with the
// field named, and changes nothing.
TEST_F(RegistryTest, AnAmendmentEndingTheTermInThePastIsRefused) {
  domain::Contract c = Active(employer_.id);
  node_.clock->Set(*Timestamp::Parse("2027-02-01T08:00:00Z"));
  domain::ContractTerms cut = c.terms;
  cut.duration_months = 2;  // ended 2027-02-01
  cut.probation_months = 0;
  const uint64_t size = LedgerSize();
  const auto before = PermitOf(c.id);
  auto refused = registry_->ProposeAmendment(EmployerActor(employer_.id), c.id, cut, "shorter");
  EXPECT_EQ(refused.status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(refused.status().field(), "duration_months");
  EXPECT_EQ(LedgerSize(), size);
  EXPECT_FALSE(GetContract(c.id).pending_amendment);
  EXPECT_EQ(PermitOf(c.id), before);
  // Ending later than today is an amendment like any other.
  cut.duration_months = 3;
  ASSERT_TRUE(registry_->ProposeAmendment(EmployerActor(employer_.id), c.id, cut, "shorter").ok());
  ASSERT_TRUE(registry_->DecideAmendment(WorkerActor(worker_.id), c.id, true).ok());
  EXPECT_EQ(PermitOf(c.id)->valid_until, D("2027-03-01"));
  // Accepted once today has passed the amended end, it is refused then, and changes nothing.
  ASSERT_TRUE(registry_
                  ->ProposeAmendment(
                      EmployerActor(employer_.id), c.id,
                      [&] {
                        auto t = GetContract(c.id).terms;
                        t.duration_months = 4;  // to 2027-04-01
                        return t;
                      }(),
                      "one more month")
                  .ok());
  node_.clock->Set(*Timestamp::Parse("2027-04-02T08:00:00Z"));
  const uint64_t size2 = LedgerSize();
  auto late = registry_->DecideAmendment(WorkerActor(worker_.id), c.id, true);
  EXPECT_EQ(late.status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(late.status().field(), "duration_months");
  EXPECT_EQ(LedgerSize(), size2);
  EXPECT_EQ(GetContract(c.id).version, 2);
  EXPECT_TRUE(GetContract(c.id).pending_amendment);
}

TEST_F(RegistryTest, LicenceRevocationStopsPlacements) {
  auto revoked = registry_->ChangeLicence(system_, agency_.id, domain::LicenceStatus::kRevoked,
                                          "charged workers fees");
  ASSERT_TRUE(revoked.ok()) << revoked.status().ToString();
  EXPECT_EQ(
      registry_->DraftContract(EmployerActor(employer_.id), Terms(employer_.id)).status().field(),
      "agency");
  EXPECT_FALSE(
      registry_->ChangeLicence(system_, agency_.id, domain::LicenceStatus::kActive, "appeal").ok());
}

TEST_F(RegistryTest, StateSurvivesReopening) {
  domain::Contract c = Attested(employer_.id);
  const uint64_t size = LedgerSize();
  ASSERT_TRUE(node_.Reopen().ok());
  registry_ = std::make_unique<Registry>(*node_.store);
  EXPECT_EQ(GetContract(c.id).state, domain::ContractState::kAttested);
  EXPECT_EQ(LedgerSize(), size);
  // Appending after a restart continues the same tree.
  ASSERT_TRUE(registry_->AuthenticateContract(dest_, c.id, std::nullopt).ok());
  EXPECT_EQ(store::testing::AuditProblems(*node_.store), "");
}

// Protection signals (docs/formats/cases.md section 1.4): a substitution flagged at
// authentication opens a case in the same write; a second flag for the worker joins it; an
// authentication that finds nothing, or one refused, opens nothing.
TEST_F(RegistryTest, ASubstitutionOpensOneCaseAndTheNextJoinsIt) {
  domain::Contract c = Attested(employer_.id);
  domain::ContractTerms worse = c.terms;
  worse.basic_wage = KWD("80");
  // Refused (the origin's officer does not authenticate; an unknown contract) and clean
  // authentications open no case.
  const domain::Actor origin = Officer(Role::kOriginOfficer, "NPL", "U-origin");
  EXPECT_FALSE(registry_->AuthenticateContract(origin, c.id, worse).ok());
  EXPECT_EQ(registry_->AuthenticateContract(dest_, ContractId("C-missing"), worse).status().code(),
            Code::kNotFound);
  domain::Contract clean = Attested(employer_.id);
  auto fine = registry_->AuthenticateContract(dest_, clean.id, std::nullopt);
  ASSERT_TRUE(fine.ok()) << fine.status().ToString();
  EXPECT_FALSE(fine->substitution);
  EXPECT_TRUE(cases_->All().empty());

  auto flagged = registry_->AuthenticateContract(dest_, c.id, worse);
  ASSERT_TRUE(flagged.ok()) << flagged.status().ToString();
  ASSERT_TRUE(flagged->substitution);
  auto all = cases_->All();
  ASSERT_EQ(all.size(), 1u);
  const domain::Case k = all[0];  // a copy: `all` is read again below
  EXPECT_EQ(k.state, domain::CaseState::kIntake);
  EXPECT_EQ(k.worker, worker_.id);
  EXPECT_EQ(k.worker_nationality, "NPL");
  EXPECT_EQ(k.employer, employer_.id);
  EXPECT_EQ(k.opened_by, "system");
  EXPECT_EQ(k.categories, std::vector<domain::ComplaintCategory>{
                              domain::ComplaintCategory::kContractSubstitution});
  EXPECT_EQ(TestCases::Signals(k),
            std::vector<std::string>{"substitution_flagged:" + c.id.value()});
  // The case's events are in the ledger beside the flag.
  EXPECT_EQ(EventTypes(k.id.value()),
            (std::vector<std::string>{"case.opened", "case.signal_linked"}));

  // The same contract flagged again is the same source: nothing changes.
  worse.hours_per_day = 12;
  ASSERT_TRUE(registry_->AuthenticateContract(dest_, c.id, worse).ok());
  all = cases_->All();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].signals.size(), 1u);
  // Another contract of hers flagged joins her open case.
  domain::Contract second = Attested(employer2_.id);
  domain::ContractTerms worse2 = second.terms;
  worse2.position = "Housemaid";
  ASSERT_TRUE(registry_->AuthenticateContract(dest_, second.id, worse2).ok());
  all = cases_->All();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].id, k.id);
  EXPECT_EQ(TestCases::Signals(all[0]),
            (std::vector<std::string>{"substitution_flagged:" + c.id.value(),
                                      "substitution_flagged:" + second.id.value()}));
}

// An absence ("absconding") report refused because the worker filed a job change opens a case
// about her and the employer; an accepted report or a refused request opens none.
TEST_F(RegistryTest, ARefusedAbscondingReportOpensACase) {
  domain::Contract current = Active(employer_.id);
  const domain::Actor employer = EmployerActor(employer_.id);
  EXPECT_EQ(registry_->ReportAbsence(employer, current.id, D("2026-11-20"), "").status().field(),
            "details");
  EXPECT_EQ(registry_->ReportAbsence(EmployerActor(employer2_.id), current.id, D("2026-11-20"), "x")
                .status()
                .code(),
            Code::kNotFound);
  auto open = registry_->ReportAbsence(employer, current.id, D("2026-11-20"), "not at work");
  ASSERT_TRUE(open.ok()) << open.status().ToString();
  EXPECT_EQ(open->state, domain::AbsenceReportState::kOpen);
  EXPECT_TRUE(cases_->All().empty());

  auto offer = registry_->DraftContract(EmployerActor(employer2_.id), Terms(employer2_.id));
  ASSERT_TRUE(offer.ok()) << offer.status().ToString();
  ASSERT_TRUE(registry_->OfferContract(EmployerActor(employer2_.id), offer->id).ok());
  ASSERT_TRUE(registry_->AcceptContract(WorkerActor(worker_.id), offer->id).ok());
  ASSERT_TRUE(registry_->FileTransfer(WorkerActor(worker_.id), current.id, offer->id, "").ok());
  auto refused = registry_->ReportAbsence(employer, current.id, D("2026-11-28"), "absconded");
  ASSERT_TRUE(refused.ok()) << refused.status().ToString();
  ASSERT_EQ(refused->state, domain::AbsenceReportState::kRefused);
  auto all = cases_->All();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].worker, worker_.id);
  EXPECT_EQ(all[0].employer, employer_.id);
  EXPECT_EQ(all[0].categories,
            std::vector<domain::ComplaintCategory>{domain::ComplaintCategory::kThreats});
  EXPECT_EQ(TestCases::Signals(all[0]),
            std::vector<std::string>{"absconding_refused:" + refused->id.value()});
  // The employer tries again: the second refusal joins the same case.
  auto again = registry_->ReportAbsence(employer, current.id, D("2026-11-29"), "still absent");
  ASSERT_TRUE(again.ok());
  all = cases_->All();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].signals.size(), 2u);
  // The notifications name the case and nothing of the report.
  std::vector<store::Notification> notes;
  ASSERT_TRUE(node_.store
                  ->Read([&](store::ReadTx& tx) -> Status {
                    ASSIGN_OR_RETURN(notes, tx.ListNotifications("case_supervisors:KWT", {}));
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(notes.size(), 2u);
  for (const auto& n : notes) {
    EXPECT_EQ(n.type, "case.news");
    EXPECT_EQ(n.subject, all[0].id.value());
  }
}

}  // namespace
}  // namespace corridor::service
