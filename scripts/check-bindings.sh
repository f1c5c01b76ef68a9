#!/usr/bin/env bash
# Fails if the committed bindings differ from a fresh generation.
set -euo pipefail
source "$(dirname "$0")/env.sh"
fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT
"$UNILANCE_ROOT/scripts/generate.sh" "$fresh"
if ! diff -r "$fresh" "$UNILANCE_ROOT/bindings" >/dev/null; then
  diff -r "$fresh" "$UNILANCE_ROOT/bindings" | head -40
  echo "bindings: committed files differ from a fresh generation; run scripts/generate.sh and commit" >&2
  exit 1
fi
echo "bindings: up to date"
