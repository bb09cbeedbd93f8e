#include "payroll/reconcile.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace corridor::payroll {
namespace {

constexpr const char* kHeader =
    "contract_ref,worker_id,employer_id,month,days_worked,unpaid_leave_days,basic,housing,food,"
    "transport,other_allowance,overtime_hours,overtime_pay,deductions,payment_date,"
    "payment_channel,currency\n";

ContractBook Book() {
  ContractBook book;
  std::istringstream in(
      "contract_id,worker_id,person_id,employer_id,country,isco_code,currency,basic,housing,"
      "food,transport,other_allowance,hours_per_day,days_per_week,overtime_rate,start,end,"
      "payment_due_day,max_deduction_percent\n"
      "C-1,W-1,10000000000001,0000000009103,AE,9313,AED,2080.00,0,0,0,0,8,6,1.25,2025-01-01,,7,"
      "50\n"
      "C-2,W-2,10000000000002,0000000009103,AE,9313,AED,2000.00,0,0,0,0,8,6,1.25,2025-01-01,,7,"
      "50\n");
  EXPECT_TRUE(LoadContractsCsv(in, book).ok());
  EXPECT_TRUE(book.Build().ok());
  return book;
}

SifSubmission Sif() {
  SifSubmission s;
  s.employer_id = "0000000009103";
  s.paid_on = Date::Parse("2026-04-05").value();
  return s;
}

TEST(SessionTest, ARefusedFileLeavesNoTrace) {
  ContractBook book = Book();
  Session session(book, ReconcileConfig{Month{2026, 3}, 0, 0});
  // W-1 underpaid, then a control total that does not match: the file is refused whole.
  std::istringstream bad(
      "EDR,10000000000001,803510106,1234,2026-03-01,2026-03-31,31,100.00,0,0\n"
      "SCR,0000000009103,302210101,2026-04-01,0800,032026,1,100.01,AED,\n");
  auto r = session.AddSif(bad, Sif());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "total_salary");
  EXPECT_TRUE(session.findings().empty());
  // The same worker in a good file afterwards is not a duplicate.
  std::istringstream good(
      "EDR,10000000000001,803510106,1234,2026-03-01,2026-03-31,31,2080.00,0,0\n"
      "EDR,10000000000002,803510106,1234,2026-03-01,2026-03-31,31,2000.00,0,0\n"
      "SCR,0000000009103,302210101,2026-04-01,0800,032026,2,4080.00,AED,\n");
  auto ok = session.AddSif(good, Sif());
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->lines, 2u);
  EXPECT_EQ(ok->file, 2u);
  ASSERT_TRUE(session.Close().ok());
  EXPECT_TRUE(session.findings().empty());
  EXPECT_TRUE(session.balances().empty());
  EXPECT_EQ(session.Close().code(), Code::kFailedPrecondition);
  std::istringstream late(kHeader);
  EXPECT_EQ(session.AddExtended(late, {}).status().code(), Code::kFailedPrecondition);
}

TEST(SessionTest, AnErrorAfterGoodLinesRefusesTheWholeExtendedFile) {
  ContractBook book = Book();
  Session session(book, ReconcileConfig{Month{2026, 3}, 0, 0});
  std::istringstream in(std::string(kHeader) +
                        "C-1,W-1,0000000009103,2026-03,31,0,1.00,,,,,0,0,,2026-04-05,bank,AED\n"
                        "C-2,W-2,0000000009103,2026-03,31,0,2000.00,,,,,0,0,,2026-04-05,bank,"
                        "AED\n"
                        "C-3,W-3,0000000009103,2026-03,31,0,2000.00,,,,,0,0,,2026-04-31,bank,"
                        "AED\n");
  auto r = session.AddExtended(in, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "payment_date");
  EXPECT_NE(r.status().message().find("line 4:"), std::string::npos) << r.status().message();
  ASSERT_TRUE(session.Close().ok());
  // Only the missing workers: the underpaid line of the refused file left nothing.
  ASSERT_EQ(session.findings().size(), 2u);
  for (const Finding& f : session.findings()) EXPECT_EQ(f.code, FindingCode::kMissingWorker);
}

