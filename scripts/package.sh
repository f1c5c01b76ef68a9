#!/usr/bin/env bash
# Builds the packages a user installs, from the current profile, into dist/<profile>/:
#
#   UNILANCE_PROFILE=release bash scripts/package.sh   # for users: the release build
#   bash scripts/package.sh                            # debug: what CI checks (scripts/test-packages.sh)
#   bash scripts/package.sh python kotlin              # some of python, kotlin, csharp
#
# - release: builds (or reuses) the one release build bench/run.sh also uses (scripts/env.sh:
#   ~/.cache/unilance/target-bench, fat LTO, the official lancedb wheels' x86-64 CPU flags).
#   Cold, it takes well over 40 minutes on 2 cores: too slow for CI.
# - debug: packages the library scripts/build.sh staged (run it first, as for the tests). The
#   same scripts, the same layout, a library ~4x larger and up to 50x slower: for checks only.
#
# The library is shipped stripped of debug info; its line tables are kept beside it in
# dist/<profile>/lib/libunilance.so.debug (not shipped; gdb and addr2line find it through the
# library's .gnu_debuglink). Prints every size at the end.
#   dist/<profile>/unilance-<v>-py3-none-manylinux_<glibc>_x86_64.whl   pip install it
#   dist/<profile>/unilance-<v>.jar                                     also `mvn install`ed into ~/.m2
#   dist/<profile>/Unilance.<v>.nupkg
# UNILANCE_PREBUILT_LIB=<libunilance.so> packages that library instead of building one.
# Both profiles install the jar as io.unilance:unilance:<v> into ~/.m2: the last one wins (CI's
# scripts/test-packages.sh installs the debug one).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$UNILANCE_ROOT"

languages=("$@")
[ ${#languages[@]} -gt 0 ] || languages=(python kotlin csharp)
dist="$UNILANCE_ROOT/dist/$UNILANCE_PROFILE"
mkdir -p "$dist/lib"

if [ -n "${UNILANCE_PREBUILT_LIB:-}" ]; then
  # A library built elsewhere (another checkout's release build, a CI artifact), as is.
  built="$UNILANCE_PREBUILT_LIB"
elif [ "$UNILANCE_PROFILE" = release ]; then
  lock_target_dir
  cargo build --release -p unilance
  built="$CARGO_TARGET_DIR/release/libunilance.so"
else
  built="$UNILANCE_LIB"
  [ -f "$built" ] || { echo "package: $built is missing; run scripts/build.sh" >&2; exit 1; }
fi

# Line tables off into .debug, the library without them (a copy: the build output stays as is).
lib="$dist/lib/libunilance.so"
rm -f "$lib" "$lib.debug"
objcopy --only-keep-debug "$built" "$lib.debug"
objcopy --strip-debug --add-gnu-debuglink="$lib.debug" "$built" "$lib"
unlock_target_dir

# CI packs the debug build at deflate level 1 (hundreds of MB, read once); users' packages at 9.
if [ -z "${UNILANCE_ZIP_LEVEL:-}" ]; then
  if [ "$UNILANCE_PROFILE" = release ]; then UNILANCE_ZIP_LEVEL=9; else UNILANCE_ZIP_LEVEL=1; fi
fi
export UNILANCE_ZIP_LEVEL

for language in "${languages[@]}"; do
  case "$language" in
    python)
      echo "== wheel"
      rm -f "$dist"/unilance-*.whl
      UNILANCE_WHEEL_LIBRARY="$lib" "$PYTHON" -m pip wheel -q --no-deps --no-build-isolation \
        -w "$dist" "$UNILANCE_ROOT/python"
      ;;
    kotlin)
      echo "== jar (mvn install)"
      version="$(sed -n 's|^  <version>\(.*\)</version>|\1|p' kotlin/pom.xml | head -n 1)"
      (cd kotlin && mvn -q -B install -Dmaven.test.skip=true \
        -Dunilance.lib.dir="$dist/lib" \
        -Dunilance.bindings="$UNILANCE_ROOT/bindings/kotlin" 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g')
      ln -f "kotlin/target/unilance-$version.jar" "$dist/unilance-$version.jar"
      ;;
    csharp)
      echo "== nupkg"
      UNILANCE_LIB="$lib" UNILANCE_PACKAGE_DIR="$dist" bash dotnet/build.sh --package
      ;;
    *) echo "package: unknown language '$language' (python, kotlin, csharp)" >&2; exit 2 ;;
  esac
done

echo "== sizes ($UNILANCE_PROFILE)"
mib() { echo "$(( ($(stat -c %s "$1") + 524288) / 1048576 )) MiB  ${1#"$UNILANCE_ROOT"/}"; }
mib "$built"
mib "$lib"
mib "$lib.debug"
for package in "$dist"/*.whl "$dist"/*.jar "$dist"/*.nupkg; do
  if [ -f "$package" ]; then mib "$package"; fi
done
