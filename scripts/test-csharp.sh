#!/usr/bin/env bash
# Builds the C# package (dotnet/build.sh) and runs its tests on Mono and on .NET 8.
# Assumes scripts/build.sh and generate.sh already ran. Extra arguments are test-name filters.
set -uo pipefail
source "$(dirname "$0")/env.sh"
source "$UNILANCE_ROOT/scripts/dotnet-env.sh"
cd "$UNILANCE_ROOT"

# One build at a time: engineers share this work tree, and build.sh starts with rm -rf.
if [ -z "${UNILANCE_DOTNET_LOCKED:-}" ]; then
    exec 9>"${TMPDIR:-/tmp}/unilance-dotnet-build.lock"
    flock 9
    export UNILANCE_DOTNET_LOCKED=1
fi

bash dotnet/build.sh --no-pack || exit 1
ensure_s3_server || exit 1

export LD_LIBRARY_PATH="$(dirname "$UNILANCE_LIB")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
# The panic tests would otherwise print a backtrace per panic.
export RUST_BACKTRACE=0
BUILD="$UNILANCE_ROOT/dotnet/build"
status=0

# `timeout`: a hang, at exit in particular (Tokio threads that called into managed code), must
# fail the run instead of blocking it.
run() {
    local name="$1" limit="$2" expected="$3"; shift 3
    echo "== $name"
    (cd "$BUILD" && timeout "$limit" "$@")
    local rc=$?
    if [ $rc -ne "$expected" ]; then
        echo "!! $name failed (exit $rc, expected $expected$([ $rc -eq 124 ] && echo ', timed out'))" >&2
        status=1
    fi
}

MONO="Mono $(mono --version | head -n 1 | awk '{print $5}')"
run "C# tests on $MONO" 600 0 mono --debug tests-mono/UnilanceTests.exe "$@"
run "C# tests on .NET 8" 600 0 "$DOTNET_HOST" tests-net8/UnilanceTests.dll "$@"
# The exit code Main returns must survive, and the process must not wait for Tokio's threads.
for code in 0 3; do
    run "process exit (code $code) after Tokio callbacks, $MONO" 30 $code mono --debug tests-mono/ExitProgram.exe $code
    run "process exit (code $code) after Tokio callbacks, .NET 8" 30 $code "$DOTNET_HOST" tests-net8/ExitProgram.dll $code
done
exit $status
