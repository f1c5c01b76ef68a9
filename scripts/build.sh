#!/usr/bin/env bash
# Builds the native library and our bindgen, then stages the native library
# and the generated module into the Python package directory.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$UNILANCE_ROOT"
flags=()
[ "$UNILANCE_PROFILE" = release ] && flags+=(--release)
cargo build ${flags[@]+"${flags[@]}"} -p unilance
cargo build -p uniffi-bindgen
install -m 644 "$UNILANCE_LIB" python/unilance/libunilance.so
install -m 644 bindings/python/unilance.py python/unilance/_ffi.py
