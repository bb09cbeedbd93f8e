#include "mrz/normalise.hpp"

#include <cstdio>

#include "core/text.hpp"
#include "mrz/mrz.hpp"

namespace corridor::mrz {
namespace internal {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

std::string_view Trim(std::string_view s) {
  size_t b = 0;
  size_t e = s.size();
  while (b < e && IsSpace(s[b])) ++b;
  while (e > b && IsSpace(s[e - 1])) --e;
  return s.substr(b, e - b);
}

bool IsMrzChar(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '<'; }

Status Error(std::string message) { return Status::InvalidArgument(std::move(message), "mrz"); }

std::string Where(size_t line, size_t column) {
  return "line " + std::to_string(line) + " column " + std::to_string(column);
}

// Finds the first character that is not an MRZ character (after upper-casing) and describes
// it: column in characters (code points when the line is valid UTF-8, else bytes).
Status CheckCharacters(std::string_view line, size_t line_no) {
  const bool utf8 = IsValidUtf8(line);
  size_t column = 0;
  for (size_t i = 0; i < line.size();) {
    ++column;
    const auto c = static_cast<unsigned char>(line[i]);
    if (c < 0x80) {
      const char upper = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : line[i];
      if (!IsMrzChar(upper)) {
        std::string what;
        if (c == ' ') {
          what = "a space";
        } else if (c == '\t') {
          what = "a tab";
        } else if (c < 0x20 || c == 0x7F) {
          char buf[16];
          std::snprintf(buf, sizeof buf, "U+%04X", c);
          what = std::string("control character ") + buf;
        } else {
          what = std::string("'") + static_cast<char>(c) + "'";
        }
        return Error(Where(line_no, column) + ": " + what +
                     " is not an MRZ character (only A-Z, 0-9 and < are)");
      }
      ++i;
      continue;
    }
    char buf[32];
    if (utf8) {
      size_t n = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
      uint32_t cp = n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
      for (size_t k = 1; k < n; ++k) {
        cp = cp << 6 | (static_cast<unsigned char>(line[i + k]) & 0x3F);
      }
      std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    } else {
      std::snprintf(buf, sizeof buf, "byte 0x%02X", c);
    }
    return Error(Where(line_no, column) + ": " + buf +
                 " is not an MRZ character (only A-Z, 0-9 and < are)");
  }
  return Status::Ok();
}

std::string Upper(std::string_view s, bool* changed) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
      *changed = true;
    }
  }
  return out;
}

std::vector<std::string> SplitJoined(const std::string& line, size_t width) {
  std::vector<std::string> out;
  for (size_t i = 0; i < line.size(); i += width) out.push_back(line.substr(i, width));
  return out;
}

// Lengths of a whole zone, for the pasted-with-spaces form: 2x44, 2x36 or 3x30.
bool IsZoneShape(const std::vector<std::string_view>& parts) {
  if (parts.size() == 2) {
    return parts[0].size() == parts[1].size() && (parts[0].size() == 44 || parts[0].size() == 36);
  }
  if (parts.size() == 3) {
    return parts[0].size() == 30 && parts[1].size() == 30 && parts[2].size() == 30;
  }
  return false;
}

std::vector<std::string_view> SplitOnSpace(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsSpace(s[i])) ++i;
    size_t j = i;
    while (j < s.size() && !IsSpace(s[j])) ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

