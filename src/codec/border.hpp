// The JSON form of the border's records (crossings, screening hits, overstay flags), both ways:
// stored as each record's document, written into ledger events, and the base of the API's
// views. Decoders refuse unknown fields and name the field path of every error.
// Pure functions; thread-safe.
#pragma once

#include "core/status.hpp"
#include "domain/border.hpp"
#include "json/json.hpp"

namespace corridor::codec {

json::Value ToJson(const domain::TravelDocument& d);
Result<domain::TravelDocument> TravelDocumentFromJson(const json::Value& v,
                                                      const std::string& path = "");

json::Value ToJson(const domain::Crossing& c);
Result<domain::Crossing> CrossingFromJson(const json::Value& v);

json::Value ToJson(const domain::ScreeningHit& h);
Result<domain::ScreeningHit> ScreeningHitFromJson(const json::Value& v);

json::Value ToJson(const domain::OverstayFlag& f);
Result<domain::OverstayFlag> OverstayFlagFromJson(const json::Value& v);

}  // namespace corridor::codec
