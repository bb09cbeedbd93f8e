// Fuzz target for the JSON parser and writers (docs/formats/json.md): any bytes, parsed with the
// default limits and with small ones. Besides "no crash, no sanitizer report", it checks what the
// module promises: an error names its line and column (a text over the size limit: its size); a
// parsed value is fit for canonical form, and its canonical, compact and pretty forms all parse
// back to the same value; the canonical form of that is the same bytes again (RFC 8785 is a fixed
// point).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "json/json.hpp"

namespace {

using corridor::json::Value;

void Check(std::string_view text, const corridor::json::ParseLimits& limits) {
  const corridor::Result<Value> v = corridor::json::Parse(text, limits);
  if (!v.ok()) {
    FUZZ_REQUIRE(v.status().code() == corridor::Code::kInvalidArgument);
    // An error names its line and column, except the size limit's, which is the whole text's.
    const std::string& message = v.status().message();
    FUZZ_REQUIRE(
        message.rfind("line ", 0) == 0 ||
        (text.size() > limits.max_bytes &&
         message.rfind("the document is " + std::to_string(text.size()) + " bytes", 0) == 0));
    return;
  }
  FUZZ_REQUIRE(corridor::json::CheckIJson(*v, limits.max_depth).ok());
  const std::string canonical = corridor::json::Canonical(*v);
  for (const std::string& form :
       {canonical, corridor::json::Write(*v), corridor::json::WritePretty(*v)}) {
    corridor::json::ParseLimits relaxed = limits;
    relaxed.max_bytes = form.size() + 1;  // the pretty form may be longer than the input
    const corridor::Result<Value> again = corridor::json::Parse(form, relaxed);
    FUZZ_REQUIRE(again.ok());
    FUZZ_REQUIRE(*again == *v);
    FUZZ_REQUIRE(corridor::json::Canonical(*again) == canonical);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Check(text, corridor::json::ParseLimits{});
  corridor::json::ParseLimits small;
  small.max_bytes = 512;
  small.max_depth = 4;
  small.max_string_bytes = 16;
  Check(text, small);
  return 0;
}
