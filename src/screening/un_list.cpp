// The UN consolidated list parser: libxml2's streaming reader walks the document and expands one
// INDIVIDUAL or ENTITY element at a time into a small tree, so memory stays bounded by the
// largest record, not by the file.
#include <libxml/parser.h>
#include <libxml/xmlreader.h>

#include <cctype>
#include <mutex>
#include <set>
#include <string>

#include "core/text.hpp"
#include "screening/lists.hpp"
#include "screening/script.hpp"

namespace corridor::screening {
namespace {

struct IoContext {
  std::istream* in;
};

int ReadCallback(void* ctx, char* buffer, int len) {
  auto* io = static_cast<IoContext*>(ctx);
  io->in->read(buffer, len);
  if (io->in->bad()) return -1;
  return static_cast<int>(io->in->gcount());
}

int CloseCallback(void*) { return 0; }

struct ErrorSink {
  std::string message;
  int line = 0;
};

void ErrorCallback(void* arg, const char* msg, xmlParserSeverities severity,
                   xmlTextReaderLocatorPtr locator) {
  auto* sink = static_cast<ErrorSink*>(arg);
  if (severity != XML_PARSER_SEVERITY_ERROR && severity != XML_PARSER_SEVERITY_VALIDITY_ERROR) {
    return;  // warnings do not stop the load
  }
  if (!sink->message.empty()) return;  // keep the first
  sink->message = msg == nullptr ? "malformed XML" : msg;
  while (!sink->message.empty() && std::isspace(static_cast<unsigned char>(sink->message.back()))) {
    sink->message.pop_back();
  }
  sink->line = xmlTextReaderLocatorLineNumber(locator);
}

std::string_view Name(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }

// The trimmed text of an element, with runs of white space (the list wraps long values over
// lines) reduced to one space.
std::string Text(const xmlNode* n) {
  xmlChar* raw = xmlNodeGetContent(n);
  std::string out;
  if (raw != nullptr) {
    bool space = false;
    for (const xmlChar* p = raw; *p != 0; ++p) {
      if (std::isspace(*p)) {
        space = true;
        continue;
      }
      if (space && !out.empty()) out.push_back(' ');
      space = false;
      out.push_back(static_cast<char>(*p));
    }
    xmlFree(raw);
  }
  return out;
}

const xmlNode* Child(const xmlNode* parent, std::string_view name) {
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && Name(c) == name) return c;
  }
  return nullptr;
}

std::string ChildText(const xmlNode* parent, std::string_view name) {
  const xmlNode* c = Child(parent, name);
  return c == nullptr ? std::string() : Text(c);
}

Status ElementError(const xmlNode* n, std::string_view path, const std::string& what) {
  return Status::InvalidArgument("line " + std::to_string(xmlGetLineNo(n)) + ": " +
                                 std::string(path) + ": " + what);
}

// "2015-04-07" or with an xs:date time-zone suffix, "2015-04-07-04:00".
Result<Date> ParseXsDate(std::string_view text) {
  if (text.size() > 10) {
    const std::string_view tz = text.substr(10);
    const bool zone = tz == "Z" || ((tz[0] == '+' || tz[0] == '-') && tz.size() == 6);
    if (!zone) return Status::InvalidArgument("'" + std::string(text) + "' is not a date");
    text = text.substr(0, 10);
  }
  auto d = Date::Parse(text);
  if (!d.ok()) return Status::InvalidArgument("'" + std::string(text) + "' is not a date");
  return *d;
}

// The first four-digit number of a note such as "Nov. 1973" or "August 1961".
std::optional<int> YearInNote(std::string_view note) {
  for (size_t i = 0; i + 4 <= note.size(); ++i) {
    if (IsAsciiDigits(note.substr(i, 4)) && (i + 4 == note.size() || !std::isdigit(note[i + 4])) &&
        (i == 0 || !std::isdigit(static_cast<unsigned char>(note[i - 1])))) {
      const int y = std::stoi(std::string(note.substr(i, 4)));
      if (y >= 1900 && y <= 2100) return y;
    }
  }
  return std::nullopt;
}

