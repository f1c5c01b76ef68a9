"""unilance (UniFFI) vs the official lancedb package (PyO3), side by side in one process.

The machine this runs on is shared and noisy, so no figure is one measurement: each is
sampled `--rounds` times, and the samples of unilance and of the official package alternate
(unilance first in even rounds, the official package first in odd ones), so that a busy
spell of the machine hits both sides alike. Printed per figure: the median sample, the
spread (min-max), and the ratio of the medians with the spread of the per-round ratios.
Ratios > 1 favour unilance. "N in flight" is N coroutines each making its calls one after
another, so a call ready at once keeps its coroutine running and the others wait, as in an
application. Run through bench/run.sh (release build), or with PYTHONPATH pointing at a staged
package (see run.sh).
"""

import argparse
import asyncio
import json
import os
import platform
import queue
import sys
import tempfile
import threading
import time

import lancedb
import numpy as np
from lancedb.index import IvfPq

import unilance
from common import DIM, fmt, in_parallel, queries_per_second, spread, vectors_table
from unilance import _ffi

async def us_per_call(make_call, n, in_flight):
    """Mean microseconds per call over `n` calls, `in_flight` at a time."""
    start = time.perf_counter()
    await in_parallel(lambda _: make_call(), range(n), in_flight)
    return (time.perf_counter() - start) / n * 1e6


class Figure:
    """One row: a sampler per side (`theirs` is None for unilance-only figures)."""

    def __init__(self, name, unit, higher_is_better, ours, theirs=None):
        self.name, self.unit, self.higher_is_better = name, unit, higher_is_better
        self.ours, self.theirs = ours, theirs
        self.ours_samples, self.theirs_samples = [], []

    def ratio(self, ours, theirs):
        return ours / theirs if self.higher_is_better else theirs / ours

    def summary(self):
        row = {"figure": self.name, "unit": self.unit, "unilance": spread(self.ours_samples)}
        if self.theirs_samples:
            row["lancedb"] = spread(self.theirs_samples)
            row["ratio"] = self.ratio(row["unilance"]["median"], row["lancedb"]["median"])
            per_round = [self.ratio(o, t) for o, t in zip(self.ours_samples, self.theirs_samples)]
            row["ratio_per_round"] = spread(per_round)
        return row


def print_table(figures, rounds):
    print(f"\nmedian [min-max] of {rounds} interleaved samples; ratio = ratio of the "
          f"medians [min-max of the per-round ratios], > 1 favours unilance")
    print(f"{'figure':<52} {'unit':<8} {'unilance':>26} {'lancedb':>26} {'ratio':>22}")
    for f in figures:
        s = f.summary()
        theirs = fmt(s["lancedb"]) if "lancedb" in s else ""
        ratio = (f"{s['ratio']:6.2f}x [{s['ratio_per_round']['min']:.2f}-"
                 f"{s['ratio_per_round']['max']:.2f}]") if "ratio" in s else ""
        print(f"{f.name:<52} {f.unit:<8} {fmt(s['unilance']):>26} {theirs:>26} {ratio:>22}",
              flush=True)


async def run_rounds(figures, rounds):
    for r in range(rounds):
        for f in figures:
            sides = [(f.ours, f.ours_samples)]
            if f.theirs is not None:
                sides.append((f.theirs, f.theirs_samples))
            if r % 2:
                sides.reverse()
            for sample, into in sides:
                into.append(await sample())
        print(f"  round {r + 1}/{rounds} done", file=sys.stderr, flush=True)


def asyncio_floor_figures(n):
    """What asyncio itself charges for the steps a UniFFI call may take."""
    helper_jobs = queue.SimpleQueue()

    def helper():
        while (job := helper_jobs.get()) is not None:
            job()

    thread = threading.Thread(target=helper, daemon=True)
    thread.start()

    async def loop_turn():
        return await us_per_call(lambda: asyncio.sleep(0), n, 1)

    async def self_wake():
        loop = asyncio.get_running_loop()

        def call():
            fut = loop.create_future()
            loop.call_soon_threadsafe(fut.set_result, None)
            return fut
        return await us_per_call(call, n, 1)

    async def cross_thread():
        loop = asyncio.get_running_loop()

        def call():
            fut = loop.create_future()
            helper_jobs.put(lambda: loop.call_soon_threadsafe(fut.set_result, None))
            return fut
        return await us_per_call(call, n, 1)

    return [
        Figure("asyncio: a loop turn (await asyncio.sleep(0))", "us/call", False, loop_turn),
        Figure("asyncio: call_soon_threadsafe from the loop + await", "us/call", False, self_wake),
        Figure("asyncio: completed by another Python thread", "us/call", False, cross_thread),
    ]


