#!/usr/bin/env bash
# Lints the contract (proto/, configured by proto/buf.yaml) with buf, the version pinned by
# scripts/buf/package-lock.json that scripts/install-deps.sh installs into scripts/buf/.
# Exits 0 when buf finds nothing, non-zero with each finding (FILE:LINE:COLUMN:message) when
# it finds something. Without buf: exits 77 (ctest shows the test as skipped, saying why), or 1
# under CI=true, where install-deps.sh has run and buf must be there.
#
#   scripts/buf-lint.sh [PROTO_DIR]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
proto_dir=${1:-$root/proto}
buf=${BUF:-$root/scripts/buf/node_modules/.bin/buf}

if [[ ! -x "$buf" ]]; then
  echo "buf-lint: no buf at $buf; run scripts/install-deps.sh (it installs buf from npm)" >&2
  [[ "${CI:-}" == "true" ]] && exit 1
  exit 77
fi
echo "buf-lint: $("$buf" --version) on $proto_dir"
cd "$proto_dir"
"$buf" lint --error-format=text
echo "buf-lint: no finding"
