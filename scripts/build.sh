#!/usr/bin/env bash
# Builds the native library and our bindgen, then stages the native library
# and the generated module into the Python package directory.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$UNILANCE_ROOT"
flags=()
[ "$UNILANCE_PROFILE" = release ] && flags+=(--release)
lock_target_dir
claim_target_dir
cargo build ${flags[@]+"${flags[@]}"} -p unilance
stage "$CARGO_TARGET_DIR/$UNILANCE_PROFILE/libunilance.so" "$UNILANCE_STAGE/lib"
# The bindgen comes from the debug build (the release target dir would build it once more,
# with the release CPU flags); generate.sh reads the same metadata from either library.
if [ "$UNILANCE_PROFILE" != release ]; then
  cargo build -p uniffi-bindgen
  stage "$CARGO_TARGET_DIR/debug/uniffi-bindgen" "$UNILANCE_STAGE/bin"
fi
unlock_target_dir
# A second name for the same bytes: the library is hundreds of MB in a debug build.
ln -f "$UNILANCE_STAGE/lib/libunilance.so" python/unilance/libunilance.so 2>/dev/null \
  || install -m 644 "$UNILANCE_STAGE/lib/libunilance.so" python/unilance/libunilance.so
install -m 644 bindings/python/unilance.py python/unilance/_ffi.py
