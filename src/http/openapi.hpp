// The API's OpenAPI 3.1 document (docs/openapi.yaml), embedded at build time as JSON.
// Thread-safety: a constant.
#pragma once

#include <string_view>

namespace corridor::http {

std::string_view OpenApiJson();

}  // namespace corridor::http
