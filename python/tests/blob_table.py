"""The blob table every language's blob tests read: four rows, one blob v2 column `img` (the
official SDK's `lancedb.schema.blob`) and one blob v1 column `old` (`large_binary` marked
`lance-encoding:blob`), holding IMAGES (a null and an empty blob among them).

`python blob_table.py DIR NAME` has the official SDK create it as table NAME in database DIR:
the Kotlin and C# tests read blobs the official SDK wrote."""

import sys

import pyarrow as pa
from lancedb.schema import blob

IMAGES = [bytes(range(256)) * 4, None, b"hello world" * 1000, b""]
SCHEMA = pa.schema([
    pa.field("id", pa.int64()),
    blob("img"),
    pa.field("old", pa.large_binary(), metadata={"lance-encoding:blob": "true"}),
])


def blob_rows():
    storage = pa.StructArray.from_arrays(
        [pa.array(IMAGES, pa.large_binary()), pa.array([None] * 4, pa.utf8()),
         pa.array([None] * 4, pa.uint64()), pa.array([None] * 4, pa.uint64())],
        fields=list(SCHEMA.field("img").type.storage_type),
        mask=pa.array([b is None for b in IMAGES]))
    return pa.table({
        "id": pa.array([1, 2, 3, 4], pa.int64()),
        "img": pa.ExtensionArray.from_storage(SCHEMA.field("img").type, storage),
        "old": pa.array(IMAGES, pa.large_binary()),
    }, schema=SCHEMA)


if __name__ == "__main__":
    import lancedb
    lancedb.connect(sys.argv[1]).create_table(sys.argv[2], data=blob_rows())
