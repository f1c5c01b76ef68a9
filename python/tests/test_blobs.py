"""Blob columns: bytes by row id, byte ranges and lazy files, on tables either SDK made."""

import lancedb
import pyarrow as pa
import pytest
from blob_table import IMAGES, blob_rows

from unilance import BlobRange, LanceError


async def row_ids(table):
    rows = (await table.query().select(["id"]).with_row_id().to_arrow()).sort_by("id")
    return rows["_rowid"].to_pylist()


async def test_blobs_by_row_id_in_the_order_asked(db):
    t = await db.create_table("b", blob_rows())
    assert await t.blob_columns() == ["img", "old"]
    ids = await row_ids(t)
    for column in ("img", "old"):
        blobs = await t.fetch_blobs(column, ids)
        assert blobs.type == pa.large_binary() and blobs.to_pylist() == IMAGES  # as the official SDK
        assert (await t.fetch_blobs(column, [ids[2], ids[0], ids[2]])).to_pylist() == [IMAGES[2], IMAGES[0], IMAGES[2]]
        assert (await t.fetch_blobs(column, [])).to_pylist() == []
    # Row ids as the official SDK takes them: the with_row_id() result itself, or an Arrow array.
    rows = await t.query().where("id > 2").with_row_id().to_arrow()
    assert (await t.fetch_blobs("img", rows)).to_pylist() == [IMAGES[i - 1] for i in rows["id"].to_pylist()]
    assert (await t.fetch_blobs("img", rows["_rowid"])).to_pylist() == [IMAGES[i - 1] for i in rows["id"].to_pylist()]
    with pytest.raises(ValueError, match="no _rowid column"):
        await t.fetch_blobs("img", await t.query().to_arrow())


async def test_byte_ranges_and_lazy_files(db):
    t = await db.create_table("b", blob_rows())
    ids = await row_ids(t)
    ranges = [BlobRange(row_id=ids[2], offset=6, length=5), BlobRange(row_id=ids[0], offset=255, length=2),
              BlobRange(row_id=ids[2], offset=0, length=5), BlobRange(row_id=ids[1], offset=0, length=0)]
    assert (await t.fetch_blob_ranges("img", ranges)).to_pylist() == [b"world", b"\xff\x00", b"hello", None]
    assert (await t.fetch_blob_ranges("img", [(ids[2], 0, 5)])).to_pylist() == [b"hello"]  # tuples too

    files = await t.fetch_blob_files("img", ids)
    assert files[1] is None
    assert [f.size() for f in (files[0], files[2], files[3])] == [1024, 11000, 0]
    assert await files[2].read() == IMAGES[2]
    assert await files[2].read() == IMAGES[2]  # a handle is not a cursor: every read is whole
    assert await files[2].read_range(6, 5) == b"world"
    assert await files[2].read_range(10995, 100) == b"world"  # cut at the end, as a file read
    assert await files[2].read_range(20000, 1) == b""


async def test_bad_blob_requests_name_what_was_wrong(db):
    t = await db.create_table("b", blob_rows())
    ids = await row_ids(t)
    with pytest.raises(LanceError.InvalidInput, match="'nope'"):
        await t.fetch_blobs("nope", ids)
    with pytest.raises(LanceError.InvalidInput, match="'id' is not a blob column"):
        await t.fetch_blobs("id", ids)
    with pytest.raises(LanceError.InvalidInput, match=r"missing row ids: \[999\]"):
        await t.fetch_blobs("img", [ids[0], 999])
    with pytest.raises(LanceError.InvalidInput, match="row id must not be negative"):
        await t.fetch_blobs("img", [-1])
    with pytest.raises(LanceError.InvalidInput, match="exceeds blob size"):
        await t.fetch_blob_ranges("img", [BlobRange(row_id=ids[0], offset=1000, length=100)])
    with pytest.raises(LanceError.InvalidInput, match="offset must not be negative"):
        await (await t.fetch_blob_files("img", ids[:1]))[0].read_range(-1, 1)
    assert await t.count_rows() == 4


async def test_blobs_read_the_same_in_both_sdks(db, tmp_path):
    # unilance writes, the official SDK reads; and the other way round.
    await db.create_table("ours", blob_rows())
    official = await lancedb.connect_async(db.uri())
    await official.create_table("theirs", blob_rows())
    for name in ("ours", "theirs"):
        mine, theirs = await db.open_table(name), await official.open_table(name)
        ids = await row_ids(mine)
        assert await theirs.blob_columns() == await mine.blob_columns() == ["img", "old"]
        for column in ("img", "old"):
            assert (await theirs.fetch_blobs(column, ids)).to_pylist() == (await mine.fetch_blobs(column, ids)).to_pylist() == IMAGES
