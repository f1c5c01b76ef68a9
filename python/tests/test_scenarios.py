"""Runs the shared scenarios in tests/scenarios/ (one test per file; the format is in
tests/scenarios/README.md). Kotlin's ScenarioTest.kt and C#'s ScenarioTests.cs run the same
files, so one file holds all three languages to one behaviour. Only `OPS` below knows the
Python API: adapt it, not the scenarios, when the API changes."""

import datetime
import hashlib
import json
import os
import pathlib
import socket
import subprocess
import sys
import time

import pyarrow as pa
import pytest

import unilance
from unilance import ColumnOrdering, DistanceType, FtsQuery, IndexConfig, LanceError, Operator


def scenario_dir() -> pathlib.Path:
    if os.environ.get("UNILANCE_SCENARIOS"):
        return pathlib.Path(os.environ["UNILANCE_SCENARIOS"])
    for parent in pathlib.Path(__file__).resolve().parents:
        if (parent / "tests" / "scenarios" / "data").is_dir():
            return parent / "tests" / "scenarios"
    raise RuntimeError("tests/scenarios not found above " + __file__ + "; set UNILANCE_SCENARIOS")


SCENARIOS = scenario_dir()
FILES = sorted(SCENARIOS.glob("*.json"))

def step_keys():
    """The keys a step may have (tests/scenarios/step-keys.txt, shared by the three runners)."""
    lines = (line.split("#", 1)[0].strip() for line in (SCENARIOS / "step-keys.txt").read_text().splitlines())
    return {line for line in lines if line}


STEP_KEYS = step_keys()


def _cases():
    """One case per scenario file and place in its `storage` list (local only by default)."""
    for f in FILES:
        storage = json.loads(f.read_text()).get("storage", ["local"])
        for where in storage:
            assert where in ("local", "s3"), f"{f.name}: unknown storage {where!r}"
            yield pytest.param(f, where, id=f.stem if storage == ["local"] else f"{f.stem}@{where}")


@pytest.mark.parametrize("path,storage", list(_cases()))
async def test_scenario(path, storage, tmp_path, request):
    s3 = request.getfixturevalue("s3_server") if storage == "s3" else None
    await Scenario(tmp_path, s3).run(json.loads(path.read_text()))


def test_scenarios_exist():
    assert len(FILES) > 0, f"no scenario files in {SCENARIOS}"


# ---- the dispatch: scenario op -> Python API -------------------------------------------------

def _query_options(q, s):
    for key in ("where", "select", "limit", "offset", "column", "nprobes", "minimum_nprobes", "maximum_nprobes",
                "refine_factor"):
        if key in s:
            q = getattr(q, key)(s[key])
    if "distance_type" in s:
        q = q.distance_type(DistanceType[s["distance_type"].upper()])
    for flag in ("with_row_id", "with_row_address", "postfilter", "bypass_vector_index", "fast_search"):
        if s.get(flag):
            q = getattr(q, flag)()
    if "ef" in s:
        q = q.ef(s["ef"])
    if "distance_range" in s:
        q = q.distance_range(*s["distance_range"])
    if "order_by" in s:
        q = q.order_by([ColumnOrdering(column_name=o["column"], ascending=o.get("ascending", True))
                        for o in s["order_by"]])
    if "text" in s:
        q = q.nearest_to_text(s["text"])
    if "fts_query" in s:
        q = q.nearest_to_text_query(_fts_query(s["fts_query"]))
    return q


def _fts_query(f):
    """A structured FtsQuery: {"match": text, "column", "operator"}, {"phrase": text, "column"} or
    {"combined_fields": text, "columns", "boosts", "operator"}."""
    operator = Operator[f.get("operator", "or").upper()]
    if "match" in f:
        return FtsQuery.MATCH(query=f["match"], column=f.get("column"), operator=operator)
    if "combined_fields" in f:
        return FtsQuery.COMBINED_FIELDS(query=f["combined_fields"], columns=f["columns"], boosts=f.get("boosts"),
                                        operator=operator)
    return FtsQuery.PHRASE(query=f["phrase"], column=f.get("column"))


