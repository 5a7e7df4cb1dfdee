#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan; see fuzz/CMakeLists.txt) in build-fuzz/ and
# runs each in turn for a bounded time from its seeds (written by fuzz/make_seeds.py from
# ../shared/eval and examples/) plus the corpus earlier runs kept in build-fuzz/fuzz/corpus/.
# Prints executions and time per target; exits non-zero when any target crashes, leaks, times out
# (10 s on one input) or runs out of memory (2 GB), leaving the input in build-fuzz/fuzz/artifacts/.
#
#   scripts/fuzz.sh [seconds_per_target]     (default 60)
#   FUZZ_TARGETS="lexicon tokenizer" scripts/fuzz.sh 30
#   FUZZ_SEED=0 scripts/fuzz.sh 600           (a random seed; the default, 1, repeats CI's run)
#
# Keep a crashing input as fuzz/regressions/<target>/<name> once fixed: ctest replays it.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "usage: scripts/fuzz.sh [seconds_per_target]" >&2
  exit 2
fi
build="build-fuzz"
read -r -a targets <<< "${FUZZ_TARGETS:-sentence_splitter tokenizer anchors parallel_corpus lexicon align_request}"

# Inputs longer than this are not generated (the align requests need room for two documents).
declare -A max_len=([align_request]=16384)
declare -A dict=(
  [sentence_splitter]=text [tokenizer]=text [anchors]=text [lexicon]=text
  [parallel_corpus]=corpus
)

start=$(date +%s)
# Line tables are all a stack trace needs, and compile faster than full debug information.
CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -gline-tables-only -DNDEBUG" \
  -DNEWSALIGN_FUZZ=ON -DNEWSALIGN_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target "${targets[@]/%/_fuzzer}"
built=$(date +%s)
echo "fuzz: built ${#targets[@]} targets in $((built - start)) s"

failed=()
report=()
for target in "${targets[@]}"; do
  fuzz="$build/fuzz"
  corpus="$fuzz/corpus/$target"
  artifacts="$fuzz/artifacts/$target/"
  log="$fuzz/logs/$target.log"
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048
        -max_len="${max_len[$target]:-4096}" -print_final_stats=1 -seed="${FUZZ_SEED:-1}"
        -artifact_prefix="$artifacts")
  if [ -n "${dict[$target]:-}" ]; then
    args+=(-dict="fuzz/dictionaries/${dict[$target]}.dict")
  fi
  t0=$(date +%s)
  status=0
  # The outer timeout only guards against a fuzzer that does not stop by itself.
  timeout --kill-after=10 $((seconds + 300)) \
    "$fuzz/${target}_fuzzer" "${args[@]}" "$corpus" "$fuzz/seeds/$target" >"$log" 2>&1 || status=$?
  elapsed=$(( $(date +%s) - t0 ))
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -n 1)
  result="ok"
  if [ "$status" -ne 0 ]; then
    result="FAILED (exit $status; $(grep -m 1 -oE 'ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer): [a-z -]+|runtime error|check failed' "$log" || echo "see $log"))"
    failed+=("$target")
  fi
  report+=("$(printf '%-18s %10s runs %7s/s %5s s %6s MB  %s' "$target" "${runs:-?}" "${rate:-?}" \
    "$elapsed" "${rss:-?}" "$result")")
  echo "fuzz: ${report[-1]}"
  if [ "$status" -ne 0 ]; then
    grep -E -A 30 'ERROR:|check failed|runtime error' "$log" | head -n 40 >&2 || tail -n 40 "$log" >&2
    echo "fuzz: inputs kept in $artifacts; full log in $log" >&2
  fi
done

echo
echo "fuzz: target             executions    exec/s  time   peak RSS"
printf 'fuzz: %s\n' "${report[@]}"
echo "fuzz: total $(( $(date +%s) - start )) s (build $((built - start)) s)"
if [ "${#failed[@]}" -ne 0 ]; then
  echo "fuzz: FAILED: ${failed[*]}" >&2
  exit 1
fi
