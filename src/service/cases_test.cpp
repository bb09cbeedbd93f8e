#include "service/cases.hpp"

#include <gtest/gtest.h>

#include <mutex>

#include "core/log.hpp"
#include "service/case_queries.hpp"
#include "service/notifier.hpp"
#include "service/testing.hpp"
#include "store/case_store.hpp"

namespace corridor::service {
namespace {

using domain::Channel;
using domain::ComplaintCategory;
using domain::Indicator;
using domain::IndicatorValue;
using domain::Role;

constexpr const char* kText = "Madam keeps my passport and I was not paid since June";

// A Kuwaiti node on 2026-11-29 with two registered Nepali workers, an employer, the default
// protection rules, and an account for each of protection's staff.
class CasesTest : public ::testing::Test {
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
    accounts_ = std::make_unique<Accounts>(*node_.store);
    access_ = std::make_unique<AccessLog>(*node_.store, 10);
    auto rules = DefaultCaseRules();
    ASSERT_TRUE(rules.ok()) << rules.status().ToString();
    cases_ = std::make_unique<Cases>(*node_.store, *access_, *rules);
    queries_ = std::make_unique<CaseQueries>(*node_.store, *access_);
    const domain::Actor sys = domain::SystemActor();
    domain::Employer e = domain::testing::SampleEmployer();
    e.id = EmployerId();
    employer_ = registry_->RegisterEmployer(sys, e)->id;
    domain::Worker w = domain::testing::SampleWorker();
    w.id = WorkerId();
    sita_ = registry_->RegisterWorker(sys, w)->id;
    w.passport.number = "PA7654321";
    w.given_names_latin = "RITA";
    rita_ = registry_->RegisterWorker(sys, w)->id;
    supervisor_ = Staff("supervisor", Role::kCaseSupervisor, "KWT");
    supervisor2_ = Staff("supervisor2", Role::kCaseSupervisor, "KWT");
    investigator_ = Staff("investigator", Role::kInvestigator, "KWT");
    investigator2_ = Staff("investigator2", Role::kInvestigator, "KWT");
    caseworker_ = Staff("caseworker", Role::kCaseworker, "KWT");
    analyst_ = Staff("analyst", Role::kAnalyst, "KWT");
    hotline_ = Staff("hotline", Role::kHotlineOperator, "KWT");
    embassy_ = Staff("embassy", Role::kEmbassy, "NPL");
  }

  domain::Actor Staff(const std::string& name, Role role, const std::string& country) {
    domain::Account a;
    a.username = name;
    a.role = role;
    a.country = country;
    a.display_name = name;
    a.language = "en";
    auto made = accounts_->Create(domain::SystemActor(), a, "correct horse battery " + name);
    EXPECT_TRUE(made.ok()) << made.status().ToString();
    return domain::ToActor(*made);
  }

