#!/usr/bin/env bash
# Runs the C# example (dotnet/examples/Demo.cs) on .NET 8 and on Mono.
# Assumes scripts/build.sh and generate.sh already ran.
set -euo pipefail
source "$(dirname "$0")/env.sh"
source "$UNILANCE_ROOT/scripts/dotnet-env.sh"
cd "$UNILANCE_ROOT"
bash dotnet/build.sh --no-pack >/dev/null
export LD_LIBRARY_PATH="$(dirname "$UNILANCE_LIB")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
echo "== .NET 8"
timeout 120 "$DOTNET_HOST" dotnet/build/examples/Demo.dll
echo "== Mono"
timeout 120 mono dotnet/build/examples/Demo.dll
