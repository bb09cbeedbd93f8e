// The JSON forms of statistics (docs/statistics.md): the definition file's indicators, a
// release's summary (the stored record and the API's listing), and a published table as the API
// serves it.
//
// Pure functions; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "core/status.hpp"
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

}  // namespace corridor::codec
