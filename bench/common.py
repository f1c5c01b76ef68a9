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


def merge_rows(ids, tag):
    """bench_merge's rows: `id`, `text` "<tag> <id>", `price` id / 2."""
    return pa.table({
        "id": pa.array(ids, pa.int64()),
        "text": pa.array([f"{tag} {i}" for i in ids]),
        "price": pa.array(ids.astype(np.float64) / 2),
    })


def merge_workload(n, m, appends, append_rows):
    """bench_merge's data: a table of `n` rows; `m` rows to merge on `id`, half of them updates of
    ids spread over the table, half new; and `appends` batches of `append_rows` rows."""
    base = merge_rows(np.arange(n), "old")
    updates = np.random.default_rng(0).choice(n, m // 2, replace=False)
    new = merge_rows(np.concatenate([updates, np.arange(n, n + m - m // 2)]), "new")
    batches = [merge_rows(np.arange(i * append_rows, (i + 1) * append_rows), "row") for i in range(appends)]
    return base, new, batches


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
