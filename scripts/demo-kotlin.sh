#!/usr/bin/env bash
# Runs kotlin/examples/unilance/examples/Demo.kt: an embedded database in a
# temporary folder, 3,000 random 128-d vectors, a filtered vector search.
# Run scripts/build.sh and scripts/generate.sh first.
set -euo pipefail
source "$(dirname "$0")/env.sh"
[ -f "$UNILANCE_LIB" ] || { echo "demo-kotlin: $UNILANCE_LIB is missing; run scripts/build.sh" >&2; exit 1; }
cd "$UNILANCE_ROOT/kotlin"
mvn -q -B test-compile \
  -Dunilance.lib.dir="$(dirname "$UNILANCE_LIB")" \
  -Dunilance.bindings="${UNILANCE_KOTLIN_BINDINGS:-$UNILANCE_ROOT/bindings/kotlin}"
exec mvn -q -B exec:exec \
  -Dunilance.lib.dir="$(dirname "$UNILANCE_LIB")" \
  -Dunilance.bindings="${UNILANCE_KOTLIN_BINDINGS:-$UNILANCE_ROOT/bindings/kotlin}"
