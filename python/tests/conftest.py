import numpy as np
import pyarrow as pa
import pytest

import unilance

DIM = 16


def make_table(n: int = 100, dim: int = DIM, seed: int = 0) -> pa.Table:
    rng = np.random.default_rng(seed)
    vectors = rng.random((n, dim), dtype=np.float32)
    return pa.table({
        "id": pa.array(np.arange(n, dtype=np.int64)),
        "text": pa.array([f"item {i}" for i in range(n)]),
        "price": pa.array(np.arange(n, dtype=np.float64) / 2),
        "vector": pa.FixedSizeListArray.from_arrays(pa.array(vectors.ravel()), dim),
    })


@pytest.fixture
async def db(tmp_path):
    async with await unilance.connect(str(tmp_path / "db")) as conn:
        yield conn


@pytest.fixture
async def table(db):
    return await db.create_table("items", make_table())
