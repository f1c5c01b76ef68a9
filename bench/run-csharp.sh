#!/usr/bin/env bash
# C# benchmark: async round trips (the package, a hand-written C ABI; medians of interleaved samples) and
# vector-search QPS, on .NET 8 and then Mono (round trips only there).
# UNILANCE_LIB from the environment picks the library; release numbers need a release build:
#   UNILANCE_LIB=$HOME/.cache/unilance/target-bench/release/libunilance.so bash bench/run-csharp.sh
# Usage: bench/run-csharp.sh [--seconds S] [--reps N] [--no-search] [--lifecycle-only]  (.NET 8 also times merge_insert/optimize)
set -euo pipefail
requested_lib="${UNILANCE_LIB:-}"
source "$(dirname "$0")/../scripts/env.sh"
UNILANCE_LIB="${requested_lib:-$UNILANCE_LIB}"
source "$UNILANCE_ROOT/scripts/dotnet-env.sh"
cd "$UNILANCE_ROOT"

CABI_TARGET="$HOME/.cache/unilance/target-cabi"
echo "== building bench/cabi-baseline (release)" >&2
(cd bench/cabi-baseline && CARGO_TARGET_DIR="$CABI_TARGET" cargo build --release --quiet)
bash dotnet/build.sh --no-pack >/dev/null

OUT="$UNILANCE_ROOT/bench/csharp/build"
rm -rf "$OUT" && mkdir -p "$OUT"
cp dotnet/build/net8.0/Unilance.dll "$OUT/"
mcs -langversion:7.2 -warnaserror+ -optimize+ -r:System.Core.dll -r:"$OUT/Unilance.dll" -target:exe \
    -out:"$OUT/Bench.dll" bench/csharp/*.cs
echo '{"runtimeOptions":{"tfm":"net8.0","framework":{"name":"Microsoft.NETCore.App","version":"8.0.0"}}}' \
    > "$OUT/Bench.runtimeconfig.json"

export LD_LIBRARY_PATH="$(dirname "$UNILANCE_LIB"):$CABI_TARGET/release${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
echo "library: $UNILANCE_LIB"
case "$UNILANCE_LIB" in
  */debug/*) echo "NOTE: a DEBUG build of libunilance: Rust-side costs (search above all) are not representative." ;;
esac
echo "machine: $(nproc) cores, $(uname -sr)"
echo
echo "### .NET 8 ($(basename "$(dirname "$(ls -d "$NET8_REF")")")/$(basename "$NET8_REF"))"
(cd "$OUT" && timeout 900 "$DOTNET_HOST" Bench.dll --lifecycle "$@")
echo
echo "### Mono $(mono --version | head -n 1 | awk '{print $5}')"
(cd "$OUT" && timeout 300 mono Bench.dll --no-search "$@")
