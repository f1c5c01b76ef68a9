#!/usr/bin/env bash
# Kotlin figures for the round trip and search benchmarks (release library).
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
cd "$UNILANCE_ROOT/bench/kotlin"
mvn -q -B compile exec:exec -Dunilance.lib="$UNILANCE_LIB" 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g'
