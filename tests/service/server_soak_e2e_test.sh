#!/usr/bin/env bash
# The soak: the real newsalign-server on 127.0.0.1 with its default flags, and soak_client's
# bounded mix of concurrent unary and streaming calls (valid, invalid, cancelled, short
# deadline; every valid answer equal to the same request's answer alone, memory flat after
# the warm-up). Then SIGTERM: the server drains, shuts down and exits 0.
#
#   server_soak_e2e_test.sh BUILD/server/newsalign-server BUILD/tests/service/soak_client EXAMPLE_DIR
set -euo pipefail

server_bin=$1
soak_bin=$2
example_dir=$3
source "$(dirname "$0")/e2e_lib.sh"

start_server --listen=127.0.0.1:0 --drain_seconds=0

"$soak_bin" --server="$address" --server_pid="$server_pid" --example_dir="$example_dir" \
  || fail "the soak failed"

stop_server
# Every call was logged, each under its own code.
for code in OK INVALID_ARGUMENT CANCELLED DEADLINE_EXCEEDED; do
  grep -q "\"code\":\"$code\"" "$work/server.err" || fail "no call logged with code $code"
done
echo "PASS"
