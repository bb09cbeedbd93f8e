// The JSON forms of statistics (docs/statistics.md): the definition file's indicators, a
// release's summary (the stored record and the API's listing), and a published table as the API
// serves it.
//
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "domain/open_data.hpp"
#include "domain/statistics_release.hpp"
#include "json/json.hpp"

namespace corridor::codec {

// The indicators of the definition file (data/statistics/indicators.json): id, kind,
// extra_dimension and dimensions of each; the file's other members are read by people. Errors
// name the field ("indicators[3].kind").
Result<std::vector<domain::IndicatorDefinition>> IndicatorDefinitionsFromJson(const json::Value& v);
// The file's disclosure defaults ("disclosure": threshold and rounding_base), validated.
Result<domain::DisclosurePolicy> DisclosureDefaultsFromJson(const json::Value& v);

json::Value ToJson(const domain::ReleaseSummary& r);
Result<domain::ReleaseSummary> ReleaseSummaryFromJson(const json::Value& v);

// A published table as GET /api/v1/statistics/tables/{indicator} answers it: withheld figures
// are null.
json::Value ReleasedTableToJson(const domain::ReleasedTable& t, std::string_view release,
                                const domain::DisclosurePolicy& policy);

// dictionary.csv of a release (docs/statistics.md, "Open data"): `name,kind,meaning`, a line per
// column of indicators.csv (the common dimensions' meanings from the definition file `file`),
// then a line per indicator of `released` with its kind and definition. InvalidArgument naming
// the member when `file` lacks a meaning or a definition.
Result<std::string> DictionaryCsv(const json::Value& file,
                                  std::span<const domain::IndicatorDefinition> released);

// The "type" of a release's signed manifest.
inline constexpr std::string_view kOpenDataType = "corridor.open_data.v1";

// release.json's signing input (docs/statistics.md, "release.json"): the release, the node and
// its country, the policy, the release's SHA-256 and `files`, with "type" kOpenDataType.
json::Value OpenDataManifest(const domain::ReleaseSummary& r, std::string_view node,
                             std::string_view country,
                             const std::vector<domain::OpenDataFile>& files);

}  // namespace corridor::codec
