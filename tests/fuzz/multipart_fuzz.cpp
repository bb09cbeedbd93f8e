// Fuzz target for the multipart/form-data reader (RFC 7578) of payroll and list uploads. The
// input's first line is the Content-Type header's value, the rest the request body. Besides "no
// crash, no sanitizer report": a boundary is 1 to 70 characters; parts are at most `max_parts`,
// each named, its filename without directories, its body a view inside the request body that
// ends where a delimiter starts; an error names what is wrong.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "http/multipart.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const size_t eol = input.find('\n');
  const std::string_view content_type =
      std::string_view(input).substr(0, eol == std::string::npos ? input.size() : eol);
  const std::string_view body =
      eol == std::string::npos ? std::string_view() : std::string_view(input).substr(eol + 1);
  const corridor::Result<std::string> boundary = corridor::http::FormBoundary(content_type);
  if (!boundary.ok()) {
    FUZZ_REQUIRE(boundary.status().code() == corridor::Code::kInvalidArgument);
    return 0;
  }
  if (boundary->empty()) return 0;  // not multipart: the caller reads the body as is
  FUZZ_REQUIRE(boundary->size() <= 70);
  for (const size_t max_parts : {size_t{1}, size_t{4}}) {
    const auto parts = corridor::http::ParseFormData(body, *boundary, max_parts);
    if (!parts.ok()) {
      FUZZ_REQUIRE(parts.status().code() == corridor::Code::kInvalidArgument);
      FUZZ_REQUIRE(!parts.status().message().empty());
      continue;
    }
    FUZZ_REQUIRE(parts->size() <= max_parts);
    const std::string next_delimiter = "\r\n--" + *boundary;
    for (const corridor::http::FormPart& p : *parts) {
      FUZZ_REQUIRE(!p.name.empty());
      FUZZ_REQUIRE(p.filename.find('/') == std::string::npos);
      FUZZ_REQUIRE(p.filename.find('\\') == std::string::npos);
      FUZZ_REQUIRE(p.body.data() >= body.data());
      FUZZ_REQUIRE(p.body.data() + p.body.size() <= body.data() + body.size());
      const size_t end = static_cast<size_t>(p.body.data() - body.data()) + p.body.size();
      FUZZ_REQUIRE(body.substr(end, next_delimiter.size()) == next_delimiter);
    }
  }
  return 0;
}
