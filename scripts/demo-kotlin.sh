#!/usr/bin/env bash
# Runs kotlin/examples/unilance/examples/Demo.kt in its own JVM: an embedded
# database in a temporary folder, 3,000 random 128-d vectors, a filtered
# vector search. Run scripts/build.sh and scripts/generate.sh first.
set -euo pipefail
source "$(dirname "$0")/env.sh"
[ -f "$UNILANCE_LIB" ] || { echo "demo-kotlin: $UNILANCE_LIB is missing; run scripts/build.sh" >&2; exit 1; }
cd "$UNILANCE_ROOT/kotlin"
# Maven 3.8 prints colour resets even in batch mode: strip them.
mvn -q -B test-compile exec:exec \
  -Dunilance.lib.dir="$(dirname "$UNILANCE_LIB")" \
  -Dunilance.bindings="${UNILANCE_KOTLIN_BINDINGS:-$UNILANCE_ROOT/bindings/kotlin}" \
  2>&1 | sed -u 's/\x1b\[[0-9;]*m//g'
