#include "payroll/sif.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace corridor::payroll {
namespace {

constexpr const char* kEdr1 =
    "EDR,10001016594125,640110101,AE070331234567890123456,2026-03-01,2026-03-31,31,1221.92,0,0\n";
constexpr const char* kEdr2 =
    "EDR,30305106000500,640110101,155481121,2026-03-01,2026-03-31,31,1000,250.00,0\n";

Status ReadAll(const std::string& text, int* employees = nullptr) {
  std::istringstream in(text);
  SifReader r(in, "AED");
  SifEmployee e;
  int n = 0;
  for (;;) {
    auto more = r.Next(e);
    if (!more.ok()) return more.status();
    if (!*more) break;
    ++n;
  }
  if (employees) *employees = n;
  return Status::Ok();
}

TEST(SifTest, IbanCheckDigits) {
  EXPECT_TRUE(IsValidUaeIban("AE070331234567890123456"));
  EXPECT_TRUE(IsValidUaeIban("ae070331234567890123456"));
  EXPECT_FALSE(IsValidUaeIban("AE080331234567890123456"));  // check digits
  EXPECT_FALSE(IsValidUaeIban("AE070331234567890123465"));  // transposed digits
  EXPECT_FALSE(IsValidUaeIban("AE07033123456789012345"));   // length
  EXPECT_FALSE(IsValidUaeIban("GB070331234567890123456"));  // not the UAE
  EXPECT_TRUE(IsValidSifAccount("155481121"));
  EXPECT_TRUE(IsValidSifAccount("1234567890123456"));
  EXPECT_FALSE(IsValidSifAccount("12345678901234567"));
  EXPECT_FALSE(IsValidSifAccount(""));
}

TEST(SifTest, ReadsEmployeesAndChecksTheControlRecord) {
  const std::string text =
      std::string(kEdr1) + kEdr2 +
      "EVP,30305106000500,640110101,200.00,0,0,0,50.00,0,0\r\n"
      "SCR,0000000009103,302210101,2026-04-02,1107,032026,2,2471.92,AED,1141\n";
  std::istringstream in(text);
  SifReader r(in, "AED");
  SifEmployee e;
  ASSERT_TRUE(r.Next(e).value());
  EXPECT_EQ(e.employee_id, "10001016594125");
  EXPECT_EQ(e.fixed_income, 122192);
  EXPECT_FALSE(e.has_evp);
  EXPECT_EQ(e.line, 1u);
  ASSERT_TRUE(r.Next(e).value());
  EXPECT_TRUE(e.has_evp);
  EXPECT_EQ(e.evp[kEvpHousing], 20000);
  EXPECT_EQ(e.evp[kEvpOvertime], 5000);
  // With an EVP, overtime is not regular pay.
  EXPECT_EQ(e.regular_pay(), 100000 + 20000);
  auto end = r.Next(e);
  ASSERT_TRUE(end.ok()) << end.status().ToString();
  EXPECT_FALSE(*end);
  EXPECT_EQ(r.control().employer_id, "0000000009103");
  EXPECT_EQ(r.control().salary_month.ToString(), "2026-03");
  EXPECT_EQ(r.control().total_salary, 247192);
  EXPECT_EQ(r.control().employer_reference, "1141");
}

TEST(SifTest, WithoutEvpAllVariablePayCountsAsRegular) {
  SifEmployee e;
  e.fixed_income = 100;
  e.variable_income = 50;
  EXPECT_EQ(e.regular_pay(), 150);
}

TEST(SifTest, ErrorsNameTheLineAndField) {
  const std::string scr = "SCR,0000000009103,302210101,2026-04-02,1107,032026,1,1221.92,AED,\n";
  Status s = ReadAll(std::string(kEdr1) + scr);
  EXPECT_TRUE(s.ok()) << s.ToString();
  s = ReadAll(std::string(kEdr1) +
              "SCR,0000000009103,302210101,2026-04-02,1107,032026,1,"
              "1221.93,AED,\n");
  EXPECT_EQ(s.field(), "total_salary");
  EXPECT_NE(s.message().find("line 2:"), std::string::npos) << s.message();
  s = ReadAll("EDR,10001016594125,640110101,155481121,2026-03-01,2026-03-31,31,1221.92,0\n" + scr);
  EXPECT_EQ(s.field(), "field_count");
  s = ReadAll(std::string(kEdr1) + scr + "\n\n" + scr);
  EXPECT_EQ(s.field(), "record_type");
  EXPECT_NE(s.message().find("line 5:"), std::string::npos) << s.message();
  s = ReadAll(std::string(kEdr1) +
              "SCR,0000000009103,302210101,2026-04-02,1107,032026,1,"
              "1221.92,AED,a reference that is far too long to be accepted\n");
  EXPECT_EQ(s.field(), "employer_reference");
  s = ReadAll(std::string(kEdr1));
  EXPECT_EQ(s.field(), "record_type");
  s = ReadAll("");
  EXPECT_EQ(s.field(), "record_type");
  // A quoted field is tolerated (RFC 4180), a broken quote is an error with its line.
  s = ReadAll(
      "EDR,\"10001016594125\",640110101,AE070331234567890123456,2026-03-01,2026-03-31,31,"
      "1221.92,0,0\n" +
      scr);
  EXPECT_TRUE(s.ok()) << s.ToString();
  s = ReadAll("EDR,\"10001016594125,640110101\n");
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("line 1"), std::string::npos) << s.message();
}

TEST(SifTest, UnknownCurrencyIsRefused) {
  std::istringstream in(kEdr1);
  SifReader r(in, "XYZ");
  SifEmployee e;
  EXPECT_EQ(r.Next(e).status().field(), "currency");
}

TEST(SifTest, KuwaitiDinarAmountsHaveThreeDecimals) {
  std::istringstream in(
      "EDR,10001016594125,640110101,155481121,2026-03-01,2026-03-31,31,120.125,0,0\n"
      "SCR,0000000009103,302210101,2026-04-02,1107,032026,1,120.125,KWD,\n");
  SifReader r(in, "KWD");
  SifEmployee e;
  ASSERT_TRUE(r.Next(e).value());
  EXPECT_EQ(e.fixed_income, 120125);
  EXPECT_FALSE(r.Next(e).value());
}

}  // namespace
}  // namespace corridor::payroll
