#!/usr/bin/env bash
# Runs the Kotlin package's tests against the freshly built library and the
# generated bindings (run scripts/build.sh and scripts/generate.sh first).
# Extra arguments go to Maven, e.g. -Dtest=QueryTest.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bindings="${UNILANCE_KOTLIN_BINDINGS:-$UNILANCE_ROOT/bindings/kotlin}"
[ -f "$UNILANCE_LIB" ] || { echo "test-kotlin: $UNILANCE_LIB is missing; run scripts/build.sh" >&2; exit 1; }
[ -f "$bindings/unilance/unilance.kt" ] || {
  echo "test-kotlin: $bindings is missing; run scripts/generate.sh" >&2; exit 1; }
ensure_s3_server
cd "$UNILANCE_ROOT/kotlin"
# -q hides Maven's progress; Surefire's own logger is set back to info so its
# per-class and summary lines ("Tests run: N, Failures: N") still print.
# Maven 3.8 prints colour resets even in batch mode: strip them.
mvn -q -B test \
  -Dorg.slf4j.simpleLogger.log.org.apache.maven.plugin.surefire=info \
  -Dunilance.lib.dir="$(dirname "$UNILANCE_LIB")" \
  -Dunilance.bindings="$bindings" \
  -Dunilance.python="$PYTHON" \
  "$@" 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g'
