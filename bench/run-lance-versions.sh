#!/usr/bin/env bash
# bench/lance_versions.py: bench_merge's workload on unilance, the official lancedb, and the
# lance package of the two versions under them (13.0.0 in the official lancedb 0.40 wheel, 14.0.2
# in lancedb 0.41 under unilance), in one run. The two pylance environments live in
# ~/.cache/unilance/bench-venvs. UNILANCE_LIB picks the library (default: the release build).
# The fifth engine, lancedb 0.41 from Rust (examples/lancedb_workload.rs), runs when its release
# build is there: `UNILANCE_PROFILE=release; source scripts/env.sh; cargo build --release
# --example lancedb_workload` (the release profile and CPU flags of the library).
# Usage: bench/run-lance-versions.sh [--rounds N] [--engines E1,E2,...]
set -euo pipefail
requested_lib="${UNILANCE_LIB:-}"
source "$(dirname "$0")/../scripts/env.sh"
release="$HOME/.cache/unilance/target-bench/release/libunilance.so"
if [ -n "$requested_lib" ]; then UNILANCE_LIB="$requested_lib"; elif [ -f "$release" ]; then UNILANCE_LIB="$release"; fi
cd "$UNILANCE_ROOT"
pyarrow="$(grep '^pyarrow==' python/requirements-dev.txt)"
venvs="$HOME/.cache/unilance/bench-venvs"
for v in 13.0.0 14.0.2; do
  if [ ! -x "$venvs/pylance-$v/bin/python" ]; then
    "$PYTHON" -m venv "$venvs/pylance-$v"
    "$venvs/pylance-$v/bin/pip" install -q "pylance==$v" "$pyarrow" numpy==2.4.6
  fi
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
source bench/stage.sh
stage_python "$work"
echo "library: $UNILANCE_LIB"
case "$UNILANCE_LIB" in */debug/*|*/.build/*) echo "NOTE: a DEBUG build: unilance's figures are not representative." ;; esac
rust=()
example="$(dirname "$release")/examples/lancedb_workload"
if [ -x "$example" ]; then rust=(--lancedb-rs "$example"); else echo "NOTE: no $example: lancedb-rs is left out."; fi
PYTHONPATH="$work" "$PYTHON" bench/lance_versions.py \
  --pylance13 "$venvs/pylance-13.0.0/bin/python" --pylance14 "$venvs/pylance-14.0.2/bin/python" "${rust[@]}" "$@"
