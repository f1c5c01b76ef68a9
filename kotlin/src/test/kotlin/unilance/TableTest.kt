package unilance

import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Test

/** Kotlin-shaped table behaviour (builder nullability, use {}); shared behaviour is in tests/scenarios/. */
class TableTest : DatabaseTest() {
    private fun items(ids: List<Long>, prices: List<Double>) = batch {
        int64("id", ids)
        float64("price", prices)
        utf8("label", ids.map { if (it % 2 == 0L) "even" else "odd" })
    }

    @Test
    fun `schema reports names types and nullability`() = runBlocking<Unit> {
        val data = batch {
            int64("id", listOf(1L), nullable = false)
            utf8("text", listOf("a"))
            float32Vectors("vector", 3, listOf(floatArrayOf(1f, 2f, 3f)))
        }
        val table = db.createTable("t", data)
        assertEquals(
            listOf(
                Field("id", DataType.Int64, false),
                Field("text", DataType.Utf8, true),
                Field("vector", DataType.Vector(3), true),
            ),
            table.schema().fields,
        )
        assertEquals("t", table.name())
    }

    @Test
    fun `closeAndWait refuses later calls, close releases the handle, both idempotent`() = runBlocking<Unit> {
        val table = db.createTable("t", items(listOf(1), listOf(1.0)))
        table.closeAndWait()
        assertTrue(table.isClosed())
        table.closeAndWait()
        assertFailsWith<LanceException.Closed> { table.countRows() }
        table.use { }
        table.close()
        // UniFFI's own error for a released handle.
        assertFailsWith<IllegalStateException> { table.name() }
        assertEquals(1, db.openTable("t").countRows())
    }
}
