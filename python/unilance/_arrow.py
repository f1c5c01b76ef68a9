"""Arrow C Data Interface structs, allocated here and filled by pyarrow or Rust.

The addresses cross the FFI as integers; nothing is copied on either side.
"""

import ctypes

import pyarrow as pa


class ArrowSchema(ctypes.Structure):
    _fields_ = [
        ("format", ctypes.c_char_p),
        ("name", ctypes.c_char_p),
        ("metadata", ctypes.c_char_p),
        ("flags", ctypes.c_int64),
        ("n_children", ctypes.c_int64),
        ("children", ctypes.c_void_p),
        ("dictionary", ctypes.c_void_p),
        ("release", ctypes.c_void_p),
        ("private_data", ctypes.c_void_p),
    ]


class ArrowArray(ctypes.Structure):
    _fields_ = [
        ("length", ctypes.c_int64),
        ("null_count", ctypes.c_int64),
        ("offset", ctypes.c_int64),
        ("n_buffers", ctypes.c_int64),
        ("n_children", ctypes.c_int64),
        ("buffers", ctypes.c_void_p),
        ("children", ctypes.c_void_p),
        ("dictionary", ctypes.c_void_p),
        ("release", ctypes.c_void_p),
        ("private_data", ctypes.c_void_p),
    ]


class ArrowArrayStream(ctypes.Structure):
    _fields_ = [
        ("get_schema", ctypes.c_void_p),
        ("get_next", ctypes.c_void_p),
        ("get_last_error", ctypes.c_void_p),
        ("release", ctypes.c_void_p),
        ("private_data", ctypes.c_void_p),
    ]


def _release(struct: ctypes.Structure) -> None:
    """Releases a struct nobody took (the call failed or was cancelled first)."""
    if struct.release:
        release = ctypes.CFUNCTYPE(None, ctypes.c_void_p)(struct.release)
        release(ctypes.addressof(struct))


class ExportedStream:
    """`data` exported as an ArrowArrayStream for the duration of a call."""

    def __init__(self, reader: pa.RecordBatchReader):
        self.struct = ArrowArrayStream()
        reader._export_to_c(ctypes.addressof(self.struct))

    @property
    def address(self) -> int:
        return ctypes.addressof(self.struct)

    def __enter__(self) -> "ExportedStream":
        return self

    def __exit__(self, *exc) -> None:
        _release(self.struct)


class ExportedSchema:
    def __init__(self, schema: pa.Schema):
        self.struct = ArrowSchema()
        schema._export_to_c(ctypes.addressof(self.struct))

    @property
    def address(self) -> int:
        return ctypes.addressof(self.struct)

    def __enter__(self) -> "ExportedSchema":
        return self

    def __exit__(self, *exc) -> None:
        _release(self.struct)


def arrow_schema(schema):
    """`schema` as pyarrow: a pydantic model class with `to_arrow_schema()` (the official SDK's
    `LanceModel`) gives its schema; anything else is returned as it is."""
    to_arrow = getattr(schema, "to_arrow_schema", None)
    return to_arrow() if isinstance(schema, type) and callable(to_arrow) else schema


def to_reader(data, schema: "pa.Schema | None" = None) -> pa.RecordBatchReader:
    """Accepts what users hold: pyarrow tables, batches, readers, dicts of
    columns, lists of row dicts and lists of pydantic models."""
    schema = arrow_schema(schema)
    if isinstance(data, list) and data and all(hasattr(row, "model_dump") for row in data):
        data = [row.model_dump() for row in data]
    if isinstance(data, pa.RecordBatchReader):
        return data
    if isinstance(data, pa.RecordBatch):
        data = pa.Table.from_batches([data])
    elif isinstance(data, dict):
        data = pa.table(data, schema=schema)
    elif isinstance(data, list):
        data = pa.Table.from_pylist(data, schema=schema)
    elif hasattr(data, "__arrow_c_stream__"):
        return pa.RecordBatchReader.from_stream(data, schema=schema)
    if not isinstance(data, pa.Table):
        raise TypeError(
            f"cannot write {type(data).__name__}: pass a pyarrow Table, RecordBatch, "
            "RecordBatchReader, a dict of columns or a list of row dicts"
        )
    if schema is not None and data.schema != schema:
        data = data.cast(schema)
    return data.to_reader()
