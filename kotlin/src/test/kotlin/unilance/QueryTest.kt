package unilance

import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test

/** Kotlin-shaped queries (builders, toList, Flow); shared behaviour is in tests/scenarios/. */
class QueryTest : DatabaseTest() {
    private val dim = 16
    private val data = vectorRows(300, dim)

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
