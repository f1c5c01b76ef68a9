"""Search behaviour of unilance on its own: query options, plans, streams and the errors."""

import datetime

import numpy as np
import pyarrow as pa
import pytest

import unilance
from unilance import (ColumnExpression, ColumnOrdering, DistanceType, FtsQuery, IndexConfig,
                      LanceError)

from test_search_compat import corpus, DIM


@pytest.fixture
async def docs(db):
    t = await db.create_table("docs", corpus())
    await t.create_index("text", config=IndexConfig.FTS(with_position=True))
    return t


async def test_fts_results_stream_in_batches(docs):
    batches = [b async for b in docs.query().nearest_to_text("apple").select(["id"]).limit(1000).to_batches()]
    streamed = pa.Table.from_batches(batches)
    whole = await docs.query().nearest_to_text("apple").select(["id"]).limit(1000).to_arrow()
    assert sorted(streamed["id"].to_pylist()) == sorted(whole["id"].to_pylist())
    assert streamed.num_rows > 0


async def test_fts_on_named_column_and_score_column(docs):
    hits = await docs.query().nearest_to_text("zebra", columns=["text"]).select(["id", "text"]).to_arrow()
    assert hits.column_names == ["id", "text", "_score"]
    assert hits.num_rows == 10  # an FTS query returns 10 rows unless told
    assert all("zebra" in t for t in hits["text"].to_pylist())


async def test_multi_vector_query_adds_query_index(db):
    t = await db.create_table("v", corpus(50))
    q1, q2 = np.zeros(DIM, dtype=np.float32), np.ones(DIM, dtype=np.float32)
    hits = await t.vector_search(q1).add_query_vector(q2).select(["id"]).limit(3).to_arrow()
    assert sorted(hits.column_names) == ["_distance", "id", "query_index"]
    assert sorted(hits["query_index"].to_pylist()) == [0, 0, 0, 1, 1, 1]
    alone = await t.vector_search(q2).select(["id"]).limit(3).to_arrow()
    second = hits.filter(pa.compute.equal(hits["query_index"], 1))
    assert second["id"].to_pylist() == alone["id"].to_pylist()


async def test_order_by_and_select_expressions(db):
    t = await db.create_table("v", corpus(20))
    rows = await (t.query().select_expressions([ColumnExpression(name="id", expression="id"),
                                                ColumnExpression(name="double", expression="id * 2")])
                  .order_by([ColumnOrdering(column_name="id", ascending=False)]).limit(3).to_arrow())
    assert rows.column_names == ["id", "double"]
    assert rows["id"].to_pylist() == [19, 18, 17]
    assert rows["double"].to_pylist() == [38, 36, 34]


async def test_explain_analyze_and_output_schema(docs):
    q = docs.query().nearest_to_text("apple").select(["id"])
    plan = await q.explain_plan()
    assert "MatchQuery" in plan or "FTS" in plan.upper()
    assert len(await q.explain_plan(verbose=True)) >= len(plan)
    analyzed = await q.analyze_plan()
    assert "metrics" in analyzed or "elapsed" in analyzed
    schema = await q.output_schema()
    assert [f.name for f in schema.fields] == ["id", "_score"]
    vschema = await docs.vector_search([0.0] * DIM).select(["id"]).output_schema()
    assert [f.name for f in vschema.fields] == ["id", "_distance"]


async def test_timeout_is_accepted_and_a_tiny_one_fails(db):
    t = await db.create_table("v", corpus(2000))
    ok = await t.query().timeout(datetime.timedelta(seconds=30)).limit(5).to_arrow()
    assert ok.num_rows == 5
    # A zero budget fails at the first poll whatever the machine's speed (a 1 us one raced the scan).
    with pytest.raises(LanceError, match="timeout"):
        await t.query().timeout(datetime.timedelta(0)).to_arrow()


async def test_index_lifecycle(db):
    t = await db.create_table("v", corpus(300))
    await t.create_index("vector", config=IndexConfig.IVF_FLAT(num_partitions=2), name="vi")
    await t.create_index("id", config=IndexConfig.BITMAP())
    await t.wait_for_index(["vi", "id_idx"], timeout=datetime.timedelta(seconds=10))
    await t.prewarm_index("vi")
    await t.add(corpus(10, seed=99).set_column(0, "id", pa.array(np.arange(300, 310, dtype=np.int64))))
    stats = await t.index_stats("vi")
    assert (stats.num_indexed_rows, stats.num_unindexed_rows) == (300, 10)
    await t.drop_index("vi")
    assert [i.name for i in await t.list_indices()] == ["id_idx"]
    with pytest.raises(LanceError.InvalidInput, match="no index named 'vi'.*id_idx"):
        await t.drop_index("vi")


@pytest.mark.parametrize("config", [IndexConfig.IVF_RQ(num_partitions=2), IndexConfig.ZONE_MAP(),
                                    IndexConfig.BLOOM_FILTER(probability=0.01)])
async def test_other_index_kinds_build(db, config):
    t = await db.create_table("v", corpus(300))
    column = "vector" if config.is_IVF_RQ() else "id"
    await t.create_index(column, config=config)
    [info] = await t.list_indices()
    assert info.columns == [column]


# Errors: typed, naming what is wrong, before any work.

async def test_fts_without_index_is_a_clear_error(db):
    t = await db.create_table("v", corpus(20))
    with pytest.raises(LanceError.InvalidInput, match="(?i)index"):
        await t.query().nearest_to_text("apple").to_arrow()


