#!/usr/bin/env bash
# The Rust-side floor of one UniFFI async call (floor.c), over the library UNILANCE_LIB names:
# wall time per call, and valgrind callgrind's instructions per call for each FFI step (two run
# lengths, differenced, so start-up and first-call costs cancel). No hardware counters needed
# (this VM has none for perf stat).
# Usage: bench/ffi-floor/run.sh [CALLS]
set -euo pipefail
requested_lib="${UNILANCE_LIB:-}"
source "$(dirname "$0")/../../scripts/env.sh"
UNILANCE_LIB="${requested_lib:-$UNILANCE_LIB}"
command -v valgrind >/dev/null || { apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y valgrind >&2; }
calls="${1:-2000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
libdir="$(dirname "$UNILANCE_LIB")"
cc -O2 -o "$work/floor" "$UNILANCE_ROOT/bench/ffi-floor/floor.c" -L"$libdir" -lunilance -Wl,-rpath,"$libdir"
echo "library: $UNILANCE_LIB"
"$work/floor" 200000
for n in "$calls" $((calls * 2)); do
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.$n" "$work/floor" "$n" >/dev/null 2>&1
  callgrind_annotate --inclusive=yes "$work/cg.$n" 2>/dev/null \
    | awk '/\?\?\?:(step_[a-z]+|main) /{gsub(",","",$1); split($0, a, ":"); name=$0; sub(/.*\?\?\?:/, "", name); sub(/ .*/, "", name); print name, $1}' \
    > "$work/steps.$n"
done
echo "instructions per call (callgrind, $calls vs $((calls * 2)) calls differenced):"
join "$work/steps.$calls" "$work/steps.$((calls * 2))" \
  | awk -v n="$calls" '{printf "  %-14s %8.0f\n", $1, ($3 - $2) / n}'
