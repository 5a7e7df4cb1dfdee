#!/usr/bin/env bash
# SIGTERM mid-call, end to end over TCP on 127.0.0.1: the real newsalign-server with a long
# drain, a long `newsalign align` in flight, then SIGTERM: health answers NOT_SERVING (the
# server still listens: no "connection refused"), calls are still served; a second SIGTERM
# ends the drain: new calls get UNAVAILABLE, the call in flight completes with exit 0, and the
# server exits 0. No step waits on a clock: each waits for what it needs to see.
#
#   server_shutdown_e2e_test.sh BUILD/server/newsalign-server BUILD/client/newsalign EXAMPLE_DIR
set -euo pipefail

server_bin=$1
client_bin=$2
example_dir=$3
source "$(dirname "$0")/e2e_lib.sh"

# Waits until FILE has a line matching PATTERN while PID runs.
wait_for_line() {  # wait_for_line FILE PATTERN PID
  until grep -q -- "$2" "$1" 2>/dev/null; do
    kill -0 "$3" 2>/dev/null || fail "process $3 exited before '$2'"
    sleep 0.05
  done
}

# A long pair: the example 100 times (3,200 sentences a side, about 5 s of work), so the call is still aligning
# when the signals come.
for _ in $(seq 1 100); do
  cat "$example_dir/fr.txt" >>"$work/fr.txt"
  printf '\n' >>"$work/fr.txt"
  cat "$example_dir/ar.txt" >>"$work/ar.txt"
  printf '\n' >>"$work/ar.txt"
done

"$server_bin" --listen=127.0.0.1:0 --drain_seconds=600 --shutdown_grace_seconds=600 \
  >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
wait_for_line "$work/server.out" '^listening on ' "$server_pid"
address=$(sed -n 's/^listening on //p' "$work/server.out")
port=${address##*:}

"$client_bin" align --server="$address" --source="$work/fr.txt" --target="$work/ar.txt" \
  --format=vecalign --deadline=600 >"$work/long.txt" 2>"$work/long.err" &
client_pid=$!
# The client is connected (it sends its request as soon as it is).
until ss -Htn state established "( dport = :$port )" | grep -q .; do
  kill -0 "$client_pid" 2>/dev/null || break
  sleep 0.05
done

kill -TERM "$server_pid"
wait_for_line "$work/server.err" 'SIGTERM, draining' "$server_pid"

# The drain: NOT_SERVING (exit 1), and still serving calls.
set +e
health=$("$client_bin" health --server="$address" 2>"$work/health.err")
code=$?
set -e
[[ $code -eq 1 && "$health" == "NOT_SERVING" ]] \
  || fail "health during the drain: exit $code, '$health' $(cat "$work/health.err")"
printf 'انسحبت البعثة من مالي. غادر آخر الجنود.\n' >"$work/segment.txt"
sentences=$("$client_bin" segment --server="$address" --lang=ar "$work/segment.txt") \
  || fail "segment during the drain"
[[ $(printf '%s\n' "$sentences" | wc -l) -eq 2 ]] || fail "segment printed '$sentences'"

# The second SIGTERM ends the drain: new calls get UNAVAILABLE (a call that arrives just as
# shutdown begins may be CANCELLED by gRPC; wait past it).
kill -TERM "$server_pid"
wait_for_line "$work/server.err" 'shutting down' "$server_pid"
while :; do
  set +e
  "$client_bin" health --server="$address" >/dev/null 2>"$work/health.err"
  code=$?
  set -e
  [[ $code -eq 1 ]] || fail "health after shutdown began: exit $code"
  grep -q 'UNAVAILABLE' "$work/health.err" && break
  grep -q 'NOT_SERVING\|CANCELLED' "$work/health.err" || [[ ! -s "$work/health.err" ]] \
    || fail "health after shutdown began: $(cat "$work/health.err")"
  sleep 0.05
done

# The call in flight completes, whole.
set +e
wait "$client_pid"
code=$?
set -e
client_pid=""
[[ $code -eq 0 ]] || fail "the call in flight: exit $code: $(cat "$work/long.err")"
[[ $(wc -l <"$work/long.txt") -ge 3000 ]] || fail "the call in flight returned too few beads"

set +e
wait "$server_pid"
code=$?
set -e
server_pid=""
[[ $code -eq 0 ]] || fail "server exit $code after SIGTERM, expected 0"
grep -q '"method":"Align","code":"OK"' "$work/server.err" || fail "the long call was not logged OK"
echo "PASS"
