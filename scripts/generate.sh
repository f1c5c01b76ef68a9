#!/usr/bin/env bash
# Regenerates bindings/<language> from the built library (run build.sh first).
# Usage: generate.sh [OUT_DIR]   (default: bindings/)
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$UNILANCE_ROOT"
out="${1:-$UNILANCE_ROOT/bindings}"
for language in ${UNILANCE_LANGUAGES:-python kotlin csharp}; do
  rm -rf "$out/$language"
  # --no-format: ktlint may or may not be on a machine; bytes must not depend on it.
  "$BINDGEN" generate --library "$UNILANCE_LIB" --language "$language" \
    --no-format --out-dir "$out/$language" >/dev/null
done
# The Python package imports the generated module as _ffi (build.sh copies it too, but a
# generation after the build would otherwise leave a stale copy behind).
if [ "$out" = "$UNILANCE_ROOT/bindings" ] && [ -f "$out/python/unilance.py" ]; then
  install -m 644 "$out/python/unilance.py" "$UNILANCE_ROOT/python/unilance/_ffi.py"
fi
