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

