"""Python-shaped queries (pyarrow out, async for, to_list, builders); the rest is in tests/scenarios/."""

import pyarrow as pa

from conftest import make_table


async def test_full_scan_returns_exact_data(table):
    assert (await table.query().to_arrow()).equals(make_table())


async def test_to_batches_streams_every_row(table):
    seen = []
    async for batch in table.query().select(["id"]).to_batches():
        assert isinstance(batch, pa.RecordBatch)
        seen.extend(batch["id"].to_pylist())
    assert sorted(seen) == list(range(100))


async def test_to_list_and_with_row_id(table):
    rows = await table.query().select(["id"]).with_row_id().limit(2).to_list()
    assert [set(r) for r in rows] == [{"id", "_rowid"}] * 2


async def test_queries_are_immutable_builders(table):
    base = table.query().select(["id"])
    small = base.limit(3)
    assert (await small.to_arrow()).num_rows == 3
    assert (await base.to_arrow()).num_rows == 100



async def test_to_polars(table):
    import polars as pl

    frame = await table.query().select(["id", "text"]).where("id < 3").to_polars()
    assert isinstance(frame, pl.DataFrame)
    assert frame.columns == ["id", "text"]
    assert frame["id"].to_list() == [0, 1, 2]
    assert frame["text"].to_list() == ["item 0", "item 1", "item 2"]
    assert frame.schema["id"] == pl.Int64


async def test_to_pydantic(table):
    from typing import List

    import pydantic

    class Item(pydantic.BaseModel):
        id: int
        text: str
        price: float
        vector: List[float]

    items = await table.vector_search([0.0] * 16).select(["id", "text", "price", "vector"]).limit(3).to_pydantic(Item)
    assert len(items) == 3 and all(isinstance(i, Item) for i in items)
    assert all(i.text == f"item {i.id}" and i.price == i.id / 2 and len(i.vector) == 16 for i in items)

    class Strict(pydantic.BaseModel):
        id: int
        missing: str

    try:
        await table.query().select(["id"]).limit(1).to_pydantic(Strict)
    except pydantic.ValidationError as e:
        assert "missing" in str(e)
    else:
        raise AssertionError("a model with a field the rows lack was filled")
