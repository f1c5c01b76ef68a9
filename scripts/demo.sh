#!/usr/bin/env bash
# The demo: builds everything, then the same embedded-LanceDB walk-through
# from Python, Kotlin and C#, each in its own temp folder.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$UNILANCE_ROOT"
scripts/setup.sh
scripts/build.sh
echo "=== Python"
PYTHONPATH="$UNILANCE_ROOT/python" "$PYTHON" python/examples/demo.py
if [ -x scripts/demo-kotlin.sh ]; then echo "=== Kotlin"; scripts/demo-kotlin.sh; fi
if [ -x scripts/demo-csharp.sh ]; then echo "=== C#"; scripts/demo-csharp.sh; fi
