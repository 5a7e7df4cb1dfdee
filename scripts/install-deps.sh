#!/usr/bin/env bash
# Installs every Debian 12 package newsalign needs to build, test, evaluate and demo.
# Non-interactive and idempotent: safe to run again; exits non-zero (and says which step) on failure.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git ca-certificates python3
  # service: gRPC, Protobuf (compiler and gRPC plugin), Abseil
  libgrpc++-dev libprotobuf-dev protobuf-compiler protobuf-compiler-grpc libabsl-dev
  # server metrics over HTTP (--metrics_listen); the metrics test parses them with the
  # Prometheus client's own parser
  libcivetweb-dev python3-prometheus-client
  # client: TMX translation memories read with libxml2 (any declared encoding, UTF-16)
  libxml2-dev
  # core: ICU, zlib (FreeDict reader), Snowball stemmer
  libicu-dev zlib1g-dev libstemmer-dev
  # the executables' allocator (faster and leaner than glibc's on the aligner's small objects)
  libjemalloc-dev
  # lexicon sources (GPL data, turned into the lexicon at build time, never committed)
  dict-freedict-ara-eng dict-freedict-eng-ara dict-freedict-eng-fra dict-freedict-fra-eng
  dict-freedict-deu-fra
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # fuzzing (scripts/fuzz.sh): clang with libFuzzer and the sanitizer runtimes
  clang libclang-rt-14-dev
  # report checks: XML validation of TMX, headless browser for the HTML report
  libxml2-utils chromium
  # the Python client (clients/python) and its tests: grpcio and protobuf for the generated
  # stubs (protoc and grpc_python_plugin above generate them), PyYAML for the checks of the
  # Kubernetes manifests in docker/k8s
  python3-grpcio python3-protobuf python3-yaml
)

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# npm, for buf below: Debian's package, unless a Node.js with its own npm is there already.
if [ -f "$(dirname "$0")/buf/package-lock.json" ] && ! command -v npm >/dev/null 2>&1; then
  missing+=(npm)
fi

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
else
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! $sudo apt-get update -q; then
    echo "install-deps: apt-get update failed" >&2
    exit 1
  fi
  if ! $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"; then
    echo "install-deps: apt-get install failed for: ${missing[*]}" >&2
    exit 1
  fi
fi

# buf, the Protobuf linter of ctest's Proto.buf_lint (scripts/buf-lint.sh): from npm, at the
# version scripts/buf/package-lock.json pins, into scripts/buf/node_modules (not committed).
# `npm ci` runs only when that version is not there yet.
# Skipped where the script runs alone (docker/Dockerfile copies only this file first).
buf_dir="$(cd "$(dirname "$0")" && pwd)/buf"
if [ ! -f "$buf_dir/package-lock.json" ]; then
  echo "install-deps: no $buf_dir/package-lock.json beside this script: buf not installed"
  echo "install-deps: done"
  exit 0
fi
buf_version=$(sed -n 's/.*"@bufbuild\/buf": "\([0-9.]*\)".*/\1/p' "$buf_dir/package.json")
if [ "$("$buf_dir/node_modules/.bin/buf" --version 2>/dev/null || true)" = "$buf_version" ]; then
  echo "install-deps: buf $buf_version already installed"
else
  echo "install-deps: installing buf $buf_version from npm into $buf_dir/node_modules"
  if ! npm ci --prefix "$buf_dir" --no-audit --no-fund --loglevel=error; then
    echo "install-deps: npm ci of buf failed" >&2
    exit 1
  fi
  if [ "$("$buf_dir/node_modules/.bin/buf" --version 2>/dev/null || true)" != "$buf_version" ]; then
    echo "install-deps: buf $buf_version does not run after npm ci" >&2
    exit 1
  fi
fi
echo "install-deps: done"
