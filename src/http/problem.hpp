// The one table from Status codes to HTTP: every error a client sees is an RFC 9457
// application/problem+json document with a stable `type`, a `title`, the `status`, a safe
// `detail`, and the offending `field` where there is one. Internal detail (SQL, paths) goes to
// the log only.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/status.hpp"
#include "http/message.hpp"

namespace corridor::http {

struct ProblemKind {
  int status;
  const char* slug;  // the `type` is "/problems/<slug>"
  const char* title;
};

ProblemKind ProblemFor(Code code);

// The response for a non-OK status; logs the internal detail of server-side failures, naming the
// request (core/log.hpp).
Response Problem(const Status& s, std::string_view request_id = {});
// A problem without a Status (routing: 404 for an unknown path, 405 with Allow).
Response Problem(int status, const char* slug, const char* title, const std::string& detail);

}  // namespace corridor::http
