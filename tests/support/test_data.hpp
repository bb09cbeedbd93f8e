// Where the tests find the files the repository carries for them (tests/data/), and one clear
// failure when a file is missing: the test stops naming the file, instead of failing later on
// an empty stream with a parse error. Test code only.
// Thread-safety: pure functions.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

namespace corridor::testing {

// The absolute path of tests/data/<relative>; aborts the test binary, naming the path, when the
// file is not there.
inline std::string TestDataFile(const std::string& relative) {
  const std::string path = std::string(CORRIDOR_SOURCE_DIR) + "/tests/data/" + relative;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    std::cerr << "missing test data file: " << path
              << " (the repository carries it; is the checkout complete?)\n";
    std::abort();
  }
  return path;
}

}  // namespace corridor::testing