async def _connect(sc, s):
    interval = s.get("read_consistency_interval")
    uri, options = sc.where(s)
    sc.dbs[s.get("as", "db")] = await unilance.connect(
        uri, storage_options=options,
        read_consistency_interval=None if interval is None else datetime.timedelta(seconds=interval))


async def _bind(sc, s, table):
    sc.tables[s.get("as", s["name"])] = await table


async def _close(sc, s):
    await (sc.tables[s["table"]] if "table" in s else sc.db(s)).close()


async def _rows(query):
    result = await query.to_arrow()
    return Rows(result.column_names, result.to_pylist())


OPS = {
    "connect": _connect,
    "close": _close,
    "table_names": lambda sc, s: sc.db(s).table_names(),
    "create_table": lambda sc, s: _bind(sc, s, sc.db(s).create_table(
        s["name"], sc.arrow(s["data"]), mode=s.get("mode", "create"), storage_options=s.get("storage_options"))),
    "create_empty_table": lambda sc, s: _bind(sc, s, sc.db(s).create_empty_table(
        s["name"], arrow_schema(s["schema"]), mode=s.get("mode", "create"), storage_options=s.get("storage_options"))),
    "open_table": lambda sc, s: _bind(sc, s, sc.db(s).open_table(
        s["name"], version=s.get("version"), storage_options=s.get("storage_options") or {})),
    "drop_table": lambda sc, s: sc.db(s).drop_table(s["name"]),
    "drop_all_tables": lambda sc, s: sc.db(s).drop_all_tables(),
    "name": lambda sc, s: sc.table(s).name(),
    "count_rows": lambda sc, s: sc.table(s).count_rows(s.get("filter")),
    "add": lambda sc, s: _record(sc.table(s).add(sc.arrow(s["data"]), mode=s.get("mode", "append")), "version"),
    "delete": lambda sc, s: _record(sc.table(s).delete(s["where"]), "rows_deleted", "version"),
    "update": lambda sc, s: _record(sc.table(s).update(
        s.get("updates"), updates_sql=s.get("values"), where=s.get("where")), "rows_updated", "version"),
    "version": lambda sc, s: sc.table(s).version(),
    "checkout": lambda sc, s: sc.table(s).checkout(s["version"]),
    "checkout_latest": lambda sc, s: sc.table(s).checkout_latest(),
    "schema": lambda sc, s: _schema(sc.table(s)),
    "create_index": lambda sc, s: sc.table(s).create_index(
        s["column"], _index_config(s), replace=s.get("replace", True)),
    "list_indices": lambda sc, s: _indices(sc.table(s)),
    "query": lambda sc, s: _rows(_query_options(sc.table(s).query(), s)),
    "vector_search": lambda sc, s: _rows(_query_options(sc.table(s).vector_search(sc.vector(s["vector"])), s)),
    # ---- lifecycle: merge_insert, versions and tags, schema evolution, maintenance
    "merge_insert": lambda sc, s: _merge_insert(sc, s),
    "list_versions": lambda sc, s: _versions(sc.table(s)),
    "checkout_tag": lambda sc, s: sc.table(s).checkout_tag(s["tag"]),
    "restore": lambda sc, s: sc.table(s).restore(s.get("version")),
    "create_tag": lambda sc, s: sc.table(s).tags().create(s["tag"], s["version"]),
    "list_tags": lambda sc, s: _tags(sc.table(s)),
    "tag_version": lambda sc, s: sc.table(s).tags().get_version(s["tag"]),
    "delete_tag": lambda sc, s: sc.table(s).tags().delete(s["tag"]),
    "add_columns": lambda sc, s: sc.table(s).add_columns(s["columns"]),
    "alter_columns": lambda sc, s: sc.table(s).alter_columns(
        *[{"path": old, "rename": new} for old, new in s["columns"].items()]),
    "drop_columns": lambda sc, s: sc.table(s).drop_columns(s["columns"]),
    "optimize": lambda sc, s: _optimize(sc.table(s)),
    "stats": lambda sc, s: _stats(sc.table(s)),
    "rename_table": lambda sc, s: sc.db(s).rename_table(s["name"], s["new_name"]),
    # search_ scenarios
    "index_stats": lambda sc, s: _index_stats(sc.table(s), s["name"]),
    "drop_index": lambda sc, s: sc.table(s).drop_index(s["name"]),
    "take_offsets": lambda sc, s: _rows(_query_options(sc.table(s).take_offsets(s["offsets"]), s)),
    "take_row_ids": lambda sc, s: _rows(_query_options(sc.table(s).take_row_ids(s["row_ids"]), s)),
    # clone, head, listing, tokenize, metadata, primary key, manifest paths
    "clone_table": lambda sc, s: _clone_table(sc, s),
    "head": lambda sc, s: _head(sc.table(s), s),
    "list_tables_pages": lambda sc, s: _list_tables_pages(sc.db(s), s.get("limit")),
    "tokenize": lambda sc, s: _tokenize(sc.table(s), s),
    "replace_field_metadata": lambda sc, s: sc.table(s).replace_field_metadata(s["column"], s["metadata"]),
    "field_metadata": lambda sc, s: _field_metadata(sc.table(s), s["column"]),
    "set_unenforced_primary_key": lambda sc, s: sc.table(s).set_unenforced_primary_key(s["columns"]),
    "uses_v2_manifest_paths": lambda sc, s: sc.table(s).uses_v2_manifest_paths(),
    "migrate_manifest_paths_v2": lambda sc, s: sc.table(s).migrate_manifest_paths_v2(),
    # branches
    "create_branch": lambda sc, s: _bind(sc, s, sc.table(s).branches().create(
        s["name"], from_ref=s.get("branch"), from_version=s.get("version"))),
    "checkout_branch": lambda sc, s: _bind(sc, s, sc.table(s).branches().checkout(s["name"], version=s.get("version"))),
    "delete_branch": lambda sc, s: sc.table(s).branches().delete(s["name"]),
    "list_branches": lambda sc, s: _branches(sc.table(s)),
    "current_branch": lambda sc, s: sc.table(s).current_branch(),
    # blob columns
    "official_blob_table": lambda sc, s: _official_blob_table(sc, s["name"]),
    "blob_columns": lambda sc, s: sc.table(s).blob_columns(),
    "fetch_blobs": lambda sc, s: _blobs(sc.table(s).fetch_blobs(s["column"], s["row_ids"])),
    "fetch_blob_ranges": lambda sc, s: _blob_ranges(sc.table(s).fetch_blob_ranges(s["column"], s["ranges"])),
    "fetch_blob_files": lambda sc, s: _blob_files(sc.table(s).fetch_blob_files(s["column"], s["row_ids"])),
}


