// The national-list and lost/stolen-document CSV (docs/formats/watchlists.md).
#include <set>
#include <string>

#include "core/csv.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "screening/lists.hpp"
#include "screening/script.hpp"

namespace corridor::screening {
namespace {

std::vector<std::string_view> SplitList(std::string_view s) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t end = s.find(';', pos);
    if (end == std::string_view::npos) end = s.size();
    std::string_view item = TrimAscii(s.substr(pos, end - pos));
    if (!item.empty()) out.push_back(item);
    pos = end + 1;
  }
  return out;
}

}  // namespace

Result<std::vector<WatchlistEntry>> ParseNationalList(std::istream& csv, const ListLimits& limits) {
  CsvReader::Options options;
  options.max_field_bytes = limits.max_field_bytes;
  options.skip_comment_lines = true;
  CsvReader reader(csv, options);
  std::vector<std::string> row;
  ASSIGN_OR_RETURN(bool any, reader.Next(row));
  if (!any) return Status::InvalidArgument("line 1: the file is empty (a header is required)");
  ASSIGN_OR_RETURN(
      CsvHeader header,
      CsvHeader::From(row, {"list_id", "entry_id", "kind"},
                      {"full_name", "aliases", "date_of_birth", "nationality", "sex",
                       "document_type", "document_number", "document_country", "reason"}));
  std::vector<WatchlistEntry> out;
  std::set<std::pair<std::string, std::string>> seen;
  for (;;) {
    ASSIGN_OR_RETURN(bool more, reader.Next(row));
    if (!more) break;
    const std::string line = "line " + std::to_string(reader.record_line());
    const auto error = [&](std::string_view field, const std::string& what) {
      std::string message = line;
      message.append(": ").append(field).append(": ").append(what);
      return Status::InvalidArgument(std::move(message), std::string(field));
    };
    if (row.size() != header.size()) {
      return Status::InvalidArgument(line + ": expected " + std::to_string(header.size()) +
                                     " columns, found " + std::to_string(row.size()));
    }
    WatchlistEntry e;
    e.list = std::string(TrimAscii(header.Get(row, "list_id")));
    e.entry_id = std::string(TrimAscii(header.Get(row, "entry_id")));
    if (Status s = CheckIdText(e.list); !s.ok()) return error("list_id", s.message());
    if (Status s = CheckIdText(e.entry_id); !s.ok()) return error("entry_id", s.message());
    if (!seen.insert({e.list, e.entry_id}).second) {
      return error("entry_id", "'" + e.entry_id + "' appears twice in list '" + e.list + "'");
    }
    const std::string_view kind = TrimAscii(header.Get(row, "kind"));
    if (kind == "person") {
      e.kind = EntryKind::kPerson;
    } else if (kind == "entity") {
      e.kind = EntryKind::kEntity;
    } else if (kind == "document") {
      e.kind = EntryKind::kDocument;
    } else {
      return error("kind", "'" + std::string(kind) + "' is not person, entity or document");
    }
    const std::string_view full = TrimAscii(header.Get(row, "full_name"));
    if (!full.empty()) {
      ListedName n;
      n.full = std::string(full);
      n.script = DetectScript(n.full);
      e.names.push_back(std::move(n));
    }
    for (std::string_view a : SplitList(header.Get(row, "aliases"))) {
      ListedName n;
      n.full = std::string(a);
      n.quality = NameQuality::kGood;
      n.script = DetectScript(n.full);
      e.names.push_back(std::move(n));
    }
    if (e.kind != EntryKind::kDocument && e.names.empty()) {
      return error("full_name", "a " + std::string(kind) + " entry needs a name");
    }
    for (std::string_view d : SplitList(header.Get(row, "date_of_birth"))) {
      auto dob = ParseBirthDate(d);
      if (!dob.ok()) return error("date_of_birth", dob.status().message());
      e.dobs.push_back(*dob);
    }
    for (std::string_view c : SplitList(header.Get(row, "nationality"))) {
      const std::string code = CountryCode(c);
      if (code.empty()) return error("nationality", "unknown country '" + std::string(c) + "'");
      e.nationalities.push_back(code);
    }
    const std::string_view sex = TrimAscii(header.Get(row, "sex"));
    if (sex == "M") {
      e.sex = Sex::kMale;
    } else if (sex == "F") {
      e.sex = Sex::kFemale;
    } else if (!sex.empty()) {
      return error("sex", "'" + std::string(sex) + "' is not M, F or empty");
    }
    const std::string_view number = TrimAscii(header.Get(row, "document_number"));
    if (!number.empty()) {
      TravelDocument doc;
      doc.type = std::string(TrimAscii(header.Get(row, "document_type")));
      doc.number = std::string(number);
      doc.key = NormalizeDocumentNumber(number);
      if (doc.key.empty()) return error("document_number", "has no letters or digits");
      const std::string_view country = TrimAscii(header.Get(row, "document_country"));
      if (!country.empty()) {
        doc.country = CountryCode(country);
        if (doc.country.empty()) {
          return error("document_country", "unknown country '" + std::string(country) + "'");
        }
      }
      e.documents.push_back(std::move(doc));
    } else if (e.kind == EntryKind::kDocument) {
      return error("document_number", "a document entry needs a document number");
    }
    e.reason = std::string(TrimAscii(header.Get(row, "reason")));
    if (out.size() >= limits.max_entries) {
      return Status::ResourceExhausted(line + ": the list has more than " +
                                       std::to_string(limits.max_entries) + " entries");
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace corridor::screening
