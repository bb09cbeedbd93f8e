// Ledger events: every change of state in a node is one event, and the event's canonical JSON
// bytes are its Merkle leaf input. Fields, rules and an example with its digest are in
// docs/formats/ledger.md §1.
//
// Thread-safety: pure functions over values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "core/time.hpp"
#include "crypto/crypto.hpp"
#include "json/json.hpp"

namespace corridor::ledger {

// The format version a node writes (2: with the records the change wrote). Version 1 events,
// written before, are read and verified as they are: an event's bytes never change.
inline constexpr int kEventVersion = 2;
// The largest encoded event, and the deepest nesting of its data (the event object is one level
// more): what DecodeEvent accepts, and so what CheckEvent lets through.
inline constexpr size_t kMaxEventBytes = 1u << 20;
inline constexpr int kMaxEventDataDepth = 63;

// A stored record an event's change wrote (format version 2, docs/formats/ledger.md §1.1): the
// store's table of documents, the record's key there, and SHA-256 of the record's stored document
// (its exact bytes) after the change.
struct RecordHash {
  std::string table;  // [a-z][a-z0-9_]*, at most 64 characters
  std::string id;     // the record's key, the character rules of ids
  crypto::Digest sha256{};
  bool operator==(const RecordHash&) const = default;
};

struct Event {
  int version = kEventVersion;  // 1 or 2
  uint64_t index = 0;           // position in the node's ledger, from 0, no gaps
  Timestamp time;               // when the change was committed
  std::string node_id;          // the node whose ledger holds the event
  std::string type;             // dotted lower case, e.g. "contract.attested"
  std::string subject;          // id of the record changed
  std::string actor;            // account id, or "system"
  json::Value data;             // the facts of the change, usually an object
  // Version 2: every stored record the change wrote since the transaction's previous event, in
  // the order first written, each once. Always empty in version 1.
  std::vector<RecordHash> records;
  bool operator==(const Event&) const = default;
};

// Canonical JSON (RFC 8785) of
// {"v":2,"index":..,"time":..,"node":..,"type":..,"subject":..,"actor":..,"data":..,"records":[..]}
// (version 1: the same without "records").
std::string EncodeEvent(const Event& e);

// Strict inverse of EncodeEvent: refuses bytes that are not valid JSON, a missing or unknown
// member (for the event's version), a wrong type, a "v" other than 1 or 2, values that break
// CheckEvent, and bytes that are not exactly canonical (re-encoding must give the input back).
// Errors are InvalidArgument.
Result<Event> DecodeEvent(std::string_view bytes);

// The rules an event must meet before it is appended: version 1 or 2, index within 2^53-1, node,
// subject and actor ids of 1-64 characters [A-Za-z0-9._-], a well-formed type, data fit for
// canonical JSON and nested at most kMaxEventDataDepth deep, records only in version 2, each with
// a well-formed table name and id and no record twice, and at most kMaxEventBytes once encoded.
Status CheckEvent(const Event& e);

// Two or more segments of [a-z][a-z0-9_]* joined by '.', at most 64 characters.
bool IsValidEventType(std::string_view type);

// One segment [a-z][a-z0-9_]*, at most 64 characters: a table named in an event's records.
bool IsValidTableName(std::string_view table);

}  // namespace corridor::ledger
