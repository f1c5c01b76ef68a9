import pyarrow as pa
import pytest

import unilance
from unilance import LanceError

from conftest import make_table


async def test_table_names_sorted_and_empty_at_start(db):
    assert await db.table_names() == []
    await db.create_table("b", make_table(3))
    await db.create_table("a", make_table(3))
    assert await db.table_names() == ["a", "b"]


async def test_create_modes(db):
    t = await db.create_table("t", make_table(5))
    assert await t.count_rows() == 5
    with pytest.raises(LanceError.TableAlreadyExists, match="t"):
        await db.create_table("t", make_table(7))
    assert await (await db.open_table("t")).count_rows() == 5
    kept = await db.create_table("t", make_table(9), mode="exist_ok")
    assert await kept.count_rows() == 5
    replaced = await db.create_table("t", make_table(9), mode="overwrite")
    assert await replaced.count_rows() == 9


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


async def test_create_empty_table(db):
    schema = pa.schema([pa.field("id", pa.int32(), nullable=False),
                        pa.field("vector", pa.list_(pa.float32(), 8))])
    t = await db.create_empty_table("empty", schema)
    assert await t.count_rows() == 0
    assert await t.schema() == schema
    assert await db.table_names() == ["empty"]


async def test_create_table_with_schema_only(db):
    schema = pa.schema([pa.field("id", pa.int64())])
    t = await db.create_table("s", schema=schema)
    assert (await t.schema()).names == ["id"]


async def test_open_and_drop(db):
    await db.create_table("t", make_table(3))
    await db.create_table("u", make_table(3))
    t = await db.open_table("t")
    assert t.name() == "t"
    await db.drop_table("t")
    assert await db.table_names() == ["u"]
    with pytest.raises(LanceError.TableNotFound):
        await db.open_table("t")
    await db.drop_all_tables()
    assert await db.table_names() == []


async def test_memory_uri():
    async with await unilance.connect("memory://") as db:
        t = await db.create_table("m", make_table(10))
        assert await t.count_rows() == 10
        assert await db.table_names() == ["m"]


async def test_closed_connection_raises_closed(tmp_path):
    db = await unilance.connect(str(tmp_path))
    await db.create_table("t", make_table(2))
    await db.close()
    assert db.is_closed()
    with pytest.raises(LanceError.Closed, match="closed"):
        await db.table_names()


async def test_data_persists_across_connections(tmp_path):
    async with await unilance.connect(str(tmp_path)) as db:
        await db.create_table("t", make_table(42))
    async with await unilance.connect(str(tmp_path)) as db:
        t = await db.open_table("t")
        assert await t.count_rows() == 42
        assert (await t.query().to_arrow()).equals(make_table(42))


async def test_connect_is_awaitable_and_an_async_context_manager(tmp_path):
    async with unilance.connect(str(tmp_path)) as db:
        await db.create_table("t", make_table(2))
        assert await db.table_names() == ["t"]
    assert db.is_closed()
    db2 = await unilance.connect(str(tmp_path))
    assert await db2.table_names() == ["t"]
    await db2.close()