def describe_machine():
    lib = os.path.join(os.path.dirname(_ffi.__file__), "libunilance.so")
    real = os.path.realpath(lib)
    print(f"python {platform.python_version()}, lancedb {lancedb.__version__}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
    print(f"unilance library: {real} ({os.path.getsize(real) / 1e6:.0f} MB)")


async def main(args):
    describe_machine()
    with tempfile.TemporaryDirectory() as ours_dir, tempfile.TemporaryDirectory() as theirs_dir:
        ours_db = await unilance.connect(ours_dir)
        theirs_db = await lancedb.connect_async(theirs_dir)
        n = args.calls

        small = vectors_table(10)
        ours_small = await ours_db.create_table("small", small)
        theirs_small = await theirs_db.create_table("small", small)
        for _ in range(200):  # warm up both sides (caches, thread pools, the runtime)
            await ours_small.count_rows()
            await theirs_small.count_rows()
            await _ffi.debug_call(None, True)

        def calls(make_call, in_flight):
            return lambda: us_per_call(make_call, n, in_flight)

        figures = []
        for in_flight in (1, 64):
            figures.append(Figure(f"count_rows, {in_flight} in flight", "us/call", False,
                                  calls(ours_small.count_rows, in_flight),
                                  calls(theirs_small.count_rows, in_flight)))
        for in_flight in (1, 64):
            figures.append(Figure(f"bare call ready at its first poll, {in_flight} in flight",
                                  "us/call", False,
                                  calls(lambda: _ffi.debug_call(None, False), in_flight)))
            figures.append(Figure(f"bare call completed by a Tokio worker, {in_flight} in flight",
                                  "us/call", False,
                                  calls(lambda: _ffi.debug_call(None, True), in_flight)))
        figures += asyncio_floor_figures(n)

        one_shot = []  # (name, unit, ours, theirs, higher_is_better): a single measurement each
        if args.rows_search:
            data = vectors_table(args.rows_search, seed=1)
            ours_t = await ours_db.create_table("search", data)
            theirs_t = await theirs_db.create_table("search", data)
            rng = np.random.default_rng(2)
            queries = list(rng.random((args.queries, DIM), dtype=np.float32))

            async def ours_q(q):
                return await ours_t.vector_search(q).limit(10).to_arrow()

            async def theirs_q(q):
                return await theirs_t.query().nearest_to(q).limit(10).to_arrow()

            def search(query, qs, in_flight):
                return lambda: queries_per_second(query, qs, in_flight)

            # Every figure is sampled later, in run_rounds, after the index below is built: the
            # exhaustive search must bypass it explicitly (it once measured the IVF_PQ search).
            async def ours_flat(q):
                return await ours_t.vector_search(q).bypass_vector_index().limit(10).to_arrow()

            async def theirs_flat(q):
                return await theirs_t.query().nearest_to(q).bypass_vector_index().limit(10).to_arrow()

            label = f"{args.rows_search // 1000}k x {DIM}"
            if args.flat_queries:
                flat = queries[:args.flat_queries]
                figures.append(Figure(f"search k=10, {label}, no index (bypassed), 1 in flight", "QPS", True,
                                      search(ours_flat, flat, 1), search(theirs_flat, flat, 1)))
            start = time.perf_counter()
            await ours_t.create_index("vector", unilance.IndexConfig.IVF_PQ(
                num_partitions=args.partitions, num_sub_vectors=16))
            ours_build = time.perf_counter() - start
            start = time.perf_counter()
            await theirs_t.create_index("vector", config=IvfPq(
                num_partitions=args.partitions, num_sub_vectors=16))
            one_shot.append(("IVF_PQ index build", "s", ours_build,
                             time.perf_counter() - start, False))
            for q in queries[:5]:
                await ours_q(q)
                await theirs_q(q)
            for in_flight in (1, 8):
                figures.append(Figure(f"search k=10, {label}, IVF_PQ, {in_flight} in flight",
                                      "QPS", True, search(ours_q, queries, in_flight),
                                      search(theirs_q, queries, in_flight)))

        await run_rounds(figures, args.rounds)

        if args.rows_ingest:
            big = vectors_table(args.rows_ingest, seed=3)
            start = time.perf_counter()
            await ours_db.create_table("ingest", big)
            ours_s = time.perf_counter() - start
            start = time.perf_counter()
            await theirs_db.create_table("ingest", big)
            theirs_s = time.perf_counter() - start
            one_shot.append((f"ingest {args.rows_ingest // 1000}k x {DIM} from pyarrow", "krows/s",
                             args.rows_ingest / ours_s / 1000, args.rows_ingest / theirs_s / 1000,
                             True))
        await ours_db.close()

    print_table(figures, args.rounds)
    if one_shot:
        print("\none measurement each:")
        for name, unit, ours, theirs, higher in one_shot:
            ratio = ours / theirs if higher else theirs / ours
            print(f"{name:<52} {unit:<8} {ours:>9.1f} {theirs:>26.1f} {ratio:>9.2f}x")
    print(f"load average {os.getloadavg()[0]:.2f} at the end")
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"figures": [f.summary() for f in figures],
                       "one_shot": one_shot, "args": vars(args)}, out, indent=1)


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--rounds", type=int, default=7, help="interleaved samples per figure")
    p.add_argument("--calls", type=int, default=2000, help="calls per round-trip sample")
    p.add_argument("--rows-search", type=int, default=100_000, help="0: no search figures")
    p.add_argument("--queries", type=int, default=200, help="queries per IVF_PQ sample")
    p.add_argument("--flat-queries", type=int, default=10, help="per unindexed sample; 0: none")
    p.add_argument("--partitions", type=int, default=64)
    p.add_argument("--rows-ingest", type=int, default=1_000_000, help="0: no ingest figure")
    p.add_argument("--json", help="also write every sample to this file")
    asyncio.run(main(p.parse_args()))
