#include "screening/watchlist.hpp"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <cctype>
#include <string>
#include <unordered_map>

#include "core/text.hpp"
#include "screening/embedded_data.hpp"

namespace corridor::screening {

std::string_view EntryKindName(EntryKind kind) {
  switch (kind) {
    case EntryKind::kPerson:
      return "person";
    case EntryKind::kEntity:
      return "entity";
    case EntryKind::kVessel:
      return "vessel";
    case EntryKind::kAircraft:
      return "aircraft";
    case EntryKind::kDocument:
      return "document";
  }
  return "?";
}

std::string_view NameQualityName(NameQuality quality) {
  switch (quality) {
    case NameQuality::kPrimary:
      return "primary";
    case NameQuality::kGood:
      return "good";
    case NameQuality::kLow:
      return "low";
  }
  return "?";
}

std::string_view ScriptName(Script script) {
  switch (script) {
    case Script::kLatin:
      return "Latin";
    case Script::kArabic:
      return "Arabic";
    case Script::kHebrew:
      return "Hebrew";
    case Script::kCyrillic:
      return "Cyrillic";
    case Script::kGreek:
      return "Greek";
    case Script::kDevanagari:
      return "Devanagari";
    case Script::kBengali:
      return "Bengali";
    case Script::kHan:
      return "Han";
    case Script::kHangul:
      return "Hangul";
    case Script::kKana:
      return "Kana";
    case Script::kThai:
      return "Thai";
    case Script::kOther:
      return "other";
    case Script::kUnknown:
      return "unknown";
  }
  return "?";
}

BirthDate BirthDate::Exact(Date d) {
  BirthDate b;
  b.kind = Kind::kExact;
  b.date = d;
  b.from_year = b.to_year = d.year();
  return b;
}

BirthDate BirthDate::Year(int year, bool approximate) {
  BirthDate b;
  b.kind = Kind::kYear;
  b.from_year = b.to_year = year;
  b.approximate = approximate;
  return b;
}

BirthDate BirthDate::Range(int from, int to) {
  BirthDate b;
  b.kind = Kind::kYearRange;
  b.from_year = from;
  b.to_year = to;
  return b;
}

std::string BirthDate::ToString() const {
  switch (kind) {
    case Kind::kExact:
      return date->ToString();
    case Kind::kYear:
      return (approximate ? "~" : "") + std::to_string(from_year);
    case Kind::kYearRange:
      return std::to_string(from_year) + ".." + std::to_string(to_year);
  }
  return "";
}

Result<int> ParseBirthYear(std::string_view text) {
  if (text.size() != 4 || !IsAsciiDigits(text)) {
    return Status::InvalidArgument("'" + std::string(text) + "' is not a four-digit year");
  }
  const int y = std::stoi(std::string(text));
  if (y < 1800 || y > 2200) {
    return Status::InvalidArgument("year " + std::string(text) + " is out of range");
  }
  return y;
}

Result<BirthDate> ParseBirthDate(std::string_view text) {
  text = TrimAscii(text);
  bool approximate = false;
  if (!text.empty() && text.front() == '~') {
    approximate = true;
    text.remove_prefix(1);
  }
  if (const auto dots = text.find(".."); dots != std::string_view::npos && !approximate) {
    ASSIGN_OR_RETURN(int from, ParseBirthYear(text.substr(0, dots)));
    ASSIGN_OR_RETURN(int to, ParseBirthYear(text.substr(dots + 2)));
    if (from > to) {
      return Status::InvalidArgument("year range " + std::string(text) + " runs backwards");
    }
    return BirthDate::Range(from, to);
  }
  if (text.size() == 4) {
    ASSIGN_OR_RETURN(int y, ParseBirthYear(text));
    return BirthDate::Year(y, approximate);
  }
  if (approximate) {
    return Status::InvalidArgument("'~' must be followed by a four-digit year");
  }
  auto d = Date::Parse(text);
  if (!d.ok()) {
    return Status::InvalidArgument("'" + std::string(text) +
                                   "' is not a date of birth (YYYY-MM-DD, YYYY, ~YYYY or "
                                   "YYYY..YYYY)");
  }
  return BirthDate::Exact(*d);
}

std::string NormalizeDocumentNumber(std::string_view number) {
  std::string out;
  out.reserve(number.size());
  for (char c : number) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      out.push_back(c);
    } else if (std::isalnum(u)) {
      out.push_back(static_cast<char>(std::toupper(u)));
    }
  }
  return out;
}

namespace {

std::string FoldCountryKey(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      if (space && !out.empty()) out.push_back(' ');
      space = false;
      out.push_back(static_cast<char>(std::tolower(u)));
    } else {
      space = true;
    }
  }
  return out;
}

std::unordered_map<std::string, std::string> BuildCountryTable() {
  std::unordered_map<std::string, std::string> table;
  auto* t = &table;
  {
    const icu::Locale english = icu::Locale::getEnglish();
    for (const char* const* c = icu::Locale::getISOCountries(); *c != nullptr; ++c) {
      const icu::Locale loc("", *c);
      const std::string a3 = loc.getISO3Country();
      if (a3.empty()) continue;
      icu::UnicodeString display;
      loc.getDisplayCountry(english, display);
      std::string name;
      display.toUTF8String(name);
      (*t)[FoldCountryKey(name)] = a3;
      (*t)[FoldCountryKey(*c)] = a3;
      (*t)[FoldCountryKey(a3)] = a3;
    }
    // The alias table: names as the UN and OFAC lists write them.
    const std::string_view data = EmbeddedCountryAliases();
    size_t pos = 0;
    while (pos < data.size()) {
      size_t end = data.find('\n', pos);
      if (end == std::string_view::npos) end = data.size();
      std::string_view line = TrimAscii(data.substr(pos, end - pos));
      pos = end + 1;
      if (line.empty() || line.front() == '#') continue;
      const size_t bar = line.find('|');
      if (bar == std::string_view::npos) continue;
      const std::string code(TrimAscii(line.substr(0, bar)));
      std::string_view rest = line.substr(bar + 1);
      while (!rest.empty()) {
        size_t b = rest.find('|');
        std::string_view alias = TrimAscii(rest.substr(0, b));
        if (!alias.empty()) (*t)[FoldCountryKey(alias)] = code;
        if (b == std::string_view::npos) break;
        rest.remove_prefix(b + 1);
      }
    }
  }
  return table;
}

const std::unordered_map<std::string, std::string>& CountryTable() {
  static const std::unordered_map<std::string, std::string> table = BuildCountryTable();
  return table;
}

}  // namespace

std::string CountryCode(std::string_view name_or_code) {
  const auto& table = CountryTable();
  auto it = table.find(FoldCountryKey(name_or_code));
  return it == table.end() ? std::string() : it->second;
}

}  // namespace corridor::screening
