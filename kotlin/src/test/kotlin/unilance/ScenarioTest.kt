package unilance

import java.io.File
import java.nio.file.Files
import java.time.Duration
import kotlin.io.path.ExperimentalPathApi
import kotlin.io.path.deleteRecursively
import kotlinx.coroutines.runBlocking
import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.TestFactory

/**
 * Runs the shared scenarios in tests/scenarios/ (one test per file; the format is in
 * tests/scenarios/README.md). Python's test_scenarios.py and C#'s ScenarioTests.cs run the same
 * files, so one file holds all three languages to one behaviour. Only [ops] knows the Kotlin API:
 * adapt it, not the scenarios, when the API changes.
 */
class ScenarioTest {
    @TestFactory
    fun scenarios(): List<DynamicTest> {
        val files = SCENARIOS.listFiles { f -> f.name.endsWith(".json") }!!.sortedBy { it.name }
        check(files.isNotEmpty()) { "no scenario files in $SCENARIOS" }
        return files.flatMap { file ->
            val scenario = readJson(file) as Map<*, *>
            val storage = (scenario["storage"] as List<*>? ?: listOf("local")).map { it as String }
            storage.map { where ->
                check(where == "local" || where == "s3") { "${file.name}: unknown storage $where" }
                val name = if (storage == listOf("local")) file.nameWithoutExtension else "${file.nameWithoutExtension}@$where"
                DynamicTest.dynamicTest(name) { runBlocking { Scenario(if (where == "s3") S3.fromEnv() else null).run(scenario) } }
            }
        }
    }
}

private typealias Step = Map<*, *>

private val SCENARIOS: File = run {
    val configured = System.getProperty("unilance.scenarios") ?: System.getenv("UNILANCE_SCENARIOS")
    if (configured != null) return@run File(configured)
    generateSequence(File(System.getProperty("user.dir")).absoluteFile) { it.parentFile }
        .map { File(it, "tests/scenarios") }
        .firstOrNull { File(it, "data").isDirectory }
        ?: error("tests/scenarios not found above ${System.getProperty("user.dir")}; set UNILANCE_SCENARIOS")
}

/** The keys a step may have: tests/scenarios/step-keys.txt, shared by the three runners. */
private val STEP_KEYS: Set<String> = File(SCENARIOS, "step-keys.txt").readLines()
    .map { it.substringBefore('#').trim() }
    .filter { it.isNotEmpty() }
    .toSet()

// ---- the dispatch: scenario op -> Kotlin API ---------------------------------------------------

