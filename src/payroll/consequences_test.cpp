#include "payroll/consequences.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace corridor::payroll {
namespace {

Date D(const char* s) { return Date::Parse(s).value(); }

TEST(LadderTest, LoadsTheCountrysStepsInOrder) {
  std::istringstream in(
      "country,day,action\nAE,17,permits_suspended\nAE,10,notice_to_employer\nQA,3,notice\n");
  auto ladder = LoadLadderCsv(in, "AE");
  ASSERT_TRUE(ladder.ok()) << ladder.status().ToString();
  ASSERT_EQ(ladder->steps.size(), 2u);
  EXPECT_EQ(ladder->steps[0].action, "notice_to_employer");
  EXPECT_EQ(ladder->steps[1].day, 17);
}

TEST(LadderTest, RefusesBadLadders) {
  std::istringstream none("country,day,action\nQA,3,notice\n");
  EXPECT_EQ(LoadLadderCsv(none, "AE").status().code(), Code::kNotFound);
  std::istringstream twice("country,day,action\nAE,3,notice\nAE,5,notice\n");
  EXPECT_EQ(LoadLadderCsv(twice, "AE").status().field(), "action");
  std::istringstream negative("country,day,action\nAE,-3,notice\n");
  EXPECT_EQ(LoadLadderCsv(negative, "AE").status().field(), "day");
  std::istringstream header("country,days,action\n");
  EXPECT_FALSE(LoadLadderCsv(header, "AE").ok());
}

TEST(LadderTest, StepsDueAreIdempotentWithTheStepsTaken) {
  Ladder ladder{"AE", {{10, "notice"}, {17, "suspend"}}};
  const std::vector<Overdue> overdue = {
      {"E-1", Month{2026, 3}, D("2026-04-07"), std::nullopt},
      {"E-2", Month{2026, 3}, D("2026-04-07"), D("2026-04-12")},  // paid 5 days late
  };
  auto due = StepsDue(ladder, overdue, D("2026-04-16"), {});
  EXPECT_TRUE(due.empty());  // day 10 is 17 April
  due = StepsDue(ladder, overdue, D("2026-04-30"), {});
  ASSERT_EQ(due.size(), 2u);  // E-2 paid on day 5: no step
  EXPECT_EQ(due[0].action, "notice");
  EXPECT_EQ(due[0].due_on, D("2026-04-17"));
  EXPECT_EQ(due[1].action, "suspend");
  const std::vector<StepTaken> taken = {{"E-1", Month{2026, 3}, "notice"},
                                        {"E-1", Month{2026, 3}, "suspend"}};
  for (const auto& s : StepsDue(ladder, overdue, D("2026-04-30"), taken)) {
    EXPECT_TRUE(s.already_taken) << s.action;
  }
}

TEST(LadderTest, OverdueGroupsByEmployerAndMonth) {
  Finding late;
  late.code = FindingCode::kLate;
  late.employer = "E-1";
  late.month = Month{2026, 3};
  late.due = D("2026-04-07");
  late.dates = true;
  late.actual = D("2026-04-20").days_since_epoch();
  Finding later = late;
  later.actual = D("2026-04-25").days_since_epoch();
  Finding other = late;
  other.code = FindingCode::kBelowContractBasic;
  auto o = OverdueFrom(std::vector<Finding>{late, later, other});
  ASSERT_EQ(o.size(), 1u);
  EXPECT_EQ(o[0].paid_on, D("2026-04-25"));
  Finding unpaid = late;
  unpaid.code = FindingCode::kUnpaid;
  o = OverdueFrom(std::vector<Finding>{late, unpaid});
  ASSERT_EQ(o.size(), 1u);
  EXPECT_FALSE(o[0].paid_on.has_value());
}

Balance B(const char* worker, Month m, int64_t owed, int64_t paid) {
  return Balance{worker, "E-1", m, owed, paid, "AED", 2};
}

TEST(ArrearsTest, OldestFirstAndReportedOncePerCrossing) {
  Arrears a(2);
  const Month jan{2026, 1}, feb{2026, 2}, mar{2026, 3}, apr{2026, 4}, may{2026, 5};
  EXPECT_TRUE(a.Apply(std::vector<Balance>{B("W", jan, 1000, 600)}).empty());
  auto u = a.Apply(std::vector<Balance>{B("W", feb, 1000, 900)});
  ASSERT_EQ(u.size(), 1u);
  EXPECT_EQ(u[0].months_in_arrears, 2);
  EXPECT_EQ(u[0].outstanding, 500);
  EXPECT_EQ(u[0].month, feb);
  // Still in arrears: not reported again.
  EXPECT_TRUE(a.Apply(std::vector<Balance>{B("W", mar, 1000, 800)}).empty());
  EXPECT_EQ(a.MonthsInArrears("W", "E-1"), 3);
  // 500 extra pays January (400) first, then 100 of February.
  EXPECT_TRUE(a.Apply(std::vector<Balance>{B("W", apr, 1000, 1500)}).empty());
  EXPECT_EQ(a.MonthsInArrears("W", "E-1"), 1);  // March's 200 remains
  EXPECT_EQ(a.Outstanding("W", "E-1"), 200);
  // Falling below and crossing again is reported again.
  u = a.Apply(std::vector<Balance>{B("W", may, 1000, 0)});
  ASSERT_EQ(u.size(), 1u);
  EXPECT_EQ(u[0].months_in_arrears, 2);
}

TEST(ArrearsTest, SurplusIsNotCarriedForward) {
  Arrears a(1);
  EXPECT_TRUE(a.Apply(std::vector<Balance>{B("W", Month{2026, 1}, 1000, 5000)}).empty());
  auto u = a.Apply(std::vector<Balance>{B("W", Month{2026, 2}, 1000, 999)});
  ASSERT_EQ(u.size(), 1u);
  EXPECT_EQ(u[0].outstanding, 1);
  EXPECT_EQ(a.MonthsInArrears("nobody", "E-1"), 0);
}

}  // namespace
}  // namespace corridor::payroll
