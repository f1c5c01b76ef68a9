#!/usr/bin/env bash
# Builds the Python wheel (generated module + libunilance.so + idiomatic layer)
# into python/dist/. Run scripts/build.sh first (UNILANCE_PROFILE=release for a release wheel).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$UNILANCE_ROOT/python"
rm -rf build dist
"$PYTHON" -m pip wheel -q --no-deps -w dist .
rm -rf build ./*.egg-info
ls dist/*.whl