private val ops: Map<String, suspend Scenario.(Step) -> Any?> = mapOf(
    "connect" to { s ->
        val interval = (s["read_consistency_interval"] as Number?)?.let { Duration.ofNanos((it.toDouble() * 1e9).toLong()) }
        val (uri, options) = where(s)
        dbs[s.str("as") ?: "db"] = connect(uri, options, readConsistencyInterval = interval)
        null
    },
    "close" to { s -> if (s.containsKey("table")) table(s).closeAndWait() else db(s).closeAndWait() },
    "table_names" to { s -> db(s).tableNames() },
    "create_table" to { s -> bind(s, db(s).createTable(s.str("name")!!, batchOf(s["data"]), createMode(s), storageOptions(s))) },
    "create_empty_table" to { s -> bind(s, db(s).createEmptyTable(s.str("name")!!, schemaOf(s["schema"] as List<*>), createMode(s), storageOptions(s))) },
    "open_table" to { s -> bind(s, db(s).openTable(s.str("name")!!, (s["version"] as Number?)?.toLong(), storageOptions(s))) },
    "drop_table" to { s -> db(s).dropTable(s.str("name")!!) },
    "drop_all_tables" to { s -> db(s).dropAllTables() },
    "name" to { s -> table(s).name() },
    "count_rows" to { s -> table(s).countRows(s.str("filter")) },
    "add" to { s -> table(s).add(batchOf(s["data"]), AddMode.valueOf((s.str("mode") ?: "append").uppercase())).version },
    "delete" to { s -> table(s).delete(s.str("where")!!).let { mapOf("rows_deleted" to it.rowsDeleted, "version" to it.version) } },
    "update" to { s ->
        @Suppress("UNCHECKED_CAST")
        table(s).update(
            updates = (s["updates"] as Map<String, Any?>?)?.mapValues { scalarValue(it.value) },
            updatesSql = s["values"] as Map<String, String>?, where = s.str("where"))
            .let { mapOf("rows_updated" to it.rowsUpdated, "version" to it.version) }
    },
    "version" to { s -> table(s).version() },
    "checkout" to { s -> table(s).checkout((s["version"] as Number).toLong()) },
    "checkout_latest" to { s -> table(s).checkoutLatest() },
    "schema" to { s -> table(s).schema().fields.map { listOf(it.name, typeName(it.dataType) + if (it.nullable) "" else " not null") } },
    "create_index" to { s -> table(s).createIndex(s.str("column")!!, indexConfig(s), s["replace"] as Boolean? ?: true) },
    "list_indices" to { s ->
        table(s).listIndices().map { mapOf("name" to it.name, "index_type" to it.indexType, "columns" to it.columns) }
            .sortedBy { it["columns"].toString() }
    },
    "query" to { s -> rows(queryOptions(table(s).query(), s)) },
    "vector_search" to { s -> rows(queryOptions(table(s).vectorSearch(vector(s["vector"])), s)) },
    // ---- lifecycle: merge_insert, versions and tags, schema evolution, maintenance
    "merge_insert" to { s ->
        var builder = table(s).mergeInsert((s["on"] as List<*>).map { it as String })
        s["when_matched_update_all"]?.let { builder = builder.whenMatchedUpdateAll(it as? String) }
        if (s["when_not_matched_insert_all"] == true) builder = builder.whenNotMatchedInsertAll()
        s["when_not_matched_by_source_delete"]?.let { builder = builder.whenNotMatchedBySourceDelete(it as? String) }
        builder.execute(batchOf(s["data"])).let {
            mapOf("num_inserted_rows" to it.numInsertedRows, "num_updated_rows" to it.numUpdatedRows,
                "num_deleted_rows" to it.numDeletedRows, "version" to it.version)
        }
    },
    "list_versions" to { s -> table(s).listVersions().map { it.version } },
    "checkout_tag" to { s -> table(s).checkoutTag(s.str("tag")!!) },
    "restore" to { s -> table(s).restore((s["version"] as Number?)?.toLong()) },
    "create_tag" to { s -> table(s).tags().create(s.str("tag")!!, (s["version"] as Number).toLong()) },
    "list_tags" to { s -> table(s).tags().list().entries.sortedBy { it.key }.map { listOf(it.key, it.value.version) } },
    "tag_version" to { s -> table(s).tags().getVersion(s.str("tag")!!) },
    "delete_tag" to { s -> table(s).tags().delete(s.str("tag")!!) },
    "add_columns" to { s -> table(s).addColumns((s["columns"] as Map<*, *>).entries.associate { it.key as String to it.value as String }) },
    "alter_columns" to { s ->
        table(s).alterColumns((s["columns"] as Map<*, *>).map { ColumnAlteration(it.key as String, rename = it.value as String) })
    },
    "drop_columns" to { s -> table(s).dropColumns((s["columns"] as List<*>).map { it as String }) },
    "optimize" to { s ->
        table(s).optimize(null, false).compaction.let { mapOf("fragments_removed" to it.fragmentsRemoved, "fragments_added" to it.fragmentsAdded) }
    },
    "stats" to { s ->
        table(s).stats().let { mapOf("num_rows" to it.numRows, "num_indices" to it.numIndices, "num_fragments" to it.fragmentStats.numFragments) }
    },
    "rename_table" to { s -> db(s).renameTable(s.str("name")!!, s.str("new_name")!!) },
    // search_ scenarios
    "index_stats" to { s ->
        table(s).indexStats(s.str("name")!!)?.let {
            mapOf(
                "num_indexed_rows" to it.numIndexedRows, "num_unindexed_rows" to it.numUnindexedRows,
                "index_type" to it.indexType, "num_indices" to it.numIndices?.toLong(),
                "distance_type" to it.distanceType?.name?.lowercase(),
            )
        }
    },
    "drop_index" to { s -> table(s).dropIndex(s.str("name")!!) },
    "take_offsets" to { s -> rows(queryOptions(table(s).takeOffsets(longs(s["offsets"])), s)) },
    "take_row_ids" to { s -> rows(queryOptions(table(s).takeRowIds(longs(s["row_ids"])), s)) },
    // clone, head, listing, tokenize, metadata, primary key, manifest paths
    "clone_table" to { s ->
        val source = s.str("source")?.let { tables.getValue(it).uri() } ?: "$uri/${s.str("source_uri")!!}"
        bind(s, db(s).cloneTable(s.str("name")!!, source, (s["version"] as Number?)?.toLong(), s.str("tag"), s["is_shallow"] as Boolean? ?: true))
    },
    "head" to { s -> rowsOf(if (s.containsKey("n")) table(s).head((s["n"] as Number).toInt()) else table(s).head()) },
    "list_tables_pages" to { s ->
        val pages = mutableListOf<List<String>>()
        var token: String? = null
        do {
            val response = db(s).listTables(token, (s["limit"] as Number?)?.toInt())
            pages.add(response.tables)
            token = response.pageToken
            ensure(pages.size <= 100) { "list_tables did not end after 100 pages: $pages" }
        } while (token != null)
        pages
    },
    "tokenize" to { s -> table(s).tokenize(s.str("text")!!, s.str("column"), s.str("name")).map { listOf(it.text, it.position) } },
    "replace_field_metadata" to { s ->
        @Suppress("UNCHECKED_CAST")
        table(s).replaceFieldMetadata(s.str("column")!!, s["metadata"] as Map<String, String>)
    },
    "field_metadata" to { s -> table(s).schema().fields.first { it.name == s.str("column") }.metadata },
    "set_unenforced_primary_key" to { s -> table(s).setUnenforcedPrimaryKey((s["columns"] as List<*>).map { it as String }) },
    "uses_v2_manifest_paths" to { s -> table(s).usesV2ManifestPaths() },
    "migrate_manifest_paths_v2" to { s -> table(s).migrateManifestPathsV2() },
    // branches
    "create_branch" to { s -> bind(s, table(s).branches().create(s.str("name")!!, s.str("branch"), (s["version"] as Number?)?.toLong())) },
    "checkout_branch" to { s -> bind(s, table(s).branches().checkout(s.str("name")!!, (s["version"] as Number?)?.toLong())) },
    "delete_branch" to { s -> table(s).branches().delete(s.str("name")!!) },
    "list_branches" to { s ->
        table(s).branches().list().entries.sortedBy { it.key }.map { listOf(it.key, it.value.parentBranch, it.value.parentVersion) }
    },
    "current_branch" to { s -> table(s).currentBranch() },
    // blob columns
    "official_blob_table" to { s -> officialBlobTable(uri, s.str("name")!!) },
    "blob_columns" to { s -> table(s).blobColumns() },
    "fetch_blobs" to { s -> table(s).fetchBlobs(s.str("column")!!, longs(s["row_ids"])).map { digest(it) } },
    "fetch_blob_ranges" to { s ->
        val ranges = (s["ranges"] as List<*>).map { r -> longs(r).let { BlobRange(it[0], it[1], it[2]) } }
        table(s).fetchBlobRanges(s.str("column")!!, ranges).map { bytes -> bytes?.joinToString("") { "%02x".format(it) } }
    },
    "fetch_blob_files" to { s ->
        table(s).fetchBlobFiles(s.str("column")!!, longs(s["row_ids"])).map { file ->
            file?.use {
                val data = it.read()
                ensure(it.size() == data.size.toLong()) { "size() ${it.size()}, but ${data.size} bytes read" }
                digest(data)
            }
        }
    },
)

