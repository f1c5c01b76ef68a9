"""`update({"title": "x"})` with plain Python values, as the official SDK takes them.

The generated `update` takes `ScalarValue`s (UniFFI has no dynamic value type); this turns
Python values into them. Rust renders them as SQL literals, so a value never becomes SQL.
"""

from __future__ import annotations

from typing import Optional

from . import _ffi

_update = _ffi.Table.update


def scalar(value) -> _ffi.ScalarValue:
    """The `ScalarValue` for a Python value: None, bool, int, float, str, bytes, or a
    sequence of numbers (a vector)."""
    if isinstance(value, _ffi.ScalarValue):
        return value
    if value is None:
        return _ffi.ScalarValue.NULL()
    if isinstance(value, bool):
        return _ffi.ScalarValue.BOOL(value)
    if isinstance(value, int):
        return _ffi.ScalarValue.INT(value)
    if isinstance(value, float):
        return _ffi.ScalarValue.FLOAT(value)
    if isinstance(value, str):
        return _ffi.ScalarValue.STRING(value)
    if isinstance(value, (bytes, bytearray)):
        return _ffi.ScalarValue.BINARY(bytes(value))
    if hasattr(value, "tolist"):  # numpy arrays and scalars
        return scalar(value.tolist())
    if isinstance(value, (list, tuple)) and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in value):
        return _ffi.ScalarValue.VECTOR([float(x) for x in value])
    raise TypeError(f"cannot update to a {type(value).__name__}: pass None, bool, int, float, str, bytes "
                    "or a list of numbers (or use updates_sql)")


async def update(self, updates: Optional[dict] = None, *, where: Optional[str] = None,
                 updates_sql: Optional[dict] = None) -> _ffi.UpdateResult:
    """Sets columns on the rows matching `where` (all rows if None): `updates` maps columns to
    values (`{"title": "x"}` sets the string 'x'), `updates_sql` to SQL expressions
    (`{"n": "n + 1"}`). Pass exactly one of the two."""
    if updates is not None:
        updates = {column: scalar(value) for column, value in updates.items()}
    return await _update(self, updates, where, updates_sql)


_ffi.Table.update = update
