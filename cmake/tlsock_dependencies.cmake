# tlsock's link requirements, shared by the build tree (CMakeLists.txt) and the installed
# package (tlsockConfig.cmake), so that both link exactly the same way:
#   tlsock::botan_static   Botan 2 as a static archive. Debian's shared libbotan-2.so pulls
#                          libtspi, which loads OpenSSL's libcrypto; the archive only brings the
#                          objects tlsock references (no TPM code). The compression/sqlite
#                          libraries it may need are linked --as-needed.
#   PkgConfig::TLSOCK_SODIUM   libsodium.
include_guard(GLOBAL)

find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
pkg_check_modules(TLSOCK_BOTAN REQUIRED botan-2)
pkg_check_modules(TLSOCK_SODIUM REQUIRED IMPORTED_TARGET GLOBAL libsodium)
find_library(TLSOCK_BOTAN_STATIC NAMES libbotan-2.a REQUIRED HINTS ${TLSOCK_BOTAN_LIBRARY_DIRS})

add_library(tlsock::botan_static INTERFACE IMPORTED GLOBAL)
target_include_directories(tlsock::botan_static SYSTEM INTERFACE ${TLSOCK_BOTAN_INCLUDE_DIRS})
target_link_libraries(tlsock::botan_static INTERFACE ${TLSOCK_BOTAN_STATIC} Threads::Threads
  -Wl,--push-state,--as-needed -lbz2 -llzma -lz -lsqlite3 -lrt -Wl,--pop-state)