TEST(SessionTest, ToleranceAndBalances) {
  ContractBook book = Book();
  Session strict(book, ReconcileConfig{Month{2026, 3}, 0, 0});
  Session lenient(book, ReconcileConfig{Month{2026, 3}, 0, 1});
  for (Session* s : {&strict, &lenient}) {
    std::istringstream in(std::string(kHeader) +
                          "C-1,W-1,0000000009103,2026-03,31,0,2079.99,,,,,0,0,,2026-04-05,bank,"
                          "AED\n"
                          "C-2,W-2,0000000009103,2026-03,31,0,2000.00,,,,,0,0,"
                          "absence:100.00,2026-04-05,bank,AED\n");
    ASSERT_TRUE(s->AddExtended(in, {}).ok());
    ASSERT_TRUE(s->Close().ok());
  }
  ASSERT_EQ(strict.findings().size(), 1u);
  const Finding& f = strict.findings()[0];
  EXPECT_EQ(f.code, FindingCode::kBelowContractBasic);
  EXPECT_EQ(f.contract, "C-1");
  EXPECT_EQ(f.line, 2u);
  EXPECT_EQ(f.file, 1u);
  EXPECT_EQ(f.due.ToString(), "2026-04-07");
  EXPECT_EQ(f.ExpectedText(), "2080.00 AED");
  EXPECT_FALSE(f.rule.empty());
  EXPECT_TRUE(lenient.findings().empty());
  // W-1 is owed one fils; W-2's lawful deduction lowers what is owed, so no balance for W-2.
  ASSERT_EQ(strict.balances().size(), 1u);
  EXPECT_EQ(strict.balances()[0].worker, "W-1");
  EXPECT_EQ(strict.balances()[0].owed - strict.balances()[0].paid, 1);
}

TEST(SessionTest, EveryBalanceOnRequest) {
  ContractBook book = Book();
  Session session(book, ReconcileConfig{Month{2026, 3}, 0, 0});
  session.KeepEveryBalance();
  std::istringstream sif(
      "EDR,10000000000001,803510106,1234,2026-03-01,2026-03-31,31,2080.00,0,0\n"
      "SCR,0000000009103,302210101,2026-04-01,0800,032026,1,2080.00,AED,\n");
  ASSERT_TRUE(session.AddSif(sif, Sif()).ok());
  std::istringstream ext(std::string(kHeader) +
                         "C-2,W-2,0000000009103,2026-03,31,0,2000.00,,,,,0,0,,2026-04-05,bank,"
                         "AED\n");
  Session other(book, ReconcileConfig{Month{2026, 3}, 0, 0});
  other.KeepEveryBalance();
  ASSERT_TRUE(other.AddExtended(ext, ExtendedSubmission{}).ok());
  ASSERT_TRUE(session.Close().ok());
  // W-1 paid exactly: a balance all the same; W-2 missing from this session: owed, unpaid.
  ASSERT_EQ(session.balances().size(), 2u);
  EXPECT_EQ(session.balances()[0].worker, "W-1");
  EXPECT_EQ(session.balances()[0].owed, 208000);
  EXPECT_EQ(session.balances()[0].paid, 208000);
  EXPECT_EQ(session.balances()[1].worker, "W-2");
  EXPECT_EQ(session.balances()[1].paid, 0);
  ASSERT_TRUE(other.Close().ok());
  ASSERT_EQ(other.balances().size(), 2u);
  EXPECT_EQ(other.balances()[0].worker, "W-2");
  EXPECT_EQ(other.balances()[0].owed, other.balances()[0].paid);
}

TEST(SessionTest, ReportsProgressInBytes) {
  ContractBook book = Book();
  Session session(book, ReconcileConfig{Month{2026, 3}, 0, 0});
  std::string text = kHeader;
  text += "C-1,W-1,0000000009103,2026-03,31,0,2080.00,,,,,0,0,,2026-04-05,bank,AED\n";
  std::istringstream in(text);
  uint64_t last = 0;
  auto r = session.AddExtended(in, {}, [&](uint64_t bytes) { last = bytes; });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(last, text.size());
  EXPECT_EQ(r->bytes, text.size());
}

TEST(SessionTest, SifOfAnotherEmployerOrMonthIsRefused) {
  ContractBook book = Book();
  Session session(book, ReconcileConfig{Month{2026, 3}, 0, 0});
  const std::string file =
      "EDR,10000000000001,803510106,1234,2026-03-01,2026-03-31,31,2080.00,0,0\n"
      "SCR,0000000009103,302210101,2026-04-01,0800,032026,1,2080.00,AED,\n";
  SifSubmission other = Sif();
  other.employer_id = "0000000001111";
  std::istringstream a(file);
  EXPECT_EQ(session.AddSif(a, other).status().field(), "employer_id");
  SifSubmission kwd = Sif();
  kwd.currency = "KWD";
  std::istringstream b(file);
  EXPECT_FALSE(session.AddSif(b, kwd).ok());
  Session april(book, ReconcileConfig{Month{2026, 4}, 0, 0});
  std::istringstream c(file);
  EXPECT_EQ(april.AddSif(c, Sif()).status().field(), "pay_start");
}

TEST(SessionTest, FindingCodesAreStable) {
  EXPECT_EQ(FindingCodeName(FindingCode::kUnpaid), "unpaid");
  EXPECT_EQ(FindingCodeName(FindingCode::kDeductionUnlawfulReason), "deduction_unlawful_reason");
  EXPECT_EQ(FindingCodeName(FindingCode::kDuplicateLine), "duplicate_line");
}

}  // namespace
}  // namespace corridor::payroll
