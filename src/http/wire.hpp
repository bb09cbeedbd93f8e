// The bytes of HTTP/1.1 the server writes and the framing rules it checks, without sockets and
// without Beast: the Date header, field validity (RFC 9110 §5), the response head, and the
// request framing the server refuses (RFC 9112 §6). Used by the session (session.cpp).
// Thread-safety: pure functions (HttpDate keeps a per-thread cache).
#pragma once

#include <string>
#include <string_view>

#include "http/message.hpp"

namespace corridor::http::wire {

// IMF-fixdate (RFC 9110 §5.6.7) of now, computed once per second and thread.
std::string_view HttpDate();

// RFC 9110 §5.1: a field name is a non-empty token.
bool ValidFieldName(std::string_view name);
// RFC 9110 §5.5: no CR, LF or NUL in a field value (they would split the response).
bool ValidFieldValue(std::string_view value);
// Header fields the server owns: a handler's values for them are not sent.
bool ServerOwnedField(std::string_view name);

// The reason phrase of a status code ("Not Found"); "Unknown" for codes without one.
std::string_view Reason(int status);

// What is wrong with a request's Transfer-Encoding (RFC 9112 §6.1, §6.3), as the status and the
// problem's detail to answer with, or status 0 when the framing is acceptable. The server reads
// only `chunked`, alone: any other coding is 501; chunked not last, or Transfer-Encoding beside
// Content-Length, is 400 (either could make two parties disagree on where a request ends).
struct FramingError {
  int status = 0;
  std::string detail;
};
FramingError CheckTransferEncoding(std::string_view transfer_encoding, bool has_content_length,
                                   unsigned version);

// Everything the server adds to a response head besides the handler's fields.
struct HeadInfo {
  unsigned version = 11;  // 10 or 11
  bool keep_alive = true;
  std::string_view server_name;
  std::string_view request_id;
};

// The response's status line and header fields, ending with the blank line. Drops fields the
// server owns, adds Date, Server, X-Content-Type-Options, X-Request-Id, Cache-Control (no-store
// unless the handler set one), Content-Length (not for 204 and 304) and Connection. `keep_alive`
// is cleared when the handler asked for Connection: close. The body is cleared for 204 and 304.
std::string ResponseHead(Response& r, HeadInfo& info);

}  // namespace corridor::http::wire
