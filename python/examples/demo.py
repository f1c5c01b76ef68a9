"""Demo: an embedded LanceDB in a temp folder, from Python.

Creates 3,000 random 128-d vectors with ids and text, runs a filtered vector
search and prints the top hits.
"""

import asyncio
import sys
import tempfile

import numpy as np
import pyarrow as pa

import unilance

DIM, ROWS = 128, 3000


async def main(path: str) -> None:
    rng = np.random.default_rng(42)
    vectors = rng.random((ROWS, DIM), dtype=np.float32)
    data = pa.table({
        "id": pa.array(np.arange(ROWS, dtype=np.int64)),
        "text": [f"document {i}" for i in range(ROWS)],
        "vector": pa.FixedSizeListArray.from_arrays(pa.array(vectors.ravel()), DIM),
    })
    async with unilance.connect(path) as db:
        table = await db.create_table("documents", data)
        print(f"python: {await table.count_rows()} rows in {path}")
        query = vectors[123]
        hits = await (table.vector_search(query).where("id % 2 = 1").select(["id", "text"])
                      .limit(5).to_list())
        print("python: top hits among odd ids for the vector of document 123:")
        for hit in hits:
            print(f"  id={hit['id']:5d}  {hit['text']:<15}  distance={hit['_distance']:.4f}")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        asyncio.run(main(sys.argv[1]))
    else:
        with tempfile.TemporaryDirectory(prefix="unilance-demo-") as tmp:
            asyncio.run(main(tmp))