def _official_blob_table(sc, name):
    """The official SDK writes python/tests/blob_table.py's table, as the other runners have it do."""
    script = pathlib.Path(__file__).parent / "blob_table.py"
    subprocess.run([sys.executable, str(script), sc.uri, name], check=True)


def _digest(blob):
    return None if blob is None else {"size": len(blob), "sha256": hashlib.sha256(blob).hexdigest()}


async def _blobs(call):
    return [_digest(b) for b in (await call).to_pylist()]


async def _blob_ranges(call):
    return [None if b is None else b.hex() for b in (await call).to_pylist()]


async def _blob_files(call):
    """Each file's digest from its whole read; its size() must say the same size."""
    out = []
    for f in await call:
        data = None if f is None else await f.read()
        assert f is None or f.size() == len(data), f"size() {f.size()}, but {len(data)} bytes read"
        out.append(_digest(data))
    return out


async def _branches(table):
    return sorted([name, b.parent_branch, b.parent_version] for name, b in (await table.branches().list()).items())


async def _clone_table(sc, s):
    """clone_table from a bound table (`source`) or a path under the database (`source_uri`)."""
    source = await sc.tables[s["source"]].uri() if "source" in s else f"{sc.uri}/{s['source_uri']}"
    table = sc.db(s).clone_table(s["name"], source, source_version=s.get("version"), source_tag=s.get("tag"),
                                 is_shallow=s.get("is_shallow", True))
    await _bind(sc, s, table)


