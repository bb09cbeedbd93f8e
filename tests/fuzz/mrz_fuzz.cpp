// Fuzz target for the MRZ reader: any bytes, split into zones as the CLI splits standard input,
// and also taken whole as one zone. Besides "no crash, no sanitizer report", it checks what the
// parser promises: an error or a consistent document; positions inside the zone; a check marked
// valid only when its digit matches or a note says why; suggestions that name the character
// that is really there and that, once applied, make their checks pass.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "mrz/mrz.hpp"

namespace {

using corridor::Date;
using namespace corridor::mrz;

#define REQUIRE(cond)                                                           \
  do {                                                                          \
    if (!(cond)) {                                                              \
      std::fprintf(stderr, "mrz_fuzz: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                             \
    }                                                                           \
  } while (false)

bool Inside(const std::vector<std::string>& lines, Position p) {
  return p.line >= 1 && static_cast<size_t>(p.line) <= lines.size() && p.column >= 1 &&
         static_cast<size_t>(p.column) <= lines[static_cast<size_t>(p.line - 1)].size();
}

char At(const std::vector<std::string>& lines, Position p) {
  return lines[static_cast<size_t>(p.line - 1)][static_cast<size_t>(p.column - 1)];
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

void CheckDate(const MrzDate& d) {
  REQUIRE(d.raw.size() == 6);
  switch (d.status) {
    case DateStatus::kComplete:
      REQUIRE(d.date && d.year && d.month && d.day);
      REQUIRE(d.date->year() == *d.year && d.date->month() == *d.month && d.date->day() == *d.day);
      break;
    case DateStatus::kPartial:
      REQUIRE(!d.date);
      REQUIRE(!(d.year && d.month && d.day));
      break;
    case DateStatus::kUnknown:
      REQUIRE(d.raw == "<<<<<<");
      [[fallthrough]];
    case DateStatus::kInvalid:
      REQUIRE(!d.date && !d.year && !d.month && !d.day);
      break;
  }
}

void CheckDocument(const MrzDocument& doc, const ParseOptions& options) {
  const std::vector<std::string>& lines = doc.lines;
  REQUIRE(lines.size() == 2 || lines.size() == 3);
  for (const std::string& l : lines) {
    REQUIRE(l.size() == lines[0].size());
    for (const char c : l) REQUIRE((c >= 'A' && c <= 'Z') || IsDigit(c) || c == '<');
  }
  bool all_valid = true;
  for (const CheckResult& c : doc.checks) {
    REQUIRE(Inside(lines, c.position));
    REQUIRE(At(lines, c.position) == c.found);
    REQUIRE(IsDigit(c.computed));
    if (c.valid && c.note.empty()) REQUIRE(c.found == c.computed);
    if (!c.valid) REQUIRE(c.note.empty());
    all_valid = all_valid && c.valid;
  }
  for (const Issue& i : doc.issues) {
    REQUIRE(Inside(lines, i.position));
    REQUIRE(!i.message.empty());
  }
  REQUIRE(doc.valid() == (all_valid && doc.issues.empty()));
  CheckDate(doc.birth_date);
  CheckDate(doc.expiry_date);
  if (doc.birth_date.date) REQUIRE(*doc.birth_date.date <= options.today);

  // Suggestions name what is there, and applying them all makes their checks pass.
  std::vector<std::string> applied = lines;
  for (const Suggestion& s : doc.suggestions) {
    REQUIRE(Inside(lines, s.position));
    REQUIRE(At(lines, s.position) == s.from);
    REQUIRE(s.from != s.to);
    REQUIRE(!s.corrected.empty());
    applied[static_cast<size_t>(s.position.line - 1)][static_cast<size_t>(s.position.column - 1)] =
        s.to;
  }
  if (doc.suggestions.empty()) return;
  std::vector<std::string_view> views(applied.begin(), applied.end());
  const corridor::Result<MrzDocument> again = ParseMrz(views, options);
  REQUIRE(again.ok());
  for (const Suggestion& s : doc.suggestions) {
    for (const CheckResult& c : again->checks) {
      if (c.kind == s.check) REQUIRE(c.valid);
      if (c.kind == CheckKind::kComposite && s.confirmed_by_composite) REQUIRE(c.valid);
    }
  }
}

void ParseOne(std::span<const std::string_view> lines, const ParseOptions& options) {
  const corridor::Result<std::vector<std::string>> normal = NormaliseLines(lines);
  const corridor::Result<MrzDocument> doc = ParseMrz(lines, options);
  if (!normal.ok()) {
    REQUIRE(!doc.ok());
    REQUIRE(doc.status().message() == normal.status().message());
    return;
  }
  if (!doc.ok()) {
    REQUIRE(!doc.status().message().empty());
    return;
  }
  REQUIRE(doc->lines == *normal);
  CheckDocument(*doc, options);
}

// Raw bytes rarely form a zone of the right shape, so the same input is also read as edits to
// a valid ICAO example: byte 0 picks the layout, then each pair of bytes puts one character of
// the MRZ alphabet at one position. Few edits give the near-valid zones (OCR confusions, broken
// check digits, odd dates) where the parser's rules do their work.
void ParseEdited(const uint8_t* data, size_t size, const ParseOptions& options) {
  static const std::vector<std::string> kTemplates[] = {
      {"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
       "L898902C36UTO7408122F1204159ZE184226B<<<<<10"},
      {"I<UTOD23145890<7349<<<<<<<<<<<", "3407127M9507122UTO<<<<<<<<<<<2",
       "STEVENSON<<PETER<JOHN<<<<<<<<<"},
      {"I<UTOSTEVENSON<<PETER<JOHN<<<<<<<<<<", "D23145890<UTO3407127M95071227349<<<8"},
      {"V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
       "L8988901C4XXX4009078F96121096ZE184226B<<<<<<"},
      {"V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L8988901C4XXX4009078F9612109<<<<<<<<"},
  };
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";
  if (size == 0) return;
  std::vector<std::string> zone = kTemplates[data[0] % std::size(kTemplates)];
  const size_t width = zone[0].size();
  const size_t total = width * zone.size();
  for (size_t i = 1; i + 1 < size && i < 1 + 2 * 12; i += 2) {
    const size_t at = data[i] % total;
    zone[at / width][at % width] = kAlphabet[data[i + 1] % kAlphabet.size()];
  }
  const std::vector<std::string_view> views(zone.begin(), zone.end());
  ParseOne(views, options);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // A zone is under 100 characters; long inputs only slow the search down.
  if (size > 4096) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const ParseOptions kOptions[] = {
      ParseOptions(*Date::FromYmd(2026, 3, 1)),
      [] {
        ParseOptions o(*Date::FromYmd(1999, 12, 31));
        o.expiry_years_ahead = 0;
        return o;
      }(),
  };
  for (const ParseOptions& options : kOptions) {
    for (const TextBlock& block : SplitDocuments(text)) ParseOne(block.lines, options);
    const std::string_view whole[] = {text};
    ParseOne(whole, options);
    ParseEdited(data, size, options);
  }
  return 0;
}
