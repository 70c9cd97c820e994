#!/usr/bin/env bash
# Proves no_openssl.sh can fail: a program linked against Debian's shared libbotan-2.so (which
# pulls libcrypto through libtspi) must be flagged. Usage: no_openssl_selftest.sh SOURCE_DIR
set -eu
src=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
printf '#include <botan/version.h>\n#include <cstdio>\nint main() { std::puts(Botan::version_cstr()); }\n' > "$dir/t.cpp"
# shellcheck disable=SC2046
g++ -std=c++20 $(pkg-config --cflags botan-2) "$dir/t.cpp" -o "$dir/test_shared_botan" -lbotan-2
if bash "$src/tests/no_openssl.sh" "$src" "$dir" >/dev/null; then
  echo "no_openssl.sh did not flag a binary linked against the shared Botan"; exit 1
fi
echo "no_openssl.sh flags the shared Botan, as it should"
