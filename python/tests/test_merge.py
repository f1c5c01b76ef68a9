"""merge_insert from Python: every data form add takes, the three classic merges, bad input."""

from datetime import timedelta

import pyarrow as pa
import pytest

import unilance
from unilance import LanceError


def rows(ids, texts):
    return pa.table({"id": pa.array(ids, pa.int64()), "text": pa.array(texts)})


@pytest.fixture
async def people(db):
    return await db.create_table("people", rows([1, 2, 3], ["a", "b", "c"]))


async def contents(table):
    return sorted((r["id"], r["text"]) for r in await table.query().to_list())


async def test_upsert_from_pyarrow(people):
    v = await people.version()
    result = await (people.merge_insert("id").when_matched_update_all().when_not_matched_insert_all()
                    .execute(rows([2, 4], ["B", "d"])))
    assert (result.num_updated_rows, result.num_inserted_rows, result.num_deleted_rows) == (1, 1, 0)
    assert result.version == v + 1 == await people.version()
    assert await contents(people) == [(1, "a"), (2, "B"), (3, "c"), (4, "d")]


async def test_insert_if_absent_from_row_dicts(people):
    result = await people.merge_insert(["id"]).when_not_matched_insert_all().execute(
        [{"id": 3, "text": "X"}, {"id": 5, "text": "e"}])
    assert (result.num_inserted_rows, result.num_updated_rows) == (1, 0)
    assert await contents(people) == [(1, "a"), (2, "b"), (3, "c"), (5, "e")]


async def test_replace_range_with_conditions_and_timeout(people):
    result = await (people.merge_insert("id")
                    .when_matched_update_all(where="source.text > target.text")
                    .when_not_matched_insert_all()
                    .when_not_matched_by_source_delete(where="id >= 2")
                    .execute({"id": [1, 3, 7], "text": ["0", "z", "g"]}, timeout=timedelta(seconds=30)))
    # 1 is matched but "0" < "a": kept; 2 is gone (in range, not in the data); 3 updated; 7 new.
    assert (result.num_updated_rows, result.num_inserted_rows, result.num_deleted_rows) == (1, 1, 1)
    assert await contents(people) == [(1, "a"), (3, "z"), (7, "g")]


async def test_batch_input(people):
    batch = await people.query().where("id = 1").to_batch()
    await people.update({"text": "changed"})
    result = await people.merge_insert("id").when_matched_update_all().execute(batch)
    assert result.num_updated_rows == 1
    assert await contents(people) == [(1, "a"), (2, "changed"), (3, "changed")]


async def test_errors_name_the_problem_and_change_nothing(people):
    v = await people.version()
    with pytest.raises(LanceError.InvalidInput, match="key column 'nope' is not in the table"):
        await people.merge_insert("nope").when_not_matched_insert_all().execute(rows([9], ["i"]))
    with pytest.raises(LanceError.InvalidInput, match="nothing to do"):
        await people.merge_insert("id").execute(rows([9], ["i"]))
    with pytest.raises(LanceError.SchemaMismatch, match="text"):
        await people.merge_insert("id").when_not_matched_insert_all().execute(
            pa.table({"id": pa.array([9], pa.int64()), "text": pa.array([1.5])}))
    with pytest.raises(LanceError.InvalidFilter):
        await people.merge_insert("id").when_not_matched_by_source_delete(where="id >").execute(rows([9], ["i"]))
    assert await people.version() == v
    assert await contents(people) == [(1, "a"), (2, "b"), (3, "c")]


async def test_a_checked_out_version_is_read_only(people):
    v = await people.version()
    await people.add(rows([4], ["d"]))
    await people.checkout(v)
    with pytest.raises(LanceError.InvalidInput, match="checked out"):
        await people.merge_insert("id").when_not_matched_insert_all().execute(rows([5], ["e"]))
    await people.checkout_latest()
    assert await people.version() == v + 1
    assert await contents(people) == [(1, "a"), (2, "b"), (3, "c"), (4, "d")]