  ComplaintRequest Request(Channel channel = Channel::kWorker) {
    ComplaintRequest r;
    r.channel = channel;
    r.categories = {ComplaintCategory::kPassportKept, ComplaintCategory::kUnpaidWages};
    r.text = kText;
    r.safe_contact = "after 9 pm on WhatsApp";
    r.employer = employer_.value();
    if (channel == Channel::kOnBehalf) r.worker = sita_.value();
    return r;
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
    std::vector<json::Value> out;
    EXPECT_TRUE(node_.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(out, tx.History(subject, 100));
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  std::vector<store::Notification> Notes(const std::string& recipient) {
    std::vector<store::Notification> out;
    EXPECT_TRUE(node_.store
                    ->Read([&](store::ReadTx& tx) -> Status {
                      ASSIGN_OR_RETURN(out, tx.ListNotifications(recipient, {"", 200}));
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  domain::Actor Sita() { return testing::WorkerActor(sita_); }
  domain::Actor Rita() { return testing::WorkerActor(rita_); }

  // A complaint by Sita, a case opened from it and assigned to the investigator.
  domain::Case AssignedCase() {
    auto c = cases_->FileComplaint(Sita(), Request());
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    auto k = cases_->OpenCase(supervisor_, c->id);
    EXPECT_TRUE(k.ok()) << k.status().ToString();
    auto assigned = cases_->Assign(supervisor_, k->id, AccountId(investigator_.account));
    EXPECT_TRUE(assigned.ok()) << assigned.status().ToString();
    return *assigned;
  }

  store::testing::TestNode node_;
  std::unique_ptr<Registry> registry_;
  std::unique_ptr<Accounts> accounts_;
  std::unique_ptr<AccessLog> access_;
  std::unique_ptr<Cases> cases_;
  std::unique_ptr<CaseQueries> queries_;
  EmployerId employer_;
  WorkerId sita_, rita_;
  domain::Actor supervisor_, supervisor2_, investigator_, investigator2_, caseworker_, analyst_,
      hotline_, embassy_;
};

TEST_F(CasesTest, AComplaintIsAcknowledgedAtOnceAndItsEventHoldsNoText) {
  auto c = cases_->FileComplaint(Sita(), Request());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->id.value().rfind("CP-", 0), 0u);
  EXPECT_EQ(*c->worker, sita_);
  EXPECT_EQ(c->worker_nationality, "NPL");
  EXPECT_EQ(c->language, "ne");  // her preferred language
  EXPECT_EQ(c->state, domain::ComplaintState::kReceived);
  EXPECT_EQ(c->triage_due, *Timestamp::Parse("2026-11-30T08:00:00Z"));
  const auto events = History(c->id.value());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].Get("type")->AsString(), "complaint.filed");
  const std::string event = json::Write(events[0]);
  EXPECT_EQ(event.find("passport and"), std::string::npos);
  EXPECT_EQ(event.find("WhatsApp"), std::string::npos);
  EXPECT_NE(event.find("text_sha256"), std::string::npos);
  // The node's case supervisors hear there is a complaint, and nothing of it.
  auto notes = Notes(CaseSupervisorsRecipient("KWT"));
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].subject, c->id.value());
  EXPECT_EQ(json::Write(notes[0].data), "{}");
}

TEST_F(CasesTest, BadInputIsRefusedPreciselyAndStoresNothing) {
  const uint64_t before = LedgerSize();
  auto field = [&](const domain::Actor& a, ComplaintRequest r) {
    auto c = cases_->FileComplaint(a, std::move(r));
    EXPECT_FALSE(c.ok());
    return c.ok() ? std::string("accepted") : c.status().field();
  };
  ComplaintRequest r = Request(Channel::kOnBehalf);
  r.worker = "W-NOSUCH";
  EXPECT_EQ(field(hotline_, r), "worker");
  r = Request(Channel::kOnBehalf);
  r.worker.clear();
  EXPECT_EQ(field(hotline_, r), "worker");
  r = Request();
  r.employer = "E-NOSUCH";
  EXPECT_EQ(field(Sita(), r), "employer");
  r = Request();
  r.text = " \n ";
  EXPECT_EQ(field(Sita(), r), "text");
  r = Request();
  r.text = std::string(5001, 'a');
  EXPECT_EQ(field(Sita(), r), "text");
  r = Request();
  r.categories.clear();
  EXPECT_EQ(field(Sita(), r), "categories");
  r = Request();
  r.language = "xx";
  EXPECT_EQ(field(Sita(), r), "language");
  r = Request();
  r.worker = rita_.value();  // a worker files only for herself
  EXPECT_EQ(field(Sita(), r), "worker");
  // Who may not file through a channel is refused before anything is read.
  EXPECT_EQ(cases_->FileComplaint(analyst_, Request(Channel::kOnBehalf)).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(cases_->FileComplaint(Sita(), Request(Channel::kAnonymousTip)).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(LedgerSize(), before);
  EXPECT_TRUE(Notes(CaseSupervisorsRecipient("KWT")).empty());
}

TEST_F(CasesTest, OnBehalfTheWorkerIsToldAndAnAnonymousTipIsARecordOfItsOwn) {
  auto c = cases_->FileComplaint(hotline_, Request(Channel::kOnBehalf));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  auto told = Notes(WorkerRecipient(sita_));
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].type, "complaint.filed_for_you");
  EXPECT_EQ(json::Write(told[0].data), "{}");
  // She sees it; the hotline operator who filed it does not keep seeing it.
  auto own = queries_->Complaint(Sita(), c->id);
  ASSERT_TRUE(own.ok());
  EXPECT_TRUE(own->as_worker);
  EXPECT_EQ(queries_->Complaint(hotline_, c->id).status().code(), Code::kNotFound);
  // The embassy files only for its nationals.
  EXPECT_TRUE(cases_->FileComplaint(embassy_, Request(Channel::kOnBehalf)).ok());

  ComplaintRequest tip = Request(Channel::kAnonymousTip);
  tip.worker = rita_.value();
  tip.categories = {ComplaintCategory::kConfinement};
  auto t = cases_->FileComplaint(hotline_, tip);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->channel, Channel::kAnonymousTip);
  // A tip about her is not hers: she is not told and does not see it.
  EXPECT_TRUE(Notes(WorkerRecipient(rita_)).empty());
  EXPECT_EQ(queries_->Complaint(Rita(), t->id).status().code(), Code::kNotFound);
  auto mine = queries_->Complaints(Rita(), std::nullopt, {"", 50});
  ASSERT_TRUE(mine.ok());
  EXPECT_TRUE(mine->items.empty());
  // The intake queue holds all three.
  auto queue = queries_->Complaints(supervisor_, domain::ComplaintState::kReceived, {"", 50});
  ASSERT_TRUE(queue.ok());
  EXPECT_EQ(queue->items.size(), 3u);
  EXPECT_EQ(queries_->Complaints(analyst_, std::nullopt, {"", 50}).status().code(),
            Code::kPermissionDenied);
}

TEST_F(CasesTest, ACaseRunsFromComplaintToClosureAndEveryStepIsInTheLedger) {
  auto first = cases_->FileComplaint(Sita(), Request());
  ASSERT_TRUE(first.ok());
  ComplaintRequest again = Request(Channel::kOnBehalf);
  again.categories = {ComplaintCategory::kViolence};
  auto second = cases_->FileComplaint(hotline_, again);
  ASSERT_TRUE(second.ok());

  // Only a case supervisor opens a case; others cannot even see the complaint.
  EXPECT_EQ(cases_->OpenCase(investigator_, first->id).status().code(), Code::kNotFound);
  auto k = cases_->OpenCase(supervisor_, first->id);
  ASSERT_TRUE(k.ok()) << k.status().ToString();
  EXPECT_EQ(k->state, domain::CaseState::kIntake);
  EXPECT_EQ(k->indicators.size(), domain::kIndicatorCount);
  EXPECT_EQ(cases_->OpenCase(supervisor_, first->id).status().code(), Code::kFailedPrecondition);
  auto joined = cases_->JoinComplaint(supervisor_, k->id, second->id);
  ASSERT_TRUE(joined.ok()) << joined.status().ToString();
  EXPECT_EQ(joined->complaints.size(), 2u);
  EXPECT_EQ(joined->categories.size(), 3u);

  auto assessed = cases_->AssessIndicators(supervisor_, k->id,
                                           {{Indicator::kRetentionOfIdentityDocuments,
                                             IndicatorValue::kPresent,
                                             "the employer confirmed holding it",
                                             "",
                                             {}}});
  ASSERT_TRUE(assessed.ok()) << assessed.status().ToString();
  EXPECT_TRUE(assessed->trafficking_flag);
  EXPECT_EQ(assessed->state, domain::CaseState::kAssessment);

  EXPECT_EQ(cases_->Assign(supervisor_, k->id, AccountId(analyst_.account)).status().field(),
            "assignee");
  EXPECT_EQ(cases_->Assign(supervisor_, k->id, AccountId("U-NOSUCH")).status().field(), "assignee");
  EXPECT_EQ(cases_->Assign(investigator_, k->id, AccountId(investigator_.account)).status().code(),
            Code::kNotFound);  // not assigned yet, so not theirs to see
  auto assigned = cases_->Assign(supervisor_, k->id, AccountId(investigator_.account));
  ASSERT_TRUE(assigned.ok()) << assigned.status().ToString();
  EXPECT_EQ(assigned->supervisor, supervisor_.account);
  EXPECT_EQ(Notes(AccountRecipient(investigator_.account)).size(), 1u);

  // The other supervisor no longer sees it; the investigator now does.
  EXPECT_EQ(queries_->Case(supervisor2_, k->id).status().code(), Code::kNotFound);
  auto seen = queries_->Case(investigator_, k->id);
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->allowed_actions, (std::vector<domain::CaseStep>{
                                       domain::CaseStep::kAssessIndicators,
                                       domain::CaseStep::kAddAction, domain::CaseStep::kClose}));