async def _head(table, s):
    result = await (table.head(s["n"]) if "n" in s else table.head())
    return Rows(result.column_names, result.to_pylist())


async def _list_tables_pages(db, limit):
    """Every page of list_tables, following page_token to the end."""
    pages, token = [], None
    for _ in range(100):
        response = await db.list_tables(page_token=token, limit=limit)
        pages.append(list(response.tables))
        token = response.page_token
        if token is None:
            return pages
    raise AssertionError(f"list_tables did not end after 100 pages: {pages}")


async def _tokenize(table, s):
    tokens = await table.tokenize(s["text"], column=s.get("column"), index_name=s.get("name"))
    return [[t.text, t.position] for t in tokens]


async def _field_metadata(table, column):
    metadata = (await table.schema()).field(column).metadata or {}
    return {k.decode(): v.decode() for k, v in metadata.items()}


async def _merge_insert(sc, s):
    """merge_insert on `on` with the actions named as keys (`true`, or a filter string)."""
    builder = sc.table(s).merge_insert(s["on"])
    if "when_matched_update_all" in s:
        where = s["when_matched_update_all"]
        builder = builder.when_matched_update_all(None if where is True else where)
    if s.get("when_not_matched_insert_all"):
        builder = builder.when_not_matched_insert_all()
    if "when_not_matched_by_source_delete" in s:
        where = s["when_not_matched_by_source_delete"]
        builder = builder.when_not_matched_by_source_delete(None if where is True else where)
    r = await builder.execute(sc.arrow(s["data"]))
    return {"num_inserted_rows": r.num_inserted_rows, "num_updated_rows": r.num_updated_rows,
            "num_deleted_rows": r.num_deleted_rows, "version": r.version}


async def _versions(table):
    return [v.version for v in await table.list_versions()]


async def _tags(table):
    return sorted([name, info.version] for name, info in (await table.tags().list()).items())


async def _optimize(table):
    c = (await table.optimize()).compaction
    return {"fragments_removed": c.fragments_removed, "fragments_added": c.fragments_added}


async def _stats(table):
    st = await table.stats()
    return {"num_rows": st.num_rows, "num_indices": st.num_indices, "num_fragments": st.fragment_stats.num_fragments}


async def _index_stats(table, name):
    st = await table.index_stats(name)
    return None if st is None else {
        "num_indexed_rows": st.num_indexed_rows, "num_unindexed_rows": st.num_unindexed_rows,
        "index_type": st.index_type, "num_indices": st.num_indices,
        "distance_type": None if st.distance_type is None else st.distance_type.name.lower()}


async def _record(call, *fields):
    """The named fields of a result record; one field alone is returned as a plain value."""
    result = await call
    if len(fields) == 1:
        return getattr(result, fields[0])
    return {f: getattr(result, f) for f in fields}


INDEX_CONFIGS = {"AUTO": IndexConfig.AUTO, "IVF_PQ": IndexConfig.IVF_PQ, "IVF_FLAT": IndexConfig.IVF_FLAT,
                 "IVF_HNSW_SQ": IndexConfig.IVF_HNSW_SQ, "BTREE": IndexConfig.B_TREE,
                 "BITMAP": IndexConfig.BITMAP, "LABEL_LIST": IndexConfig.LABEL_LIST, "FTS": IndexConfig.FTS}


def _index_config(s):
    """IndexConfig from index_type and the tuning keys the variant has (others must be absent)."""
    make = INDEX_CONFIGS[s["index_type"]]
    tuning = {key: s[key] for key in ("num_partitions", "num_sub_vectors", "m", "ef_construction", "with_position",
                                      "block_size", "num_workers", "memory_limit") if key in s}
    if "distance_type" in s:
        tuning["distance_type"] = DistanceType[s["distance_type"].upper()]
    return make(**tuning)


async def _schema(table):
    return [[f.name, type_name(f.type) + ("" if f.nullable else " not null")] for f in await table.schema()]


