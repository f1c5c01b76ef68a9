"""Object storage beyond the shared scenarios (tests/scenarios/s3_*.json): several writers on one
S3 table at once, and a server that dies in the middle of an `add`. The server is SeaweedFS on
127.0.0.1 (scripts/s3.sh); conftest's `s3_server` fixture finds or starts it."""

import asyncio
import json
import os
import subprocess
import sys
import time
import uuid

import numpy as np
import pyarrow as pa
import pytest

import unilance
from unilance import LanceError

from conftest import REPO, make_table

# Appends per writer; each writer's rows have their own ids, so the final table says whose landed.
APPENDS, ROWS = 6, 5


def batch(writer: int, n: int) -> pa.Table:
    start = writer * 10_000 + n * ROWS
    return pa.table({"id": pa.array(range(start, start + ROWS), pa.int64()),
                     "writer": pa.array([writer] * ROWS, pa.int64())})


async def append_all(table, writer: int):
    """Every append of one writer: the ids that landed, and the typed conflicts (no other error)."""
    landed, conflicts = [], []
    for n in range(APPENDS):
        try:
            await table.add(batch(writer, n))
            landed += batch(writer, n)["id"].to_pylist()
        except LanceError.CommitConflict as e:
            conflicts.append(str(e))
    return landed, conflicts


CHILD = """
import asyncio, json, sys
sys.path.insert(0, {tests!r})
import unilance
import test_s3

async def main(uri, options, writer):
    async with await unilance.connect(uri, storage_options=options) as db:
        table = await db.open_table("t")
        landed, conflicts = await test_s3.append_all(table, writer)
        await table.close()
    print(json.dumps({{"landed": landed, "conflicts": conflicts}}))

asyncio.run(main(sys.argv[1], json.loads(sys.argv[2]), int(sys.argv[3])))
""".format(tests=os.path.dirname(os.path.abspath(__file__)))


async def check_all_landed(uri, options, landed):
    async with await unilance.connect(uri, storage_options=options) as db:
        table = await db.open_table("t")
        assert await table.count_rows() == len(landed) + 1
        ids = sorted((await table.query().select(["id"]).to_arrow())["id"].to_pylist())
        assert ids == sorted(landed + [-1])
        await table.close()


async def create_target(uri, options):
    async with await unilance.connect(uri, storage_options=options) as db:
        t = await db.create_table("t", pa.table({"id": pa.array([-1], pa.int64()), "writer": pa.array([-1], pa.int64())}))
        await t.close()


