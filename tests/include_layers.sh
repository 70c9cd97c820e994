#!/usr/bin/env bash
# The layer rule of README.md "Architecture": a file includes only its own layer and the layers
# below it; the tlsock command only the public API. Fails on any `#include "..."` in src/ or
# include/ that goes up or sideways. Usage: include_layers.sh SOURCE_DIR
#
# The layers, top to bottom:
#   include/tlsock > src/socket > src/engine > src/handshake > src/record > src/x509
#     > src/crypto > src/common
# and the allowed includes (row: the including folder; columns: what it may include):
#
#   from \ to      tlsock socket engine handshake record x509 crypto common cli
#   include/tlsock   x
#   src/socket       x      x      x       x        x     x     x      x
#   src/engine                     x       x        x     x     x      x
#   src/handshake                          x        x     x     x      x
#   src/record                                      x     x     x      x
#   src/x509                                              x     x      x
#   src/crypto                                                  x      x
#   src/common                                                         x
#   src/cli          x                                                       x
#
# src/socket implements the public API, so it includes include/tlsock; no core layer does (the
# core knows nothing of the facade). A quoted include names its folder ("x509/pem.hpp"); a
# bare file name is refused too, since it hides which layer it comes from.
set -u
src=$1

# allowed[from] = the folders `from` may include.
declare -A allowed=(
  [tlsock]="tlsock"
  [socket]="tlsock socket engine handshake record x509 crypto common"
  [engine]="engine handshake record x509 crypto common"
  [handshake]="handshake record x509 crypto common"
  [record]="record x509 crypto common"
  [x509]="x509 crypto common"
  [crypto]="crypto common"
  [common]="common"
  [cli]="tlsock cli"
)

status=0
checked=0
while IFS= read -r -d '' file; do
  rel=${file#"$src"/}
  case $rel in
    include/tlsock/*) from=tlsock ;;
    src/*/*) from=${rel#src/}; from=${from%%/*} ;;
    *) echo "include_layers: $rel is in no layer"; status=1; continue ;;
  esac
  if [[ -z ${allowed[$from]+set} ]]; then
    echo "include_layers: $rel: src/$from is not in the layer table"; status=1; continue
  fi
  checked=$((checked + 1))
  while IFS=: read -r line target; do
    layer=${target%%/*}
    if [[ $layer == "$target" ]] || [[ " ${allowed[$from]} " != *" $layer "* ]]; then
      echo "include_layers: $rel:$line includes \"$target\" ($from may include: ${allowed[$from]})"
      status=1
    fi
  done < <(grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$file" |
             sed -E 's/^([0-9]+):[^"]*"([^"]+)".*/\1:\2/')
done < <(find "$src/src" "$src/include" -type f \( -name '*.hpp' -o -name '*.cpp' -o -name '*.h' \) -print0)

if [[ $checked -eq 0 ]]; then
  echo "include_layers: no source files under $src"; exit 1
fi
echo "include_layers: checked $checked files"
exit $status