  auto acted = cases_->AddAction(investigator_, k->id, "Recover the passport", std::nullopt);
  ASSERT_TRUE(acted.ok()) << acted.status().ToString();
  EXPECT_EQ(acted->actions[0].due_on, domain::testing::D("2026-12-06"));  // violence: 7 days
  EXPECT_EQ(cases_->AddAction(investigator_, k->id, "x", domain::testing::D("2027-01-01"))
                .status()
                .field(),
            "due_on");
  ASSERT_TRUE(cases_->CompleteAction(investigator_, k->id, "A1", "returned to her").ok());
  EXPECT_EQ(cases_->Close(investigator2_, k->id, domain::Outcome::kResolvedWithPayment, "paid")
                .status()
                .code(),
            Code::kNotFound);
  auto closed =
      cases_->Close(investigator_, k->id, domain::Outcome::kResolvedWithPayment, "paid in full");
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  EXPECT_EQ(closed->state, domain::CaseState::kClosed);
  EXPECT_EQ(cases_->AddAction(investigator_, k->id, "late", std::nullopt).status().code(),
            Code::kFailedPrecondition);

  std::vector<std::string> types;
  for (const auto& e : History(k->id.value())) types.push_back(e.Get("type")->AsString());
  EXPECT_EQ(types,
            (std::vector<std::string>{
                "case.opened", "case.indicators_assessed", "case.trafficking_flagged",
                "case.assigned", "case.action_added", "case.action_completed", "case.closed"}));
  for (const auto& e : History(k->id.value())) {
    const std::string text = json::Write(e);
    EXPECT_EQ(text.find("confirmed holding"), std::string::npos) << text;
    EXPECT_EQ(text.find("paid in full"), std::string::npos) << text;
    EXPECT_EQ(text.find("Recover"), std::string::npos) << text;
  }
  // The worker learns there is news, and her view shows the outcome.
  auto own = queries_->Complaint(Sita(), first->id);
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(*own->case_state, domain::CaseState::kClosed);
  EXPECT_EQ(*own->outcome, domain::Outcome::kResolvedWithPayment);
  size_t news = 0;
  for (const auto& n : Notes(WorkerRecipient(sita_))) news += n.type == "case.news";
  EXPECT_GE(news, 2u);
}

