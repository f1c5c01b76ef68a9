"""Blob columns in the official SDK's shapes: row ids as a list, a pyarrow array, or the table a
`with_row_id()` query returned (its `_rowid` column); ranges as `BlobRange`s or `(row_id, offset,
length)` tuples; blob bytes back as a `pa.LargeBinaryArray` (null for a null blob), taken over
from Rust through the Arrow C Data Interface without a copy (`fetch_blobs_arrow`,
`fetch_blob_ranges_arrow`, `src/blobs.rs`)."""

from __future__ import annotations

import ctypes

import pyarrow as pa

from . import _ffi
from ._arrow import ArrowArray, ArrowSchema

_fetch_blob_files = _ffi.Table.fetch_blob_files


def _row_ids(row_ids, column: str) -> list:
    if isinstance(row_ids, (pa.Table, pa.RecordBatch)):
        if "_rowid" not in row_ids.schema.names:
            raise ValueError(f"the rows given for blob column {column!r} have no _rowid column: "
                             "query them with with_row_id()")
        row_ids = row_ids.column("_rowid")
    if isinstance(row_ids, (pa.Array, pa.ChunkedArray)):
        row_ids = row_ids.to_pylist()
    return list(row_ids)


def _range(request) -> _ffi.BlobRange:
    if isinstance(request, _ffi.BlobRange):
        return request
    row_id, offset, length = request
    return _ffi.BlobRange(row_id=row_id, offset=offset, length=length)


async def _imported(export, *args) -> pa.LargeBinaryArray:
    array, schema = ArrowArray(), ArrowSchema()
    await export(*args, ctypes.addressof(array), ctypes.addressof(schema))
    return pa.RecordBatch._import_from_c(ctypes.addressof(array), ctypes.addressof(schema)).column(0)


async def fetch_blobs(self, column: str, row_ids) -> pa.LargeBinaryArray:
    return await _imported(self.fetch_blobs_arrow, column, _row_ids(row_ids, column))


async def fetch_blob_ranges(self, column: str, requests) -> pa.LargeBinaryArray:
    return await _imported(self.fetch_blob_ranges_arrow, column, [_range(r) for r in requests])


async def fetch_blob_files(self, column: str, row_ids) -> list:
    return await _fetch_blob_files(self, column, _row_ids(row_ids, column))


for _f in (fetch_blobs, fetch_blob_ranges, fetch_blob_files):
    _f.__doc__ = getattr(_ffi.Table, _f.__name__).__doc__
    setattr(_ffi.Table, _f.__name__, _f)
