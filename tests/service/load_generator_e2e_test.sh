#!/usr/bin/env bash
# The load generator over a list of real pairs (--pairs), against the real newsalign-server on
# 127.0.0.1: the sample article by an absolute path and two tico19 pairs with an omission and an
# addition put in, by paths relative to the list. Every answer must be the same bytes as the
# first answer to its pair, over unary calls and over streams (their bead and finding counts
# are maps of several keys, whose order on the wire once changed from call to call). A list
# line without a target and a list without pairs are refused with exit code 2.
#
#   load_generator_e2e_test.sh BUILD/server/newsalign-server BUILD/bench/load_generator \
#     EXAMPLE_DIR SHARED_DIR
set -euo pipefail

server_bin=$1
load_bin=$2
example_dir=$3
shared_dir=$4
source "$(dirname "$0")/e2e_lib.sh"

eval_dir="$shared_dir/eval/tico19_fr_ar_perturbed"
mkdir -p "$work/list/fr" "$work/list/ar"
for name in 21_wiki_20 27_wiki_11; do
  cp "$eval_dir/fr/$name.txt" "$work/list/fr/"
  cp "$eval_dir/ar/$name.txt" "$work/list/ar/"
done
printf '# the sample, then two pairs beside this list\n%s\t%s\nfr/21_wiki_20.txt\tar/21_wiki_20.txt\n\nfr/27_wiki_11.txt\tar/27_wiki_11.txt\n' \
  "$example_dir/fr.txt" "$example_dir/ar.txt" >"$work/list/pairs.tsv"

start_server --listen=127.0.0.1:0 --drain_seconds=0

out=$("$load_bin" --server="$address" --pairs="$work/list/pairs.tsv" --requests=24 \
  --concurrency=4 2>&1) || fail "unary calls over the list failed: $out"
grep -q "^calls ok 24, errors 0," <<<"$out" || fail "unary calls: $out"
grep -q "^3 different pairs in turn" <<<"$out" || fail "not the three pairs: $out"

out=$("$load_bin" --server="$address" --pairs="$work/list/pairs.tsv" --requests=12 \
  --concurrency=2 --stream 2>&1) || fail "streams over the list failed: $out"
grep -q "^stream pairs ok 12, errors 0," <<<"$out" || fail "streams: $out"

printf 'fr/21_wiki_20.txt\n' >"$work/list/bad.tsv"
code=0
out=$("$load_bin" --server="$address" --pairs="$work/list/bad.tsv" 2>&1) || code=$?
[[ $code -eq 2 ]] || fail "a line without a target: exit $code, expected 2: $out"
grep -q "bad.tsv:1: expected SOURCE<TAB>TARGET" <<<"$out" || fail "no line named: $out"

printf '# no pair here\n\n' >"$work/list/empty.tsv"
code=0
out=$("$load_bin" --server="$address" --pairs="$work/list/empty.tsv" 2>&1) || code=$?
[[ $code -eq 2 ]] || fail "an empty list: exit $code, expected 2: $out"
grep -q "holds no pair" <<<"$out" || fail "an empty list: $out"

stop_server
echo "PASS"
