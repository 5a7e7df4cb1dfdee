#!/usr/bin/env bash
# Installs, builds, starts newsalign-server on loopback, aligns the sample article (French
# rendering -> real Arabic) through the client, prints the side-by-side table, stops the server.
#   scripts/demo.sh [--format=table|tsv|json|vecalign|tmx|html]
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)"

address="127.0.0.1:${NEWSALIGN_DEMO_PORT:-50051}"
build/server/newsalign-server --listen="$address" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT

for _ in $(seq 100); do
  if build/client/newsalign health --server="$address" >/dev/null 2>&1; then break; fi
  sleep 0.1
done
build/client/newsalign health --server="$address"

build/client/newsalign align --server="$address" \
  --source=examples/mali-minusma/fr.txt --source-lang=fr \
  --target=examples/mali-minusma/ar.txt --target-lang=ar "${@:---format=table}"

kill -TERM "$server"
wait "$server"
trap - EXIT
echo "server stopped cleanly"
