"""Table lifecycle speed: unilance vs the official lancedb package, side by side.

- merge_insert: merges M rows into a table of N rows on `id`, half of them updates of
  existing ids and half new ids (defaults: 100k into 1M).
- optimize after A small appends (default 500 appends of 100 rows): the appends, then one
  `optimize()` (compaction into few fragments), each timed.

Each figure is the median of `--reps` repetitions on fresh tables, the two SDKs alternating
(unilance first in even repetitions, the official one first in odd ones), printed with the
spread. Ratios > 1 favour unilance. Run through bench/run.sh (release build); a debug build
gives meaningless numbers.
"""

import argparse
import asyncio
import tempfile
import time

import lancedb

import unilance
from common import fmt, merge_workload, spread


class Ours:
    name = "unilance"

    async def connect(self, path):
        self.db = await unilance.connect(path)

    async def close(self):
        await self.db.close()

    async def create(self, data):
        return await self.db.create_table("t", data)

    @staticmethod
    async def fragments(table):
        return (await table.stats()).fragment_stats.num_fragments


class Theirs:
    name = "lancedb"

    async def connect(self, path):
        self.db = await lancedb.connect_async(path)

    async def close(self):
        pass

    async def create(self, data):
        return await self.db.create_table("t", data)

    @staticmethod
    async def fragments(table):
        return (await table.stats())["fragment_stats"]["num_fragments"]


async def one_repetition(sdk, base, new_data, expected, batches):
    """{figure: seconds} of one SDK on fresh tables."""
    with tempfile.TemporaryDirectory() as path:
        await sdk.connect(path)
        try:
            table = await sdk.create(base)
            start = time.perf_counter()
            result = await (table.merge_insert("id").when_matched_update_all().when_not_matched_insert_all()
                            .execute(new_data))
            merged = time.perf_counter() - start
            assert (result.num_updated_rows, result.num_inserted_rows) == expected, result

            table = await sdk.db.create_table("a", batches[0])
            start = time.perf_counter()
            for batch in batches[1:]:
                await table.add(batch)
            appended = time.perf_counter() - start
            start = time.perf_counter()
            await table.optimize()
            optimized = time.perf_counter() - start
            assert await table.count_rows() == sum(b.num_rows for b in batches)
            assert await sdk.fragments(table) < len(batches)
        finally:
            await sdk.close()
    return {"merge": merged, "appends": appended, "optimize": optimized}


async def main(args):
    n, m = args.rows, args.merge_rows
    # Half the merged ids exist (spread over the table), half are new.
    base, new_data, batches = merge_workload(n, m, args.appends, args.append_rows)
    expected = (m // 2, m - m // 2)
    size = args.append_rows
    samples = {"unilance": [], "lancedb": []}
    for rep in range(args.reps):
        sdks = [Ours(), Theirs()] if rep % 2 == 0 else [Theirs(), Ours()]
        for sdk in sdks:
            samples[sdk.name].append(await one_repetition(sdk, base, new_data, expected, batches))
    names = {"merge": f"merge_insert {m // 1000}k into {n // 1000}k (half updates)",
             "appends": f"{args.appends - 1} appends of {size} rows",
             "optimize": f"optimize after {args.appends} appends"}
    print(f"seconds, median [min-max] of {args.reps} repetitions, the SDKs alternating; ratio > 1 favours unilance")
    print(f"{'benchmark':<44} {'unilance':>20} {'lancedb':>20} {'ratio':>7}")
    for key, label in names.items():
        ours = spread([s[key] for s in samples["unilance"]])
        theirs = spread([s[key] for s in samples["lancedb"]])
        print(f"{label:<44} {fmt(ours, 3, 0):>20} {fmt(theirs, 3, 0):>20} "
              f"{theirs['median'] / ours['median']:>6.2f}x", flush=True)


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--merge-rows", type=int, default=100_000)
    p.add_argument("--appends", type=int, default=500)
    p.add_argument("--append-rows", type=int, default=100)
    p.add_argument("--reps", type=int, default=5)
    asyncio.run(main(p.parse_args()))
