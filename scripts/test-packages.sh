#!/usr/bin/env bash
# The packaging suite: builds the three packages from the current (debug) build with
# scripts/package.sh, then installs and uses each from an empty directory, as a user would:
# - Python: the wheel pip-installed into a fresh virtual environment of CPython 3.11, 3.12 and
#   3.13 each, `import unilance` and one call (tests/packages/consumer.py);
# - Kotlin: a Maven project with the README's dependency block, compiled against the jar that
#   `mvn install` put into ~/.m2 and run twice: the native library must come from the per-user
#   cache, extracted by the first run only;
# - C#: the .nupkg's layout, nuspec and assemblies checked (tests/packages/csharp/CheckPackage.cs),
#   then a program compiled with mcs against its lib/ and run on Mono and on .NET 8.
# Run scripts/build.sh first. Prints "N passed, M failed" (one per check).
set -uo pipefail
source "$(dirname "$0")/env.sh"
source "$UNILANCE_ROOT/scripts/dotnet-env.sh"
cd "$UNILANCE_ROOT"

PY_VERSIONS=(${UNILANCE_PACKAGE_PYTHONS:-3.11 3.12 3.13})
passed=0 failed=0
check() {  # check NAME COMMAND...: runs it, counts it
  local name="$1"; shift
  echo "== $name"
  if "$@"; then passed=$((passed + 1)); else echo "!! $name failed" >&2; failed=$((failed + 1)); fi
}
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
}

bash scripts/package.sh python kotlin csharp || { failed=$((failed + 1)); finish; }
dist="$UNILANCE_ROOT/dist/$UNILANCE_PROFILE"
version="$(sed -n 's|^  <version>\(.*\)</version>|\1|p' kotlin/pom.xml | head -n 1)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# --- Python -------------------------------------------------------------------------------
wheel="$(ls "$dist"/unilance-*.whl)"
# The interpreters: on PATH (python3.12), else pyenv's (the machine image carries 3.11-3.13).
interpreter() {
  if command -v "python$1" >/dev/null 2>&1 && "python$1" -c '' 2>/dev/null; then
    command -v "python$1"
  elif command -v pyenv >/dev/null 2>&1 && prefix="$(pyenv prefix "$1" 2>/dev/null)"; then
    echo "$prefix/bin/python$1"
  else
    return 1
  fi
}
python_installs() {
  local python venv="$work/venv-$1" empty="$work/empty-py$1"
  python="$(interpreter "$1")" || { echo "no CPython $1 on PATH or in pyenv" >&2; return 1; }
  mkdir -p "$empty"
  "$python" -m venv "$venv" || return 1
  # pyarrow comes from PyPI (or the pip cache); nothing of this checkout is on the path.
  (cd "$empty" && "$venv/bin/python" -m pip install -q "$wheel") || return 1
  (cd "$empty" && env -u PYTHONPATH "$venv/bin/python" "$UNILANCE_ROOT/tests/packages/consumer.py") \
    | tee "$work/py$1.out" || return 1
  grep -q "unilance from $venv/" "$work/py$1.out"
}
wheel_tag() {
  local name tag
  name="$(basename "$wheel")"
  tag="${name#unilance-"$version"-}"
  echo "wheel tag: ${tag%.whl}"
  [[ "$tag" =~ ^py3-none-manylinux_2_[0-9]+_x86_64\.whl$ ]]
}
check "wheel is tagged py3-none-manylinux_<glibc>_x86_64" wheel_tag
for v in "${PY_VERSIONS[@]}"; do
  check "wheel installs and imports on CPython $v (fresh venv)" python_installs "$v"
done
rm -rf "$work"/venv-*  # each holds an unpacked copy of the library

