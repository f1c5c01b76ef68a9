"""Search QPS, unilance vs the official lancedb package, side by side in one run.

Full-text (BM25), hybrid (vector + full-text, RRF) and IVF_HNSW_SQ vector search on the same
100k short documents with 128-d vectors, each SDK on its own copy with the same indexes.
Repetitions are interleaved (ours, theirs, theirs, ours, ...) so that machine noise hits both
sides alike; the table shows the median QPS of each. Ratios > 1 favour unilance.

`--keep DIR` leaves unilance's table and the query set in DIR, and the figures in
DIR/results-python.json, so that bench/kotlin (SearchBench.kt) and bench/csharp/search run the
same queries on the same table (bench/run-search.sh does all of it).
"""

import argparse
import asyncio
import json
import os
import statistics
import tempfile
import time

import lancedb
import numpy as np
import pyarrow as pa
from lancedb.index import FTS, HnswSq

import unilance
from common import queries_per_second
from unilance import IndexConfig

DIM = 128


def documents(n, seed=0):
    """Short documents (4-12 words, Zipf-distributed over a 5000-word vocabulary) and vectors."""
    rng = np.random.default_rng(seed)
    vocabulary = np.array([f"w{i}" for i in range(5000)])
    ranks = np.minimum(rng.zipf(1.3, size=n * 12), 5000) - 1
    lengths = rng.integers(4, 13, size=n)
    text, at = [], 0
    for length in lengths:
        text.append(" ".join(vocabulary[ranks[at:at + length]]))
        at += length
    vectors = rng.random((n, DIM), dtype=np.float32)
    return pa.table({
        "id": pa.array(np.arange(n, dtype=np.int64)),
        "text": pa.array(text),
        "vector": pa.FixedSizeListArray.from_arrays(pa.array(vectors.ravel()), DIM),
    })


def query_set(n, seed=1):
    """n (text, vector) pairs: one or two mid-frequency words, a random vector."""
    rng = np.random.default_rng(seed)
    texts = [" ".join(f"w{w}" for w in rng.integers(5, 400, size=rng.integers(1, 3))) for _ in range(n)]
    return texts, [v for v in rng.random((n, DIM), dtype=np.float32)]


def cases(table, texts, vectors, ef):
    """name -> (queries, one query, in flight); the same queries for both SDKs."""
    fts = lambda t: table.query().nearest_to_text(t).select(["id"]).limit(10).to_arrow()
    hybrid = lambda p: (table.query().nearest_to(p[1]).nearest_to_text(p[0]).select(["id"]).limit(10)
                        .to_arrow())
    ann = lambda v: table.vector_search(v).ef(ef).select(["id"]).limit(10).to_arrow()
    pairs = list(zip(texts, vectors))
    return {
        "fts": (texts, fts, 1),
        "hybrid": (pairs, hybrid, 1),
        "ivf_hnsw_sq_1": (vectors, ann, 1),
        "ivf_hnsw_sq_8": (vectors, ann, 8),
    }


LABELS = {"fts": "FTS QPS, k=10", "hybrid": "hybrid QPS (vector + FTS, RRF), k=10",
          "ivf_hnsw_sq_1": "IVF_HNSW_SQ QPS k=10, 1 in flight", "ivf_hnsw_sq_8": "IVF_HNSW_SQ QPS k=10, 8 in flight"}


async def build(table, ours, args):
    start = time.perf_counter()
    if ours:
        await table.create_index("text", config=IndexConfig.FTS())
        await table.create_index("vector", config=IndexConfig.IVF_HNSW_SQ(
            num_partitions=args.partitions, m=args.m, ef_construction=args.ef_construction))
    else:
        await table.create_index("text", config=FTS())
        await table.create_index("vector", config=HnswSq(
            num_partitions=args.partitions, m=args.m, ef_construction=args.ef_construction))
    return time.perf_counter() - start


