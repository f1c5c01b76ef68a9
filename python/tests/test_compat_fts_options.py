"""FTS index build options and the combined-fields query, against the official lancedb SDK.

Each SDK builds its own index with the same options on the same rows; the same query must give
the same rows and BM25 scores. `CombinedFields` has no counterpart in the official SDK 0.40:
over one column it is plain BM25, so it must score as the official `MatchQuery` there.
"""

import lancedb
import pyarrow as pa
import pytest
from lancedb.index import FTS
from lancedb.query import MatchQuery

import unilance
from unilance import DocumentGranularity, FtsQuery, IndexConfig, LanceError

from test_search_compat import ALL, assert_same, corpus

BUILD_OPTIONS = [
    ({"block_size": 256}, {"block_size": 256}),
    ({"num_workers": 1, "memory_limit": 64}, {"num_workers": 1, "memory_limit": 64}),
]


@pytest.fixture
async def pair(tmp_path):
    data = corpus(500, seed=21)
    async with await unilance.connect(str(tmp_path / "ours")) as db:
        theirs_db = await lancedb.connect_async(str(tmp_path / "theirs"))
        yield await db.create_table("docs", data), await theirs_db.create_table("docs", data)


@pytest.mark.parametrize("ours_opts,theirs_opts", BUILD_OPTIONS, ids=["block_size", "workers_memory"])
async def test_fts_build_options_match_official(pair, ours_opts, theirs_opts):
    ours, theirs = pair
    await ours.create_index("text", config=IndexConfig.FTS(**ours_opts))
    await theirs.create_index("text", config=FTS(**theirs_opts))
    for q in ["puppy", "running zebra", "quantum lance apple"]:
        a = await ours.query().nearest_to_text(q).select(["id"]).limit(ALL).to_arrow()
        b = await theirs.query().nearest_to_text(q).select(["id"]).limit(ALL).to_arrow()
        assert a.num_rows > 0
        assert_same(a, b, "_score")


async def test_fts_build_options_are_checked(pair):
    ours, _ = pair
    for opts, message in [({"block_size": 100}, r"block_size must be 128 or 256 \(got 100\)"),
                          ({"num_workers": 0}, r"num_workers must be at least 1 \(got 0\)"),
                          ({"memory_limit": -1}, r"memory_limit must be at least 1 MiB \(got -1\)")]:
        with pytest.raises(LanceError.InvalidInput, match=message):
            await ours.create_index("text", config=IndexConfig.FTS(**opts))
    assert await ours.list_indices() == []


async def test_list_element_documents_match_official(tmp_path):
    data = pa.table({
        "id": pa.array(range(4), pa.int64()),
        "notes": pa.array([["red apple", "green pear"], ["apple pie and apple cake"], ["pear"],
                           ["plum", "apple", "red plum"]], pa.list_(pa.string())),
    })
    async with await unilance.connect(str(tmp_path / "ours")) as db:
        ours = await db.create_table("n", data)
        theirs = await (await lancedb.connect_async(str(tmp_path / "theirs"))).create_table("n", data)
        await ours.create_index("notes", config=IndexConfig.FTS(document_granularity=DocumentGranularity.LIST_ELEMENT))
        await theirs.create_index("notes", config=FTS(document_granularity="list_element"))
        # Both SDKs need the column named: neither finds a list-element index by itself.
        a = await ours.query().nearest_to_text("apple", columns=["notes"]).select(["id"]).limit(ALL).to_arrow()
        b = await theirs.query().nearest_to_text("apple", columns=["notes"]).select(["id"]).limit(ALL).to_arrow()
    # Each matching row with the positions of its matching elements, scored per element.
    key = lambda t: sorted(zip(t["id"].to_pylist(), t["_doc_index"].to_pylist(),
                               [round(s, 5) for s in t["_score"].to_pylist()]))
    assert "_doc_index" in a.column_names
    assert key(a) == key(b)
    assert sorted(zip(a["id"].to_pylist(), a["_doc_index"].to_pylist())) == [(0, [0]), (1, [0]), (3, [1])]


async def test_combined_fields_on_one_column_scores_as_official_match(pair):
    ours, theirs = pair
    await ours.create_index("text", config=IndexConfig.FTS())
    await theirs.create_index("text", config=FTS())
    for q in ["puppy", "running zebra"]:
        a = await (ours.query().nearest_to_text_query(FtsQuery.COMBINED_FIELDS(query=q, columns=["text"]))
                   .select(["id"]).limit(ALL).to_arrow())
        b = await theirs.query().nearest_to_text(MatchQuery(q, "text")).select(["id"]).limit(ALL).to_arrow()
        assert a.num_rows > 0
        assert_same(a, b, "_score")


async def test_combined_fields_blends_columns(pair):
    ours, _ = pair
    await ours.create_index("text", config=IndexConfig.FTS())
    await ours.create_index("title", config=IndexConfig.FTS())
    combined = await (ours.query().nearest_to_text_query(
        FtsQuery.COMBINED_FIELDS(query="quantum", columns=["text", "title"])).select(["id"]).limit(ALL).to_arrow())
    either = await (ours.query().nearest_to_text_query(
        FtsQuery.MULTI_MATCH(query="quantum", columns=["text", "title"])).select(["id"]).limit(ALL).to_arrow())
    # The same rows match (a term in either column), but scored over the blended field.
    assert sorted(combined["id"].to_pylist()) == sorted(either["id"].to_pylist())
    assert combined["_score"].to_pylist() != either["_score"].to_pylist()
    weighted = await (ours.query().nearest_to_text_query(
        FtsQuery.COMBINED_FIELDS(query="quantum", columns=["text", "title"], boosts=[1.0, 4.0]))
        .select(["id"]).limit(ALL).to_arrow())
    assert weighted["_score"].to_pylist() != combined["_score"].to_pylist()
    for boosts, message in [([0.5, 1.0], "must be a finite value in"), ([1.0], "one boost per column")]:
        with pytest.raises(LanceError.InvalidInput, match=message):
            await ours.query().nearest_to_text_query(
                FtsQuery.COMBINED_FIELDS(query="quantum", columns=["text", "title"], boosts=boosts)).to_arrow()
