# Sourced by every script: one place for paths, so CI and developers agree.
UNILANCE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
UNILANCE_PROFILE="${UNILANCE_PROFILE:-debug}"
if [ "$UNILANCE_PROFILE" = release ]; then
  # The one release build: bench/run.sh measures it and scripts/package.sh ships it, so both
  # must ask cargo for exactly the same thing (same target dir, same RUSTFLAGS) or each would
  # start its own cold build (> 40 minutes on 2 cores). Its own target dir, so it never
  # blocks (or is blocked by) the debug builds the tests use.
  export CARGO_TARGET_DIR="$HOME/.cache/unilance/target-bench"
  # The CPU flags the official lancedb x86-64 wheels are built with (their .cargo/config.toml):
  # the same code generation as the package bench/ compares with, and the same floor for users
  # (x86-64 with AVX2 and FMA: Intel Haswell, AMD Excavator and later). Added once however
  # often this file is sourced: a changed RUSTFLAGS makes cargo rebuild everything.
  if [ "$(uname -m)" = x86_64 ]; then
    _release_flags="-C target-cpu=haswell -C target-feature=+avx2,+fma,+f16c"
    case " ${RUSTFLAGS:-} " in
      *" $_release_flags "*) ;;
      *) export RUSTFLAGS="${RUSTFLAGS:+$RUSTFLAGS }$_release_flags" ;;
    esac
    unset _release_flags
  fi
else
  # Outside the work tree so a clean clone reuses the (many-GB, 10-minute) build.
  export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/unilance/target}"
fi
# The target dir is shared by every checkout on the machine, and a build from another one
# replaces its outputs in place. So build.sh copies what this checkout built into its own
# .build/, and everything after the build (bindings, tests, demo) uses those copies.
UNILANCE_STAGE="$UNILANCE_ROOT/.build"
UNILANCE_LIB="${UNILANCE_LIB:-$UNILANCE_STAGE/lib/libunilance.so}"
BINDGEN="$UNILANCE_STAGE/bin/uniffi-bindgen"
PYTHON="${PYTHON:-python3}"
export UNILANCE_ROOT UNILANCE_STAGE UNILANCE_LIB UNILANCE_PROFILE BINDGEN PYTHON

# Held from a build until its outputs are copied: no other checkout's build lands in between.
lock_target_dir() {
  mkdir -p "$CARGO_TARGET_DIR"
  exec 8>"$CARGO_TARGET_DIR/.unilance-build.lock"
  flock 8
}
unlock_target_dir() { exec 8>&-; }

# Cargo writes a cdylib and a binary to one path whichever checkout builds them, and takes the
# file another checkout built there for fresh (it is newer than this checkout's sources). So
# when another checkout built last, touch this one's crate roots: cargo rebuilds (relinks) them.
# Call with the lock held, before cargo build.
claim_target_dir() {
  local marker="$CARGO_TARGET_DIR/.unilance-last-checkout"
  if [ "$(cat "$marker" 2>/dev/null)" != "$UNILANCE_ROOT" ]; then
    touch "$UNILANCE_ROOT/src/lib.rs" "$UNILANCE_ROOT/uniffi-bindgen/src/main.rs" \
      "$UNILANCE_ROOT/tests/fixture/src/lib.rs"
    echo "$UNILANCE_ROOT" > "$marker"
  fi
}

# Copies a build output into this checkout's .build/ (see above).
stage() {
  mkdir -p "$2"
  cp -f "$1" "$2/"
}

# The object-store tests need the S3 server of scripts/s3.sh: use the one the caller started
# (scripts/test.sh exports UNILANCE_S3_*), or start one now and stop it when the script exits.
ensure_s3_server() {
  if [ -z "${UNILANCE_S3_ENDPOINT:-}" ]; then
    source "$UNILANCE_ROOT/scripts/s3.sh" start || return 1
    trap '"$UNILANCE_ROOT/scripts/s3.sh" stop' EXIT
  fi
}