Status ParseDob(const xmlNode* n, WatchlistEntry& e) {
  const std::string type = ChildText(n, "TYPE_OF_DATE");
  const std::string date = ChildText(n, "DATE");
  const std::string year = ChildText(n, "YEAR");
  const std::string from = ChildText(n, "FROM_YEAR");
  const std::string to = ChildText(n, "TO_YEAR");
  const std::string note = ChildText(n, "NOTE");
  const std::string_view path = "INDIVIDUAL_DATE_OF_BIRTH";
  if (type.empty() && date.empty() && year.empty() && from.empty()) return Status::Ok();
  if (type != "EXACT" && type != "APPROXIMATELY" && type != "BETWEEN") {
    return ElementError(n, path, "unknown TYPE_OF_DATE '" + type + "'");
  }
  const bool approx = type == "APPROXIMATELY";
  if (!date.empty()) {
    auto d = ParseXsDate(date);
    if (!d.ok()) return ElementError(n, std::string(path) + "/DATE", d.status().message());
    BirthDate b = BirthDate::Exact(*d);
    b.approximate = approx;
    e.dobs.push_back(b);
    return Status::Ok();
  }
  if (!year.empty()) {
    auto y = ParseBirthYear(year);
    if (!y.ok()) return ElementError(n, std::string(path) + "/YEAR", y.status().message());
    e.dobs.push_back(BirthDate::Year(*y, approx));
    return Status::Ok();
  }
  if (!from.empty() || !to.empty()) {
    auto f = ParseBirthYear(from);
    if (!f.ok()) return ElementError(n, std::string(path) + "/FROM_YEAR", f.status().message());
    auto t = ParseBirthYear(to);
    if (!t.ok()) return ElementError(n, std::string(path) + "/TO_YEAR", t.status().message());
    if (*f > *t) {
      return ElementError(n, path, "FROM_YEAR " + from + " is after TO_YEAR " + to);
    }
    e.dobs.push_back(BirthDate::Range(*f, *t));
    return Status::Ok();
  }
  // Only a note ("Nov. 1973", "30-35 years old"): keep the year when it names one.
  if (auto y = YearInNote(note)) e.dobs.push_back(BirthDate::Year(*y, true));
  return Status::Ok();
}

std::string Country(const std::string& text) {
  std::string code = CountryCode(text);
  return code.empty() ? text : code;
}

void AddName(WatchlistEntry& e, std::string full, NameQuality quality,
             std::vector<std::string> parts = {}) {
  if (full.empty()) return;
  for (const auto& n : e.names) {
    if (n.full == full) return;  // the list repeats a name as an alias now and then
  }
  ListedName name;
  name.script = DetectScript(full);
  name.full = std::move(full);
  name.quality = quality;
  name.parts = std::move(parts);
  e.names.push_back(std::move(name));
}

Status ParseRecord(const xmlNode* rec, bool individual, size_t max_field, WatchlistEntry& e) {
  const std::string_view kind = individual ? "INDIVIDUAL" : "ENTITY";
  e.list = "UN";
  e.kind = individual ? EntryKind::kPerson : EntryKind::kEntity;
  e.entry_id = ChildText(rec, "DATAID");
  if (e.entry_id.empty() || !IsAsciiDigits(e.entry_id)) {
    return ElementError(rec, std::string(kind) + "/DATAID",
                        e.entry_id.empty() ? "missing" : "'" + e.entry_id + "' is not a number");
  }
  std::vector<std::string> parts;
  for (const char* tag : {"FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"}) {
    std::string p = ChildText(rec, tag);
    if (p.size() > max_field) return ElementError(rec, tag, "too long");
    if (!p.empty()) parts.push_back(std::move(p));
  }
  if (parts.empty()) {
    return ElementError(rec, std::string(kind) + "/FIRST_NAME", "the record has no name");
  }
  std::string full;
  for (const auto& p : parts) full += (full.empty() ? "" : " ") + p;
  AddName(e, std::move(full), NameQuality::kPrimary, std::move(parts));
  AddName(e, ChildText(rec, "NAME_ORIGINAL_SCRIPT"), NameQuality::kPrimary);
  e.reference = ChildText(rec, "REFERENCE_NUMBER");
  if (const std::string listed = ChildText(rec, "LISTED_ON"); !listed.empty()) {
    auto d = ParseXsDate(listed);
    if (!d.ok()) return ElementError(rec, std::string(kind) + "/LISTED_ON", d.status().message());
    e.listed_on = *d;
  }
  const std::string gender = ChildText(rec, "GENDER");
  if (gender == "Male") e.sex = Sex::kMale;
  if (gender == "Female") e.sex = Sex::kFemale;
  std::string designation;
  for (const xmlNode* c = rec->children; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    const std::string_view tag = Name(c);
    if (tag == "INDIVIDUAL_ALIAS" || tag == "ENTITY_ALIAS") {
      std::string alias = ChildText(c, "ALIAS_NAME");
      if (alias.size() > max_field) return ElementError(c, tag, "ALIAS_NAME too long");
      const std::string q = ChildText(c, "QUALITY");
      AddName(e, std::move(alias), q == "Low" ? NameQuality::kLow : NameQuality::kGood);
      if (const std::string dob = ChildText(c, "DATE_OF_BIRTH"); !dob.empty()) {
        if (dob.size() == 4) {  // the list gives a bare year now and then
          auto y = ParseBirthYear(dob);
          if (!y.ok())
            return ElementError(c, "INDIVIDUAL_ALIAS/DATE_OF_BIRTH", y.status().message());
          e.dobs.push_back(BirthDate::Year(*y));
        } else {
          auto d = ParseXsDate(dob);
          if (!d.ok())
            return ElementError(c, "INDIVIDUAL_ALIAS/DATE_OF_BIRTH", d.status().message());
          e.dobs.push_back(BirthDate::Exact(*d));
        }
      }
    } else if (tag == "INDIVIDUAL_DATE_OF_BIRTH") {
      RETURN_IF_ERROR(ParseDob(c, e));
    } else if (tag == "NATIONALITY") {
      for (const xmlNode* v = c->children; v != nullptr; v = v->next) {
        if (v->type != XML_ELEMENT_NODE || Name(v) != "VALUE") continue;
        const std::string n = Text(v);
        if (!n.empty() && n != "na") e.nationalities.push_back(Country(n));
      }
    } else if (tag == "DESIGNATION") {
      for (const xmlNode* v = c->children; v != nullptr; v = v->next) {
        if (v->type != XML_ELEMENT_NODE || Name(v) != "VALUE") continue;
        const std::string d = Text(v);
        if (!d.empty()) designation += (designation.empty() ? "" : "; ") + d;
      }
    } else if (tag == "INDIVIDUAL_DOCUMENT") {
      TravelDocument doc;
      doc.number = ChildText(c, "NUMBER");
      if (doc.number.empty()) continue;
      doc.type = ChildText(c, "TYPE_OF_DOCUMENT");
      doc.key = NormalizeDocumentNumber(doc.number);
      std::string country = ChildText(c, "ISSUING_COUNTRY");
      if (country.empty()) country = ChildText(c, "COUNTRY_OF_ISSUE");
      doc.country = country.empty() ? "" : Country(country);
      doc.note = ChildText(c, "NOTE");
      if (!doc.key.empty()) e.documents.push_back(std::move(doc));
    }
  }
  e.reason = designation;
  if (const std::string comments = ChildText(rec, "COMMENTS1"); !comments.empty()) {
    e.reason += (e.reason.empty() ? "" : ". ") + comments;
  }
  return Status::Ok();
}

