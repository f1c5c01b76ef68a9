import numpy as np
import pyarrow as pa
import pytest

from conftest import make_table, DIM
from unilance import DistanceType, IndexConfig


def brute_force(data: pa.Table, query, k, metric="l2"):
    vectors = np.asarray(data["vector"].combine_chunks().flatten()).reshape(-1, DIM)
    q = np.asarray(query, dtype=np.float32)
    if metric == "l2":
        d = ((vectors - q) ** 2).sum(axis=1)
    elif metric == "cosine":
        d = 1 - vectors @ q / (np.linalg.norm(vectors, axis=1) * np.linalg.norm(q))
    else:  # dot
        d = 1 - vectors @ q
    order = np.argsort(d, kind="stable")[:k]
    return order.tolist(), d[order]


async def test_scan_filter_select_limit_offset(table):
    result = await table.query().where("id >= 10 AND id < 20").select(["id", "text"]).to_arrow()
    assert result.column_names == ["id", "text"]
    assert sorted(result["id"].to_pylist()) == list(range(10, 20))
    page = await table.query().select(["id"]).limit(5).offset(20).to_arrow()
    assert page["id"].to_pylist() == [20, 21, 22, 23, 24]


async def test_full_scan_returns_exact_data(table):
    assert (await table.query().to_arrow()).equals(make_table())


@pytest.mark.parametrize("metric", ["l2", "cosine", "dot"])
async def test_vector_search_matches_brute_force(table, metric):
    q = np.full(DIM, 0.5, dtype=np.float32)
    hits = await table.vector_search(q).distance_type(DistanceType[metric.upper()]).limit(7).to_arrow()
    expected_ids, expected_d = brute_force(make_table(), q, 7, metric)
    assert hits["id"].to_pylist() == expected_ids
    assert np.allclose(hits["_distance"].to_numpy(), expected_d, rtol=1e-4, atol=1e-5)


async def test_vector_search_with_filter_and_select(table):
    q = np.zeros(DIM, dtype=np.float32)
    hits = await (table.vector_search(q).where("id % 2 = 0").select(["id"])
                  .column("vector").limit(10).to_arrow())
    assert hits.column_names == ["id", "_distance"]
    data = make_table()
    evens = data.filter(pa.compute.equal(pa.compute.bit_wise_and(data["id"], 1), 0))
    ids, _ = brute_force(evens, q, 10)
    assert hits["id"].to_pylist() == [evens["id"][i].as_py() for i in ids]
    assert hits["_distance"].to_pylist() == sorted(hits["_distance"].to_pylist())


async def test_vector_search_default_limit_is_ten(table):
    hits = await table.vector_search([0.1] * DIM).to_arrow()
    assert hits.num_rows == 10


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


async def test_ivf_pq_index_and_search(db):
    data = make_table(2000, seed=3)
    t = await db.create_table("big", data)
    await t.create_index("vector", IndexConfig.IVF_PQ(num_partitions=4, num_sub_vectors=4))
    await t.create_index("id", IndexConfig.B_TREE())
    indices = sorted((i.index_type, i.columns) for i in await t.list_indices())
    assert indices == [("BTREE", ["id"]), ("IVF_PQ", ["vector"])]
    q = data["vector"][5].as_py()
    hits = await t.vector_search(q).nprobes(4).refine_factor(10).limit(5).to_arrow()
    assert hits["id"][0].as_py() == 5
    assert hits.num_rows == 5
