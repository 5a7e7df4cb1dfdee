#!/usr/bin/env bash
# Scores the client end to end, as users run it: `newsalign align --pre-split --format=vecalign`
# on every document of each set of an eval folder, then ../shared/eval/score.py on the output.
#   scripts/eval-client.sh [EVAL_DIR] [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir=${1:-../shared/eval}
out_dir=${2:-build/eval-client}
client=build/client/newsalign
for set_dir in "$eval_dir"/*/; do
  set_name=$(basename "$set_dir")
  [ -d "$set_dir/gold" ] || continue
  # Source language first, in the order the set's name gives them (tico19_fr_ar: fr -> ar).
  langs=()
  for part in ${set_name//_/ }; do
    [ -d "$set_dir/$part" ] && [ "$part" != gold ] && langs+=("$part")
  done
  src=${langs[0]}
  tgt=${langs[1]}
  mkdir -p "$out_dir/$set_name"
  for gold in "$set_dir"/gold/*.txt; do
    doc=$(basename "$gold")
    "$client" align --pre-split --format=vecalign --source-lang="$src" --target-lang="$tgt" \
      --source="$set_dir/$src/$doc" --target="$set_dir/$tgt/$doc" > "$out_dir/$set_name/$doc"
  done
  echo "== $set_name ($src -> $tgt)"
  python3 "$eval_dir/score.py" --gold-dir "$set_dir/gold" --test-dir "$out_dir/$set_name"
done
