#include "domain/mobility.hpp"

#include <gtest/gtest.h>

#include "domain/testing.hpp"

namespace corridor::domain {
namespace {

using testing::D;
using testing::KWD;

const Timestamp kNow = *Timestamp::Parse("2027-03-01T09:00:00Z");

Contract ActiveContract() {
  Contract c;
  c.id = ContractId("C-1");
  c.terms = testing::SampleTerms();
  c.state = ContractState::kActive;
  c.active_from = D("2027-01-01");
  return c;
}

Contract Offer2(ContractState state = ContractState::kAccepted) {
  Contract c;
  c.id = ContractId("C-2");
  c.terms = testing::SampleTerms();
  c.terms.employer = EmployerId("E-2");
  c.terms.basic_wage = KWD("140");
  c.state = state;
  return c;
}

TEST(PermitTest, IssuedOnlyForAnAuthenticatedContractAndTiedToIt) {
  Contract c = ActiveContract();
  c.state = ContractState::kAttested;
  EXPECT_EQ(IssuePermit(c, PermitId("P-1"), D("2026-12-20")).status().field(), "contract");
  c.state = ContractState::kAuthenticated;
  auto p = IssuePermit(c, PermitId("P-1"), D("2026-12-20"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->contract, c.id);
  EXPECT_EQ(p->valid_from, D("2027-01-01"));
  EXPECT_EQ(p->valid_until, D("2029-01-01"));
  EXPECT_FALSE(IssuePermit(c, PermitId("P-1"), D("2029-01-01")).ok());
}

TEST(PermitTest, PersonNumbersAreFourteenDigitsWithACheckDigit) {
  for (uint64_t serial : {uint64_t{0}, uint64_t{1}, uint64_t{42}, uint64_t{8'999'999'999'999},
                          uint64_t{9'000'000'000'000}, ~uint64_t{0}}) {
    const std::string n = MakePersonNumber(serial);
    EXPECT_EQ(n.size(), 14u) << serial;
    EXPECT_NE(n[0], '0') << serial;
    EXPECT_TRUE(CheckPersonNumber(n, "p").ok()) << n;
    // Every single-digit typo is caught by the check digit.
    for (size_t i = 1; i < n.size(); ++i) {
      std::string typo = n;
      typo[i] = typo[i] == '9' ? '0' : static_cast<char>(typo[i] + 1);
      EXPECT_EQ(CheckPersonNumber(typo, "p").message(), "has a wrong check digit") << typo;
    }
  }
  EXPECT_NE(MakePersonNumber(1), MakePersonNumber(2));
  EXPECT_EQ(MakePersonNumber(0), "10000000000008");  // Luhn of 1000000000000 is 8
  EXPECT_EQ(CheckPersonNumber("", "p").field(), "p");
  EXPECT_FALSE(CheckPersonNumber("1234567890123", "p").ok());    // 13 digits
  EXPECT_FALSE(CheckPersonNumber("123456789012345", "p").ok());  // 15 digits
  EXPECT_FALSE(CheckPersonNumber("00000000000000", "p").ok());   // leading 0
  EXPECT_FALSE(CheckPersonNumber("1000000000000A", "p").ok());
}

TEST(PermitTest, StatusChanges) {
  Permit p{PermitId("P-1"),
           WorkerId("W-1"),
           ContractId("C-1"),
           EmployerId("E-1"),
           D("2027-01-01"),
           D("2029-01-01"),
           PermitStatus::kActive,
           "",
           "",
           std::nullopt};
  EXPECT_EQ(SuspendPermit(p, "").field(), "reason");
  ASSERT_TRUE(SuspendPermit(p, "wage arrears: new permits suspended").ok());
  EXPECT_FALSE(SuspendPermit(p, "again").ok());
  ASSERT_TRUE(ReinstatePermit(p, "arrears paid").ok());
  EXPECT_FALSE(ExpireIfDue(p, D("2028-12-31")));
  EXPECT_TRUE(ExpireIfDue(p, D("2029-01-01")));
  EXPECT_EQ(p.status, PermitStatus::kExpired);
  EXPECT_FALSE(CancelPermit(p, "too late").ok());
}

Permit ActivePermit() {
  return Permit{PermitId("P-1"),
                WorkerId("W-1"),
                ContractId("C-1"),
                EmployerId("E-1"),
                D("2027-01-01"),
                D("2029-01-01"),
                PermitStatus::kActive,
                "",
                "",
                std::nullopt};
}

TEST(PermitTest, TheExpiryNoticeIsDueOncePerEndWithinItsDays) {
  Permit p = ActivePermit();                                // ends 2029-01-01
  EXPECT_FALSE(NoticeExpiryIfDue(p, D("2028-12-01"), 30));  // 31 days ahead
  EXPECT_FALSE(p.expiry_notice_for);
  EXPECT_TRUE(NoticeExpiryIfDue(p, D("2028-12-02"), 30));  // 30 days ahead
  EXPECT_EQ(p.expiry_notice_for, D("2029-01-01"));
  EXPECT_FALSE(NoticeExpiryIfDue(p, D("2028-12-02"), 30)) << "once";
  EXPECT_FALSE(NoticeExpiryIfDue(p, D("2028-12-20"), 30)) << "once per end";
  // A moved end is noticed again when it comes near.
  p.valid_until = D("2029-06-01");
  EXPECT_FALSE(NoticeExpiryIfDue(p, D("2028-12-20"), 30));
  EXPECT_TRUE(NoticeExpiryIfDue(p, D("2029-05-31"), 30));
  EXPECT_EQ(p.expiry_notice_for, D("2029-06-01"));
  // The configured days; 0 never notices; the end itself is for expiry, not notice.
  Permit q = ActivePermit();
  EXPECT_FALSE(NoticeExpiryIfDue(q, D("2028-12-01"), 0));
  EXPECT_FALSE(NoticeExpiryIfDue(q, D("2028-12-01"), 30));
  EXPECT_TRUE(NoticeExpiryIfDue(q, D("2028-11-02"), 60));
  Permit r = ActivePermit();
  EXPECT_FALSE(NoticeExpiryIfDue(r, D("2029-01-01"), 30));
  EXPECT_FALSE(NoticeExpiryIfDue(r, D("2029-02-01"), 30));
  // A suspended permit is noticed; a cancelled or expired one never.
  for (PermitStatus s :
       {PermitStatus::kSuspended, PermitStatus::kCancelled, PermitStatus::kExpired}) {
    Permit x = ActivePermit();
    x.status = s;
    EXPECT_EQ(NoticeExpiryIfDue(x, D("2028-12-15"), 30), s == PermitStatus::kSuspended)
        << ToString(s);
  }
}

TEST(PermitTest, ExpiresOnItsEndDateOnce) {
  Permit p = ActivePermit();
  EXPECT_FALSE(ExpireIfDue(p, D("2028-12-31")));
  EXPECT_EQ(p.status, PermitStatus::kActive);
  EXPECT_TRUE(ExpireIfDue(p, D("2029-01-01")));
  EXPECT_EQ(p.status, PermitStatus::kExpired);
  EXPECT_EQ(p.status_reason, "reached its end date");
  const Permit expired = p;
  EXPECT_FALSE(ExpireIfDue(p, D("2029-01-02"))) << "once";
  EXPECT_EQ(p, expired);
  Permit suspended = ActivePermit();
  suspended.status = PermitStatus::kSuspended;
  EXPECT_TRUE(ExpireIfDue(suspended, D("2029-03-01")));
  Permit cancelled = ActivePermit();
  cancelled.status = PermitStatus::kCancelled;
  EXPECT_FALSE(ExpireIfDue(cancelled, D("2029-03-01")));
  EXPECT_EQ(cancelled.status, PermitStatus::kCancelled);
}

TEST(PermitTest, FollowsAnAmendedTerm) {
  ContractTerms longer = testing::SampleTerms();  // from 2027-01-01
  longer.duration_months = 36;
  Permit p = ActivePermit();
  auto changed = FollowContractTerm(p, longer, D("2028-06-01"));
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_TRUE(*changed);
  EXPECT_EQ(p.valid_until, D("2030-01-01"));
  EXPECT_EQ(p.valid_from, D("2027-01-01"));  // the validity that began stays as it was
  EXPECT_EQ(p.status, PermitStatus::kActive);
  // The same term again changes nothing.
  EXPECT_FALSE(*FollowContractTerm(p, longer, D("2028-06-01")));
  // Shorter, but still after today.
  ContractTerms shorter = longer;
  shorter.duration_months = 18;
  ASSERT_TRUE(*FollowContractTerm(p, shorter, D("2028-06-01")));
  EXPECT_EQ(p.valid_until, D("2028-07-01"));
}

TEST(PermitTest, ASuspendedPermitFollowsAndAnEndedOneStays) {
  ContractTerms longer = testing::SampleTerms();
  longer.duration_months = 30;
  Permit suspended = ActivePermit();
  suspended.status = PermitStatus::kSuspended;
  EXPECT_TRUE(*FollowContractTerm(suspended, longer, D("2027-06-01")));
  EXPECT_EQ(suspended.valid_until, D("2029-07-01"));
  EXPECT_EQ(suspended.status, PermitStatus::kSuspended);
  for (PermitStatus s : {PermitStatus::kCancelled, PermitStatus::kExpired}) {
    Permit p = ActivePermit();
    p.status = s;
    const Permit before = p;
    EXPECT_FALSE(*FollowContractTerm(p, longer, D("2027-06-01")));
    EXPECT_EQ(p, before);
  }
}

TEST(PermitTest, APermitNotBegunYetBeginsWithTheAmendedStart) {
  ContractTerms later = testing::SampleTerms();
  later.start_date = D("2027-02-01");
  Permit p = ActivePermit();  // valid from 2027-01-01, issued before the start
  ASSERT_TRUE(*FollowContractTerm(p, later, D("2026-12-20")));
  EXPECT_EQ(p.valid_from, D("2027-02-01"));
  EXPECT_EQ(p.valid_until, D("2029-02-01"));
  // An amended start in the past begins it today, never before.
  ContractTerms earlier = testing::SampleTerms();
  earlier.start_date = D("2026-12-01");
  Permit q = ActivePermit();
  ASSERT_TRUE(*FollowContractTerm(q, earlier, D("2026-12-20")));
  EXPECT_EQ(q.valid_from, D("2026-12-20"));
  EXPECT_EQ(q.valid_until, D("2028-12-01"));
}

TEST(PermitTest, ATermCutShortToThePastIsRefusedAndChangesNothing) {
  ContractTerms cut = testing::SampleTerms();
  cut.duration_months = 12;  // ends 2028-01-01
  for (Date today : {D("2028-01-01"), D("2028-03-01")}) {
    Permit p = ActivePermit();
    const Permit before = p;
    auto r = FollowContractTerm(p, cut, today);
    EXPECT_EQ(r.status().code(), Code::kFailedPrecondition);
    EXPECT_EQ(r.status().field(), "duration_months");
    EXPECT_EQ(p, before);
  }
  Permit p = ActivePermit();
  EXPECT_TRUE(*FollowContractTerm(p, cut, D("2027-12-31")));  // it ends tomorrow
  EXPECT_EQ(p.valid_until, D("2028-01-01"));
}

// A permit that ends before its contract (valid 2027-01-01 to 2028-01-01 under a contract whose
// term runs to 2029-01-01).
Permit ShortPermit() {
  Permit p;
  p.id = PermitId("P-1");
  p.worker = testing::SampleTerms().worker;
  p.contract = ContractId("C-1");
  p.employer = testing::SampleTerms().employer;
  p.valid_from = D("2027-01-01");
  p.valid_until = D("2028-01-01");
  p.person_number = MakePersonNumber(7);
  return p;
}

TEST(PermitTest, ARenewedPermitRunsToItsNewEndKeepingItsIdAndPersonNumber) {
  const Contract c = ActiveContract();
  Permit p = ShortPermit();
  EXPECT_TRUE(MayRenewPermit(p, c));
  ASSERT_TRUE(RenewPermit(p, c, D("2028-07-01"), D("2027-12-01")).ok());
  Permit want = ShortPermit();
  want.valid_until = D("2028-07-01");
  EXPECT_EQ(p, want) << "only the end moves";
  // Up to the contract's end, and not a day beyond it.
  ASSERT_TRUE(RenewPermit(p, c, D("2029-01-01"), D("2027-12-01")).ok());
  EXPECT_EQ(p.valid_until, D("2029-01-01"));
  EXPECT_FALSE(MayRenewPermit(p, c)) << "the contract's term leaves no room";
}

TEST(PermitTest, ARenewalIsRefusedByNameAndChangesNothing) {
  const Date today = D("2027-12-01");
  struct Case {
    const char* name;
    PermitStatus status;
    ContractState contract;
    const char* end;
    const char* field;
  };
  const Case cases[] = {
      {"suspended", PermitStatus::kSuspended, ContractState::kActive, "2028-07-01", "status"},
      {"cancelled", PermitStatus::kCancelled, ContractState::kEnded, "2028-07-01", "status"},
      {"expired", PermitStatus::kExpired, ContractState::kEnded, "2028-07-01", "status"},
      {"contract ended", PermitStatus::kActive, ContractState::kEnded, "2028-07-01", "contract"},
      {"same end", PermitStatus::kActive, ContractState::kActive, "2028-01-01", "end"},
      {"earlier end", PermitStatus::kActive, ContractState::kActive, "2027-12-31", "end"},
      {"beyond the contract", PermitStatus::kActive, ContractState::kActive, "2029-01-02", "end"},
  };
  for (const Case& k : cases) {
    Contract c = ActiveContract();
    c.state = k.contract;
    Permit p = ShortPermit();
    p.status = k.status;
    const Permit before = p;
    const Status s = RenewPermit(p, c, D(k.end), today);
    EXPECT_EQ(s.code(), Code::kFailedPrecondition) << k.name;
    EXPECT_EQ(s.field(), k.field) << k.name << ": " << s.ToString();
    EXPECT_EQ(p, before) << k.name;
    // The step is offered exactly when only the chosen end could be wrong.
    EXPECT_EQ(MayRenewPermit(p, c), std::string_view(k.field) == "end") << k.name;
  }
  // The end must also be after today: a permit the daily job has not expired yet, whose end has
  // passed, is not renewed into the past.
  Permit p = ShortPermit();
  const Status s = RenewPermit(p, ActiveContract(), D("2028-02-01"), D("2028-03-01"));
  EXPECT_EQ(s.field(), "end");
  EXPECT_NE(s.message().find("after today"), std::string::npos) << s.message();
  // The message names the contract's end, so the officer knows how far it reaches.
  EXPECT_NE(RenewPermit(p, ActiveContract(), D("2030-01-01"), today).message().find("2029-01-01"),
            std::string::npos);
}

// A country that grants permits for at most 12 months at a time (permit_max_months): the contract
// from 2027-01-01 for 24 months gets a permit to 2028-01-01, which is then renewed.
TEST(PermitTest, ACountrysLongestGrantLimitsIssueFollowAndRenewal) {
  EXPECT_EQ(PermitGrantEnd(D("2027-01-01"), D("2029-01-01"), 0), D("2029-01-01"));
  EXPECT_EQ(PermitGrantEnd(D("2027-01-01"), D("2029-01-01"), 12), D("2028-01-01"));
  EXPECT_EQ(PermitGrantEnd(D("2027-01-01"), D("2029-01-01"), 24), D("2029-01-01"));
  EXPECT_EQ(PermitGrantEnd(D("2027-01-01"), D("2029-01-01"), 36), D("2029-01-01"));
  Contract c = ActiveContract();
  c.state = ContractState::kAuthenticated;
  auto issued = IssuePermit(c, PermitId("P-1"), D("2026-12-20"), 12);
  ASSERT_TRUE(issued.ok()) << issued.status().ToString();
  EXPECT_EQ(issued->valid_from, D("2027-01-01"));
  EXPECT_EQ(issued->valid_until, D("2028-01-01"));
  // Issued late in the term: the contract's end comes first.
  EXPECT_EQ(IssuePermit(c, PermitId("P-1"), D("2028-06-01"), 12)->valid_until, D("2029-01-01"));

  // An extension of the contract does not extend a permit past its own grant: that is renewal's.
  ContractTerms longer = testing::SampleTerms();
  longer.duration_months = 36;  // to 2030-01-01
  Permit p = *issued;
  EXPECT_FALSE(*FollowContractTerm(p, longer, D("2027-06-01"), 12));
  EXPECT_EQ(p.valid_until, D("2028-01-01"));
  // A contract cut short cuts the permit, and extended again gives back the permit's grant.
  ContractTerms shorter = testing::SampleTerms();
  shorter.duration_months = 9;  // to 2027-10-01
  ASSERT_TRUE(*FollowContractTerm(p, shorter, D("2027-06-01"), 12));
  EXPECT_EQ(p.valid_until, D("2027-10-01"));
  ASSERT_TRUE(*FollowContractTerm(p, longer, D("2027-06-01"), 12));
  EXPECT_EQ(p.valid_until, D("2028-01-01"));
  // Without a limit the permit follows the whole term, as it always did.
  Permit whole = *issued;
  ASSERT_TRUE(*FollowContractTerm(whole, longer, D("2027-06-01"), 0));
  EXPECT_EQ(whole.valid_until, D("2030-01-01"));

  // Renewal reaches at most 12 months past the day it is granted, within the contract's term.
  const Contract active = ActiveContract();
  Permit r = *issued;
  const Status far = RenewPermit(r, active, D("2028-12-02"), D("2027-12-01"), 12);
  EXPECT_EQ(far.field(), "end");
  EXPECT_NE(far.message().find("2028-12-01"), std::string::npos) << far.message();
  EXPECT_EQ(r.valid_until, D("2028-01-01"));
  ASSERT_TRUE(RenewPermit(r, active, D("2028-12-01"), D("2027-12-01"), 12).ok());
  EXPECT_EQ(r.valid_until, D("2028-12-01"));
  // A renewed permit keeps its renewal when the contract is extended, and loses what a shortened
  // contract no longer covers.
  EXPECT_FALSE(*FollowContractTerm(r, longer, D("2028-01-15"), 12));
  EXPECT_EQ(r.valid_until, D("2028-12-01"));
  ContractTerms to_sept = testing::SampleTerms();
  to_sept.duration_months = 20;  // to 2028-09-01
  ASSERT_TRUE(*FollowContractTerm(r, to_sept, D("2028-01-15"), 12));
  EXPECT_EQ(r.valid_until, D("2028-09-01"));
}

TEST(TransferTest, NoticePeriodFromTheContractAndNoVeto) {
  auto t = FileTransfer(ActiveContract(), Offer2(), TransferId("T-1"), D("2027-03-01"), "");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->effective_on, D("2027-03-31"));  // 30 days of notice
  EXPECT_FALSE(t->notice_waived);
  EXPECT_EQ(t->from_employer, EmployerId("E-1"));
  EXPECT_EQ(t->to_employer, EmployerId("E-2"));
  // Not before the notice period ends, and only once the new contract is authenticated.
  EXPECT_EQ(
      CheckTransferMayComplete(*t, Offer2(ContractState::kAuthenticated), D("2027-03-30")).field(),
      "effective_on");
  EXPECT_EQ(CheckTransferMayComplete(*t, Offer2(ContractState::kAccepted), D("2027-03-31")).field(),
            "to_contract");
  EXPECT_TRUE(
      CheckTransferMayComplete(*t, Offer2(ContractState::kAuthenticated), D("2027-03-31")).ok());
  ASSERT_TRUE(CompleteTransfer(*t, D("2027-03-31")).ok());
  EXPECT_EQ(t->state, TransferState::kCompleted);
  EXPECT_FALSE(CancelTransfer(*t).ok());
}

TEST(TransferTest, ArrearsWaiveTheNotice) {
  auto t = FileTransfer(ActiveContract(), Offer2(), TransferId("T-1"), D("2027-03-01"),
                        "wage arrears of 2 months");
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->notice_waived);
  EXPECT_EQ(t->effective_on, D("2027-03-01"));
}

TEST(TransferTest, Refusals) {
  Contract current = ActiveContract();
  EXPECT_EQ(
      FileTransfer(current, Offer2(ContractState::kOffered), TransferId("T"), D("2027-03-01"), "")
          .status()
          .field(),
      "to_contract");
  Contract same = Offer2();
  same.terms.employer = current.terms.employer;
  EXPECT_FALSE(FileTransfer(current, same, TransferId("T"), D("2027-03-01"), "").ok());
  Contract other = Offer2();
  other.terms.worker = WorkerId("W-2");
  EXPECT_FALSE(FileTransfer(current, other, TransferId("T"), D("2027-03-01"), "").ok());
  current.state = ContractState::kEnded;
  EXPECT_EQ(FileTransfer(current, Offer2(), TransferId("T"), D("2027-03-01"), "").status().field(),
            "from_contract");
}

TEST(AbsenceTest, RefusedOnceATransferOrExitIsFiled) {
  const Contract c = ActiveContract();
  auto open = ReportAbsence(c, {false, false, true}, NoticeId("N-1"), D("2027-02-27"),
                            "did not come to work", D("2027-03-01"));
  ASSERT_TRUE(open.ok());
  EXPECT_EQ(open->state, AbsenceReportState::kOpen);
  auto refused = ReportAbsence(c, {true, false, true}, NoticeId("N-2"), D("2027-02-27"),
                               "absconded", D("2027-03-01"));
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->state, AbsenceReportState::kRefused);
  EXPECT_NE(refused->refusal_reason.find("job change"), std::string::npos);
  auto exit = ReportAbsence(c, {false, true, true}, NoticeId("N-3"), D("2027-02-27"), "absconded",
                            D("2027-03-01"));
  EXPECT_EQ(exit->state, AbsenceReportState::kRefused);
  EXPECT_EQ(
      ReportAbsence(c, {false, false, true}, NoticeId("N-4"), D("2027-03-02"), "x", D("2027-03-01"))
          .status()
          .field(),
      "last_seen");
  EXPECT_FALSE(ReportAbsence(c, {false, false, false}, NoticeId("N-5"), D("2027-02-27"), "x",
                             D("2027-03-01"))
                   .ok());
}

