"""unilance (UniFFI) vs the official lancedb package (PyO3), side by side in one run.

Prints one table; ratios > 1 favour unilance. Run through bench/run.sh (release build).
"""

import argparse
import asyncio
import tempfile
import time

import lancedb
import numpy as np
import pyarrow as pa
from lancedb.index import IvfPq

import unilance
from unilance import _ffi

DIM = 128
rows_out = []


def report(what, ours, theirs, unit, higher_is_better):
    ratio = (ours / theirs) if higher_is_better else (theirs / ours)
    rows_out.append((what, ours, theirs, unit, ratio))
    print(f"{what:<48} {ours:>12.1f} {theirs:>12.1f} {unit:<8} {ratio:>6.2f}x", flush=True)


def vectors_table(n, seed=0):
    rng = np.random.default_rng(seed)
    v = rng.random((n, DIM), dtype=np.float32)
    return pa.table({
        "id": pa.array(np.arange(n, dtype=np.int64)),
        "text": pa.array([f"doc {i}" for i in range(n)]),
        "vector": pa.FixedSizeListArray.from_arrays(pa.array(v.ravel()), DIM),
    })


async def per_call_us(make_call, n, in_flight):
    for _ in range(min(200, n)):
        await make_call()
    start = time.perf_counter()
    if in_flight == 1:
        for _ in range(n):
            await make_call()
    else:
        sem = asyncio.Semaphore(in_flight)

        async def one():
            async with sem:
                await make_call()
        await asyncio.gather(*(one() for _ in range(n)))
    return (time.perf_counter() - start) / n * 1e6


async def qps(make_query, queries, in_flight=1):
    for q in queries[:5]:
        await make_query(q)
    start = time.perf_counter()
    if in_flight == 1:
        for q in queries:
            await make_query(q)
    else:
        sem = asyncio.Semaphore(in_flight)

        async def one(q):
            async with sem:
                await make_query(q)
        await asyncio.gather(*(one(q) for q in queries))
    return len(queries) / (time.perf_counter() - start)


async def main(args):
    with tempfile.TemporaryDirectory() as ours_dir, tempfile.TemporaryDirectory() as theirs_dir:
        ours_db = await unilance.connect(ours_dir)
        theirs_db = await lancedb.connect_async(theirs_dir)
        print(f"{'benchmark':<48} {'unilance':>12} {'lancedb':>12} {'unit':<8} {'ratio':>7}")

        # (1) async round trip on a 10-row table.
        small = vectors_table(10)
        ours_small = await ours_db.create_table("small", small)
        theirs_small = await theirs_db.create_table("small", small)
        n = args.calls
        for in_flight in (1, 64):
            o = await per_call_us(ours_small.count_rows, n, in_flight)
            t = await per_call_us(theirs_small.count_rows, n, in_flight)
            report(f"count_rows round trip, {in_flight} in flight", o, t, "us/call", False)
        # The two halves of our placement policy, as bare calls (no lancedb on the other side).
        for in_flight in (1, 64):
            inline = await per_call_us(lambda: _ffi.debug_call(None, False), n, in_flight)
            hop = await per_call_us(lambda: _ffi.debug_call(None, True), n, in_flight)
            print(f"  unilance bare async call, {in_flight:>2} in flight: ready at first poll "
                  f"{inline:.1f} us, completed by a Tokio worker {hop:.1f} us")

        # (2) vector search QPS, k=10, 100k x 128.
        data = vectors_table(args.rows_search, seed=1)
        ours_t = await ours_db.create_table("search", data)
        theirs_t = await theirs_db.create_table("search", data)
        rng = np.random.default_rng(2)
        queries = [q for q in rng.random((args.queries, DIM), dtype=np.float32)]

        async def ours_q(q):
            return await ours_t.vector_search(q).limit(10).to_arrow()

        async def theirs_q(q):
            return await theirs_t.query().nearest_to(q).limit(10).to_arrow()

        label = f"{args.rows_search // 1000}k x {DIM}"
        report(f"search QPS k=10, {label}, no index", await qps(ours_q, queries[:args.flat_queries]),
               await qps(theirs_q, queries[:args.flat_queries]), "QPS", True)
        start = time.perf_counter()
        await ours_t.create_index("vector", unilance.IndexConfig.IVF_PQ(
            num_partitions=args.partitions, num_sub_vectors=16))
        ours_build = time.perf_counter() - start
        start = time.perf_counter()
        await theirs_t.create_index("vector", config=IvfPq(num_partitions=args.partitions, num_sub_vectors=16))
        theirs_build = time.perf_counter() - start
        report("IVF_PQ index build", ours_build, theirs_build, "s", False)
        for in_flight in (1, 8):
            report(f"search QPS k=10, {label}, IVF_PQ, {in_flight} in flight",
                   await qps(ours_q, queries, in_flight), await qps(theirs_q, queries, in_flight), "QPS", True)

        # (3) ingest from pyarrow.
        big = vectors_table(args.rows_ingest, seed=3)
        start = time.perf_counter()
        await ours_db.create_table("ingest", big)
        ours_s = time.perf_counter() - start
        start = time.perf_counter()
        await theirs_db.create_table("ingest", big)
        theirs_s = time.perf_counter() - start
        report(f"ingest {args.rows_ingest // 1000}k x {DIM} from pyarrow", args.rows_ingest / ours_s / 1000,
               args.rows_ingest / theirs_s / 1000, "krows/s", True)
        await ours_db.close()


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--calls", type=int, default=3000)
    p.add_argument("--rows-search", type=int, default=100_000)
    p.add_argument("--queries", type=int, default=500)
    p.add_argument("--flat-queries", type=int, default=50)
    p.add_argument("--partitions", type=int, default=64)
    p.add_argument("--rows-ingest", type=int, default=1_000_000)
    asyncio.run(main(p.parse_args()))
