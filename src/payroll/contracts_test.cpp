#include "payroll/contracts.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace corridor::payroll {
namespace {

ContractTerms Terms(const std::string& id, const std::string& worker, const std::string& person,
                    const std::string& employer) {
  ContractTerms t;
  t.contract_id = id;
  t.worker_id = worker;
  t.person_id = person;
  t.employer_id = employer;
  t.country = "AE";
  t.isco_code = "9313";
  t.basic = Money{200000, "AED"};
  t.housing = Money{30000, "AED"};
  t.food = Money{0, "AED"};
  t.transport = Money{0, "AED"};
  t.other = Money{0, "AED"};
  t.start = Date::Parse("2025-01-01").value();
  return t;
}

TEST(ContractBookTest, LooksUpByContractPersonAndWorker) {
  ContractBook book;
  ASSERT_TRUE(book.Add(Terms("C-1", "W-1", "P-1", "E-1")).ok());
  ContractTerms renewal = Terms("C-2", "W-1", "P-1", "E-1");
  renewal.start = Date::Parse("2026-03-16").value();
  ASSERT_TRUE(book.Add(renewal).ok());
  ASSERT_TRUE(book.Add(Terms("C-3", "W-3", "P-3", "E-2")).ok());
  ASSERT_TRUE(book.AddFloor(WageFloor{"AE", "*", Money{100000, "AED"}}).ok());
  ASSERT_TRUE(book.Build().ok());
  EXPECT_EQ(book.contract_id(book.FindContract("C-2")), "C-2");
  EXPECT_EQ(book.FindContract("C-9"), kNoContract);
  // The person's contracts chain in the order added.
  const uint32_t first = book.FirstOfPerson("P-1");
  ASSERT_NE(first, kNoContract);
  EXPECT_EQ(book.contract_id(first), "C-1");
  const uint32_t second = book.record(first).next_of_person;
  ASSERT_NE(second, kNoContract);
  EXPECT_EQ(book.contract_id(second), "C-2");
  EXPECT_EQ(book.record(second).next_of_person, kNoContract);
  EXPECT_EQ(book.worker_id(book.FirstOfWorker("W-3")), "W-3");
  EXPECT_EQ(book.FirstOfWorker("W-9"), kNoContract);
  EXPECT_EQ(book.employer_id(book.FindContract("C-3")), "E-2");
  EXPECT_EQ(book.record(first).allowances, 30000);
  EXPECT_EQ(book.record(first).floor, 100000);
  EXPECT_EQ(book.record(second).DaysIn(Month{2026, 3}), 16);
  EXPECT_EQ(book.record(first).DaysIn(Month{2024, 12}), 0);
}

TEST(ContractBookTest, RefusesBadTerms) {
  struct Bad {
    void (*change)(ContractTerms&);
    const char* field;
  };
  const Bad cases[] = {
      {[](ContractTerms& t) { t.contract_id = ""; }, "contract_id"},
      {[](ContractTerms& t) { t.person_id = "a b"; }, "person_id"},
      {[](ContractTerms& t) { t.basic.currency = "XYZ"; }, "currency"},
      {[](ContractTerms& t) { t.housing.currency = "KWD"; }, "housing"},
      {[](ContractTerms& t) { t.basic.minor = -1; }, "basic"},
      {[](ContractTerms& t) { t.days_per_week = 0; }, "days_per_week"},
      {[](ContractTerms& t) { t.hours_per_day_centi = 0; }, "hours_per_day"},
      {[](ContractTerms& t) { t.overtime_rate_milli = 999; }, "overtime_rate"},
      {[](ContractTerms& t) { t.payment_due_day = 32; }, "payment_due_day"},
      {[](ContractTerms& t) { t.max_deduction_percent = 101; }, "max_deduction_percent"},
      {[](ContractTerms& t) { t.end = Date::Parse("2024-12-31").value(); }, "end"},
      {[](ContractTerms& t) { t.country = "ae"; }, "country"},
      {[](ContractTerms& t) { t.country = "A"; }, "country"},
      {[](ContractTerms& t) { t.country = "AREA"; }, "country"},
      {[](ContractTerms& t) { t.isco_code = "93x"; }, "isco_code"},
  };
  for (const auto& c : cases) {
    ContractBook book;
    ContractTerms t = Terms("C-1", "W-1", "P-1", "E-1");
    c.change(t);
    Status s = book.Add(t);
    EXPECT_EQ(s.field(), c.field) << s.ToString();
  }
}

TEST(ContractBookTest, RefusesRepeatedContractsAndFloorsInAnotherCurrency) {
  ContractBook book;
  ASSERT_TRUE(book.Add(Terms("C-1", "W-1", "P-1", "E-1")).ok());
  ASSERT_TRUE(book.Add(Terms("C-1", "W-2", "P-2", "E-1")).ok());
  EXPECT_EQ(book.Build().code(), Code::kAlreadyExists);

  ContractBook other;
  ASSERT_TRUE(other.Add(Terms("C-1", "W-1", "P-1", "E-1")).ok());
  ASSERT_TRUE(other.AddFloor(WageFloor{"AE", "9313", Money{100000, "QAR"}}).ok());
  EXPECT_EQ(other.AddFloor(WageFloor{"AE", "9313", Money{1, "AED"}}).code(), Code::kAlreadyExists);
  EXPECT_EQ(other.Build().field(), "currency");
}

TEST(ContractBookTest, OccupationFloorBeatsTheCountryFloor) {
  ContractBook book;
  ASSERT_TRUE(book.Add(Terms("C-1", "W-1", "P-1", "E-1")).ok());
  ContractTerms t = Terms("C-2", "W-2", "P-2", "E-1");
  t.isco_code = "7112";
  ASSERT_TRUE(book.Add(t).ok());
  ASSERT_TRUE(book.AddFloor(WageFloor{"AE", "*", Money{100000, "AED"}}).ok());
  ASSERT_TRUE(book.AddFloor(WageFloor{"AE", "7112", Money{150000, "AED"}}).ok());
  ASSERT_TRUE(book.Build().ok());
  EXPECT_EQ(book.record(book.FindContract("C-1")).floor, 100000);
  EXPECT_EQ(book.record(book.FindContract("C-2")).floor, 150000);
  EXPECT_FALSE(book.Add(t).ok());  // built: read-only
}

TEST(ContractBookTest, CsvErrorsNameLineAndField) {
  const std::string header =
      "contract_id,worker_id,person_id,employer_id,country,isco_code,currency,basic,housing,food,"
      "transport,other_allowance,hours_per_day,days_per_week,overtime_rate,start,end,"
      "payment_due_day,max_deduction_percent\n";
  const std::string ok = "C-1,W-1,P-1,E-1,AE,9313,AED,1500.00,0,0,0,0,8,6,1.25,2025-01-01,,7,50\n";
  {
    ContractBook book;
    std::istringstream in(header + ok);
    ASSERT_TRUE(LoadContractsCsv(in, book).ok());
    ASSERT_TRUE(book.Build().ok());
    const auto& r = book.record(0);
    EXPECT_EQ(r.overtime_rate_milli, 1250);
    EXPECT_EQ(r.hours_per_day_centi, 800);
  }
  {
    ContractBook book;
    std::istringstream in(header + ok +
                          "C-2,W-2,P-2,E-1,AE,9313,AED,1500.00,0,0,0,0,8,6,1.25,"
                          "2025-01-01,2024-01-01,7,50\n");
    Status s = LoadContractsCsv(in, book);
    EXPECT_EQ(s.field(), "end");
    EXPECT_NE(s.message().find("line 3:"), std::string::npos) << s.message();
  }
  {
    ContractBook book;
    std::istringstream in(header +
                          "C-1,W-1,P-1,E-1,AE,9313,AED,1500.00,0,0,0,0,8,6,1.2555,"
                          "2025-01-01,,7,50\n");
    EXPECT_EQ(LoadContractsCsv(in, book).field(), "overtime_rate");
  }
}

}  // namespace
}  // namespace corridor::payroll
