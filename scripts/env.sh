# Sourced by every script: one place for paths, so CI and developers agree.
UNILANCE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Outside the work tree so a clean clone reuses the (many-GB, 10-minute) build.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/unilance/target}"
UNILANCE_PROFILE="${UNILANCE_PROFILE:-debug}"
# The target dir is shared by every checkout on the machine, and a build from another one
# replaces its outputs in place. So build.sh copies what this checkout built into its own
# .build/, and everything after the build (bindings, tests, demo) uses those copies.
UNILANCE_STAGE="$UNILANCE_ROOT/.build"
UNILANCE_LIB="${UNILANCE_LIB:-$UNILANCE_STAGE/lib/libunilance.so}"  # bench/ sets its release build
BINDGEN="$UNILANCE_STAGE/bin/uniffi-bindgen"
PYTHON="${PYTHON:-python3}"
export UNILANCE_ROOT UNILANCE_STAGE UNILANCE_LIB UNILANCE_PROFILE BINDGEN PYTHON

# Held from a build until its outputs are copied: no other checkout's build lands in between.
lock_target_dir() {
  mkdir -p "$CARGO_TARGET_DIR"
  exec 8>"$CARGO_TARGET_DIR/.unilance-build.lock"
  flock 8
}
unlock_target_dir() { exec 8>&-; }

# Copies a build output into this checkout's .build/ (see above).
stage() {
  mkdir -p "$2"
  cp -f "$1" "$2/"
}
