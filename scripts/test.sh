#!/usr/bin/env bash
# Installs what newsalign needs, builds everything (Release), runs every test with ctest,
# fuzzes the parsers and the request handler for a bounded time, then runs the tests again
# under the sanitizers (scripts/sanitize.sh).
# This is README's test command and what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
# The benchmarks are built (never run) so that they keep compiling.
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DNEWSALIGN_BUILD_BENCHMARKS=ON
cmake --build build -j "$(nproc)"
ctest --test-dir build --output-on-failure -j "$(nproc)"
# The parsers and the request handler under libFuzzer (clang, ASan + UBSan), 20 s a target from
# a fixed seed; any crash, leak, timeout or out-of-memory fails the run (fuzz/README.md).
scripts/fuzz.sh 20
# Every test under ASan + UBSan, and the service's tests (with the end-to-end scripts and the
# soak) under TSan, each in its own build folder; any report fails the run.
scripts/sanitize.sh all
