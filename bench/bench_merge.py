"""Table lifecycle speed: unilance vs the official lancedb package, side by side.

- merge_insert: merges M rows into a table of N rows on `id`, half of them updates of
  existing ids and half new ids (defaults: 100k into 1M).
- optimize after A small appends (default 500 appends of 100 rows): the appends, then one
  `optimize()` (compaction into few fragments), each timed.

Ratios > 1 favour unilance. Run through bench/run.sh (release build); a debug build gives
meaningless numbers.
"""

import argparse
import asyncio
import tempfile
import time

import lancedb
import numpy as np
import pyarrow as pa

import unilance


def rows(ids: np.ndarray, tag: str) -> pa.Table:
    return pa.table({
        "id": pa.array(ids, pa.int64()),
        "text": pa.array([f"{tag} {i}" for i in ids]),
        "price": pa.array(ids.astype(np.float64) / 2),
    })


async def main(args):
    n, m = args.rows, args.merge_rows
    base = rows(np.arange(n), "old")
    # Half the merged ids exist (spread over the table), half are new.
    updates = np.random.default_rng(0).choice(n, m // 2, replace=False)
    new_data = rows(np.concatenate([updates, np.arange(n, n + m - m // 2)]), "new")
    with tempfile.TemporaryDirectory() as ours_dir, tempfile.TemporaryDirectory() as theirs_dir:
        async with await unilance.connect(ours_dir) as ours_db:
            ours = await ours_db.create_table("t", base)
            start = time.perf_counter()
            result = await (ours.merge_insert("id").when_matched_update_all().when_not_matched_insert_all()
                            .execute(new_data))
            ours_s = time.perf_counter() - start
            assert (result.num_updated_rows, result.num_inserted_rows) == (m // 2, m - m // 2), result

        theirs = await (await lancedb.connect_async(theirs_dir)).create_table("t", base)
        start = time.perf_counter()
        result = await (theirs.merge_insert("id").when_matched_update_all().when_not_matched_insert_all()
                        .execute(new_data))
        theirs_s = time.perf_counter() - start
        assert (result.num_updated_rows, result.num_inserted_rows) == (m // 2, m - m // 2), result

    print(f"{'benchmark':<48} {'unilance':>12} {'lancedb':>12} {'unit':<8} {'ratio':>7}")
    report(f"merge_insert {m // 1000}k into {n // 1000}k (half updates)", ours_s, theirs_s)
    await appends_then_optimize(args.appends, args.append_rows)


def report(what: str, ours_s: float, theirs_s: float) -> None:
    print(f"{what:<48} {ours_s:>12.2f} {theirs_s:>12.2f} {'s':<8} {theirs_s / ours_s:>6.2f}x", flush=True)


async def appends_then_optimize(appends: int, size: int) -> None:
    """`appends` appends of `size` rows each, then optimize: the same work on both sides."""
    batches = [rows(np.arange(i * size, (i + 1) * size), "row") for i in range(appends)]

    async def run(table, stats_of):
        start = time.perf_counter()
        for batch in batches[1:]:
            await table.add(batch)
        appended = time.perf_counter() - start
        start = time.perf_counter()
        await table.optimize()
        optimized = time.perf_counter() - start
        assert await table.count_rows() == appends * size
        fragments = await stats_of(table)
        assert fragments < appends, fragments
        return appended, optimized

    async def our_fragments(t):
        return (await t.stats()).fragment_stats.num_fragments

    async def their_fragments(t):
        return (await t.stats())["fragment_stats"]["num_fragments"]

    with tempfile.TemporaryDirectory() as ours_dir, tempfile.TemporaryDirectory() as theirs_dir:
        async with await unilance.connect(ours_dir) as ours_db:
            ours = await run(await ours_db.create_table("a", batches[0]), our_fragments)
        theirs_db = await lancedb.connect_async(theirs_dir)
        theirs = await run(await theirs_db.create_table("a", batches[0]), their_fragments)
    report(f"{appends - 1} appends of {size} rows", ours[0], theirs[0])
    report(f"optimize after {appends} appends", ours[1], theirs[1])


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--merge-rows", type=int, default=100_000)
    p.add_argument("--appends", type=int, default=500)
    p.add_argument("--append-rows", type=int, default=100)
    asyncio.run(main(p.parse_args()))