struct ReaderDeleter {
  void operator()(xmlTextReader* r) const { xmlFreeTextReader(r); }
};

}  // namespace

Result<std::vector<WatchlistEntry>> ParseUnConsolidatedList(std::istream& xml,
                                                            const ListLimits& limits) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  IoContext io{&xml};
  // No network, no entity substitution, no DTD loading: the list needs none of them.
  std::unique_ptr<xmlTextReader, ReaderDeleter> reader(
      xmlReaderForIO(ReadCallback, CloseCallback, &io, nullptr, "UTF-8", XML_PARSE_NONET));
  if (!reader) return Status::Internal("xmlReaderForIO failed");
  ErrorSink sink;
  xmlTextReaderSetErrorHandler(reader.get(), ErrorCallback, &sink);

  std::vector<WatchlistEntry> out;
  std::set<std::string> ids;
  bool saw_root = false;
  int rc = xmlTextReaderRead(reader.get());
  while (rc == 1) {
    if (!sink.message.empty()) break;
    const int type = xmlTextReaderNodeType(reader.get());
    const int depth = xmlTextReaderDepth(reader.get());
    const xmlChar* raw_name = xmlTextReaderConstLocalName(reader.get());
    const std::string_view name = raw_name ? reinterpret_cast<const char*>(raw_name) : "";
    if (type == XML_READER_TYPE_ELEMENT && depth == 0) {
      if (name != "CONSOLIDATED_LIST") {
        return Status::InvalidArgument(
            "line " + std::to_string(xmlTextReaderGetParserLineNumber(reader.get())) +
            ": the root element is '" + std::string(name) + "', not CONSOLIDATED_LIST");
      }
      saw_root = true;
    }
    if (type == XML_READER_TYPE_ELEMENT && depth == 2 &&
        (name == "INDIVIDUAL" || name == "ENTITY")) {
      const xmlNode* node = xmlTextReaderExpand(reader.get());
      if (node == nullptr || !sink.message.empty()) break;
      if (out.size() >= limits.max_entries) {
        return Status::ResourceExhausted("the list has more than " +
                                         std::to_string(limits.max_entries) + " entries");
      }
      WatchlistEntry e;
      RETURN_IF_ERROR(ParseRecord(node, name == "INDIVIDUAL", limits.max_field_bytes, e));
      // DATAID identifies a record among individuals and entities alike.
      if (!ids.insert(e.entry_id).second) {
        return ElementError(node, std::string(name) + "/DATAID",
                            "'" + e.entry_id + "' appears twice");
      }
      out.push_back(std::move(e));
      rc = xmlTextReaderNext(reader.get());
      continue;
    }
    rc = xmlTextReaderRead(reader.get());
  }
  if (!sink.message.empty() || rc < 0) {
    const int line = sink.line > 0 ? sink.line : xmlTextReaderGetParserLineNumber(reader.get());
    return Status::InvalidArgument("line " + std::to_string(line) + ": malformed XML: " +
                                   (sink.message.empty() ? "parse error" : sink.message));
  }
  if (!saw_root) return Status::InvalidArgument("line 1: the document is empty");
  return out;
}

}  // namespace corridor::screening
