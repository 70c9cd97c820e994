#!/usr/bin/env bash
# The installed package, as a user meets it: `cmake --install` into a temporary prefix, build
# examples/ against it with find_package(tlsock), build one example again with pkg-config
# (tlsock.pc), then run the examples against each other and against `openssl s_server -www`.
#   package_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1
build=$2
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "package_test: $*" >&2; exit 1; }

prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
for f in include/tlsock/tlsock.hpp lib/libtlsock.a bin/tlsock lib/cmake/tlsock/tlsockConfig.cmake \
         lib/pkgconfig/tlsock.pc; do
  [[ -e $prefix/$f ]] || fail "not installed: $f"
done
"$prefix/bin/tlsock" --version >/dev/null || fail "installed tlsock does not run"

cmake -S "$src/examples" -B "$work/examples" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/examples" -j 2 >/dev/null || fail "examples do not build against the package"
# pkg-config: the same program from the .pc file alone.
PKG_CONFIG_PATH=$prefix/lib/pkgconfig c++ -std=c++20 "$src/examples/https_get.cpp" \
  -o "$work/https_get_pc" $(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --cflags --libs tlsock) \
  || fail "https_get does not build with pkg-config --cflags --libs tlsock"

# A CA and a server certificate for localhost.
cd "$work"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=example-ca \
  -keyout ca.key -out ca.pem -addext basicConstraints=critical,CA:TRUE \
  -addext keyUsage=critical,keyCertSign 2>/dev/null
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=other-ca \
  -keyout other-ca.key -out other-ca.pem 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=localhost \
  -keyout server.key -out server.csr 2>/dev/null
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -out server.pem \
  -extfile <(printf 'subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n') 2>/dev/null

# The examples against the example echo server (3 connections, then it exits).
"$work/examples/echo_server" server.pem server.key 3 >echo.out 2>echo.err &
pids+=($!)
for _ in $(seq 100); do grep -q '^port ' echo.out && break; sleep 0.1; done
port=$(awk '/^port /{print $2}' echo.out)
[[ -n $port ]] || fail "echo_server did not start: $(cat echo.err)"

out=$("$work/examples/nonblocking_client" localhost "$port" ca.pem "hello, poll") \
  || fail "nonblocking_client failed"
[[ $out == "hello, poll" ]] || fail "nonblocking_client got '$out'"
out=$("$work/examples/memory_bio_client" localhost "$port" ca.pem "hello, bio") \
  || fail "memory_bio_client failed"
[[ $out == "hello, bio" ]] || fail "memory_bio_client got '$out'"
# A client that trusts another CA is refused with the verification reason.
if "$work/examples/nonblocking_client" localhost "$port" other-ca.pem "x" 2>err.txt; then
  fail "nonblocking_client accepted a server it should not trust"
fi
grep -q "certificate verify failed" err.txt || fail "no verification reason: $(cat err.txt)"
wait "${pids[0]}" || fail "echo_server exited with an error: $(cat echo.err)"

# https_get (both builds) against openssl s_server -www on a port it chooses.
openssl s_server -accept 127.0.0.1:0 -cert server.pem -key server.key -www -naccept 2 \
  >sserver.out 2>&1 &
pids+=($!)
for _ in $(seq 100); do grep -q '^ACCEPT' sserver.out && break; sleep 0.1; done
port=$(sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p' sserver.out)
[[ -n $port ]] || fail "openssl s_server did not start: $(cat sserver.out)"
for client in "$work/examples/https_get" "$work/https_get_pc"; do
  page=$("$client" localhost "$port" / ca.pem) || fail "$(basename "$client") failed"
  grep -q "HTTP/1.0 200 ok" <<<"$page" || fail "$(basename "$client"): no 200 page"
done
echo "package_test: installed package, 4 examples and pkg-config build all work"
