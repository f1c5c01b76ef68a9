#!/usr/bin/env bash
# Kotlin benchmark: async round trips (medians of interleaved samples) and IVF_PQ search QPS
# against unilance's Python package on the same table, over the library UNILANCE_LIB names
# (bench/run.sh sets its release build). Extra arguments go to the benchmark
# (--seconds S --reps N --rows N --no-search --breakdown); JAVA_OPTS to the JVM (a profiler).
set -euo pipefail
requested_lib="${UNILANCE_LIB:-}"
source "$(dirname "$0")/../scripts/env.sh"
UNILANCE_LIB="${requested_lib:-$UNILANCE_LIB}"
cd "$UNILANCE_ROOT/bench/kotlin"
mvn -q -B compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
  ${UNILANCE_KOTLIN_BINDINGS:+-Dunilance.bindings="$UNILANCE_KOTLIN_BINDINGS"} 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g'

# unilance's Python package over the same library, for the search comparison.
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
source "$UNILANCE_ROOT/bench/stage.sh"
stage_python "$stage"

echo "library: $UNILANCE_LIB"
case "$UNILANCE_LIB" in
  */debug/*|*/.build/*) echo "NOTE: a DEBUG build of libunilance (unoptimised: figures are not the release comparison)." ;;
esac
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -Duniffi.component.unilance.libraryOverride="$UNILANCE_LIB" \
  -Dunilance.bench.dir="$UNILANCE_ROOT/bench" \
  -cp "target/classes:$(cat target/classpath.txt)" unilance.bench.BenchKt \
  --python "$PYTHON" --pythonpath "$stage" "$@"
