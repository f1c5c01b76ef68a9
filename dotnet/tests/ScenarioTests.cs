using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using UniLance.Testing;
using Step = System.Collections.Generic.Dictionary<string, object>;

namespace Unilance.Tests
{
    /// <summary>
    /// Runs the shared scenarios in tests/scenarios/ (one test per file; the format is in
    /// tests/scenarios/README.md). Python's test_scenarios.py and Kotlin's ScenarioTest.kt run the
    /// same files, so one file holds all three languages to one behaviour. Only <see cref="Ops"/>
    /// knows the C# API: adapt it, not the scenarios, when the API changes.
    /// </summary>
    public static class ScenarioTests
    {
        [TestCases(TimeoutSeconds = 300)]
        public static IEnumerable<TestCase> Scenarios()
        {
            var files = Directory.GetFiles(Dir, "*.json").OrderBy(f => f, StringComparer.Ordinal).ToList();
            if (files.Count == 0) throw new InvalidOperationException("no scenario files in " + Dir);
            var cases = new List<TestCase>();
            foreach (var f in files)
            {
                var scenario = (Step)Json.Parse(File.ReadAllText(f));
                var storage = scenario.ContainsKey("storage") ? ((List<object>)scenario["storage"]).Cast<string>().ToList() : new List<string> { "local" };
                foreach (var where in storage)
                {
                    if (where != "local" && where != "s3") throw new InvalidOperationException(f + ": unknown storage " + where);
                    var name = Path.GetFileNameWithoutExtension(f);
                    if (storage.Count != 1 || where != "local") name = name + "@" + where;
                    var s3 = where == "s3";
                    cases.Add(new TestCase(name, () => new Scenario(s3 ? S3.FromEnv() : null).Run(scenario)));
                }
            }
            return cases;
        }

        internal static readonly string Dir = FindDir();

        private static string FindDir()
        {
            var configured = Environment.GetEnvironmentVariable("UNILANCE_SCENARIOS");
            if (!string.IsNullOrEmpty(configured)) return configured;
            foreach (var start in new[] { Directory.GetCurrentDirectory(), AppDomain.CurrentDomain.BaseDirectory })
            {
                for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                {
                    var candidate = Path.Combine(dir.FullName, "tests", "scenarios");
                    if (Directory.Exists(Path.Combine(candidate, "data"))) return candidate;
                }
            }
            throw new DirectoryNotFoundException("tests/scenarios not found above " + Directory.GetCurrentDirectory() + "; set UNILANCE_SCENARIOS");
        }

        /// <summary>The keys a step may have: tests/scenarios/step-keys.txt, shared by the three runners.</summary>
        internal static readonly HashSet<string> StepKeys = new HashSet<string>(
            File.ReadAllLines(Path.Combine(Dir, "step-keys.txt"))
                .Select(line => line.Split('#')[0].Trim())
                .Where(line => line.Length > 0));

        // ---- the dispatch: scenario op -> C# API ---------------------------------------------------

