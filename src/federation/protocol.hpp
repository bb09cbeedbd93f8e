// The peer endpoint's request and response bodies (docs/formats/federation.md §3):
//
//   request   {"envelopes":[envelope, ...]}            1 to 64 envelopes, at most 4 MiB
//   response  {"results":[{"seq":N,"receipt":{..},"duplicate":bool[,"envelope":{..}]}, ...]
//              [,"refused":{"seq":N,"code":"..","reason":".."}]}
//
// The request reader checks only the outer form: each envelope is read (and possibly refused)
// one at a time by the receiver, so one bad envelope is a refusal, not a rejected request.
//
// Thread-safety: pure functions over values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.hpp"
#include "federation/checks.hpp"
#include "federation/envelope.hpp"
#include "json/json.hpp"

namespace corridor::federation {

inline constexpr std::string_view kMessagesPath = "/federation/v1/messages";

json::Value RequestToJson(const std::vector<Envelope>& envelopes);
// The envelopes of a request, unread; InvalidArgument when the request is not of the form above.
Result<std::vector<json::Value>> RequestFromJson(const json::Value& v);

struct DeliveryResult {
  uint64_t seq = 0;
  Receipt receipt;
  bool duplicate = false;
  std::optional<Envelope> envelope;  // for a duplicate: the copy the receiver applied
};

struct RefusalReport {
  uint64_t seq = 0;  // 0 when the envelope did not read far enough to tell
  Refusal refusal;
};

struct DeliveryResponse {
  std::vector<DeliveryResult> results;
  std::optional<RefusalReport> refused;
};

json::Value ResponseToJson(const DeliveryResponse& r);
Result<DeliveryResponse> ResponseFromJson(const json::Value& v);

}  // namespace corridor::federation
