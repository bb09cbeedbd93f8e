// REQUIRE for fuzz targets: a broken promise aborts, so libFuzzer (or the corpus replay under
// CTest) reports the input. Test-only.
#pragma once

#include <cstdio>
#include <cstdlib>

#define FUZZ_REQUIRE(cond)                                                  \
  do {                                                                      \
    if (!(cond)) {                                                          \
      std::fprintf(stderr, "fuzz: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                         \
    }                                                                       \
  } while (false)
