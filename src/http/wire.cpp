#include "http/wire.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <vector>

namespace corridor::http::wire {
namespace {

bool IsTokenChar(unsigned char c) {
  if (c >= '0' && c <= '9') return true;
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string_view HttpDate() {
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  thread_local std::time_t cached = -1;
  thread_local std::array<char, 64> text{};
  const std::time_t now = std::time(nullptr);
  if (now != cached) {
    std::tm t{};
    gmtime_r(&now, &t);
    std::snprintf(text.data(), text.size(), "%s, %02d %s %04d %02d:%02d:%02d GMT",
                  kDays[static_cast<size_t>(t.tm_wday) % 7], t.tm_mday,
                  kMonths[static_cast<size_t>(t.tm_mon) % 12], t.tm_year + 1900, t.tm_hour,
                  t.tm_min, t.tm_sec);
    cached = now;
  }
  return text.data();
}

bool ValidFieldName(std::string_view name) {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return IsTokenChar(static_cast<unsigned char>(c)); });
}

bool ValidFieldValue(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

bool ServerOwnedField(std::string_view name) {
  return EqualsIgnoreCase(name, "content-length") || EqualsIgnoreCase(name, "transfer-encoding") ||
         EqualsIgnoreCase(name, "connection") || EqualsIgnoreCase(name, "date") ||
         EqualsIgnoreCase(name, "server") || EqualsIgnoreCase(name, "x-request-id");
}

std::string_view Reason(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 416:
      return "Range Not Satisfiable";
    case 422:
      return "Unprocessable Entity";
    case 428:
      return "Precondition Required";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "Unknown";
  }
}

FramingError CheckTransferEncoding(std::string_view te, bool has_content_length, unsigned version) {
  if (te.empty()) return {};
  if (version < 11) {
    return {400, "Transfer-Encoding is not defined for HTTP/1.0 requests."};
  }
  // The codings in order; the header may also have been sent as several lines, which the parser
  // joins with commas.
  std::vector<std::string_view> codings;
  size_t start = 0;
  while (start <= te.size()) {
    size_t comma = te.find(',', start);
    if (comma == std::string_view::npos) comma = te.size();
    const std::string_view coding = Trim(te.substr(start, comma - start));
    if (!coding.empty()) codings.push_back(coding);
    start = comma + 1;
  }
  if (codings.empty()) return {400, "The Transfer-Encoding header is empty."};
  if (!EqualsIgnoreCase(codings.back(), "chunked")) {
    return {400, "The request's final transfer coding must be chunked (RFC 9112 6.3)."};
  }
  for (size_t i = 0; i + 1 < codings.size(); ++i) {
    if (EqualsIgnoreCase(codings[i], "chunked")) {
      return {400, "The chunked transfer coding may be applied only once (RFC 9112 7)."};
    }
    return {501, "The transfer coding '" + std::string(codings[i].substr(0, 40)) +
                     "' is not supported; send the body with chunked alone or Content-Length."};
  }
  if (has_content_length) {
    return {400, "A request may not carry both Transfer-Encoding and Content-Length."};
  }
  return {};
}

std::string ResponseHead(Response& r, HeadInfo& info) {
  // Written by hand into one string: Beast's serializer walks a concatenation of buffer sequences
  // per field, which costs more than the request's parsing.
  std::string out;
  out.reserve(256);
  out += info.version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  out += std::to_string(r.status);
  out += ' ';
  out += Reason(r.status);
  out += "\r\n";
  auto field = [&out](std::string_view name, std::string_view value) {
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  };
  bool cache_control = false;
  bool content_type = false;
  for (const auto& h : r.headers) {
    if (EqualsIgnoreCase(h.name, "connection")) {
      if (EqualsIgnoreCase(h.value, "close")) info.keep_alive = false;
      continue;
    }
    if (ServerOwnedField(h.name)) continue;
    if (EqualsIgnoreCase(h.name, "cache-control")) cache_control = true;
    if (EqualsIgnoreCase(h.name, "content-type")) content_type = true;
    field(h.name, h.value);
  }
  if (!content_type && !r.content_type.empty()) field("Content-Type", r.content_type);
  field("Date", HttpDate());
  field("Server", info.server_name);
  field("X-Content-Type-Options", "nosniff");
  if (!info.request_id.empty()) field("X-Request-Id", info.request_id);
  if (!cache_control) field("Cache-Control", "no-store");
  // RFC 9110 6.4.1 and 8.6: 204 and 304 have no content and a 204 no Content-Length.
  if (r.status == 204 || r.status == 304) {
    r.body.clear();
  } else {
    field("Content-Length", std::to_string(r.body.size()));
  }
  if (!info.keep_alive && info.version >= 11) field("Connection", "close");
  if (info.keep_alive && info.version == 10) field("Connection", "keep-alive");
  out += "\r\n";
  return out;
}

}  // namespace corridor::http::wire
