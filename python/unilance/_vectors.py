"""Vector columns from plain Python lists, as the official SDK makes them.

`pa.table({"vector": [[1.0, 2.0], ...]})` is a `list<double>` column, which no vector search
finds. On create, lancedb turns a list column whose name contains "vector" or "embedding" into
a fixed-size list (float32; uint8 for integers in 0..255) of the most common length in the first
batch; this does the same, batch by batch, without reading the data into memory.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc


def _suggests_vector(name: str) -> bool:
    name = name.lower()
    return "vector" in name or "embedding" in name


def _vector_type(column: pa.Array, value_type: pa.DataType):
    lengths = pc.list_value_length(column)
    modes = pc.mode(lengths)
    if len(modes) == 0:
        return None
    dim = modes[0].as_py()["mode"]
    if pa.types.is_floating(value_type):
        return pa.list_(pa.float32(), dim)
    if pa.types.is_integer(value_type):
        values = pc.min_max(column.flatten())
        low, high = values["min"].as_py(), values["max"].as_py()
        in_byte_range = low is None or (low >= 0 and high <= 255)
        return pa.list_(pa.uint8() if in_byte_range else pa.float32(), dim)
    return None


def infer_vector_columns(reader: pa.RecordBatchReader) -> pa.RecordBatchReader:
    """`reader` with vector-named list columns as fixed-size lists (see the module doc)."""
    schema = reader.schema
    candidates = [i for i, f in enumerate(schema)
                  if _suggests_vector(f.name) and (pa.types.is_list(f.type) or pa.types.is_large_list(f.type))]
    if not candidates:
        return reader
    batches = iter(reader)
    first = next(batches, None)
    if first is None:
        return pa.RecordBatchReader.from_batches(schema, [])
    for i in candidates:
        target = _vector_type(first.column(i), schema.field(i).type.value_type)
        if target is not None:
            schema = schema.set(i, schema.field(i).with_type(target))

    def cast_all():
        yield first.cast(schema)
        for batch in batches:
            yield batch.cast(schema)

    return pa.RecordBatchReader.from_batches(schema, cast_all())
