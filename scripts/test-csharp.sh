#!/usr/bin/env bash
# Builds the C# package (dotnet/build.sh) and runs its tests on Mono and on .NET 8.
# Assumes scripts/build.sh and generate.sh already ran. Extra arguments are test-name filters.
set -uo pipefail
source "$(dirname "$0")/env.sh"
source "$UNILANCE_ROOT/scripts/dotnet-env.sh"
cd "$UNILANCE_ROOT"

bash dotnet/build.sh --no-pack || exit 1

export LD_LIBRARY_PATH="$(dirname "$UNILANCE_LIB")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
# The panic tests would otherwise print a backtrace per panic.
export RUST_BACKTRACE=0
BUILD="$UNILANCE_ROOT/dotnet/build"
status=0

# `timeout`: a hang, at exit in particular (Tokio threads that called into managed code), must
# fail the run instead of blocking it.
run() {
    local name="$1"; shift
    echo "== C# tests on $name"
    (cd "$BUILD" && timeout 600 "$@")
    local rc=$?
    if [ $rc -ne 0 ]; then
        echo "!! C# tests on $name failed (exit $rc$([ $rc -eq 124 ] && echo ', timed out'))" >&2
        status=1
    fi
}

run "Mono $(mono --version | head -n 1 | awk '{print $5}')" mono --debug tests-mono/UnilanceTests.exe "$@"
run ".NET 8" "$DOTNET_HOST" tests-net8/UnilanceTests.dll "$@"
exit $status
