"""Rows of a pyarrow table as JSON-ready dicts, shared by the test scripts."""

import pyarrow as pa


def plain(table):
    """Every row sorted by id; timestamps as integer counts, binaries as hex."""
    columns = {}
    for name in table.column_names:
        column = table.column(name)
        if pa.types.is_timestamp(column.type):
            column = column.cast(pa.int64())
        values = column.to_pylist()
        if pa.types.is_binary(column.type) or pa.types.is_large_binary(column.type):
            values = [None if v is None else v.hex() for v in values]
        columns[name] = values
    rows = [dict(zip(columns, values)) for values in zip(*columns.values())]
    return sorted(rows, key=lambda row: row["id"])
