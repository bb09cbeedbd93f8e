// Internal to the mrz module: input normalisation that also reports what it changed, so the
// parser can tell the reader (NormaliseLines in mrz.hpp returns only the lines).
//
// Thread-safety: pure functions over values.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace corridor::mrz::internal {

struct NormalisedZone {
  std::vector<std::string> lines;
  std::vector<std::string> notes;  // each change made to the input, as a sentence
};

Result<NormalisedZone> Normalise(std::span<const std::string_view> lines);

}  // namespace corridor::mrz::internal
