"""merge_insert (upsert) speed: unilance vs the official lancedb package, side by side.

Merges M rows into a table of N rows on `id`, half of them updates of existing ids and half
new ids (defaults: 100k into 1M). Ratios > 1 favour unilance. Run through bench/run.sh
(release build); a debug build gives meaningless numbers.
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

    what = f"merge_insert {m // 1000}k into {n // 1000}k (half updates)"
    print(f"{'benchmark':<48} {'unilance':>12} {'lancedb':>12} {'unit':<8} {'ratio':>7}")
    print(f"{what:<48} {ours_s:>12.2f} {theirs_s:>12.2f} {'s':<8} {theirs_s / ours_s:>6.2f}x", flush=True)


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--merge-rows", type=int, default=100_000)
    asyncio.run(main(p.parse_args()))
