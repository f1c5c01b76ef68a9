"""Python-shaped table behaviour (rows as dicts, casts, `with`); the rest is in tests/scenarios/."""

import pyarrow as pa
import pytest

from unilance import LanceError

from conftest import make_table


async def test_add_rows_as_dicts_cast_to_table_schema(table):
    await table.add([{"id": 1000, "text": "new", "price": 1.5, "vector": [0.5] * 16}])
    rows = await table.query().where("id = 1000").to_list()
    assert rows == [{"id": 1000, "text": "new", "price": 1.5, "vector": [0.5] * 16}]


async def test_close_releases_and_later_use_raises(table):
    async with table:
        assert await table.count_rows() == 100
    assert table.is_closed()
    with pytest.raises(LanceError.Closed, match="items"):
        await table.count_rows()


async def test_add_casts_within_a_type_family(table):
    data = pa.table({
        "id": pa.array([500], pa.int32()),
        "vector": pa.array([[0.25] * 16], pa.list_(pa.float64())),
    })
    await table.add(data)
    rows = await table.query().where("id = 500").select(["id", "vector"]).to_list()
    assert rows == [{"id": 500, "vector": [0.25] * 16}]