async def test_two_processes_append_to_one_s3_table_at_once(s3_server):
    uri = s3_server.uri("two-processes")
    await create_target(uri, s3_server.options)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    children = [subprocess.Popen([sys.executable, "-c", CHILD, uri, json.dumps(s3_server.options), str(w)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
                for w in (1, 2)]
    landed = []
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, f"a writer died ({child.returncode}): {err[-2000:]}"
        result = json.loads(out.strip().splitlines()[-1])
        landed += result["landed"]
        # Appends never conflict with appends in Lance (the commit is rebased and retried): all land.
        assert result["conflicts"] == []
    assert len(landed) == 2 * APPENDS * ROWS
    await check_all_landed(uri, s3_server.options, landed)


async def test_two_connections_in_one_process_append_at_once(s3_server):
    uri = s3_server.uri("two-connections")
    await create_target(uri, s3_server.options)
    async with await unilance.connect(uri, storage_options=s3_server.options) as a, \
            await unilance.connect(uri, storage_options=s3_server.options) as b:
        ta, tb = await a.open_table("t"), await b.open_table("t")
        (landed_a, conflicts_a), (landed_b, conflicts_b) = await asyncio.gather(append_all(ta, 1), append_all(tb, 2))
        await ta.close()
        await tb.close()
    assert conflicts_a == conflicts_b == []
    assert len(landed_a) == len(landed_b) == APPENDS * ROWS
    await check_all_landed(uri, s3_server.options, landed_a + landed_b)


# ---- a port someone else's server holds ---------------------------------------------------------

async def test_starting_a_server_on_a_port_another_holds_fails_and_leaves_that_server_alone(s3_server, tmp_path):
    """`scripts/s3.sh start` with a state directory of its own, on the port the shared server
    holds, fails naming the port instead of taking that server for its own (which once made the
    crash test below kill a server it had not started, and wait for an add that never failed)."""
    port = s3_server.endpoint.rsplit(":", 1)[1]
    env = dict(os.environ, UNILANCE_S3_PORT=port, UNILANCE_S3_STATE=str(tmp_path / "s3"))
    try:
        out = subprocess.run(["bash", "scripts/s3.sh", "start"], cwd=REPO, env=env, capture_output=True,
                             text=True, timeout=120)
        assert out.returncode != 0, out.stderr
        assert f"http://127.0.0.1:{port} already answers" in out.stderr, out.stderr
        assert not (tmp_path / "s3" / "pid").exists()
    finally:
        subprocess.run(["bash", "scripts/s3.sh", "stop"], cwd=REPO, env=env, timeout=60)
    # The shared server still serves.
    uri = s3_server.uri("port-held")
    async with await unilance.connect(uri, storage_options=s3_server.options) as db:
        table = await db.create_table("t", pa.table({"id": [1, 2, 3]}))
        assert await table.count_rows() == 3
        await table.close()


# ---- a server that dies during an add ----------------------------------------------------------

# This test's own server, so that killing it does not disturb the shared one; outside the range of
# the checkouts' default ports (18333-19323: 18533 was /check/work/main's, and the test killed a
# server it had not started and waited for an add that never failed) and the benchmarks' (19433).
CRASH_PORT = 19533


def private_server(command: str, state_dir) -> dict:
    env = dict(os.environ, UNILANCE_S3_PORT=str(CRASH_PORT), UNILANCE_S3_STATE=str(state_dir))
    out = subprocess.run(["bash", "-c", f"source scripts/s3.sh {command} >&2 && scripts/s3.sh env"],
                         cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, f"scripts/s3.sh {command}: {out.stderr}"
    return dict(line[len("export "):].split("=", 1) for line in out.stdout.splitlines() if line.startswith("export "))


async def test_server_killed_during_add_fails_typed_and_keeps_every_commit(tmp_path):
    state = tmp_path / "s3"
    try:
        found = private_server("start", state)
        options = {"endpoint": found["UNILANCE_S3_ENDPOINT"], "allow_http": "true",
                   "aws_access_key_id": found["UNILANCE_S3_ACCESS_KEY"],
                   "aws_secret_access_key": found["UNILANCE_S3_SECRET_KEY"], "region": found["UNILANCE_S3_REGION"]}
        uri = f"s3://{found['UNILANCE_S3_BUCKET']}/crash-{uuid.uuid4().hex}"
        chunk = make_table(20_000, dim=64)
        async with await unilance.connect(uri, storage_options=options) as db:
            table = await db.create_table("t", chunk)
            committed = 1

            async def keep_adding():
                nonlocal committed
                while True:
                    await table.add(chunk)
                    committed += 1

            writer = asyncio.ensure_future(keep_adding())
            await asyncio.sleep(1.5)
            assert not writer.done(), writer.exception()
            killed = time.monotonic()
            private_server("kill", state)
            with pytest.raises(LanceError.Io, match="object store error") as failure:
                await asyncio.wait_for(writer, timeout=120)
            took = time.monotonic() - killed
            assert took < 60, f"the failed add took {took:.0f} s after the server died"
            assert any(why in str(failure.value) for why in (
                "cannot connect to the object store", "the connection to the object store failed")), failure.value
            await table.close()

        private_server("start", state)  # the same data directory: the server comes back
        async with await unilance.connect(uri, storage_options=options) as db:
            table = await db.open_table("t")
            # Every add that returned is there; the one cut off is not there at all, unless the
            # server stored its commit just before dying (its answer lost): all or nothing.
            version = await table.version()
            assert version in (committed, committed + 1)
            assert await table.count_rows() == version * chunk.num_rows
            await table.add(chunk)
            assert await table.count_rows() == (version + 1) * chunk.num_rows
            await table.close()
    finally:
        private_server("stop", state)
