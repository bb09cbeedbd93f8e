// Fuzz target for the extended payroll reader (docs/formats/payroll.md §2). Besides "no crash, no
// sanitizer report": an error is InvalidArgument naming its line; every line read holds values
// inside the format's ranges (days, deductions, amounts not negative) with its own line number
// increasing; the views of the previous line stay readable while the next one is read (the
// promise the reconciliation's read-ahead relies on, checked under AddressSanitizer).
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "fuzz_check.hpp"
#include "payroll/extended.hpp"

namespace {

using corridor::payroll::ExtendedLine;

size_t Touch(const ExtendedLine& l) {
  size_t n = l.contract_ref.size() + l.worker_id.size() + l.employer_id.size() + l.currency.size();
  for (int i = 0; i < l.deduction_count; ++i)
    n += l.deductions[static_cast<size_t>(i)].reason_text.size();
  // Reading every byte lets AddressSanitizer see a view into freed memory.
  size_t sum = 0;
  for (const char c : l.contract_ref) sum += static_cast<unsigned char>(c);
  for (const char c : l.worker_id) sum += static_cast<unsigned char>(c);
  for (const char c : l.currency) sum += static_cast<unsigned char>(c);
  return n + sum;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::istringstream in(text);
  corridor::payroll::ExtendedReader reader(in);
  ExtendedLine lines[2];
  int current = 0;
  bool have_previous = false;
  uint64_t last_line = 0;
  volatile size_t sink = 0;
  for (;;) {
    ExtendedLine& l = lines[current];
    const corridor::Result<bool> more = reader.Next(l);
    if (!more.ok()) {
      FUZZ_REQUIRE(more.status().code() == corridor::Code::kInvalidArgument);
      FUZZ_REQUIRE(more.status().message().rfind("line ", 0) == 0);
      break;
    }
    FUZZ_REQUIRE(reader.bytes_read() <= text.size());
    if (!*more) break;
    FUZZ_REQUIRE(l.line > last_line);
    last_line = l.line;
    FUZZ_REQUIRE(l.days_worked >= 0 && l.unpaid_leave_days >= 0);
    FUZZ_REQUIRE(l.deduction_count >= 0 && l.deduction_count <= corridor::payroll::kMaxDeductions);
    FUZZ_REQUIRE(l.basic >= 0 && l.overtime_pay >= 0 && l.overtime_hours_centi >= 0);
    for (const int64_t a : l.allowance) FUZZ_REQUIRE(a >= 0);
    FUZZ_REQUIRE(l.total_deductions() >= 0);
    FUZZ_REQUIRE(l.gross() >= l.basic);
    FUZZ_REQUIRE(!l.currency.empty());
    sink = sink + Touch(l);
    if (have_previous) sink = sink + Touch(lines[current ^ 1]);
    have_previous = true;
    current ^= 1;
  }
  return 0;
}