/** A blob as the scenarios expect it: its size and SHA-256 (hex), or null. */
private fun digest(blob: ByteArray?): Map<String, Any>? = blob?.let {
    val sha = java.security.MessageDigest.getInstance("SHA-256").digest(it).joinToString("") { b -> "%02x".format(b) }
    mapOf("size" to it.size.toLong(), "sha256" to sha)
}

/** A JSON value as the ScalarValue `update(updates = ...)` takes. */
private fun scalarValue(value: Any?): ScalarValue = when (value) {
    null -> ScalarValue.Null
    is Boolean -> ScalarValue.Bool(value)
    is Long -> ScalarValue.Int(value)
    is Int -> ScalarValue.Int(value.toLong())
    is Number -> ScalarValue.Float(value.toDouble())
    is String -> ScalarValue.String(value)
    else -> error("no ScalarValue for $value")
}

private fun longs(values: Any?) = (values as List<*>).map { (it as Number).toLong() }

/**
 * A structured FtsQuery: {"match": text, "column", "operator"}, {"phrase": text, "column"} or
 * {"combined_fields": text, "columns", "boosts", "operator"}.
 */
private fun ftsQuery(f: Map<*, *>): FtsQuery {
    val operator = Operator.valueOf((f.str("operator") ?: "or").uppercase())
    return when {
        f.containsKey("match") -> FtsQuery.Match(f.str("match")!!, f.str("column"), operator = operator)
        f.containsKey("combined_fields") -> FtsQuery.CombinedFields(
            f.str("combined_fields")!!, (f["columns"] as List<*>).map { it as String },
            (f["boosts"] as List<*>?)?.map { (it as Number).toFloat() }, operator,
        )
        else -> FtsQuery.Phrase(f.str("phrase")!!, f.str("column"))
    }
}

