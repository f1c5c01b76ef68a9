"""A RecordBatchReader is written while it is read: Rust pulls it on a writer thread (taking
the GIL per batch), not into memory on the caller's thread first."""

import threading

import pyarrow as pa
import pytest

from unilance import LanceError

SCHEMA = pa.schema([pa.field("i", pa.int64())])


def batches(count, seen_threads, fail_at=None):
    for n in range(count):
        seen_threads.add(threading.current_thread() is threading.main_thread())
        if n == fail_at:
            raise ValueError("producer failed")
        yield pa.record_batch([pa.array(range(n * 100, (n + 1) * 100), pa.int64())], schema=SCHEMA)


async def test_reader_is_pulled_while_writing_not_drained_first(db):
    on_main = set()
    t = await db.create_table("s", pa.RecordBatchReader.from_batches(SCHEMA, batches(30, on_main)))
    assert on_main == {False}  # every batch was pulled by the writer, off the caller's thread
    on_main.clear()
    await t.add(pa.RecordBatchReader.from_batches(SCHEMA, batches(30, on_main)))
    assert on_main == {False}
    assert await t.count_rows() == 6000
    assert sorted((await t.to_arrow())["i"].to_pylist())[-1] == 2999


async def test_a_failing_producer_fails_the_write_and_changes_nothing(db):
    t = await db.create_table("s", pa.table({"i": pa.array([1, 2], pa.int64())}))
    version = await t.version()
    with pytest.raises(LanceError, match="producer failed"):
        await t.add(pa.RecordBatchReader.from_batches(SCHEMA, batches(10, set(), fail_at=5)))
    assert await t.version() == version
    assert await t.count_rows() == 2


async def test_a_create_whose_producer_fails_creates_no_table(db):
    # Five batches are written before the producer fails: no version is committed, so there is
    # no table to open, and the name can be created.
    with pytest.raises(LanceError, match="producer failed"):
        await db.create_table("half", pa.RecordBatchReader.from_batches(SCHEMA, batches(10, set(), fail_at=5)))
    with pytest.raises(LanceError.TableNotFound):
        await db.open_table("half")
    t = await db.create_table("half", pa.RecordBatchReader.from_batches(SCHEMA, batches(3, set())))
    assert await t.count_rows() == 300


async def test_a_failed_overwrite_keeps_the_table(db):
    t = await db.create_table("kept", pa.table({"i": pa.array([1, 2], pa.int64())}))
    with pytest.raises(LanceError, match="producer failed"):
        await db.create_table("kept", pa.RecordBatchReader.from_batches(SCHEMA, batches(10, set(), fail_at=5)),
                              mode="overwrite")
    assert "kept" in await db.table_names()
    assert (await (await db.open_table("kept")).to_arrow())["i"].to_pylist() == [1, 2]
    assert await t.count_rows() == 2