TEST(ExitTest, TheWorkersNoticeNoPermit) {
  const Contract c = ActiveContract();
  auto n = NotifyExit(WorkerId("W-1"), &c, NoticeId("N-1"), ExitKind::kReturning, D("2027-06-01"),
                      D("2027-07-01"), D("2027-03-01"), kNow);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n->contract, c.id);
  EXPECT_EQ(NotifyExit(WorkerId("W-1"), &c, NoticeId("N"), ExitKind::kReturning, D("2027-06-01"),
                       std::nullopt, D("2027-03-01"), kNow)
                .status()
                .field(),
            "return_date");
  EXPECT_EQ(NotifyExit(WorkerId("W-1"), &c, NoticeId("N"), ExitKind::kReturning, D("2027-06-01"),
                       D("2027-05-01"), D("2027-03-01"), kNow)
                .status()
                .field(),
            "return_date");
  EXPECT_EQ(NotifyExit(WorkerId("W-1"), &c, NoticeId("N"), ExitKind::kFinal, D("2027-02-01"),
                       std::nullopt, D("2027-03-01"), kNow)
                .status()
                .field(),
            "departure_date");
  EXPECT_EQ(NotifyExit(WorkerId("W-1"), &c, NoticeId("N"), ExitKind::kFinal, D("2027-04-01"),
                       D("2027-05-01"), D("2027-03-01"), kNow)
                .status()
                .field(),
            "return_date");
  EXPECT_TRUE(NotifyExit(WorkerId("W-1"), nullptr, NoticeId("N"), ExitKind::kFinal, D("2027-04-01"),
                         std::nullopt, D("2027-03-01"), kNow)
                  .ok());
}

