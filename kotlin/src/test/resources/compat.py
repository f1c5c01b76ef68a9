"""The official lancedb package's view of a table, for the Kotlin compatibility tests.

    compat.py write|read URI TABLE QUERY_VECTOR_JSON

`write` first creates TABLE with deterministic rows (pyarrow, as a Python user
would). Both modes then print one JSON object: every row sorted by id
(timestamps as integers, binaries as hex) and the ids of the 10 nearest rows
to the query vector.
"""

import json
import random
import sys

import lancedb
import pyarrow as pa

from rows import plain


def written_by_python(n=200, dim=8):
    rng = random.Random(11)
    return pa.table(
        {
            "id": pa.array(range(n), pa.int64()),
            "text": pa.array([None if i % 7 == 3 else f"py {i} é ✓" for i in range(n)], pa.string()),
            "vector": pa.array(
                [[rng.uniform(-1, 1) for _ in range(dim)] for _ in range(n)], pa.list_(pa.float32(), dim)
            ),
            "score": pa.array([None if i % 5 == 0 else i / 3 for i in range(n)], pa.float64()),
            "flag": pa.array([i % 2 == 0 for i in range(n)], pa.bool_()),
            "ts": pa.array([1_700_000_000_000_000 + i for i in range(n)], pa.timestamp("us", tz="UTC")),
        }
    )


def main():
    mode, uri, name, query = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
    db = lancedb.connect(uri)
    if mode == "write":
        db.create_table(name, written_by_python())
    table = db.open_table(name)
    hits = table.search(query).distance_type("l2").limit(10).to_list()
    print(json.dumps({"rows": plain(table.to_arrow()), "top10": [hit["id"] for hit in hits]}))


if __name__ == "__main__":
    main()
