package unilance

import java.io.File
import java.util.concurrent.TimeUnit as JavaTimeUnit
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.json.JSONArray
import org.json.JSONObject
import org.junit.jupiter.api.Test

/** Tables cross between this package and the official `lancedb` Python package unchanged. */
class CompatTest : DatabaseTest() {
    private val dim = 8
    private val query = randomVector(dim, seed = 21)

    /** Runs `compat.py` with the official package; returns its JSON answer. */
    private fun python(mode: String, table: String): JSONObject {
        val script = File(checkNotNull(javaClass.getResource("/compat.py")).toURI()).path
        val python = System.getProperty("unilance.python") ?: "python3"
        val queryJson = JSONArray(query.map { it.toDouble() }).toString()
        val log = File(dir.toFile(), "python-$mode.out")
        val err = File(dir.toFile(), "python-$mode.err")
        val process = ProcessBuilder(python, script, mode, dir.toString(), table, queryJson)
            .redirectOutput(log).redirectError(err).start()
        assertTrue(process.waitFor(120, JavaTimeUnit.SECONDS), "python did not finish")
        assertEquals(0, process.exitValue(), err.readText())
        return JSONObject(log.readText())
    }

    /** The Kotlin rows in the JSON shape the script prints (timestamps as counts, floats widened). */
    private fun plainRows(batch: Batch): List<Map<String, Any?>> {
        val columns = batch.columnNames.associateWith { name ->
            when (batch.field(name).dataType) {
                is unilance.ffi.DataType.Timestamp -> batch.timestamps(name)
                is unilance.ffi.DataType.Vector -> batch.vectors(name).map { v -> v?.map { it.toDouble() } }
                else -> List(batch.rowCount) { batch.value(name, it) }
            }
        }
        return List(batch.rowCount) { row -> columns.mapValues { it.value[row] } }.sortedBy { it["id"] as Long }
    }

    private fun jsonRows(json: JSONObject): List<Map<String, Any?>> {
        val rows = json.getJSONArray("rows")
        return List(rows.length()) { i ->
            val row = rows.getJSONObject(i)
            row.keySet().associateWith { key -> fromJson(key, row.get(key)) }
        }
    }

    /** JSON numbers come back as Int/Long/BigDecimal: normalise to what Kotlin reads. */
    private fun fromJson(column: String, value: Any?): Any? = when {
        value == JSONObject.NULL -> null
        value is JSONArray -> List(value.length()) { value.getDouble(it) }
        column == "id" || column == "ts" -> (value as Number).toLong()
        value is Number -> value.toDouble()
        else -> value
    }

    private fun ids(json: JSONObject): List<Long> = json.getJSONArray("top10").let { a -> List(a.length()) { a.getLong(it) } }

    @Test
    fun `a table written here is read identically by the official package`() = runBlocking {
        val data = batch {
            int64("id", List(150) { it.toLong() })
            utf8("text", List(150) { if (it % 9 == 4) null else "kt $it ü 🚀" })
            float32Vectors("vector", dim, List(150) { randomVector(dim, seed = 500 + it) })
            float64("score", List(150) { if (it % 4 == 1) null else it * 0.25 })
            bool("flag", List(150) { it % 3 == 0 })
            timestamp("ts", TimeUnit.MICROSECOND, List(150) { 1_600_000_000_000_000L + it * 7 }, timezone = "UTC")
        }
        val table = db.createTable("from_kotlin", data)
        val mine = table.vectorSearch(query).distanceType(DistanceType.L2).toBatch().int64("id")

        val theirs = python("read", "from_kotlin")
        assertEquals(plainRows(data), jsonRows(theirs))
        assertEquals(mine, ids(theirs))
        assertEquals(bruteForce(data, query, DistanceType.L2, 10).map { it.first }, mine)
    }

    @Test
    fun `a table written by the official package is read identically here`() = runBlocking {
        val theirs = python("write", "from_python")
        val table = db.openTable("from_python")
        val read = table.query().toBatch()
        assertEquals(200, read.rowCount)
        assertEquals(jsonRows(theirs), plainRows(read))
        assertEquals(ids(theirs), table.vectorSearch(query).toBatch().int64("id"))
    }
}
