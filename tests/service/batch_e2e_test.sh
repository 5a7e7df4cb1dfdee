#!/usr/bin/env bash
# The batch mode of the real `newsalign` binary, in-process and against the real server on
# 127.0.0.1: a list of pairs (the sample article and TICO-19 documents as raw text, with a
# missing file, a file that is not UTF-8 and a file over --max-input-bytes in the middle) and
# two folders of pre-split TICO-19 documents (with a file that has no counterpart). Checks the
# exact exit codes (0 all aligned, 3 some failed, 1 the stream failed, 2 usage), each pair's
# status code in the JSON lines, that the output is byte-identical between in-process and
# server and from run to run (JSON lines and --output-dir folders), and a pair over the
# server's own limit (RESOURCE_EXHAUSTED for that pair alone).
#
#   batch_e2e_test.sh BUILD/server/newsalign-server BUILD/client/newsalign EXAMPLE_DIR TICO_DIR
set -euo pipefail

server_bin=$1
client_bin=$2
example_dir=$3
tico_dir=$4
source "$(dirname "$0")/e2e_lib.sh"

if [[ ! -d "$tico_dir/fr" ]]; then
  echo "SKIP: no TICO-19 documents in $tico_dir (../shared/eval)"
  exit 77
fi

# run EXPECTED_EXIT OUT ARGS...: the client with ARGS, stdout to OUT, stderr to OUT.err; fails
# unless it exits EXPECTED_EXIT.
run() {
  local expected=$1 out=$2
  shift 2
  local code=0
  "$client_bin" align "$@" >"$out" 2>"$out.err" || code=$?
  [[ $code -eq $expected ]] || fail "align $* exited $code, expected $expected: $(cat "$out.err")"
}

# codes FILE: the "id code" of each JSON line.
codes() {
  /usr/bin/python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(line)
    print(o["id"], o["status"]["code"])' "$1"
}

# The list: relative paths from its own folder.
docs=(08_Wikinews_2 11_Wikinews_5 12_Wikinews_6 22_wiki_26)
mkdir -p "$work/data/fr" "$work/data/ar" "$work/lists"
for d in "${docs[@]}"; do
  cp "$tico_dir/fr/$d.txt" "$work/data/fr/$d.txt"
  cp "$tico_dir/ar/$d.txt" "$work/data/ar/$d.txt"
done
printf 'Bamako, le 15 novembre.\n' >"$work/data/fr/latin1.txt"
printf 'Kidal \xe9t\xe9\n' >"$work/data/ar/latin1.txt"
head -c 70000 /dev/zero | tr '\0' 'a' >"$work/data/ar/huge.txt"
{
  echo "# source	target	id"
  echo "$example_dir/fr.txt	$example_dir/ar.txt	mali"
  echo "../data/fr/${docs[0]}.txt	../data/ar/${docs[0]}.txt	${docs[0]}"
  echo "../data/fr/missing.txt	../data/ar/${docs[1]}.txt	missing"
  echo ""
  echo "../data/fr/latin1.txt	../data/ar/latin1.txt	latin1"
  echo "../data/fr/${docs[1]}.txt	../data/ar/huge.txt	huge"
  echo "../data/fr/${docs[1]}.txt	../data/ar/${docs[1]}.txt	${docs[1]}"
  echo "../data/fr/${docs[2]}.txt	../data/ar/${docs[2]}.txt	${docs[2]}"
} >"$work/lists/pairs.tsv"
expected_codes="mali 0
${docs[0]} 0
missing 5
latin1 3
huge 8
${docs[1]} 0
${docs[2]} 0"

start_server --listen=127.0.0.1:0 --drain_seconds=0

# List form, JSON lines: in-process, through the server twice; exit 3 (some pairs failed).
limit=--max-input-bytes=65536
run 3 "$work/local.jsonl" --batch="$work/lists/pairs.tsv" $limit
run 3 "$work/remote-1.jsonl" --batch="$work/lists/pairs.tsv" $limit --server="$address"
run 3 "$work/remote-2.jsonl" --batch="$work/lists/pairs.tsv" $limit --server="$address" --progress
[[ "$(codes "$work/local.jsonl")" == "$expected_codes" ]] \
  || fail "in-process statuses: $(codes "$work/local.jsonl")"
cmp -s "$work/local.jsonl" "$work/remote-1.jsonl" || fail "in-process and server JSON lines differ"
cmp -s "$work/remote-1.jsonl" "$work/remote-2.jsonl" || fail "two server runs differ"
grep -q "^newsalign: align: missing ($work/lists/pairs.tsv:4): NOT_FOUND: source: cannot read" \
  "$work/local.jsonl.err" || fail "no report of the missing file: $(cat "$work/local.jsonl.err")"
grep -q "^newsalign: align: huge ($work/lists/pairs.tsv:7): RESOURCE_EXHAUSTED: target: " \
  "$work/local.jsonl.err" || fail "no report of the file over the limit"
