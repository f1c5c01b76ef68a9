#!/usr/bin/env bash
# Every test: Rust, binding freshness, Python, Kotlin, C# (generator fixture
# and package, on Mono and .NET 8), and the packages (wheel, jar, nupkg) installed and used. Installs what it needs first. Runs every
# suite even when one fails, then prints one total and exits non-zero on failure.
set -uo pipefail
source "$(dirname "$0")/env.sh"
cd "$UNILANCE_ROOT"

"$UNILANCE_ROOT/scripts/setup.sh" || exit 1
"$UNILANCE_ROOT/scripts/build.sh" || exit 1

# The S3 server the object-store tests use (SeaweedFS on 127.0.0.1), stopped however this ends.
source "$UNILANCE_ROOT/scripts/s3.sh" start || { echo "test: the S3 server did not start" >&2; exit 1; }
trap '"$UNILANCE_ROOT/scripts/s3.sh" stop' EXIT

logs="$(mktemp -d)"
failed_suites=()
suite() {
  local name="$1"; shift
  echo "=== $name"
  if "$@" 2>&1 | tee "$logs/$name.log"; then :; else failed_suites+=("$name"); fi
}

suite bindings "$UNILANCE_ROOT/scripts/check-bindings.sh"
suite rust cargo test -p unilance --quiet
suite python bash -c "cd python && $PYTHON -m pytest -q -p no:cacheprovider"
[ -x scripts/test-kotlin.sh ] && suite kotlin "$UNILANCE_ROOT/scripts/test-kotlin.sh"
[ -x scripts/test-fixture.sh ] && suite fixture "$UNILANCE_ROOT/scripts/test-fixture.sh"
[ -x scripts/test-csharp.sh ] && suite csharp "$UNILANCE_ROOT/scripts/test-csharp.sh"
# Last: builds the wheel, jar and nupkg from the debug build and installs each from scratch.
[ -x scripts/test-packages.sh ] && suite packages "$UNILANCE_ROOT/scripts/test-packages.sh"

"$PYTHON" "$UNILANCE_ROOT/scripts/count_tests.py" "$logs"/*.log
if [ ${#failed_suites[@]} -gt 0 ]; then
  echo "failed suites: ${failed_suites[*]}" >&2
  exit 1
fi
