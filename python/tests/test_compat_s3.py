"""Tables on S3 (SeaweedFS, see scripts/s3.sh) cross between unilance and the official lancedb
package unchanged: each reads the rows and search results the other wrote, with the same
storage options."""

import lancedb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

import unilance

from conftest import make_table, DIM


async def test_s3_table_written_by_unilance_read_by_official(s3_server):
    uri = s3_server.uri("compat-ours")
    data, more = make_table(300, seed=31), make_table(10, seed=32)
    q = np.full(DIM, 0.3, dtype=np.float32)
    async with await unilance.connect(uri, storage_options=s3_server.options) as db:
        t = await db.create_table("ours", data)
        await t.add(more)
        await t.delete("id = 5")
        ours = await t.vector_search(q).select(["id"]).limit(10).to_arrow()

    official = await lancedb.connect_async(uri, storage_options=s3_server.options)
    assert await official.table_names() == ["ours"]
    table = await official.open_table("ours")
    assert await table.version() == 3
    both = pa.concat_tables([data, more])
    expected = both.filter(pc.not_equal(both["id"], 5)).sort_by("id")
    assert (await table.to_arrow()).sort_by("id").equals(expected)
    theirs = await table.query().nearest_to(q).limit(10).select(["id"]).to_arrow()
    assert theirs["id"].to_pylist() == ours["id"].to_pylist()
    assert np.allclose(theirs["_distance"].to_numpy(), ours["_distance"].to_numpy(), rtol=1e-5)


async def test_s3_table_written_by_official_read_by_unilance(s3_server):
    uri = s3_server.uri("compat-theirs")
    data = make_table(300, seed=41)
    q = np.full(DIM, 0.7, dtype=np.float32)
    official = await lancedb.connect_async(uri, storage_options=s3_server.options)
    table = await official.create_table("theirs", data)
    await table.update({"price": -1.0}, where="id < 3")
    theirs = await table.query().nearest_to(q).limit(10).select(["id"]).to_arrow()
    expected = (await table.to_arrow()).sort_by("id")

    async with await unilance.connect(uri, storage_options=s3_server.options) as db:
        assert await db.table_names() == ["theirs"]
        t = await db.open_table("theirs")
        assert await t.version() == 2
        assert await t.count_rows("price < 0") == 3
        assert (await t.query().to_arrow()).sort_by("id").equals(expected)
        ours = await t.vector_search(q).select(["id"]).limit(10).to_arrow()
        # and unilance's write on it reads back in the official package
        await t.add(make_table(5, seed=42).set_column(0, "id", pa.array(np.arange(1000, 1005, dtype=np.int64))))
    assert ours["id"].to_pylist() == theirs["id"].to_pylist()
    assert np.allclose(ours["_distance"].to_numpy(), theirs["_distance"].to_numpy(), rtol=1e-5)
    await table.checkout_latest()
    assert await table.count_rows() == 305
