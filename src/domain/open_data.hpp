// A statistics release's open data (docs/statistics.md, "Open data"): the files its manifest
// lists, and SDMX-CSV, one file per indicator, a pure function of the release's figures.
//
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/statistics_release.hpp"

namespace corridor::domain {

// A file of a release as its manifest (release.json) lists it.
struct OpenDataFile {
  std::string name;
  std::string content_type;
  int64_t bytes = 0;
  std::string sha256;  // hex
};

// The SDMX concept id of a dimension: "origin" -> "ORIGIN", "isco_major" -> "OCCUPATION",
// "age_band" -> "AGE", "employer_size_band" -> "EMP_SIZE", an indicator's own breakdown in
// capitals ("state" -> "STATE").
std::string SdmxConcept(std::string_view dimension);

// The SDMX code of a dimension's value: "" (a total over it) -> "_T", kUnknownValue -> "_U", an
// age band "15-19" -> "Y15T19" and "60+" -> "Y_GE60", an employer size band "2-9" -> "S2T9",
// "1" -> "S1" and "250+" -> "S_GE250"; any other value as it is.
std::string SdmxCode(std::string_view dimension, std::string_view value);

// The dataflow of an indicator: "CORRIDOR_KWT:PERMITS_ISSUED(1.0)" for country "KWT".
std::string SdmxDataflow(std::string_view country, std::string_view indicator);

// INDICATOR.sdmx.csv: SDMX-CSV 1.0, a header then one line per figure of `release` that has a
// month (a flow's month, a stock's reference month), sorted by its columns. `def` is the
// released indicator's definition, `country` the publishing node's (alpha-3).
std::string SdmxCsv(const IndicatorDefinition& def, const IndicatorRelease& release,
                    std::string_view country);

}  // namespace corridor::domain
