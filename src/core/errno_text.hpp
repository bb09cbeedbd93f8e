// The text of an errno value, thread-safe (std::strerror may share one buffer between threads).
// Thread-safety: safe to call from any thread.
#pragma once

#include <string>

namespace corridor {

std::string ErrnoText(int err);

}  // namespace corridor
