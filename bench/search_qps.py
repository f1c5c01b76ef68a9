"""Search QPS of unilance's Python package on a table another benchmark wrote.

bench/kotlin runs it between its own samples, on the same table, index and queries, so the
Kotlin/Python ratio compares the two bindings over one library and one data set.
Usage: search_qps.py DB_DIR TABLE QUERIES_F32 SECONDS   (prints queries per second)
"""

import asyncio
import sys
import time

import numpy as np

import unilance

DIM = 128


async def main(db_dir: str, table: str, query_file: str, seconds: float) -> None:
    queries = np.fromfile(query_file, dtype="<f4").reshape(-1, DIM)
    db = await unilance.connect(db_dir)
    t = await db.open_table(table)

    async def one(i: int) -> None:
        await t.vector_search(queries[i % len(queries)]).limit(10).to_arrow()

    warm = time.perf_counter() + 1.0  # index and files cached, as in the Kotlin process
    i = 0
    while time.perf_counter() < warm:
        await one(i)
        i += 1
    start = time.perf_counter()
    deadline = start + seconds
    n = 0
    while time.perf_counter() < deadline:
        await one(n)
        n += 1
    print(n / (time.perf_counter() - start))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])))
