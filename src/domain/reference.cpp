#include "domain/reference.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "core/text.hpp"

namespace corridor::domain {
namespace {

// ISO 3166-1 alpha-3 (249 codes), ICAO 9303's XXA, XXB, XXC, XXX, and RKS; sorted.
constexpr std::string_view kCountries[] = {
    "ABW", "AFG", "AGO", "AIA", "ALA", "ALB", "AND", "ARE", "ARG", "ARM", "ASM", "ATA", "ATF",
    "ATG", "AUS", "AUT", "AZE", "BDI", "BEL", "BEN", "BES", "BFA", "BGD", "BGR", "BHR", "BHS",
    "BIH", "BLM", "BLR", "BLZ", "BMU", "BOL", "BRA", "BRB", "BRN", "BTN", "BVT", "BWA", "CAF",
    "CAN", "CCK", "CHE", "CHL", "CHN", "CIV", "CMR", "COD", "COG", "COK", "COL", "COM", "CPV",
    "CRI", "CUB", "CUW", "CXR", "CYM", "CYP", "CZE", "DEU", "DJI", "DMA", "DNK", "DOM", "DZA",
    "ECU", "EGY", "ERI", "ESH", "ESP", "EST", "ETH", "FIN", "FJI", "FLK", "FRA", "FRO", "FSM",
    "GAB", "GBR", "GEO", "GGY", "GHA", "GIB", "GIN", "GLP", "GMB", "GNB", "GNQ", "GRC", "GRD",
    "GRL", "GTM", "GUF", "GUM", "GUY", "HKG", "HMD", "HND", "HRV", "HTI", "HUN", "IDN", "IMN",
    "IND", "IOT", "IRL", "IRN", "IRQ", "ISL", "ISR", "ITA", "JAM", "JEY", "JOR", "JPN", "KAZ",
    "KEN", "KGZ", "KHM", "KIR", "KNA", "KOR", "KWT", "LAO", "LBN", "LBR", "LBY", "LCA", "LIE",
    "LKA", "LSO", "LTU", "LUX", "LVA", "MAC", "MAF", "MAR", "MCO", "MDA", "MDG", "MDV", "MEX",
    "MHL", "MKD", "MLI", "MLT", "MMR", "MNE", "MNG", "MNP", "MOZ", "MRT", "MSR", "MTQ", "MUS",
    "MWI", "MYS", "MYT", "NAM", "NCL", "NER", "NFK", "NGA", "NIC", "NIU", "NLD", "NOR", "NPL",
    "NRU", "NZL", "OMN", "PAK", "PAN", "PCN", "PER", "PHL", "PLW", "PNG", "POL", "PRI", "PRK",
    "PRT", "PRY", "PSE", "PYF", "QAT", "REU", "RKS", "ROU", "RUS", "RWA", "SAU", "SDN", "SEN",
    "SGP", "SGS", "SHN", "SJM", "SLB", "SLE", "SLV", "SMR", "SOM", "SPM", "SRB", "SSD", "STP",
    "SUR", "SVK", "SVN", "SWE", "SWZ", "SXM", "SYC", "SYR", "TCA", "TCD", "TGO", "THA", "TJK",
    "TKL", "TKM", "TLS", "TON", "TTO", "TUN", "TUR", "TUV", "TWN", "TZA", "UGA", "UKR", "UMI",
    "URY", "USA", "UZB", "VAT", "VCT", "VEN", "VGB", "VIR", "VNM", "VUT", "WLF", "WSM", "XXA",
    "XXB", "XXC", "XXX", "YEM", "ZAF", "ZMB", "ZWE",
};

constexpr std::string_view kSectors[] = {
    "agriculture", "construction",  "domestic_work", "education", "health",
    "hospitality", "manufacturing", "retail",        "security",  "cleaning",
    "transport",   "oil_and_gas",   "other"};

}  // namespace

bool IsCountryCode(std::string_view alpha3) {
  return std::binary_search(std::begin(kCountries), std::end(kCountries), alpha3);
}

Status CheckCountry(std::string_view alpha3, std::string_view field) {
  if (!IsCountryCode(alpha3)) {
    return Status::InvalidArgument(
        "'" + std::string(alpha3) + "' is not an ISO 3166-1 alpha-3 country code",
        std::string(field));
  }
  return Status::Ok();
}

const LanguageInfo* FindLanguage(std::string_view code) {
  for (const LanguageInfo& l : Languages()) {
    if (l.code == code) return &l;
  }
  return nullptr;
}

bool IsSupportedLanguage(std::string_view code) { return FindLanguage(code) != nullptr; }

Status CheckLanguage(std::string_view code, std::string_view field) {
  if (!IsSupportedLanguage(code)) {
    std::string list;
    for (const LanguageInfo& l : Languages()) {
      if (!list.empty()) list += ", ";
      list += l.code;
    }
    return Status::InvalidArgument(
        "'" + std::string(code) + "' is not a supported language (" + list + ")",
        std::string(field));
  }
  return Status::Ok();
}

Status CheckIscoCode(std::string_view code, std::string_view field) {
  if (code.size() != 4 || !IsAsciiDigits(code)) {
    return Status::InvalidArgument("must be a four-digit ISCO-08 unit group code",
                                   std::string(field));
  }
  return Status::Ok();
}

std::span<const std::string_view> Sectors() { return kSectors; }

Status CheckSector(std::string_view sector, std::string_view field) {
  if (std::find(std::begin(kSectors), std::end(kSectors), sector) == std::end(kSectors)) {
    std::string list;
    for (auto s : kSectors) {
      if (!list.empty()) list += ", ";
      list += s;
    }
    return Status::InvalidArgument("'" + std::string(sector) + "' is not a sector (" + list + ")",
                                   std::string(field));
  }
  return Status::Ok();
}

}  // namespace corridor::domain
