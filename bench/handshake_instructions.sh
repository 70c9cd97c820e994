#!/usr/bin/env bash
# Instructions per TLS 1.3 handshake for each role and server key, counted by callgrind
# (repeatable when the CPU is shared, unlike the CPU times of BM_Handshake13). Each figure is
# the difference between runs of N+1 and 1 handshakes divided by N, so one-time costs (static
# tables, a key's first signer) drop out.
#
#   bench/handshake_instructions.sh [build dir, default build/default] [N, default 10]
# Per-function profiles stay in $OUT (default /tmp/tlsock-callgrind) for callgrind_annotate.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bench=${1:-$here/build/default}/bench/tlsock_bench
n=${2:-10}
out=${OUT:-/tmp/tlsock-callgrind}
mkdir -p "$out"
export TLSOCK_VECTORS_DIR=$here/vectors

count() {  # role key runs -> instructions collected
  local file="$out/$1-$2-$3.out"
  TLSOCK_BENCH_COLLECT=$1 valgrind --tool=callgrind --collect-atstart=no \
    --callgrind-out-file="$file" "$bench" --benchmark_filter="BM_Handshake13/$4/$2/" \
    --benchmark_min_time=0.000001 --benchmark_repetitions="$3" >/dev/null 2>&1
  awk '/^summary:/ {print $2}' "$file"
}

keys=("ECDSA P-256" "RSA-2048" "Ed25519")
for key in 0 1 2; do
  for role in client server; do
    arg=$([ "$role" = client ] && echo 0 || echo 1)
    one=$(count $role $key 1 $arg)
    many=$(count $role $key $((n + 1)) $arg)
    printf '%-12s %-7s %12d instructions/handshake\n' "${keys[$key]}" "$role" $(((many - one) / n))
  done
done
