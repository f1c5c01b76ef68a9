"""pyarrow in and out, zero-copy through the Arrow C Data Interface.

The generated methods take `Batch` records or C struct addresses; the methods added here take
what Python users hold (pyarrow tables, batches and readers, pandas-convertible data, dicts of
columns, lists of row dicts, numpy vectors) and give back pyarrow, pandas and plain lists.
"""

from __future__ import annotations

import ctypes
from typing import AsyncIterator, Optional

import pyarrow as pa

from . import _ffi
from ._arrow import ArrowArray, ArrowArrayStream, ArrowSchema, ExportedSchema, ExportedStream, to_reader

_CREATE_MODES = {"create": _ffi.CreateMode.CREATE, "overwrite": _ffi.CreateMode.OVERWRITE,
                 "exist_ok": _ffi.CreateMode.EXIST_OK}
_ADD_MODES = {"append": _ffi.AddMode.APPEND, "overwrite": _ffi.AddMode.OVERWRITE}


def _mode(value, names: dict, what: str):
    """Modes as the official SDK spells them ("overwrite"), or the enum, or None (the default)."""
    if value is None or not isinstance(value, str):
        return value
    try:
        return names[value.lower()]
    except KeyError:
        raise ValueError(f"unknown {what} {value!r}; expected one of {sorted(names)}") from None


# ---- Connection ----

_create_table_batch = _ffi.Connection.create_table
_create_empty_table_batch = _ffi.Connection.create_empty_table


async def create_table(self, name: str, data=None, *, schema=None, mode=None) -> _ffi.Table:
    """Creates a table from pyarrow data (Table, RecordBatch, reader, dict of columns, list of
    rows) or a `Batch`, or an empty one from `schema`. `mode`: "create" (default), "overwrite",
    "exist_ok" or a `CreateMode`."""
    mode = _mode(mode, _CREATE_MODES, "create mode")
    if data is None:
        if schema is None:
            raise ValueError("create_table needs data or a schema")
        return await self.create_empty_table(name, schema, mode=mode)
    if isinstance(data, _ffi.Batch):
        return await _create_table_batch(self, name, data, mode)
    with ExportedStream(to_reader(data, schema)) as stream:
        return await self.create_table_arrow(name, stream.address, mode)


async def create_empty_table(self, name: str, schema, *, mode=None) -> _ffi.Table:
    """Creates an empty table from a pyarrow schema (or a `Schema` record)."""
    mode = _mode(mode, _CREATE_MODES, "create mode")
    if isinstance(schema, _ffi.Schema):
        return await _create_empty_table_batch(self, name, schema, mode)
    with ExportedSchema(schema) as exported:
        return await self.create_empty_table_arrow(name, exported.address, mode)


_ffi.Connection.create_table = create_table
_ffi.Connection.create_empty_table = create_empty_table

# ---- Table ----

_add_batch = _ffi.Table.add
_vector_search = _ffi.Table.vector_search


async def schema(self) -> pa.Schema:
    """The table's schema as a pyarrow schema."""
    out = ArrowSchema()
    await self.schema_arrow(ctypes.addressof(out))
    return pa.Schema._import_from_c(ctypes.addressof(out))


async def add(self, data, *, mode=None) -> _ffi.AddResult:
    """Adds rows from pyarrow data, dicts, row lists or a `Batch`. `mode`: "append" (default),
    "overwrite" or an `AddMode`."""
    mode = _mode(mode, _ADD_MODES, "add mode")
    if isinstance(data, _ffi.Batch):
        return await _add_batch(self, data, mode)
    table_schema = await self.schema()
    reader = to_reader(data, table_schema if isinstance(data, (list, dict)) else None)
    with ExportedStream(_conform(reader, table_schema)) as stream:
        return await self.add_arrow(stream.address, mode)


def vector_search(self, vector) -> _ffi.Query:
    """A nearest-neighbour search for `vector` (a list, tuple or numpy array of numbers)."""
    return _vector_search(self, _floats(vector))


_ffi.Table.schema = schema
_ffi.Table.add = add
_ffi.Table.vector_search = vector_search

# ---- Query ----

_nearest_to = _ffi.Query.nearest_to


def nearest_to(self, vector) -> _ffi.Query:
    return _nearest_to(self, _floats(vector))


async def to_arrow(self) -> pa.Table:
    """Runs the query; the rows as a pyarrow Table."""
    stream = ArrowArrayStream()
    await self._to_arrow_stream(ctypes.addressof(stream))
    return pa.RecordBatchReader._import_from_c(ctypes.addressof(stream)).read_all()


async def to_pandas(self):
    """Runs the query; the rows as a pandas DataFrame (needs pandas)."""
    return (await self.to_arrow()).to_pandas()


async def to_list(self) -> list:
    """Runs the query; the rows as dicts."""
    return (await self.to_arrow()).to_pylist()


async def to_batches(self) -> AsyncIterator[pa.RecordBatch]:
    """Runs the query and yields its output batch by batch; leaving the loop early (or being
    cancelled) stops the query and frees its resources."""
    stream = await self.execute()
    try:
        while True:
            array, schema = ArrowArray(), ArrowSchema()
            if not await stream.next_arrow(ctypes.addressof(array), ctypes.addressof(schema)):
                return
            yield pa.RecordBatch._import_from_c(ctypes.addressof(array), ctypes.addressof(schema))
    finally:
        await stream.close_stream()


_ffi.Query._to_arrow_stream = _ffi.Query.to_arrow
_ffi.Query.nearest_to = nearest_to
_ffi.Query.to_arrow = to_arrow
_ffi.Query.to_pandas = to_pandas
_ffi.Query.to_list = to_list
_ffi.Query.to_batches = to_batches


def _floats(vector) -> list:
    return [float(x) for x in (vector.tolist() if hasattr(vector, "tolist") else vector)]


def _conform(reader: pa.RecordBatchReader, table_schema: pa.Schema) -> pa.RecordBatchReader:
    """Casts columns to the table's types within one family (list<double> into
    fixed_size_list<float>, int64 into int32), as lancedb's SDK does. Anything
    else passes through unchanged and Rust reports the mismatch by column name."""
    source = reader.schema
    if source == table_schema or not set(source.names) <= set(table_schema.names):
        return reader
    pairs = [(source.field(n), table_schema.field(n)) for n in source.names]
    if not all(_same_family(have.type, want.type) for have, want in pairs):
        return reader
    target = pa.schema([want.with_nullable(have.nullable) for have, want in pairs])
    try:
        return pa.Table.from_batches(list(reader), source).cast(target).to_reader()
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as e:
        raise _ffi.LanceError.SchemaMismatch(f"data does not fit the table's schema: {e}") from None


def _same_family(have: pa.DataType, want: pa.DataType) -> bool:
    t = pa.types
    if have == want:
        return True
    for family in (t.is_integer, t.is_floating, t.is_string, t.is_large_string, t.is_binary):
        if family(have) and family(want):
            return True
    if (t.is_list(have) or t.is_large_list(have) or t.is_fixed_size_list(have)) and t.is_fixed_size_list(want):
        same_size = not t.is_fixed_size_list(have) or have.list_size == want.list_size
        return same_size and t.is_floating(have.value_type) and t.is_floating(want.value_type)
    return False
