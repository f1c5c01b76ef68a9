import os
import pathlib
import subprocess
import uuid

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


# ---- S3 (SeaweedFS) ----------------------------------------------------------------------------

S3_VARS = ("UNILANCE_S3_ENDPOINT", "UNILANCE_S3_BUCKET", "UNILANCE_S3_ACCESS_KEY", "UNILANCE_S3_SECRET_KEY",
           "UNILANCE_S3_REGION")
REPO = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def s3_server():
    """The S3 server the object-store tests use: the one scripts/test.sh started (its UNILANCE_S3_*
    variables), or else one started here with scripts/s3.sh and stopped at the end of the session.
    No server is a failure, never a skip."""
    started = not os.environ.get("UNILANCE_S3_ENDPOINT")
    if started:
        out = subprocess.run(["bash", "-c", 'source scripts/s3.sh start >&2 && scripts/s3.sh env'],
                             cwd=REPO, capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, f"scripts/s3.sh start failed: {out.stderr}"
        for line in out.stdout.split("\n"):
            if line.startswith("export "):
                key, value = line[len("export "):].split("=", 1)
                os.environ[key] = value
    try:
        yield S3(**{v[len("UNILANCE_S3_"):].lower(): os.environ[v] for v in S3_VARS})
    finally:
        if started:
            subprocess.run(["bash", "scripts/s3.sh", "stop"], cwd=REPO, timeout=60)
            for v in S3_VARS:
                os.environ.pop(v, None)


class S3:
    """Where the test S3 server is, and a fresh `s3://` prefix with the options to reach it."""

    def __init__(self, endpoint, bucket, access_key, secret_key, region):
        self.endpoint, self.bucket = endpoint, bucket
        self.options = {"endpoint": endpoint, "allow_http": "true", "aws_access_key_id": access_key,
                        "aws_secret_access_key": secret_key, "region": region}

    def uri(self, what: str = "py") -> str:
        return f"s3://{self.bucket}/{what}-{uuid.uuid4().hex}"
