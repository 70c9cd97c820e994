#!/usr/bin/env bash
# Installs the Debian packages tlsock needs to build and test, when they are missing.
# Sourced by demo.sh and test.sh; safe to run again (it does nothing when all are present).
# With --bench (scripts/bench.sh only) it adds libssl-dev: bench/compare measures tlsock next to
# OpenSSL's libssl, and nothing else may link it.
set -euo pipefail

TLSOCK_PACKAGES=(
  cmake ninja-build g++ pkg-config        # build
  libbotan-2-dev libsodium-dev            # crypto primitives (Botan linked statically)
  doctest-dev libbenchmark-dev            # tests, benchmarks
  libboost-dev                            # include/tlsock/asio.hpp: its tests and the Beast examples
  nghttp2-client curl                     # load test of examples/beast_https_server (h2load, curl)
  clang libclang-rt-14-dev                # libFuzzer targets
  openssl gnutls-bin                      # interop test peers (never linked)
  tshark                                  # key-log check: decrypts a captured tlsock session
  ca-certificates python3                 # system trust store; Python ssl as a test oracle
  publicsuffix                            # the Public Suffix List (wildcards over *.co.uk refused)
  iproute2 util-linux                     # loopback-only namespaces for gnutls-serv (unshare, ip)
  golang-go golang-golang-x-crypto-dev     # BoGo: BoringSSL's test runner (scripts/bogo.sh),
  golang-golang-x-net-dev golang-golang-x-sys-dev   # built offline against Debian's Go modules
  golang-golang-x-term-dev golang-golang-x-text-dev
)

if [ "${1:-}" = --bench ]; then
  TLSOCK_PACKAGES+=(libssl-dev)
fi

missing=()
for pkg in "${TLSOCK_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "tlsock: installing missing packages: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "tlsock: need root to install packages (run as root or install them first)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  # tshark's package would otherwise ask whether non-root users may capture.
  echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
fi
