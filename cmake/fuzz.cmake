# Fuzz targets. Each parser that reads outside input gets one: a file tests/fuzz/NAME_fuzz.cpp
# defining LLVMFuzzerTestOneInput, and a corpus directory tests/fuzz/corpus/NAME/ holding seed
# inputs and every input that ever crashed it (kept as a regression file).
#
#   corridor_fuzz_target(NAME SOURCES a.cpp ... DEPS module ...)
#
# Normal build (gcc or clang): the target links tests/fuzz/replay_main.cpp, a driver that feeds
# every file of the corpus to LLVMFuzzerTestOneInput once, and CTest runs it as fuzz_NAME, so CI
# replays the whole corpus on every build.
#
# -DCORRIDOR_FUZZ=ON with CXX=clang++: the whole project is compiled with coverage
# instrumentation and AddressSanitizer + UndefinedBehaviorSanitizer, and each target links
# libFuzzer instead of the replay driver. Run it as
#   build-fuzz/tests/fuzz/fuzz_NAME -max_total_time=300 tests/fuzz/corpus/NAME
# (see tests/fuzz/README.md). CTest then runs the fuzzer over the corpus once (-runs=0).

option(CORRIDOR_FUZZ "Build fuzz targets with libFuzzer, ASan and UBSan (needs clang++)" OFF)

if(CORRIDOR_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "CORRIDOR_FUZZ=ON needs clang++: configure with CXX=clang++")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined
                      # The project's warning flags are spelled for gcc (-Wshadow=local).
                      -Wno-unknown-warning-option)
  add_link_options(-fsanitize=address,undefined)
endif()

function(corridor_fuzz_target name)
  cmake_parse_arguments(F "" "" "SOURCES;DEPS" ${ARGN})
  set(target fuzz_${name})
  set(corpus ${PROJECT_SOURCE_DIR}/tests/fuzz/corpus/${name})
  add_executable(${target} ${F_SOURCES})
  foreach(dep IN LISTS F_DEPS)
    target_link_libraries(${target} PRIVATE corridor_${dep})
  endforeach()
  if(CORRIDOR_FUZZ)
    target_link_options(${target} PRIVATE -fsanitize=fuzzer)
    add_test(NAME ${target} COMMAND ${target} -runs=0 ${corpus})
  else()
    target_sources(${target} PRIVATE ${PROJECT_SOURCE_DIR}/tests/fuzz/replay_main.cpp)
    add_test(NAME ${target} COMMAND ${target} ${corpus})
  endif()
  set_tests_properties(${target} PROPERTIES LABELS "fuzz;${name}")
endfunction()
