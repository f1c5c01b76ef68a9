"""unilance: embedded LanceDB for Python, async, with pyarrow in and out.

    async with unilance.connect("/tmp/db") as db:
        table = await db.create_table("items", pa_table)
        hits = await table.vector_search(v).where("price < 10").limit(5).to_arrow()

The classes are the ones UniFFI generates from the Rust crate (`_ffi`); this package adds only
what Python needs and UniFFI cannot express: pyarrow/pandas in and out (`_pyarrow`),
and `async with` (`_lifecycle`).
"""

from ._ffi import *  # noqa: F401,F403 - the generated API is the public API
from ._ffi import __all__ as _generated
from . import _pyarrow  # noqa: F401 - adds the Arrow-speaking methods
from . import _merge, _update  # noqa: F401 - merge_insert data forms, update by Python values
from . import _evolution  # noqa: F401 - schema evolution in the official SDK's shapes
from . import _blobs  # noqa: F401 - blob row ids and results in the official SDK's shapes
from ._lifecycle import connect

__all__ = sorted(set(_generated) | {"connect"})
