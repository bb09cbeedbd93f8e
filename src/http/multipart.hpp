// Reads a multipart/form-data body (RFC 7578) into its parts: the files of an upload sent by a
// browser's FormData or `curl -F`. The whole body is in memory already (the server caps it), so
// parts are views into it; nothing is copied. Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace corridor::http {

struct FormPart {
  std::string name;       // the form field's name
  std::string filename;   // the file's name as sent (may be empty), directories removed
  std::string_view body;  // a view into the request body
};

// The boundary of a `multipart/form-data; boundary=...` content type, or "" for another type.
// A multipart type without a usable boundary (missing, empty, over 70 characters) is an error.
Result<std::string> FormBoundary(std::string_view content_type);

// Splits `body` at `boundary`. Each part needs a Content-Disposition of form-data with a name;
// the body must end with the closing delimiter. At most `max_parts` parts. Errors name the part
// (1-based) and what is wrong.
Result<std::vector<FormPart>> ParseFormData(std::string_view body, std::string_view boundary,
                                            size_t max_parts);

}  // namespace corridor::http
