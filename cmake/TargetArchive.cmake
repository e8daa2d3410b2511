# Static archives of freestanding C and assembly for the targets wasmc emits
# (rtlib, wasi). They are cross-built with ${WASMC_CLANG} --target=<triple>,
# never with the host compiler, and placed where the compiler looks for them:
# ${CMAKE_BINARY_DIR}/lib/wasmc/<arch>/lib<name>.a.

set(WASMC_TRIPLE_x86_64 x86_64-linux-gnu)
set(WASMC_TRIPLE_aarch64 aarch64-linux-gnu)
set(WASMC_TRIPLE_riscv64 riscv64-linux-gnu)
# The baselines wasmc's code generation defaults to (codegen/target.c). AArch64:
# atomics inline, not as calls into libgcc's outline helpers (there is no libgcc).
set(WASMC_ARCH_FLAGS_aarch64 -march=armv8-a -mno-outline-atomics)
set(WASMC_ARCH_FLAGS_riscv64 -march=rv64gc -mabi=lp64d -mcmodel=medany)

# No libc headers or calls, no stack protector (nobody sets up its canary),
# static code (outputs link with ld.lld -static), frame pointers for the
# backtraces of traps (in leaf functions too: clang omits them there on
# AArch64 by default), and no .eh_frame: nothing unwinds with it.
set(WASMC_TARGET_CFLAGS
  -ffreestanding -nostdlib -fno-stack-protector -fno-pic -O2 -g
  -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer -fno-asynchronous-unwind-tables
  -std=c11 -Wall -Wextra -Wno-unused-parameter)

# The flags for compiling freestanding code for arch, in out_var.
function(wasmc_target_cflags arch out_var)
  if(NOT DEFINED WASMC_TRIPLE_${arch})
    message(FATAL_ERROR "unknown target architecture ${arch}")
  endif()
  set(${out_var} --target=${WASMC_TRIPLE_${arch}} ${WASMC_ARCH_FLAGS_${arch}} ${WASMC_TARGET_CFLAGS} PARENT_SCOPE)
endfunction()

# wasmc_target_objects(OUT var NAME name ARCH arch SOURCES file... [NO_BUILTIN file...] [INCLUDES dir...])
# Compiles the sources for arch and appends the objects' paths to var.
# Sources are relative to the current source folder; NO_BUILTIN ones also get
# -fno-builtin (they implement the functions the compiler would call).
# INCLUDES are the only include folders: a layer lists its own folder and the
# public include/ folders of the layers below it, so that an include of
# another folder's private header fails the build.
function(wasmc_target_objects)
  cmake_parse_arguments(A "" "OUT;NAME;ARCH" "SOURCES;NO_BUILTIN;INCLUDES" ${ARGN})
  wasmc_target_cflags(${A_ARCH} cflags)
  foreach(dir ${A_INCLUDES})
    list(APPEND cflags -I${dir})
  endforeach()
  set(objdir ${CMAKE_CURRENT_BINARY_DIR}/${A_ARCH})
  file(MAKE_DIRECTORY ${objdir})
  set(objects ${${A_OUT}})
  foreach(src ${A_SOURCES})
    string(REPLACE "/" "_" flat ${src})
    set(obj ${objdir}/${flat}.o)
    set(extra)
    if(src IN_LIST A_NO_BUILTIN)
      set(extra -fno-builtin)
    endif()
    add_custom_command(
      OUTPUT ${obj}
      COMMAND ${WASMC_CLANG} ${cflags} ${extra} -MD -MF ${obj}.d -MT ${obj}
              -c ${CMAKE_CURRENT_SOURCE_DIR}/${src} -o ${obj}
      DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${src}
      DEPFILE ${obj}.d
      COMMENT "Compiling ${A_NAME} ${src} for ${A_ARCH}"
      VERBATIM)
    list(APPEND objects ${obj})
  endforeach()
  set(${A_OUT} ${objects} PARENT_SCOPE)
endfunction()

# wasmc_target_archive(NAME name ARCH arch [SOURCES file...] [NO_BUILTIN file...] [INCLUDES dir...]
#                      [OBJECTS obj...] [NOT_INSTALLED])
# Archives the sources (compiled as wasmc_target_objects does) and OBJECTS
# (made by wasmc_target_objects, for an archive whose parts have different
# include folders) into ${CMAKE_BINARY_DIR}/lib/wasmc/<arch>/lib<name>.a.
# Defines the target <name>_<arch>, built by default. The archive is part of
# the runtime that cmake/Install.cmake installs (the global property
# WASMC_RUNTIME_ARCHIVES lists them) unless NOT_INSTALLED: a test's archive.
function(wasmc_target_archive)
  cmake_parse_arguments(A "NOT_INSTALLED" "NAME;ARCH" "SOURCES;NO_BUILTIN;INCLUDES;OBJECTS" ${ARGN})
  set(objects ${A_OBJECTS})
  if(A_SOURCES)
    wasmc_target_objects(OUT objects NAME ${A_NAME} ARCH ${A_ARCH} SOURCES ${A_SOURCES}
      NO_BUILTIN ${A_NO_BUILTIN} INCLUDES ${A_INCLUDES})
  endif()
  set(lib ${CMAKE_BINARY_DIR}/lib/wasmc/${A_ARCH}/lib${A_NAME}.a)
  get_filename_component(libdir ${lib} DIRECTORY)
  file(MAKE_DIRECTORY ${libdir})
  add_custom_command(
    OUTPUT ${lib}
    COMMAND ${CMAKE_COMMAND} -E rm -f ${lib}
    COMMAND ${WASMC_LLVM_AR} rcsD ${lib} ${objects}
    DEPENDS ${objects}
    COMMENT "Archiving lib/wasmc/${A_ARCH}/lib${A_NAME}.a"
    VERBATIM)
  add_custom_target(${A_NAME}_${A_ARCH} ALL DEPENDS ${lib})
  if(NOT A_NOT_INSTALLED)
    set_property(GLOBAL APPEND PROPERTY WASMC_RUNTIME_ARCHIVES ${lib})
  endif()
endfunction()

# The command prefix that runs an executable built for arch, in out_var:
# empty for the host's architecture, qemu-<arch>-static (Debian's
# qemu-user-static) for the others, or NOTFOUND when there is none: the
# caller then leaves that architecture's run tests out.
function(wasmc_target_runner arch out_var)
  set(host ${CMAKE_HOST_SYSTEM_PROCESSOR})
  if(host MATCHES "^(amd64|AMD64)$")
    set(host x86_64)
  elseif(host STREQUAL "arm64")
    set(host aarch64)
  endif()
  if(arch STREQUAL host)
    set(${out_var} "" PARENT_SCOPE)
    return()
  endif()
  if(NOT WASMC_LONG_TESTS)
    set(${out_var} NOTFOUND PARENT_SCOPE)
    return()
  endif()
  find_program(WASMC_QEMU_${arch} NAMES qemu-${arch}-static qemu-${arch})
  if(WASMC_QEMU_${arch})
    set(${out_var} ${WASMC_QEMU_${arch}} PARENT_SCOPE)
  else()
    message(WARNING "qemu-${arch}-static not found (Debian package qemu-user-static): "
                    "the tests that run ${arch} executables are not registered")
    set(${out_var} NOTFOUND PARENT_SCOPE)
  endif()
endfunction()
