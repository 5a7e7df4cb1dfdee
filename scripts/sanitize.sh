#!/usr/bin/env bash
# The tests under the sanitizers (CMake option NEWSALIGN_SANITIZE), each in its own build folder:
#   address    every test under AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/):
#              any leak, out-of-bounds access, use after free or undefined behaviour fails it
#              (leak suppressions, OpenSSL's own state only: tests/lsan_suppressions.txt);
#   thread     the service, the server and the client under ThreadSanitizer (build-tsan/):
#              the in-process service tests, the end-to-end scripts, the soak and the Python
#              client's tests, against the TSan-built newsalign-server, and the core's tests
#              that run its own threads (suppressions: tests/tsan_suppressions.txt).
# Left out: core_builds_without_grpc (a build check, no code under test) and the headless
# browser test (Chromium's time, not ours).
#
#   scripts/sanitize.sh [address|thread|all]     (default all; CI runs all)
set -euo pipefail
cd "$(dirname "$0")/.."

which="${1:-all}"
case "$which" in address|thread|all) ;; *)
  echo "usage: scripts/sanitize.sh [address|thread|all]" >&2
  exit 2
  ;;
esac
jobs="$(nproc)"
# -O1 with line tables: a readable stack in a third of the build time of -O0 -g.
configure() {  # configure BUILD_DIR SANITIZERS
  cmake -S . -B "$1" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DNEWSALIGN_SANITIZE="$2" >/dev/null
}

if [[ "$which" == address || "$which" == all ]]; then
  start=$(date +%s)
  configure build-asan address,undefined
  cmake --build build-asan -j "$jobs"
  ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1" \
  LSAN_OPTIONS="suppressions=$PWD/tests/lsan_suppressions.txt:print_suppressions=0" \
  UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
    ctest --test-dir build-asan --output-on-failure -j "$jobs" \
      -E "^(core_builds_without_grpc|Service\.browser\..*)$"
  echo "sanitize: address,undefined: built and tested in $(($(date +%s) - start)) s"
fi

if [[ "$which" == thread || "$which" == all ]]; then
  start=$(date +%s)
  configure build-tsan thread
  # The service's side only: the server, the client and the tests that run them.
  cmake --build build-tsan -j "$jobs" --target newsalign_lexicons newsalign-server newsalign \
    soak_client alignment_service_test alignment_service_errors_test alignment_server_test call_gate_test security_test deterministic_message_test \
    report_service_test json_printer_test formatters_test commands_test word_key_pool_test \
    newsalign_python \
    corridor_test pair_index_test document_aligner_test report_checks_test report_facts_test \
    lattice_test align_options_test task_pool_test
  tsan_options="halt_on_error=1:ignore_noninstrumented_modules=1:second_deadlock_stack=1:suppressions=$PWD/tests/tsan_suppressions.txt"
  TSAN_OPTIONS="$tsan_options" \
    ctest --test-dir build-tsan --output-on-failure -j "$jobs" -L service \
      -E "^Service\.browser\..*$"
  # The task pool itself, and the steps the core runs on it (cost helpers, the coverage
  # sweeps, the pair index, the omission sums, two documents segmented side by side, the
  # backward sweeps beside the forward one), and the report's (the name check's two sides beside
  # the bead checks, each sentence's facts read on two threads), and the learned associations'
  # two sides interned side by side.
  TSAN_OPTIONS="$tsan_options" \
    ctest --test-dir build-tsan --output-on-failure -j "$jobs" \
      -R "^(TaskPoolTest\..*|ThreadsTest\..*|BeadScorerTest\.PairIndexBuiltOnTwoThreadsIsTheSame|AlignDocumentsTest\.LongPair.*|ReportNameTest\..*|ReportFactsTest\..*|WordAssociationsTest\..*|RegionEdgeTest\..*)$"
  echo "sanitize: thread: built and tested in $(($(date +%s) - start)) s"
fi
