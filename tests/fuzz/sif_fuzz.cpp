// Fuzz target for the SIF payroll reader (docs/formats/payroll.md §1), in a two-decimal and a
// three-decimal currency. Besides "no crash, no sanitizer report": an error is InvalidArgument
// naming its line; a file read to the end has as many employees as its SCR counts and their
// fixed and variable income add up to the SCR's total; every employee's pay period is inside the
// salary month's bounds the reader checked (start not after end) and amounts are not negative;
// the reader never reads past the input.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "fuzz_check.hpp"
#include "payroll/sif.hpp"

namespace {

void Read(const std::string& text, const char* currency) {
  std::istringstream in(text);
  corridor::payroll::SifReader reader(in, currency);
  corridor::payroll::SifEmployee e;
  int64_t count = 0;
  int64_t total = 0;
  for (;;) {
    const corridor::Result<bool> more = reader.Next(e);
    if (!more.ok()) {
      FUZZ_REQUIRE(more.status().code() == corridor::Code::kInvalidArgument);
      FUZZ_REQUIRE(more.status().message().rfind("line ", 0) == 0);
      return;
    }
    FUZZ_REQUIRE(reader.bytes_read() <= text.size());
    if (!*more) break;
    ++count;
    FUZZ_REQUIRE(!e.employee_id.empty());
    FUZZ_REQUIRE(!(e.pay_end < e.pay_start));
    FUZZ_REQUIRE(e.fixed_income >= 0 && e.variable_income >= 0);
    FUZZ_REQUIRE(e.regular_pay() >= 0);
    FUZZ_REQUIRE(!__builtin_add_overflow(total, e.fixed_income + e.variable_income, &total));
  }
  const corridor::payroll::SifControl& scr = reader.control();
  FUZZ_REQUIRE(scr.edr_count == count);
  FUZZ_REQUIRE(scr.total_salary == total);
  FUZZ_REQUIRE(scr.currency == currency);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;  // the reader streams; long inputs only slow the search
  const std::string text(reinterpret_cast<const char*>(data), size);
  Read(text, "AED");
  Read(text, "KWD");
  return 0;
}
