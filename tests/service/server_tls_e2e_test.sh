#!/usr/bin/env bash
# The security flags of the real binaries over TCP on 127.0.0.1: newsalign-server with
# --tls_cert, --tls_key, --tls_client_ca (mutual TLS), --auth_token_file and --reflection=false;
# `newsalign` with --tls-ca, --tls-cert, --tls-key and --auth-token-file. Certificates are made
# at run time by make_test_certs.sh. Checks exit codes and the gRPC code names on stderr.
#
#   server_tls_e2e_test.sh BUILD/server/newsalign-server BUILD/client/newsalign
set -euo pipefail

server_bin=$1
client_bin=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$(dirname "$0")/e2e_lib.sh"

"$here/make_test_certs.sh" "$work/certs"
certs=$work/certs
printf '3f9c2a77d4e1b08c5a6e\n' >"$work/token"
printf 'wrong-token\n' >"$work/wrong_token"
printf 'انسحبت البعثة من مالي. غادر آخر الجنود.\n' >"$work/ar.txt"

start_server --listen=127.0.0.1:0 --drain_seconds=0 --tls_cert="$certs/server.pem" \
  --tls_key="$certs/server.key" --tls_client_ca="$certs/ca.pem" \
  --auth_token_file="$work/token" --reflection=false
grep -q 'TLS with client certificates, bearer token required, reflection off' \
  "$work/server.err" || fail "no security summary line"

tls=(--tls-ca="$certs/ca.pem" --tls-cert="$certs/client.pem" --tls-key="$certs/client.key")

# expect CODE PATTERN COMMAND...: the exit code, and PATTERN on stderr (unless empty).
expect() {
  local want=$1 pattern=$2
  shift 2
  set +e
  "$@" >"$work/out.txt" 2>"$work/err.txt"
  local code=$?
  set -e
  [[ $code -eq $want ]] || fail "$*: exit $code, expected $want: $(cat "$work/err.txt")"
  [[ -z "$pattern" ]] || grep -q -- "$pattern" "$work/err.txt" \
    || fail "$*: stderr lacks '$pattern': $(cat "$work/err.txt")"
}

# Health needs no token; the service does.
expect 0 "" "$client_bin" health --server="$address" "${tls[@]}"
expect 1 "^newsalign: UNAUTHENTICATED: " \
  "$client_bin" segment --server="$address" --lang=ar "${tls[@]}" "$work/ar.txt"
expect 1 "^newsalign: UNAUTHENTICATED: " \
  "$client_bin" segment --server="$address" --lang=ar "${tls[@]}" \
  --auth-token-file="$work/wrong_token" "$work/ar.txt"
expect 0 "" "$client_bin" segment --server="$address" --lang=ar "${tls[@]}" \
  --auth-token-file="$work/token" "$work/ar.txt"
[[ $(wc -l <"$work/out.txt") -eq 2 ]] || fail "segment printed $(cat "$work/out.txt")"

# Mutual TLS: no client certificate, or plaintext, is refused in the handshake.
expect 1 "^newsalign: UNAVAILABLE: " \
  "$client_bin" health --server="$address" --tls-ca="$certs/ca.pem"
expect 1 "^newsalign: UNAVAILABLE: " "$client_bin" health --server="$address"

# Usage errors: exit 2 naming the flag.
expect 2 "--tls_cert and --tls_key go together" \
  "$client_bin" health --server="$address" --tls-ca="$certs/ca.pem" --tls-cert="$certs/client.pem"
expect 2 "--tls_ca: cannot read" \
  "$client_bin" health --server="$address" --tls-ca="$work/none.pem"
expect 2 "need --server" "$client_bin" segment --lang=ar --auth-token-file="$work/token" \
  "$work/ar.txt"
expect 2 "--tls_key: cannot read" \
  "$server_bin" --listen=127.0.0.1:0 --tls_cert="$certs/server.pem" --tls_key="$work/none.key"
expect 2 "tls_cert_pem and tls_key_pem go together" \
  "$server_bin" --listen=127.0.0.1:0 --tls_cert="$certs/server.pem"

stop_server
echo "PASS"
