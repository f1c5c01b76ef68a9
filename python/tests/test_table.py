import pyarrow as pa
import pytest

from unilance import LanceError

from conftest import make_table


async def test_count_rows_with_and_without_filter(table):
    assert await table.count_rows() == 100
    assert await table.count_rows("id < 10") == 10
    assert await table.count_rows("text = 'item 7'") == 1


async def test_add_append_and_overwrite_return_new_version(table):
    v1 = await table.version()
    v2 = (await table.add(make_table(5, seed=1))).version
    assert v2 == v1 + 1 == await table.version()
    assert await table.count_rows() == 105
    await table.add(make_table(3), mode="overwrite")
    assert await table.count_rows() == 3


async def test_add_rows_as_dicts_cast_to_table_schema(table):
    await table.add([{"id": 1000, "text": "new", "price": 1.5, "vector": [0.5] * 16}])
    rows = await table.query().where("id = 1000").to_list()
    assert rows == [{"id": 1000, "text": "new", "price": 1.5, "vector": [0.5] * 16}]


async def test_delete(table):
    result = await table.delete("id >= 90")
    assert result.rows_deleted == 10
    assert result.version == await table.version()
    assert await table.count_rows() == 90
    assert await table.count_rows("id >= 90") == 0


async def test_update_with_and_without_filter(table):
    result = await table.update(updates_sql={"price": "price + 100", "text": "'cheap'"}, where="id < 3")
    assert result.rows_updated == 3
    rows = await table.query().where("id < 4").select(["id", "price", "text"]).to_list()
    rows.sort(key=lambda r: r["id"])
    assert rows == [
        {"id": 0, "price": 100.0, "text": "cheap"},
        {"id": 1, "price": 100.5, "text": "cheap"},
        {"id": 2, "price": 101.0, "text": "cheap"},
        {"id": 3, "price": 1.5, "text": "item 3"},
    ]
    all_rows = await table.update(updates_sql={"price": "0"})
    assert all_rows.rows_updated == 100
    assert await table.count_rows("price = 0") == 100


async def test_versions_and_checkout(table):
    v1 = await table.version()
    await table.add(make_table(10))
    await table.checkout(v1)
    assert await table.count_rows() == 100
    await table.checkout_latest()
    assert await table.count_rows() == 110


async def test_schema(table):
    schema = await table.schema()
    assert schema.names == ["id", "text", "price", "vector"]
    assert schema.field("vector").type == pa.list_(pa.float32(), 16)


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
