"""Python-shaped errors (bad Python input, the Batch type, the base class, panics); the typed
errors every language shares are in tests/scenarios/."""

import pytest

from unilance import LanceError

from conftest import make_table


async def test_closed_table(table):
    await table.close()
    for call in (table.count_rows(), table.add(make_table(1)), table.query().to_arrow(),
                 table.version(), table.delete("id = 1")):
        with pytest.raises(LanceError.Closed, match="'items' is closed"):
            await call


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


async def test_error_messages_carry_no_build_machine_paths(table):
    # LanceDB's own messages end with the source location they were raised at, a path on the
    # machine that built the library (".../.cargo/registry/src/.../sql.rs:103:21").
    with pytest.raises(LanceError.InvalidFilter) as error:
        await table.count_rows("nosuchcolumn = 3")
    message = str(error.value)
    assert "nosuchcolumn" in message
    for leak in (".rs:", ".cargo", "/root"):
        assert leak not in message


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