private fun queryOptions(query: Query, s: Step): Query {
    var q = query
    s.str("where")?.let { q = q.where(it) }
    (s["select"] as List<*>?)?.let { columns -> q = q.select(columns.map { it as String }) }
    (s["limit"] as Number?)?.let { q = q.limit(it.toInt()) }
    (s["offset"] as Number?)?.let { q = q.offset(it.toInt()) }
    s.str("column")?.let { q = q.column(it) }
    s.str("distance_type")?.let { q = q.distanceType(DistanceType.valueOf(it.uppercase())) }
    (s["nprobes"] as Number?)?.let { q = q.nprobes(it.toInt()) }
    (s["minimum_nprobes"] as Number?)?.let { q = q.minimumNprobes(it.toInt()) }
    (s["maximum_nprobes"] as Number?)?.let { q = q.maximumNprobes(it.toInt()) }
    (s["refine_factor"] as Number?)?.let { q = q.refineFactor(it.toInt()) }
    if (s["with_row_id"] == true) q = q.withRowId()
    if (s["with_row_address"] == true) q = q.withRowAddress()
    if (s["postfilter"] == true) q = q.postfilter()
    if (s["bypass_vector_index"] == true) q = q.bypassVectorIndex()
    if (s["fast_search"] == true) q = q.fastSearch()
    (s["ef"] as Number?)?.let { q = q.ef(it.toInt()) }
    (s["distance_range"] as List<*>?)?.let { r -> q = q.distanceRange((r[0] as Number?)?.toFloat(), (r[1] as Number?)?.toFloat()) }
    (s["order_by"] as List<*>?)?.let { keys ->
        q = q.orderBy(keys.map { k -> (k as Map<*, *>).let { ColumnOrdering(it.str("column")!!, it["ascending"] as Boolean? ?: true) } })
    }
    s.str("text")?.let { q = q.nearestToText(it) }
    (s["fts_query"] as Map<*, *>?)?.let { q = q.nearestToTextQuery(ftsQuery(it)) }
    return q
}

@Suppress("UNCHECKED_CAST")
private fun storageOptions(s: Step) = s["storage_options"] as Map<String, String>? ?: emptyMap()

private fun createMode(s: Step) = CreateMode.valueOf((s.str("mode") ?: "create").uppercase())

private fun indexConfig(s: Step): IndexConfig {
    val metric = s.str("distance_type")?.let { DistanceType.valueOf(it.uppercase()) }
    val partitions = (s["num_partitions"] as Number?)?.toInt()
    return when (val type = s.str("index_type")!!.uppercase()) {
        "AUTO" -> IndexConfig.Auto
        "IVF_PQ" -> IndexConfig.IvfPq(distanceType = metric, numPartitions = partitions, numSubVectors = (s["num_sub_vectors"] as Number?)?.toInt())
        "IVF_FLAT" -> IndexConfig.IvfFlat(distanceType = metric, numPartitions = partitions)
        "IVF_HNSW_SQ" -> IndexConfig.IvfHnswSq(
            distanceType = metric, numPartitions = partitions,
            m = (s["m"] as Number?)?.toInt(), efConstruction = (s["ef_construction"] as Number?)?.toInt(),
        )
        "BTREE" -> IndexConfig.BTree
        "BITMAP" -> IndexConfig.Bitmap
        "LABEL_LIST" -> IndexConfig.LabelList
        "FTS" -> IndexConfig.Fts(
            withPosition = s["with_position"] as Boolean? ?: false,
            blockSize = (s["block_size"] as Number?)?.toInt() ?: 128,
            memoryLimit = (s["memory_limit"] as Number?)?.toLong(),
            numWorkers = (s["num_workers"] as Number?)?.toInt(),
        )
        else -> error("unknown index_type $type")
    }
}

