#!/usr/bin/env bash
# Builds bench/compare in its own folder (the `bench` preset: build/bench, the only build that
# links OpenSSL's libssl, which it installs when missing) and prints tlsock next to OpenSSL 3 in
# one table, then the Beast HTTPS server over each under h2load (bench/compare/beast_h2load.sh).
# Run it on an idle machine: every figure is CPU time or wall-clock speed.
# Arguments go to compare_openssl: --seconds S (per handshake row and library, default 2),
# --bulk-mib M (per bulk row, default 512), --idle N (connections held, default 1000), --rows
# LIST (which of handshake,rate,bulk,idle,peak to run; default all).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh --bench
cmake --preset bench >/dev/null
cmake --build --preset bench -j "$(nproc)" --target compare_openssl beast_tlsock_server beast_openssl_server
printf 'machine: %s; %s CPUs; load %s; Linux %s\n' "$(sed -n 's/^model name\t*: //p' /proc/cpuinfo | head -1)" \
  "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(uname -r)"
build/bench/bench/compare/compare_openssl "$@"
bash bench/compare/beast_h2load.sh build/bench/bench/compare vectors/engine
