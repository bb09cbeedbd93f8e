// The one in-memory model of a watchlist entry, whatever list it came from (UN consolidated
// list, OFAC SDN, a national list, a lost or stolen document list), and the helpers every list
// parser shares: birth dates that may be exact, a year or a range of years, and document numbers
// reduced to the form in which they are compared (exactly, never fuzzily).
//
// Thread-safety: plain values; no shared state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "core/time.hpp"

namespace corridor::screening {

enum class EntryKind {
  kPerson,    // an individual
  kEntity,    // an organisation, company or group
  kVessel,    // a ship (OFAC)
  kAircraft,  // an aircraft (OFAC)
  kDocument,  // a lost or stolen travel document: only its number is screened
};
std::string_view EntryKindName(EntryKind kind);

// How much weight a listed name deserves. The UN list marks aliases "Good" or "Low" quality;
// OFAC marks "weak a.k.a." (alt_type "nka" is treated as good, "fka" as good: a former name).
enum class NameQuality { kPrimary, kGood, kLow };
std::string_view NameQualityName(NameQuality quality);

// The writing system a name is written in, as detected from its letters.
enum class Script {
  kLatin,
  kArabic,  // also Persian, Urdu, Pashto
  kHebrew,
  kCyrillic,
  kGreek,
  kDevanagari,  // Hindi, Nepali, Marathi
  kBengali,
  kHan,
  kHangul,
  kKana,  // Japanese hiragana and katakana (with or without kanji)
  kThai,
  kOther,
  kUnknown,  // no letters
};
std::string_view ScriptName(Script script);

struct ListedName {
  std::string full;  // as written in the list, parts joined by single spaces
  NameQuality quality = NameQuality::kPrimary;
  Script script = Script::kUnknown;
  // The list's own name parts in its order (UN: FIRST_NAME..FOURTH_NAME; OFAC: "LAST, First"
  // gives {First, LAST}); empty for a name the list gives in one piece.
  std::vector<std::string> parts;
};

// A date of birth as lists give it: an exact date, a year, or a range of years. "Approximately"
// is kept as a flag: it widens comparisons by a year either side.
struct BirthDate {
  enum class Kind { kExact, kYear, kYearRange };
  Kind kind = Kind::kYear;
  std::optional<Date> date;  // kExact only
  int from_year = 0;         // kExact and kYear: the year; kYearRange: the first year
  int to_year = 0;           // kYearRange: the last year; otherwise equal to from_year
  bool approximate = false;

  static BirthDate Exact(Date d);
  static BirthDate Year(int year, bool approximate = false);
  static BirthDate Range(int from, int to);
  std::string ToString() const;  // "1970-01-01", "1970", "~1970", "1968..1970"
};

// "YYYY-MM-DD", "YYYY", "YYYY..YYYY" or "~YYYY" (the forms ToString writes); the error says which
// part is wrong.
Result<BirthDate> ParseBirthDate(std::string_view text);
// A year of birth as the lists give it: four digits, 1800 to 2200 (what ParseBirthDate reads back).
Result<int> ParseBirthYear(std::string_view text);

struct TravelDocument {
  std::string type;     // "Passport", "National Identification Number", ... as listed
  std::string number;   // as listed
  std::string key;      // NormalizeDocumentNumber(number)
  std::string country;  // issuing country: ISO 3166 alpha-3 when recognised, else as listed
  std::string note;
};

// Upper-cases ASCII letters and removes everything that is not a letter or digit (spaces,
// hyphens, slashes, dots and the MRZ filler '<'). Non-ASCII characters are kept as they are.
// Document numbers are compared only in this form, and only for equality.
std::string NormalizeDocumentNumber(std::string_view number);

enum class Sex { kUnknown, kMale, kFemale };

struct WatchlistEntry {
  std::string list;      // "UN", "OFAC-SDN", or the national list's id
  std::string entry_id;  // unique within the list (UN DATAID, OFAC ent_num, national entry id)
  EntryKind kind = EntryKind::kPerson;
  std::vector<ListedName> names;  // names[0] is the primary name (when the entry has one)
  std::vector<BirthDate> dobs;
  std::vector<std::string> nationalities;  // ISO 3166 alpha-3 when recognised, else as listed
  std::vector<TravelDocument> documents;
  Sex sex = Sex::kUnknown;
  std::string reference;  // UN reference number ("QDi.001"), OFAC program(s), national reference
  std::optional<Date> listed_on;
  std::string reason;  // designation, remarks or the national list's reason, for the officer
};

// Turns a country name or code as lists write them ("Iran", "Iran (Islamic Republic of)",
// "Syrian Arab Republic", "NPL", "NP") into ISO 3166 alpha-3. Unrecognised names give "".
// Backed by ICU's English region names plus the alias table in the name data.
std::string CountryCode(std::string_view name_or_code);

}  // namespace corridor::screening