# --- Kotlin -------------------------------------------------------------------------------
kotlin_consumer() {
  local project="$work/kotlin-consumer" cache="$work/xdg-cache" first second
  cp -r tests/packages/kotlin "$project"
  mvn_run() {
    (cd "$project" && XDG_CACHE_HOME="$cache" mvn -q -B package exec:exec \
      -Dconsumer.db="$work/kotlin-db-$1" 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g')
  }
  first="$(mvn_run 1)" || { echo "$first"; return 1; }
  echo "$first"
  local lib
  lib="$(echo "$first" | sed -n 's/^loaded: //p')"
  case "$lib" in
    "$cache"/unilance/native/*/libunilance.so) ;;
    *) echo "the library was not loaded from the per-user cache: '$lib'" >&2; return 1 ;;
  esac
  local stamp
  stamp="$(stat -c '%i %Y' "$lib")"
  second="$(mvn_run 2)" || { echo "$second"; return 1; }
  echo "$second"
  [ "$(echo "$second" | sed -n 's/^loaded: //p')" = "$lib" ] || { echo "second run loaded another file" >&2; return 1; }
  [ "$(stat -c '%i %Y' "$lib")" = "$stamp" ] || { echo "second run extracted the library again" >&2; return 1; }
  [ "$(ls "$cache/unilance/native" | wc -l)" = 1 ] || { echo "more than one cached library" >&2; return 1; }
}
check "jar from ~/.m2 in a Maven project, library cached once per version" kotlin_consumer
rm -rf "$work/xdg-cache"

# --- C# -----------------------------------------------------------------------------------
nupkg="$dist/Unilance.$version.nupkg"
cecil="$(ls /usr/lib/mono/gac/Mono.Cecil/0.11*/Mono.Cecil.dll 2>/dev/null | head -n 1)"
nupkg_check() {
  mcs -langversion:7.2 -r:System.IO.Compression.dll -r:System.IO.Compression.FileSystem.dll \
    -r:System.Xml.Linq.dll -r:"$cecil" -out:"$work/CheckPackage.exe" tests/packages/csharp/CheckPackage.cs \
    && mono "$work/CheckPackage.exe" "$nupkg" "$version"
}
check "nupkg layout, nuspec, target frameworks and references" nupkg_check

csharp_consumer() {
  local pkg="$work/nupkg" mono_app="$work/app-mono" net_app="$work/app-net8" out
  mkdir -p "$pkg" "$mono_app" "$net_app"
  "$PYTHON" -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$nupkg" "$pkg" || return 1
  local native="$pkg/runtimes/linux-x64/native/libunilance.so"
  # Mono: the netstandard2.0 assembly; .NET 8: the net8.0 one. The native library beside each
  # (a hard link, not a copy).
  cp "$pkg/lib/netstandard2.0/Unilance.dll" "$mono_app/" && ln "$native" "$mono_app/" || return 1
  cp "$pkg/lib/net8.0/Unilance.dll" "$net_app/" && ln "$native" "$net_app/" || return 1
  mcs -langversion:7.2 -r:System.Core.dll -r:"$mono_app/Unilance.dll" -out:"$mono_app/Consumer.exe" \
    tests/packages/csharp/Consumer.cs || return 1
  mcs -langversion:7.2 -r:System.Core.dll -r:"$net_app/Unilance.dll" -out:"$net_app/Consumer.dll" \
    tests/packages/csharp/Consumer.cs || return 1
  echo '{"runtimeOptions":{"tfm":"net8.0","framework":{"name":"Microsoft.NETCore.App","version":"8.0.0"}}}' \
    > "$net_app/Consumer.runtimeconfig.json"
  out="$(cd "$work" && timeout 120 mono "$mono_app/Consumer.exe" "$work/cs-db-mono")" || { echo "$out"; return 1; }
  echo "Mono:   $out"
  [ "$out" = "loaded: $mono_app/libunilance.so" ] || return 1
  out="$(cd "$work" && timeout 120 "$DOTNET_HOST" "$net_app/Consumer.dll" "$work/cs-db-net8")" || { echo "$out"; return 1; }
  echo ".NET 8: $out"
  [ "$out" = "loaded: $net_app/libunilance.so" ]
}
check "a program compiled with mcs against the nupkg's lib/, on Mono and .NET 8" csharp_consumer

finish
