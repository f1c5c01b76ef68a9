#!/usr/bin/env bash
# Measures the deepest SQL filter LanceDB plans and runs on a worker thread of
# a given stack size, per expression shape (examples/stack_probe.rs), in a
# child process per try: an overflow kills only that child. Sizes
# src/limits.rs (WORKER_STACK_BYTES, MAX_EXPRESSION_DEPTH). Not run by CI.
#   bash bench/stack-depth.sh [STACK_KIB...]   (default: 2048 8192 65536)
# UNILANCE_PROFILE=release measures a release build (slow to build cold).
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
cd "$UNILANCE_ROOT"
flags=()
[ "$UNILANCE_PROFILE" = release ] && flags+=(--release)
lock_target_dir
cargo build ${flags[@]+"${flags[@]}"} --example stack_probe
probe="$(mktemp)"
install -m 755 "$CARGO_TARGET_DIR/$UNILANCE_PROFILE/examples/stack_probe" "$probe"
unlock_target_dir
trap 'rm -f "$probe"' EXIT
stacks=("$@")
[ ${#stacks[@]} -eq 0 ] && stacks=(2048 8192 65536)
# Whether every operation at this depth answers (an error is an answer) within 30 s.
runs() { { timeout 30 "$probe" "$1" "$2" "$3" >/dev/null 2>&1; } 2>/dev/null; }
# The largest size of each shape that src/limits.rs accepts: nothing deeper
# reaches the planner, so the search stops there.
declare -A cap=([not_paren]=23 [abs]=46 [not_chain]=46 [parens]=46 [neg_chain]=46 [plus_chain]=46
                [or_chain]=999 [and_chain]=999)
for stack in "${stacks[@]}"; do
  for shape in not_paren abs not_chain parens neg_chain plus_chain or_chain and_chain; do
    max=${cap[$shape]}
    if runs "$shape" "$max" "$stack"; then
      echo "stack ${stack} KiB  $shape: runs at $max, the limit"; continue
    fi
    lo=0; hi=$max
    while [ $((hi - lo)) -gt 1 ]; do
      mid=$(((lo + hi) / 2))
      if runs "$shape" $mid "$stack"; then lo=$mid; else hi=$mid; fi
    done
    echo "stack ${stack} KiB  $shape: deepest that runs $lo (limit $max)"
  done
done
