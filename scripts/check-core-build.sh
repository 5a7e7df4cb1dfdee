#!/usr/bin/env bash
# Builds the core alone (no gRPC, no Protobuf) in a folder of its own and runs its tests:
# proves alignment/ stands without the service parts. Registered with ctest as a test.
set -euo pipefail
source_dir=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${1:-"$source_dir/build-core-only"}
# -O1: this build proves the layering, not speed (build and tests 3 min 35 s against 4 min 10 s
# at -O3 on the 2-core VM).
cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS_RELEASE="-O1 -DNDEBUG" \
  -DNEWSALIGN_BUILD_SERVICE=OFF -DNEWSALIGN_BUILD_TESTS=ON >/dev/null
cmake --build "$build_dir" >/dev/null
# Only the core's unit tests; the evaluation runs in the main build.
ctest --test-dir "$build_dir" --output-on-failure -E 'core_builds_without_grpc|eval_'
