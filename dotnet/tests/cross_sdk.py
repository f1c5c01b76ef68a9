"""The official lancedb Python SDK's side of CompatTests.cs.

Commands (all output on stdout, UTF-8, one record per line):
  write DIR NAME             create table NAME with the rows of rows(); print them and the top 10
  read DIR NAME Q            print table NAME's rows (by id) and the top 10 ids for query Q
  ipc-read FILE              print the rows of an Arrow IPC stream file
  ipc-write FILE             write rows() as an Arrow IPC stream file; print them
  read-json DIR NAME KEY     print table NAME's rows, sorted by column KEY, one JSON object a line
Q is comma-separated floats. Row lines: ROW id<TAB>text<TAB>comma-separated vector.
"""
import json
import sys

import lancedb
import pyarrow as pa
import pyarrow.ipc

DIM = 8


def rows():
    ids = list(range(200))
    texts = [f"python row {i} – héllo 日本" for i in ids]
    vectors = [[((i * 31 + d * 17) % 97) / 97.0 - 0.5 for d in range(DIM)] for i in ids]
    return pa.table({
        "id": pa.array(ids, pa.int64()),
        "text": pa.array(texts, pa.string()),
        "vector": pa.array(vectors, pa.list_(pa.float32(), DIM)),
    })


def dump(table):
    table = table.sort_by("id")
    print(f"ROWS {table.num_rows}")
    for i, text, vector in zip(table["id"].to_pylist(), table["text"].to_pylist(), table["vector"].to_pylist()):
        print(f"ROW {i}\t{text}\t{','.join(repr(x) for x in vector)}")


def top10(table, query):
    hits = table.search(query).limit(10).to_arrow()
    print("TOP " + ",".join(str(i) for i in hits["id"].to_pylist()))


def main():
    command = sys.argv[1]
    if command == "write":
        db = lancedb.connect(sys.argv[2])
        table = db.create_table(sys.argv[3], data=rows())
        dump(table.to_arrow())
        top10(table, rows()["vector"][5].as_py())
    elif command == "read":
        table = lancedb.connect(sys.argv[2]).open_table(sys.argv[3])
        dump(table.to_arrow())
        top10(table, [float(x) for x in sys.argv[4].split(",")])
    elif command == "ipc-read":
        with open(sys.argv[2], "rb") as f:
            dump(pa.ipc.open_stream(f).read_all())
    elif command == "ipc-write":
        table = rows()
        with pa.OSFile(sys.argv[2], "wb") as sink, pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        dump(table)
    elif command == "read-json":
        table = lancedb.connect(sys.argv[2]).open_table(sys.argv[3])
        for row in table.to_arrow().sort_by(sys.argv[4]).to_pylist():
            print(json.dumps(row, ensure_ascii=False))
    else:
        sys.exit(f"unknown command {command}")


if __name__ == "__main__":
    main()
