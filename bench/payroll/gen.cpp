// Generates a national payroll month for the reconciliation benchmark: a contract book, wage
// floors, SIF files of large employers, one extended bulk file for all other employers, and the
// findings the planted violations must produce (expected.txt, one per line, as in the data-driven
// cases). Every file is plain CSV, so a PostgreSQL peer can COPY the same data.
//
//   payroll_gen OUT_DIR [--contracts N] [--sif-employers K]
//
// One line per active contract (a worker has one line per month; more lines than contracts could
// only be duplicates), plus the extra lines that plant unknown workers, inactive contracts and
// duplicates. Every 1000th worker carries a violation, the kinds in turn. The expected findings are
// computed here with this program's own arithmetic, independently of the engine.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

__extension__ typedef __int128 Int128;

constexpr int kDays = 31;  // March 2026
constexpr const char* kMonth = "2026-03";
constexpr int64_t kFloor = 100000;  // 1000.00 AED

std::string Amt(int64_t minor) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(minor / 100),
                static_cast<long long>(minor % 100));
  return buf;
}

std::string Iban(uint64_t n) {
  char bban[32];
  std::snprintf(bban, sizeof bban, "033%016llu", static_cast<unsigned long long>(n));
  unsigned rem = 0;
  for (const char* p = bban; *p; ++p) rem = (rem * 10 + static_cast<unsigned>(*p - '0')) % 97;
  for (const char* p = "101400"; *p; ++p) rem = (rem * 10 + static_cast<unsigned>(*p - '0')) % 97;
  char out[40];
  std::snprintf(out, sizeof out, "AE%02u%s", 98 - rem, bban);
  return out;
}

int64_t Floor(int64_t a, int64_t b, int64_t c) {
  return static_cast<int64_t>(static_cast<Int128>(a) * b / c);
}

// hours_centi × basic × 12 × 1250 / (6 × 800 × 52 × 1000): 6 days of 8 hours, rate 1.25.
int64_t OvertimeOwed(int64_t hours_centi, int64_t basic) {
  return static_cast<int64_t>(static_cast<Int128>(hours_centi) * basic * 12 * 1250 /
                              (static_cast<Int128>(6) * 800 * 52 * 1000));
}

