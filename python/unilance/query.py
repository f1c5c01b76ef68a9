from __future__ import annotations

import ctypes
from typing import AsyncIterator, Sequence

import pyarrow as pa

from . import _ffi
from ._arrow import ArrowArray, ArrowArrayStream, ArrowSchema
from ._modes import distance_type


class Query:
    """A scan or a vector search. Every method returns a new query."""

    def __init__(self, inner: _ffi.Query):
        self._inner = inner

    def where(self, filter: str) -> "Query":
        """Keeps rows matching the SQL filter, e.g. ``"price < 10 AND tag = 'a'"``."""
        return Query(self._inner.filter(filter))

    def select(self, columns: Sequence[str]) -> "Query":
        return Query(self._inner.select(list(columns)))

    def limit(self, limit: int) -> "Query":
        return Query(self._inner.limit(limit))

    def offset(self, offset: int) -> "Query":
        return Query(self._inner.offset(offset))

    def nearest_to(self, vector: Sequence[float]) -> "Query":
        from .table import _floats
        return Query(self._inner.nearest_to(_floats(vector)))

    def column(self, column: str) -> "Query":
        return Query(self._inner.column(column))

    def distance_type(self, metric) -> "Query":
        return Query(self._inner.distance_type(distance_type(metric)))

    def nprobes(self, nprobes: int) -> "Query":
        return Query(self._inner.nprobes(nprobes))

    def refine_factor(self, factor: int) -> "Query":
        return Query(self._inner.refine_factor(factor))

    def with_row_id(self) -> "Query":
        return Query(self._inner.with_row_id())

    def postfilter(self) -> "Query":
        return Query(self._inner.postfilter())

    def bypass_vector_index(self) -> "Query":
        return Query(self._inner.bypass_vector_index())

    async def to_arrow(self) -> pa.Table:
        stream = ArrowArrayStream()
        await self._inner.to_arrow(ctypes.addressof(stream))
        return pa.RecordBatchReader._import_from_c(ctypes.addressof(stream)).read_all()

    async def to_list(self) -> list[dict]:
        return (await self.to_arrow()).to_pylist()

    async def to_batches(self) -> AsyncIterator[pa.RecordBatch]:
        """Streams the result batch by batch."""
        stream = await self._inner.execute()
        try:
            while True:
                array, schema = ArrowArray(), ArrowSchema()
                if not await stream.next_arrow(ctypes.addressof(array), ctypes.addressof(schema)):
                    return
                yield pa.RecordBatch._import_from_c(ctypes.addressof(array), ctypes.addressof(schema))
        finally:
            await stream.close_stream()

    async def to_batch(self) -> _ffi.Batch:
        """The result as the library-independent batch type."""
        return await self._inner.to_batch()