Status CheckLengths(const std::vector<std::string>& lines) {
  const size_t n = lines.size();
  const size_t first = lines[0].size();
  if (n == 2) {
    if (first != 44 && first != 36) {
      if (first == 30) {
        return Error("line 1: 30 characters in a 2-line zone; a TD1 zone has 3 lines of 30");
      }
      return Error("line 1: " + std::to_string(first) +
                   " characters; a 2-line zone has lines of 44 (TD3, MRV-A) or 36 (TD2, MRV-B)");
    }
    if (lines[1].size() != first) {
      return Error("line 2: " + std::to_string(lines[1].size()) + " characters; line 1 has " +
                   std::to_string(first) + (first == 44 ? " (TD3, MRV-A)" : " (TD2, MRV-B)") +
                   ", so line 2 must have " + std::to_string(first) + " too");
    }
    return Status::Ok();
  }
  for (size_t i = 0; i < n; ++i) {
    if (lines[i].size() != 30) {
      return Error("line " + std::to_string(i + 1) + ": " + std::to_string(lines[i].size()) +
                   " characters; a 3-line zone (TD1) has lines of 30");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<NormalisedZone> Normalise(std::span<const std::string_view> input) {
  // Blank lines before and after the zone are dropped; one inside it is an error.
  size_t begin = 0;
  size_t end = input.size();
  while (begin < end && Trim(input[begin]).empty()) ++begin;
  while (end > begin && Trim(input[end - 1]).empty()) --end;
  if (begin == end) return Error("no MRZ lines (the input is empty or blank)");
  const size_t count = end - begin;
  std::vector<std::string_view> trimmed;
  for (size_t i = begin; i < end; ++i) {
    const std::string_view t = Trim(input[i]);
    if (t.empty()) {
      return Error("line " + std::to_string(i - begin + 1) +
                   " is blank; a zone has no blank line inside (blank lines separate zones)");
    }
    trimmed.push_back(t);
  }
  if (count > 3) {
    return Error(std::to_string(count) +
                 " lines; a zone has 2 lines (TD2, TD3, MRV-A, MRV-B) or 3 (TD1)");
  }

  NormalisedZone zone;
  bool lowered = false;
  if (count == 1) {
    const std::vector<std::string_view> parts = SplitOnSpace(trimmed[0]);
    if (parts.size() > 1 && IsZoneShape(parts)) {
      for (size_t i = 0; i < parts.size(); ++i) {
        RETURN_IF_ERROR(CheckCharacters(parts[i], i + 1));
        zone.lines.push_back(Upper(parts[i], &lowered));
      }
      zone.notes.push_back("the zone was given as one line with its " +
                           std::to_string(parts.size()) +
                           " lines separated by whitespace; it was split there");
    } else {
      RETURN_IF_ERROR(CheckCharacters(trimmed[0], 1));
      const std::string line = Upper(trimmed[0], &lowered);
      const size_t n = line.size();
      if (n == 90 || n == 88 || n == 72) {
        const size_t width = n == 90 ? 30 : n / 2;
        zone.lines = SplitJoined(line, width);
        zone.notes.push_back("the zone was given as one joined line of " + std::to_string(n) +
                             " characters and split into " + std::to_string(zone.lines.size()) +
                             " lines of " + std::to_string(width) +
                             "; positions refer to the split lines");
      } else if (n == 44 || n == 36 || n == 30) {
        return Error("line 1: one line of " + std::to_string(n) + " characters; a " +
                     (n == 44   ? std::string("TD3 or MRV-A zone has 2 lines of 44")
                      : n == 36 ? std::string("TD2 or MRV-B zone has 2 lines of 36")
                                : std::string("TD1 zone has 3 lines of 30")));
      } else {
        return Error("line 1: " + std::to_string(n) +
                     " characters in one line; a zone given as one line must have 90 (TD1), "
                     "88 (TD3, MRV-A) or 72 (TD2, MRV-B)");
      }
    }
  } else {
    for (size_t i = 0; i < count; ++i) {
      RETURN_IF_ERROR(CheckCharacters(trimmed[i], i + 1));
      zone.lines.push_back(Upper(trimmed[i], &lowered));
    }
    RETURN_IF_ERROR(CheckLengths(zone.lines));
  }
  if (lowered) zone.notes.push_back("lower-case letters were read as upper case");
  return zone;
}

}  // namespace internal

Result<std::vector<std::string>> NormaliseLines(std::span<const std::string_view> lines) {
  ASSIGN_OR_RETURN(internal::NormalisedZone zone, internal::Normalise(lines));
  return std::move(zone.lines);
}

std::vector<TextBlock> SplitDocuments(std::string_view text) {
  std::vector<TextBlock> blocks;
  int line_no = 0;
  size_t pos = 0;
  bool in_block = false;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = nl + 1;
    ++line_no;
    if (internal::Trim(line).empty()) {
      in_block = false;
      continue;
    }
    if (!in_block) {
      blocks.push_back({line_no, {}});
      in_block = true;
    }
    blocks.back().lines.push_back(line);
  }
  return blocks;
}

}  // namespace corridor::mrz
