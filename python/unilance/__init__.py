"""unilance: embedded LanceDB for Python, async, with pyarrow in and out.

    async with unilance.connect("/tmp/db") as db:
        table = await db.create_table("items", pa_table)
        hits = await table.vector_search(v).where("price < 10").limit(5).to_arrow()
"""

from ._ffi import (
    AddMode,
    Batch,
    Column,
    ColumnValues,
    CreateMode,
    DataType,
    DistanceType,
    Field,
    IndexConfig,
    IndexInfo,
    LanceError,
    Schema,
    TimeUnit,
    UpdateResult,
    DeleteResult,
)
from .connection import Connection, connect
from .query import Query
from .table import Table

__all__ = [
    "AddMode",
    "Batch",
    "Column",
    "ColumnValues",
    "Connection",
    "CreateMode",
    "DataType",
    "DeleteResult",
    "DistanceType",
    "Field",
    "IndexConfig",
    "IndexInfo",
    "LanceError",
    "Query",
    "Schema",
    "Table",
    "TimeUnit",
    "UpdateResult",
    "connect",
]
