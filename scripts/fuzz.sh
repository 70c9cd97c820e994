#!/usr/bin/env bash
# Builds every libFuzzer target (the `fuzz` preset: clang, ASan, UBSan, coverage on all of
# tlsock) and runs each one briefly from an empty corpus, or for longer with
#   TLSOCK_FUZZ_SECONDS=600 scripts/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)"
for fuzzer in build/fuzz/fuzz/fuzz_*; do
  [ -x "$fuzzer" ] || continue
  printf '%s: ' "$(basename "$fuzzer")"
  "$fuzzer" -max_total_time="${TLSOCK_FUZZ_SECONDS:-10}" -max_len=4096 2>&1 | tail -n 1
done
