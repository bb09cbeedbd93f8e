# One library per folder under src/, linking only along the dependency arrows of
# docs/architecture.md. A module's tests sit next to its code as *_test.cpp and build into one
# test binary per module.
#
#   corridor_module(NAME SOURCES a.cpp ... DEPS other_module ... [LIBS external ...])
#   corridor_module_tests(NAME SOURCES a_test.cpp ... [DEPS ...] [LABELS ...] [ENV K=V ...])

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

function(corridor_module_tests name)
  if(NOT CORRIDOR_TESTS)
    return()
  endif()
  cmake_parse_arguments(T "" "" "SOURCES;DEPS;LIBS;LABELS;ENV" ${ARGN})
  add_executable(${name}_test ${T_SOURCES})
  target_link_libraries(${name}_test PRIVATE corridor_${name} GTest::gtest GTest::gtest_main
                        GTest::gmock)
  foreach(dep IN LISTS T_DEPS)
    target_link_libraries(${name}_test PRIVATE corridor_${dep})
  endforeach()
  if(T_LIBS)
    target_link_libraries(${name}_test PRIVATE ${T_LIBS})
  endif()
  target_compile_definitions(${name}_test PRIVATE
    CORRIDOR_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  gtest_discover_tests(${name}_test
    DISCOVERY_MODE PRE_TEST
    PROPERTIES LABELS "${name};${T_LABELS}" ENVIRONMENT "${T_ENV}")
endfunction()
