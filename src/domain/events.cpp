#include "domain/events.hpp"

namespace corridor::domain {

std::optional<EventType> ParseEventType(std::string_view name) {
  for (size_t i = 0; i < kEventTypeCount; ++i) {
    if (kEventTypeNames[i] == name) return static_cast<EventType>(i);
  }
  return std::nullopt;
}

bool CarriesContractDigest(EventType t) {
  switch (t) {
    case EventType::kContractDrafted:
    case EventType::kContractOffered:
    case EventType::kContractWithdrawn:
    case EventType::kContractAccepted:
    case EventType::kContractRejected:
    case EventType::kContractAttested:
    case EventType::kContractAuthenticated:
    case EventType::kContractActivated:
    case EventType::kContractEnded:
    case EventType::kContractAmendmentProposed:
    case EventType::kContractAmendmentAccepted:
    case EventType::kContractAmendmentRejected:
      return true;
    default:
      return false;
  }
}

}  // namespace corridor::domain