private suspend fun rows(query: Query): Rows = rowsOf(query.toBatch())

private fun rowsOf(batch: Batch): Rows {
    return Rows(batch.columnNames, batch.toRows().map { row -> row.mapValues { plain(it.value) } })
}

/** Values as the JSON side has them: Long, Double, String, Boolean, List, or null. */
private fun plain(value: Any?): Any? = when (value) {
    is Int -> value.toLong()
    is Float -> value.toDouble()
    is FloatArray -> value.map { it.toDouble() }
    else -> value
}

// ---- types: the scenario type names <-> DataType -------------------------------------------------

private fun dataType(name: String): DataType = when {
    name.startsWith("vector(") -> DataType.Vector(name.removePrefix("vector(").removeSuffix(")").toInt())
    else -> when (name) {
        "bool" -> DataType.Bool
        "int32" -> DataType.Int32
        "int64" -> DataType.Int64
        "float32" -> DataType.Float32
        "float64" -> DataType.Float64
        "utf8" -> DataType.Utf8
        else -> error("unknown type $name")
    }
}

private fun typeName(type: DataType): String = when (type) {
    is DataType.Vector -> "vector(${type.dim})"
    DataType.Bool -> "bool"
    DataType.Int32 -> "int32"
    DataType.Int64 -> "int64"
    DataType.Float32 -> "float32"
    DataType.Float64 -> "float64"
    DataType.Utf8 -> "utf8"
    else -> type.toString()
}

private fun schemaOf(columns: List<*>) = Schema(
    columns.map { c ->
        val (name, declared) = (c as List<*>).map { it as String }
        Field(name, dataType(declared.removeSuffix(" not null")), !declared.endsWith(" not null"))
    },
    emptyMap(),
)

// ---- the scenario engine (the same in every language) --------------------------------------------

private val NO_RESULT = Any()

private class Rows(val columns: List<String>, val rows: List<Map<String, Any?>>)

/** Where the test S3 server is (scripts/s3.sh exports it; scripts/test-kotlin.sh starts one). */
internal class S3(val endpoint: String, val bucket: String, accessKey: String, secretKey: String, region: String) {
    val options = mapOf(
        "endpoint" to endpoint, "allow_http" to "true", "aws_access_key_id" to accessKey,
        "aws_secret_access_key" to secretKey, "region" to region,
    )

    companion object {
        fun fromEnv(): S3 {
            fun v(name: String) = System.getenv("UNILANCE_S3_$name")
                ?: fail("UNILANCE_S3_$name is not set: start the S3 server with scripts/s3.sh start (scripts/test.sh does)")
            return S3(v("ENDPOINT"), v("BUCKET"), v("ACCESS_KEY"), v("SECRET_KEY"), v("REGION"))
        }
    }
}

/** A loopback port nothing listens on (bound, then released). */
private fun closedPort(): Int = java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()).use { it.localPort }

private class Scenario(val s3: S3? = null) {
    val dir = Files.createTempDirectory("unilance-scenario")
    /** The scenario's database: the temp directory, or a fresh prefix in the S3 bucket. */
    val uri = if (s3 != null) "s3://${s3.bucket}/kt-scenario-${java.util.UUID.randomUUID()}" else dir.toString()

    /** The URI and storage options a `connect` step opens (see tests/scenarios/README.md). */
    @Suppress("UNCHECKED_CAST")
    fun where(s: Step): Pair<String, Map<String, String>> {
        val given = s["storage_options"] as Map<String, String>? ?: emptyMap()
        s.str("uri")?.let { return it to given }
        var uri = uri
        val options = (s3?.options ?: emptyMap()) + given
        s.str("bucket")?.let { bucket ->
            ensure(s3 != null) { "`bucket` needs an S3 run" }
            uri = "s3://$bucket/" + uri.split("/", limit = 4)[3]
        }
        if (s["endpoint_down"] == true) {
            ensure(s3 != null) { "`endpoint_down` needs an S3 run" }
            return uri to options + ("endpoint" to "http://127.0.0.1:${closedPort()}")
        }
        return uri to options
    }

    val dbs = mutableMapOf<String, Connection>()
    val tables = mutableMapOf<String, Table>()

