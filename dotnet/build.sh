#!/usr/bin/env bash
# Builds the C# package: Unilance.dll for netstandard2.0 and net8.0, the tests, the example,
# and dotnet/dist/Unilance.<version>.nupkg. Needs scripts/build.sh and generate.sh first.
# Usage: dotnet/build.sh [--no-pack | --package]
#   --no-pack: everything but the .nupkg (scripts/test-csharp.sh)
#   --package: only the two Unilance.dll and the .nupkg (scripts/package.sh; UNILANCE_LIB is the
#              native library to ship, UNILANCE_PACKAGE_DIR where the .nupkg goes)
set -euo pipefail
source "$(dirname "$0")/../scripts/env.sh"
source "$UNILANCE_ROOT/scripts/dotnet-env.sh"
cd "$UNILANCE_ROOT/dotnet"

# One build at a time: engineers share this work tree, and build.sh starts with rm -rf.
if [ -z "${UNILANCE_DOTNET_LOCKED:-}" ]; then
    exec 9>"${TMPDIR:-/tmp}/unilance-dotnet-build.lock"
    flock 9
    export UNILANCE_DOTNET_LOCKED=1
fi

VERSION="${UNILANCE_VERSION:-0.1.0}"
MODE="${1:-}"
OUT="$UNILANCE_ROOT/dotnet/build"
# Packaging leaves the test build alone.
[ "$MODE" = "--package" ] && OUT="$OUT/package"
GENERATED=("$UNILANCE_ROOT"/bindings/csharp/*.cs)
PACKAGE=(src/*.cs)
# -nowarn:1591: missing XML docs on the generated code's public members.
MCS=(mcs -langversion:7.2 -unsafe -warnaserror+ -nowarn:1591 -debug -r:System.Core.dll)

rm -rf "$OUT"
mkdir -p "$OUT/netstandard2.0" "$OUT/net8.0" "$OUT/tests-mono" "$OUT/tests-net8" "$OUT/examples"

# What the SDK writes into every assembly and mcs does not: the target framework (which NuGet
# clients and tools read) and the version.
assembly_info() {
    cat > "$OUT/$1/AssemblyInfo.cs" <<EOF
[assembly: global::System.Runtime.Versioning.TargetFramework("$2", FrameworkDisplayName = "$3")]
[assembly: global::System.Reflection.AssemblyVersion("$VERSION.0")]
[assembly: global::System.Reflection.AssemblyInformationalVersion("$VERSION")]
EOF
}
assembly_info netstandard2.0 ".NETStandard,Version=v2.0" ".NET Standard 2.0"
assembly_info net8.0 ".NETCoreApp,Version=v8.0" ".NET 8.0"

# Both builds compile against Mono's framework: mcs cannot read .NET 8's System.Private.CoreLib
# (it crashes importing ReadOnlySpan's ref field on any string concatenation). Mono's mscorlib
# already has IAsyncEnumerable/ValueTask, and .NET 8's mscorlib facade forwards them to
# CoreLib, so the NET8 build's IAsyncEnumerable<Batch> is the runtime's own type there.
echo "== Unilance.dll (netstandard2.0 profile)"
"${MCS[@]}" -target:library -doc:"$OUT/netstandard2.0/Unilance.xml" -out:"$OUT/netstandard2.0/Unilance.dll" "$OUT/netstandard2.0/AssemblyInfo.cs" "${GENERATED[@]}" "${PACKAGE[@]}"
echo "== Unilance.dll (net8.0, -define:NET8)"
"${MCS[@]}" -target:library -define:NET8 -doc:"$OUT/net8.0/Unilance.xml" -out:"$OUT/net8.0/Unilance.dll" "$OUT/net8.0/AssemblyInfo.cs" "${GENERATED[@]}" "${PACKAGE[@]}"

pack() {
    echo "== nupkg"
    local dist="${UNILANCE_PACKAGE_DIR:-$UNILANCE_ROOT/dotnet/dist}"
    mkdir -p "$dist"
    "$PYTHON" pack.py --version "$VERSION" --build "$OUT" --native "$UNILANCE_LIB" \
        --readme README.md --out "$dist/Unilance.$VERSION.nupkg"
}
if [ "$MODE" = "--package" ]; then pack; exit 0; fi

runtimeconfig() {
    echo '{"runtimeOptions":{"tfm":"net8.0","framework":{"name":"Microsoft.NETCore.App","version":"8.0.0"}}}' > "$1"
}

echo "== tests"
TESTS=(testrunner/*.cs tests/*.cs)  # tests/exit/ and tests/hardening/ are programs of their own
cp "$OUT/netstandard2.0/Unilance.dll" "$OUT/tests-mono/"
"${MCS[@]}" -target:exe -r:"$OUT/tests-mono/Unilance.dll" -out:"$OUT/tests-mono/UnilanceTests.exe" "${TESTS[@]}"
cp "$OUT/net8.0/Unilance.dll" "$OUT/tests-net8/"
"${MCS[@]}" -target:exe -define:NET8 -r:"$OUT/tests-net8/Unilance.dll" -out:"$OUT/tests-net8/UnilanceTests.dll" "${TESTS[@]}"
runtimeconfig "$OUT/tests-net8/UnilanceTests.runtimeconfig.json"
"${MCS[@]}" -target:exe -r:"$OUT/tests-mono/Unilance.dll" -out:"$OUT/tests-mono/ExitProgram.exe" tests/exit/*.cs
"${MCS[@]}" -target:exe -r:"$OUT/tests-net8/Unilance.dll" -out:"$OUT/tests-net8/ExitProgram.dll" tests/exit/*.cs
runtimeconfig "$OUT/tests-net8/ExitProgram.runtimeconfig.json"
# The child process of HardeningTests (inputs that once crashed the process).
"${MCS[@]}" -target:exe -r:"$OUT/tests-mono/Unilance.dll" -out:"$OUT/tests-mono/HardeningProbe.exe" tests/hardening/*.cs
"${MCS[@]}" -target:exe -r:"$OUT/tests-net8/Unilance.dll" -out:"$OUT/tests-net8/HardeningProbe.dll" tests/hardening/*.cs
runtimeconfig "$OUT/tests-net8/HardeningProbe.runtimeconfig.json"

echo "== example"
cp "$OUT/net8.0/Unilance.dll" "$OUT/examples/"
"${MCS[@]}" -target:exe -r:"$OUT/examples/Unilance.dll" -out:"$OUT/examples/Demo.dll" examples/Demo.cs
runtimeconfig "$OUT/examples/Demo.runtimeconfig.json"

if [ "$MODE" != "--no-pack" ]; then pack; fi
