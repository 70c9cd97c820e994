#!/usr/bin/env bash
# Quick start, part 1: install what is missing, build (optimised), run `tlsock demo`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default --target tlsock_cli
exec build/default/tlsock demo
