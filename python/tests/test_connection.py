"""Python-shaped connection behaviour; what every language shares is in tests/scenarios/."""

import pyarrow as pa
import pytest

import unilance
from unilance import LanceError

from conftest import make_table


async def test_create_from_every_input_shape(db):
    data = make_table(4)
    shapes = {
        "table": data,
        "batch": data.to_batches()[0],
        "reader": data.to_reader(),
        "rows": [{"id": 1, "text": "x"}, {"id": 2, "text": "y"}],
        "columns": {"id": [1, 2, 3]},
    }
    for name, shape in shapes.items():
        t = await db.create_table(name, shape)
        assert await t.count_rows() == (len(shape) if isinstance(shape, list) else
                                        3 if isinstance(shape, dict) else 4), name


async def test_create_table_with_schema_only(db):
    schema = pa.schema([pa.field("id", pa.int64())])
    t = await db.create_table("s", schema=schema)
    assert (await t.schema()).names == ["id"]


async def test_closed_connection_raises_closed(tmp_path):
    db = await unilance.connect(str(tmp_path))
    await db.create_table("t", make_table(2))
    await db.close()
    assert db.is_closed()
    with pytest.raises(LanceError.Closed, match="closed"):
        await db.table_names()


async def test_connect_is_awaitable_and_an_async_context_manager(tmp_path):
    async with unilance.connect(str(tmp_path)) as db:
        await db.create_table("t", make_table(2))
        assert await db.table_names() == ["t"]
    assert db.is_closed()
    db2 = await unilance.connect(str(tmp_path))
    assert await db2.table_names() == ["t"]
    await db2.close()
