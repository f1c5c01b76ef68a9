#!/usr/bin/env bash
# Where the CPU goes in one C# round-trip kind: perf (cpu-clock samples, every thread) on the
# .NET 8 or Mono process looping that kind, grouped by shared object (kernel, libunilance,
# CoreCLR, JIT-compiled code, libc...) and top symbols. Run bench/run-csharp.sh first (it
# builds bench/csharp/build). Usage: bench/profile-csharp.sh KIND IN_FLIGHT [net8|mono] [SECONDS]
#   KIND is the row number in run-csharp.sh's table, from 0.
set -euo pipefail
requested_lib="${UNILANCE_LIB:-}"
source "$(dirname "$0")/../scripts/env.sh"
UNILANCE_LIB="${requested_lib:-$UNILANCE_LIB}"
source "$UNILANCE_ROOT/scripts/dotnet-env.sh"
kind="$1" inflight="$2" runtime="${3:-net8}" seconds="${4:-6}"
OUT="$UNILANCE_ROOT/bench/csharp/build"
export LD_LIBRARY_PATH="$(dirname "$UNILANCE_LIB"):$HOME/.cache/unilance/target-cabi/release"
export DOTNET_PerfMapEnabled=1  # JIT-compiled methods by name in /tmp/perf-PID.map
data="$(mktemp)"
trap 'rm -f "$data"' EXIT
cd "$OUT"
if [ "$runtime" = mono ]; then cmd=(mono --jitmap Bench.dll); else cmd=("$DOTNET_HOST" Bench.dll); fi
perf record -q -e cpu-clock -F 999 -g -o "$data" -- "${cmd[@]}" --no-search --seconds "$seconds" --profile "$kind" "$inflight"
perf report -i "$data" --no-children --sort dso --stdio 2>/dev/null | grep -E '^ +[0-9]' | head -12
echo "-- top symbols"
perf report -i "$data" --no-children --sort dso,sym --stdio -g none 2>/dev/null | grep -E '^ +[0-9]' | head -25
