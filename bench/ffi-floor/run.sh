#!/usr/bin/env bash
# The Rust-side floor of one async call (floor.c), UniFFI's protocol over the library
# UNILANCE_LIB names against the hand-written C ABI (bench/cabi-baseline, release): wall time
# per call, and valgrind callgrind's instructions per call, in total (every thread, Tokio's
# included) and per UniFFI step; two run lengths differenced, so start-up and first-call costs
# cancel. No hardware counters needed (this VM has none for perf stat).
# Usage: bench/ffi-floor/run.sh [CALLS]
set -euo pipefail
requested_lib="${UNILANCE_LIB:-}"
source "$(dirname "$0")/../../scripts/env.sh"
UNILANCE_LIB="${requested_lib:-$UNILANCE_LIB}"
command -v valgrind >/dev/null || { apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y valgrind >&2; }
calls="${1:-1000}"
CABI_TARGET="$HOME/.cache/unilance/target-cabi"
(cd "$UNILANCE_ROOT/bench/cabi-baseline" && CARGO_TARGET_DIR="$CABI_TARGET" cargo build --release --quiet)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
libdir="$(dirname "$UNILANCE_LIB")"
cc -O2 -o "$work/floor" "$UNILANCE_ROOT/bench/ffi-floor/floor.c" -lpthread \
  -L"$libdir" -L"$CABI_TARGET/release" -lunilance -lcabi_baseline \
  -Wl,-rpath,"$libdir" -Wl,-rpath,"$CABI_TARGET/release"
echo "library: $UNILANCE_LIB"
# Instructions of each step function, the whole program, for one run.
count() {
  valgrind --tool=callgrind --callgrind-out-file="$work/cg" "$work/floor" "$1" "$2" >/dev/null 2>&1
  callgrind_annotate --inclusive=yes "$work/cg" 2>/dev/null | awk '
    /PROGRAM TOTALS/ { gsub(",", "", $1); print "total", $1 }
    /\?\?\?:step_[a-z]+ / { gsub(",", "", $1); name = $0; sub(/.*\?\?\?:/, "", name); sub(/ .*/, "", name); print name, $1 }'
}
printf "%-11s %12s %14s   %s\n" mode "µs per call" "instr per call" "of which (UniFFI steps, caller's thread)"
for mode in cabi-ready ready cabi-tokio tokio; do
  wall="$("$work/floor" 100000 "$mode" | awk '{print $(NF-3)}')"
  count "$calls" "$mode" | sort > "$work/a"
  count $((calls * 2)) "$mode" | sort > "$work/b"
  join "$work/a" "$work/b" | awk -v n="$calls" -v mode="$mode" -v wall="$wall" '
    { per[$1] = ($3 - $2) / n }
    END {
      steps = ""
      split("step_lower step_create step_poll step_complete step_free", order, " ")
      for (i = 1; i <= 5; i++) if (order[i] in per) steps = steps sprintf(" %s %.0f", substr(order[i], 6), per[order[i]])
      printf "%-11s %12s %14.0f  %s\n", mode, wall, per["total"], steps
    }'
done
