from __future__ import annotations

import asyncio
import datetime
from typing import Mapping, Optional

import pyarrow as pa

from . import _ffi
from ._arrow import ExportedSchema, ExportedStream, to_reader
from ._modes import create_mode
from .table import Table


def connect(
    uri: str,
    *,
    storage_options: Optional[Mapping[str, str]] = None,
    read_consistency_interval: Optional[datetime.timedelta] = None,
) -> "_Connecting":
    """Opens the database at `uri` (a directory, ``memory://`` or an object-store URI).

    Both ``db = await connect(uri)`` and ``async with connect(uri) as db:`` work.
    """
    options = _ffi.ConnectOptions(
        storage_options=dict(storage_options or {}),
        read_consistency_interval=read_consistency_interval,
    )
    return _Connecting(str(uri), options)


class _Connecting:
    def __init__(self, uri: str, options: _ffi.ConnectOptions):
        self._uri, self._options = uri, options
        self._connection: Optional[Connection] = None

    async def _open(self) -> "Connection":
        return Connection(await _ffi.connect(self._uri, self._options))

    def __await__(self):
        return self._open().__await__()

    async def __aenter__(self) -> "Connection":
        self._connection = await self._open()
        return self._connection

    async def __aexit__(self, *exc) -> None:
        await self._connection.aclose()


class Connection:
    """A database. Use ``async with`` (or ``close()``) to release it."""

    def __init__(self, inner: _ffi.Connection):
        self._inner = inner

    @property
    def uri(self) -> str:
        return self._inner.uri()

    async def table_names(self) -> list[str]:
        return await self._inner.table_names()

    async def create_table(self, name: str, data=None, *, schema: Optional[pa.Schema] = None,
                           mode="create") -> Table:
        """Creates a table from pyarrow data (Table, RecordBatch, reader, dict of
        columns, list of rows), or an empty one from `schema`."""
        mode = create_mode(mode)
        if data is None:
            if schema is None:
                raise ValueError("create_table needs data or a schema")
            return await self.create_empty_table(name, schema, mode=mode)
        if isinstance(data, _ffi.Batch):
            return Table(await self._inner.create_table(name, data, mode))
        with ExportedStream(to_reader(data, schema)) as stream:
            return Table(await self._inner.create_table_arrow(name, stream.address, mode))

    async def create_empty_table(self, name: str, schema: pa.Schema, *, mode="create") -> Table:
        mode = create_mode(mode)
        if isinstance(schema, _ffi.Schema):
            return Table(await self._inner.create_empty_table(name, schema, mode))
        with ExportedSchema(schema) as exported:
            return Table(await self._inner.create_empty_table_arrow(name, exported.address, mode))

    async def open_table(self, name: str) -> Table:
        return Table(await self._inner.open_table(name))

    async def drop_table(self, name: str) -> None:
        await self._inner.drop_table(name)

    async def drop_all_tables(self) -> None:
        await self._inner.drop_all_tables()

    def close(self) -> None:
        """Closes the connection; returns once its writes in flight (cancelled ones too) have ended."""
        self._inner.close_connection()

    @property
    def is_closed(self) -> bool:
        return self._inner.is_closed()

    @property
    def max_concurrent_reads(self) -> int:
        """Heavy reads (scans, searches, filtered counts) of this connection run
        at once; later ones wait their turn in arrival order. Two per core unless set."""
        return self._inner.max_concurrent_reads()

    @max_concurrent_reads.setter
    def max_concurrent_reads(self, limit: int) -> None:
        self._inner.set_max_concurrent_reads(limit)

    async def aclose(self) -> None:
        """``close()`` on a worker thread: the loop keeps running while writes in flight end."""
        await asyncio.to_thread(self.close)

    async def __aenter__(self) -> "Connection":
        return self

    async def __aexit__(self, *exc) -> None:
        await self.aclose()

    def __enter__(self) -> "Connection":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Connection({self.uri!r})"
