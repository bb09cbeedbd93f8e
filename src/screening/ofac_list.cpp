// The OFAC SDN parser: the main file and the alias file, both headerless CSV with "-0-" for an
// empty value, and the Remarks mini-language ("DOB 01 Jan 1970; nationality Iran; Passport A123
// (Iran); a.k.a. 'X'.").
#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <string>

#include "core/csv.hpp"
#include "core/text.hpp"
#include "screening/lists.hpp"
#include "screening/script.hpp"

namespace corridor::screening {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string Field(const std::string& raw) {
  std::string_view v = TrimAscii(raw);
  if (v == "-0-") return "";
  return std::string(v);
}

std::string_view StripDot(std::string_view s) {
  s = TrimAscii(s);
  while (!s.empty() && s.back() == '.') s.remove_suffix(1);
  return TrimAscii(s);
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::optional<int> Year4(std::string_view s) {
  if (s.size() != 4 || !IsAsciiDigits(s)) return std::nullopt;
  const int y = std::stoi(std::string(s));
  if (y < 1800 || y > 2200) return std::nullopt;
  return y;
}

// One OFAC date: "08 Sep 1966", "Oct 1966" or "1966". Sets year; sets date for the full form.
Status ParseOfacDate(std::string_view s, int& year, std::optional<Date>& date) {
  s = TrimAscii(s);
  const auto bad = [&] {
    return Status::InvalidArgument("'" + std::string(s) + "' is not a date");
  };
  if (auto y = Year4(s)) {
    year = *y;
    return Status::Ok();
  }
  size_t sp = s.find(' ');
  if (sp == std::string_view::npos) return bad();
  std::string_view first = s.substr(0, sp);
  std::string_view rest = TrimAscii(s.substr(sp + 1));
  int day = 0;
  if (IsAsciiDigits(first) && first.size() <= 2) {
    day = std::stoi(std::string(first));
    sp = rest.find(' ');
    if (sp == std::string_view::npos) return bad();
    first = rest.substr(0, sp);
    rest = TrimAscii(rest.substr(sp + 1));
  }
  int month = 0;
  for (size_t m = 0; m < kMonths.size(); ++m) {
    if (first == kMonths[m]) month = static_cast<int>(m) + 1;
  }
  auto y = Year4(rest);
  if (month == 0 || !y) return bad();
  year = *y;
  if (day != 0) {
    auto d = Date::FromYmd(*y, month, day);
    if (!d.ok()) return bad();
    date = *d;
  }
  return Status::Ok();
}

Result<BirthDate> ParseOfacDob(std::string_view text) {
  text = StripDot(text);
  bool circa = false;
  if (StartsWith(text, "circa ")) {
    circa = true;
    text = TrimAscii(text.substr(6));
  }
  size_t to = text.find(" to ");
  size_t sep = 4;
  if (to == std::string_view::npos && text.size() == 9 && text[4] == '-') {
    to = 4;  // "1979-1982"
    sep = 1;
  }
  if (to != std::string_view::npos) {
    int y1 = 0, y2 = 0;
    std::optional<Date> d1, d2;
    RETURN_IF_ERROR(ParseOfacDate(text.substr(0, to), y1, d1));
    RETURN_IF_ERROR(ParseOfacDate(text.substr(to + sep), y2, d2));
    if (y1 > y2) return Status::InvalidArgument("'" + std::string(text) + "' runs backwards");
    return BirthDate::Range(y1, y2);
  }
  int y = 0;
  std::optional<Date> d;
  RETURN_IF_ERROR(ParseOfacDate(text, y, d));
  if (d) {
    BirthDate b = BirthDate::Exact(*d);
    b.approximate = circa;
    return b;
  }
  return BirthDate::Year(y, circa);
}

std::string Country(std::string_view text) {
  text = StripDot(text);
  std::string code = CountryCode(text);
  return code.empty() ? std::string(text) : code;
}

// "A123 (Iran) expires 2020" -> number "A123", country "IRN".
std::optional<TravelDocument> ParseDocument(std::string_view type, std::string_view rest) {
  TravelDocument doc;
  doc.type = std::string(type);
  const size_t open = rest.find(" (");
  const size_t close = open == std::string_view::npos ? open : rest.find(')', open);
  if (open != std::string_view::npos && close != std::string_view::npos) {
    doc.number = std::string(TrimAscii(rest.substr(0, open)));
    doc.country = Country(rest.substr(open + 2, close - open - 2));
    doc.note = std::string(StripDot(rest.substr(close + 1)));
  } else {
    doc.number = std::string(StripDot(rest));
  }
  doc.key = NormalizeDocumentNumber(doc.number);
  if (doc.key.empty()) return std::nullopt;
  return doc;
}

}  // namespace

Result<OfacRemarks> ParseOfacRemarks(std::string_view remarks) {
  OfacRemarks out;
  static constexpr std::array<std::string_view, 8> kDocTypes = {"Passport",
                                                                "Diplomatic Passport",
                                                                "National ID No.",
                                                                "Cedula No.",
                                                                "Identification Number",
                                                                "Personal ID Card",
                                                                "National Foreign ID Number",
                                                                "Residency Number"};
  size_t pos = 0;
  while (pos <= remarks.size()) {
    size_t end = remarks.find(';', pos);
    if (end == std::string_view::npos) end = remarks.size();
    std::string_view seg = TrimAscii(remarks.substr(pos, end - pos));
    pos = end + 1;
    if (StartsWith(seg, "alt. ")) seg = TrimAscii(seg.substr(5));
    if (StartsWith(seg, "DOB ")) {
      auto dob = ParseOfacDob(seg.substr(4));
      if (!dob.ok()) return dob.status().WithContext("DOB");
      out.dobs.push_back(*dob);
    } else if (StartsWith(seg, "nationality ") || StartsWith(seg, "citizen ")) {
      const std::string c = Country(seg.substr(seg.find(' ') + 1));
      if (!c.empty() && std::find(out.nationalities.begin(), out.nationalities.end(), c) ==
                            out.nationalities.end()) {
        out.nationalities.push_back(c);
      }
    } else if (StartsWith(seg, "Gender ")) {
      const std::string_view g = StripDot(seg.substr(7));
      if (g == "Male") out.sex = Sex::kMale;
      if (g == "Female") out.sex = Sex::kFemale;
    } else if (StartsWith(seg, "a.k.a. '")) {
      std::string_view a = StripDot(seg.substr(8));
      if (!a.empty() && a.back() == '\'') a.remove_suffix(1);
      if (!a.empty()) out.aliases.emplace_back(a);
    } else {
      for (std::string_view type : kDocTypes) {
        if (StartsWith(seg, type) && seg.size() > type.size() + 1 && seg[type.size()] == ' ') {
          if (auto doc = ParseDocument(type, seg.substr(type.size() + 1))) {
            out.documents.push_back(std::move(*doc));
          }
          break;
        }
      }
    }
    if (end == remarks.size()) break;
  }
  return out;
}

namespace {

// "LAST, First Middle" -> {"First Middle LAST", parts {"First", "Middle", "LAST"}} for people;
// names of entities, vessels and aircraft are kept whole.
ListedName OfacName(const std::string& raw, bool person, NameQuality quality) {
  ListedName n;
  n.quality = quality;
  const size_t comma = person ? raw.find(", ") : std::string::npos;
  if (comma != std::string::npos) {
    const std::string last(TrimAscii(std::string_view(raw).substr(0, comma)));
    const std::string first(TrimAscii(std::string_view(raw).substr(comma + 2)));
    n.full = first.empty() ? last : first + " " + last;
    size_t p = 0;
    while (p < first.size()) {
      size_t e = first.find(' ', p);
      if (e == std::string::npos) e = first.size();
      if (e > p) n.parts.push_back(first.substr(p, e - p));
      p = e + 1;
    }
    n.parts.push_back(last);
  } else {
    n.full = raw;
  }
  n.script = DetectScript(n.full);
  return n;
}

}  // namespace

Result<std::vector<WatchlistEntry>> ParseOfacSdn(std::istream& sdn_csv, std::istream& alt_csv,
                                                 const ListLimits& limits) {
  std::vector<WatchlistEntry> out;
  std::map<std::string, size_t> by_id;
  CsvReader::Options options;
  options.max_field_bytes = limits.max_field_bytes;
  {
    CsvReader reader(sdn_csv, options);
    std::vector<std::string> f;
    for (;;) {
      ASSIGN_OR_RETURN(bool more, reader.Next(f));
      if (!more) break;
      const std::string line = "sdn line " + std::to_string(reader.record_line());
      if (f.size() == 1 && f[0] == "\x1a") continue;  // the DOS end-of-file mark OFAC ships
      if (f.size() != 12) {
        return Status::InvalidArgument(line + ": expected 12 columns, found " +
                                       std::to_string(f.size()));
      }
      WatchlistEntry e;
      e.list = "OFAC-SDN";
      e.entry_id = Field(f[0]);
      if (e.entry_id.empty() || !IsAsciiDigits(e.entry_id)) {
        return Status::InvalidArgument(line + ": ent_num '" + f[0] + "' is not a number");
      }
      if (by_id.count(e.entry_id) != 0) {
        return Status::InvalidArgument(line + ": ent_num " + e.entry_id + " appears twice");
      }
      const std::string name = Field(f[1]);
      if (name.empty()) return Status::InvalidArgument(line + ": SDN_Name is empty");
      const std::string type = Field(f[2]);
      if (type == "individual") {
        e.kind = EntryKind::kPerson;
      } else if (type == "vessel") {
        e.kind = EntryKind::kVessel;
      } else if (type == "aircraft") {
        e.kind = EntryKind::kAircraft;
      } else if (type.empty()) {
        e.kind = EntryKind::kEntity;
      } else {
        return Status::InvalidArgument(line + ": unknown SDN_Type '" + type + "'");
      }
      e.names.push_back(OfacName(name, e.kind == EntryKind::kPerson, NameQuality::kPrimary));
      e.reference = Field(f[3]);
      const std::string title = Field(f[4]);
      const std::string remarks = Field(f[11]);
      auto parsed = ParseOfacRemarks(remarks);
      if (!parsed.ok()) return parsed.status().WithContext(line + ": Remarks");
      e.dobs = std::move(parsed->dobs);
      e.nationalities = std::move(parsed->nationalities);
      e.documents = std::move(parsed->documents);
      e.sex = parsed->sex;
      for (const auto& a : parsed->aliases) {
        e.names.push_back(OfacName(a, false, NameQuality::kLow));
      }
      e.reason = title.empty() ? remarks : title + ". " + remarks;
      if (out.size() >= limits.max_entries) {
        return Status::ResourceExhausted("the list has more than " +
                                         std::to_string(limits.max_entries) + " entries");
      }
      by_id[e.entry_id] = out.size();
      out.push_back(std::move(e));
    }
  }
  {
    CsvReader reader(alt_csv, options);
    std::vector<std::string> f;
    for (;;) {
      ASSIGN_OR_RETURN(bool more, reader.Next(f));
      if (!more) break;
      const std::string line = "alt line " + std::to_string(reader.record_line());
      if (f.size() == 1 && f[0] == "\x1a") continue;
      if (f.size() != 5) {
        return Status::InvalidArgument(line + ": expected 5 columns, found " +
                                       std::to_string(f.size()));
      }
      const std::string id = Field(f[0]);
      auto it = by_id.find(id);
      if (it == by_id.end()) {
        return Status::InvalidArgument(line + ": ent_num '" + id + "' is not in the SDN file");
      }
      const std::string alt_type = Field(f[2]);
      const std::string alt_name = Field(f[3]);
      if (alt_name.empty()) return Status::InvalidArgument(line + ": alt_name is empty");
      if (alt_type != "aka" && alt_type != "fka" && alt_type != "nka") {
        return Status::InvalidArgument(line + ": unknown alt_type '" + alt_type + "'");
      }
      WatchlistEntry& e = out[it->second];
      const std::string remarks = Field(f[4]);
      const bool weak = remarks.find("weak") != std::string::npos;
      ListedName n = OfacName(alt_name, e.kind == EntryKind::kPerson,
                              weak ? NameQuality::kLow : NameQuality::kGood);
      bool dup = false;
      for (const auto& existing : e.names) dup = dup || existing.full == n.full;
      if (!dup) e.names.push_back(std::move(n));
    }
  }
  return out;
}

}  // namespace corridor::screening
