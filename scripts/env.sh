# Sourced by every script: one place for paths, so CI and developers agree.
UNILANCE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Outside the work tree so a clean clone reuses the (many-GB, 10-minute) build.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/unilance/target}"
UNILANCE_PROFILE="${UNILANCE_PROFILE:-debug}"
UNILANCE_LIB="$CARGO_TARGET_DIR/$UNILANCE_PROFILE/libunilance.so"
BINDGEN="$CARGO_TARGET_DIR/debug/uniffi-bindgen"
PYTHON="${PYTHON:-python3}"
export UNILANCE_ROOT UNILANCE_LIB UNILANCE_PROFILE BINDGEN PYTHON
