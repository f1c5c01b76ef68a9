"""`async with` for connections and tables, which UniFFI's Python objects do not have.

Leaving the block awaits the Rust `close()`: it completes once the writes in flight have
ended (cancelled ones too), without blocking the event loop.
"""

from __future__ import annotations

import datetime
from typing import Mapping, Optional

from . import _ffi


async def _aenter(self):
    return self


async def _aexit(self, *exc) -> None:
    await self.close()


for _cls in (_ffi.Connection, _ffi.Table):
    _cls.__aenter__ = _aenter
    _cls.__aexit__ = _aexit


def connect(
    uri: str,
    *,
    storage_options: Optional[Mapping[str, str]] = None,
    read_consistency_interval: Optional[datetime.timedelta] = None,
) -> "_Connecting":
    """Opens (or creates) the database at `uri` (a directory, ``memory://`` or an object-store URI).

    Both ``db = await connect(uri)`` and ``async with connect(uri) as db:`` work.
    """
    return _Connecting(str(uri), dict(storage_options or {}), read_consistency_interval)


class _Connecting:
    """What `connect` returns: awaitable, and an async context manager (a coroutine is not)."""

    def __init__(self, uri, storage_options, read_consistency_interval):
        self._args = (uri, storage_options, read_consistency_interval)
        self._connection: Optional[_ffi.Connection] = None

    def __await__(self):
        return _ffi.connect(*self._args).__await__()

    async def __aenter__(self) -> _ffi.Connection:
        self._connection = await _ffi.connect(*self._args)
        return self._connection

    async def __aexit__(self, *exc) -> None:
        await self._connection.close()
