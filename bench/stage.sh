# Sourced by bench/ scripts (after scripts/env.sh): stage_python DIR puts unilance's Python
# package over the library UNILANCE_LIB names into DIR/unilance, for PYTHONPATH=DIR. The
# checkout's python/unilance holds the debug library; only its Python files are copied.
stage_python() {
  mkdir -p "$1/unilance"
  cp "$UNILANCE_ROOT"/python/unilance/*.py "$UNILANCE_ROOT/python/unilance/py.typed" "$1/unilance/"
  install -m 644 "$UNILANCE_LIB" "$1/unilance/libunilance.so"
  install -m 644 "$UNILANCE_ROOT/bindings/python/unilance.py" "$1/unilance/_ffi.py"
}
