"""merge_insert, restore and tags cross between unilance and the official lancedb package."""

import lancedb
import pyarrow as pa

import unilance


def rows(ids, texts):
    return pa.table({"id": pa.array(ids, pa.int64()), "text": pa.array(texts, pa.string())})


async def test_official_reads_what_unilance_merged_and_restored(tmp_path):
    path = str(tmp_path)
    async with await unilance.connect(path) as db:
        t = await db.create_table("t", rows([1, 2, 3], ["a", "b", "c"]))
        v1 = await t.version()
        await (t.merge_insert("id").when_matched_update_all().when_not_matched_insert_all()
               .execute(rows([2, 4], ["B", "d"])))
        merged = (await t.query().to_arrow()).sort_by("id")
        await t.tags().create("merged", await t.version())
        await t.restore(v1)
        restored = (await t.query().to_arrow()).sort_by("id")

    official = lancedb.connect(path).open_table("t")
    assert official.to_arrow().sort_by("id").equals(restored)
    assert restored.equals(rows([1, 2, 3], ["a", "b", "c"]))
    assert [v["version"] for v in official.list_versions()] == [v1, v1 + 1, v1 + 2]
    assert official.tags.get_version("merged") == v1 + 1
    official.checkout("merged")
    assert official.to_arrow().sort_by("id").equals(merged)
    assert merged.equals(rows([1, 2, 3, 4], ["a", "B", "c", "d"]))


async def test_unilance_reads_what_official_merged_and_tagged(tmp_path):
    path = str(tmp_path)
    official = lancedb.connect(path).create_table("o", rows([1, 2], ["a", "b"]))
    v1 = official.version
    (official.merge_insert("id").when_matched_update_all().when_not_matched_insert_all()
     .execute(rows([2, 3], ["B", "c"])))
    official.tags.create("before", v1)
    expected = official.to_arrow().sort_by("id")

    async with await unilance.connect(path) as db:
        t = await db.open_table("o")
        assert (await t.query().to_arrow()).sort_by("id").equals(expected)
        assert expected.equals(rows([1, 2, 3], ["a", "B", "c"]))
        assert [v.version for v in await t.list_versions()] == [v1, v1 + 1]
        assert {name: tag.version for name, tag in (await t.tags().list()).items()} == {"before": v1}
        await t.checkout_tag("before")
        assert (await t.query().to_arrow()).sort_by("id").equals(rows([1, 2], ["a", "b"]))