        internal static readonly Dictionary<string, Func<Scenario, Step, Task<object>>> Ops = new Dictionary<string, Func<Scenario, Step, Task<object>>>
        {
            { "connect", async (sc, s) =>
                {
                    TimeSpan? interval = null;
                    if (s.ContainsKey("read_consistency_interval")) interval = TimeSpan.FromSeconds(Num(s["read_consistency_interval"]));
                    var where = sc.Where(s);
                    sc.Dbs[Str(s, "as") ?? "db"] = await LanceDb.ConnectAsync(where.Key, where.Value, readConsistencyInterval: interval);
                    return null;
                } },
            { "close", async (sc, s) => { await (s.ContainsKey("table") ? sc.Table(s).CloseAsync() : sc.Db(s).CloseAsync()); return null; } },
            { "table_names", async (sc, s) => (object)(await sc.Db(s).TableNamesAsync()).Cast<object>().ToList() },
            { "create_table", async (sc, s) => sc.Bind(s, await sc.Db(s).CreateTableAsync(Str(s, "name"), sc.BatchOf(s["data"]), Enum<CreateMode>(Str(s, "mode") ?? "create"), StorageOptions(s))) },
            { "create_empty_table", async (sc, s) => sc.Bind(s, await sc.Db(s).CreateEmptyTableAsync(Str(s, "name"), SchemaOf((List<object>)s["schema"]), Enum<CreateMode>(Str(s, "mode") ?? "create"), StorageOptions(s))) },
            { "open_table", async (sc, s) => sc.Bind(s, await sc.Db(s).OpenTableAsync(Str(s, "name"), s.ContainsKey("version") ? (long?)(long)s["version"] : null, StorageOptions(s))) },
            { "drop_table", async (sc, s) => { await sc.Db(s).DropTableAsync(Str(s, "name")); return null; } },
            { "drop_all_tables", async (sc, s) => { await sc.Db(s).DropAllTablesAsync(); return null; } },
            { "name", (sc, s) => Done(sc.Table(s).Name()) },
            { "count_rows", async (sc, s) => (object)await sc.Table(s).CountRowsAsync(Str(s, "filter")) },
            { "add", async (sc, s) => (object)(await sc.Table(s).AddAsync(sc.BatchOf(s["data"]), Enum<AddMode>(Str(s, "mode") ?? "append"))).Version },
            { "delete", async (sc, s) =>
                {
                    var r = await sc.Table(s).DeleteAsync(Str(s, "where"));
                    return new Step { { "rows_deleted", r.RowsDeleted }, { "version", r.Version } };
                } },
            { "update", async (sc, s) =>
                {
                    var values = s.ContainsKey("values") ? ((Step)s["values"]).ToDictionary(kv => kv.Key, kv => (string)kv.Value) : null;
                    var updates = s.ContainsKey("updates") ? ((Step)s["updates"]).ToDictionary(kv => kv.Key, kv => ScalarValueOf(kv.Value)) : null;
                    var r = await sc.Table(s).UpdateAsync(updates: updates, where: Str(s, "where"), updatesSql: values);
                    return new Step { { "rows_updated", r.RowsUpdated }, { "version", r.Version } };
                } },
            { "version", async (sc, s) => (object)await sc.Table(s).VersionAsync() },
            { "checkout", async (sc, s) => { await sc.Table(s).CheckoutAsync((long)s["version"]); return null; } },
            { "checkout_latest", async (sc, s) => { await sc.Table(s).CheckoutLatestAsync(); return null; } },
            { "schema", async (sc, s) => (object)(await sc.Table(s).SchemaAsync()).Fields
                .Select(f => (object)new List<object> { f.Name, TypeName(f.DataType) + (f.Nullable ? "" : " not null") }).ToList() },
            { "create_index", async (sc, s) =>
                {
                    await sc.Table(s).CreateIndexAsync(Str(s, "column"), IndexConfigOf(s), s.ContainsKey("replace") ? (bool)s["replace"] : true);
                    return null;
                } },
            { "list_indices", async (sc, s) => (object)(await sc.Table(s).ListIndicesAsync())
                .OrderBy(i => string.Join(",", i.Columns), StringComparer.Ordinal)
                .Select(i => (object)new Step { { "name", i.Name }, { "index_type", i.IndexType }, { "columns", i.Columns.Cast<object>().ToList() } })
                .ToList() },
            { "query", (sc, s) => RowsOf(QueryOptions(sc.Table(s).Query(), s)) },
            { "vector_search", (sc, s) => RowsOf(QueryOptions(sc.Table(s).VectorSearch(sc.Vector(s["vector"])), s)) },
            // ---- lifecycle: merge_insert, versions and tags, schema evolution, maintenance
            { "merge_insert", async (sc, s) =>
                {
                    var builder = sc.Table(s).MergeInsert(((List<object>)s["on"]).Cast<string>().ToList());
                    if (s.ContainsKey("when_matched_update_all")) builder = builder.WhenMatchedUpdateAll(s["when_matched_update_all"] as string);
                    if (Flag(s, "when_not_matched_insert_all")) builder = builder.WhenNotMatchedInsertAll();
                    if (s.ContainsKey("when_not_matched_by_source_delete")) builder = builder.WhenNotMatchedBySourceDelete(s["when_not_matched_by_source_delete"] as string);
                    var r = await builder.ExecuteAsync(sc.BatchOf(s["data"]));
                    return new Step { { "num_inserted_rows", r.NumInsertedRows }, { "num_updated_rows", r.NumUpdatedRows },
                        { "num_deleted_rows", r.NumDeletedRows }, { "version", r.Version } };
                } },
            { "list_versions", async (sc, s) => (object)(await sc.Table(s).ListVersionsAsync()).Select(v => (object)v.Version).ToList() },
            { "checkout_tag", async (sc, s) => { await sc.Table(s).CheckoutTagAsync(Str(s, "tag")); return null; } },
            { "restore", async (sc, s) => { await sc.Table(s).RestoreAsync(s.ContainsKey("version") ? (long?)(long)s["version"] : null); return null; } },
            { "create_tag", async (sc, s) => { await sc.Table(s).Tags().CreateAsync(Str(s, "tag"), (long)s["version"]); return null; } },
            { "list_tags", async (sc, s) => (object)(await sc.Table(s).Tags().ListAsync()).OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => (object)new List<object> { kv.Key, kv.Value.Version }).ToList() },
            { "tag_version", async (sc, s) => (object)await sc.Table(s).Tags().GetVersionAsync(Str(s, "tag")) },
            { "delete_tag", async (sc, s) => { await sc.Table(s).Tags().DeleteAsync(Str(s, "tag")); return null; } },
            { "add_columns", async (sc, s) =>
                {
                    await sc.Table(s).AddColumnsAsync(((Step)s["columns"]).ToDictionary(kv => kv.Key, kv => (string)kv.Value));
                    return null;
                } },
            { "alter_columns", async (sc, s) =>
                {
                    await sc.Table(s).AlterColumnsAsync(((Step)s["columns"]).Select(kv => new ColumnAlteration(kv.Key, rename: (string)kv.Value)).ToList());
                    return null;
                } },
            { "drop_columns", async (sc, s) => { await sc.Table(s).DropColumnsAsync(((List<object>)s["columns"]).Cast<string>().ToList()); return null; } },
            { "optimize", async (sc, s) =>
                {
                    var c = (await sc.Table(s).OptimizeAsync()).Compaction;
                    return new Step { { "fragments_removed", c.FragmentsRemoved }, { "fragments_added", c.FragmentsAdded } };
                } },
            { "stats", async (sc, s) =>
                {
                    var st = await sc.Table(s).StatsAsync();
                    return new Step { { "num_rows", st.NumRows }, { "num_indices", st.NumIndices }, { "num_fragments", st.FragmentStats.NumFragments } };
                } },
            { "rename_table", async (sc, s) => { await sc.Db(s).RenameTableAsync(Str(s, "name"), Str(s, "new_name")); return null; } },
            // search_ scenarios
            { "index_stats", async (sc, s) =>
                {
                    var st = await sc.Table(s).IndexStatsAsync(Str(s, "name"));
                    if (st == null) return null;
                    return new Step
                    {
                        { "num_indexed_rows", st.NumIndexedRows }, { "num_unindexed_rows", st.NumUnindexedRows },
                        { "index_type", st.IndexType }, { "num_indices", st.NumIndices.HasValue ? (object)(long)st.NumIndices.Value : null },
                        { "distance_type", st.DistanceType.HasValue ? st.DistanceType.Value.ToString().ToLowerInvariant() : null },
                    };
                } },
            { "drop_index", async (sc, s) => { await sc.Table(s).DropIndexAsync(Str(s, "name")); return null; } },
            { "take_offsets", (sc, s) => RowsOf(QueryOptions(sc.Table(s).TakeOffsets(Longs(s["offsets"])), s)) },
            { "take_row_ids", (sc, s) => RowsOf(QueryOptions(sc.Table(s).TakeRowIds(Longs(s["row_ids"])), s)) },
            // clone, head, listing, tokenize, metadata, primary key, manifest paths
            { "clone_table", async (sc, s) =>
                {
                    var source = s.ContainsKey("source") ? await sc.Tables[Str(s, "source")].UriAsync() : sc.DatabaseUri + "/" + Str(s, "source_uri");
                    return sc.Bind(s, await sc.Db(s).CloneTableAsync(Str(s, "name"), source, s.ContainsKey("version") ? (long?)(long)s["version"] : null,
                        Str(s, "tag"), s.ContainsKey("is_shallow") ? (bool)s["is_shallow"] : true));
                } },
            { "head", async (sc, s) => RowsOfBatch(await (s.ContainsKey("n") ? sc.Table(s).HeadAsync((int)(long)s["n"]) : sc.Table(s).HeadAsync())) },
            { "list_tables_pages", async (sc, s) =>
                {
                    var pages = new List<object>();
                    string token = null;
                    do
                    {
                        var response = await sc.Db(s).ListTablesAsync(token, s.ContainsKey("limit") ? (int?)(long)s["limit"] : null);
                        pages.Add(response.Tables.Cast<object>().ToList());
                        token = response.PageToken;
                        Assert.True(pages.Count <= 100, "list_tables did not end after 100 pages");
                    } while (token != null);
                    return pages;
                } },
            { "tokenize", async (sc, s) => (object)(await sc.Table(s).TokenizeAsync(Str(s, "text"), Str(s, "column"), Str(s, "name")))
                .Select(t => (object)new List<object> { t.Text, t.Position }).ToList() },
            { "replace_field_metadata", async (sc, s) =>
                {
                    await sc.Table(s).ReplaceFieldMetadataAsync(Str(s, "column"), ((Step)s["metadata"]).ToDictionary(kv => kv.Key, kv => (string)kv.Value));
                    return null;
                } },
            { "field_metadata", async (sc, s) => (object)(await sc.Table(s).SchemaAsync()).Fields.First(f => f.Name == Str(s, "column")).Metadata
                .ToDictionary(kv => kv.Key, kv => (object)kv.Value) },
            { "set_unenforced_primary_key", async (sc, s) => { await sc.Table(s).SetUnenforcedPrimaryKeyAsync(((List<object>)s["columns"]).Cast<string>().ToList()); return null; } },
            { "uses_v2_manifest_paths", async (sc, s) => (object)await sc.Table(s).UsesV2ManifestPathsAsync() },
            { "migrate_manifest_paths_v2", async (sc, s) => { await sc.Table(s).MigrateManifestPathsV2Async(); return null; } },
            // branches
            { "create_branch", async (sc, s) => sc.Bind(s, await sc.Table(s).Branches().CreateAsync(Str(s, "name"), Str(s, "branch"),
                s.ContainsKey("version") ? (long?)(long)s["version"] : null)) },
            { "checkout_branch", async (sc, s) => sc.Bind(s, await sc.Table(s).Branches().CheckoutAsync(Str(s, "name"),
                s.ContainsKey("version") ? (long?)(long)s["version"] : null)) },
            { "delete_branch", async (sc, s) => { await sc.Table(s).Branches().DeleteAsync(Str(s, "name")); return null; } },
            { "list_branches", async (sc, s) => (object)(await sc.Table(s).Branches().ListAsync()).OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => (object)new List<object> { kv.Key, kv.Value.ParentBranch, kv.Value.ParentVersion }).ToList() },
            { "current_branch", (sc, s) => Done(sc.Table(s).CurrentBranch()) },
            // blob columns
            { "official_blob_table", (sc, s) => { Fixtures.OfficialBlobTable(sc.DatabaseUri, Str(s, "name")); return Done(null); } },
            { "blob_columns", async (sc, s) => (object)(await sc.Table(s).BlobColumnsAsync()).Cast<object>().ToList() },
            { "fetch_blobs", async (sc, s) => (object)(await sc.Table(s).FetchBlobsAsync(Str(s, "column"), Longs(s["row_ids"]))).Select(Digest).ToList() },
            { "fetch_blob_ranges", async (sc, s) => (object)(await sc.Table(s).FetchBlobRangesAsync(Str(s, "column"),
                ((List<object>)s["ranges"]).Select(r => Longs(r)).Select(r => new BlobRange(r[0], r[1], r[2])).ToList()))
                .Select(b => b == null ? null : (object)string.Concat(b.Select(x => x.ToString("x2")))).ToList() },
            { "fetch_blob_files", async (sc, s) =>
                {
                    var digests = new List<object>();
                    foreach (var file in await sc.Table(s).FetchBlobFilesAsync(Str(s, "column"), Longs(s["row_ids"])))
                    {
                        if (file == null) { digests.Add(null); continue; }
                        using (file)
                        {
                            var data = await file.ReadAsync();
                            Assert.True(file.Size() == data.Length, "Size() " + file.Size() + ", but " + data.Length + " bytes read");
                            digests.Add(Digest(data));
                        }
                    }
                    return (object)digests;
                } },
        };

        /// <summary>A blob as the scenarios expect it: its size and SHA-256 (hex), or null.</summary>
        private static object Digest(byte[] blob)
        {
            if (blob == null) return null;
            using (var sha = System.Security.Cryptography.SHA256.Create())
            {
                return new Dictionary<string, object>
                {
                    { "size", (long)blob.Length },
                    { "sha256", string.Concat(sha.ComputeHash(blob).Select(x => x.ToString("x2"))) },
                };
            }
        }

        /// <summary>A JSON value as the ScalarValue <c>UpdateAsync(updates: ...)</c> takes.</summary>
        private static ScalarValue ScalarValueOf(object value)
        {
            if (value == null) return new ScalarValue.Null();
            if (value is bool) return new ScalarValue.Bool((bool)value);
            if (value is long) return new ScalarValue.Int((long)value);
            if (value is double) return new ScalarValue.Float((double)value);
            var text = value as string;
            if (text != null) return new ScalarValue.String(text);
            throw new ArgumentException("no ScalarValue for " + value);
        }

        private static long[] Longs(object values) { return ((List<object>)values).Select(v => (long)v).ToArray(); }

        /// <summary>A structured FtsQuery: {"match": text, "column", "operator"}, {"phrase": text, "column"} or
        /// {"combined_fields": text, "columns", "boosts", "operator"}.</summary>
        private static FtsQuery FtsQueryOf(Step f)
        {
            var op = Enum<Operator>(Str(f, "operator") ?? "or");
            if (f.ContainsKey("match"))
                return new FtsQuery.Match(Str(f, "match"), Str(f, "column"), @operator: op);
            if (f.ContainsKey("combined_fields"))
                return new FtsQuery.CombinedFields(Str(f, "combined_fields"), ((List<object>)f["columns"]).Cast<string>().ToList(),
                    f.ContainsKey("boosts") ? ((List<object>)f["boosts"]).Select(b => (float)Num(b)).ToArray() : null, op);
            return new FtsQuery.Phrase(Str(f, "phrase"), Str(f, "column"));
        }

        private static Query QueryOptions(Query q, Step s)
        {
            if (s.ContainsKey("where")) q = q.Where(Str(s, "where"));
            if (s.ContainsKey("select")) q = q.Select(((List<object>)s["select"]).Cast<string>().ToArray());
            if (s.ContainsKey("limit")) q = q.Limit((int)(long)s["limit"]);
            if (s.ContainsKey("offset")) q = q.Offset((int)(long)s["offset"]);
            if (s.ContainsKey("column")) q = q.Column(Str(s, "column"));
            if (s.ContainsKey("distance_type")) q = q.DistanceType(Enum<DistanceType>(Str(s, "distance_type")));
            if (s.ContainsKey("nprobes")) q = q.Nprobes((int)(long)s["nprobes"]);
            if (s.ContainsKey("minimum_nprobes")) q = q.MinimumNprobes((int)(long)s["minimum_nprobes"]);
            if (s.ContainsKey("maximum_nprobes")) q = q.MaximumNprobes((int)(long)s["maximum_nprobes"]);
            if (s.ContainsKey("refine_factor")) q = q.RefineFactor((int)(long)s["refine_factor"]);
            if (Flag(s, "with_row_id")) q = q.WithRowId();
            if (Flag(s, "with_row_address")) q = q.WithRowAddress();
            if (Flag(s, "postfilter")) q = q.Postfilter();
            if (Flag(s, "bypass_vector_index")) q = q.BypassVectorIndex();
            if (Flag(s, "fast_search")) q = q.FastSearch();
            if (s.ContainsKey("ef")) q = q.Ef((int)(long)s["ef"]);
            if (s.ContainsKey("distance_range"))
            {
                var r = (List<object>)s["distance_range"];
                q = q.DistanceRange(r[0] == null ? (float?)null : (float)Num(r[0]), r[1] == null ? (float?)null : (float)Num(r[1]));
            }
            if (s.ContainsKey("order_by"))
                q = q.OrderBy(((List<object>)s["order_by"]).Cast<Step>()
                    .Select(k => new ColumnOrdering(Str(k, "column"), k.ContainsKey("ascending") ? (bool)k["ascending"] : true)).ToList());
            if (s.ContainsKey("text")) q = q.NearestToText(Str(s, "text"));
            if (s.ContainsKey("fts_query")) q = q.NearestToTextQuery(FtsQueryOf((Step)s["fts_query"]));
            return q;
        }

        private static IndexConfig IndexConfigOf(Step s)
        {
            DistanceType? metric = null;
            if (s.ContainsKey("distance_type")) metric = Enum<DistanceType>(Str(s, "distance_type"));
            int? partitions = s.ContainsKey("num_partitions") ? (int?)(long)s["num_partitions"] : null;
            int? subVectors = s.ContainsKey("num_sub_vectors") ? (int?)(long)s["num_sub_vectors"] : null;
            switch (Str(s, "index_type").ToUpperInvariant())
            {
                case "AUTO": return new IndexConfig.Auto();
                case "IVF_PQ": return new IndexConfig.IvfPq(distanceType: metric, numPartitions: partitions, numSubVectors: subVectors);
                case "IVF_FLAT": return new IndexConfig.IvfFlat(distanceType: metric, numPartitions: partitions);
                case "IVF_HNSW_SQ": return new IndexConfig.IvfHnswSq(distanceType: metric, numPartitions: partitions,
                    m: s.ContainsKey("m") ? (int?)(long)s["m"] : null, efConstruction: s.ContainsKey("ef_construction") ? (int?)(long)s["ef_construction"] : null);
                case "BTREE": return new IndexConfig.BTree();
                case "BITMAP": return new IndexConfig.Bitmap();
                case "LABEL_LIST": return new IndexConfig.LabelList();
                case "FTS": return new IndexConfig.Fts(withPosition: Flag(s, "with_position"),
                    blockSize: s.ContainsKey("block_size") ? (int)(long)s["block_size"] : 128,
                    memoryLimit: s.ContainsKey("memory_limit") ? (long?)(long)s["memory_limit"] : null,
                    numWorkers: s.ContainsKey("num_workers") ? (int?)(long)s["num_workers"] : null);
                default: throw new ArgumentException("unknown index_type " + Str(s, "index_type"));
            }
        }

        internal static async Task<object> RowsOf(Query query) { return RowsOfBatch(await query.ToBatchAsync()); }

        private static object RowsOfBatch(Batch batch)
        {
            var rows = batch.ToRows().Select(r => r.ToDictionary(kv => kv.Key, kv => Plain(kv.Value))).ToList();
            return new Rows(batch.ColumnNames.ToList(), rows);
        }

        /// <summary>Values as the JSON side has them: long, double, string, bool, List, or null.</summary>
        private static object Plain(object value)
        {
            if (value is int) return (long)(int)value;
            if (value is float) return (double)(float)value;
            var vector = value as float[];
            if (vector != null) return vector.Select(v => (object)(double)v).ToList();
            return value;
        }

        // ---- types: the scenario type names <-> DataType --------------------------------------------

        private static DataType DataTypeOf(string name)
        {
            if (name.StartsWith("vector(")) return new DataType.Vector(Dim(name));
            switch (name)
            {
                case "bool": return new DataType.Bool();
                case "int32": return new DataType.Int32();
                case "int64": return new DataType.Int64();
                case "float32": return new DataType.Float32();
                case "float64": return new DataType.Float64();
                case "utf8": return new DataType.Utf8();
                default: throw new ArgumentException("unknown type " + name);
            }
        }

        private static string TypeName(DataType type)
        {
            var vector = type as DataType.Vector;
            return vector != null ? "vector(" + vector.Dim + ")" : type.GetType().Name.ToLowerInvariant();
        }

        private static Schema SchemaOf(List<object> columns)
        {
            return new Schema(columns.Cast<List<object>>().Select(c =>
            {
                var declared = (string)c[1];
                bool notNull = declared.EndsWith(" not null");
                return new Field((string)c[0], DataTypeOf(notNull ? declared.Substring(0, declared.Length - 9) : declared), !notNull);
            }).ToList(), new Dictionary<string, string>());
        }

        internal static int Dim(string vectorType) { return int.Parse(vectorType.Substring(7, vectorType.Length - 8), CultureInfo.InvariantCulture); }

        // ---- small readers ----------------------------------------------------------------------------

        internal static Dictionary<string, string> StorageOptions(Step s)
        {
            object v;
            return s.TryGetValue("storage_options", out v) ? ((Step)v).ToDictionary(kv => kv.Key, kv => (string)kv.Value) : new Dictionary<string, string>();
        }

        internal static string Str(Step s, string key) { object v; return s.TryGetValue(key, out v) ? (string)v : null; }

        private static bool Flag(Step s, string key) { object v; return s.TryGetValue(key, out v) && (bool)v; }

        internal static double Num(object v) { return v is long ? (long)v : (double)v; }

        private static T Enum<T>(string snake) where T : struct
        {
            var pascal = string.Concat(snake.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1)));
            return (T)System.Enum.Parse(typeof(T), pascal);
        }

        private static Task<object> Done(object value) { return Task.FromResult(value); }
    }

    /// <summary>A query result: column names and rows as plain values.</summary>
    internal sealed class Rows
    {
        public Rows(List<string> columns, List<Dictionary<string, object>> rows) { Columns = columns; Items = rows; }
        public List<string> Columns { get; private set; }
        public List<Dictionary<string, object>> Items { get; private set; }
    }

    /// <summary>One scenario's run: its temp directory and the connections and tables it named (the same engine in every language).</summary>
    /// <summary>Where the test S3 server is (scripts/s3.sh exports it; scripts/test-csharp.sh starts one).</summary>
    internal sealed class S3
    {
        public string Bucket;
        public Dictionary<string, string> Options;

        public static S3 FromEnv()
        {
            Func<string, string> v = name =>
            {
                var value = Environment.GetEnvironmentVariable("UNILANCE_S3_" + name);
                if (string.IsNullOrEmpty(value))
                    throw new AssertionException("UNILANCE_S3_" + name + " is not set: start the S3 server with scripts/s3.sh start (scripts/test.sh does)");
                return value;
            };
            return new S3
            {
                Bucket = v("BUCKET"),
                Options = new Dictionary<string, string>
                {
                    { "endpoint", v("ENDPOINT") }, { "allow_http", "true" }, { "aws_access_key_id", v("ACCESS_KEY") },
                    { "aws_secret_access_key", v("SECRET_KEY") }, { "region", v("REGION") },
                },
            };
        }

        /// <summary>A loopback port nothing listens on (bound, then released).</summary>
        public static int ClosedPort()
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }

    internal sealed class Scenario
    {
        public readonly string Dir = Fixtures.TempDir();
        private readonly S3 s3;
        /// <summary>The scenario's database: the temp directory, or a fresh prefix in the S3 bucket.</summary>
        private readonly string uri;
        public string DatabaseUri { get { return uri; } }

        public Scenario(S3 s3)
        {
            this.s3 = s3;
            uri = s3 == null ? Dir : "s3://" + s3.Bucket + "/cs-scenario-" + Guid.NewGuid().ToString("N");
        }

        /// <summary>The URI and storage options a <c>connect</c> step opens (see tests/scenarios/README.md).</summary>
        public KeyValuePair<string, Dictionary<string, string>> Where(Step s)
        {
            var given = ScenarioTests.StorageOptions(s);
            if (s.ContainsKey("uri")) return new KeyValuePair<string, Dictionary<string, string>>(ScenarioTests.Str(s, "uri"), given);
            var options = s3 == null ? new Dictionary<string, string>() : new Dictionary<string, string>(s3.Options);
            foreach (var kv in given) options[kv.Key] = kv.Value;
            var where = uri;
            if (s.ContainsKey("bucket"))
            {
                Assert.True(s3 != null, "`bucket` needs an S3 run");
                where = "s3://" + ScenarioTests.Str(s, "bucket") + "/" + uri.Split(new[] { '/' }, 4)[3];
            }
            if (s.ContainsKey("endpoint_down") && (bool)s["endpoint_down"])
            {
                Assert.True(s3 != null, "`endpoint_down` needs an S3 run");
                options["endpoint"] = "http://127.0.0.1:" + S3.ClosedPort();
            }
            return new KeyValuePair<string, Dictionary<string, string>>(where, options);
        }
        public readonly Dictionary<string, Connection> Dbs = new Dictionary<string, Connection>();
        public readonly Dictionary<string, Table> Tables = new Dictionary<string, Table>();

        public Connection Db(Step s) { return Dbs[ScenarioTests.Str(s, "db") ?? "db"]; }
        public Table Table(Step s) { return Tables[ScenarioTests.Str(s, "table")]; }
        public object Bind(Step s, Table table) { Tables[ScenarioTests.Str(s, "as") ?? ScenarioTests.Str(s, "name")] = table; return null; }

        public async Task Run(Step scenario)
        {
            try
            {
                int number = 0;
                foreach (Step step in (List<object>)scenario["steps"])
                {
                    number++;
                    try
                    {
                        await RunStep(step);
                    }
                    catch (AssertionException e)
                    {
                        throw new AssertionException("step " + number + " (" + ScenarioTests.Str(step, "op") + "): " + e.Message);
                    }
                }
            }
            finally
            {
                foreach (var t in Tables.Values) { await t.CloseAsync(); t.Dispose(); }
                foreach (var db in Dbs.Values) { await db.CloseAsync(); db.Dispose(); }
                try { Directory.Delete(Dir, true); } catch (IOException) { }
            }
        }

        private async Task RunStep(Step s)
        {
            var unknown = s.Keys.Where(k => !ScenarioTests.StepKeys.Contains(k)).ToList();
            Assert.True(unknown.Count == 0, "unknown keys " + string.Join(", ", unknown));
            Func<Scenario, Step, Task<object>> op;
            Assert.True(ScenarioTests.Ops.TryGetValue(ScenarioTests.Str(s, "op"), out op), "unknown op " + ScenarioTests.Str(s, "op"));
            var unchanged = ScenarioTests.Str(s, "unchanged");
            var before = unchanged == null ? null : await Snapshot(Tables[unchanged]);
            object result;
            var started = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                result = await op(this, s);
            }
            catch (LanceException e)
            {
                Assert.True(s.ContainsKey("error"), "unexpected " + e.GetType().Name + ": " + e.Message);
                ExpectError((Step)s["error"], e.GetType().Name, e.Message);
                result = NoResult;
            }
            if (s.ContainsKey("within_seconds"))
            {
                var took = started.Elapsed.TotalSeconds;
                var limit = ScenarioTests.Num(s["within_seconds"]);
                Assert.True(took <= limit, string.Format(CultureInfo.InvariantCulture, "took {0:F1} s, limit {1} s", took, limit));
            }
            if (result != NoResult)
            {
                Assert.False(s.ContainsKey("error"), "expected an error, but the call succeeded");
                if (s.ContainsKey("expect")) Expect(s["expect"], result);
            }
            if (before != null) Match(before, await Snapshot(Tables[unchanged]), 0, "table " + unchanged + " unchanged");
        }

        private static readonly object NoResult = new object();

        private static async Task<List<object>> Snapshot(Table table)
        {
            var rows = (Rows)await ScenarioTests.RowsOf(table.Query());
            return new List<object> { await table.VersionAsync(), rows.Items.Cast<object>().ToList() };
        }

        /// <summary>A dataset: the name of a file in data/, or an inline object (see the README).</summary>
        private KeyValuePair<List<List<object>>, List<List<object>>> Dataset(object reference)
        {
            var d = reference as Step ?? (Step)Json.Parse(File.ReadAllText(Path.Combine(ScenarioTests.Dir, "data", (string)reference + ".json")));
            var columns = d["columns"] is string
                ? Dataset(d["columns"]).Key
                : ((List<object>)d["columns"]).Cast<List<object>>().ToList();
            List<List<object>> rows;
            if (d.ContainsKey("generate"))
            {
                var g = (Step)d["generate"];
                long start = g.ContainsKey("start") ? (long)g["start"] : 0;
                rows = Enumerable.Range(0, (int)(long)g["rows"])
                    .Select(i => columns.Select(c => Generated((string)c[1], start + i)).ToList())
                    .ToList();
            }
            else
            {
                rows = ((List<object>)d["rows"]).Cast<List<object>>().ToList();
            }
            return new KeyValuePair<List<List<object>>, List<List<object>>>(columns, rows);
        }

        public Batch BatchOf(object reference)
        {
            var data = Dataset(reference);
            var builder = new BatchBuilder();
            for (int c = 0; c < data.Key.Count; c++)
            {
                string name = (string)data.Key[c][0], type = (string)data.Key[c][1];
                var values = data.Value.Select(r => r[c]).ToArray();
                if (type.StartsWith("vector(")) builder.Vectors(name, ScenarioTests.Dim(type), values.Select(Floats).ToArray());
                else if (type == "bool") builder.Bool(name, values.Select(v => (bool?)v).ToArray());
                else if (type == "int32") builder.Int32(name, values.Select(v => v == null ? (int?)null : (int)(long)v).ToArray());
                else if (type == "int64") builder.Int64(name, values.Select(v => v == null ? (long?)null : (long)v).ToArray());
                else if (type == "float32") builder.Float32(name, values.Select(v => v == null ? (float?)null : (float)ScenarioTests.Num(v)).ToArray());
                else if (type == "float64") builder.Float64(name, values.Select(v => v == null ? (double?)null : ScenarioTests.Num(v)).ToArray());
                else if (type == "utf8") builder.Utf8(name, values.Select(v => (string)v).ToArray());
                else throw new ArgumentException("unknown type " + type);
            }
            return builder.Build();
        }

        public float[] Vector(object reference)
        {
            var list = reference as List<object>;
            if (list == null)
            {
                var r = (Step)reference;
                var data = Dataset(r["data"]);
                string column = ScenarioTests.Str(r, "column") ?? "vector";
                int index = data.Key.FindIndex(c => (string)c[0] == column);
                list = (List<object>)data.Value[(int)(long)r["row"]][index];
            }
            return Floats(list);
        }

        private static float[] Floats(object values)
        {
            var list = values as List<object>;
            return list == null ? null : list.Select(v => (float)ScenarioTests.Num(v)).ToArray();
        }

        private static object Generated(string type, long n)
        {
            switch (type)
            {
                case "int32": case "int64": return n;
                case "float32": case "float64": return n / 2.0;
                case "utf8": return "row " + n;
                case "bool": return n % 2 == 0;
                default: return Enumerable.Range(0, ScenarioTests.Dim(type)).Select(d => (object)HashValue(n, d)).ToList();
            }
        }

        /// <summary>A value in [-1, 1] that every language computes to the same float32 (integer arithmetic).</summary>
        private static double HashValue(long row, int d)
        {
            const long m = 0xFFFFFFFFL;
            long x = unchecked(row * 1000003 + d * 7919L + 1) & m;
            x = unchecked(x * 2654435761L) & m;
            x ^= (long)((ulong)x >> 15);
            x = unchecked(x * 2246822519L) & m;
            x ^= (long)((ulong)x >> 13);
            return (x % 2001 - 1000) / 1000.0;
        }

        private static void ExpectError(Step want, string kind, string message)
        {
            Assert.True(kind == (string)want["kind"], "expected " + want["kind"] + ", got " + kind + ": " + message);
            object parts;
            if (!want.TryGetValue("message", out parts)) return;
            foreach (string part in parts is string ? new List<object> { parts } : (List<object>)parts)
            {
                Assert.True(message.Contains(part), kind + " message '" + message + "' lacks '" + part + "'");
            }
        }

        private static void Expect(object want, object got)
        {
            var result = got as Rows;
            if (result == null)
            {
                Match(want, got, 1e-6, "result");
                return;
            }
            var w = (Step)want;
            var rows = w.ContainsKey("any_order") && (bool)w["any_order"] ? result.Items.OrderBy(r => (long)r["id"]).ToList() : result.Items;
            double tolerance = w.ContainsKey("tolerance") ? ScenarioTests.Num(w["tolerance"]) : -1;
            if (w.ContainsKey("columns")) Match(w["columns"], result.Columns.Cast<object>().ToList(), 0, "columns");
            if (w.ContainsKey("count")) Assert.Equal((long)w["count"], (long)rows.Count, "row count");
            if (w.ContainsKey("ids")) Match(w["ids"], rows.Select(r => r["id"]).ToList(), 0, "ids");
            if (w.ContainsKey("rows"))
            {
                var expected = (List<object>)w["rows"];
                Assert.Equal(expected.Count, rows.Count, "row count");
                for (int i = 0; i < expected.Count; i++)
                {
                    object actual = expected[i] is List<object> ? (object)result.Columns.Select(c => rows[i][c]).ToList() : rows[i];
                    Match(expected[i], actual, tolerance >= 0 ? tolerance : 1e-6, "row " + i);
                }
            }
            if (w.ContainsKey("distances"))
            {
                Match(w["distances"], rows.Select(r => r["_distance"]).ToList(), tolerance >= 0 ? tolerance : 1e-4, "_distance");
            }
        }

        /// <summary>
        /// Equal, except that floats may differ by tol (relative, absolute below 1) and an expected
        /// object only checks the keys it lists.
        /// </summary>
        private static void Match(object want, object got, double tol, string path)
        {
            var wantObject = want as Step;
            var wantList = want as List<object>;
            if (wantObject != null)
            {
                var gotObject = got as Dictionary<string, object>;
                Assert.True(gotObject != null, path + ": " + Show(got) + " is not an object");
                foreach (var kv in wantObject)
                {
                    Assert.True(gotObject.ContainsKey(kv.Key), path + ": no '" + kv.Key + "' in " + Show(got));
                    Match(kv.Value, gotObject[kv.Key], tol, path + "." + kv.Key);
                }
            }
            else if (wantList != null)
            {
                var gotList = got as List<object>;
                Assert.True(gotList != null && gotList.Count == wantList.Count, path + ": " + Show(got) + " != " + Show(want));
                for (int i = 0; i < wantList.Count; i++) Match(wantList[i], gotList[i], tol, path + "[" + i + "]");
            }
            else if (want is double || got is double)
            {
                bool ok = (want is double || want is long) && (got is double || got is long) &&
                    Math.Abs(ScenarioTests.Num(got) - ScenarioTests.Num(want)) <= tol * Math.Max(1.0, Math.Abs(ScenarioTests.Num(want)));
                Assert.True(ok, path + ": " + Show(got) + " != " + Show(want));
            }
            else
            {
                Assert.True(Equals(want, got), path + ": " + Show(got) + " != " + Show(want));
            }
        }

        private static string Show(object v)
        {
            if (v == null) return "null";
            if (v is string) return "\"" + v + "\"";
            var dict = v as Dictionary<string, object>;
            if (dict != null) return "{" + string.Join(", ", dict.Select(kv => kv.Key + ": " + Show(kv.Value))) + "}";
            var list = v as System.Collections.IEnumerable;
            if (list != null) return "[" + string.Join(", ", list.Cast<object>().Select(Show)) + "]";
            return Convert.ToString(v, CultureInfo.InvariantCulture);
        }
    }
}
