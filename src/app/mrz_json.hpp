// The JSON form of a parsed machine-readable zone, exactly as docs/formats/mrz.md section 10
// gives it: what `corridor mrz parse` prints for each zone. Keys in the documented order.
// Pure functions; thread-safe.
#pragma once

#include "core/status.hpp"
#include "json/json.hpp"
#include "mrz/mrz.hpp"

namespace corridor::app {

// A zone that parsed, valid or not.
json::Value MrzDocumentJson(const mrz::MrzDocument& d, int input_line);
// A zone that could not be read.
json::Value MrzErrorJson(const Status& s, int input_line);

}  // namespace corridor::app
