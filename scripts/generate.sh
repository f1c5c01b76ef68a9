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
