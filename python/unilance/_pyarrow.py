"""pyarrow in and out, zero-copy through the Arrow C Data Interface.

The generated methods take `Batch` records or C struct addresses; the methods added here take
what Python users hold (pyarrow tables, batches and readers, pandas-convertible data, dicts of
columns, lists of row dicts, numpy vectors) and give back pyarrow, pandas and plain lists.
"""

from __future__ import annotations

import ctypes
from typing import AsyncIterator, Optional

import pyarrow as pa
import pyarrow.compute as pc

from . import _ffi
from ._arrow import ArrowArray, ArrowArrayStream, ArrowSchema, ExportedSchema, ExportedStream, arrow_schema, to_reader
from ._vectors import infer_vector_columns

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


async def create_table(self, name: str, data=None, *, schema=None, mode=None, storage_options=None) -> _ffi.Table:
    """Creates a table from pyarrow data (Table, RecordBatch, reader, dict of columns, list of
    rows, list of pydantic models) or a `Batch`, or an empty one from `schema` (pyarrow, or a
    pydantic model class with `to_arrow_schema()` such as the official SDK's `LanceModel`). `mode`: "create" (default), "overwrite",
    "exist_ok" or a `CreateMode`. `storage_options`: object-store settings for this table, over
    the connection's."""
    mode = _mode(mode, _CREATE_MODES, "create mode")
    options = dict(storage_options or {})
    schema = arrow_schema(schema)
    if data is None:
        if schema is None:
            raise ValueError("create_table needs data or a schema")
        return await self.create_empty_table(name, schema, mode=mode, storage_options=options)
    if isinstance(data, _ffi.Batch):
        return await _create_table_batch(self, name, data, mode, options)
    reader = to_reader(data, schema)
    if schema is None:
        reader = infer_vector_columns(reader)
    with ExportedStream(reader) as stream:
        return await self.create_table_arrow(name, stream.address, mode, options)


async def create_empty_table(self, name: str, schema, *, mode=None, storage_options=None) -> _ffi.Table:
    """Creates an empty table from a pyarrow schema, a `Schema` record, or a pydantic model class
    with `to_arrow_schema()` (the official SDK's `LanceModel`)."""
    mode = _mode(mode, _CREATE_MODES, "create mode")
    schema = arrow_schema(schema)
    options = dict(storage_options or {})
    if isinstance(schema, _ffi.Schema):
        return await _create_empty_table_batch(self, name, schema, mode, options)
    with ExportedSchema(schema) as exported:
        return await self.create_empty_table_arrow(name, exported.address, mode, options)


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


async def table_to_arrow(self) -> pa.Table:
    """Every row of the table as a pyarrow Table."""
    return await self.query().to_arrow()


async def head(self, n: int = 5) -> pa.Table:
    """The first `n` rows as a pyarrow Table (the generated `head` gives a `Batch`)."""
    return await self.query().limit(n).to_arrow()


async def table_to_pandas(self):
    """Every row of the table as a pandas DataFrame (needs pandas)."""
    return await self.query().to_pandas()


async def table_to_list(self) -> list:
    """Every row of the table as dicts."""
    return await self.query().to_list()


_ffi.Table.schema = schema
_ffi.Table.to_arrow = table_to_arrow
_ffi.Table.head = head
_ffi.Table.to_pandas = table_to_pandas
_ffi.Table.to_list = table_to_list
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


async def to_polars(self):
    """Runs the query; the rows as a polars DataFrame (needs polars)."""
    import polars as pl

    return pl.from_arrow(await self.to_arrow())


async def to_pydantic(self, model) -> list:
    """Runs the query; each row as an instance of the pydantic model `model` (its fields named
    as the columns; a LanceModel of the official SDK works too)."""
    return [model(**row) for row in (await self.to_arrow()).to_pylist()]


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
_ffi.Query.to_polars = to_polars
_ffi.Query.to_pydantic = to_pydantic
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
        data = pa.Table.from_batches(list(reader), source)
        cast = data.cast(target)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as e:
        raise _ffi.LanceError.SchemaMismatch(f"data does not fit the table's schema: {e}") from None
    _check_no_new_infinities(data, cast)
    return cast.to_reader()


def _check_no_new_infinities(data: pa.Table, cast: pa.Table) -> None:
    """Arrow casts a float64 beyond float32's range to infinity without a word;
    refuse it as the Rust side does for data it casts itself."""
    for name in data.column_names:
        have, got = _float_values(data[name]), _float_values(cast[name])
        if have is None or have.type == got.type:
            continue
        new = pc.and_(pc.is_inf(got), pc.invert(pc.is_inf(have)))
        if pc.any(new).as_py():
            value = have.filter(new)[0].as_py()
            raise _ffi.LanceError.SchemaMismatch(
                f"column '{name}' is {cast.schema.field(name).type} in the table, "
                f"and the value {value!r} does not fit it")


def _float_values(column: pa.ChunkedArray):
    """The floating-point values of a float or list-of-float column, flattened."""
    array = column.combine_chunks()
    while pa.types.is_list(array.type) or pa.types.is_large_list(array.type) or pa.types.is_fixed_size_list(array.type):
        array = array.flatten()
    return array if pa.types.is_floating(array.type) else None


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
