"""Evolved and optimized tables cross between unilance and the official lancedb unchanged,
with list, struct, timestamp-with-time-zone and float16-vector columns."""

import datetime

import lancedb
import numpy as np
import pyarrow as pa

import unilance


def rich(n: int = 50) -> pa.Table:
    rng = np.random.default_rng(5)
    halves = rng.random(n * 4).astype(np.float16)
    return pa.table({
        "id": pa.array(range(n), pa.int64()),
        "tags": pa.array([[f"t{i}", None] if i % 3 else None for i in range(n)], pa.list_(pa.string())),
        "point": pa.array([{"x": i, "y": float(i) / 2} if i % 4 else None for i in range(n)],
                          pa.struct([("x", pa.int32()), ("y", pa.float64())])),
        "at": pa.array([i * 1_000_000 for i in range(n)], pa.timestamp("us", "Europe/Paris")),
        "vector": pa.FixedSizeListArray.from_arrays(pa.array(halves, pa.float16()), 4),
        "drop_me": pa.array(range(n), pa.int32()),
    })


def evolved(data: pa.Table) -> pa.Table:
    """What both SDKs' evolution steps below make of `data`."""
    return (data.drop_columns(["drop_me"])
            .rename_columns(["id", "labels", "point", "at", "vector"])
            .append_column("twice", pa.compute.multiply(data["id"], 2)))


async def test_official_reads_a_table_unilance_evolved_and_optimized(tmp_path):
    data = rich()
    async with unilance.connect(str(tmp_path)) as db:
        t = await db.create_table("ours", data.slice(0, 25))
        await t.add(data.slice(25))
        await t.add_columns({"twice": "id * 2"})
        await t.alter_columns({"path": "tags", "rename": "labels"})
        await t.drop_columns(["drop_me"])
        stats = await t.optimize(cleanup_older_than=datetime.timedelta(0))
        assert stats.compaction.fragments_removed == 2
    theirs = lancedb.connect(str(tmp_path)).open_table("ours").to_arrow().sort_by("id")
    assert theirs.equals(evolved(data))


async def test_unilance_reads_a_table_the_official_sdk_evolved_and_optimized(tmp_path):
    data = rich()
    official = lancedb.connect(str(tmp_path))
    table = official.create_table("theirs", data.slice(0, 25))
    table.add(data.slice(25))
    table.add_columns({"twice": "id * 2"})
    table.alter_columns({"path": "tags", "rename": "labels"})
    table.drop_columns(["drop_me"])
    table.optimize(cleanup_older_than=datetime.timedelta(0))
    async with unilance.connect(str(tmp_path)) as db:
        t = await db.open_table("theirs")
        assert (await t.stats()).fragment_stats.num_fragments == 1
        ours = (await t.to_arrow()).sort_by("id")
    assert ours.equals(evolved(data))
