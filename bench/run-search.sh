#!/usr/bin/env bash
# Search QPS side by side in one run: Python (unilance vs the official lancedb), then rounds of
# unilance Python, Kotlin and C# (.NET 8) on the same table with the same queries, and a summary
# of Kotlin and C# against unilance Python (medians of the rounds, per-round ratio spreads). Builds nothing in Rust: UNILANCE_LIB picks the library, by default the
# release build bench/run.sh makes, else this checkout's staged (debug) build:
#   UNILANCE_LIB=$HOME/.cache/unilance/target-bench/release/libunilance.so bash bench/run-search.sh
# Arguments go to bench/bench_search.py (--rows, --queries, --reps, ...).
set -euo pipefail
requested_lib="${UNILANCE_LIB:-}"
source "$(dirname "$0")/../scripts/env.sh"
release="$HOME/.cache/unilance/target-bench/release/libunilance.so"
if [ -n "$requested_lib" ]; then UNILANCE_LIB="$requested_lib"; elif [ -f "$release" ]; then UNILANCE_LIB="$release"; fi
export UNILANCE_LIB
cd "$UNILANCE_ROOT"
echo "library: $UNILANCE_LIB"
case "$UNILANCE_LIB" in */debug/*|*/.build/*) echo "NOTE: a DEBUG build: unilance's figures are not representative." ;; esac
echo "machine: $(nproc) cores, $(uname -sr)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
source bench/stage.sh
stage_python "$work"
echo "=== Python: unilance vs official lancedb"
PYTHONPATH="$work" "$PYTHON" bench/bench_search.py --keep "$work/data" "$@"

# Kotlin and C# against unilance Python: rounds of Python, Kotlin, C# on that table, so the three
# are measured minutes apart, alternating, not each once after the other (SEARCH_ROUNDS, 3).
(cd bench/kotlin && mvn -q -B compile && mvn -q -B dependency:build-classpath -Dmdep.outputFile="$work/kotlin.cp" >/dev/null)
source scripts/dotnet-env.sh
bash dotnet/build.sh --no-pack >/dev/null
mkdir -p "$work/cs"
cp dotnet/build/net8.0/Unilance.dll "$work/cs/"
mcs -langversion:7.2 -warnaserror+ -optimize+ -r:System.Core.dll -r:"$work/cs/Unilance.dll" -target:exe \
  -out:"$work/cs/SearchBench.dll" bench/csharp/search/SearchBench.cs
echo '{"runtimeOptions":{"tfm":"net8.0","framework":{"name":"Microsoft.NETCore.App","version":"8.0.0"}}}' \
  > "$work/cs/SearchBench.runtimeconfig.json"
rounds="${SEARCH_ROUNDS:-3}"
for round in $(seq 1 "$rounds"); do
  echo "=== round $round of $rounds: Python, Kotlin, C# (.NET 8)"
  PYTHONPATH="$work" "$PYTHON" bench/bench_search.py --again "$work/data"
  mv "$work/data/results-python.json" "$work/data/round-$round-python.json"
  java -Duniffi.component.unilance.libraryOverride="$UNILANCE_LIB" -cp "bench/kotlin/target/classes:$(cat "$work/kotlin.cp")" \
    unilance.bench.search.SearchBenchKt "$work/data"
  mv "$work/data/results-kotlin.json" "$work/data/round-$round-kotlin.json"
  (cd "$work/cs" && LD_LIBRARY_PATH="$(dirname "$UNILANCE_LIB")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
    timeout 1800 "$DOTNET_HOST" SearchBench.dll "$work/data")
  mv "$work/data/results-csharp.json" "$work/data/round-$round-csharp.json"
done

echo "=== Kotlin and C# against unilance Python (same table, same queries, $rounds alternating rounds; goal >= 0.9x)"
"$PYTHON" - "$work/data" "$rounds" <<'PY'
import json, os, statistics, sys
d, rounds = sys.argv[1], int(sys.argv[2])
load = lambda lang, r: json.load(open(os.path.join(d, f"round-{r}-{lang}.json")))
runs = {lang: [load(lang, r) for r in range(1, rounds + 1)] for lang in ("python", "kotlin", "csharp")}
print("QPS: median of the rounds; ratio of the medians [min-max of the per-round ratios]")
print(f"{'benchmark':<16} {'python':>9} {'kotlin':>9} {'ratio':>19} {'csharp':>9} {'ratio':>19}")
for k in runs["python"][0]:
    med = {lang: statistics.median(r[k] for r in rs) for lang, rs in runs.items()}
    cols = []
    for lang in ("kotlin", "csharp"):
        per = [o[k] / p[k] for o, p in zip(runs[lang], runs["python"])]
        cols.append(f"{med[lang]:>9.1f} {med[lang] / med['python']:>5.2f}x [{min(per):.2f}-{max(per):.2f}]")
    print(f"{k:<16} {med['python']:>9.1f} {cols[0]} {cols[1]}")
PY
