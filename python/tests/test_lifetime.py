"""Rust objects are freed when wrappers are closed or garbage-collected."""

import gc

import unilance
from unilance import _ffi

from conftest import make_table


def live():
    gc.collect()
    return _ffi.debug_live_objects()


async def test_forgotten_objects_are_freed_by_gc(tmp_path):
    before = live()
    db = await unilance.connect(str(tmp_path))
    await db.create_table("t", make_table(10))
    for _ in range(20):
        t = await db.open_table("t")
        q = t.query().where("id > 3").limit(2)
        assert (await q.to_arrow()).num_rows == 2
        async for _batch in t.query().to_batches():
            pass
    during = live()
    assert during.connections == before.connections + 1
    del t, q, db, _batch
    assert live() == before


async def test_close_then_gc_frees_everything(tmp_path):
    before = live()
    async with await unilance.connect(str(tmp_path)) as db:
        async with await db.create_table("t", make_table(10)) as t:
            assert await t.count_rows() == 10
    assert t.is_closed() and db.is_closed()
    del t, db
    assert live() == before
