"""Where bench_merge's gap to the official SDK comes from: the same workload on four engines.

unilance is built on lancedb 0.41, which is built on lance 14; the official lancedb 0.40 wheel
it is compared with carries lance 13. This runs bench_merge's workload (merge_insert 100k rows
into 1M, half updates; 499 appends of 100 rows; then optimize) on

- `unilance` and `lancedb` (the official SDK), as bench_merge does, and
- `pylance-13` and `pylance-14`: the `lance` package of each version, with no SDK on top:
  `merge_insert(...).execute`, `write_dataset(mode="append")`, and for optimize the two steps
  both SDKs' `optimize` run on a table without indices, `optimize.compact_files()` and
  `cleanup_old_versions(older_than=7 days)`,

- `lancedb-rs`: the `lancedb` 0.41 crate itself, from Rust (`examples/lancedb_workload.rs`, given
  with `--lancedb-rs BINARY`): unilance's engine with no foreign language and no unilance code,
  on Tokio's 2 MiB thread stacks, and as `lancedb-rs-32m` on unilance's 32 MiB ones,

one fresh process per engine and round, the engines' order rotating from round to round, and
prints medians with ranges. pylance-13 / pylance-14 is what the lance upgrade costs;
the SDK rows minus their lance row is what each SDK adds on top; unilance against lancedb-rs is
what unilance adds to its engine.

Driver: `lance_versions.py --pylance13 PY --pylance14 PY [--lancedb-rs BINARY] [--rounds N]
[--engines E1,E2,...]` (bench/run-lance-versions.sh
makes the two virtual environments and stages the release build); worker: `--engine E`.
"""

import argparse
import asyncio
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import fmt, merge_workload, spread  # noqa: E402 - numpy and pyarrow only: every venv has them

ROWS, MERGE_ROWS, APPENDS, APPEND_ROWS = 1_000_000, 100_000, 500, 100


def workload():
    return merge_workload(ROWS, MERGE_ROWS, APPENDS, APPEND_ROWS)


