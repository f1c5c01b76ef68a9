#!/usr/bin/env bash
# Builds the fixture crate and our bindgen, generates C# and Python for the fixture, and runs
# the fixture tests: C# on Mono and on .NET 8 (plus the process-exit test on both), then Python,
# then Kotlin (UniFFI's Kotlin bindings, JUnit 5 under Maven: tests/fixture/kotlin).
# Works from a clean clone: installs what it needs (Mono, the .NET 8 runtime, pytest).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=env.sh
. "$ROOT/scripts/env.sh"
# This checkout's own: another checkout may run this script at the same time.
BUILD="${UNILANCE_FIXTURE_BUILD:-$ROOT/.build/fixture}"

# shellcheck source=dotnet-env.sh
. "$ROOT/scripts/dotnet-env.sh"

echo "== cargo build (fixture + bindgen)"
lock_target_dir
claim_target_dir
cargo build -p unilance-fixture -p uniffi-bindgen
cargo test -p uniffi-bindgen --quiet
rm -rf "$BUILD"
mkdir -p "$BUILD/cs" "$BUILD/py" "$BUILD/mono" "$BUILD/net8"
stage "$CARGO_TARGET_DIR/debug/libunilance_fixture.so" "$BUILD/lib"
stage "$CARGO_TARGET_DIR/debug/uniffi-bindgen" "$BUILD/bin"
LIB="$BUILD/lib/libunilance_fixture.so"
BINDGEN="$BUILD/bin/uniffi-bindgen"
unlock_target_dir

echo "== generate"
"$BINDGEN" generate --library "$LIB" --language csharp --out-dir "$BUILD/cs" --no-format
"$BINDGEN" generate --library "$LIB" --language python --out-dir "$BUILD/py" --no-format
cp "$LIB" "$BUILD/py/"
GENERATED="$BUILD/cs/UniLance.Fixture.cs"
# The crate tests/fixture-ext is linked into the same library: its types are external types
# of the fixture's bindings, and its own file is compiled into the same assembly.
EXT_GENERATED="$BUILD/cs/UniLance.FixtureExt.cs"

# Same bytes for the same input: generation must be deterministic.
"$BINDGEN" generate --library "$LIB" --language csharp --out-dir "$BUILD/cs-again" --no-format
cmp "$GENERATED" "$BUILD/cs-again/UniLance.Fixture.cs"
cmp "$EXT_GENERATED" "$BUILD/cs-again/UniLance.FixtureExt.cs"

# Rust docstrings become XML doc comments.
grep -q '/// A point in the plane.' "$GENERATED"
grep -q '/// The colour of grass.' "$GENERATED"
grep -q '/// The operand was negative.' "$GENERATED"