    fun db(s: Step) = dbs.getValue(s.str("db") ?: "db")
    fun table(s: Step) = tables.getValue(s.str("table")!!)
    fun bind(s: Step, table: Table) { tables[s.str("as") ?: s.str("name")!!] = table }

    @OptIn(ExperimentalPathApi::class)
    suspend fun run(scenario: Map<*, *>) {
        try {
            (scenario["steps"] as List<*>).forEachIndexed { i, step ->
                try {
                    step(step as Step)
                } catch (e: AssertionError) {
                    throw AssertionError("step ${i + 1} ${JSONObject(step as Map<*, *>)}: ${e.message}")
                }
            }
        } finally {
            tables.values.forEach { it.closeAndWait(); it.close() }
            dbs.values.forEach { it.closeAndWait(); it.close() }
            dir.deleteRecursively()
        }
    }

    suspend fun step(s: Step) {
        val unknown = s.keys - STEP_KEYS
        ensure(unknown.isEmpty()) { "unknown keys $unknown" }
        val op = ops[s.str("op")] ?: fail("unknown op ${s["op"]}")
        val before = s.str("unchanged")?.let { snapshot(tables.getValue(it)) }
        val started = System.nanoTime()
        val result = try {
            op(this, s)
        } catch (e: LanceException) {
            ensure(s.containsKey("error")) { "unexpected ${e::class.simpleName}: ${e.message}" }
            expectError(s["error"] as Map<*, *>, e::class.simpleName!!, e.message ?: "")
            NO_RESULT
        }
        (s["within_seconds"] as Number?)?.let { limit ->
            val took = (System.nanoTime() - started) / 1e9
            ensure(took <= limit.toDouble()) { "took %.1f s, limit $limit s".format(took) }
        }
        if (result !== NO_RESULT) {
            ensure(!s.containsKey("error")) { "expected ${(s["error"] as Map<*, *>)["kind"]}, but the call succeeded" }
            if (s.containsKey("expect")) expect(s["expect"], result) // "expect": null too
        }
        before?.let { ensure(snapshot(tables.getValue(s.str("unchanged")!!)) == it) { "table ${s["unchanged"]} changed" } }
    }

    suspend fun snapshot(table: Table): Pair<Long, List<Map<String, Any?>>> = table.version() to rows(table.query()).rows

    fun dataset(ref: Any?): Pair<List<List<String>>, List<List<Any?>>> {
        val d = if (ref is String) readJson(File(SCENARIOS, "data/$ref.json")) as Map<*, *> else ref as Map<*, *>
        val columns = d["columns"].let { c -> if (c is String) dataset(c).first else (c as List<*>).map { (it as List<*>).map { n -> n as String } } }
        val generate = d["generate"] as Map<*, *>?
        val rows = if (generate == null) (d["rows"] as List<*>).map { it as List<*> } else {
            val start = (generate["start"] as Long?) ?: 0L
            List((generate["rows"] as Long).toInt()) { i -> columns.map { (_, type) -> generated(type, start + i) } }
        }
        return columns to rows
    }

    fun batchOf(ref: Any?): Batch {
        val (columns, rows) = dataset(ref)
        return batch {
            columns.forEachIndexed { c, (name, type) ->
                val values = rows.map { it[c] }
                when {
                    type.startsWith("vector(") -> float32Vectors(name, type.removePrefix("vector(").removeSuffix(")").toInt(),
                        values.map { v -> (v as List<*>?)?.map { (it as Number).toFloat() }?.toFloatArray() })
                    type == "bool" -> bool(name, values.map { it as Boolean? })
                    type == "int32" -> int32(name, values.map { (it as Number?)?.toInt() })
                    type == "int64" -> int64(name, values.map { (it as Number?)?.toLong() })
                    type == "float32" -> float32(name, values.map { (it as Number?)?.toFloat() })
                    type == "float64" -> float64(name, values.map { (it as Number?)?.toDouble() })
                    type == "utf8" -> utf8(name, values.map { it as String? })
                    else -> error("unknown type $type")
                }
            }
        }
    }

    fun vector(ref: Any?): FloatArray {
        val values = if (ref is List<*>) ref else {
            val r = ref as Map<*, *>
            val (columns, rows) = dataset(r["data"])
            rows[(r["row"] as Long).toInt()][columns.indexOfFirst { it[0] == (r.str("column") ?: "vector") }] as List<*>
        }
        return values.map { (it as Number).toFloat() }.toFloatArray()
    }
}