TEST_F(CasesTest, MessagesRunBetweenTheWorkerAndTheCaseTeam) {
  const domain::Case k = AssignedCase();
  const domain::ComplaintId c = k.complaints.at(0);
  auto m1 = cases_->PostMessage(Sita(), c, "They took my phone too");
  ASSERT_TRUE(m1.ok()) << m1.status().ToString();
  EXPECT_TRUE(m1->from_worker);
  auto m2 = cases_->PostMessage(investigator_, c, "We will call you tonight");
  ASSERT_TRUE(m2.ok());
  EXPECT_FALSE(m2->from_worker);
  auto m3 = cases_->PostMessage(embassy_, c, "The embassy can shelter you");
  ASSERT_TRUE(m3.ok()) << m3.status().ToString();
  EXPECT_EQ(cases_->PostMessage(Rita(), c, "hello").status().code(), Code::kNotFound);
  EXPECT_EQ(cases_->PostMessage(hotline_, c, "hello").status().code(), Code::kNotFound);
  EXPECT_EQ(cases_->PostMessage(Sita(), c, "  ").status().field(), "text");
  auto list = queries_->Messages(Sita(), c, {"", 2});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->items.size(), 2u);
  EXPECT_EQ(list->items[0].message.id, m1->id);
  EXPECT_TRUE(list->items[0].as_worker);
  auto rest = queries_->Messages(Sita(), c, {list->next, 2});
  ASSERT_TRUE(rest.ok());
  ASSERT_EQ(rest->items.size(), 1u);
  EXPECT_EQ(rest->items[0].message.id, m3->id);
  EXPECT_EQ(queries_->Messages(Rita(), c, {"", 10}).status().code(), Code::kNotFound);
  // The investigator hears of her message; she hears of theirs; nobody's text travels.
  EXPECT_FALSE(Notes(AccountRecipient(investigator_.account)).empty());
  for (const auto& n : Notes(WorkerRecipient(sita_))) EXPECT_EQ(json::Write(n.data), "{}");
}

