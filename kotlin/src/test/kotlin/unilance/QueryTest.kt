package unilance

import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.EnumSource

class QueryTest : DatabaseTest() {
    private val dim = 16
    private val data = vectorRows(300, dim)

    @Test
    fun `scan with filter select limit and offset`() = runBlocking<Unit> {
        val table = db.createTable("t", data)
        val all = table.query().toBatch()
        assertEquals(300, all.rowCount)
        assertEquals(listOf("id", "text", "vector"), all.columnNames)

        val page = table.query().where("id >= 100 AND id < 200").select("id", "text").offset(10).limit(5).toBatch()
        assertEquals(listOf("id", "text"), page.columnNames)
        assertEquals(listOf<Long?>(110, 111, 112, 113, 114), page.int64("id"))
        assertEquals(listOf<String?>("row 110", "row 111", "row 112", "row 113", "row 114"), page.strings("text"))
    }

    @Test
    fun `a query is immutable and reusable`() = runBlocking<Unit> {
        val table = db.createTable("t", data)
        val base = table.query().where("id < 50")
        val limited = base.limit(3)
        assertEquals(50, base.toBatch().rowCount)
        assertEquals(3, limited.toBatch().rowCount)
        assertEquals(50, base.toBatch().rowCount)
    }

    @Test
    fun `toList gives rows as maps of typed values`() = runBlocking<Unit> {
        val table = db.createTable("t", data)
        val rows = table.query().where("id = 42").toList()
        assertEquals(1, rows.size)
        assertEquals(42L, rows[0]["id"])
        assertEquals("row 42", rows[0]["text"])
        assertContentEquals(data.vectors("vector")[42], rows[0]["vector"] as FloatArray)
    }

    @ParameterizedTest
    @EnumSource(value = DistanceType::class, names = ["L2", "COSINE", "DOT"])
    fun `vector search matches brute force`(type: DistanceType) = runBlocking<Unit> {
        val table = db.createTable("t", data)
        val query = randomVector(dim, seed = 99)
        val expected = bruteForce(data, query, type, 10)

        val hits = table.vectorSearch(query).distanceType(type).toBatch()
        assertEquals(expected.map { it.first }, hits.int64("id"))
        hits.float32("_distance").zip(expected).forEach { (actual, want) ->
            assertEquals(want.second, actual!!.toDouble(), 1e-4 * maxOf(1.0, Math.abs(want.second)))
        }
    }

    @Test
    fun `vector search returns ten rows unless limited and can filter`() = runBlocking<Unit> {
        val table = db.createTable("t", data)
        val query = randomVector(dim, seed = 5)
        assertEquals(10, table.vectorSearch(query).toBatch().rowCount)
        assertEquals(25, table.vectorSearch(query).limit(25).toBatch().rowCount)

        val expected = bruteForce(data, query, DistanceType.L2, 300).map { it.first }.filter { it % 3 == 0L }.take(4)
        val filtered = table.vectorSearch(query).where("id % 3 = 0").limit(4).select("id").toBatch()
        assertEquals(expected, filtered.int64("id"))
        assertEquals(listOf("id", "_distance"), filtered.columnNames)

        val post = table.vectorSearch(query).where("id % 3 = 0").postfilter().limit(4).toBatch()
        assertTrue(post.int64("id").all { it!! % 3 == 0L })
        val withRowId = table.vectorSearch(query).withRowId().limit(2).toBatch()
        assertTrue("_rowid" in withRowId.columnNames)
    }

    @Test
    fun `toFlow streams every row once`() = runBlocking<Unit> {
        val big = vectorRows(5000, 4)
        val table = db.createTable("big", big)
        val batches = table.query().select("id").toFlow().toList()
        val ids = batches.flatMap { it.int64("id") }
        assertEquals((0L until 5000L).toList(), ids.map { it!! }.sorted())
        assertEquals(5000, ids.toSet().size)
    }

    @Test
    fun `toFlow can be abandoned after the first batch`() = runBlocking<Unit> {
        val table = db.createTable("big", vectorRows(5000, 4))
        val first = table.query().select("id").toFlow().first()
        assertTrue(first.rowCount in 1..5000)
        assertEquals(5000, table.countRows())
    }
}
