"""Recall@k of each ANN index kind: unilance vs the official lancedb package, same parameters.

Each SDK builds its own index on the same random vectors; recall is measured against exact
(numpy) neighbours, for two query settings: the defaults (no probe count given: both SDKs probe
20 partitions) and a fixed `nprobes`. IVF/PQ training is random, so the two recalls differ by
noise only; the issue's goal is |difference| <= 0.01 at 50k x 128. Exits 1 if a kind is further
apart than --tolerance. Recall does not depend on the build profile: the debug build gives the
same figures, only slower (`python3 bench/recall.py --rows 3000 --dim 32` is a smoke run).

Only a range of probes (`minimum_nprobes` below `maximum_nprobes`) differs by engine: lance 13
(in the official 0.40 wheel) starts from every partition whose centroid is within 7x the
nearest one's distance, lance 14 (LanceDB 0.41, unilance) from a calibrated adaptive budget, so
IVF_FLAT/IVF_SQ recall with `minimum_nprobes(4)` alone was 0.89 vs 1.00 at 3k x 32. Fixed
probe counts and the defaults search the same partitions in both.

The data: `clustered` (default) draws vectors and queries from a mixture of Gaussian clusters,
as embeddings of real documents are; `uniform` draws them uniformly from the unit cube, where
no partitioning helps (recall of every IVF kind is low and swings by +-0.03 between two
trainings of the same index). Two k-means trainings still differ, so `--trainings N` builds each
index N times per SDK (a new random training each time) and compares the mean recalls.
"""

import argparse
import asyncio
import sys
import tempfile

import lancedb
import numpy as np
import pyarrow as pa
from lancedb.index import HnswFlat, HnswPq, HnswSq, IvfFlat, IvfPq, IvfRq, IvfSq

import unilance
from unilance import IndexConfig


def kinds(dim, parts):
    sub = max(1, dim // 16)
    return [
        ("IVF_FLAT", IndexConfig.IVF_FLAT(num_partitions=parts), IvfFlat(num_partitions=parts), {}),
        ("IVF_PQ", IndexConfig.IVF_PQ(num_partitions=parts, num_sub_vectors=sub),
         IvfPq(num_partitions=parts, num_sub_vectors=sub), {"refine_factor": 5}),
        ("IVF_SQ", IndexConfig.IVF_SQ(num_partitions=parts), IvfSq(num_partitions=parts), {}),
        ("IVF_RQ", IndexConfig.IVF_RQ(num_partitions=parts), IvfRq(num_partitions=parts), {}),
        ("IVF_HNSW_SQ", IndexConfig.IVF_HNSW_SQ(num_partitions=2, m=16, ef_construction=150),
         HnswSq(num_partitions=2, m=16, ef_construction=150), {"ef": 64}),
        ("IVF_HNSW_PQ", IndexConfig.IVF_HNSW_PQ(num_partitions=2, num_sub_vectors=sub, m=16, ef_construction=150),
         HnswPq(num_partitions=2, num_sub_vectors=sub, m=16, ef_construction=150), {"ef": 64}),
        ("IVF_HNSW_FLAT", IndexConfig.IVF_HNSW_FLAT(num_partitions=2, m=16, ef_construction=150),
         HnswFlat(num_partitions=2, m=16, ef_construction=150), {"ef": 64}),
    ]


def settings(nprobes):
    """(label, query options): the defaults, then a fixed probe count."""
    return [("defaults", {}), (f"nprobes={nprobes}", {"nprobes": nprobes})]


def tune(search, opts, setting):
    search = search.select(["id"])
    for name, value in {**opts, **setting}.items():
        search = getattr(search, name)(value)
    return search


async def recall(table, queries, truth, k, opts, setting):
    hits = 0
    for q, expected in zip(queries, truth):
        got = await tune(table.vector_search(q), opts, setting).limit(k).to_arrow()
        hits += len(set(got["id"].to_pylist()) & set(expected))
    return hits / (k * len(queries))


def dataset(a):
    """(vectors, queries) as float32 arrays, queries drawn like the vectors but not among them."""
    rng = np.random.default_rng(1)
    if a.data == "uniform":
        return (rng.random((a.rows, a.dim), dtype=np.float32),
                rng.random((a.queries, a.dim), dtype=np.float32))
    centres = rng.normal(size=(a.clusters, a.dim)).astype(np.float32)

    def draw(n):
        return centres[rng.integers(a.clusters, size=n)] + rng.normal(scale=0.4, size=(n, a.dim)).astype(np.float32)

    return draw(a.rows), draw(a.queries)


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("--rows", type=int, default=50_000)
    p.add_argument("--dim", type=int, default=128)
    p.add_argument("--queries", type=int, default=100)
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--partitions", type=int, default=64)
    p.add_argument("--nprobes", type=int, default=8)
    p.add_argument("--tolerance", type=float, default=0.01)
    p.add_argument("--data", choices=["clustered", "uniform"], default="clustered")
    p.add_argument("--clusters", type=int, default=1000, help="clusters of --data clustered")
    p.add_argument("--trainings", type=int, default=1, help="index builds per kind and SDK, recall averaged")
    a = p.parse_args()
    vectors, queries = dataset(a)
    truth = [np.argsort(((vectors - q) ** 2).sum(axis=1), kind="stable")[:a.k].tolist() for q in queries]
    data = pa.table({"id": pa.array(np.arange(a.rows, dtype=np.int64)),
                     "vector": pa.FixedSizeListArray.from_arrays(pa.array(vectors.ravel()), a.dim)})
    print(f"recall@{a.k}, {a.rows} x {a.dim} {a.data}, {a.queries} queries, {a.partitions} IVF partitions,"
          f" mean of {a.trainings} training(s) per index")
    print(f"{'index':<14} {'query':<11} {'unilance':>9} {'official':>9} {'diff':>7}")
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        async with await unilance.connect(f"{tmp}/ours") as db:
            theirs_db = await lancedb.connect_async(f"{tmp}/theirs")
            for name, ours_cfg, theirs_cfg, opts in kinds(a.dim, a.partitions):
                labels = settings(a.nprobes) if "HNSW" not in name else [("defaults", {})]
                sums = {label: [0.0, 0.0] for label, _ in labels}
                for _ in range(a.trainings):
                    ours = await db.create_table(name, data)
                    theirs = await theirs_db.create_table(name, data)
                    await ours.create_index("vector", config=ours_cfg)
                    await theirs.create_index("vector", config=theirs_cfg)
                    for label, setting in labels:
                        sums[label][0] += await recall(ours, queries, truth, a.k, opts, setting)
                        sums[label][1] += await recall(theirs, queries, truth, a.k, opts, setting)
                    await db.drop_table(name)
                    await theirs_db.drop_table(name)
                for label, _ in labels:
                    r_ours, r_theirs = (total / a.trainings for total in sums[label])
                    worst = max(worst, abs(r_ours - r_theirs))
                    print(f"{name:<14} {label:<11} {r_ours:>9.3f} {r_theirs:>9.3f} {r_ours - r_theirs:>+7.3f}",
                          flush=True)
    print(f"largest difference {worst:.3f} (tolerance {a.tolerance})")
    return 0 if worst <= a.tolerance else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
