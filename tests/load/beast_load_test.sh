#!/usr/bin/env bash
# Load test of examples/beast_https_server (tlsock::asio::stream under Boost.Beast) on
# 127.0.0.1: curl fetches three pages over one keep-alive connection, then h2load --h1 runs 100
# concurrent clients x 20 requests. Every request must succeed, and afterwards the server must
# hold no connection: its descriptor count is back to where it started, and on SIGTERM it
# reports "open connections: 0".
#   beast_load_test.sh SERVER_BINARY CERT_DIR     (CERT_DIR: vectors/engine)
set -euo pipefail
server=$1
certs=$2
work=$(mktemp -d)
pid=
cleanup() {
  [[ -n $pid ]] && kill "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "beast_load_test: $*" >&2; exit 1; }
for tool in h2load curl; do
  command -v "$tool" >/dev/null || fail "$tool is missing (scripts/install-deps.sh installs it)"
done
start_ns=$(date +%s%N)

"$server" "$certs/server-p256.pem" "$certs/server-p256.key.pem" 0 >"$work/out" 2>"$work/err" &
pid=$!
for _ in $(seq 100); do grep -q '^port ' "$work/out" && break; sleep 0.1; done
port=$(awk '/^port /{print $2}' "$work/out")
[[ -n $port ]] || fail "the server did not start: $(cat "$work/err")"
fds_at_start=$(ls "/proc/$pid/fd" | wc -l)

# curl: verifies the server against the test CA, reuses the connection for all three.
pages=$(timeout 30 curl -sS --cacert "$certs/ca.pem" -w '%{http_code} %{num_connects}\n' \
  "https://localhost:$port/one" "https://localhost:$port/two" "https://localhost:$port/three") \
  || fail "curl failed"
expected=$'hello from tlsock: /one\n200 1\nhello from tlsock: /two\n200 0\nhello from tlsock: /three\n200 0'
[[ $pages == "$expected" ]] || fail "curl got: $pages"

# h2load: 100 clients x 20 requests, HTTP/1.1 over TLS.
timeout 120 h2load --h1 -c 100 -n 2000 "https://127.0.0.1:$port/load" >"$work/h2load" 2>&1 \
  || fail "h2load failed: $(cat "$work/h2load")"
grep -q 'requests: 2000 total, 2000 started, 2000 done, 2000 succeeded, 0 failed' "$work/h2load" \
  || fail "not every request succeeded: $(grep -E '^(requests|status)' "$work/h2load")"
grep -q 'status codes: 2000 2xx' "$work/h2load" || fail "$(grep '^status' "$work/h2load")"

# Every connection closed: the descriptors are back to their number at start.
for _ in $(seq 100); do
  fds=$(ls "/proc/$pid/fd" | wc -l)
  [[ $fds -eq $fds_at_start ]] && break
  sleep 0.1
done
[[ $fds -eq $fds_at_start ]] || fail "$((fds - fds_at_start)) descriptors still open after the load"

kill -TERM "$pid"
wait "$pid" || fail "the server exited with an error: $(cat "$work/err")"
pid=
grep -q '^open connections: 0$' "$work/out" || fail "connections left open: $(cat "$work/out")"
grep -q 'requests 2003$' "$work/out" || fail "the server counted: $(cat "$work/out")"

wall_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
echo "beast_load_test: curl 3/3 and h2load 2000/2000 requests succeeded, no connection left open"
grep -E '^finished in' "$work/h2load"
grep -E 'connections .* handshakes' "$work/out"
echo "wall time ${wall_ms} ms"