private fun generated(type: String, n: Long): Any = when (type) {
    "int32", "int64" -> n
    "float32", "float64" -> n / 2.0
    "utf8" -> "row $n"
    "bool" -> n % 2 == 0L
    else -> List(type.removePrefix("vector(").removeSuffix(")").toInt()) { hashValue(n, it) }
}

/** A value in [-1, 1] that every language computes to the same float32 (integer arithmetic). */
private fun hashValue(row: Long, d: Int): Double {
    val m = 0xFFFFFFFFL
    var x = (row * 1000003 + d * 7919L + 1) and m
    x = (x * 2654435761L) and m
    x = x xor (x ushr 15)
    x = (x * 2246822519L) and m
    x = x xor (x ushr 13)
    return (x % 2001 - 1000) / 1000.0
}

private fun expectError(want: Map<*, *>, kind: String, message: String) {
    ensure(kind == want["kind"]) { "expected ${want["kind"]}, got $kind: $message" }
    val parts = when (val m = want["message"]) { null -> emptyList<Any?>(); is String -> listOf(m); else -> m as List<*> }
    for (part in parts) ensure(message.contains(part as String)) { "$kind message '$message' lacks '$part'" }
}

private fun expect(want: Any?, got: Any?) {
    if (got !is Rows) return match(want, got, 1e-6, "result")
    val w = want as Map<*, *>
    val rows = if (w["any_order"] == true) got.rows.sortedBy { it["id"] as Long } else got.rows
    w["columns"]?.let { ensure(got.columns == it) { "columns ${got.columns} != $it" } }
    w["count"]?.let { ensure(rows.size.toLong() == it) { "${rows.size} rows, expected $it" } }
    w["ids"]?.let { ids -> ensure(rows.map { it["id"] } == ids) { "ids ${rows.map { it["id"] }} != $ids" } }
    (w["rows"] as List<*>?)?.let { expected ->
        ensure(rows.size == expected.size) { "${rows.size} rows, expected ${expected.size}" }
        expected.zip(rows).forEachIndexed { i, (e, r) ->
            match(e, if (e is List<*>) r.values.toList() else r, (w["tolerance"] as Number?)?.toDouble() ?: 1e-6, "row $i")
        }
    }
    w["distances"]?.let { match(it, rows.map { r -> r["_distance"] }, (w["tolerance"] as Number?)?.toDouble() ?: 1e-4, "_distance") }
}

/** Equal, except that floats may differ by tol (relative, absolute below 1) and an expected
 * object only checks the keys it lists. */
private fun match(want: Any?, got: Any?, tol: Double, path: String) {
    when {
        want is Map<*, *> -> {
            ensure(got is Map<*, *>) { "$path: $got is not an object" }
            for ((key, value) in want) {
                ensure((got as Map<*, *>).containsKey(key)) { "$path: no '$key' in $got" }
                match(value, got[key], tol, "$path.$key")
            }
        }
        want is List<*> -> {
            ensure(got is List<*> && got.size == want.size) { "$path: $got != $want" }
            want.zip(got as List<*>).forEachIndexed { i, (w, g) -> match(w, g, tol, "$path[$i]") }
        }
        want is Double || got is Double -> {
            val ok = want is Number && got is Number &&
                Math.abs(got.toDouble() - want.toDouble()) <= tol * maxOf(1.0, Math.abs(want.toDouble()))
            ensure(ok) { "$path: $got != $want" }
        }
        else -> ensure(want == got) { "$path: $got != $want" }
    }
}

private fun ensure(condition: Boolean, message: () -> String) {
    if (!condition) throw AssertionError(message())
}

private fun fail(message: String): Nothing = throw AssertionError(message)

private fun Step.str(key: String) = this[key] as String?

/** JSON as plain values: Map, List, String, Long, Double, Boolean, null. */
private fun readJson(file: File): Any? = plainJson(JSONObject(file.readText()))

private fun plainJson(value: Any?): Any? = when (value) {
    is JSONObject -> value.keySet().associateWith { plainJson(value.get(it)) }
    is JSONArray -> (0 until value.length()).map { plainJson(value.get(it)) }
    JSONObject.NULL -> null
    is Int, is Long, is java.math.BigInteger -> (value as Number).toLong()
    is Number -> value.toDouble()
    else -> value
}
