# `cpack -G DEB` in the build folder (after building) makes
# wasmc_<version>_<arch>.deb from the install rules (cmake/Install.cmake),
# installed under /usr. wasmc links the linker it found at configure time
# (WASMC_LLD, /usr/bin/ld.lld-19 on Debian 12), hence the dependency on lld-19;
# the shared libraries it needs (LLVM is linked statically unless
# WASMC_LLVM_SHARED) are found by dpkg-shlibdeps (Debian's dpkg-dev).

set(WASMC_PACKAGE_MAINTAINER "wasmc maintainers <maintainers@users.noreply.h-seed-b536fa6a.example>"
    CACHE STRING "The Maintainer field of the Debian package")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME wasmc)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "ahead-of-time compiler from WebAssembly to native code")
set(CPACK_PACKAGE_DESCRIPTION "wasmc compiles a WASI program (a core module or a preview-2 command
component) into one static, libc-free executable for x86-64, AArch64 or
RISC-V 64 Linux, from any of those hosts, through LLVM.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${WASMC_PACKAGE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "lld-19")
# Runs the outputs for the other architectures.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "qemu-user-static")

if(NOT WASMC_LLD MATCHES "^/usr/(bin/ld\\.lld-19|lib/llvm-19/bin/ld\\.lld)$")
  message(WARNING "wasmc will run the linker ${WASMC_LLD}, which Debian's lld-19 does not provide: "
                  "a .deb made from this build needs WASMC_LLD set where it is installed")
endif()

find_program(WASMC_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(WASMC_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  # What ldd shows for the default static-LLVM build on Debian 12.
  string(APPEND CPACK_DEBIAN_PACKAGE_DEPENDS ", libc6, libgcc-s1, libssl3, libstdc++6, zlib1g, libzstd1")
  if(WASMC_LLVM_SHARED)
    string(APPEND CPACK_DEBIAN_PACKAGE_DEPENDS ", libllvm19")
  endif()
endif()

include(CPack)
