#!/usr/bin/env bash
# The installed package, as a user meets it: `cmake --install` into a temporary prefix, build
# examples/ against it with find_package(tlsock), build one example again with pkg-config
# (tlsock.pc), build the tlsock command (src/cli) against the package alone, then run the
# examples against each other and against `openssl s_server -www`; where Boost is installed,
# the Asio echo server and the Beast client too (include/tlsock/asio.hpp), the client against
# the tree's own build of the Beast server.
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
# Every example but the Beast server, which the tree already builds for the load test
# (tests/CMakeLists.txt): it takes a minute to compile, and the client proves the same headers.
targets=(https_get echo_server nonblocking_client memory_bio_client)
grep -q '^Boost_DIR:PATH=.*NOTFOUND' "$work/examples/CMakeCache.txt" \
  || targets+=(beast_https_client asio_echo_server)
cmake --build "$work/examples" -j 2 --target "${targets[@]}" >/dev/null \
  || fail "examples do not build against the package"
# pkg-config: the same program from the .pc file alone.
PKG_CONFIG_PATH=$prefix/lib/pkgconfig c++ -std=c++20 "$src/examples/https_get.cpp" \
  -o "$work/https_get_pc" $(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --cflags --libs tlsock) \
  || fail "https_get does not build with pkg-config --cflags --libs tlsock"

# The tlsock command from its sources and the installed package alone: a copy of src/cli (so no
# other src/ folder is on the include path) built with pkg-config, which must print what the
# installed program prints.
mkdir -p "$work/command"
cp -r "$src/src/cli" "$work/command/cli"
pc_cflags=$(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --cflags tlsock)
pc_libs=$(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --libs tlsock)
export pc_cflags work
# One compiler per CPU, then one link.
# shellcheck disable=SC2016
printf '%s\0' "$work"/command/cli/*.cpp | xargs -0 -P "$(nproc)" -I{} \
  sh -c 'c++ -std=c++20 -I"$work/command" $pc_cflags -c "$1" -o "$1.o"' _ {} \
  || fail "src/cli does not compile against the installed package alone"
# shellcheck disable=SC2086
c++ "$work"/command/cli/*.o -o "$work/command/tlsock" $pc_libs \
  || fail "src/cli does not link against the installed package alone"
for args in "--version" "x509 decode $src/vectors/x509/san-nul.pem --json"; do
  # shellcheck disable=SC2086
  [[ "$("$work/command/tlsock" $args)" == "$("$prefix/bin/tlsock" $args)" ]] \
    || fail "the tlsock built from the package prints otherwise for: $args"
done

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

# Starts example NAME (or the program at an absolute path) with ARGS; it prints "port N"
# (NAME.out, NAME.err, NAME without its folder), which sets $port.
start_server() {
  local name=$1
  shift
  local program=$name
  [[ $name == /* ]] || program=$work/examples/$name
  name=$(basename "$name")
  "$program" "$@" >"$name.out" 2>"$name.err" &
  pids+=($!)
  for _ in $(seq 100); do grep -q '^port ' "$name.out" && break; sleep 0.1; done
  port=$(awk '/^port /{print $2}' "$name.out")
  [[ -n $port ]] || fail "$name did not start: $(cat "$name.err")"
}
# Sends MESSAGE with example CLIENT to the echo server on $port and checks what comes back.
expect_echo() {
  local client=$1 message=$2 out
  out=$("$work/examples/$client" localhost "$port" ca.pem "$message") || fail "$client failed"
  [[ $out == "$message" ]] || fail "$client got '$out'"
}

# The examples against the example echo server (3 connections, then it exits).
start_server echo_server server.pem server.key 3
expect_echo nonblocking_client "hello, poll"
expect_echo memory_bio_client "hello, bio"
# A client that trusts another CA is refused with the verification reason.
if "$work/examples/nonblocking_client" localhost "$port" other-ca.pem "x" 2>err.txt; then
  fail "nonblocking_client accepted a server it should not trust"
fi
grep -q "certificate verify failed" err.txt || fail "no verification reason: $(cat err.txt)"
wait "${pids[0]}" || fail "echo_server exited with an error: $(cat echo_server.err)"

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

# The Asio and Beast examples, built whenever the examples' CMake found Boost.
asio_examples=(beast_https_client asio_echo_server)
if grep -q '^Boost_DIR:PATH=.*NOTFOUND' "$work/examples/CMakeCache.txt"; then
  echo "package_test: Boost not found, the Asio and Beast examples are not built"
  asio_examples=()
else
  for f in "${asio_examples[@]}"; do
    [[ -x $work/examples/$f ]] || fail "$f not built although Boost was found"
  done
  # asio_echo_server (callbacks) for two clients driven by hand, then it exits.
  start_server asio_echo_server server.pem server.key 0 2
  expect_echo memory_bio_client "hello, asio"
  expect_echo nonblocking_client "hello again"
  for _ in $(seq 300); do kill -0 "${pids[-1]}" 2>/dev/null || break; sleep 0.1; done
  kill -0 "${pids[-1]}" 2>/dev/null && fail "asio_echo_server did not exit after its 2 clients"
  wait "${pids[-1]}" || fail "asio_echo_server exited with an error: $(cat asio_echo_server.err)"

  # beast_https_client against beast_https_server; a client trusting another CA is refused.
  beast_server=$build/tests/beast_https_server
  [[ -x $beast_server ]] || fail "no in-tree beast_https_server at $beast_server"
  start_server "$beast_server" server.pem server.key 0
  page=$("$work/examples/beast_https_client" "https://localhost:$port/package" ca.pem) \
    || fail "beast_https_client failed"
  [[ $page == "hello from tlsock: /package" ]] || fail "beast_https_client got '$page'"
  if "$work/examples/beast_https_client" "https://localhost:$port/" other-ca.pem 2>err.txt; then
    fail "beast_https_client accepted a server it should not trust"
  fi
  grep -q "certificate verify failed" err.txt || fail "no verification reason: $(cat err.txt)"
  kill -TERM "${pids[-1]}"
  wait "${pids[-1]}" || fail "beast_https_server exited with an error: $(cat beast_https_server.err)"
  grep -q '^open connections: 0$' beast_https_server.out \
    || fail "beast_https_server: $(cat beast_https_server.out)"
fi
echo "package_test: installed package, $((4 + ${#asio_examples[@]})) examples, pkg-config build and the command built from the package all work"
