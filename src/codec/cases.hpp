// The JSON form of protection's records (complaints, their messages, cases) and of the case rules
// file (data/cases/rules.json), both ways: stored as each record's document and the base of the
// API's views (docs/formats/cases.md). Decoders refuse unknown members and name the field path of
// every error.
// Pure functions; thread-safe.
#pragma once

#include <string>

#include "core/status.hpp"
#include "domain/cases.hpp"
#include "json/json.hpp"

namespace corridor::codec {

json::Value ToJson(const domain::Complaint& c);
Result<domain::Complaint> ComplaintFromJson(const json::Value& v);

json::Value ToJson(const domain::ComplaintMessage& m);
Result<domain::ComplaintMessage> ComplaintMessageFromJson(const json::Value& v);

json::Value ToJson(const domain::IndicatorAssessment& a);
json::Value ToJson(const domain::CaseAction& a);
json::Value ToJson(const domain::Case& k);
Result<domain::Case> CaseFromJson(const json::Value& v);

// The rules file: {"deadlines": {<category>: {triage_days, assessment_days, action_days}, ...
// every category}, "trafficking_flag": [{name, min_present, among: [indicator or "*"]}]}.
// Refuses a missing category, an unknown one, an unknown indicator and rules that cannot work
// (CaseRules::Validate), naming the member.
Result<domain::CaseRules> CaseRulesFromJson(const json::Value& v);

// A list of enum names as a JSON array.
template <typename E>
json::Value NamesToJson(const std::vector<E>& values) {
  json::Array out;
  out.reserve(values.size());
  for (E e : values) out.push_back(std::string(domain::ToString(e)));
  return json::Value(std::move(out));
}

}  // namespace corridor::codec
