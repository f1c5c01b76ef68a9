"""Tables cross between unilance and the official lancedb package unchanged."""

import lancedb
import numpy as np
import pyarrow as pa
import pytest

import unilance

from conftest import make_table, DIM


def official_top10(path, name, q):
    db = lancedb.connect(path)
    return db.open_table(name).search(q).limit(10).select(["id"]).to_arrow()


async def test_table_written_by_unilance_read_by_official(tmp_path):
    path = str(tmp_path)
    data = make_table(500, seed=11)
    async with await unilance.connect(path) as db:
        t = await db.create_table("ours", data)
        await t.add(make_table(10, seed=12))
        q = np.full(DIM, 0.3, dtype=np.float32)
        ours = await t.vector_search(q).select(["id"]).limit(10).to_arrow()

    official = lancedb.connect(path).open_table("ours")
    rows = official.to_arrow().sort_by("id")
    expected = pa.concat_tables([data, make_table(10, seed=12)]).sort_by("id")
    assert rows.equals(expected)
    theirs = official_top10(path, "ours", q)
    assert theirs["id"].to_pylist() == ours["id"].to_pylist()
    assert np.allclose(theirs["_distance"].to_numpy(), ours["_distance"].to_numpy(), rtol=1e-5)


async def test_table_written_by_official_read_by_unilance(tmp_path):
    path = str(tmp_path)
    data = make_table(500, seed=21)
    official = lancedb.connect(path)
    official.create_table("theirs", data)
    q = np.full(DIM, 0.7, dtype=np.float32)
    theirs = official_top10(path, "theirs", q)

    async with await unilance.connect(path) as db:
        assert await db.table_names() == ["theirs"]
        t = await db.open_table("theirs")
        assert await t.count_rows() == 500
        assert (await t.query().to_arrow()).sort_by("id").equals(data)
        ours = await t.vector_search(q).select(["id"]).limit(10).to_arrow()
    assert ours["id"].to_pylist() == theirs["id"].to_pylist()
    assert np.allclose(ours["_distance"].to_numpy(), theirs["_distance"].to_numpy(), rtol=1e-5)