def on_pylance(path):
    import lance
    base, new, batches = workload()
    out = {}
    ds = lance.write_dataset(base, f"{path}/m.lance")
    start = time.perf_counter()
    result = ds.merge_insert("id").when_matched_update_all().when_not_matched_insert_all().execute(new)
    out["merge"] = time.perf_counter() - start
    assert (result["num_updated_rows"], result["num_inserted_rows"]) == (MERGE_ROWS // 2, MERGE_ROWS // 2), result
    ds = lance.write_dataset(batches[0], f"{path}/a.lance")
    start = time.perf_counter()
    for batch in batches[1:]:
        ds = lance.write_dataset(batch, f"{path}/a.lance", mode="append")
    out["appends"] = time.perf_counter() - start
    start = time.perf_counter()
    ds.optimize.compact_files()
    out["compact"] = time.perf_counter() - start
    start = time.perf_counter()
    ds.cleanup_old_versions(older_than=datetime.timedelta(days=7))
    out["cleanup"] = time.perf_counter() - start
    out["optimize"] = out["compact"] + out["cleanup"]
    assert ds.count_rows() == APPENDS * APPEND_ROWS
    return out


def on_sdk(engine):
    import bench_merge  # unilance and lancedb: only in the SDKs' interpreter
    base, new, batches = workload()
    sdk = bench_merge.Ours() if engine == "unilance" else bench_merge.Theirs()
    return asyncio.run(bench_merge.one_repetition(sdk, base, new, (MERGE_ROWS // 2, MERGE_ROWS // 2), batches))


def on_lancedb_rs(binary, path, stack_mb=None):
    """The workload's data as Arrow IPC files (one batch per append) for examples/lancedb_workload."""
    import pyarrow as pa
    base, new, batches = workload()
    for name, parts in (("base", base.to_batches()), ("new", new.to_batches()),
                        ("appends", [b.combine_chunks().to_batches()[0] for b in batches])):
        with pa.ipc.new_file(f"{path}/{name}.arrow", parts[0].schema) as out:
            for part in parts:
                out.write_batch(part)
    env = dict(os.environ, LANCEDB_WORKLOAD_STACK_MB=stack_mb) if stack_mb else None
    done = subprocess.run([binary, path], capture_output=True, text=True, env=env)
    if done.returncode != 0:
        sys.exit(f"{binary} failed (exit {done.returncode}):\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def worker(engine, binary=None):
    if engine.startswith("lancedb-rs"):
        with tempfile.TemporaryDirectory() as path:
            out = on_lancedb_rs(binary, path, "32" if engine == "lancedb-rs-32m" else None)
    elif engine.startswith("pylance"):
        with tempfile.TemporaryDirectory() as path:
            out = on_pylance(path)
    else:
        out = on_sdk(engine)
    if engine.startswith("pylance"):
        import lance
        assert engine == f"pylance-{lance.__version__.split('.')[0]}", (engine, lance.__version__)
    print(json.dumps(out))


def driver(args):
    pythons = {"unilance": sys.executable, "lancedb": sys.executable,
               "pylance-13": args.pylance13, "pylance-14": args.pylance14}
    extra = {}
    if args.lancedb_rs:
        for engine in ("lancedb-rs", "lancedb-rs-32m"):
            pythons[engine] = sys.executable
            extra[engine] = ["--lancedb-rs", args.lancedb_rs]
    engines = [e for e in pythons if not args.engines or e in args.engines.split(",")]
    samples = {e: [] for e in engines}
    for r in range(args.rounds):
        order = engines[r % len(engines):] + engines[:r % len(engines)]
        for engine in order:
            done = subprocess.run([pythons[engine], os.path.abspath(__file__), "--engine", engine] + extra.get(engine, []),
                                  capture_output=True, text=True)
            if done.returncode != 0:
                sys.exit(f"{engine} failed (exit {done.returncode}):\n{done.stderr}")
            samples[engine].append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"round {r + 1} of {args.rounds} done", file=sys.stderr, flush=True)
    print(f"seconds, median [min-max] of {args.rounds} rounds, one fresh process per engine and "
          f"round, engines rotating")
    print(f"{'figure':<12}" + "".join(f"{e:>24}" for e in engines))
    med = {}
    for key in ["merge", "appends", "optimize", "compact", "cleanup"]:
        cells = []
        for e in engines:
            values = [s[key] for s in samples[e] if key in s]
            if values:
                s = spread(values)
                med[(e, key)] = s["median"]
                cells.append(fmt(s, 3, 0))
            else:
                cells.append("")
        print(f"{key:<12}" + "".join(f"{c:>24}" for c in cells))
    print()
    # Ratios of median times, each "a / b" < 1 when a is the faster; only of engines that ran.
    pairs = [("lancedb", "unilance", "official / unilance"), ("pylance-13", "pylance-14", "pylance 13 / 14"),
             ("lancedb-rs", "unilance", "lancedb-rs / unilance"), ("lancedb", "lancedb-rs", "official / lancedb-rs"),
             ("lancedb-rs-32m", "lancedb-rs", "lancedb-rs on 32 MiB stacks / on 2 MiB")]
    for key in ["merge", "optimize"]:
        ratios = [f"{name} {med[(a, key)] / med[(b, key)]:.2f}x" for a, b, name in pairs
                  if (a, key) in med and (b, key) in med]
        print(f"{key} (time ratios): " + ", ".join(ratios))
        over = [f"{sdk} +{med[(sdk, key)] - med[(lance, key)]:.3f} s" for sdk, lance in
                (("lancedb", "pylance-13"), ("unilance", "pylance-14")) if (sdk, key) in med and (lance, key) in med]
        if over:
            print(f"{key}, each SDK over its lance: " + ", ".join(over))


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--engine", choices=["unilance", "lancedb", "pylance-13", "pylance-14", "lancedb-rs",
                                         "lancedb-rs-32m"])
    p.add_argument("--lancedb-rs", help="examples/lancedb_workload, built in release")
    p.add_argument("--pylance13")
    p.add_argument("--pylance14")
    p.add_argument("--rounds", type=int, default=8)
    p.add_argument("--engines", help="a comma-separated subset, for more rounds in the same time")
    a = p.parse_args()
    if a.engine:
        worker(a.engine, a.lancedb_rs)
    else:
        driver(a)