ExitNotice Notice(const char* id, ExitKind kind, const char* departure, const char* notified) {
  ExitNotice n;
  n.id = NoticeId(id);
  n.worker = testing::SampleTerms().worker;
  n.contract = ContractId("C-1");
  n.kind = kind;
  n.departure_date = D(departure);
  if (kind == ExitKind::kReturning) n.return_date = D(departure).AddDays(30);
  n.notified_at = *Timestamp::Parse(std::string(notified) + "T09:00:00Z");
  return n;
}

TEST(ExitTest, AnExitCompletesTheLatestNoticeWhenItIsFinal) {
  const Date exit_day = D("2027-06-10");
  EXPECT_FALSE(FinalExitCompleted({}, exit_day));
  const ExitNotice fin = Notice("N-1", ExitKind::kFinal, "2027-06-10", "2027-05-01");
  auto done = FinalExitCompleted({fin}, exit_day);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->id, NoticeId("N-1"));
  // Up to 30 days early or late, not more.
  for (const char* day : {"2027-05-11", "2027-07-10"}) {
    EXPECT_TRUE(FinalExitCompleted({Notice("N-1", ExitKind::kFinal, day, "2027-05-01")}, exit_day))
        << day;
  }
  for (const char* day : {"2027-05-10", "2027-07-11"}) {
    EXPECT_FALSE(FinalExitCompleted({Notice("N-1", ExitKind::kFinal, day, "2027-05-01")}, exit_day))
        << day;
  }
  // A returning exit ends nothing; the latest notice is the worker's word.
  const ExitNotice trip = Notice("N-2", ExitKind::kReturning, "2027-06-09", "2027-05-20");
  EXPECT_FALSE(FinalExitCompleted({trip}, exit_day));
  EXPECT_FALSE(FinalExitCompleted({fin, trip}, exit_day)) << "changed her mind: a trip";
  const ExitNotice later = Notice("N-3", ExitKind::kFinal, "2027-06-12", "2027-06-01");
  done = FinalExitCompleted({fin, trip, later}, exit_day);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->id, NoticeId("N-3"));
}

}  // namespace
}  // namespace corridor::domain
