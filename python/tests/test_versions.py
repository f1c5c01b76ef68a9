"""Versions and tags from Python: list, checkout by number or tag, restore, open at a version."""

from datetime import datetime, timedelta, timezone

import pyarrow as pa
import pytest

from unilance import LanceError


@pytest.fixture
async def history(db):
    """v1: ids 1-2; v1+1: id 3 added; v1+2: id 1 deleted."""
    t = await db.create_table("h", pa.table({"id": pa.array([1, 2], pa.int64())}))
    v1 = await t.version()
    await t.add({"id": [3]})
    await t.delete("id = 1")
    return t, v1


async def ids(table):
    return sorted((await table.query().to_arrow())["id"].to_pylist())


async def test_list_versions(history):
    t, v1 = history
    versions = await t.list_versions()
    assert [v.version for v in versions] == [v1, v1 + 1, v1 + 2]
    now = datetime.now(timezone.utc)
    for v in versions:
        assert now - timedelta(minutes=10) < v.timestamp.replace(tzinfo=timezone.utc) <= now + timedelta(seconds=5)
        assert isinstance(v.metadata, dict)


async def test_checkout_restore_and_open_at_version(db, history):
    t, v1 = history
    await t.checkout(v1)
    assert await ids(t) == [1, 2]
    await t.checkout_latest()
    assert await ids(t) == [2, 3]
    old = await db.open_table("h", version=v1 + 1)
    assert await old.version() == v1 + 1 and await ids(old) == [1, 2, 3]

    await t.restore(v1)
    assert await t.version() == v1 + 3
    assert await ids(t) == [1, 2]
    await t.checkout(v1 + 1)
    await t.restore()
    assert await ids(t) == [1, 2, 3]
    assert len(await t.list_versions()) == 5


async def test_tags(history):
    t, v1 = history
    tags = t.tags()
    await tags.create("first", v1)
    await tags.create("second", v1 + 1)
    listed = await tags.list()
    assert {name: tag.version for name, tag in listed.items()} == {"first": v1, "second": v1 + 1}
    assert await tags.get_version("second") == v1 + 1
    await t.checkout_tag("first")
    assert await ids(t) == [1, 2]
    await t.checkout_latest()
    await tags.update("first", v1 + 2)
    assert await tags.get_version("first") == v1 + 2
    await tags.delete("second")
    assert list(await tags.list()) == ["first"]


async def test_missing_version_and_tag_errors_change_nothing(db, history):
    t, v1 = history
    with pytest.raises(LanceError.InvalidInput, match=r"version 99 of table 'h' does not exist \(versions: 1, 2, 3\)"):
        await t.restore(99)
    with pytest.raises(LanceError.InvalidInput, match="version 99"):
        await t.checkout(99)
    with pytest.raises(LanceError.InvalidInput, match="version 99"):
        await db.open_table("h", version=99)
    with pytest.raises(LanceError.InvalidInput, match="tag 'nope' of table 'h' does not exist"):
        await t.checkout_tag("nope")
    with pytest.raises(LanceError.InvalidInput, match="tag 'nope'"):
        await t.tags().get_version("nope")
    await t.tags().create("a", v1)
    with pytest.raises(LanceError.InvalidInput, match="tag 'a' of table 'h' already exists"):
        await t.tags().create("a", v1 + 1)
    assert await t.version() == v1 + 2
    assert await ids(t) == [2, 3]
    assert len(await t.list_versions()) == 3
    assert await t.tags().get_version("a") == v1
