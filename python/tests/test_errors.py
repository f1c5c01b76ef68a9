"""Bad input: a typed exception naming what was wrong, and the table unchanged."""

import numpy as np
import pyarrow as pa
import pytest

from unilance import LanceError

from conftest import make_table, DIM


async def unchanged(table):
    assert await table.count_rows() == 100
    assert (await table.query().to_arrow()).equals(make_table())


async def test_wrong_vector_dimension(table):
    v = await table.version()
    with pytest.raises(LanceError.InvalidInput, match="dimension 3.*dimension 16"):
        await table.vector_search([1.0, 2.0, 3.0]).to_arrow()
    assert await table.version() == v
    await unchanged(table)


async def test_wrong_vector_dimension_on_add(table):
    bad = pa.table({"id": [1], "vector": pa.array([[1.0, 2.0]], pa.list_(pa.float32(), 2))})
    with pytest.raises(LanceError.SchemaMismatch, match="vector"):
        await table.add(bad)
    await unchanged(table)


@pytest.mark.parametrize("bad", ["id >", "nosuchcolumn = 3", "id = = 1", "text LIKE"])
async def test_invalid_filter(table, bad):
    with pytest.raises(LanceError.InvalidFilter, match="invalid filter"):
        await table.count_rows(bad)
    with pytest.raises(LanceError.InvalidFilter):
        await table.query().where(bad).to_arrow()
    with pytest.raises(LanceError.InvalidFilter):
        await table.delete(bad)
    with pytest.raises(LanceError.InvalidFilter):
        await table.update(updates_sql={"price": "1"}, where=bad)
    await unchanged(table)


async def test_missing_table(db):
    with pytest.raises(LanceError.TableNotFound, match="nope"):
        await db.open_table("nope")
    with pytest.raises(LanceError.TableNotFound, match="nope"):
        await db.drop_table("nope")


async def test_duplicate_table_name(db, table):
    with pytest.raises(LanceError.TableAlreadyExists, match="items"):
        await db.create_table("items", make_table(1))
    await unchanged(table)


async def test_unknown_column(table):
    with pytest.raises(LanceError.InvalidInput, match="unknown column 'nope'"):
        await table.query().select(["id", "nope"]).to_arrow()
    with pytest.raises(LanceError.InvalidInput, match="unknown column 'nope'"):
        await table.update({"nope": "1"})
    with pytest.raises(LanceError.InvalidInput, match="unknown vector column 'nope'"):
        await table.vector_search([0.0] * DIM).column("nope").to_arrow()
    await unchanged(table)


async def test_schema_mismatch_on_add(table):
    with pytest.raises(LanceError.SchemaMismatch, match="'extra' is not in the table"):
        await table.add(pa.table({"id": [1], "extra": ["x"]}))
    with pytest.raises(LanceError.SchemaMismatch, match="'text'"):
        await table.add(pa.table({"id": pa.array([1], pa.int64()), "text": pa.array([1.5])}))
    await unchanged(table)


async def test_closed_table(table):
    await table.close()
    for call in (table.count_rows(), table.add(make_table(1)), table.query().to_arrow(),
                 table.version(), table.delete("id = 1")):
        with pytest.raises(LanceError.Closed, match="'items' is closed"):
            await call


async def test_dropped_table_used_afterwards(db, table):
    await db.drop_table("items")
    with pytest.raises(LanceError.TableNotFound, match="dropped"):
        await table.count_rows()
    with pytest.raises(LanceError.TableNotFound):
        await table.query().to_arrow()
    # A new table of the same name is a different table: the old handle stays invalid.
    await db.create_table("items", make_table(1))
    with pytest.raises(LanceError.TableNotFound):
        await table.count_rows()


async def test_bad_batch_is_invalid_input(db):
    from unilance import Batch, Column, ColumnValues, DataType, Field, Schema
    schema = Schema(fields=[Field(name="x", data_type=DataType.INT32(), nullable=False)], metadata={})
    wrong_len = Batch(schema=schema, columns=[Column(values=ColumnValues.INT32(values=[1]), validity=None)],
                      num_rows=2)
    with pytest.raises(LanceError.InvalidInput, match="'x' has 1 values but the batch has 2 rows"):
        await db.create_table("x", wrong_len)
    wrong_type = Batch(schema=schema, columns=[Column(values=ColumnValues.UTF8(values=["a"]), validity=None)],
                       num_rows=1)
    with pytest.raises(LanceError.InvalidInput, match="declared"):
        await db.create_table("x", wrong_type)
    nulls = Batch(schema=schema, columns=[Column(values=ColumnValues.INT32(values=[1]), validity=[False])],
                  num_rows=1)
    with pytest.raises(LanceError.InvalidInput, match="not nullable"):
        await db.create_table("x", nulls)
    assert await db.table_names() == []


async def test_bad_python_input_is_type_error(db):
    with pytest.raises(TypeError, match="cannot write int"):
        await db.create_table("x", 42)
    with pytest.raises(ValueError, match="unknown create mode"):
        await db.create_table("x", make_table(1), mode="replace")


async def test_errors_share_a_base_class(db):
    with pytest.raises(LanceError):
        await db.open_table("nope")


@pytest.mark.parametrize("on_runtime", [True, False])
async def test_rust_panic_is_an_exception_not_an_abort(on_runtime):
    from unilance import _ffi
    with pytest.raises(LanceError.Internal, match="panic in unilance: boom"):
        await _ffi.debug_call("boom", on_runtime)
    # The process and the runtime are still fine afterwards.
    await _ffi.debug_call(None, on_runtime)
