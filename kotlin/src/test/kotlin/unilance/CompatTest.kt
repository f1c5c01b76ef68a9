package unilance

import kotlin.test.assertEquals
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
        val queryJson = JSONArray(query.map { it.toDouble() }).toString()
        return JSONObject(runPython("compat.py", listOf(mode, dir.toString(), table, queryJson), dir.toFile()))
    }

    private fun ids(json: JSONObject): List<Long> = json.getJSONArray("top10").let { a -> List(a.length()) { a.getLong(it) } }

    @Test
    fun `a table written here is read identically by the official package`() = runBlocking<Unit> {
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
    fun `a table written by the official package is read identically here`() = runBlocking<Unit> {
        val theirs = python("write", "from_python")
        val table = db.openTable("from_python")
        val read = table.query().toBatch()
        assertEquals(200, read.rowCount)
        assertEquals(jsonRows(theirs), plainRows(read))
        assertEquals(ids(theirs), table.vectorSearch(query).toBatch().int64("id"))
    }
}
