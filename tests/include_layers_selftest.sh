#!/usr/bin/env bash
# Proves include_layers.sh can fail: in a copy of the tree, a planted include that goes up
# (src/x509 -> src/handshake), one into the public API from the core (src/crypto ->
# include/tlsock) and one from the command into the core (src/cli -> src/x509) must each be
# flagged by name. Usage: include_layers_selftest.sh SOURCE_DIR
set -eu
src=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/tree"
cp -r "$src/src" "$src/include" "$dir/tree/"
plant() {  # FILE INCLUDE: appends `#include "INCLUDE"` to FILE of the copy
  printf '#include "%s"\n' "$2" >>"$dir/tree/$1"
}
plant src/x509/pem.cpp handshake/transcript.hpp
plant src/crypto/hash.cpp tlsock/errors.hpp
plant src/cli/main.cpp x509/pem.hpp
if out=$(bash "$src/tests/include_layers.sh" "$dir/tree"); then
  echo "include_layers.sh passed a tree with three planted bad includes"; exit 1
fi
for want in 'src/x509/pem.cpp:.*"handshake/transcript.hpp"' 'src/crypto/hash.cpp:.*"tlsock/errors.hpp"' \
            'src/cli/main.cpp:.*"x509/pem.hpp"'; do
  grep -q "$want" <<<"$out" || { echo "include_layers.sh did not name $want:"; echo "$out"; exit 1; }
done
echo "include_layers.sh flags includes that go up, sideways or from the command into the core, as it should"