TEST_F(CasesTest, OnlyTheAssigneeTheSupervisorAndTheEmbassySeeACaseAndEveryReadIsLogged) {
  const domain::Case k = AssignedCase();
  for (const auto* a : {&investigator2_, &caseworker_, &supervisor2_, &analyst_, &hotline_}) {
    EXPECT_EQ(queries_->Case(*a, k.id).status().code(), Code::kNotFound) << a->account;
    EXPECT_EQ(cases_->AddAction(*a, k.id, "x", std::nullopt).status().code(), Code::kNotFound);
  }
  EXPECT_EQ(queries_->Case(Sita(), k.id).status().code(), Code::kNotFound);
  EXPECT_TRUE(queries_->Case(investigator_, k.id).ok());
  EXPECT_TRUE(queries_->Case(embassy_, k.id).ok());
  // The embassy sees but does not work the case.
  EXPECT_EQ(cases_->AddAction(embassy_, k.id, "x", std::nullopt).status().code(),
            Code::kPermissionDenied);
  EXPECT_EQ(queries_->Case(supervisor_, domain::CaseId("CS-NOSUCH")).status().code(),
            Code::kNotFound);

  auto lists = [&](const domain::Actor& a) {
    auto l = queries_->Cases(a, {});
    return l.ok() ? l->items.size() : size_t{999};
  };
  EXPECT_EQ(lists(investigator_), 1u);
  EXPECT_EQ(lists(investigator2_), 0u);
  EXPECT_EQ(lists(supervisor_), 1u);
  EXPECT_EQ(lists(supervisor2_), 0u);
  EXPECT_EQ(lists(embassy_), 1u);
  EXPECT_EQ(lists(analyst_), 999u);
  auto flagged = queries_->Cases(supervisor_, {std::nullopt, true, {}});
  ASSERT_TRUE(flagged.ok());
  EXPECT_TRUE(flagged->items.empty());

  // The supervisor lists who read it, refusals among them; the investigator may not.
  EXPECT_EQ(queries_->Reads(investigator_, k.id, 100).status().code(), Code::kPermissionDenied);
  auto reads = queries_->Reads(supervisor_, k.id, 100);
  ASSERT_TRUE(reads.ok()) << reads.status().ToString();
  bool refused_analyst = false, read_embassy = false;
  for (const auto& r : *reads) {
    refused_analyst = refused_analyst || (r.account == analyst_.account && !r.allowed);
    read_embassy = read_embassy || (r.account == embassy_.account && r.allowed);
  }
  EXPECT_TRUE(refused_analyst);
  EXPECT_TRUE(read_embassy);
}

