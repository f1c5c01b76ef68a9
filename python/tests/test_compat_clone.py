"""clone_table, branches, head, with_row_address, list_tables, tokenize, replace_field_metadata,
set_unenforced_primary_key, manifest paths, to_polars and to_pydantic cross between unilance and
the official lancedb package: each reads and writes what the other made, with the same results."""

import lancedb
import pyarrow as pa
from lancedb.index import FTS

import unilance


def rows(ids, texts):
    return pa.table({"id": pa.array(ids, pa.int64()), "text": pa.array(texts, pa.string())})


async def test_unilance_clones_what_official_wrote_and_official_reads_the_clone(tmp_path):
    path = str(tmp_path)
    official = lancedb.connect(path).create_table("o", rows([1, 2], ["a", "b"]))
    v1 = official.version
    official.add(rows([3], ["c"]))
    official.tags.create("first", v1)
    source_uri = f"{path}/o.lance"

    async with await unilance.connect(path) as db:
        at_v1 = await db.clone_table("at_v1", source_uri, source_version=v1)
        assert (await at_v1.to_arrow()).sort_by("id").equals(rows([1, 2], ["a", "b"]))
        tagged = await db.clone_table("tagged", source_uri, source_tag="first")
        assert await tagged.count_rows() == 2
        latest = await db.clone_table("latest", source_uri)
        assert (await latest.to_arrow()).sort_by("id").equals(rows([1, 2, 3], ["a", "b", "c"]))
        await at_v1.add(rows([9], ["z"]))

    reader = lancedb.connect(path)
    assert reader.open_table("at_v1").to_arrow().sort_by("id").equals(rows([1, 2, 9], ["a", "b", "z"]))
    assert reader.open_table("latest").to_arrow().sort_by("id").equals(rows([1, 2, 3], ["a", "b", "c"]))
    # The clones share the source's files but not its history: the source is untouched.
    assert official.to_arrow().sort_by("id").equals(rows([1, 2, 3], ["a", "b", "c"]))
    # The official package writes into a unilance clone, and unilance reads that.
    reader.open_table("tagged").add(rows([7], ["g"]))
    async with await unilance.connect(path) as db:
        assert (await (await db.open_table("tagged")).to_arrow()).sort_by("id").equals(rows([1, 2, 7], ["a", "b", "g"]))


async def test_official_clones_what_unilance_wrote(tmp_path):
    path = str(tmp_path)
    async with await unilance.connect(path) as db:
        t = await db.create_table("u", rows([1, 2], ["a", "b"]))
        await t.add(rows([3], ["c"]))
        source_uri = await t.uri()
    clone = await (await lancedb.connect_async(path)).clone_table("c", source_uri, source_version=1)
    assert (await clone.to_arrow()).sort_by("id").equals(rows([1, 2], ["a", "b"]))


async def test_head_row_address_and_list_tables_agree_with_official(tmp_path):
    path = str(tmp_path)
    official_db = await lancedb.connect_async(path)
    o = await official_db.create_table("o", rows(list(range(4)), ["a", "b", "c", "d"]))
    await o.add(rows([10, 11], ["x", "y"]))
    for name in ("p", "q"):
        await official_db.create_table(name, rows([1], ["a"]))

    async with await unilance.connect(path) as db:
        t = await db.open_table("o")
        head = await t.head(3)
        assert isinstance(head, pa.Table)
        assert head.equals(await o.head(3))
        mine = await t.query().select(["id"]).with_row_address().to_arrow()
        # The official AsyncQuery.with_row_address does not add the column (lancedb 0.40);
        # selecting _rowaddr does.
        theirs = await o.query().select(["id", "_rowaddr"]).to_arrow()
        assert mine.equals(theirs)
        assert mine["_rowaddr"].to_pylist() == [0, 1, 2, 3, 1 << 32, (1 << 32) + 1]

        first = await db.list_tables(limit=2)
        official_first = await official_db.list_tables(limit=2)
        assert first.tables == official_first.tables == ["o", "p"]
        rest = await db.list_tables(page_token=first.page_token, limit=2)
        assert rest.tables == (await official_db.list_tables(page_token=official_first.page_token, limit=2)).tables
        assert rest.tables == ["q"]
        assert rest.page_token is None
        assert (await db.list_tables()).tables == (await official_db.list_tables()).tables == ["o", "p", "q"]


async def test_tokenize_agrees_with_official(tmp_path):
    path = str(tmp_path)
    o = await (await lancedb.connect_async(path)).create_table(
        "o", rows([1, 2], ["The quick brown foxes", "Running dogs"]))
    await o.create_index("text", config=FTS())
    async with await unilance.connect(path) as db:
        t = await db.open_table("o")
        for text in ("The Quick brown foxes jumped", "Dogs were running over the lazy foxes"):
            mine = [(tok.text, tok.position) for tok in await t.tokenize(text, column="text")]
            theirs = [(tok.text, tok.position) for tok in await o.tokenize(text, column="text")]
            assert mine == theirs and mine
            by_name = [(tok.text, tok.position) for tok in await t.tokenize(text, index_name="text_idx")]
            assert by_name == mine


