#!/usr/bin/env bash
# Runs kotlin/examples/unilance/examples/Demo.kt in its own JVM: an embedded
# database in a temporary folder, 3,000 random 128-d vectors, a filtered
# vector search. Run scripts/build.sh and scripts/generate.sh first.
#
#   demo-kotlin.sh         the library from the build directory
#   demo-kotlin.sh --jar   packages the jar first and loads the library bundled
#                          in it, as a user of the jar would (no override)
set -euo pipefail
source "$(dirname "$0")/env.sh"
[ -f "$UNILANCE_LIB" ] || { echo "demo-kotlin: $UNILANCE_LIB is missing; run scripts/build.sh" >&2; exit 1; }
cd "$UNILANCE_ROOT/kotlin"
maven=(-q -B
  -Dunilance.lib.dir="$(dirname "$UNILANCE_LIB")"
  -Dunilance.bindings="${UNILANCE_KOTLIN_BINDINGS:-$UNILANCE_ROOT/bindings/kotlin}")
# Maven 3.8 prints colour resets even in batch mode: strip them.
plain() { sed -u 's/\x1b\[[0-9;]*m//g'; }

if [ "${1:-}" = "--jar" ]; then
  mvn "${maven[@]}" package -DskipTests 2>&1 | plain
  mvn "${maven[@]}" dependency:build-classpath -DincludeScope=runtime \
    -Dmdep.outputFile=target/runtime.classpath 2>&1 | plain
  jar="target/unilance-0.1.0.jar"
  exec java -cp "$jar:target/test-classes:$(cat target/runtime.classpath)" unilance.examples.DemoKt
fi
mvn "${maven[@]}" test-compile exec:exec 2>&1 | plain
