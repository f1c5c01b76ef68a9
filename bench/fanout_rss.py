"""Peak memory of many concurrent vector searches: unilance vs the official lancedb.

Each (package, in-flight) pair runs in a fresh child interpreter over the same 20k x 128
table (no index), so its peak RSS (ru_maxrss) is its own. unilance admits heavy reads
through a per-connection limit (two per core by default); every other search waits in a
queue holding no buffers. `unilance-unlimited` lifts the limit, as every read was before. Not run by CI:

    PYTHONPATH=<dir with the unilance package> python3 bench/fanout_rss.py [50 200 2000]

bench/run.sh stages a release build; with scripts/build.sh's debug build use
PYTHONPATH=python (searches are ~10x slower, memory is comparable).
"""

import asyncio
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np
import pyarrow as pa

ROWS, DIM = 20_000, 128


# Heap cap per child (RLIMIT_DATA): a package that needs more fails alone instead of
# making the kernel's OOM killer pick among everything else on the machine.
CAP_GB = float(os.environ.get("FANOUT_CAP_GB", "6"))


def child(package, uri, in_flight):
    cap = int(CAP_GB * 2**30)
    resource.setrlimit(resource.RLIMIT_DATA, (cap, cap))
    rng = np.random.default_rng(1)
    queries = rng.random((in_flight, DIM), dtype=np.float32)

    async def run():
        if package.startswith("unilance"):
            import unilance
            # unilance-unlimited: what every read did before the admission limit
            limit = 1_000_000 if package == "unilance-unlimited" else None
            db = await unilance.connect(uri, max_concurrent_reads=limit)
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
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb}), flush=True)
    # Measured; skip interpreter finalization, which sometimes aborts with "FATAL: exception
    # not rethrown" while Tokio threads are alive (seen before this benchmark existed; a
    # separate bug, not what is measured here).
    os._exit(0)


def main(counts):
    import lancedb
    with tempfile.TemporaryDirectory() as uri:
        rng = np.random.default_rng(0)
        v = rng.random((ROWS, DIM), dtype=np.float32)
        lancedb.connect(uri).create_table("t", pa.table({
            "id": pa.array(np.arange(ROWS, dtype=np.int64)),
            "vector": pa.FixedSizeListArray.from_arrays(pa.array(v.ravel()), DIM),
        }))
        print(f"{'in flight':>9} {'package':<18} {'peak RSS MB':>12} {'seconds':>8}")
        for n in counts:
            for package in ("unilance", "unilance-unlimited", "lancedb"):
                if package == "unilance-unlimited" and n > 200:
                    # ~12 MB per search: 2,000 took 24 GB and were OOM-killed (issue 7).
                    print(f"{n:>9} {package:<18} skipped: would need ~{n * 12 / 1000:.0f} GB")
                    continue
                proc = subprocess.run([sys.executable, __file__, "--child", package, uri, str(n)],
                                      capture_output=True, text=True)
                if proc.returncode != 0:
                    print(f"{n:>9} {package:<18} failed (exit {proc.returncode}; heap capped at {CAP_GB:g} GB): "
                          f"{proc.stderr.strip()[-150:]}")
                    continue
                out = json.loads(proc.stdout.strip().splitlines()[-1])
                print(f"{n:>9} {package:<18} {out['peak_mb']:>12.0f} {out['seconds']:>8.2f}", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        main([int(a) for a in sys.argv[1:]] or [50, 200, 2000])
