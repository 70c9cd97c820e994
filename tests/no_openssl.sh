#!/usr/bin/env bash
# tlsock must never load OpenSSL: fail when ldd of the tlsock program or of any test binary lists
# libssl or libcrypto, or when a file outside src/crypto/ includes a Botan or libsodium header.
# Usage: no_openssl.sh SOURCE_DIR BUILD_DIR
set -u
src=$1 build=$2
status=0
binaries=$(find "$build" -maxdepth 3 -type f -perm -u+x \( -name tlsock -o -name 'test_*' -o -name 'tlsock_*' \) \
  ! -name '*.sh' ! -path '*/CMakeFiles/*')
if [ -z "$binaries" ]; then
  echo "no_openssl: no binaries found under $build"; exit 1
fi
if [ -n "${NO_OPENSSL_REQUIRE_CLI:-}" ] && [ ! -x "$build/tlsock" ]; then
  echo "no_openssl: the tlsock program is missing from $build"; exit 1
fi
for bin in $binaries; do
  if ldd "$bin" | grep -E 'lib(ssl|crypto)\.so'; then
    echo "no_openssl: $bin links OpenSSL"; status=1
  fi
done
echo "no_openssl: checked $(echo "$binaries" | wc -l) binaries"
leaks=$(grep -rlE '^\s*#\s*include\s*[<"](botan/|sodium)' "$src/src" "$src/include" "$src/tests" \
  "$src/bench" "$src/fuzz" 2>/dev/null | grep -v "^$src/src/crypto/")
if [ -n "$leaks" ]; then
  echo "no_openssl: Botan/libsodium headers outside src/crypto/:"; echo "$leaks"; status=1
fi
exit $status