async def _indices(table):
    found = [{"name": i.name, "index_type": i.index_type, "columns": list(i.columns)}
             for i in await table.list_indices()]
    return sorted(found, key=lambda i: i["columns"])


# ---- types: the scenario type names <-> pyarrow -----------------------------------------------

SCALARS = {"bool": pa.bool_(), "int32": pa.int32(), "int64": pa.int64(), "float32": pa.float32(),
           "float64": pa.float64(), "utf8": pa.string()}


def arrow_type(name: str) -> pa.DataType:
    if name.startswith("vector(") and name.endswith(")"):
        return pa.list_(pa.float32(), int(name[7:-1]))
    return SCALARS[name]


def type_name(t: pa.DataType) -> str:
    if pa.types.is_fixed_size_list(t) and t.value_type == pa.float32():
        return f"vector({t.list_size})"
    return next(name for name, scalar in SCALARS.items() if scalar == t)


def arrow_schema(columns) -> pa.Schema:
    fields = []
    for name, declared in columns:
        base, not_null = (declared[:-9], True) if declared.endswith(" not null") else (declared, False)
        fields.append(pa.field(name, arrow_type(base), nullable=not not_null))
    return pa.schema(fields)


# ---- the scenario engine (the same in every language) -----------------------------------------

class Rows:
    """A query result: column names and rows as dicts."""

    def __init__(self, columns, rows):
        self.columns, self.rows = list(columns), rows


class Scenario:
    def __init__(self, directory: pathlib.Path, s3=None):
        """A run in `directory`, or, with `s3` (conftest's S3), under a fresh s3:// prefix."""
        self.dir, self.s3 = directory, s3
        self.uri = s3.uri("py-scenario") if s3 else str(directory)
        self.dbs, self.tables = {}, {}

    def where(self, s):
        """The URI and storage options a `connect` step opens (see tests/scenarios/README.md)."""
        if "uri" in s:
            return s["uri"], s.get("storage_options", {})
        uri, options = self.uri, {**(self.s3.options if self.s3 else {}), **s.get("storage_options", {})}
        if "bucket" in s:
            assert self.s3, "`bucket` needs an S3 run"
            uri = f"s3://{s['bucket']}/{uri.split('/', 3)[3]}"
        if s.get("endpoint_down"):
            assert self.s3, "`endpoint_down` needs an S3 run"
            options["endpoint"] = f"http://127.0.0.1:{closed_port()}"
        return uri, options

    def db(self, s):
        return self.dbs[s.get("db", "db")]

    def table(self, s):
        return self.tables[s["table"]]

    async def run(self, scenario):
        try:
            for number, step in enumerate(scenario["steps"], 1):
                try:
                    await self.step(step)
                except AssertionError as e:
                    raise AssertionError(f"step {number} {json.dumps(step)}: {e}") from None
        finally:
            for t in self.tables.values():
                await t.close()
            for db in self.dbs.values():
                await db.close()

    async def step(self, s):
        unknown = set(s) - STEP_KEYS
        assert not unknown, f"unknown keys {sorted(unknown)}"
        assert s["op"] in OPS, f"unknown op {s['op']!r}"
        before = await self.snapshot(self.tables[s["unchanged"]]) if "unchanged" in s else None
        started = time.monotonic()
        try:
            result = OPS[s["op"]](self, s)
            if hasattr(result, "__await__"):
                result = await result
        except LanceError as e:
            assert "error" in s, f"unexpected {type(e).__name__}: {e}"
            expect_error(s["error"], type(e).__name__, str(e))
            within(s, started)
        else:
            assert "error" not in s, f"expected {s['error']['kind']}, but the call succeeded"
            within(s, started)
            if "expect" in s:
                expect(s["expect"], result)
        if before is not None:
            after = await self.snapshot(self.tables[s["unchanged"]])
            assert after == before, f"table {s['unchanged']!r} changed: {before} -> {after}"

    async def snapshot(self, table):
        return await table.version(), (await table.query().to_arrow()).to_pylist()

    def dataset(self, ref):
        """A dataset: the name of a file in data/, or an inline object (see the README)."""
        d = json.loads((SCENARIOS / "data" / f"{ref}.json").read_text()) if isinstance(ref, str) else ref
        columns = d["columns"]
        if isinstance(columns, str):
            columns = self.dataset(columns)["columns"]
        if "generate" in d:
            g = d["generate"]
            rows = [[generated(t, g.get("start", 0) + i) for _, t in columns] for i in range(g["rows"])]
        else:
            rows = d["rows"]
        return {"columns": columns, "rows": rows}

    def arrow(self, ref) -> pa.Table:
        d = self.dataset(ref)
        schema = arrow_schema(d["columns"])
        return pa.table([[row[i] for row in d["rows"]] for i in range(len(schema))], schema=schema)

    def vector(self, ref):
        if isinstance(ref, list):
            return ref
        d = self.dataset(ref["data"])
        column = [name for name, _ in d["columns"]].index(ref.get("column", "vector"))
        return d["rows"][ref["row"]][column]


