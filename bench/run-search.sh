#!/usr/bin/env bash
# Search QPS side by side in one run: Python (unilance vs the official lancedb), then Kotlin and
# C# (.NET 8) on the same table with the same queries, and a summary of Kotlin and C# against
# unilance Python. Builds nothing in Rust: UNILANCE_LIB picks the library, by default the
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
cp -r python/unilance "$work/unilance"
rm -f "$work/unilance/libunilance.so"
install -m 644 "$UNILANCE_LIB" "$work/unilance/libunilance.so"
install -m 644 bindings/python/unilance.py "$work/unilance/_ffi.py"
echo "=== Python: unilance vs official lancedb"
PYTHONPATH="$work" "$PYTHON" bench/bench_search.py --keep "$work/data" "$@"

echo "=== Kotlin"
(cd bench/kotlin && mvn -q -B compile && mvn -q -B dependency:build-classpath -Dmdep.outputFile="$work/kotlin.cp" >/dev/null)
java -Duniffi.component.unilance.libraryOverride="$UNILANCE_LIB" -cp "bench/kotlin/target/classes:$(cat "$work/kotlin.cp")" \
  unilance.bench.search.SearchBenchKt "$work/data"

echo "=== C# (.NET 8)"
source scripts/dotnet-env.sh
bash dotnet/build.sh --no-pack >/dev/null
mkdir -p "$work/cs"
cp dotnet/build/net8.0/Unilance.dll "$work/cs/"
mcs -langversion:7.2 -warnaserror+ -optimize+ -r:System.Core.dll -r:"$work/cs/Unilance.dll" -target:exe \
  -out:"$work/cs/SearchBench.dll" bench/csharp/search/SearchBench.cs
echo '{"runtimeOptions":{"tfm":"net8.0","framework":{"name":"Microsoft.NETCore.App","version":"8.0.0"}}}' \
  > "$work/cs/SearchBench.runtimeconfig.json"
(cd "$work/cs" && LD_LIBRARY_PATH="$(dirname "$UNILANCE_LIB")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
  timeout 1800 "$DOTNET_HOST" SearchBench.dll "$work/data")

echo "=== Kotlin and C# against unilance Python (same table, same queries; goal >= 0.9x)"
"$PYTHON" - "$work/data" <<'PY'
import json, os, sys
d = sys.argv[1]
load = lambda lang: json.load(open(os.path.join(d, f"results-{lang}.json")))
py, kt, cs = load("python"), load("kotlin"), load("csharp")
print(f"{'benchmark':<16} {'python':>9} {'kotlin':>9} {'ratio':>6} {'csharp':>9} {'ratio':>6}")
for k in py:
    print(f"{k:<16} {py[k]:>9.1f} {kt[k]:>9.1f} {kt[k] / py[k]:>5.2f}x {cs[k]:>9.1f} {cs[k] / py[k]:>5.2f}x")
PY
