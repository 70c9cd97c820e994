#!/usr/bin/env bash
# The Beast HTTPS server of examples/ over tlsock (beast_tlsock_server) and over
# boost::asio::ssl, i.e. OpenSSL (beast_openssl_server), under the same h2load runs on
# 127.0.0.1, printed as one markdown table:
# - requests per second: h2load --h1 -c 100 -n 20000, keep-alive connections;
# - new handshakes per second: the same with "Connection: close" on every request, so that each
#   request is a new connection and a new full TLS handshake (h2load reconnects after each);
#   the server's own count of handshakes is checked against it;
# - server memory from /proc/PID/status: VmRSS once it listens, VmHWM (peak resident set over
#   both runs) and VmRSS after them, before the server is stopped.
# Each figure is the median of ROUNDS rounds (default 3), each round a fresh process of each
# server, the order alternating between rounds, since h2load shares the CPUs with the servers and
# a loaded machine's speed drifts. The ratio column is tlsock / OpenSSL.
#   beast_h2load.sh BUILD_DIR CERT_DIR      (scripts/bench.sh: build/bench/bench/compare vectors/engine)
set -euo pipefail
bin=$1
certs=$2
requests=20000
rounds=${ROUNDS:-3}
clients=100
work=$(mktemp -d)
pid=
cleanup() {
  if [[ -n $pid ]]; then kill "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "beast_h2load: $*" >&2; exit 1; }
command -v h2load >/dev/null || fail "h2load is missing (scripts/install-deps.sh installs nghttp2-client)"

# h2load_rate NAME [H2LOAD ARGS...]: runs h2load against $port, checks that every request
# succeeded, prints its requests per second.
h2load_rate() {
  local name=$1; shift
  timeout 300 h2load --h1 -c "$clients" -n "$requests" "$@" "https://127.0.0.1:$port/bench" \
    >"$work/$name" 2>&1 || fail "h2load failed: $(tail -5 "$work/$name")"
  grep -q "requests: $requests total, $requests started, $requests done, $requests succeeded, 0 failed" \
    "$work/$name" || fail "$name: not every request succeeded: $(grep -E '^(requests|status)' "$work/$name")"
  sed -n 's/^finished in [^,]*, \([0-9.]*\) req\/s.*/\1/p' "$work/$name"
}

status_kib() { awk -v key="$1:" '$1 == key {print $2}' "/proc/$pid/status"; }

# measure KEY SERVER: runs SERVER under both h2load runs and appends, under KEY: rps and hps
# (req/s of the keep-alive and of the one-request-per-connection run), start, hwm and rss (KiB:
# VmRSS once listening, VmHWM and VmRSS after the runs); sets tls (what h2load negotiated).
# Runs in this shell, so that a failure stops the server (trap above).
declare -A rps hps start hwm rss tls
measure() {
  local key=$1 server=$2
  "$bin/$server" "$certs/server-p256.pem" "$certs/server-p256.key.pem" 0 >"$work/out" 2>"$work/err" &
  pid=$!
  for _ in $(seq 100); do grep -q '^port ' "$work/out" && break; sleep 0.1; done
  port=$(awk '/^port /{print $2}' "$work/out")
  [[ -n $port ]] || fail "$server did not start: $(cat "$work/err")"
  start[$key]+=" $(status_kib VmRSS)"
  rps[$key]+=" $(h2load_rate "$server.keepalive")"
  hps[$key]+=" $(h2load_rate "$server.close" -H 'Connection: close')"
  hwm[$key]+=" $(status_kib VmHWM)"
  rss[$key]+=" $(status_kib VmRSS)"
  tls[$key]=$(grep -E '^(TLS Protocol|Cipher|Server Temp Key|Application protocol):' \
    "$work/$server.keepalive" | paste -sd, | sed 's/,/, /g')
  kill -TERM "$pid"
  wait "$pid" || fail "$server exited with an error: $(cat "$work/err")"
  pid=
  # The keep-alive run's clients plus one connection per request of the second run.
  grep -q "^connections $((clients + requests)), handshakes $((clients + requests)), requests $((2 * requests))\$" \
    "$work/out" || fail "$server counted: $(head -1 "$work/out")"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for ((round = 0; round < rounds; round++)); do
  if ((round % 2 == 0)); then
    measure o beast_openssl_server; measure t beast_tlsock_server
  else
    measure t beast_tlsock_server; measure o beast_openssl_server
  fi
done
median() { tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for key in o t; do
  rps[$key]=$(median "${rps[$key]}") hps[$key]=$(median "${hps[$key]}")
  start[$key]=$(median "${start[$key]}") hwm[$key]=$(median "${hwm[$key]}")
  rss[$key]=$(median "${rss[$key]}")
done
ratio() { awk -v t="$1" -v o="$2" 'BEGIN { printf "%.2f", t / o }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

echo
echo "Beast HTTPS server (examples/beast_https_server.hpp), TLS 1.3, ECDSA P-256 certificate;"
echo "h2load --h1 -c $clients -n $requests on 127.0.0.1 ($(h2load --version | head -1)); median of $rounds rounds;"
echo "load average $load_before before the runs, $(cut -d' ' -f1-3 /proc/loadavg) after"
echo
echo "| figure | OpenSSL (boost::asio::ssl) | tlsock (tlsock::asio) | ratio |"
echo "|---|---:|---:|---:|"
echo "| requests/s, keep-alive | ${rps[o]%.*} | ${rps[t]%.*} | $(ratio "${rps[t]}" "${rps[o]}") |"
echo "| new handshakes/s (one request per connection) | ${hps[o]%.*} | ${hps[t]%.*} | $(ratio "${hps[t]}" "${hps[o]}") |"
echo "| server RSS once listening (VmRSS), MiB | $(mib "${start[o]}") | $(mib "${start[t]}") | $(ratio "${start[t]}" "${start[o]}") |"
echo "| server peak RSS (VmHWM), MiB | $(mib "${hwm[o]}") | $(mib "${hwm[t]}") | $(ratio "${hwm[t]}" "${hwm[o]}") |"
echo "| server RSS after the runs (VmRSS), MiB | $(mib "${rss[o]}") | $(mib "${rss[t]}") | $(ratio "${rss[t]}" "${rss[o]}") |"
echo
echo "negotiated with OpenSSL: ${tls[o]}"
echo "negotiated with tlsock: ${tls[t]}"
