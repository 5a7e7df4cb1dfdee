#!/usr/bin/env bash
# The Python client against the real newsalign-server on 127.0.0.1 (a port the server picks):
# its output must equal the C++ client's (--format=json and --format=tsv) on the sample pair
# against the same server; errors come with their exact status codes (client_e2e_check.py);
# examples/align_folder.py writes one TSV per pair of a folder, equal to the command's; TLS,
# mutual TLS and the bearer token (client_tls_check.py).
#
#   client_e2e_test.sh PYTHON BUILD/server/newsalign-server BUILD/client/newsalign EXAMPLE_DIR
# with PYTHONPATH holding BUILD/python (the generated package).
set -euo pipefail

python=$1
server_bin=$2
client_bin=$3
example_dir=$4
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../../../tests/service/e2e_lib.sh"

# The TLS servers below, killed on exit like the plaintext one (server_pid).
tls_pids=()
trap 'for pid in "${tls_pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done; cleanup' EXIT

# start_server NAME FLAGS...: starts newsalign-server on 127.0.0.1:0 with FLAGS, logging to
# $work/NAME.out and .err; sets pid and address (from its "listening on" line).
start_server() {
  local name=$1
  shift
  "$server_bin" --listen=127.0.0.1:0 --drain_seconds=0 "$@" >"$work/$name.out" \
    2>"$work/$name.err" &
  pid=$!
  address=""
  for _ in $(seq 1 300); do
    if line=$(grep -m1 '^listening on ' "$work/$name.out" 2>/dev/null); then
      address=${line#listening on }
      break
    fi
    kill -0 "$pid" 2>/dev/null || fail "the server $name exited early: $(cat "$work/$name.err")"
    sleep 0.1
  done
  [[ "$address" =~ ^127\.0\.0\.1:[1-9][0-9]*$ ]] || fail "$name: no 'listening on 127.0.0.1:PORT'"
}

start_server server
server_pid=$pid

# The C++ client's view of the sample, then the Python client's checks against it.
"$client_bin" align --server="$address" --source="$example_dir/fr.txt" \
  --target="$example_dir/ar.txt" --format=json >"$work/cli.json" || fail "newsalign --format=json"
"$client_bin" align --server="$address" --source="$example_dir/fr.txt" \
  --target="$example_dir/ar.txt" --format=tsv >"$work/cli.tsv" || fail "newsalign --format=tsv"
"$python" "$here/client_e2e_check.py" "$address" "$example_dir" "$work/cli.json" "$work/cli.tsv" \
  || fail "client_e2e_check.py"

# A folder of 3 pairs (the sample's paragraphs 1-6, 7-12, 13-18) through the example, as
# NAME.fr.txt + NAME.ar.txt and as two folders.
mkdir -p "$work/pairs" "$work/fr" "$work/ar"
"$python" - "$example_dir" "$work" <<'PY'
import pathlib, sys
example, work = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for lang in ("fr", "ar"):
    paragraphs = (example / f"{lang}.txt").read_text(encoding="utf-8").strip().split("\n\n")
    assert len(paragraphs) == 18, len(paragraphs)
    for n, name in enumerate(("debut", "milieu", "fin")):
        text = "\n\n".join(paragraphs[6 * n:6 * n + 6]) + "\n"
        (work / "pairs" / f"{name}.{lang}.txt").write_text(text, encoding="utf-8")
        (work / lang / f"{name}.txt").write_text(text, encoding="utf-8")
PY
example_script="$here/../examples/align_folder.py"
"$python" "$example_script" --server="$address" "$work/pairs" "$work/out" >"$work/folder.log" \
  || fail "align_folder.py on a folder of pairs"
[[ $(ls "$work/out" | wc -l) -eq 3 ]] || fail "expected 3 TSV files, got: $(ls "$work/out")"
[[ $(wc -l <"$work/folder.log") -eq 3 ]] \
  || fail "expected one line per pair: $(cat "$work/folder.log")"
"$python" "$example_script" --server="$address" --source-dir="$work/fr" --target-dir="$work/ar" \
  "$work/out2" >/dev/null || fail "align_folder.py on two folders"
for name in debut milieu fin; do
  "$client_bin" align --server="$address" --source="$work/pairs/$name.fr.txt" \
    --target="$work/pairs/$name.ar.txt" --format=tsv >"$work/$name.cli.tsv" \
    || fail "newsalign $name"
  [[ $(wc -l <"$work/$name.cli.tsv") -ge 6 ]] || fail "$name: too few beads"
  cmp -s "$work/out/$name.tsv" "$work/$name.cli.tsv" || fail "$name.tsv differs from newsalign's"
  cmp -s "$work/out2/$name.tsv" "$work/$name.cli.tsv" || fail "two folders: $name.tsv differs"
done
# A pair without its translation: exit 1 naming the file, nothing aligned.
rm "$work/pairs/fin.ar.txt"
if "$python" "$example_script" --server="$address" "$work/pairs" "$work/out3" \
  2>"$work/missing.txt"; then
  fail "align_folder.py accepted a pair without its translation"
fi
grep -q 'no translation: .*fin.ar.txt' "$work/missing.txt" \
  || fail "missing file: $(cat "$work/missing.txt")"

grep -q '"method":"AlignStream","code":"OK","requests":3,"failed":0,' "$work/server.err" \
  || fail "the example did not align its 3 pairs over one stream"

# TLS and the bearer token: a TLS server with a token, and one with mutual TLS too
# (certificates made now by tests/service/make_test_certs.sh).
plain_address=$address
"$here/../../../tests/service/make_test_certs.sh" "$work/certs"
printf '3f9c2a77d4e1b08c5a6e\n' >"$work/token"
certs=$work/certs
start_server tls --tls_cert="$certs/server.pem" --tls_key="$certs/server.key" \
  --auth_token_file="$work/token"
tls_pids+=("$pid")
tls_address=$address
start_server mtls --tls_cert="$certs/server.pem" --tls_key="$certs/server.key" \
  --tls_client_ca="$certs/ca.pem" --auth_token_file="$work/token"
tls_pids+=("$pid")
"$python" "$here/client_tls_check.py" "$tls_address" "$address" "$plain_address" "$certs" \
  3f9c2a77d4e1b08c5a6e "$example_dir" || fail "client_tls_check.py"
echo "PASS"
