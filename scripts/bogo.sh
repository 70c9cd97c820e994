#!/usr/bin/env bash
# BoGo: BoringSSL's TLS test runner (ssl/test/runner, Go) against tlsock's shim
# (tests/bogo/shim.cpp, target bogo_shim of the default build).
#
#   scripts/bogo.sh [runner flags...]     e.g. scripts/bogo.sh -test 'Resume-*'
#
# The runner's sources live next to the repository (BoringSSL's ssl/test/runner at commit
# f3a0b745c; shim protocol: ssl/test/PORTING.md). It is built offline with Debian's Go and
# golang-golang-x-* packages (scripts/install-deps.sh) into build/default/bogo/, then run from
# its own folder (it reads its certificates there) with tests/bogo/config.json, which lists
# the tests left out (each with its reason) and maps BoringSSL's error names to tlsock's.
#
# Prints a summary per category, the category being the test name up to its first '-'
# ("Resume-Client-TLS13" is in "Resume"): tests passed, failed, unimplemented (the shim exits
# 89: a flag or feature tlsock does not have, e.g. DTLS, QUIC, TLS 1.0) and disabled (by
# config.json). Exits non-zero when any test failed unexpectedly.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
runner_src="$repo/../shared/bogo/boringssl/ssl/test/runner"
build="$repo/build/default"
out="$build/bogo"
shim="$build/tests/bogo_shim"
config="$repo/tests/bogo/config.json"

if [ ! -d "$runner_src" ]; then
  echo "bogo: the runner's sources are missing: $runner_src" >&2
  exit 1
fi
if [ ! -x "$shim" ]; then
  echo "bogo: no shim at $shim (cmake --build --preset default --target bogo_shim)" >&2
  exit 1
fi

mkdir -p "$out"
export GOFLAGS=-mod=readonly GOPROXY=off GOCACHE="$out/gocache" GOPATH="$out/gopath"
(cd "$runner_src" && go test -c -o "$out/bogo_runner" .)

# The names of the disabled tests, for the summary: the runner leaves them out of its JSON,
# so a second pass runs only them against a stand-in shim that implements nothing (skipped
# when runner flags select a subset).
stub="$out/unimplemented_shim.sh"
printf '#!/bin/sh\n[ "$1" = -is-handshaker-supported ] && echo No && exit 0\nexit 89\n' >"$stub"
chmod +x "$stub"
disabled_patterns=$(python3 -c 'import json,sys; print(";".join(json.load(open(sys.argv[1]))["DisabledTests"]))' "$config")

status=0
rm -f "$out/bogo.json"
(cd "$runner_src" && "$out/bogo_runner" -allow-unimplemented -num-workers "$(nproc)" -pipe \
  -json-output "$out/bogo.json" -shim-config "$config" -shim-path "$shim" "$@") \
  >"$out/bogo.log" 2>&1 || status=$?
rm -f "$out/disabled.json"
if [ -n "$disabled_patterns" ] && [ $# -eq 0 ]; then
  (cd "$runner_src" && "$out/bogo_runner" -allow-unimplemented -num-workers "$(nproc)" \
    -include-disabled -test "$disabled_patterns" -json-output "$out/disabled.json" \
    -shim-path "$stub") >/dev/null 2>&1 || true
fi

if [ ! -f "$out/bogo.json" ]; then
  echo "bogo: the runner wrote no results; its log ($out/bogo.log) ends:" >&2
  tail -5 "$out/bogo.log" >&2
  exit 1
fi
python3 "$repo/tests/bogo/summary.py" "$out/bogo.json" "$out/disabled.json" "$out/bogo.log" \
  || status=1
if [ "$status" -ne 0 ]; then
  echo "bogo: unexpected failures (runner log: $out/bogo.log)" >&2
fi
exit "$status"
