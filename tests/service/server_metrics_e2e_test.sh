#!/usr/bin/env bash
# Metrics end to end: the real newsalign-server with --metrics_listen=127.0.0.1:0, a few calls
# through `newsalign` (two aligns of the sample, one with an empty source, one segment), then
# GET /metrics parsed by the Prometheus client's own parser (Debian's
# python3-prometheus-client): the counters, histograms and gauges must say what was sent.
#
#   server_metrics_e2e_test.sh BUILD/server/newsalign-server BUILD/client/newsalign EXAMPLE_DIR
set -euo pipefail

server_bin=$1
client_bin=$2
example_dir=$3
source "$(dirname "$0")/e2e_lib.sh"
# Debian's interpreter, which has the distribution's packages (a pyenv shim may shadow it).
python=/usr/bin/python3

start_server --listen=127.0.0.1:0 --metrics_listen=127.0.0.1:0 --drain_seconds=0
# The metrics line follows the listening line.
until grep -q '^metrics on ' "$work/server.out"; do
  kill -0 "$server_pid" 2>/dev/null || fail "the server exited before serving metrics"
  sleep 0.05
done
metrics_url=$(sed -n 's/^metrics on //p' "$work/server.out")
[[ "$metrics_url" =~ ^http://127\.0\.0\.1:[1-9][0-9]*/metrics$ ]] \
  || fail "unexpected metrics line '$metrics_url'"

# Before any call: parsed, zero requests.
"$python" - "$metrics_url" <<'PY' || fail "metrics before any call"
import sys, urllib.request
from prometheus_client.parser import text_string_to_metric_families
text = urllib.request.urlopen(sys.argv[1], timeout=10).read().decode()
families = {f.name: f for f in text_string_to_metric_families(text)}
assert not families["newsalign_requests"].samples, families["newsalign_requests"].samples
assert [s.value for s in families["newsalign_alignments_running"].samples] == [0]
PY

for _ in 1 2; do
  "$client_bin" align --server="$address" --source="$example_dir/fr.txt" \
    --target="$example_dir/ar.txt" --format=tsv >"$work/out.tsv" || fail "align"
done
beads=$(($(wc -l <"$work/out.tsv") - 1))
printf '' >"$work/empty.txt"
set +e
"$client_bin" align --server="$address" --source="$work/empty.txt" \
  --target="$example_dir/ar.txt" >/dev/null 2>&1
code=$?
set -e
[[ $code -eq 1 ]] || fail "empty source: exit $code, expected 1"
"$client_bin" segment --server="$address" --lang=ar "$example_dir/ar.txt" >/dev/null \
  || fail "segment"

"$python" - "$metrics_url" "$beads" "$(wc -c <"$example_dir/fr.txt")" \
  "$(wc -c <"$example_dir/ar.txt")" <<'PY' \
  || fail "metrics after the calls"
import sys, urllib.request
from prometheus_client.parser import text_string_to_metric_families
url, beads, fr_bytes, ar_bytes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
text = urllib.request.urlopen(url, timeout=10).read().decode()
samples = {}
for family in text_string_to_metric_families(text):
    for s in family.samples:
        samples[(s.name, tuple(sorted(s.labels.items())))] = s.value
def get(name, **labels):
    return samples.get((name, tuple(sorted(labels.items()))), 0)
checks = [
    (get("newsalign_requests_total", method="Align", code="OK"), 2),
    (get("newsalign_requests_total", method="Align", code="INVALID_ARGUMENT"), 1),
    (get("newsalign_requests_total", method="Segment", code="OK"), 1),
    (get("newsalign_request_duration_seconds_count", method="Align"), 3),
    (get("newsalign_request_duration_seconds_bucket", method="Align", le="+Inf"), 3),
    # Two sample pairs, the empty source (its target has bytes), and the segmented document,
    # counted as a source.
    (get("newsalign_document_bytes_count", side="source"), 4),
    (get("newsalign_document_bytes_sum", side="source"), 2 * fr_bytes + ar_bytes),
    (get("newsalign_document_bytes_count", side="target"), 3),
    (get("newsalign_document_bytes_sum", side="target"), 3 * ar_bytes),
    (sum(v for (n, _), v in samples.items() if n == "newsalign_beads_total"), 2 * beads),
    (get("newsalign_bead_confidence_count"), 2 * beads),
    (get("newsalign_alignments_running"), 0),
    (get("newsalign_alignments_waiting"), 0),
]
for got, want in checks:
    assert got == want, (got, want, checks.index((got, want)))
assert 0 < get("newsalign_bead_confidence_sum") <= 2 * beads
assert get("newsalign_request_duration_seconds_sum", method="Align") > 0
print("metrics ok:", 2 * beads, "beads")
PY

stop_server
echo "PASS"
