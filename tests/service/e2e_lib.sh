# Sourced by the end-to-end scripts (server_*_e2e_test.sh): a work folder, removed on exit with
# the server and client the script started (server_pid, client_pid) killed; fail(), which
# shows the server's stderr ($work/server.err) before failing; start_server(), which starts
# $server_bin with the given flags and waits for its "listening on" line (setting server_pid
# and address); and stop_server(), which sends SIGTERM and fails unless the server exits 0.
work=$(mktemp -d)
server_pid=""
client_pid=""
cleanup() {
  for pid in "$client_pid" "$server_pid"; do
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  done
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  echo "--- server stderr ---" >&2
  cat "$work/server.err" >&2 || true
  exit 1
}

# start_server FLAGS...: $server_bin in the background, its stdout in $work/server.out and its
# stderr in $work/server.err; returns once it listens, with its HOST:PORT in `address`.
start_server() {
  # An earlier server's "listening on" line must not pass for this one's: the shell empties the
  # file only once the new process runs, after the loop below may have read it.
  rm -f "$work/server.out"
  "$server_bin" "$@" >"$work/server.out" 2>"$work/server.err" &
  server_pid=$!
  until grep -q '^listening on ' "$work/server.out" 2>/dev/null; do
    kill -0 "$server_pid" 2>/dev/null || fail "the server exited before listening"
    sleep 0.05
  done
  address=$(sed -n 's/^listening on //p' "$work/server.out")
}

# SIGTERM to the server (server_pid): it must exit 0.
stop_server() {
  kill -TERM "$server_pid"
  local code=0
  wait "$server_pid" || code=$?
  server_pid=""
  [[ $code -eq 0 ]] || fail "server exit $code after SIGTERM, expected 0"
}