TEST_F(CasesTest, AQueueByDeadlinePutsTheMostUrgentFirstAndPagesByKeyset) {
  // Sita's passport: assessed within two days (2026-12-01T08:00).
  auto passport = cases_->FileComplaint(Sita(), Request());
  ASSERT_TRUE(passport.ok());
  auto urgent = cases_->OpenCase(supervisor_, passport->id);
  ASSERT_TRUE(urgent.ok());
  // Rita's wages, from a signal: assessed within five days (2026-12-04T08:00).
  auto wages = cases_->OpenOrJoinCaseForSignal(
      {rita_, std::nullopt}, domain::SignalKind::kArrearsTransferUnlocked, "WU-9");
  ASSERT_TRUE(wages.ok());
  // An employer's case, assigned, with an action due tomorrow (missed from 2026-12-01T00:00).
  auto fee = cases_->OpenOrJoinCaseForSignal({std::nullopt, employer_},
                                             domain::SignalKind::kUnlawfulDeduction, "PF-9");
  ASSERT_TRUE(fee.ok());
  ASSERT_TRUE(cases_->Assign(supervisor_, fee->case_id, AccountId(caseworker_.account)).ok());
  ASSERT_TRUE(
      cases_
          ->AddAction(supervisor_, fee->case_id, "Ask for the payslips", *Date::Parse("2026-11-30"))
          .ok());
  auto queue = [&](const domain::Actor& a, int limit) {
    std::vector<std::string> ids;
    CaseListQuery q;
    q.order = store::CaseOrder::kDue;
    q.page.limit = limit;
    for (int pages = 0; pages < 10; ++pages) {
      auto l = queries_->Cases(a, q);
      EXPECT_TRUE(l.ok()) << l.status().ToString();
      if (!l.ok()) break;
      for (const auto& i : l->items) ids.push_back(i.record.id.value());
      if (l->next.empty()) break;
      q.page.after = l->next;
    }
    return ids;
  };
  const std::vector<std::string> want = {fee->case_id.value(), urgent->id.value(),
                                         wages->case_id.value()};
  EXPECT_EQ(queue(supervisor_, 200), want);
  EXPECT_EQ(queue(supervisor_, 1), want);  // one at a time, resumed by the cursor
  EXPECT_EQ(queue(caseworker_, 1), std::vector<std::string>{fee->case_id.value()});
  // A missed, escalated deadline stays at the top of the queue.
  ASSERT_TRUE(cases_->Escalate(*Timestamp::Parse("2026-12-02T00:00:00Z")).ok());
  EXPECT_EQ(queue(supervisor_, 2), want);
  // The action done: that case has no deadline left and goes last.
  ASSERT_TRUE(cases_->CompleteAction(caseworker_, fee->case_id, "A1", "received").ok());
  EXPECT_EQ(
      queue(supervisor_, 2),
      (std::vector<std::string>{urgent->id.value(), wages->case_id.value(), fee->case_id.value()}));
  // Ordered by id, a cursor is an id; a cursor that is not a queue's is refused, naming it.
  CaseListQuery bad;
  bad.order = store::CaseOrder::kDue;
  for (const char* cursor : {"CS-ABC", ".CS-ABC", "12.", "1x.CS-ABC", "999999999999999.CS-A"}) {
    bad.page.after = cursor;
    auto l = queries_->Cases(supervisor_, bad);
    EXPECT_EQ(l.status().code(), Code::kInvalidArgument) << cursor;
    EXPECT_EQ(l.status().field(), "after") << cursor;
  }
}

TEST_F(CasesTest, EachMissedDeadlineIsEscalatedOnceByTheDailyJob) {
  auto c = cases_->FileComplaint(Sita(), Request());  // triage within a day
  ASSERT_TRUE(c.ok());
  const domain::Case k = AssignedCase();
  ASSERT_TRUE(cases_->AddAction(investigator_, k.id, "Call the employer", std::nullopt).ok());
  // On time: nothing.
  auto none = cases_->Escalate(*Timestamp::Parse("2026-11-30T08:00:00Z"));
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->complaints + none->deadlines, 0u);
  const Timestamp later = *Timestamp::Parse("2026-12-10T00:00:00Z");
  auto first = cases_->Escalate(later);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->complaints, 1u);  // the complaint nobody triaged
  EXPECT_EQ(first->deadlines, 1u);   // the action due on 2026-12-06
  const uint64_t size = LedgerSize();
  // Again, and from a fresh service as after a restart: nothing more.
  ASSERT_TRUE(cases_->RunDailyJobs(later).ok());
  Cases restarted(*node_.store, *access_, cases_->rules());
  ASSERT_TRUE(restarted.RunDailyJobs(later.AddMillis(3600 * 1000)).ok());
  EXPECT_EQ(LedgerSize(), size);
  auto after = queries_->Case(supervisor_, k.id);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->record.escalations, 1);
  EXPECT_TRUE(after->record.actions[0].escalated);
  std::vector<std::string> types;
  for (const auto& e : History(k.id.value())) types.push_back(e.Get("type")->AsString());
  EXPECT_EQ(std::count(types.begin(), types.end(), "case.deadline_missed"), 1);
  EXPECT_EQ(History(c->id.value()).back().Get("type")->AsString(), "complaint.triage_overdue");
  EXPECT_FALSE(Notes(AccountRecipient(supervisor_.account)).empty());
}