grep -q "newsalign: 7/7 pairs, 3 failed" "$work/remote-2.jsonl.err" || fail "no progress line"
grep -q "^newsalign: align: 4 of 7 pairs aligned, 3 failed$" "$work/local.jsonl.err" \
  || fail "no summary line"

# List form into folders, TSV and JSON: the same files in both modes.
for format in tsv json; do
  run 3 "$work/out.log" --batch="$work/lists/pairs.tsv" $limit --format=$format \
    --output-dir="$work/local-$format"
  run 3 "$work/out.log" --batch="$work/lists/pairs.tsv" $limit --format=$format \
    --output-dir="$work/remote-$format" --server="$address"
  diff -r "$work/local-$format" "$work/remote-$format" >/dev/null \
    || fail "in-process and server $format folders differ"
  listing=$(cd "$work/local-$format" && ls | tr '\n' ' ')
  [[ "$listing" == "${docs[0]}.$format ${docs[1]}.$format ${docs[2]}.$format mali.$format " ]] \
    || fail "$format folder holds: $listing"
done
"$client_bin" align --source="$example_dir/fr.txt" --target="$example_dir/ar.txt" --format=tsv \
  >"$work/mali.tsv"
cmp -s "$work/mali.tsv" "$work/local-tsv/mali.tsv" || fail "the batch's mali.tsv is not align's"

# Folder form, pre-split: a file without counterpart fails as its own pair.
mkdir -p "$work/fr" "$work/ar"
for d in "${docs[@]}"; do
  cp "$tico_dir/fr/$d.txt" "$work/fr/"
  cp "$tico_dir/ar/$d.txt" "$work/ar/"
done
cp "$tico_dir/fr/${docs[0]}.txt" "$work/fr/orphan.txt"
run 3 "$work/dirs-local.jsonl" --source-dir="$work/fr" --target-dir="$work/ar" --pre-split
run 3 "$work/dirs-remote.jsonl" --source-dir="$work/fr" --target-dir="$work/ar" --pre-split \
  --server="$address"
cmp -s "$work/dirs-local.jsonl" "$work/dirs-remote.jsonl" \
  || fail "in-process and server folder batches differ"
[[ "$(codes "$work/dirs-local.jsonl" | tr '\n' ' ')" == "${docs[0]}.txt 0 ${docs[1]}.txt 0 ${docs[2]}.txt 0 ${docs[3]}.txt 0 orphan.txt 5 " ]] \
  || fail "folder statuses: $(codes "$work/dirs-local.jsonl")"
rm "$work/fr/orphan.txt"
run 0 "$work/dirs-ok.jsonl" --source-dir="$work/fr" --target-dir="$work/ar" --pre-split \
  --server="$address"
head -n 4 "$work/dirs-remote.jsonl" | cmp -s - "$work/dirs-ok.jsonl" \
  || fail "the pairs aligned differ with and without the orphan"

# Usage errors exit 2 before anything is sent.
printf 'a.txt b.txt c\n' >"$work/lists/bad.tsv"
run 2 "$work/usage.out" --batch="$work/lists/bad.tsv" --server="$address"
grep -qx "newsalign: align: $work/lists/bad.tsv:1: expected 3 tab-separated fields (source path, target path, id), got 1" \
  "$work/usage.out.err" || fail "bad list line: $(cat "$work/usage.out.err")"
run 2 "$work/usage.out" --batch="$work/lists/pairs.tsv" --format=table
run 2 "$work/usage.out" --batch="$work/lists/pairs.tsv" --source="$example_dir/fr.txt"
stop_server

# A pair over the server's own limit fails alone (RESOURCE_EXHAUSTED); the rest is aligned.
start_server --listen=127.0.0.1:0 --drain_seconds=0 --max_document_bytes=7000
run 3 "$work/limit.jsonl" --batch="$work/lists/pairs.tsv" $limit --server="$address"
[[ "$(codes "$work/limit.jsonl" | head -n 1)" == "mali 8" ]] \
  || fail "the sample over --max_document_bytes: $(codes "$work/limit.jsonl" | head -n 1)"
tail -n +2 "$work/limit.jsonl" | cmp -s - <(tail -n +2 "$work/remote-1.jsonl") \
  || fail "the other pairs changed"
stop_server

# No server there any more: the stream fails as a whole, exit 1, every pair reported.
run 1 "$work/gone.jsonl" --batch="$work/lists/pairs.tsv" $limit --server="$address"
[[ "$(wc -l <"$work/gone.jsonl")" -eq 7 ]] || fail "not every pair reported: $(cat "$work/gone.jsonl")"
grep -q '"id":"mali","status":{"code":14,' "$work/gone.jsonl" || fail "mali not UNAVAILABLE"

echo "PASS"
