// ParseMrz: the layouts of ICAO 9303 parts 4 (TD3), 5 (TD1), 6 (TD2) and 7 (MRV-A, MRV-B), and
// the rules for each field. docs/formats/mrz.md holds the same tables in prose.
#include <algorithm>
#include <cstddef>
#include <optional>
#include <utility>

#include "mrz/checks.hpp"
#include "mrz/mrz.hpp"
#include "mrz/normalise.hpp"

namespace corridor::mrz {
namespace {

using internal::CharClass;
using internal::CheckedField;
using internal::CompositeCheck;
using internal::Lines;

// A run of characters on one line; line and column 1-based.
struct Span {
  int line = 0;
  int column = 0;
  int length = 0;
};

struct Layout {
  Span name;
  Span document_number;
  Position document_number_check;
  Span nationality;
  Span birth_date;
  Position birth_date_check;
  Position sex;
  Span expiry_date;
  Position expiry_date_check;
  Span optional1;
  std::optional<Position> optional1_check;  // TD3
  std::optional<Span> optional2;            // TD1
  std::optional<Position> composite;        // TD1, TD2, TD3
  std::vector<Span> composite_covers;
  // TD1 and TD2: a '<' in the document number check digit's place means the number continues
  // at the start of optional1, followed by its check digit and a filler (9303 parts 5 and 6).
  bool long_number = false;
};

Layout LayoutFor(Format format) {
  switch (format) {
    case Format::kTd1:
      return {{3, 1, 30},
              {1, 6, 9},
              {1, 15},
              {2, 16, 3},
              {2, 1, 6},
              {2, 7},
              {2, 8},
              {2, 9, 6},
              {2, 15},
              {1, 16, 15},
              std::nullopt,
              Span{2, 19, 11},
              Position{2, 30},
              {{1, 6, 25}, {2, 1, 7}, {2, 9, 7}, {2, 19, 11}},
              true};
    case Format::kTd2:
      return {{1, 6, 31},
              {2, 1, 9},
              {2, 10},
              {2, 11, 3},
              {2, 14, 6},
              {2, 20},
              {2, 21},
              {2, 22, 6},
              {2, 28},
              {2, 29, 7},
              std::nullopt,
              std::nullopt,
              Position{2, 36},
              {{2, 1, 10}, {2, 14, 7}, {2, 22, 14}},
              true};
    case Format::kTd3:
      return {{1, 6, 39},
              {2, 1, 9},
              {2, 10},
              {2, 11, 3},
              {2, 14, 6},
              {2, 20},
              {2, 21},
              {2, 22, 6},
              {2, 28},
              {2, 29, 14},
              Position{2, 43},
              std::nullopt,
              Position{2, 44},
              {{2, 1, 10}, {2, 14, 7}, {2, 22, 22}},
              false};
    case Format::kMrvA:
      return {{1, 6, 39},   {2, 1, 9},    {2, 10},      {2, 11, 3}, {2, 14, 6},
              {2, 20},      {2, 21},      {2, 22, 6},   {2, 28},    {2, 29, 16},
              std::nullopt, std::nullopt, std::nullopt, {},         false};
    case Format::kMrvB:
      return {{1, 6, 31},   {2, 1, 9},    {2, 10},      {2, 11, 3}, {2, 14, 6},
              {2, 20},      {2, 21},      {2, 22, 6},   {2, 28},    {2, 29, 8},
              std::nullopt, std::nullopt, std::nullopt, {},         false};
  }
  return {};
}

std::vector<Position> Positions(Span s) {
  std::vector<Position> out;
  out.reserve(static_cast<size_t>(s.length));
  for (int i = 0; i < s.length; ++i) out.push_back({s.line, s.column + i});
  return out;
}

std::string Text(const Lines& lines, Span s) {
  return lines[static_cast<size_t>(s.line - 1)].substr(static_cast<size_t>(s.column - 1),
                                                       static_cast<size_t>(s.length));
}

std::string TrimFillers(std::string s) {
  while (!s.empty() && s.back() == '<') s.pop_back();
  return s;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(char c) { return c >= 'A' && c <= 'Z'; }

std::string Quote(char c) { return std::string("'") + c + "'"; }

// Issuing state and nationality: letters and fillers only.
std::string ReadStateCode(const Lines& lines, Span s, Field field, std::string_view what,
                          std::vector<Issue>* issues) {
  const std::string raw = Text(lines, s);
  for (int i = 0; i < s.length; ++i) {
    const char c = raw[static_cast<size_t>(i)];
    if (IsDigit(c)) {
      const Position p{s.line, s.column + i};
      issues->push_back({field, p,
                         "digit " + Quote(c) + " at " + ToString(p) + " in the " +
                             std::string(what) + ": letters or < expected"});
      break;
    }
  }
  return TrimFillers(raw);
}

// "<" inside a name part becomes one space; fillers at the ends go.
std::string NamePart(std::string_view part) {
  std::string out;
  bool pending_space = false;
  for (const char c : part) {
    if (c == '<') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

void ReadName(const Lines& lines, Span s, MrzDocument* doc) {
  const std::string raw = Text(lines, s);
  for (int i = 0; i < s.length; ++i) {
    const char c = raw[static_cast<size_t>(i)];
    if (IsDigit(c)) {
      const Position p{s.line, s.column + i};
      doc->issues.push_back(
          {Field::kName, p,
           "digit " + Quote(c) + " at " + ToString(p) + " in the name: letters or < expected"});
      break;
    }
  }
  doc->name_truncated = raw.back() != '<';
  if (doc->name_truncated) {
    doc->warnings.push_back("the name field is filled to its last position (" +
                            ToString(Position{s.line, s.column + s.length - 1}) +
                            "): the name may be truncated");
  }
  const std::string name = TrimFillers(raw);
  const size_t sep = name.find("<<");
  const std::string_view view(name);
  doc->primary_identifier = NamePart(view.substr(0, sep));
  if (sep != std::string::npos) {
    const std::string_view rest = view.substr(sep + 2);
    if (rest.find("<<") != std::string_view::npos) {
      doc->warnings.push_back(
          "the name field holds more than one << separator; the secondary identifier takes "
          "everything after the first");
    }
    doc->secondary_identifier = NamePart(rest);
  }
  if (doc->primary_identifier.empty() && doc->secondary_identifier.empty()) {
    doc->issues.push_back({Field::kName, {s.line, s.column}, "the name field is empty"});
  } else if (doc->primary_identifier.empty()) {
    doc->warnings.push_back("the name field has no primary identifier before its << separator");
  }
}

enum class DateRole { kBirth, kExpiry };

MrzDate ReadDate(const Lines& lines, Span s, DateRole role, const ParseOptions& options,
                 std::vector<Issue>* issues) {
  MrzDate d;
  d.raw = Text(lines, s);
  const Field field = role == DateRole::kBirth ? Field::kBirthDate : Field::kExpiryDate;
  const std::string what = role == DateRole::kBirth ? "date of birth" : "expiry date";
  const Position start{s.line, s.column};
  auto invalid = [&](Position p, std::string message) {
    issues->push_back({field, p, std::move(message)});
    d.status = DateStatus::kInvalid;
    return d;
  };
  if (d.raw == "<<<<<<") {
    d.status = DateStatus::kUnknown;
    if (role == DateRole::kExpiry) {
      issues->push_back({field, start,
                         "the expiry date is unknown (<<<<<<); a document must state when it "
                         "expires"});
    }
    return d;
  }
  for (int i = 0; i < 6; ++i) {
    const char c = d.raw[static_cast<size_t>(i)];
    if (IsLetter(c)) {
      const Position p{s.line, s.column + i};
      return invalid(p, "letter " + Quote(c) + " at " + ToString(p) + " in the " + what +
                            ": digits (or << for an unknown part) expected");
    }
  }
  int value[3] = {0, 0, 0};
  bool known[3] = {false, false, false};
  for (int p = 0; p < 3; ++p) {
    const size_t offset = 2 * static_cast<size_t>(p);
    const char a = d.raw[offset];
    const char b = d.raw[offset + 1];
    if (a == '<' && b == '<') continue;
    if (!IsDigit(a) || !IsDigit(b)) {
      const Position at{s.line, s.column + 2 * p};
      return invalid(at, "the " + what + " " + d.raw + " has " + a + b + " at " + ToString(at) +
                             "; each of YY, MM and DD must be two digits or <<");
    }
    known[p] = true;
    value[p] = (a - '0') * 10 + (b - '0');
  }
  const bool complete = known[0] && known[1] && known[2];
  if (!complete && role == DateRole::kExpiry) {
    return invalid(start, "the expiry date " + d.raw +
                              " is incomplete; a document must state when it expires");
  }
  if (known[1] && (value[1] < 1 || value[1] > 12)) {
    return invalid({s.line, s.column + 2},
                   "the " + what + " " + d.raw + " has month " + d.raw.substr(2, 2));
  }
  if (known[2] && (value[2] < 1 || value[2] > 31)) {
    return invalid({s.line, s.column + 4},
                   "the " + what + " " + d.raw + " has day " + d.raw.substr(4, 2));
  }
  std::optional<int> year;
  if (known[0]) {
    const Date today = options.today;
    const int this_year = today.year();
    int y = this_year / 100 * 100 + value[0];
    if (role == DateRole::kBirth) {
      // A birth date lies in the past: the latest century that does not put it after today.
      const bool after_today =
          y > this_year || (y == this_year && known[1] &&
                            (value[1] > today.month() ||
                             (value[1] == today.month() && known[2] && value[2] > today.day())));
      if (after_today) y -= 100;
    } else {
      const int last = this_year + options.expiry_years_ahead;
      if (y > last) {
        y -= 100;
      } else if (y <= last - 100) {
        y += 100;
      }
    }
    year = y;
  }
  if (known[1] && known[2]) {
    // With the year unknown, 29 February is possible (a leap year is assumed).
    const int days = DaysInMonth(year.value_or(2000), value[1]);
    if (value[2] > days) {
      return invalid({s.line, s.column + 4},
                     "the " + what + " " + d.raw + " has day " + d.raw.substr(4, 2) + ", which " +
                         (year ? std::to_string(*year) + "-" + d.raw.substr(2, 2) + " does not have"
                               : "month " + d.raw.substr(2, 2) + " never has"));
    }
  }
  d.status = complete ? DateStatus::kComplete : DateStatus::kPartial;
  d.year = year;
  if (known[1]) d.month = value[1];
  if (known[2]) d.day = value[2];
  if (complete) {
    Result<Date> date = Date::FromYmd(*year, value[1], value[2]);
    if (!date.ok()) return invalid(start, "the " + what + " " + d.raw + " is not a date");
    d.date = *date;
  }
  return d;
}

CheckResult Report(const Lines& lines, const CheckedField& f) {
  CheckResult r;
  r.kind = f.kind;
  r.position = f.check;
  r.found = internal::At(lines, f.check);
  r.computed = static_cast<char>('0' + CheckDigit(internal::Gather(lines, f.data)));
  const internal::Verdict v = internal::Judge(lines, f);
  r.valid = v != internal::Verdict::kFail;
  if (v == internal::Verdict::kPassByVariant) {
    r.note =
        "passes only when computed with the filler in the first check digit place included "
        "in the document number, as some issuers do";
  } else if (v == internal::Verdict::kPassEmptyFiller) {
    r.note = "'<' stands for the check digit of an all-filler field";
  }
  return r;
}

Status Refuse(std::string message) { return Status::InvalidArgument(std::move(message), "mrz"); }

}  // namespace

Result<MrzDocument> ParseMrz(std::span<const std::string_view> input, const ParseOptions& options) {
  if (options.today.year() < 1900 || options.today.year() > 9899) {
    return Status::InvalidArgument("today must lie between the years 1900 and 9899", "today");
  }
  if (options.expiry_years_ahead < 0 || options.expiry_years_ahead > 99) {
    return Status::InvalidArgument("expiry_years_ahead must be 0 to 99", "expiry_years_ahead");
  }
  ASSIGN_OR_RETURN(internal::NormalisedZone zone, internal::Normalise(input));
  MrzDocument doc;
  doc.warnings = std::move(zone.notes);
  doc.lines = std::move(zone.lines);
  const Lines& lines = doc.lines;
  const size_t width = lines[0].size();

  const char first = lines[0][0];
  switch (first) {
    case 'P':
      doc.kind = DocumentKind::kPassport;
      break;
    case 'V':
      doc.kind = DocumentKind::kVisa;
      break;
    case 'I':
      doc.kind = DocumentKind::kIdentityCard;
      break;
    case 'A':
    case 'C':
      doc.kind = DocumentKind::kOfficialTravelDocument;
      break;
    default:
      return Refuse("line 1 column 1: document code '" + lines[0].substr(0, 2) +
                    "' does not start with a letter ICAO 9303 assigns (P passport, V visa; I, A "
                    "or C identity and official travel documents)");
  }
  if (lines.size() == 3) {
    if (doc.kind == DocumentKind::kVisa) {
      return Refuse("line 1 column 1: document code '" + lines[0].substr(0, 2) +
                    "' is a visa, and visas have no 3-line (TD1) format");
    }
    doc.format = Format::kTd1;
  } else if (width == 44) {
    doc.format = doc.kind == DocumentKind::kVisa ? Format::kMrvA : Format::kTd3;
  } else {
    doc.format = doc.kind == DocumentKind::kVisa ? Format::kMrvB : Format::kTd2;
  }
  if (doc.kind == DocumentKind::kPassport && doc.format != Format::kTd3) {
    doc.warnings.push_back("document code P (passport) on a " + std::string(ToString(doc.format)) +
                           " zone: ICAO 9303 gives passports the TD3 format; the zone is read "
                           "with the " +
                           std::string(ToString(doc.format)) + " layout");
  }
  if (doc.kind != DocumentKind::kPassport && doc.format == Format::kTd3) {
    doc.warnings.push_back("document code " + std::string(1, first) +
                           " on a 2x44 zone: ICAO 9303 gives this size to passports; the zone is "
                           "read with the TD3 layout");
  }
  if (doc.format == Format::kTd2 && lines[0].compare(0, 5, "IDFRA") == 0) {
    doc.warnings.push_back(
        "line 1 starts with IDFRA: this looks like the French national identity card of "
        "1988-2021, whose 2x36 layout is not ICAO 9303, so its fields cannot be read as TD2");
  }

  const Layout layout = LayoutFor(doc.format);
  doc.document_code = TrimFillers(Text(lines, {1, 1, 2}));
  doc.issuing_state =
      ReadStateCode(lines, {1, 3, 3}, Field::kIssuingState, "issuing state", &doc.issues);
  ReadName(lines, layout.name, &doc);

  // The document number and, in TD1 and TD2, its continuation in the optional data.
  CheckedField number{CheckKind::kDocumentNumber,
                      Field::kDocumentNumber,
                      Field::kDocumentNumberCheckDigit,
                      CharClass::kAlphanumeric,
                      Positions(layout.document_number),
                      {},
                      false,
                      layout.document_number_check};
  std::vector<Position> optional1 = Positions(layout.optional1);
  if (layout.long_number && internal::At(lines, layout.document_number_check) == '<') {
    const std::string text = Text(lines, layout.optional1);
    size_t k = text.find('<');
    if (k == std::string::npos) k = text.size();
    if (k >= 2) {
      number.variant_data = number.data;
      number.variant_data.push_back(layout.document_number_check);
      for (size_t i = 0; i + 1 < k; ++i) {
        number.data.push_back(optional1[i]);
        number.variant_data.push_back(optional1[i]);
      }
      number.check = optional1[k - 1];
      optional1.erase(optional1.begin(), optional1.begin() + static_cast<std::ptrdiff_t>(
                                                                 std::min(k + 1, text.size())));
    } else {
      doc.issues.push_back(
          {Field::kDocumentNumberCheckDigit, layout.document_number_check,
           "the document number check digit at " + ToString(layout.document_number_check) +
               " is '<', which announces a number longer than nine characters, but the optional "
               "data at " +
               ToString(Position{layout.optional1.line, layout.optional1.column}) +
               " does not continue it"});
    }
  }
  doc.document_number = internal::FieldValue(lines, number.data);
  if (doc.document_number.empty()) {
    doc.issues.push_back({Field::kDocumentNumber,
                          {layout.document_number.line, layout.document_number.column},
                          "the document number is empty"});
  }
  doc.optional_data1 = internal::FieldValue(lines, optional1);
  if (layout.optional2) doc.optional_data2 = TrimFillers(Text(lines, *layout.optional2));

  doc.nationality =
      ReadStateCode(lines, layout.nationality, Field::kNationality, "nationality", &doc.issues);
  doc.birth_date = ReadDate(lines, layout.birth_date, DateRole::kBirth, options, &doc.issues);
  const char sex = internal::At(lines, layout.sex);
  doc.sex = std::string(1, sex);
  if (sex != 'M' && sex != 'F' && sex != 'X' && sex != '<') {
    doc.issues.push_back(
        {Field::kSex, layout.sex,
         "sex " + Quote(sex) + " at " + ToString(layout.sex) + ": M, F, X or < expected"});
  }
  doc.expiry_date = ReadDate(lines, layout.expiry_date, DateRole::kExpiry, options, &doc.issues);
  if (doc.birth_date.date && doc.expiry_date.date && *doc.expiry_date.date < *doc.birth_date.date) {
    doc.warnings.push_back("the expiry date " + doc.expiry_date.date->ToString() +
                           " is before the date of birth " + doc.birth_date.date->ToString());
  }

  std::vector<CheckedField> fields;
  fields.push_back(std::move(number));
  fields.push_back({CheckKind::kBirthDate,
                    Field::kBirthDate,
                    Field::kBirthDateCheckDigit,
                    CharClass::kNumeric,
                    Positions(layout.birth_date),
                    {},
                    false,
                    layout.birth_date_check});
  fields.push_back({CheckKind::kExpiryDate,
                    Field::kExpiryDate,
                    Field::kExpiryDateCheckDigit,
                    CharClass::kNumeric,
                    Positions(layout.expiry_date),
                    {},
                    false,
                    layout.expiry_date_check});
  if (layout.optional1_check) {
    fields.push_back({CheckKind::kOptionalData,
                      Field::kOptionalData1,
                      Field::kOptionalData1CheckDigit,
                      CharClass::kAlphanumeric,
                      Positions(layout.optional1),
                      {},
                      true,
                      *layout.optional1_check});
  }
  for (const CheckedField& f : fields) doc.checks.push_back(Report(lines, f));

  std::optional<CompositeCheck> composite;
  if (layout.composite) {
    composite.emplace();
    composite->check = *layout.composite;
    for (const Span& s : layout.composite_covers) {
      for (const Position& p : Positions(s)) composite->covered.push_back(p);
    }
    CheckResult r;
    r.kind = CheckKind::kComposite;
    r.position = composite->check;
    r.found = internal::At(lines, composite->check);
    r.computed = static_cast<char>('0' + CheckDigit(internal::Gather(lines, composite->covered)));
    r.valid = internal::CompositePasses(lines, *composite);
    doc.checks.push_back(r);
  }

  internal::SuggestCorrections(lines, fields, composite, &doc.suggestions, &doc.warnings);
  return doc;
}

}  // namespace corridor::mrz
