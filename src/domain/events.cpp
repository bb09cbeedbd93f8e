#include "domain/events.hpp"

namespace corridor::domain {

std::optional<EventType> ParseEventType(std::string_view name) {
  for (size_t i = 0; i < kEventTypeCount; ++i) {
    if (kEventTypeNames[i] == name) return static_cast<EventType>(i);
  }
  return std::nullopt;
}

}  // namespace corridor::domain
