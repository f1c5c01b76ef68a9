from __future__ import annotations

import asyncio
from typing import Mapping, Optional, Sequence

import pyarrow as pa
import pyarrow.compute as pc

from . import _ffi
from ._arrow import ArrowSchema, ExportedStream, to_reader
from ._modes import add_mode, distance_type
from .query import Query

import ctypes


class Table:
    """A LanceDB table. ``close()`` (or ``with``) releases it at once; otherwise
    it is released when garbage-collected."""

    def __init__(self, inner: _ffi.Table):
        self._inner = inner

    @property
    def name(self) -> str:
        return self._inner.name()

    async def schema(self) -> pa.Schema:
        out = ArrowSchema()
        await self._inner.schema_arrow(ctypes.addressof(out))
        return pa.Schema._import_from_c(ctypes.addressof(out))

    async def count_rows(self, filter: Optional[str] = None) -> int:
        return await self._inner.count_rows(filter)

    async def add(self, data, *, mode="append") -> int:
        """Adds rows; returns the table's new version."""
        mode = add_mode(mode)
        if isinstance(data, _ffi.Batch):
            return await self._inner.add(data, mode)
        schema = await self.schema()
        reader = _conform(to_reader(data, schema if isinstance(data, (list, dict)) else None), schema)
        with ExportedStream(reader) as s:
            return await self._inner.add_arrow(s.address, mode)

    async def delete(self, where: str) -> _ffi.DeleteResult:
        return await self._inner.delete(where)

    async def update(self, values: Mapping[str, str], *, where: Optional[str] = None) -> _ffi.UpdateResult:
        """Sets each column to an SQL expression (``{"price": "price * 2"}``)."""
        return await self._inner.update(where, dict(values))

    async def version(self) -> int:
        return await self._inner.version()

    async def checkout(self, version: int) -> None:
        await self._inner.checkout(version)

    async def checkout_latest(self) -> None:
        await self._inner.checkout_latest()

    def query(self) -> Query:
        return Query(self._inner.query())

    def vector_search(self, vector: Sequence[float]) -> Query:
        return Query(self._inner.vector_search(_floats(vector)))

    async def create_index(self, column: str, config: Optional[_ffi.IndexConfig] = None, *,
                           index_type: Optional[str] = None, metric="l2",
                           num_partitions: Optional[int] = None,
                           num_sub_vectors: Optional[int] = None, replace: bool = True) -> None:
        """Builds an index; `config` or the lancedb-style `index_type` ("IVF_PQ", "BTREE", ...)."""
        if config is None:
            config = _index_config(index_type, distance_type(metric), num_partitions, num_sub_vectors)
        await self._inner.create_index(column, config, replace)

    async def list_indices(self) -> list[_ffi.IndexInfo]:
        return await self._inner.list_indices()

    def close(self) -> None:
        """Releases the table; returns once its writes in flight (cancelled ones too) have ended."""
        self._inner.close_table()

    @property
    def is_closed(self) -> bool:
        return self._inner.is_closed()

    def __enter__(self) -> "Table":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    async def aclose(self) -> None:
        """``close()`` on a worker thread: the loop keeps running while writes in flight end."""
        await asyncio.to_thread(self.close)

    async def __aenter__(self) -> "Table":
        return self

    async def __aexit__(self, *exc) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"Table({self.name!r})"


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


def _floats(vector) -> list[float]:
    return [float(x) for x in (vector.tolist() if hasattr(vector, "tolist") else vector)]


def _index_config(index_type, metric, num_partitions, num_sub_vectors) -> _ffi.IndexConfig:
    kind = (index_type or "auto").upper()
    C = _ffi.IndexConfig
    if kind == "AUTO":
        return C.AUTO()
    if kind == "IVF_PQ":
        return C.IVF_PQ(distance_type=metric, num_partitions=num_partitions, num_sub_vectors=num_sub_vectors)
    if kind == "IVF_FLAT":
        return C.IVF_FLAT(distance_type=metric, num_partitions=num_partitions)
    if kind == "IVF_HNSW_SQ":
        return C.IVF_HNSW_SQ(distance_type=metric, num_partitions=num_partitions)
    scalar = {"BTREE": C.B_TREE, "BITMAP": C.BITMAP, "LABEL_LIST": C.LABEL_LIST, "FTS": C.FTS}
    if kind in scalar:
        return scalar[kind]()
    raise ValueError(f"unknown index_type {index_type!r}")
