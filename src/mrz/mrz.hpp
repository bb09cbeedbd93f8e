// Reading the machine-readable zone (MRZ) of travel documents, after ICAO Doc 9303 parts 3 to 7:
// TD1 (3 lines of 30), TD2 (2 of 36), TD3 (2 of 44) and the visas MRV-A (2 of 44) and MRV-B
// (2 of 36).
//
// A border officer records entries and exits from these lines, so the parser is strict and says
// exactly what it found:
//  - Input that cannot be a zone (wrong line count or lengths, characters outside A-Z, 0-9 and
//    '<', a document code ICAO does not define) is an error naming the line and column.
//  - A zone of the right shape always parses into an MrzDocument that reports every check digit
//    (valid or not, with its position), every field whose content breaks the field's rules (an
//    Issue, with its position), and corrections for likely OCR confusions (Suggestions). Nothing
//    is corrected silently: suggestions are never applied, and every normalisation of the input
//    (upper-casing, splitting a joined line) is recorded as a warning.
//  - Two-digit years are resolved against ParseOptions::today, never against the clock.
//
// docs/formats/mrz.md describes the positions, the century and suggestion rules, the messages
// and the JSON shape of a document; keep it and this header in step.
//
// Thread-safety: pure functions over values; no shared state.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "core/time.hpp"

namespace corridor::mrz {

// The physical layout of the zone, detected from its line count and lengths and, for the
// two-line layouts, from the document code (V = visa).
enum class Format { kTd1, kTd2, kTd3, kMrvA, kMrvB };
std::string_view ToString(Format format);  // "TD1", "TD2", "TD3", "MRV-A", "MRV-B"

// What the first character of the document code says the document is.
enum class DocumentKind {
  kPassport,                // P
  kVisa,                    // V
  kIdentityCard,            // I
  kOfficialTravelDocument,  // A or C
};
// "passport", "visa", "identity_card", "official_travel_document"
std::string_view ToString(DocumentKind kind);

// The fields of a zone, including each check digit's own position.
enum class Field {
  kDocumentCode,
  kIssuingState,
  kName,
  kDocumentNumber,
  kDocumentNumberCheckDigit,
  kNationality,
  kBirthDate,
  kBirthDateCheckDigit,
  kSex,
  kExpiryDate,
  kExpiryDateCheckDigit,
  kOptionalData1,
  kOptionalData1CheckDigit,  // TD3 only: the check digit of the personal number field
  kOptionalData2,
  kCompositeCheckDigit,
};
// snake_case, e.g. "birth_date", "document_number_check_digit".
std::string_view ToString(Field field);

// The check digits a zone carries.
enum class CheckKind {
  kDocumentNumber,
  kBirthDate,
  kExpiryDate,
  kOptionalData,  // TD3: the personal number / optional data of line 2
  kComposite,     // TD1, TD2, TD3
};
// "document_number", "birth_date", "expiry_date", "optional_data", "composite"
std::string_view ToString(CheckKind kind);

// A character position in the zone: line and column, both 1-based, as ICAO numbers them.
struct Position {
  int line = 0;
  int column = 0;
  // clang-tidy 14 mistakes the 0 of a defaulted <=> for a null pointer.
  auto operator<=>(const Position&) const = default;  // NOLINT(modernize-use-nullptr)
};
std::string ToString(Position position);  // "2:14"

// The ICAO 9303 check digit (weights 7, 3, 1; A-Z = 10..35; '<' = 0) of `characters`, which must
// hold only A-Z, 0-9 and '<'; any other character counts as 0.
int CheckDigit(std::string_view characters);

struct CheckResult {
  CheckKind kind = CheckKind::kDocumentNumber;
  Position position;    // of the check digit
  char found = '<';     // the character at that position, as read
  char computed = '0';  // the digit computed over the characters the check covers
  bool valid = false;
  // Set when the check passes only by a documented allowance (see docs/formats/mrz.md).
  std::string note;
};

// A field whose content breaks the field's rules (a letter in a date, month 13, a digit in a
// name, an unknown expiry date...). Any issue makes the document invalid.
struct Issue {
  Field field = Field::kDocumentCode;
  Position position;  // of the first offending character, or of the field
  std::string message;
};

// One character that an OCR confusion (O/0, I/1, B/8...) probably misread: changing it makes the
// named check pass. Never applied by the parser.
struct Suggestion {
  CheckKind check = CheckKind::kDocumentNumber;  // the check the change satisfies
  Field field = Field::kDocumentCode;            // the field the character belongs to
  Position position;
  char from = '<';
  char to = '<';
  // The whole field with the suggested change(s) applied: the value as the document would then
  // report it (e.g. "740812", "L898902C3"), or the digit for a change to a check digit.
  std::string corrected;
  // True when the composite check also passes once every suggestion is applied; false when it
  // does not, or when the format has no composite check.
  bool confirmed_by_composite = false;
};

enum class DateStatus {
  kComplete,  // six digits forming a calendar date
  kPartial,   // some of YY, MM, DD are "<<" (allowed for the date of birth)
  kUnknown,   // "<<<<<<"
  kInvalid,   // anything else: letters, a pair like "1<", month 13, 30 February
};
std::string_view ToString(DateStatus status);  // "complete", "partial", "unknown", "invalid"

struct MrzDate {
  std::string raw;  // the six characters as read, e.g. "740812", "74<<<<"
  DateStatus status = DateStatus::kInvalid;
  std::optional<Date> date;  // when complete
  std::optional<int> year;   // the four-digit year, when YY is known and the date not invalid
  std::optional<int> month;  // when MM is known and the date not invalid
  std::optional<int> day;    // when DD is known and the date not invalid
  // "1974-08-12", "1974-??-??", "????-08-12", "unknown" or "invalid".
  std::string ToString() const;
};

struct MrzDocument {
  Format format = Format::kTd3;
  DocumentKind kind = DocumentKind::kPassport;
  // Text fields have their trailing fillers removed; fillers inside a field are kept as '<'.
  std::string document_code;  // "P", "ID", "V", "PP"...
  std::string issuing_state;  // "UTO", "D"
  // The whole number: in TD1 and TD2 with the overflow from the optional data field when the
  // number is longer than nine characters.
  std::string document_number;
  std::string nationality;
  MrzDate birth_date;
  std::string sex;  // "M", "F", "X", "<" (unspecified) or, with an Issue, what was read
  MrzDate expiry_date;
  std::string primary_identifier;    // "ERIKSSON"; '<' inside becomes a space
  std::string secondary_identifier;  // "ANNA MARIA"
  bool name_truncated = false;       // the name field is filled to its last position
  // TD1: optional_data1 is line 1 columns 16-30 (after a document number overflow, what follows
  // it), optional_data2 line 2 columns 19-29. TD2, TD3, MRV: optional_data1 is the optional data
  // (TD3: personal number) field of line 2 and optional_data2 is empty.
  std::string optional_data1;
  std::string optional_data2;
  std::vector<std::string> lines;  // the normalised zone
  std::vector<CheckResult> checks;
  std::vector<Issue> issues;
  std::vector<Suggestion> suggestions;
  std::vector<std::string> warnings;  // worth a look, but not invalidating

