#include "http/multipart.hpp"

#include <algorithm>
#include <optional>

#include "http/message.hpp"

namespace corridor::http {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The value of parameter `key` in "type; a=1; b=\"two\"" (quotes and backslash escapes removed),
// or nullopt.
std::optional<std::string> Parameter(std::string_view header, std::string_view key) {
  size_t pos = header.find(';');
  while (pos != std::string_view::npos) {
    std::string_view rest = header.substr(pos + 1);
    const size_t eq = rest.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    const std::string_view k = Trim(rest.substr(0, eq));
    rest = rest.substr(eq + 1);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    std::string value;
    size_t used = 0;
    if (!rest.empty() && rest.front() == '"') {
      size_t i = 1;
      for (; i < rest.size() && rest[i] != '"'; ++i) {
        if (rest[i] == '\\' && i + 1 < rest.size()) ++i;
        value.push_back(rest[i]);
      }
      if (i >= rest.size()) return std::nullopt;  // unterminated quote
      used = i + 1;
    } else {
      used = std::min(rest.find(';'), rest.size());
      value = std::string(Trim(rest.substr(0, used)));
    }
    if (EqualsIgnoreCase(k, key)) return value;
    const size_t next = rest.find(';', used);
    if (next == std::string_view::npos) return std::nullopt;
    pos = static_cast<size_t>(rest.data() + next - header.data());
  }
  return std::nullopt;
}

std::string BaseName(const std::string& name) {
  const size_t slash = name.find_last_of("/\\");
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

// The next "\r\n--boundary" from `from` that is a delimiter: followed by "--", or by optional
// spaces and a line break (RFC 2046 section 5.1.1). A lookalike inside a file is content.
size_t FindDelimiter(std::string_view body, const std::string& next_delimiter, size_t from) {
  while (true) {
    const size_t at = body.find(next_delimiter, from);
    if (at == std::string_view::npos) return at;
    size_t after = at + next_delimiter.size();
    if (body.substr(after, 2) == "--") return at;
    while (after < body.size() && (body[after] == ' ' || body[after] == '\t')) ++after;
    if (body.substr(after, 2) == "\r\n") return at;
    from = at + 1;
  }
}

}  // namespace

Result<std::string> FormBoundary(std::string_view content_type) {
  const std::string_view base = Trim(content_type.substr(0, content_type.find(';')));
  if (!EqualsIgnoreCase(base, "multipart/form-data")) return std::string();
  auto b = Parameter(content_type, "boundary");
  if (!b || b->empty() || b->size() > 70) {
    return Status::InvalidArgument("multipart/form-data needs a boundary of 1 to 70 characters",
                                   "Content-Type");
  }
  return *b;
}

Result<std::vector<FormPart>> ParseFormData(std::string_view body, std::string_view boundary,
                                            size_t max_parts) {
  const std::string delimiter = "--" + std::string(boundary);
  const std::string next_delimiter = "\r\n" + delimiter;
  // The first delimiter opens the body or follows a preamble's line break.
  size_t pos = 0;
  if (body.substr(0, delimiter.size()) != delimiter) {
    pos = FindDelimiter(body, next_delimiter, 0);
    if (pos == std::string_view::npos) {
      return Status::InvalidArgument("the body has no part opened by its boundary", "body");
    }
    pos += 2;
  }
  std::vector<FormPart> parts;
  while (true) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") return parts;  // the closing delimiter
    const std::string where = "part " + std::to_string(parts.size() + 1);
    // Linear white space may follow a delimiter before its line break.
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (body.substr(pos, 2) != "\r\n") {
      return Status::InvalidArgument(where + ": the boundary is not followed by a line break",
                                     "body");
    }
    pos += 2;
    if (parts.size() == max_parts) {
      return Status::InvalidArgument(
          "more than " + std::to_string(max_parts) + " parts; at most that many are accepted",
          "body");
    }
    const size_t headers_end = body.find("\r\n\r\n", pos);
    const size_t end = FindDelimiter(body, next_delimiter, pos);
    if (end == std::string_view::npos) {
      return Status::InvalidArgument(where + ": the body ends before the closing boundary", "body");
    }
    FormPart part;
    bool disposition = false;
    size_t content = 0;
    // A part is its headers, then an empty line and its body, or no body at all: headers
    // followed at once by the delimiter, whose line break ends the last header line's empty
    // line too (RFC 2046 section 5.1.1: body-part := headers [CRLF *OCTET]).
    if (body.substr(pos, 2) == "\r\n") {
      content = std::min(pos + 2, end);  // no headers at all
    } else {
      if (headers_end == std::string_view::npos || headers_end + 2 > end) {
        return Status::InvalidArgument(where + ": its headers do not end with an empty line",
                                       "body");
      }
      std::string_view headers = body.substr(pos, headers_end - pos);
      content = std::min(headers_end + 4, end);
      while (!headers.empty()) {
        const size_t eol = std::min(headers.find("\r\n"), headers.size());
        const std::string_view line = headers.substr(0, eol);
        headers.remove_prefix(std::min(eol + 2, headers.size()));
        const size_t colon = line.find(':');
        if (colon == std::string_view::npos) {
          return Status::InvalidArgument(where + ": a header line has no ':'", "body");
        }
        if (!EqualsIgnoreCase(Trim(line.substr(0, colon)), "Content-Disposition")) continue;
        const std::string_view value = Trim(line.substr(colon + 1));
        if (!EqualsIgnoreCase(Trim(value.substr(0, value.find(';'))), "form-data")) {
          return Status::InvalidArgument(where + ": Content-Disposition is not form-data", "body");
        }
        auto name = Parameter(value, "name");
        if (!name || name->empty()) {
          return Status::InvalidArgument(where + ": Content-Disposition has no name", "body");
        }
        part.name = *name;
        part.filename = BaseName(Parameter(value, "filename").value_or(""));
        disposition = true;
      }
    }
    if (!disposition) {
      return Status::InvalidArgument(where + ": it has no Content-Disposition", "body");
    }
    part.body = body.substr(content, end - content);
    parts.push_back(std::move(part));
    pos = end + 2;
  }
}

}  // namespace corridor::http
