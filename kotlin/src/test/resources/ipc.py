"""pyarrow's side of the Arrow IPC tests.

    ipc.py write FILE   writes an IPC stream of known rows to FILE
    ipc.py read FILE    reads the IPC stream in FILE

Both print {"rows": [...]} with every row sorted by id (timestamps as integers).
"""

import json
import sys

import pyarrow as pa

from rows import plain


def known_rows():
    return pa.table(
        {
            "id": pa.array([3, 1, 2, 4], pa.int64()),
            "name": pa.array(["drei", None, "zwei ✓", ""], pa.string()),
            "v": pa.array([[0.5, -1.0, 2.0], [1.0, 0.0, 0.0], None, [3.25, 1e-7, -0.0]], pa.list_(pa.float32(), 3)),
            "score": pa.array([0.1, 0.2, None, -7.5], pa.float32()),
            "ts": pa.array([0, 1, None, -5], pa.timestamp("ms")),
        }
    )


def main():
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "write":
        table = known_rows()
        with pa.OSFile(path, "wb") as sink, pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table, max_chunksize=2)
    else:
        with pa.OSFile(path, "rb") as source:
            table = pa.ipc.open_stream(source).read_all()
    print(json.dumps({"rows": plain(table)}))


if __name__ == "__main__":
    main()