async def main(args):
    keep = args.keep or tempfile.mkdtemp(prefix="unilance-bench-search-")
    os.makedirs(keep, exist_ok=True)
    data = documents(args.rows)
    texts, vectors = query_set(args.queries)
    # Plain text, so that Kotlin and C# read it without a JSON library: "ef reps", then one
    # "text<TAB>v1 v2 ... v128" line per query.
    with open(os.path.join(keep, "queries.txt"), "w") as f:
        f.write(f"{args.ef} {args.reps}\n")
        for t, v in zip(texts, vectors):
            f.write(t + "\t" + " ".join(repr(float(x)) for x in v) + "\n")
    with tempfile.TemporaryDirectory() as theirs_dir:
        ours_db = await unilance.connect(os.path.join(keep, "db"))
        theirs_db = await lancedb.connect_async(theirs_dir)
        ours = await ours_db.create_table("docs", data, mode="overwrite")
        theirs = await theirs_db.create_table("docs", data)
        ours_build, theirs_build = await build(ours, True, args), await build(theirs, False, args)
        sides = {"unilance": cases(ours, texts, vectors, args.ef), "lancedb": cases(theirs, texts, vectors, args.ef)}
        for side in sides.values():  # warm caches and indexes
            for queries, one, _ in side.values():
                for q in queries[:10]:
                    await one(q)
        figures = {name: {"unilance": [], "lancedb": []} for name in LABELS}
        for rep in range(args.reps):
            order = ["unilance", "lancedb"] if rep % 2 == 0 else ["lancedb", "unilance"]
            for name in LABELS:
                for who in order:
                    queries, one, in_flight = sides[who][name]
                    figures[name][who].append(await queries_per_second(one, queries, in_flight))
        print(f"{args.rows // 1000}k documents x {DIM}-d, {args.queries} queries, median of {args.reps} "
              f"interleaved repetitions; index build {ours_build:.1f} s (unilance), {theirs_build:.1f} s (lancedb)")
        print(f"{'benchmark':<40} {'unilance':>10} {'lancedb':>10} {'ratio':>7}")
        medians = {}
        for name, label in LABELS.items():
            o, t = statistics.median(figures[name]["unilance"]), statistics.median(figures[name]["lancedb"])
            medians[name] = o
            print(f"{label:<40} {o:>10.1f} {t:>10.1f} {o / t:>6.2f}x", flush=True)
        with open(os.path.join(keep, "results-python.json"), "w") as f:
            json.dump(medians, f)
        await ours_db.close()
    print(f"table and queries kept in {keep}")


async def again(keep):
    """unilance alone on the table and queries `main` left in `keep`, each case once after a
    warm-up, into results-python.json: bench/run-search.sh alternates this with the Kotlin and
    C# runs, so that the three languages are compared minutes apart, not one after another."""
    with open(os.path.join(keep, "queries.txt")) as f:
        ef = int(f.readline().split()[0])
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    texts = [r[0] for r in rows]
    vectors = [np.array([float(x) for x in r[1].split()], dtype=np.float32) for r in rows]
    async with await unilance.connect(os.path.join(keep, "db")) as db:
        table = await db.open_table("docs")
        side = cases(table, texts, vectors, ef)
        for queries, one, in_flight in side.values():
            await queries_per_second(one, queries, in_flight)
        figures = {name: await queries_per_second(one, queries, in_flight)
                   for name, (queries, one, in_flight) in side.items()}
    for name, qps in figures.items():
        print(f"python {name:<16} {qps:10.1f} QPS")
    with open(os.path.join(keep, "results-python.json"), "w") as f:
        json.dump(figures, f)


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--queries", type=int, default=200)
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--partitions", type=int, default=2)
    p.add_argument("--m", type=int, default=20)
    p.add_argument("--ef-construction", type=int, default=150)
    p.add_argument("--ef", type=int, default=64)
    p.add_argument("--keep", help="directory to leave the table and queries in (for Kotlin and C#)")
    p.add_argument("--again", metavar="DIR", help="unilance alone on the table a run with --keep DIR left")
    a = p.parse_args()
    asyncio.run(again(a.again) if a.again else main(a))
