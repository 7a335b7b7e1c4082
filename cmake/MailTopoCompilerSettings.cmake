# Warnings and sanitizers for every target of the project.
# The sanitizer flags are global on purpose: a target that links an instrumented
# library must itself be instrumented, or the link fails on __asan_* symbols.

if(MSVC)
  add_compile_options(/W4 /permissive- /utf-8)
else()
  set(mailtopo_warnings -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                        -Wold-style-cast -Wcast-align -Woverloaded-virtual)
  # GCC 12's -Wnull-dereference fires inside libstdc++ (std::streambuf, inlined at -O2)
  # on correct code; clang's analysis is precise enough to keep it on.
  if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    list(APPEND mailtopo_warnings -Wnull-dereference)
  endif()
  list(APPEND mailtopo_warnings -Wimplicit-fallthrough)
  add_compile_options(${mailtopo_warnings})
endif()

if(MAILTOPO_SANITIZE OR MAILTOPO_FUZZ)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# Helper for the QtTest suites: one executable per suite, registered with CTest,
# always on the offscreen platform so no display is ever needed.
function(mailtopo_add_qtest name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  qt_add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE mailtopo_core Qt6::Test ${ARG_LIBS})
  target_compile_definitions(${name} PRIVATE
    MAILTOPO_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    MAILTOPO_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared")
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/tests/lsan.supp"
    TIMEOUT 300)
endfunction()

# Helper for libFuzzer targets; they only exist in a MAILTOPO_FUZZ build (the asan preset
# turns it on). Each target is also registered as a short CTest smoke run over its seed
# corpus (tests/fuzz/corpus/<name without fuzz_>), so CI exercises every parser under the
# sanitizers; long runs are done by hand (see tests/fuzz/README.md).
function(mailtopo_add_fuzzer name)
  if(NOT MAILTOPO_FUZZ)
    return()
  endif()
  add_executable(${name} ${ARGN})
  target_link_libraries(${name} PRIVATE mailtopo_core)
  target_compile_options(${name} PRIVATE -fsanitize=fuzzer)
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  string(REPLACE "fuzz_" "" corpus_name ${name})
  set(corpus ${PROJECT_SOURCE_DIR}/tests/fuzz/corpus/${corpus_name})
  set(work ${CMAKE_CURRENT_BINARY_DIR}/${name}-work)
  file(MAKE_DIRECTORY ${work})
  set(dirs ${work})
  if(EXISTS ${corpus})
    list(APPEND dirs ${corpus})
  endif()
  add_test(NAME ${name}_smoke
           COMMAND ${name} -max_total_time=20 -timeout=10 -rss_limit_mb=2048 ${dirs})
  set_tests_properties(${name}_smoke PROPERTIES
    # Without print_suppressions=0 every leak check of every input prints the suppressed
    # ldns allocations, which buried CI's log (the asan preset's own setting, for the rest).
    ENVIRONMENT "LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/tests/lsan.supp:print_suppressions=0"
    TIMEOUT 120)
endfunction()