  // Every check digit passes and no field has an issue.
  bool valid() const;
};

struct ParseOptions {
  explicit ParseOptions(Date today_in) : today(today_in) {}
  // The day of reading; resolves two-digit years. Must lie in 1900..9899.
  Date today;
  // An expiry year is placed in the hundred years ending `expiry_years_ahead` years after
  // today's year (0..99).
  int expiry_years_ahead = 20;
};

// Trims ASCII whitespace around every line, drops blank lines before and after the zone,
// upper-cases a-z, checks that only A-Z, 0-9 and '<' remain, splits a zone pasted as one joined
// line (90 = TD1, 88 = TD3/MRV-A, 72 = TD2/MRV-B characters), and checks the line count and
// lengths. Errors name the line and column.
Result<std::vector<std::string>> NormaliseLines(std::span<const std::string_view> lines);

// Parses one zone (as NormaliseLines accepts it).
Result<MrzDocument> ParseMrz(std::span<const std::string_view> lines, const ParseOptions& options);

// A run of non-blank lines in a text holding several zones separated by blank lines.
struct TextBlock {
  int first_line = 0;                   // 1-based line of the text where the block starts
  std::vector<std::string_view> lines;  // views into the text, without their line ends
};

// Splits `text` at blank (empty or whitespace-only) lines; LF and CRLF line ends both work.
std::vector<TextBlock> SplitDocuments(std::string_view text);

}  // namespace corridor::mrz