RUNNER=(dotnet/testrunner/*.cs)
TESTS=(tests/fixture/csharp/*.cs)
MCS_FLAGS=(-langversion:7.2 -warnaserror+ -nowarn:1591 -debug)

NET8_REFS=()
for asm in System.Private.CoreLib System.Runtime System.Console System.Collections \
           System.Collections.Concurrent System.Linq System.Threading System.Threading.Thread \
           System.Threading.ThreadPool System.Runtime.InteropServices; do
    NET8_REFS+=("-r:$NET8_REF/$asm.dll")
done

write_runtimeconfig() {
    cat > "$1" <<'JSON'
{"runtimeOptions":{"tfm":"net8.0","framework":{"name":"Microsoft.NETCore.App","version":"8.0.0"}}}
JSON
}

echo "== compile C# (Mono profile and .NET 8)"
mcs "${MCS_FLAGS[@]}" -target:exe -r:System.Core.dll -out:"$BUILD/mono/FixtureTests.exe" \
    "$GENERATED" "$EXT_GENERATED" "${RUNNER[@]}" "${TESTS[@]}"
mcs "${MCS_FLAGS[@]}" -nostdlib -noconfig -define:NET8 "${NET8_REFS[@]}" -target:exe \
    -out:"$BUILD/net8/FixtureTests.dll" "$GENERATED" "$EXT_GENERATED" "${RUNNER[@]}" "${TESTS[@]}"
write_runtimeconfig "$BUILD/net8/FixtureTests.runtimeconfig.json"

# The generated file needs the custom type the fixture's uniffi.toml maps Celsius to.
EXIT_SRC=(tests/fixture/csharp-exit/*.cs tests/fixture/csharp/Temperature.cs)
mcs "${MCS_FLAGS[@]}" -target:exe -r:System.Core.dll -out:"$BUILD/mono/ExitTest.exe" "$GENERATED" "$EXT_GENERATED" "${EXIT_SRC[@]}"
mcs "${MCS_FLAGS[@]}" -nostdlib -noconfig -define:NET8 "${NET8_REFS[@]}" -target:exe \
    -out:"$BUILD/net8/ExitTest.dll" "$GENERATED" "$EXT_GENERATED" "${EXIT_SRC[@]}"
write_runtimeconfig "$BUILD/net8/ExitTest.runtimeconfig.json"

# The async path with [bindings.csharp] repoll_on_waking_thread (what unilance uses), built
# once and run on both runtimes: every async and callback test again.
printf '[bindings.csharp]\nrepoll_on_waking_thread = true\n' > "$BUILD/repoll.toml"
"$BINDGEN" generate --library "$LIB" --language csharp --out-dir "$BUILD/cs-repoll" --no-format \
    --config "$BUILD/repoll.toml"
grep -q 'PollLoop(true)' "$BUILD/cs-repoll/UniLance.Fixture.cs"
mcs "${MCS_FLAGS[@]}" -target:exe -r:System.Core.dll -out:"$BUILD/mono/FixtureTestsRepoll.exe" \
    "$BUILD/cs-repoll/UniLance.Fixture.cs" "$BUILD/cs-repoll/UniLance.FixtureExt.cs" "${RUNNER[@]}" "${TESTS[@]}"
write_runtimeconfig "$BUILD/mono/FixtureTestsRepoll.runtimeconfig.json"

# The settings that make the generated C# a package's public API (async_suffix, arrays, error
# names, partial classes, IAsyncEnumerable, IAsyncDisposable): a second generation of the
# fixture with tests/fixture/csharp-idiomatic/uniffi.toml laid over its own, and that
# directory's tests (with the runner) built for Mono and for .NET 8.
"$BINDGEN" generate --library "$LIB" --language csharp --out-dir "$BUILD/cs-idiomatic" --no-format \
    --config tests/fixture/csharp-idiomatic/uniffi.toml
IDIOMATIC=("$BUILD/cs-idiomatic/UniLance.Fixture.cs" "$BUILD/cs-idiomatic/UniLance.FixtureExt.cs" "${RUNNER[@]}" tests/fixture/csharp-idiomatic/*.cs tests/fixture/csharp/Temperature.cs)
mcs "${MCS_FLAGS[@]}" -target:exe -r:System.Core.dll -out:"$BUILD/mono/IdiomaticTests.exe" "${IDIOMATIC[@]}"
mcs "${MCS_FLAGS[@]}" -nostdlib -noconfig -define:NET8 "${NET8_REFS[@]}" -target:exe \
    -out:"$BUILD/net8/IdiomaticTests.dll" "${IDIOMATIC[@]}"
write_runtimeconfig "$BUILD/net8/IdiomaticTests.runtimeconfig.json"
# `sequences_as_arrays = true` (every primitive element type) must compile too.
printf '[bindings.csharp]\nsequences_as_arrays = true\n' > "$BUILD/arrays.toml"
"$BINDGEN" generate --library "$LIB" --language csharp --out-dir "$BUILD/cs-arrays" --no-format \
    --config "$BUILD/arrays.toml"
grep -q 'public static ulong\[\] ReverseU64s(ulong\[\] values)' "$BUILD/cs-arrays/UniLance.Fixture.cs"
mcs "${MCS_FLAGS[@]}" -target:library -r:System.Core.dll -out:"$BUILD/mono/FixtureArrays.dll" \
    "$BUILD/cs-arrays/UniLance.Fixture.cs" "$BUILD/cs-arrays/UniLance.FixtureExt.cs" tests/fixture/csharp/Temperature.cs

# Bindings whose checksum does not match the library must refuse to run.
sed -E '0,/_checksum_[a-z0-9_]+\(\) != [0-9]+/s/(_checksum_[a-z0-9_]+\(\) != )[0-9]+/\165535/' \
    "$GENERATED" > "$BUILD/cs/Mismatched.cs"
if cmp -s "$GENERATED" "$BUILD/cs/Mismatched.cs"; then echo "no checksum to alter" >&2; exit 1; fi
mcs "${MCS_FLAGS[@]}" -target:exe -r:System.Core.dll -out:"$BUILD/mono/ContractTest.exe" \
    "$BUILD/cs/Mismatched.cs" "$EXT_GENERATED" tests/fixture/csharp-contract/*.cs tests/fixture/csharp/Temperature.cs
# This one is built for Mono and also run, unchanged, on .NET 8.
write_runtimeconfig "$BUILD/mono/ContractTest.runtimeconfig.json"

export LD_LIBRARY_PATH="$(dirname "$LIB")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
status=0

run() {
    local name="$1"; shift
    echo "== $name"
    if ! "$@"; then
        echo "!! $name FAILED" >&2
        status=1
    fi
}

# A hang (e.g. at process exit) must fail the run, not block it.
run "C# fixture tests on Mono" timeout 300 mono --debug "$BUILD/mono/FixtureTests.exe"
run "C# fixture tests on .NET 8" timeout 300 "$DOTNET_HOST" "$BUILD/net8/FixtureTests.dll"
run "C# fixture async tests, repoll_on_waking_thread, Mono" timeout 300 mono --debug "$BUILD/mono/FixtureTestsRepoll.exe" AsyncTests CallbackTests
run "C# fixture async tests, repoll_on_waking_thread, .NET 8" timeout 300 "$DOTNET_HOST" "$BUILD/mono/FixtureTestsRepoll.exe" AsyncTests CallbackTests
run "C# idiomatic settings, Mono" timeout 300 mono --debug "$BUILD/mono/IdiomaticTests.exe"
run "C# idiomatic settings, .NET 8" timeout 300 "$DOTNET_HOST" "$BUILD/net8/IdiomaticTests.dll"
run "process exit after Tokio callbacks, Mono" timeout 30 mono --debug "$BUILD/mono/ExitTest.exe"
run "process exit after Tokio callbacks, .NET 8" timeout 30 "$DOTNET_HOST" "$BUILD/net8/ExitTest.dll"

run "checksum mismatch is rejected, Mono" timeout 30 mono --debug "$BUILD/mono/ContractTest.exe"
run "checksum mismatch is rejected, .NET 8" timeout 30 "$DOTNET_HOST" "$BUILD/mono/ContractTest.exe"

echo "== Python fixture tests"
if ! python3 -c "import pytest" 2>/dev/null; then
    python3 -m pip install --quiet "pytest==8.3.5" || python3 -m pip install --quiet --break-system-packages "pytest==8.3.5"
fi
run "Python fixture tests" env UNILANCE_FIXTURE_PY="$BUILD/py" timeout 300 python3 -m pytest -q tests/fixture/python

# Kotlin: UniFFI's own generator, run against the same fixture and held to the same behaviour.
echo "== Kotlin fixture tests"
"$BINDGEN" generate --library "$LIB" --language kotlin --out-dir "$BUILD/kotlin" --no-format
kotlin_tests() {
    # -q hides Maven's progress; Surefire's logger is set back to info so its per-class and
    # summary lines ("Tests run: N, Failures: N") still print. Maven 3.8 prints colour codes
    # even in batch mode: strip them (pipefail keeps Maven's exit status).
    (cd tests/fixture/kotlin && timeout 900 mvn -q -B test \
        -Dorg.slf4j.simpleLogger.log.org.apache.maven.plugin.surefire=info \
        -Dfixture.bindings="$BUILD/kotlin" -Dfixture.lib="$LIB" -Dfixture.target="$BUILD/kotlin-target") \
        2>&1 | sed -u 's/\x1b\[[0-9;]*m//g'
}
run "Kotlin fixture tests" kotlin_tests

exit $status
