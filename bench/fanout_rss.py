"""Peak memory of many concurrent vector searches: unilance vs the official lancedb.

Each (package, in-flight) pair runs in a fresh child interpreter over the same 20k x 128
table (no index), so its peak RSS (ru_maxrss) is its own. unilance admits heavy reads
through a per-connection limit (two per core by default); every other search waits in a
queue holding no buffers. Not run by CI:

    PYTHONPATH=<dir with the unilance package> python3 bench/fanout_rss.py [50 200 2000]

bench/run.sh stages a release build; with scripts/build.sh's debug build use
PYTHONPATH=python (searches are ~10x slower, memory is comparable).
"""

import asyncio
import json
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np
import pyarrow as pa

ROWS, DIM = 20_000, 128


def child(package, uri, in_flight):
    rng = np.random.default_rng(1)
    queries = rng.random((in_flight, DIM), dtype=np.float32)

    async def run():
        if package == "unilance":
            import unilance
            db = await unilance.connect(uri)
            table = await db.open_table("t")
            search = lambda q: table.vector_search(q).limit(10).to_arrow()
        else:
            import lancedb
            db = await lancedb.connect_async(uri)
            table = await db.open_table("t")
            search = lambda q: table.query().nearest_to(q).limit(10).to_arrow()
        start = time.perf_counter()
        results = await asyncio.gather(*(search(q) for q in queries))
        assert all(r.num_rows == 10 for r in results)
        return time.perf_counter() - start

    seconds = asyncio.run(run())
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb}))


def main(counts):
    import lancedb
    with tempfile.TemporaryDirectory() as uri:
        rng = np.random.default_rng(0)
        v = rng.random((ROWS, DIM), dtype=np.float32)
        lancedb.connect(uri).create_table("t", pa.table({
            "id": pa.array(np.arange(ROWS, dtype=np.int64)),
            "vector": pa.FixedSizeListArray.from_arrays(pa.array(v.ravel()), DIM),
        }))
        print(f"{'in flight':>9} {'package':<9} {'peak RSS MB':>12} {'seconds':>8}")
        for n in counts:
            for package in ("unilance", "lancedb"):
                proc = subprocess.run([sys.executable, __file__, "--child", package, uri, str(n)],
                                      capture_output=True, text=True)
                if proc.returncode != 0:
                    print(f"{n:>9} {package:<9} died ({proc.returncode}): {proc.stderr.strip()[-200:]}")
                    continue
                out = json.loads(proc.stdout.strip().splitlines()[-1])
                print(f"{n:>9} {package:<9} {out['peak_mb']:>12.0f} {out['seconds']:>8.2f}", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        main([int(a) for a in sys.argv[1:]] or [50, 200, 2000])
