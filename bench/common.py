"""What the Python benchmarks share: the vector table they all search, and running calls with a
fixed number in flight (that many coroutines each making one call after another, as an
application's callers do: no task per call, whose creation would be charged to both SDKs)."""

import asyncio
import statistics
import time

import numpy as np
import pyarrow as pa

DIM = 128


def vectors_table(n, start=0, seed=0, dim=DIM):
    """`n` rows: `id` from `start`, `text` "doc <id>", `vector` uniform random float32."""
    rng = np.random.default_rng(seed)
    v = rng.random((n, dim), dtype=np.float32)
    return pa.table({
        "id": pa.array(np.arange(start, start + n, dtype=np.int64)),
        "text": pa.array([f"doc {i}" for i in range(start, start + n)]),
        "vector": pa.FixedSizeListArray.from_arrays(pa.array(v.ravel()), dim),
    })


def spread(samples):
    """The median of `samples` with their range (and the samples themselves)."""
    return {"median": statistics.median(samples), "min": min(samples), "max": max(samples),
            "samples": samples}


def fmt(s, digits=1, width=9):
    """A `spread` as "median [min-max]"."""
    return f"{s['median']:{width}.{digits}f} [{s['min']:.{digits}f}-{s['max']:.{digits}f}]"


async def in_parallel(work, items, in_flight):
    """Runs `await work(item)` for every item, `in_flight` at a time."""
    items = iter(items)

    async def worker():
        for item in items:
            await work(item)
    if in_flight == 1:
        await worker()
    else:
        await asyncio.gather(*(worker() for _ in range(in_flight)))


async def queries_per_second(work, queries, in_flight):
    """Queries per second of `work` over every query, `in_flight` at a time."""
    start = time.perf_counter()
    await in_parallel(work, queries, in_flight)
    return len(queries) / (time.perf_counter() - start)