enum Kind {
  kNone,
  kBelowBasic,
  kBelowAllowances,
  kOvertimeUnpaid,
  kOverCap,
  kUnlawful,
  kLate,
  kUnpaid,
  kBelowFloor,
  kUnknown,
  kNoActive,
  kDuplicate,
  kMissing,
  kPartial,
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: payroll_gen OUT_DIR [--contracts N] [--sif-employers K]\n";
    return 2;
  }
  const std::string dir = argv[1];
  uint64_t contracts = 3'000'000;
  uint64_t sif_employers = 20;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--contracts") == 0)
      contracts = std::strtoull(argv[i + 1], nullptr, 10);
    if (std::strcmp(argv[i], "--sif-employers") == 0) {
      sif_employers = std::strtoull(argv[i + 1], nullptr, 10);
    }
  }
  // 20% of the workers are paid through SIF files of large employers.
  const uint64_t sif_workers = contracts / 5;
  const uint64_t per_sif = sif_employers ? (sif_workers + sif_employers - 1) / sif_employers : 1;

  std::ofstream book(dir + "/contracts.csv");
  std::ofstream floors(dir + "/floors.csv");
  std::ofstream bulk(dir + "/bulk.csv");
  std::ofstream expected(dir + "/expected.txt");
  std::ofstream manifest(dir + "/manifest.txt");
  if (!book || !bulk || !expected || !manifest || !floors) {
    std::cerr << "payroll_gen: cannot write into " << dir << "\n";
    return 1;
  }
  floors << "country,isco_code,currency,amount\nAE,*,AED," << Amt(kFloor) << "\n";
  book << "contract_id,worker_id,person_id,employer_id,country,isco_code,currency,basic,housing,"
          "food,transport,other_allowance,hours_per_day,days_per_week,overtime_rate,start,end,"
          "payment_due_day,max_deduction_percent\n";
  bulk << "contract_ref,worker_id,employer_id,month,days_worked,unpaid_leave_days,basic,housing,"
          "food,transport,other_allowance,overtime_hours,overtime_pay,deductions,payment_date,"
          "payment_channel,currency\n";

  std::ofstream sif;
  uint64_t sif_index = 0;
  uint64_t sif_count = 0;
  int64_t sif_total = 0;
  uint64_t lines = 0;
  uint64_t planted = 0;
  auto sif_employer = [](uint64_t k) { return std::to_string(1000000000000ULL + k); };
  auto close_sif = [&]() {
    if (!sif.is_open()) return;
    // The control line's creation date is the day the salaries were credited, which is what
    // `corridor payroll check` takes for a SIF's payment date unless told otherwise.
    const char* paid_on = sif_index == 0 ? "2026-04-09" : "2026-04-05";
    sif << "SCR," << sif_employer(sif_index) << ",302210101," << paid_on << ",0900,032026,"
        << sif_count << "," << Amt(sif_total) << ",AED,BENCH\n";
    ++lines;
    sif.close();
    manifest << "sif sif-" << sif_index << ".sif employer=" << sif_employer(sif_index)
             << " paid_on=" << paid_on << "\n";
  };
  auto find = [&](const char* code, const std::string& worker, const std::string& exp,
                  const std::string& act) {
    expected << code << "," << worker << "," << kMonth << "," << exp << "," << act << "\n";
    ++planted;
  };
  auto money = [](int64_t m) { return Amt(m) + " AED"; };

  static const Kind kExtKinds[] = {
      kBelowBasic, kBelowAllowances, kOvertimeUnpaid, kOverCap,  kUnlawful,  kLate,
      kUnpaid,     kBelowFloor,      kUnknown,        kNoActive, kDuplicate, kMissing};
  static const Kind kSifKinds[] = {kPartial,  kUnpaid,    kBelowFloor, kUnknown,
                                   kNoActive, kDuplicate, kMissing};

  for (uint64_t i = 0; i < contracts; ++i) {
    const bool is_sif = i < sif_workers;
    Kind kind = kNone;
    if (i % 1000 == 500) {
      kind = is_sif ? kSifKinds[(i / 1000) % 7] : kExtKinds[(i / 1000) % 12];
    }
    const std::string w = "W" + std::to_string(i);
    const std::string cid = "C" + std::to_string(i);
    const std::string person = std::to_string(20000000000000ULL + i);
    std::string employer = is_sif ? sif_employer(i / per_sif) : "E" + std::to_string(i / 100);
    int64_t basic = (1500 + static_cast<int64_t>((i * 7919) % 1501)) * 100;
    int64_t housing = i % 3 == 0 ? 30000 : 0;
    const int64_t food = i % 4 == 0 ? 20000 : 0;
    const int64_t transport = i % 5 == 0 ? 10000 : 0;
    if (kind == kBelowAllowances) housing = 30000;
    if (kind == kBelowFloor) {
      basic = kFloor - 10000;
      housing = 0;
    }
    const int64_t food_c = kind == kBelowFloor ? 0 : food;
    const int64_t transport_c = kind == kBelowFloor ? 0 : transport;
    book << cid << "," << w << "," << person << "," << employer << ",AE,9313,AED," << Amt(basic)
         << "," << Amt(housing) << "," << Amt(food_c) << "," << Amt(transport_c)
         << ",0,8,6,1.25,2025-01-01,,7,50\n";
    const int64_t allow = housing + food_c + transport_c;

    // A normal line pays exactly what is owed; a few have unpaid leave, overtime, deductions.
    const int leave = (i % 10 == 3 && kind == kNone) ? 2 : 0;
    const int payable = kDays - leave;
    const int64_t owe_basic = Floor(basic, payable, kDays);
    const int64_t owe_allow = Floor(allow, payable, kDays);
    const int64_t owe_total = Floor(basic, kDays, kDays) + Floor(allow, kDays, kDays);

    if (kind == kMissing) {
      find("missing_worker", w, money(owe_total), money(0));
      continue;
    }

    if (is_sif) {
      const uint64_t k = i / per_sif;
      if (!sif.is_open() || k != sif_index) {
        close_sif();
        sif_index = k;
        sif_count = 0;
        sif_total = 0;
        sif.open(dir + "/sif-" + std::to_string(k) + ".sif");
      }
      const bool late_file = k == 0;
      auto edr = [&](const std::string& pid, uint64_t acct, int64_t fixed, int64_t variable,
                     int lv) {
        sif << "EDR," << pid << ",803510106,"
            << (acct % 2 ? std::to_string(4000000000000000ULL + acct) : Iban(acct))
            << ",2026-03-01,2026-03-31,31," << Amt(fixed) << "," << Amt(variable) << "," << lv
            << "\n";
        ++sif_count;
        ++lines;
        sif_total += fixed + variable;
      };
      int64_t fixed = owe_basic + owe_allow;
      int64_t variable = 0;
      if (kind == kPartial) --fixed;
      if (kind == kUnpaid) fixed = 0;
      const bool evp = kind == kNone && i % 10 == 6;
      if (evp) variable = 15000;
      edr(person, i, fixed, variable, leave);
      if (evp) {
        sif << "EVP," << person << ",803510106,0.00,0.00,0.00,0.00,150.00,0.00,0.00\n";
        ++lines;
      }
      if (kind == kPartial) find("partial", w, money(owe_basic + owe_allow), money(fixed));
      if (kind == kUnpaid) find("unpaid", w, money(owe_basic + owe_allow), money(0));
      if (kind == kBelowFloor) find("below_wage_floor", w, money(kFloor), money(fixed));
      if (late_file && kind != kUnpaid) find("late", w, "2026-04-07", "2026-04-09");
      if (kind == kUnknown) {
        edr(std::to_string(30000000000000ULL + i), i + 1, 120000, 0, 0);
        find("unknown_worker", std::to_string(30000000000000ULL + i), money(0), money(120000));
      }
      if (kind == kNoActive) {
        book << "CN" << i << ",WN" << i << "," << 40000000000000ULL + i << "," << employer
             << ",AE,9313,AED,1500.00,0,0,0,0,8,6,1.25,2025-01-01,2026-02-28,7,50\n";
        edr(std::to_string(40000000000000ULL + i), i + 2, 150000, 0, 0);
        find("no_active_contract", "WN" + std::to_string(i), money(0), money(150000));
      }
      if (kind == kDuplicate) {
        bulk << cid << "," << w << "," << employer << ",2026-03,31,0," << Amt(basic) << ","
             << Amt(housing) << "," << Amt(food_c) << "," << Amt(transport_c)
             << ",,0,0,,2026-04-05,bank,AED\n";
        ++lines;
        find("duplicate_line", w, money(0), money(basic + allow));
      }
      continue;
    }

    // Extended bulk line.
    int64_t b = owe_basic;
    int64_t h = Floor(housing, payable, kDays);
    const int64_t f = Floor(food_c, payable, kDays);
    const int64_t t = Floor(transport_c, payable, kDays);
    // The engine floors the allowances' sum; the line pays that sum (housing carries the rest).
    h += owe_allow - (h + f + t);
    std::string housing_text = Amt(h);
    int64_t ot_hours = 0;
    int64_t ot_pay = 0;
    std::string deductions;
    std::string pay_date = "2026-04-05";
    if (kind == kNone && i % 10 == 4) {
      ot_hours = 750;
      ot_pay = OvertimeOwed(ot_hours, basic);
    }
    if (kind == kNone && i % 10 == 5) deductions = "social_insurance:50.00";
    const int64_t gross_full = b + owe_allow;
    switch (kind) {
      case kBelowBasic:
        --b;
        find("below_contract_basic", w, money(owe_basic), money(b));
        break;
      case kBelowAllowances:
        housing_text = "in_kind";
        find("below_contract_allowances", w, money(owe_allow), money(owe_allow - h));
        break;
      case kOvertimeUnpaid:
        ot_hours = 1000;
        ot_pay = OvertimeOwed(ot_hours, basic) - 1;
        find("overtime_unpaid", w, money(ot_pay + 1), money(ot_pay));
        break;
      case kOverCap: {
        const int64_t ded = gross_full / 2 + 1;
        deductions = "advance_recovery:" + Amt(ded);
        find("deduction_over_cap", w, money(Floor(gross_full, 50, 100)), money(ded));
        break;
      }
      case kUnlawful:
        deductions = "recruitment_fee_recovery:100.00";
        find("deduction_unlawful_reason", w, money(0), money(10000));
        break;
      case kLate:
        pay_date = "2026-04-15";
        find("late", w, "2026-04-07", "2026-04-15");
        break;
      case kUnpaid:
        find("unpaid", w, money(owe_basic + owe_allow), money(0));
        b = 0;
        h = 0;
        housing_text = "0";
        break;
      case kBelowFloor:
        find("below_wage_floor", w, money(kFloor), money(b));
        break;
      default:
        break;
    }
    const int64_t f_out = kind == kUnpaid ? 0 : f;
    const int64_t t_out = kind == kUnpaid ? 0 : t;
    bulk << cid << "," << w << "," << employer << ",2026-03," << (kDays - leave) << "," << leave
         << "," << Amt(b) << "," << housing_text << "," << Amt(f_out) << "," << Amt(t_out) << ",,"
         << Amt(ot_hours) << "," << Amt(ot_pay) << "," << deductions << "," << pay_date
         << ",bank,AED\n";
    ++lines;
    if (kind == kUnknown) {
      bulk << "CU" << i << ",U" << i << "," << employer
           << ",2026-03,31,0,1200.00,,,,,0,0,,2026-04-05,bank,AED\n";
      ++lines;
      find("unknown_worker", "U" + std::to_string(i), money(0), money(120000));
    }
    if (kind == kNoActive) {
      book << "CN" << i << ",WN" << i << "," << 40000000000000ULL + i << "," << employer
           << ",AE,9313,AED,1500.00,0,0,0,0,8,6,1.25,2025-01-01,2026-02-28,7,50\n";
      bulk << "CN" << i << ",WN" << i << "," << employer
           << ",2026-03,31,0,1500.00,,,,,0,0,,2026-04-05,bank,AED\n";
      ++lines;
      find("no_active_contract", "WN" + std::to_string(i), money(0), money(150000));
    }
    if (kind == kDuplicate) {
      bulk << cid << "," << w << "," << employer << ",2026-03,31,0," << Amt(b) << ","
           << housing_text << "," << Amt(f) << "," << Amt(t) << ",,0,0,,2026-04-05,bank,AED\n";
      ++lines;
      find("duplicate_line", w, money(0), money(b + h + f + t));
    }
  }
  close_sif();
  manifest << "extended bulk.csv\n";
  std::cout << "contracts " << contracts << " lines " << lines << " planted_findings " << planted
            << "\n";
  return 0;
}
