"""`merge_insert` with the data forms `add` takes (pyarrow, dicts, row lists, `Batch`).

`table.merge_insert("id")` also accepts one column name, as the official SDK does (a bare
string would otherwise be read as a list of one-letter columns).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Iterable, Optional, Union

from . import _ffi
from ._arrow import ExportedStream, to_reader
from ._pyarrow import _conform

_merge_insert = _ffi.Table.merge_insert
_execute_batch = _ffi.MergeInsertBuilder.execute


def merge_insert(self, on: Union[str, Iterable[str]]) -> _ffi.MergeInsertBuilder:
    """Starts a merge of new rows matched on the key column(s) `on`; choose the actions with
    `when_matched_update_all`, `when_not_matched_insert_all`, `when_not_matched_by_source_delete`,
    then `await ....execute(data)`."""
    return _merge_insert(self, [on] if isinstance(on, str) else list(on))


async def execute(self, data, *, timeout: Optional[timedelta] = None) -> _ffi.MergeResult:
    """Runs the merge with `data` in any form `add` takes; `timeout` limits every attempt."""
    builder = self if timeout is None else self.timeout(timeout)
    if isinstance(data, _ffi.Batch):
        return await _execute_batch(builder, data)
    table_schema = await self.table().schema()
    reader = to_reader(data, table_schema if isinstance(data, (list, dict)) else None)
    with ExportedStream(_conform(reader, table_schema)) as stream:
        return await builder.execute_arrow(stream.address)


_ffi.Table.merge_insert = merge_insert
_ffi.MergeInsertBuilder.execute = execute
