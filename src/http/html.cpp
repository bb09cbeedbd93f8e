#include "http/html.hpp"

namespace corridor::http {

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

void AddHtmlSecurityHeaders(Response& r) {
  r.set_header("Content-Security-Policy", std::string(kContentSecurityPolicy));
  r.set_header("X-Frame-Options", "DENY");
  r.set_header("Referrer-Policy", "no-referrer");
  r.set_header("X-Content-Type-Options", "nosniff");
}

}  // namespace corridor::http
