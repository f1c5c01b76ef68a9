#!/usr/bin/env bash
# Benchmarks, release build, measured side by side in one run per language.
# The release build has its own target dir so it never blocks (or is blocked
# by) the debug builds the tests use. A cold release build takes ~40 minutes
# (more since the release profile uses fat LTO, as lancedb's wheels do).
set -euo pipefail
cd "$(dirname "$0")/.."
# The release build's target dir and flags are set in one place, scripts/env.sh, shared with
# scripts/package.sh: one release build serves both.
export UNILANCE_PROFILE=release
source scripts/env.sh
export UNILANCE_LIB="$CARGO_TARGET_DIR/release/libunilance.so"
scripts/setup.sh
cargo build --release -p unilance
stage="$(mktemp -d)"
# bench_s3.py's server (SeaweedFS on 127.0.0.1): its own port, outside the checkouts' 18333-19323 (scripts/s3.sh), stopped however this ends.
export UNILANCE_S3_PORT="${UNILANCE_S3_BENCH_PORT:-19433}"
trap 'rm -rf "$stage"; scripts/s3.sh stop' EXIT
source scripts/s3.sh start
source bench/stage.sh
stage_python "$stage"
echo "=== Python: unilance vs official lancedb"
PYTHONPATH="$stage" "$PYTHON" bench/bench_python.py "$@"
echo "=== Python: merge_insert, unilance vs official lancedb"
PYTHONPATH="$stage" "$PYTHON" bench/bench_merge.py
echo "=== Python: S3 vs local directory, unilance vs official lancedb"
PYTHONPATH="$stage" "$PYTHON" bench/bench_s3.py
for lang in kotlin csharp; do
  if [ -x "bench/run-$lang.sh" ]; then echo "=== $lang"; "bench/run-$lang.sh"; fi
done
