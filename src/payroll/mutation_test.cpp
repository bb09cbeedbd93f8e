// Mutated payroll files: whatever the bytes, a file is either accepted or refused with an error
// that names its line, never a crash (run under the sanitizers too). Deterministic seeds.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "core/clock.hpp"
#include "payroll/reconcile.hpp"

namespace corridor::payroll {
namespace {

constexpr const char* kSif =
    "EDR,10000000000001,803510106,AE070331234567890123456,2026-03-01,2026-03-31,31,2000.00,"
    "150.00,0\n"
    "EVP,10000000000001,803510106,100.00,0.00,0.00,0.00,50.00,0.00,0.00\n"
    "EDR,10000000000002,803510106,1234567890123456,2026-03-01,2026-03-31,31,1500.00,0.00,2\n"
    "SCR,0000000009103,302210101,2026-04-02,1107,032026,2,3650.00,AED,REF\n";

constexpr const char* kExtended =
    "contract_ref,worker_id,employer_id,month,days_worked,unpaid_leave_days,basic,housing,food,"
    "transport,other_allowance,overtime_hours,overtime_pay,deductions,payment_date,"
    "payment_channel,currency\n"
    "C-1,W-1,0000000009103,2026-03,31,0,2000.00,in_kind,,,,5.5,70.00,"
    "advance_recovery:10.00;visa:5,2026-04-05,bank,AED\n"
    "C-2,W-2,0000000009103,2026-03,29,2,1400.00,,,,,0,0,,2026-04-09,cash,AED\n";

ContractBook Book() {
  ContractBook book;
  std::istringstream in(
      "contract_id,worker_id,person_id,employer_id,country,isco_code,currency,basic,housing,"
      "food,transport,other_allowance,hours_per_day,days_per_week,overtime_rate,start,end,"
      "payment_due_day,max_deduction_percent\n"
      "C-1,W-1,10000000000001,0000000009103,AE,9313,AED,2000.00,100,0,0,0,8,6,1.25,2025-01-01,,"
      "7,50\n"
      "C-2,W-2,10000000000002,0000000009103,AE,9313,AED,1500.00,0,0,0,0,8,6,1.25,2025-01-01,,"
      "7,50\n");
  EXPECT_TRUE(LoadContractsCsv(in, book).ok());
  EXPECT_TRUE(book.Build().ok());
  return book;
}

std::string Mutate(std::string s, SeededRng& rng) {
  static const char kBytes[] = ",\"\n\r.-0123456789AEDRSCVax \x80\xff";
  const int edits = 1 + static_cast<int>(rng.Next() % 4);
  for (int e = 0; e < edits && !s.empty(); ++e) {
    const size_t pos = rng.Next() % s.size();
    switch (rng.Next() % 3) {
      case 0:
        s[pos] = kBytes[rng.Next() % (sizeof kBytes - 1)];
        break;
      case 1:
        s.erase(pos, 1 + rng.Next() % 8);
        break;
      default:
        s.insert(pos, 1, kBytes[rng.Next() % (sizeof kBytes - 1)]);
        break;
    }
  }
  return s;
}

void ExpectLineError(const Status& s, const std::string& file) {
  if (s.ok()) return;
  EXPECT_EQ(s.code(), Code::kInvalidArgument) << s.ToString() << "\n" << file;
  EXPECT_EQ(s.message().rfind("line ", 0), 0u) << s.ToString() << "\n" << file;
}

TEST(MutationTest, SifFilesAreAcceptedOrRefusedWithALine) {
  ContractBook book = Book();
  SeededRng rng(20260301);
  SifSubmission sub{"0000000009103", "AED", Date::Parse("2026-04-05").value()};
  int refused = 0;
  for (int i = 0; i < 3000; ++i) {
    const std::string file = Mutate(kSif, rng);
    Session session(book, ReconcileConfig{Month{2026, 3}, 0, 0});
    std::istringstream in(file);
    Status s = session.AddSif(in, sub).status();
    ExpectLineError(s, file);
    refused += s.ok() ? 0 : 1;
    ASSERT_TRUE(session.Close().ok());
  }
  EXPECT_GT(refused, 2000);  // nearly every mutation breaks a structural rule
}

TEST(MutationTest, ExtendedFilesAreAcceptedOrRefusedWithALine) {
  ContractBook book = Book();
  SeededRng rng(20260302);
  int refused = 0;
  for (int i = 0; i < 3000; ++i) {
    const std::string file = Mutate(kExtended, rng);
    Session session(book, ReconcileConfig{Month{2026, 3}, 0, 0});
    std::istringstream in(file);
    Status s = session.AddExtended(in, {}).status();
    ExpectLineError(s, file);
    refused += s.ok() ? 0 : 1;
    ASSERT_TRUE(session.Close().ok());
  }
  EXPECT_GT(refused, 1000);
}

}  // namespace
}  // namespace corridor::payroll
