"""update with Python values (as the official SDK takes them) and with SQL."""

import math

import pytest

from unilance import LanceError, ScalarValue


async def test_values_of_every_kind(table):
    result = await table.update({"text": "it's", "price": 2, "vector": [0.5] * 16}, where="id = 1")
    assert result.rows_updated == 1 and result.version == await table.version()
    row = (await table.query().where("id = 1").to_list())[0]
    assert row["text"] == "it's" and row["price"] == 2.0 and row["vector"] == [0.5] * 16

    await table.update({"text": None, "price": float("nan")}, where="id = 2")
    row = (await table.query().where("id = 2").to_list())[0]
    assert row["text"] is None and math.isnan(row["price"])


async def test_a_value_never_becomes_sql(table):
    sneaky = "x' || text || '"
    await table.update({"text": sneaky}, where="id < 2")
    assert await table.count_rows("text = 'x'' || text || '''") == 2


async def test_scalar_values_and_sql_forms(table):
    await table.update({"text": ScalarValue.STRING("s")}, where="id = 3")
    await table.update(updates_sql={"price": "price * 2"}, where="id = 3")
    row = (await table.query().where("id = 3").to_list())[0]
    assert (row["text"], row["price"]) == ("s", 3.0)


async def test_wrong_arguments(table):
    v = await table.version()
    with pytest.raises(LanceError.InvalidInput, match="not both"):
        await table.update({"text": "a"}, updates_sql={"text": "'a'"})
    with pytest.raises(LanceError.InvalidInput, match="updates or updates_sql"):
        await table.update()
    with pytest.raises(TypeError, match="cannot update to a dict"):
        await table.update({"text": {}})
    assert await table.version() == v