def generated(type_: str, n: int):
    if type_ in ("int32", "int64"):
        return n
    if type_ in ("float32", "float64"):
        return n / 2
    if type_ == "utf8":
        return f"row {n}"
    if type_ == "bool":
        return n % 2 == 0
    return [hash_value(n, d) for d in range(int(type_[7:-1]))]


def hash_value(row: int, d: int) -> float:
    """A value in [-1, 1] that every language computes to the same float32 (integer arithmetic)."""
    m = 0xFFFFFFFF
    x = (row * 1000003 + d * 7919 + 1) & m
    x = (x * 2654435761) & m
    x ^= x >> 15
    x = (x * 2246822519) & m
    x ^= x >> 13
    return (x % 2001 - 1000) / 1000


def within(s, started):
    took = time.monotonic() - started
    assert took <= s.get("within_seconds", float("inf")), f"took {took:.1f} s, limit {s['within_seconds']} s"


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def expect_error(want, kind, message):
    assert kind == want["kind"], f"expected {want['kind']}, got {kind}: {message}"
    parts = want.get("message", [])
    for part in [parts] if isinstance(parts, str) else parts:
        assert part in message, f"{kind} message {message!r} lacks {part!r}"


def expect(want, got):
    if not isinstance(got, Rows):
        match(want, got, 1e-6, "result")
        return
    rows = got.rows
    if want.get("any_order"):
        rows = sorted(rows, key=lambda r: r["id"])
    if "columns" in want:
        assert got.columns == want["columns"], f"columns {got.columns} != {want['columns']}"
    if "count" in want:
        assert len(rows) == want["count"], f"{len(rows)} rows, expected {want['count']}"
    if "ids" in want:
        assert [r["id"] for r in rows] == want["ids"], f"ids {[r['id'] for r in rows]} != {want['ids']}"
    if "rows" in want:
        assert len(rows) == len(want["rows"]), f"{len(rows)} rows, expected {len(want['rows'])}"
        for i, (w, r) in enumerate(zip(want["rows"], rows)):
            match(w, list(r.values()) if isinstance(w, list) else r, want.get("tolerance", 1e-6), f"row {i}")
    if "distances" in want:
        match(want["distances"], [r["_distance"] for r in rows], want.get("tolerance", 1e-4), "_distance")


def match(want, got, tol, path):
    """Equal, except that floats may differ by tol (relative, absolute below 1) and an expected
    object only checks the keys it lists."""
    if isinstance(want, dict):
        for key, value in want.items():
            assert key in got, f"{path}: no {key!r} in {got}"
            match(value, got[key], tol, f"{path}.{key}")
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), f"{path}: {got} != {want}"
        for i, (w, g) in enumerate(zip(want, got)):
            match(w, g, tol, f"{path}[{i}]")
    elif isinstance(want, float) or isinstance(got, float):
        assert isinstance(got, (int, float)) and not isinstance(got, bool) and \
            abs(got - want) <= tol * max(1.0, abs(want)), f"{path}: {got} != {want}"
    else:
        assert got == want and type(got) is type(want), f"{path}: {got!r} != {want!r}"
