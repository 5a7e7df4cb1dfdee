#!/usr/bin/env bash
# End to end over TCP: starts the real newsalign-server on 127.0.0.1 with a port it picks
# itself, checks `newsalign health`, aligns the example through the server and in-process
# (the outputs must be identical), checks an RPC error's exit code, then sends SIGTERM and
# expects a clean exit 0.
#
#   server_client_e2e_test.sh BUILD/server/newsalign-server BUILD/client/newsalign EXAMPLE_DIR
set -euo pipefail

server_bin=$1
client_bin=$2
example_dir=$3
source "$(dirname "$0")/e2e_lib.sh"

"$server_bin" --listen=127.0.0.1:0 --threads=4 --drain_seconds=0 >"$work/server.out" 2>"$work/server.err" &
server_pid=$!

# Wait (up to 30 s) for the one "listening on HOST:PORT" line.
address=""
for _ in $(seq 1 300); do
  if line=$(grep -m1 '^listening on ' "$work/server.out" 2>/dev/null); then
    address=${line#listening on }
    break
  fi
  kill -0 "$server_pid" 2>/dev/null || fail "the server exited early"
  sleep 0.1
done
[[ -n "$address" ]] || fail "the server printed no 'listening on' line"
[[ "$address" =~ ^127\.0\.0\.1:[1-9][0-9]*$ ]] || fail "unexpected address '$address'"

status=$("$client_bin" health --server="$address") || fail "health: exit $?"
[[ "$status" == "SERVING" ]] || fail "health printed '$status'"
"$client_bin" health --server="$address" --service=newsalign.v1.AlignmentService >/dev/null \
  || fail "health of the service"
# gRPC's address lists (round_robin over the entries). Not dns:///localhost here: under ASan
# gRPC's own resolver leaks 10 bytes when ::1 refuses, which fails the run.
"$client_bin" health --server="ipv4:$address,$address" >/dev/null || fail "health over an ipv4: list"

"$client_bin" align --server="$address" --source="$example_dir/fr.txt" \
  --target="$example_dir/ar.txt" --format=vecalign >"$work/remote.txt" || fail "remote align"
"$client_bin" align --source="$example_dir/fr.txt" --target="$example_dir/ar.txt" \
  --format=vecalign >"$work/local.txt" || fail "in-process align"
cmp -s "$work/remote.txt" "$work/local.txt" || fail "remote and in-process alignments differ"
# Stable output: JSON (anchors, findings, every list) byte-identical across two calls through
# the server and one in-process.
for run in 1 2; do
  "$client_bin" align --server="$address" --source="$example_dir/fr.txt" \
    --target="$example_dir/ar.txt" --format=json >"$work/remote-$run.json" || fail "remote json"
done
"$client_bin" align --source="$example_dir/fr.txt" --target="$example_dir/ar.txt" \
  --format=json >"$work/local.json" || fail "in-process json"
cmp -s "$work/remote-1.json" "$work/remote-2.json" || fail "two remote JSON outputs differ"
cmp -s "$work/remote-1.json" "$work/local.json" || fail "remote and in-process JSON differ"
grep -q '"anchors"' "$work/local.json" || fail "the JSON has no anchors"

# --version on both binaries: the project's version and the build type.
"$client_bin" --version | grep -Eq '^newsalign [0-9]+\.[0-9]+\.[0-9]+ \(API newsalign\.v1, gRPC [0-9.]+, [A-Za-z]+ build\)$' \
  || fail "newsalign --version: $("$client_bin" --version)"
"$server_bin" --version | grep -Eq '^newsalign-server [0-9]+\.[0-9]+\.[0-9]+ \(API newsalign\.v1, gRPC [0-9.]+, [A-Za-z]+ build\)$' \
  || fail "newsalign-server --version: $("$server_bin" --version)"
[[ $(wc -l <"$work/remote.txt") -ge 28 ]] || fail "too few beads"

# The same flag spelt with underscores, and stdin as the target.
"$client_bin" align --server="$address" --source_lang=fr --target-lang=ar \
  --source="$example_dir/fr.txt" --target=- --format=tsv <"$example_dir/ar.txt" \
  >"$work/remote.tsv" || fail "align from stdin"
head -1 "$work/remote.tsv" | grep -q '^source	target	confidence' || fail "tsv header"

# An RPC error: exit 1 with the code name.
printf '' >"$work/empty.txt"
set +e
"$client_bin" align --server="$address" --source="$work/empty.txt" \
  --target="$example_dir/ar.txt" 2>"$work/error.txt" >/dev/null
code=$?
set -e
[[ $code -eq 1 ]] || fail "empty source: exit $code, expected 1"
grep -q '^newsalign: INVALID_ARGUMENT: source.text' "$work/error.txt" || fail "error message"

# Usage errors: exit 2.
set +e
"$client_bin" align --server="$address" --source="$example_dir/fr.txt" 2>/dev/null
code_missing=$?
"$client_bin" frobnicate 2>/dev/null
code_command=$?
"$client_bin" align --source="$example_dir/fr.txt" --target="$example_dir/ar.txt" \
  --no-such-flag 2>/dev/null
code_flag=$?
"$client_bin" align --source="$example_dir/fr.txt" --target="$example_dir/ar.txt" \
  --deadline=soon 2>/dev/null
code_value=$?
set -e
[[ $code_missing -eq 2 ]] || fail "missing --target: exit $code_missing, expected 2"
[[ $code_command -eq 2 ]] || fail "unknown command: exit $code_command, expected 2"
[[ $code_flag -eq 2 ]] || fail "unknown flag: exit $code_flag, expected 2"
[[ $code_value -eq 2 ]] || fail "bad flag value: exit $code_value, expected 2"

# Flags checked before anything runs: exit 2 with a message naming the flag.
expect_usage() {  # expect_usage DESCRIPTION PATTERN COMMAND...
  local description=$1 pattern=$2
  shift 2
  set +e
  "$@" >/dev/null 2>"$work/usage.txt"
  local code=$?
  set -e
  [[ $code -eq 2 ]] || fail "$description: exit $code, expected 2"
  grep -q -- "$pattern" "$work/usage.txt" || fail "$description: $(cat "$work/usage.txt")"
}
for deadline in nan -5 inf 0; do
  expect_usage "--deadline=$deadline" "--deadline must be a finite number of seconds above 0" \
    "$client_bin" health --server="$address" --deadline="$deadline"
done
expect_usage "client port 105537" '--server: port "105537"' \
  "$client_bin" align --server=127.0.0.1:105537 --source="$example_dir/fr.txt" \
  --target="$example_dir/ar.txt"
expect_usage "server port 105537" '--listen: port "105537"' \
  "$server_bin" --listen=127.0.0.1:105537
expect_usage "server port http" '--listen: port "http"' "$server_bin" --listen=127.0.0.1:http
expect_usage "/dev/zero" '"/dev/zero" is larger than 100000 bytes (stopped after reading 100001' \
  "$client_bin" align --source=/dev/zero --target="$example_dir/ar.txt" --max-input-bytes=100000
expect_usage "a directory" 'it is a directory, not a file' \
  "$client_bin" segment --lang=fr "$work"

# The log has one line per call, never the text.
grep -q '"method":"Align","code":"[A-Z_]*","id":' "$work/server.err" || fail "no log line for Align"
if grep -q 'MINUSMA' "$work/server.err"; then fail "the log contains document text"; fi

# SIGTERM: orderly shutdown, exit 0.
stop_server
grep -q "SIGTERM, draining" "$work/server.err" || fail "no shutdown line"
echo "PASS"
