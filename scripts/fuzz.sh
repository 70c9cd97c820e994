#!/usr/bin/env bash
# Builds every libFuzzer target (the `fuzz` preset: clang, ASan, UBSan, coverage on all of
# tlsock, and the UNSAFE fuzzer mode of src/common/fuzzer_mode.hpp), rewrites the engine
# fuzzers' seed corpora (fuzz/corpus/engine_*, from fuzz_seed_corpus: deterministic, so a
# change shows in `git status` only when the engine's bytes changed), then runs each target
# for TLSOCK_FUZZ_SECONDS (default 10) and prints one line per target:
#   runs (executions), crashes (0, or 1 with the reproducer's path: libFuzzer stops at the
#   first), cov (edges covered), ft (features), corpus size.
# Arguments pick targets by name (e.g. `scripts/fuzz.sh engine_client engine_server`); none:
# all. New inputs go to build/fuzz/corpus/<target>, crashes to build/fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)" --target fuzzers
build/fuzz/fuzz/fuzz_seed_corpus fuzz/corpus >/dev/null

seconds="${TLSOCK_FUZZ_SECONDS:-10}"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for fuzzer in build/fuzz/fuzz/fuzz_*; do
    name="$(basename "$fuzzer")"
    [ "$name" = fuzz_seed_corpus ] || targets+=("${name#fuzz_}")
  done
fi

status=0
for target in "${targets[@]}"; do
  work="build/fuzz/corpus/$target" artifacts="build/fuzz/artifacts/$target" log="build/fuzz/$target.log"
  mkdir -p "$work" "$artifacts"
  stamp="$(mktemp)"
  seeds=()
  [ -d "fuzz/corpus/$target" ] && seeds+=("fuzz/corpus/$target")
  "build/fuzz/fuzz/fuzz_$target" -max_total_time="$seconds" -max_len=8192 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$work" "${seeds[@]}" >"$log" 2>&1 || true
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")"
  last="$(grep -E '^#[0-9]+' "$log" | tail -n 1)"
  cov="$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")"
  ft="$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")"
  corp="$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")"
  crash="$(find "$artifacts" -type f -newer "$stamp" -print -quit)"
  rm -f "$stamp"
  if grep -qE '^==[0-9]+==ERROR|^SUMMARY: |deadly signal' "$log" || [ -n "$crash" ]; then
    printf '%-22s runs %-9s crashes 1 (%s, log %s)\n' "$target" "${runs:-?}" "${crash:-no artifact}" "$log"
    status=1
  else
    printf '%-22s runs %-9s crashes 0  cov %-6s ft %-6s corpus %s\n' "$target" "${runs:-?}" \
      "${cov:-?}" "${ft:-?}" "${corp:-?}"
  fi
done
exit "$status"
