"""IVF probing resolves as in the official lancedb SDK: 20 partitions unless the query says.

LanceDB 0.41 alone would probe adaptively from 1 partition when nothing is set (lower recall
than the official SDK on the same index); unilance applies the official SDK's defaults. Both
SDKs search the same index files here, so equal plans mean equal rows.
"""

import re

import lancedb
import numpy as np
import pytest

import unilance
from unilance import IndexConfig, LanceError

from test_search_compat import assert_same, corpus, DIM


def probes(plan: str):
    """(minimum, maximum) partitions from the plan's ANNIvfPartition line."""
    found = re.search(r"minimum_nprobes=(\d+), maximum_nprobes=(None|Some\((\d+)\))", plan)
    assert found, plan
    return int(found.group(1)), None if found.group(3) is None else int(found.group(3))


SETTINGS = [
    ("default", lambda s: s),
    ("nprobes", lambda s: s.nprobes(3)),
    ("minimum", lambda s: s.minimum_nprobes(4)),
    ("maximum", lambda s: s.maximum_nprobes(30)),
    ("unbounded", lambda s: s.maximum_nprobes(0)),
    ("both", lambda s: s.minimum_nprobes(5).maximum_nprobes(9)),
]


@pytest.mark.parametrize("name,setting", SETTINGS, ids=[n for n, _ in SETTINGS])
async def test_probe_bounds_resolve_as_official(tmp_path, name, setting):
    q = np.full(DIM, 0.3, dtype=np.float32)
    async with await unilance.connect(str(tmp_path)) as db:
        ours = await db.create_table("v", corpus(1200, seed=11))
        await ours.create_index("vector", config=IndexConfig.IVF_FLAT(num_partitions=32))
        theirs = await (await lancedb.connect_async(str(tmp_path))).open_table("v")
        a = setting(ours.vector_search(q).select(["id"]).limit(10))
        b = setting(theirs.vector_search(q).select(["id"]).limit(10))
        expected = {"default": (20, 20), "nprobes": (3, 3), "minimum": (4, 20), "maximum": (20, 30),
                    "unbounded": (20, None), "both": (5, 9)}[name]
        assert probes(await a.explain_plan()) == probes(await b.explain_plan()) == expected
        if expected[0] == expected[1]:
            # A fixed probe count: the same partitions searched, the same rows.
            assert_same(await a.to_arrow(), await b.to_arrow(), "_distance")


async def test_minimum_above_default_maximum_fails_as_official(tmp_path):
    async with await unilance.connect(str(tmp_path)) as db:
        ours = await db.create_table("v", corpus(300, seed=11))
        theirs = await (await lancedb.connect_async(str(tmp_path))).open_table("v")
        q = [0.3] * DIM
        with pytest.raises(ValueError, match="minimum_nprobes must be less than or equal to maximum_nprobes"):
            await theirs.vector_search(q).minimum_nprobes(30).to_arrow()
        with pytest.raises(LanceError.InvalidInput, match=r"minimum_nprobes \(30\) must not exceed maximum_nprobes "
                                                          r"\(20, the default\)"):
            await ours.vector_search(q).minimum_nprobes(30).to_arrow()
        rows = await ours.vector_search(q).minimum_nprobes(30).maximum_nprobes(0).limit(3).to_arrow()
        assert rows.num_rows == 3
