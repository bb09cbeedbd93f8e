// Reference data the registry rules check against: ISO 3166-1 alpha-3 country codes (as
// passports and their machine-readable zones write them), the languages the portal and the
// printed contract speak, ISCO-08 code syntax, and sectors.
//
// Pure lookups over constant tables; thread-safe.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/status.hpp"

namespace corridor::domain {

// True for an ISO 3166-1 alpha-3 code, or one of ICAO 9303's codes for persons without a
// national passport (XXA stateless, XXB refugee, XXC other refugee, XXX unspecified nationality).
bool IsCountryCode(std::string_view alpha3);
Status CheckCountry(std::string_view alpha3, std::string_view field);

// Languages Corridor can deliver a contract in, and speak to an account in: BCP 47 primary
// subtags. The one list is data/i18n/languages.json, compiled in at build time; the portal reads
// the same file, and offers the languages marked `portal`.
struct LanguageInfo {
  std::string_view code;  // "ne"
  std::string_view name;  // the language's own name, "नेपाली"
  bool right_to_left = false;
  bool portal = false;  // the portal has a message catalog for it
};
std::span<const LanguageInfo> Languages();                // English first
const LanguageInfo* FindLanguage(std::string_view code);  // null when not in the list
bool IsSupportedLanguage(std::string_view code);
Status CheckLanguage(std::string_view code, std::string_view field);

// ISCO-08 unit group: four digits whose first is a major group 0..9.
Status CheckIscoCode(std::string_view code, std::string_view field);

// Economic sectors of employers, as the statistics break them down.
std::span<const std::string_view> Sectors();
Status CheckSector(std::string_view sector, std::string_view field);

}  // namespace corridor::domain
