#!/usr/bin/env bash
# Quick start, part 2: install what is missing, then build and run every test:
#   1. the default build (optimised + debug info): every ctest test (unit, vectors, api,
#      interop, no_openssl, the asio adapter, the Beast load test), then BoGo, BoringSSL's TLS
#      test suite (scripts/bogo.sh);
#   2. the asan build (AddressSanitizer + UndefinedBehaviorSanitizer): the unit tests again;
#   3. the tsan build (ThreadSanitizer): test_socket and test_api, where threads share sockets
#      and contexts (only the library and those two binaries are built).
# The fuzzers are built and run by scripts/fuzz.sh (another full build: kept out of the test
# run so that it stays within its time budget on 2 cores).
# Exits non-zero on the first failure. A second run reuses the build folders.
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=$(nproc)
bash scripts/install-deps.sh

step() { printf '\n=== %s ===\n' "$*"; }

step "default build"
cmake --preset default >/dev/null
cmake --build --preset default -j "$jobs"
ctest --preset default -j "$jobs"

step "BoGo: BoringSSL's TLS tests against the default build"
# The runner bounds each test itself; this bounds the whole run (runner build included).
timeout 1800 bash scripts/bogo.sh

step "asan build: unit tests"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs" --target unit_tests
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --preset asan -j "$jobs"

step "tsan build: socket and api tests"
cmake --preset tsan >/dev/null
cmake --build --preset tsan -j "$jobs" --target test_socket test_api
# Any report fails the run (exit code 66). tests/tsan.supp silences third-party code only.
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/tsan.supp"
timeout 300 build/tsan/tests/test_socket
timeout 900 build/tsan/tests/test_api
unset TSAN_OPTIONS

step "all tests passed"
