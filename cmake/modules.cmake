# One library per folder under src/, linking only along the dependency arrows of
# docs/architecture.md. A module's tests sit next to its code as *_test.cpp and build into one
# test binary per module.
#
#   corridor_module(NAME SOURCES a.cpp ... [PUBLIC_DEPS module ...] [DEPS module ...]
#                   [LIBS external ...])
#
# PUBLIC_DEPS are the modules the module's headers include (part of its interface: whoever
# includes its headers sees them); DEPS are the modules only its sources include (linked
# PRIVATE). A module includes headers of itself and of the modules it declares, nothing else:
# the test style.module_deps (tests/style/module_deps.py) reads the manifest written by
# corridor_write_module_manifest() and fails on any other include, and on a header including a
# module declared only in DEPS.
#   corridor_module_tests(NAME SOURCES a_test.cpp ... [DEPS ...] [LIBS ...] [BOTH_BACKENDS]
#                         [TARGET name_of_a_second_test_binary])
#
# BOTH_BACKENDS registers every test twice: "sqlite." with CORRIDOR_TEST_BACKEND=sqlite and
# "postgres." with CORRIDOR_TEST_PG_DIR set, the latter needing the `pg` fixture (a
# throwaway PostgreSQL server started and stopped by CTest; see tests/pg/pg_fixture).

function(corridor_module name)
  cmake_parse_arguments(M "" "" "SOURCES;PUBLIC_DEPS;DEPS;LIBS" ${ARGN})
  add_library(corridor_${name} STATIC ${M_SOURCES})
  target_include_directories(corridor_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  foreach(dep IN LISTS M_PUBLIC_DEPS)
    target_link_libraries(corridor_${name} PUBLIC corridor_${dep})
  endforeach()
  foreach(dep IN LISTS M_DEPS)
    target_link_libraries(corridor_${name} PRIVATE corridor_${dep})
  endforeach()
  if(M_LIBS)
    target_link_libraries(corridor_${name} PRIVATE ${M_LIBS})
  endif()
  string(JOIN "," public_text ${M_PUBLIC_DEPS})
  string(JOIN "," private_text ${M_DEPS})
  set_property(GLOBAL APPEND PROPERTY CORRIDOR_MODULE_LINES
               "module ${name} public=${public_text} private=${private_text}")
endfunction()

# A library of test helpers beside a module (src/NAME/testing.cpp), linking the module and the
# test helpers of others: corridor_testing_library(NAME SOURCES ... DEPS name_testing ...).
function(corridor_testing_library name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS" ${ARGN})
  if(NOT CORRIDOR_TESTS)
    return()
  endif()
  add_library(corridor_${name}_testing STATIC ${M_SOURCES})
  target_link_libraries(corridor_${name}_testing PUBLIC corridor_${name})
  foreach(dep IN LISTS M_DEPS)
    target_link_libraries(corridor_${name}_testing PUBLIC corridor_${dep})
  endforeach()
  string(JOIN "," deps_text ${name} ${M_DEPS})
  set_property(GLOBAL APPEND PROPERTY CORRIDOR_MODULE_LINES "tests ${name} deps=${deps_text}")
endfunction()

# Writes the declared dependencies of every module and test binary for style.module_deps.
function(corridor_write_module_manifest path)
  get_property(lines GLOBAL PROPERTY CORRIDOR_MODULE_LINES)
  string(JOIN "\n" text ${lines})
  file(WRITE ${path} "${text}\n")
endfunction()

set(CORRIDOR_PG_DIR ${CMAKE_BINARY_DIR}/pg-fixture)

function(corridor_module_tests name)
  if(NOT CORRIDOR_TESTS)
    return()
  endif()
  cmake_parse_arguments(T "BOTH_BACKENDS" "TARGET" "SOURCES;DEPS;LIBS;LABELS" ${ARGN})
  set(target ${name}_test)
  if(T_TARGET)
    set(target ${T_TARGET})
  endif()
  add_executable(${target} ${T_SOURCES})
  target_link_libraries(${target} PRIVATE corridor_${name} GTest::gtest GTest::gtest_main
                        GTest::gmock)
  foreach(dep IN LISTS T_DEPS)
    target_link_libraries(${target} PRIVATE corridor_${dep})
  endforeach()
  string(JOIN "," deps_text ${name} ${T_DEPS})
  set_property(GLOBAL APPEND PROPERTY CORRIDOR_MODULE_LINES "tests ${name} deps=${deps_text}")
  if(T_LIBS)
    target_link_libraries(${target} PRIVATE ${T_LIBS})
  endif()
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/tests/support)
  target_compile_definitions(${target} PRIVATE
    CORRIDOR_SOURCE_DIR="${PROJECT_SOURCE_DIR}" CORRIDOR_BINARY_DIR="${CMAKE_BINARY_DIR}")
  # Properties pass through gtest_discover_tests as single values only (list separators are
  # lost), hence one label and one environment variable per registration.
  if(T_BOTH_BACKENDS)
    gtest_discover_tests(${target}
      DISCOVERY_MODE PRE_TEST TEST_PREFIX "sqlite."
      PROPERTIES LABELS sqlite ENVIRONMENT "CORRIDOR_TEST_BACKEND=sqlite")
    gtest_discover_tests(${target}
      DISCOVERY_MODE PRE_TEST TEST_PREFIX "postgres."
      PROPERTIES LABELS postgres ENVIRONMENT "CORRIDOR_TEST_PG_DIR=${CORRIDOR_PG_DIR}"
                 FIXTURES_REQUIRED pg)
  else()
    gtest_discover_tests(${target} DISCOVERY_MODE PRE_TEST PROPERTIES LABELS ${name})
  endif()
endfunction()