async def test_fts_unknown_or_non_text_column(docs):
    with pytest.raises(LanceError.InvalidInput, match="unknown column 'nope'.*id, text, title, vector"):
        await docs.query().nearest_to_text("apple", columns=["nope"]).to_arrow()
    with pytest.raises(LanceError.InvalidInput, match="column 'id' is Int64, not a text column"):
        await docs.query().nearest_to_text_query(FtsQuery.MATCH(query="1", column="id")).to_arrow()


async def test_bad_structured_queries(docs):
    with pytest.raises(LanceError.InvalidInput, match="fuzziness must not be negative"):
        await docs.query().nearest_to_text_query(FtsQuery.MATCH(query="a", column="text", fuzziness=-1)).to_arrow()
    with pytest.raises(LanceError.InvalidInput, match="one boost per column"):
        await docs.query().nearest_to_text_query(
            FtsQuery.MULTI_MATCH(query="a", columns=["text", "title"], boosts=[1.0])).to_arrow()
    with pytest.raises(LanceError.InvalidInput, match="at least one `must` or `should`"):
        await docs.query().nearest_to_text_query(
            FtsQuery.BOOLEAN(must_not=[FtsQuery.MATCH(query="a", column="text")])).to_arrow()


@pytest.mark.parametrize("column,config,message", [
    ("text", IndexConfig.IVF_PQ(), "IVF_PQ index needs a vector column.*'text' is Utf8"),
    ("id", IndexConfig.FTS(), "FTS index needs a string column.*'id' is Int64"),
    ("vector", IndexConfig.B_TREE(), "BTREE index needs a scalar column"),
    ("id", IndexConfig.LABEL_LIST(), "LABEL_LIST index needs a list column"),
])
async def test_index_of_the_wrong_kind_for_the_column(db, column, config, message):
    t = await db.create_table("v", corpus(20))
    with pytest.raises(LanceError.InvalidInput, match=message):
        await t.create_index(column, config=config)
    assert await t.list_indices() == []


async def test_bad_index_parameters(db):
    t = await db.create_table("v", corpus(20))
    with pytest.raises(LanceError.InvalidInput, match="num_partitions must not be negative"):
        await t.create_index("vector", config=IndexConfig.IVF_FLAT(num_partitions=-1))
    with pytest.raises(LanceError.InvalidInput, match="m must not be negative"):
        await t.create_index("vector", config=IndexConfig.IVF_HNSW_SQ(m=-2))
    with pytest.raises(LanceError.InvalidInput, match="unknown FTS language 'Klingon'"):
        await t.create_index("text", config=IndexConfig.FTS(language="Klingon"))


async def test_ef_needs_an_hnsw_index(db):
    t = await db.create_table("v", corpus(300))
    q = [0.0] * DIM
    with pytest.raises(LanceError.InvalidInput, match="ef applies to an HNSW index, but column 'vector' has no index"):
        await t.vector_search(q).ef(10).to_arrow()
    await t.create_index("vector", config=IndexConfig.IVF_FLAT(num_partitions=2))
    with pytest.raises(LanceError.InvalidInput, match="has index IVF_FLAT"):
        await t.vector_search(q).ef(10).to_arrow()
    await t.create_index("vector", config=IndexConfig.IVF_HNSW_SQ(num_partitions=1))
    assert (await t.vector_search(q).ef(10).limit(3).to_arrow()).num_rows == 3


async def test_vector_options_without_a_vector(db):
    t = await db.create_table("v", corpus(20))
    with pytest.raises(LanceError.InvalidInput, match="minimum_nprobes applies to a vector search"):
        await t.query().minimum_nprobes(2).to_arrow()


async def test_multi_vector_with_wrong_dimension(db):
    t = await db.create_table("v", corpus(20))
    with pytest.raises(LanceError.InvalidInput, match="dimension 3 but column 'vector' holds vectors of dimension 16"):
        await t.vector_search([0.0] * DIM).add_query_vector([0.0] * 3).to_arrow()


async def test_bad_distance_range_and_order_by(db):
    t = await db.create_table("v", corpus(20))
    with pytest.raises(LanceError.InvalidInput, match="distance_range: lower bound 2 is above upper bound 1"):
        await t.vector_search([0.0] * DIM).distance_range(2.0, 1.0).to_arrow()
    with pytest.raises(LanceError.InvalidInput, match="cannot order by unknown column 'nope'"):
        await t.query().order_by([ColumnOrdering(column_name="nope")]).to_arrow()


async def test_take_offsets_and_row_ids(db):
    t = await db.create_table("v", corpus(30))
    rows = await t.take_offsets([5, 2, 7]).select(["id"]).to_arrow()
    assert sorted(rows["id"].to_pylist()) == [2, 5, 7]
    with_ids = await t.query().where("id IN (3, 4)").with_row_id().select(["id"]).to_arrow()
    by_id = dict(zip(with_ids["_rowid"].to_pylist(), with_ids["id"].to_pylist()))
    taken = await t.take_row_ids(list(by_id)).select(["id"]).to_arrow()
    assert sorted(taken["id"].to_pylist()) == [3, 4]
    with pytest.raises(LanceError.InvalidInput, match="offsets must not be negative"):
        t.take_offsets([-1])
    with pytest.raises(LanceError.InvalidInput, match="cannot be combined with a vector"):
        await t.take_offsets([1]).nearest_to([0.0] * DIM).to_arrow()
