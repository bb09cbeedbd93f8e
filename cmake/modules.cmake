# One library per folder under src/, linking only along the dependency arrows of
# docs/architecture.md. A module's tests sit next to its code as *_test.cpp and build into one
# test binary per module.
#
#   corridor_module(NAME SOURCES a.cpp ... DEPS other_module ... [LIBS external ...])
#   corridor_module_tests(NAME SOURCES a_test.cpp ... [DEPS ...] [LIBS ...] [BOTH_BACKENDS]
#                         [TARGET name_of_a_second_test_binary])
#
# BOTH_BACKENDS registers every test twice: "sqlite." with CORRIDOR_TEST_BACKEND=sqlite and
# "postgres." with CORRIDOR_TEST_PG_DIR set, the latter needing the `pg` fixture (a
# throwaway PostgreSQL server started and stopped by CTest; see tests/pg/pg_fixture).

function(corridor_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS;LIBS" ${ARGN})
  add_library(corridor_${name} STATIC ${M_SOURCES})
  target_include_directories(corridor_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  foreach(dep IN LISTS M_DEPS)
    target_link_libraries(corridor_${name} PUBLIC corridor_${dep})
  endforeach()
  if(M_LIBS)
    target_link_libraries(corridor_${name} PRIVATE ${M_LIBS})
  endif()
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
