"""A user's program, run by scripts/test-packages.sh with the wheel installed in a fresh virtual
environment and an empty working directory: imports the installed package and makes one call."""

import asyncio
import sys
import tempfile

import unilance


async def main():
    with tempfile.TemporaryDirectory() as directory:
        async with unilance.connect(directory) as db:
            table = await db.create_table("t", {"id": [1, 2, 3]})
            rows = await table.count_rows("id > 1")
            assert rows == 2, rows
    print(f"python {sys.version.split()[0]}: unilance from {unilance.__file__}")


asyncio.run(main())
