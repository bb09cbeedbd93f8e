#include "domain/open_data.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace corridor::domain {
namespace {

// "15-19" -> "15T19" (the bands' two bounds); "60+" -> "_GE60". `prefix` leads either.
std::string RangeCode(std::string_view prefix, std::string_view band) {
  if (!band.empty() && band.back() == '+') {
    return std::string(prefix) + "_GE" + std::string(band.substr(0, band.size() - 1));
  }
  const size_t dash = band.find('-');
  if (dash == std::string_view::npos) return std::string(prefix) + std::string(band);
  return std::string(prefix) + std::string(band.substr(0, dash)) + "T" +
         std::string(band.substr(dash + 1));
}

std::string Upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

}  // namespace

std::string SdmxConcept(std::string_view dimension) {
  if (dimension == "isco_major") return "OCCUPATION";
  if (dimension == "age_band") return "AGE";
  if (dimension == "employer_size_band") return "EMP_SIZE";
  if (dimension == "month") return "TIME_PERIOD";
  return Upper(dimension);
}

std::string SdmxCode(std::string_view dimension, std::string_view value) {
  if (value.empty()) return "_T";
  if (value == kUnknownValue) return "_U";
  if (dimension == "age_band") return RangeCode("Y", value);
  if (dimension == "employer_size_band") return RangeCode("S", value);
  return std::string(value);
}

std::string SdmxDataflow(std::string_view country, std::string_view indicator) {
  return "CORRIDOR_" + std::string(country) + ":" + Upper(indicator) + "(1.0)";
}

std::string SdmxCsv(const IndicatorDefinition& def, const IndicatorRelease& release,
                    std::string_view country) {
  std::vector<std::string> dims;  // the indicator's dimensions but the month, in table order
  for (const std::string& d : TableDimensions(def)) {
    if (d != "month") dims.push_back(d);
  }
  std::string out = "DATAFLOW,FREQ";
  for (const auto& d : dims) out += "," + SdmxConcept(d);
  out += ",TIME_PERIOD,OBS_VALUE,CONF_STATUS\n";

  const std::string dataflow = SdmxDataflow(country, def.id);
  std::vector<std::pair<std::vector<std::string>, std::string>> lines;
  for (const ReleasedFigure& f : release.figures) {
    std::string month;
    for (const DimensionValue& v : f.values) {
      if (v.dimension == "month") month = v.value;
    }
    if (month.empty()) continue;  // summed over the whole period: no SDMX time period
    std::vector<std::string> cells;
    for (const auto& d : dims) {
      std::string value;
      for (const DimensionValue& v : f.values) {
        if (v.dimension == d) value = v.value;
      }
      cells.push_back(SdmxCode(d, value));
    }
    cells.push_back(month);
    std::string line = dataflow + ",M";
    for (const auto& c : cells) line += "," + c;
    line += f.value ? "," + std::to_string(*f.value) + ",F\n" : ",,C\n";
    lines.emplace_back(std::move(cells), std::move(line));
  }
  std::sort(lines.begin(), lines.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [cells, line] : lines) out += line;
  return out;
}

}  // namespace corridor::domain
