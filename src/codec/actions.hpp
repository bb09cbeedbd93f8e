// The JSON form of a record's allowed actions (docs/openapi.yaml, `allowed_actions`): an array of
// the steps' names, in the order the domain lists them.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "domain/actions.hpp"
#include "domain/cases.hpp"
#include "json/json.hpp"

namespace corridor::codec {

template <typename Step>
json::Value ActionsToJson(const std::vector<Step>& steps) {
  json::Array out;
  out.reserve(steps.size());
  // Unqualified: each capability's ToString(Step) is found beside its Step (domain/*.hpp).
  for (Step s : steps) out.push_back(std::string(ToString(s)));
  return json::Value(std::move(out));
}

}  // namespace corridor::codec
