// What every read of the service layer returns: records shaped for the caller, each with the
// actions the caller may take on it (domain/actions.hpp), and the key of the next page.
//
// The pattern of a read (a "query"): a class `<Capability>Queries` in service/<capability>_
// queries.{hpp,cpp} whose methods take the Actor first, read in one store transaction, decide
// need-to-know with the domain's rule, write the decision to the access log (a record the caller
// may not see is NotFound, exactly like a missing one), and return these types. The HTTP handler
// only parses the request, calls one query, and writes the answer.
//
// Pure values; thread-safe.
#pragma once

#include <string>
#include <vector>

namespace corridor::service {

// A record with the steps the reader may take on it now.
template <typename Record, typename Step>
struct Actionable {
  Record record;
  std::vector<Step> allowed_actions;
};

// One page of a list: `next` is the id to pass as `after` for the following page ("" at the end).
template <typename Item>
struct Listing {
  std::vector<Item> items;
  std::string next;
};

}  // namespace corridor::service
