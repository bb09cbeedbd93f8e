#include "payroll/extended.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace corridor::payroll {
namespace {

constexpr const char* kHeader =
    "contract_ref,worker_id,employer_id,month,days_worked,unpaid_leave_days,basic,housing,food,"
    "transport,other_allowance,overtime_hours,overtime_pay,deductions,payment_date,"
    "payment_channel,currency\n";

TEST(ExtendedTest, ReadsEveryColumn) {
  std::istringstream in(std::string(kHeader) +
                        "C-1,W-1,E-1,2026-03,29,2,1500.00,in_kind,200,,50.5,7.25,90.00,"
                        "advance_recovery:100.00;visa_cost:20,2026-04-05,wallet,AED\n");
  ExtendedReader r(in);
  ExtendedLine l;
  auto more = r.Next(l);
  ASSERT_TRUE(more.ok()) << more.status().ToString();
  ASSERT_TRUE(*more);
  EXPECT_EQ(l.contract_ref, "C-1");
  EXPECT_EQ(l.month.ToString(), "2026-03");
  EXPECT_EQ(l.days_worked, 29);
  EXPECT_EQ(l.unpaid_leave_days, 2);
  EXPECT_EQ(l.basic, 150000);
  EXPECT_TRUE(l.in_kind[kHousing]);
  EXPECT_EQ(l.allowance[kFood], 20000);
  EXPECT_EQ(l.allowance[kTransport], 0);
  EXPECT_EQ(l.allowance[kOtherAllowance], 5050);
  EXPECT_EQ(l.overtime_hours_centi, 725);
  EXPECT_EQ(l.overtime_pay, 9000);
  ASSERT_EQ(l.deduction_count, 2);
  EXPECT_EQ(l.deductions[0].reason, DeductionReason::kAdvanceRecovery);
  EXPECT_EQ(l.deductions[1].reason, DeductionReason::kNotOnList);
  EXPECT_EQ(l.total_deductions(), 12000);
  EXPECT_EQ(l.gross(), 150000 + 20000 + 5050 + 9000);
  EXPECT_EQ(l.channel, PaymentChannel::kWallet);
  EXPECT_EQ(l.line, 2u);
  EXPECT_FALSE(r.Next(l).value());
}

TEST(ExtendedTest, ColumnsInAnyOrderAndThreeDecimalCurrencies) {
  std::istringstream in(
      "currency,payment_channel,payment_date,deductions,overtime_pay,overtime_hours,"
      "other_allowance,transport,food,housing,basic,unpaid_leave_days,days_worked,month,"
      "employer_id,worker_id,contract_ref\n"
      "KWD,bank,2026-03-08,,0,0,,,,,120.125,0,28,2026-02,E-1,W-1,C-1\n");
  ExtendedReader r(in);
  ExtendedLine l;
  ASSERT_TRUE(r.Next(l).value());
  EXPECT_EQ(l.basic, 120125);
  EXPECT_EQ(l.decimals, 3);
}

TEST(ExtendedTest, DeductionReasons) {
  EXPECT_TRUE(IsLawful(ParseDeductionReason("social_insurance")));
  EXPECT_TRUE(IsLawful(ParseDeductionReason("other")));
  EXPECT_FALSE(IsLawful(ParseDeductionReason("recruitment_fee_recovery")));
  EXPECT_FALSE(IsLawful(ParseDeductionReason("visa_cost")));
}

Status FirstError(const std::string& text) {
  std::istringstream in(text);
  ExtendedReader r(in);
  ExtendedLine l;
  for (;;) {
    auto more = r.Next(l);
    if (!more.ok()) return more.status();
    if (!*more) return Status::Ok();
  }
}

TEST(ExtendedTest, ErrorsNameLineAndColumn) {
  const std::string ok = "C-1,W-1,E-1,2026-03,31,0,1500.00,,,,,0,0,,2026-04-05,bank,AED\n";
  EXPECT_TRUE(FirstError(kHeader + ok).ok());
  EXPECT_EQ(FirstError("").field(), "header");
  EXPECT_EQ(FirstError("contract_ref,contract_ref\n").field(), "header");
  struct Bad {
    std::string from, to, field;
  };
  const Bad cases[] = {
      {"C-1", "C 1", "contract_ref"},
      {",31,0,", ",32,0,", "days_worked"},
      {"1500.00", "1500.001", "basic"},
      {",,,,,0,0,,", ",cash,,,,0,0,,", "housing"},
      {",0,0,,", ",0,0,other:,", "deductions"},
      {",0,0,,", ",0,0,other:1;,", "deductions"},
      {",0,0,,", ",0,0,other1,", "deductions"},
      {",0,0,,", ",0,0,other:1600.00,", "deductions"},
      {"2026-04-05", "2026-04-31", "payment_date"},
      {"AED", "aed", "currency"},
      {",0,0,,", ",0,0.001,,", "overtime_pay"},
  };
  for (const auto& c : cases) {
    std::string line = ok;
    line.replace(line.find(c.from), c.from.size(), c.to);
    Status s = FirstError(kHeader + ok + line);
    EXPECT_EQ(s.field(), c.field) << line << " -> " << s.ToString();
    EXPECT_NE(s.message().find("line 3:"), std::string::npos) << s.message();
  }
  std::string many = "C-1,W-1,E-1,2026-03,31,0,1500.00,,,,,0,0,";
  for (int i = 0; i < 17; ++i) many += (i ? ";" : "") + std::string("other:1");
  many += ",2026-04-05,bank,AED\n";
  EXPECT_EQ(FirstError(kHeader + many).field(), "deductions");
  EXPECT_EQ(FirstError(std::string(kHeader) + "C-1,W-1\n").field(), "row");
  // An empty currency on the first line is refused like any unknown one (it once matched the
  // reader's empty "currency of the line before" and passed unchecked).
  std::string no_currency = ok;
  no_currency.replace(no_currency.find(",AED"), 4, ",");
  const Status empty = FirstError(kHeader + no_currency);
  EXPECT_EQ(empty.field(), "currency");
  EXPECT_EQ(empty.message(), "line 2: currency: unknown currency");
}

}  // namespace
}  // namespace corridor::payroll
