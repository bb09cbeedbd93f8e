// Ledger events: every change of state in a node is one event, and the event's canonical JSON
// bytes are its Merkle leaf input. Fields, rules and an example with its digest are in
// docs/formats/ledger.md §1.
//
// Thread-safety: pure functions over values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.hpp"
#include "core/time.hpp"
#include "json/json.hpp"

namespace corridor::ledger {

inline constexpr int kEventVersion = 1;
// The largest encoded event, and the deepest nesting of its data (the event object is one level
// more): what DecodeEvent accepts, and so what CheckEvent lets through.
inline constexpr size_t kMaxEventBytes = 1u << 20;
inline constexpr int kMaxEventDataDepth = 63;

struct Event {
  uint64_t index = 0;   // position in the node's ledger, from 0, no gaps
  Timestamp time;       // when the change was committed
  std::string node_id;  // the node whose ledger holds the event
  std::string type;     // dotted lower case, e.g. "contract.attested"
  std::string subject;  // id of the record changed
  std::string actor;    // account id, or "system"
  json::Value data;     // the facts of the change, usually an object
  bool operator==(const Event&) const = default;
};

// Canonical JSON (RFC 8785) of
// {"v":1,"index":..,"time":..,"node":..,"type":..,"subject":..,"actor":..,"data":..}.
std::string EncodeEvent(const Event& e);

// Strict inverse of EncodeEvent: refuses bytes that are not valid JSON, a missing or unknown
// member, a wrong type, a "v" other than 1, values that break CheckEvent, and bytes that are not
// exactly canonical (re-encoding must give the input back). Errors are InvalidArgument.
Result<Event> DecodeEvent(std::string_view bytes);

// The rules an event must meet before it is appended: index within 2^53-1, node, subject and actor
// ids of 1-64 characters [A-Za-z0-9._-], a well-formed type, data fit for canonical JSON and
// nested at most kMaxEventDataDepth deep, and at most kMaxEventBytes once encoded.
Status CheckEvent(const Event& e);

// Two or more segments of [a-z][a-z0-9_]* joined by '.', at most 64 characters.
bool IsValidEventType(std::string_view type);

}  // namespace corridor::ledger
