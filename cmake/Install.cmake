# `cmake --install build --prefix PREFIX` lays wasmc out as compiler/link.c
# expects it:
#   PREFIX/bin/wasmc
#   PREFIX/lib/wasmc/<arch>/lib*.a   the runtime of each target (rtlib, wasi;
#                                    not the spec tests' harness)
#   PREFIX/share/man/man1/wasmc.1    generated from `wasmc --help`
#   PREFIX/share/doc/wasmc/          README.md and docs/*.md (in docs/, so
#                                    that the README's links hold)
# The paths are fixed, not GNUInstallDirs': its libdir is lib/<multiarch> on
# Debian, but wasmc looks for ../lib/wasmc beside bin/ (like clang's
# lib/clang/19). Included after the folders that define the archives.

set(WASMC_MAN_PAGE ${CMAKE_BINARY_DIR}/man/wasmc.1)
file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/man)
add_custom_command(
  OUTPUT ${WASMC_MAN_PAGE}
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/cmake/help2man.py
          $<TARGET_FILE:wasmc> ${PROJECT_VERSION} ${WASMC_MAN_PAGE}
  DEPENDS wasmc ${CMAKE_SOURCE_DIR}/cmake/help2man.py
  COMMENT "Generating the man page wasmc.1 from wasmc --help"
  VERBATIM)
add_custom_target(wasmc_man ALL DEPENDS ${WASMC_MAN_PAGE})

install(TARGETS wasmc RUNTIME DESTINATION bin)

get_property(archives GLOBAL PROPERTY WASMC_RUNTIME_ARCHIVES)
foreach(lib ${archives})
  get_filename_component(libdir ${lib} DIRECTORY)
  get_filename_component(arch ${libdir} NAME)
  install(FILES ${lib} DESTINATION lib/wasmc/${arch})
endforeach()

install(FILES ${WASMC_MAN_PAGE} DESTINATION share/man/man1)
install(FILES README.md DESTINATION share/doc/wasmc)
install(DIRECTORY docs/ DESTINATION share/doc/wasmc/docs FILES_MATCHING PATTERN "*.md")
