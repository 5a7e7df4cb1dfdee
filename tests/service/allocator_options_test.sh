#!/usr/bin/env bash
# The allocator options compiled into the executables (server/jemalloc_options.cc): jemalloc
# runs with transparent huge pages for the heap and its metadata, and MALLOC_CONF still
# overrides them. jemalloc prints its options at exit when asked (stats_print).
#
#   allocator_options_test.sh BUILD/server/newsalign-server BUILD/client/newsalign
set -euo pipefail

for bin in "$@"; do
  name=$(basename "$bin")
  options=$(MALLOC_CONF=stats_print:true "$bin" --version 2>&1 >/dev/null)
  for want in 'opt.thp: "always"' 'opt.metadata_thp: "always"'; do
    if ! grep -qF -- "$want" <<<"$options"; then
      echo "FAIL: $name runs without $want; jemalloc printed:" >&2
      grep -E 'opt\.(metadata_)?thp' <<<"$options" >&2 || echo "(no options: not jemalloc?)" >&2
      exit 1
    fi
  done
  overridden=$(MALLOC_CONF=thp:never,stats_print:true "$bin" --version 2>&1 >/dev/null)
  if ! grep -qF 'opt.thp: "never"' <<<"$overridden"; then
    echo "FAIL: MALLOC_CONF=thp:never does not override $name's compiled options" >&2
    exit 1
  fi
  echo "$name: huge pages on, MALLOC_CONF overrides them"
done
