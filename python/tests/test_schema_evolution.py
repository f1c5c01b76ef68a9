"""Schema evolution, maintenance, vector inference and rename_table from Python."""

import datetime

import numpy as np
import pyarrow as pa
import pytest

import unilance
from unilance import LanceError


def people():
    return pa.table({
        "id": pa.array([1, 2, 3], pa.int64()),
        "name": ["ann", "bob", "cy"],
        "score": pa.array([1.5, 2.5, 3.5], pa.float64()),
    })


@pytest.fixture
async def t(db):
    return await db.create_table("people", people())


async def test_add_columns_from_sql_and_null_fields(t):
    v = await t.version()
    result = await t.add_columns({"double_score": "score * 2", "shout": "upper(name)"})
    assert result.version == v + 1
    await t.add_columns(pa.field("note", pa.string()))
    await t.add_columns([pa.field("tags", pa.list_(pa.string())), pa.field("when", pa.timestamp("us", "UTC"))])
    rows = (await t.to_arrow()).sort_by("id")
    assert rows.schema.names == ["id", "name", "score", "double_score", "shout", "note", "tags", "when"]
    assert rows["double_score"].to_pylist() == [3.0, 5.0, 7.0]
    assert rows["shout"].to_pylist() == ["ANN", "BOB", "CY"]
    assert rows["note"].to_pylist() == [None, None, None]
    assert rows.schema.field("tags").type == pa.list_(pa.string())
    assert rows.schema.field("when").type == pa.timestamp("us", "UTC")


async def test_alter_columns_renames_casts_and_relaxes(t):
    await t.alter_columns({"path": "name", "rename": "label"}, {"path": "id", "nullable": True})
    await t.alter_columns({"path": "score", "data_type": pa.float32()})
    schema = await t.schema()
    assert schema.names == ["id", "label", "score"]
    assert schema.field("score").type == pa.float32()
    assert schema.field("id").nullable
    assert await t.to_list() == [{"id": 1, "label": "ann", "score": 1.5},
                                 {"id": 2, "label": "bob", "score": 2.5},
                                 {"id": 3, "label": "cy", "score": 3.5}]


async def test_alter_columns_casts_list_items(db):
    t = await db.create_table("l", pa.table({"xs": pa.array([[1, 2], None], pa.list_(pa.int32()))}))
    await t.alter_columns({"path": "xs", "data_type": pa.list_(pa.int64())})
    rows = await t.to_arrow()
    assert rows.schema.field("xs").type == pa.list_(pa.int64())
    assert rows["xs"].to_pylist() == [[1, 2], None]


async def test_drop_columns_and_metadata(t):
    await t.drop_columns(["score"])
    await t.drop_columns("name")
    assert (await t.schema()).names == ["id"]
    await t.update_field_metadata({"path": "id", "metadata": {"lancedb:description": "key"}})
    assert (await t.schema()).field("id").metadata == {b"lancedb:description": b"key"}
    await t.update_field_metadata({"path": "id", "metadata": {"lancedb:description": None}})
    assert not (await t.schema()).field("id").metadata
    await t.update_schema_metadata({"owner": "ml"})
    assert (await t.schema()).metadata[b"owner"] == b"ml"


async def test_bad_evolutions_raise_typed_errors_and_change_nothing(t):
    before, version = await t.to_arrow(), await t.version()
    with pytest.raises(LanceError.InvalidInput, match=r"unknown column 'nope' \(columns: id, name, score\)"):
        await t.drop_columns(["nope"])
    with pytest.raises(LanceError.InvalidInput, match="cannot cast column 'name' from Utf8 to FixedSizeList"):
        await t.alter_columns({"path": "name", "data_type": pa.list_(pa.float32(), 2)})
    with pytest.raises(LanceError):
        await t.alter_columns({"path": "name", "data_type": pa.float64()})  # "ann" is no number
    with pytest.raises(LanceError.InvalidInput, match="'score'"):
        await t.add_columns({"score": "id + 1"})
    with pytest.raises(ValueError, match="unknown alteration keys"):
        await t.alter_columns({"path": "id", "type": pa.int32()})
    assert (await t.to_arrow()).equals(before)
    assert await t.version() == version
    await t.close()
    with pytest.raises(LanceError.Closed, match="'people' is closed"):
        await t.optimize()


async def test_small_appends_then_optimize(db):
    t = await db.create_table("log", {"i": pa.array([0], pa.int64())})
    for i in range(1, 200):
        await t.add({"i": pa.array([i], pa.int64())})
    assert (await t.stats()).fragment_stats.num_fragments == 200
    stats = await t.optimize(cleanup_older_than=datetime.timedelta(0))
    assert stats.compaction.fragments_removed == 200
    assert stats.compaction.fragments_added == 1
    assert stats.prune.old_versions_removed >= 199
    after = await t.stats()
    assert after.fragment_stats.num_fragments == 1
    assert after.num_rows == 200
    assert sorted((await t.to_arrow())["i"].to_pylist()) == list(range(200))


async def test_stats_uri_and_cleanup(db, tmp_path):
    t = await db.create_table("s", people())
    stats = await t.stats()
    assert (stats.num_rows, stats.num_indices, stats.fragment_stats.num_fragments) == (3, 0, 1)
    assert stats.total_bytes > 0
    assert (await t.uri()).endswith("s.lance")
    await t.add(people())
    assert (await t.cleanup_old_versions()).old_versions_removed == 0
    assert (await t.cleanup_old_versions(datetime.timedelta(0))).old_versions_removed == 1
    assert await t.count_rows() == 6


async def test_lists_of_floats_become_vector_columns(db):
    rows = [{"id": i, "vector": [float(i), 0.5, 1.0], "embedding_u8": [i, 2, 3]} for i in range(10)]
    t = await db.create_table("v", rows)
    schema = await t.schema()
    assert schema.field("vector").type == pa.list_(pa.float32(), 3)
    assert schema.field("embedding_u8").type == pa.list_(pa.uint8(), 3)
    hits = await t.vector_search([4.2, 0.5, 1.0]).column("vector").limit(2).to_list()
    assert [h["id"] for h in hits] == [4, 5]
    assert [row["vector"] for row in await t.to_list()] == [r["vector"] for r in rows]


async def test_vector_columns_cast_to_float16(db):
    rows = [{"id": i, "vector": [float(i), 0.5]} for i in range(3)]
    t = await db.create_table("v", rows)
    await t.alter_columns({"path": "vector", "data_type": pa.list_(pa.float16(), 2)})
    assert (await t.schema()).field("vector").type == pa.list_(pa.float16(), 2)
    got = (await t.to_arrow()).sort_by("id")
    assert got["vector"].to_pylist() == [[0.0, 0.5], [1.0, 0.5], [2.0, 0.5]]


async def test_rename_table_is_not_supported_locally(db, t):
    with pytest.raises(LanceError.NotSupported, match="cannot rename table 'people' to 'folks'.*LanceDB Cloud"):
        await db.rename_table("people", "folks")
    assert await db.table_names() == ["people"]