TEST_F(CasesTest, ASignalOpensOrJoinsACaseOncePerSource) {
  auto first = cases_->OpenOrJoinCaseForSignal({sita_, employer_},
                                               domain::SignalKind::kSubstitutionFlagged, "C-1");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(first->opened);
  EXPECT_TRUE(first->linked);
  const uint64_t size = LedgerSize();
  auto repeat = cases_->OpenOrJoinCaseForSignal({sita_, employer_},
                                                domain::SignalKind::kSubstitutionFlagged, "C-1");
  ASSERT_TRUE(repeat.ok());
  EXPECT_EQ(repeat->case_id, first->case_id);
  EXPECT_FALSE(repeat->opened);
  EXPECT_FALSE(repeat->linked);
  EXPECT_EQ(LedgerSize(), size);
  // Another signal about her joins the same case.
  auto arrears = cases_->OpenOrJoinCaseForSignal(
      {sita_, std::nullopt}, domain::SignalKind::kArrearsTransferUnlocked, "WU-1");
  ASSERT_TRUE(arrears.ok());
  EXPECT_EQ(arrears->case_id, first->case_id);
  EXPECT_FALSE(arrears->opened);
  // About another worker, or the employer alone: a case of its own.
  auto other =
      cases_->OpenOrJoinCaseForSignal({rita_, std::nullopt}, domain::SignalKind::kOverstay, "O-1");
  ASSERT_TRUE(other.ok());
  EXPECT_NE(other->case_id, first->case_id);
  auto employer = cases_->OpenOrJoinCaseForSignal({std::nullopt, employer_},
                                                  domain::SignalKind::kUnlawfulDeduction, "PF-1");
  ASSERT_TRUE(employer.ok());
  EXPECT_NE(employer->case_id, first->case_id);
  auto k = queries_->Case(supervisor_, first->case_id);
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(k->record.signals.size(), 2u);
  EXPECT_EQ(k->record.worker_nationality, "NPL");
  EXPECT_EQ(k->record.opened_by, "system");
  EXPECT_EQ(cases_
                ->OpenOrJoinCaseForSignal({WorkerId("W-NOSUCH"), std::nullopt},
                                          domain::SignalKind::kOverstay, "O-2")
                .status()
                .field(),
            "worker");
  EXPECT_EQ(
      cases_->OpenOrJoinCaseForSignal({}, domain::SignalKind::kOverstay, "O-3").status().field(),
      "subject");
}

TEST_F(CasesTest, NoComplaintTextReachesTheLog) {
  std::mutex mu;
  std::vector<std::string> lines;
  log::SetSink([&](std::string_view line) {
    std::lock_guard<std::mutex> lock(mu);
    lines.emplace_back(line);
  });
  const domain::Case k = AssignedCase();
  ASSERT_TRUE(cases_->PostMessage(Sita(), k.complaints[0], "secret words here").ok());
  ASSERT_TRUE(cases_->Close(investigator_, k.id, domain::Outcome::kWithdrawn, "she left").ok());
  log::SetSink({});
  EXPECT_FALSE(lines.empty());
  for (const auto& l : lines) {
    EXPECT_EQ(l.find("passport"), std::string::npos) << l;
    EXPECT_EQ(l.find("secret"), std::string::npos) << l;
    EXPECT_EQ(l.find("she left"), std::string::npos) << l;
    EXPECT_EQ(l.find("WhatsApp"), std::string::npos) << l;
  }
}

}  // namespace
}  // namespace corridor::service