async def test_official_sees_metadata_and_primary_key_unilance_set(tmp_path):
    path = str(tmp_path)
    schema = pa.schema([pa.field("id", pa.int64(), nullable=False), pa.field("text", pa.string())])
    async with await unilance.connect(path) as db:
        t = await db.create_table("u", pa.table({"id": [1, 2], "text": ["a", "b"]}, schema=schema))
        await t.replace_field_metadata("text", {"unit": "words"})
        await t.set_unenforced_primary_key(["id"])
        mine = await t.schema()
    official = await (await lancedb.connect_async(path)).open_table("u")
    theirs = await official.schema()
    assert theirs.field("text").metadata == {b"unit": b"words"}
    assert theirs.field("id").metadata == mine.field("id").metadata
    assert theirs.field("id").metadata  # the primary key is recorded in the id field's metadata
    # The official package refuses a second key, as unilance does.
    try:
        await official.set_unenforced_primary_key("id")
    except Exception as e:  # noqa: BLE001 - the official package raises a plain RuntimeError/ValueError
        assert "already set" in str(e)
    else:
        raise AssertionError("the official package set a second primary key")


async def test_manifest_paths_migrated_by_either_are_read_by_the_other(tmp_path):
    path = str(tmp_path)
    v1_paths = {"new_table_enable_v2_manifest_paths": "false"}
    async with await unilance.connect(path) as db:
        t = await db.create_table("u", rows([1, 2], ["a", "b"]), storage_options=v1_paths)
        await t.add(rows([3], ["c"]))
        assert not await t.uses_v2_manifest_paths()
        await t.migrate_manifest_paths_v2()
    official_db = await lancedb.connect_async(path)
    migrated = await official_db.open_table("u")
    assert await migrated.uses_v2_manifest_paths()
    assert (await migrated.to_arrow()).sort_by("id").equals(rows([1, 2, 3], ["a", "b", "c"]))
    assert [v["version"] for v in await migrated.list_versions()] == [1, 2]

    o = await official_db.create_table("o", rows([5], ["e"]), storage_options=v1_paths)
    assert not await o.uses_v2_manifest_paths()
    async with await unilance.connect(path) as db:
        t = await db.open_table("o")
        assert not await t.uses_v2_manifest_paths()
        await t.migrate_manifest_paths_v2()
    await o.checkout_latest()
    assert await (await official_db.open_table("o")).uses_v2_manifest_paths()
    assert (await (await official_db.open_table("o")).to_arrow()).equals(rows([5], ["e"]))


async def test_branches_cross_between_unilance_and_official(tmp_path):
    path = str(tmp_path)
    async with await unilance.connect(path) as db:
        t = await db.create_table("u", rows([1, 2], ["a", "b"]))
        exp = await t.branches().create("exp")
        await exp.add(rows([3], ["c"]))
        await t.add(rows([4], ["d"]))
    official = await (await lancedb.connect_async(path)).open_table("u")
    assert sorted((await official.branches.list()).keys()) == ["exp"]
    on_exp = await official.branches.checkout("exp")
    assert on_exp.current_branch() == "exp"
    assert (await on_exp.to_arrow()).sort_by("id").equals(rows([1, 2, 3], ["a", "b", "c"]))
    assert (await official.to_arrow()).sort_by("id").equals(rows([1, 2, 4], ["a", "b", "d"]))
    theirs = await official.branches.create("theirs", from_ref="exp")
    await theirs.add(rows([5], ["e"]))

    async with await unilance.connect(path) as db:
        t = await db.open_table("u")
        listed = await t.branches().list()
        assert sorted(listed) == ["exp", "theirs"]
        assert listed["theirs"].parent_branch == "exp"
        mine = await t.branches().checkout("theirs")
        assert mine.current_branch() == "theirs"
        assert (await mine.to_arrow()).sort_by("id").equals(rows([1, 2, 3, 5], ["a", "b", "c", "e"]))
        await t.branches().delete("theirs")
    assert sorted((await official.branches.list()).keys()) == ["exp"]


async def test_to_polars_and_to_pydantic_agree_with_official(tmp_path):
    from lancedb.pydantic import LanceModel

    class Row(LanceModel):
        id: int
        text: str

    path = str(tmp_path)
    o = await (await lancedb.connect_async(path)).create_table("o", rows([3, 1, 2], ["c", "a", "b"]))
    async with await unilance.connect(path) as db:
        t = await db.open_table("o")
        mine = await t.query().where("id > 1").to_polars()
        assert mine.equals(await o.query().where("id > 1").to_polars())
        assert await t.query().to_pydantic(Row) == await o.query().to_pydantic(Row)
        assert [r.id for r in await t.query().to_pydantic(Row)] == [3, 1, 2]


async def test_lance_model_schemas_and_rows_cross_with_official(tmp_path):
    from typing import Optional

    from lancedb.pydantic import LanceModel, Vector

    class Doc(LanceModel):
        id: int
        text: str
        score: Optional[float] = None
        vector: Vector(2)

    path = str(tmp_path)
    docs = [Doc(id=1, text="a", score=0.5, vector=[1.0, 0.0]), Doc(id=2, text="b", vector=[0.0, 1.0])]
    async with await unilance.connect(path) as db:
        t = await db.create_table("m", schema=Doc)
        assert await t.schema() == Doc.to_arrow_schema()
        await t.add(docs)
        from_rows = await db.create_table("r", docs, schema=Doc)
        assert await from_rows.count_rows() == 2
        empty = await db.create_empty_table("e", Doc)
        assert await empty.schema() == Doc.to_arrow_schema()
        hits = await t.vector_search([1.0, 0.0]).limit(1).select(["id", "text", "score", "vector"]).to_pydantic(Doc)
        assert hits == [docs[0]]
    official = await (await lancedb.connect_async(path)).open_table("m")
    assert await official.schema() == Doc.to_arrow_schema()
    assert sorted(await official.query().to_pydantic(Doc), key=lambda d: d.id) == docs
