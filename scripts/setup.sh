#!/usr/bin/env bash
# Installs everything the build, the demo and the tests need on a fresh
# Debian 12 machine. Safe to run again: each step checks first.
set -euo pipefail
source "$(dirname "$0")/env.sh"

need_apt=()
command -v protoc >/dev/null || need_apt+=(protobuf-compiler)
command -v mcs >/dev/null || need_apt+=(mono-devel)
command -v java >/dev/null || need_apt+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need_apt+=(maven)
command -v cc >/dev/null || need_apt+=(build-essential)
command -v curl >/dev/null || need_apt+=(curl)  # scripts/s3.sh
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

command -v cargo >/dev/null || { echo "setup: cargo (Rust >= 1.94) is required" >&2; exit 1; }

# Pinned: the versions the tests and benchmarks were written against.
"$PYTHON" - <<'PY' || "$PYTHON" -m pip install -q -r "$UNILANCE_ROOT/python/requirements-dev.txt"
import importlib.metadata as m, pathlib, sys
want = {}
for line in pathlib.Path(__import__("os").environ["UNILANCE_ROOT"], "python/requirements-dev.txt").read_text().split():
    name, version = line.split("==")
    want[name] = version
for name, version in want.items():
    if m.version(name) != version:
        raise SystemExit(1)
PY
