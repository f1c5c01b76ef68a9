"""Every column type the batch type supports round-trips exactly, nulls included,
through pyarrow (C Data Interface) and through the library-independent Batch."""

import datetime

import pyarrow as pa
import pytest

from unilance import Batch, Column, ColumnValues, DataType, Field, Schema, TimeUnit


def all_types_table() -> pa.Table:
    ts = pa.timestamp("us", tz="UTC")
    return pa.table({
        "b": pa.array([True, None, False], pa.bool_()),
        "i32": pa.array([-(2**31), None, 2**31 - 1], pa.int32()),
        "i64": pa.array([-(2**63), 7, None], pa.int64()),
        "f32": pa.array([1.5, None, -0.25], pa.float32()),
        "f64": pa.array([None, 1e300, -2.5e-300], pa.float64()),
        "s": pa.array(["héllo", None, ""], pa.string()),
        "bin": pa.array([b"\x00\xff", b"", None], pa.binary()),
        "vec": pa.array([[1.0, 2.0], None, [3.0, -4.0]], pa.list_(pa.float32(), 2)),
        "ts": pa.array([datetime.datetime(2024, 1, 2, 3, 4, 5, 6, tzinfo=datetime.timezone.utc),
                        None, datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)], ts),
        "ts_ns": pa.array([1, None, 2**62], pa.timestamp("ns")),
    })


async def test_pyarrow_round_trip_every_type(db):
    data = all_types_table()
    t = await db.create_table("types", data)
    assert (await t.query().to_arrow()).equals(data)
    assert await t.schema() == data.schema


async def test_batch_round_trip_every_type(db):
    data = all_types_table()
    t = await db.create_table("types", data)
    batch = await t.query().to_batch()
    assert batch.num_rows == 3
    fields = {f.name: f.data_type for f in batch.schema.fields}
    assert fields["vec"] == DataType.VECTOR(dim=2)
    assert fields["ts"] == DataType.TIMESTAMP(unit=TimeUnit.MICROSECOND, timezone="UTC")
    columns = {f.name: c for f, c in zip(batch.schema.fields, batch.columns)}
    assert columns["i32"].values == ColumnValues.INT32(values=[-(2**31), 0, 2**31 - 1])
    assert columns["i32"].validity == [True, False, True]
    assert columns["s"].values == ColumnValues.UTF8(values=["héllo", "", ""])
    assert columns["bin"].validity == [True, True, False]
    assert columns["vec"].values == ColumnValues.VECTOR(values=[1.0, 2.0, 0.0, 0.0, 3.0, -4.0])
    assert columns["b"].validity == [True, False, True]
    assert columns["ts_ns"].values == ColumnValues.TIMESTAMP(values=[1, 0, 2**62])

    # And back in through the Batch path: identical table.
    again = await db.create_table("again", batch)
    assert (await again.query().to_arrow()).equals(data)


async def test_batch_without_nulls_has_no_validity(db):
    schema = Schema(fields=[Field(name="x", data_type=DataType.INT64(), nullable=False)], metadata={})
    batch = Batch(schema=schema, columns=[Column(values=ColumnValues.INT64(values=[3, 1, 2]), validity=None)],
                  num_rows=3)
    t = await db.create_table("x", batch)
    out = await t.query().to_batch()
    assert out.columns == [Column(values=ColumnValues.INT64(values=[3, 1, 2]), validity=None)]
    assert out.schema.fields == schema.fields


async def test_schema_metadata_round_trips(db):
    schema = pa.schema([pa.field("x", pa.int32())], metadata={"owner": "unilance"})
    t = await db.create_empty_table("meta", schema)
    assert (await t.schema()).metadata == {b"owner": b"unilance"}


async def test_unsupported_type_in_batch_path_is_typed_error(db):
    from unilance import LanceError
    t = await db.create_table("lists", pa.table({"l": pa.array([[1, 2]], pa.list_(pa.int64()))}))
    with pytest.raises(LanceError.NotSupported, match="'l'"):
        await t.query().to_batch()
    # The pyarrow path carries any Arrow type.
    assert (await t.query().to_arrow())["l"].to_pylist() == [[1, 2]]


async def test_arrow_ipc_bytes_in_and_out(db):
    """The IPC path that C# and Kotlin users of Apache Arrow use."""
    from unilance import CreateMode, AddMode
    data = all_types_table()
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, data.schema) as writer:
        writer.write_table(data)
    ipc = sink.getvalue().to_pybytes()
    inner = await db.create_table_ipc("ipc", ipc, CreateMode.CREATE)
    await inner.add_ipc(ipc, AddMode.APPEND)
    out = pa.ipc.open_stream(await inner.query().to_ipc()).read_all()
    assert out.equals(pa.concat_tables([data, data]))
    from unilance import LanceError
    with pytest.raises(LanceError.InvalidInput, match="not an Arrow IPC stream"):
        await db.create_table_ipc("bad", b"\x00\x01garbage", CreateMode.CREATE)
