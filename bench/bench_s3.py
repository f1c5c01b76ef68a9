"""Object storage: ingest and search on S3 (SeaweedFS on 127.0.0.1, scripts/s3.sh) against a local
directory, unilance against the official lancedb package, side by side in one run.

Each figure is the median of `--repeat` runs. Ingest: create a table of `--rows` 128-d vectors
(one call) and add as many again in `--batches` appends: rows per second over both. Search: a
flat (unindexed) top-10 vector search, one at a time and 8 in flight: queries per second.
Ratios > 1 favour unilance. Needs UNILANCE_S3_* (bench/run.sh starts the server).
"""

import argparse
import asyncio
import os
import shutil
import statistics
import tempfile
import time
import uuid

import lancedb
import numpy as np

import unilance
from common import DIM, queries_per_second, vectors_table



def s3_options():
    env = os.environ
    missing = [v for v in ("UNILANCE_S3_ENDPOINT", "UNILANCE_S3_BUCKET") if not env.get(v)]
    if missing:
        raise SystemExit(f"{', '.join(missing)} not set: start the server with `source scripts/s3.sh start`")
    return env["UNILANCE_S3_BUCKET"], {
        "endpoint": env["UNILANCE_S3_ENDPOINT"], "allow_http": "true", "region": env["UNILANCE_S3_REGION"],
        "aws_access_key_id": env["UNILANCE_S3_ACCESS_KEY"], "aws_secret_access_key": env["UNILANCE_S3_SECRET_KEY"]}


class Ours:
    name = "unilance"

    async def connect(self, uri, options):
        self.db = await unilance.connect(uri, storage_options=options)

    async def create(self, data):
        self.table = await self.db.create_table("t", data)

    async def add(self, data):
        await self.table.add(data)

    async def search(self, q):
        return await self.table.vector_search(q).limit(10).select(["id"]).to_arrow()

    async def count(self):
        return await self.table.count_rows()

    async def close(self):
        await self.table.close()
        await self.db.close()


class Theirs(Ours):
    name = "lancedb"

    async def connect(self, uri, options):
        self.db = await lancedb.connect_async(uri, storage_options=options)

    async def search(self, q):
        return await self.table.query().nearest_to(q).limit(10).select(["id"]).to_arrow()

    async def close(self):
        self.table.close()
        self.db.close()


async def one_run(sdk, uri, options, args, queries):
    first = vectors_table(args.rows, seed=1)
    batches = [vectors_table(args.rows // args.batches, start=args.rows + i * (args.rows // args.batches), seed=2 + i)
               for i in range(args.batches)]
    await sdk.connect(uri, options)
    start = time.perf_counter()
    await sdk.create(first)
    for b in batches:
        await sdk.add(b)
    ingest = (first.num_rows + sum(b.num_rows for b in batches)) / (time.perf_counter() - start)
    assert await sdk.count() == first.num_rows + sum(b.num_rows for b in batches)
    for q in queries[:3]:
        await sdk.search(q)
    start = time.perf_counter()
    for q in queries:
        await sdk.search(q)
    sequential = len(queries) / (time.perf_counter() - start)
    concurrent = await queries_per_second(sdk.search, queries, 8)
    await sdk.close()
    return {"ingest rows/s": ingest, "search QPS (1 at a time)": sequential, "search QPS (8 in flight)": concurrent}


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--batches", type=int, default=4)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    bucket, options = s3_options()
    queries = np.random.default_rng(9).random((args.queries, DIM), dtype=np.float32)
    print(f"{args.rows} + {args.rows} rows of {DIM}-d vectors in {args.batches} appends; "
          f"{args.queries} flat top-10 searches; median of {args.repeat} runs")
    print(f"{'store':<6} {'metric':<28} {'unilance':>10} {'lancedb':>10} {'ratio':>7}")
    for store in ("local", "s3"):
        results = {"unilance": [], "lancedb": []}
        for _ in range(args.repeat):
            for sdk in (Ours(), Theirs()):  # alternated, so neither always runs on a warmer machine
                if store == "local":
                    tmp = tempfile.mkdtemp(prefix="bench-s3-")
                    try:
                        results[sdk.name].append(await one_run(sdk, tmp, {}, args, queries))
                    finally:
                        shutil.rmtree(tmp, ignore_errors=True)
                else:
                    uri = f"s3://{bucket}/bench-{sdk.name}-{uuid.uuid4().hex}"
                    results[sdk.name].append(await one_run(sdk, uri, options, args, queries))
        for metric in results["unilance"][0]:
            ours = statistics.median(r[metric] for r in results["unilance"])
            theirs = statistics.median(r[metric] for r in results["lancedb"])
            print(f"{store:<6} {metric:<28} {ours:>10.1f} {theirs:>10.1f} {ours / theirs:>6.2f}x", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
