// What every HTML page the node serves shares: the one HTML escaper, for text from records placed
// into the node's own pages (the public contract check, the printable contract), and the security
// headers of every HTML response (the portal's pages too).
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "http/message.hpp"

namespace corridor::http {

// Escapes the five characters that can end a text node or an attribute value, quoted with either
// quote: & < > " and '.
std::string HtmlEscape(std::string_view text);

// The Content-Security-Policy of every HTML page: scripts only from the node's own files (no
// inline script, no eval), styles from its files and the pages' own <style> blocks, no frames
// around it, no plugins, forms and requests only to the node itself.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// Sets Content-Security-Policy, X-Frame-Options (for browsers without frame-ancestors),
// Referrer-Policy and X-Content-Type-Options on an HTML response.
void AddHtmlSecurityHeaders(Response& r);

}  // namespace corridor::http
